// What the crates.io index said about a version, as a fact next to it: "yanked", "not on
// crates.io". No score, and no advice: yanking has been used as a lure (rustsec/advisory-db#3161).
import type { LockfileChange } from '../core/model.js'

/** What the index said, in words (`strong`: a finding, not only a missing fact); null: nothing. */
export function registryFact(change: LockfileChange): { words: string; strong: boolean } | null {
  const registry = change.registry
  if (registry === null || registry === undefined) return null
  switch (registry.status) {
    case 'published':
      return change.yanked === true ? { words: 'yanked', strong: true } : null
    case 'crate-not-found':
      return { words: 'crate not on crates.io', strong: true }
    case 'version-not-found':
      return { words: 'version not on crates.io', strong: true }
    case 'unknown':
      return { words: 'yanked: unknown', strong: false }
  }
}

/** ` · **yanked**`-style suffix for the new version; empty when there is nothing to say. */
export function registryLabel(change: LockfileChange): string {
  const fact = registryFact(change)
  if (fact === null) return ''
  return fact.strong ? ` · **${fact.words}**` : ` · ${fact.words}`
}

/** The intro of the list of such versions. */
export const REGISTRY_INTRO =
  'The crates.io index marks these versions as yanked (withdrawn by their publisher; no longer ' +
  'chosen by new resolutions), or does not list them at all (a crates.io package the registry ' +
  'does not know: a removed crate, a typo, or a lockfile pointing elsewhere).'
