// What the crates.io index said about a version, as a fact next to it: "yanked", "not on
// crates.io". No score, and no advice: yanking has been used as a lure (rustsec/advisory-db#3161).
import type { LockfileChange } from '../core/model.js'

/** The change brings in a version the index marks yanked, or that crates.io does not list. */
export function isRegistryFinding(change: LockfileChange): boolean {
  const status = change.registry?.status
  return (
    (status === 'published' && change.yanked === true) ||
    status === 'crate-not-found' ||
    status === 'version-not-found'
  )
}

/** ` · **yanked**`-style suffix for the new version; empty when there is nothing to say. */
export function registryLabel(change: LockfileChange): string {
  const registry = change.registry
  if (registry === null || registry === undefined) return ''
  switch (registry.status) {
    case 'published':
      return change.yanked === true ? ' · **yanked**' : ''
    case 'crate-not-found':
      return ' · **crate not on crates.io**'
    case 'version-not-found':
      return ' · **version not on crates.io**'
    case 'unknown':
      return ' · yanked: unknown'
  }
}

/** The intro of the list of such versions. */
export const REGISTRY_INTRO =
  'The crates.io index marks these versions as yanked (withdrawn by their publisher; no longer ' +
  'chosen by new resolutions), or does not list them at all (a crates.io package the registry ' +
  'does not know: a removed crate, a typo, or a lockfile pointing elsewhere).'
