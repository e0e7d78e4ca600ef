// One advisory, one count: a RUSTSEC record and the GHSA (or CVE) record it lists as an alias are
// the same advisory wherever ids are counted. The engine folds them per crate; across crates (the
// GHSA names another crate than its RUSTSEC record, or a source serves only one of them) the same
// advisory can still arrive under two ids, so counts fold once more here. As in the engine's
// fold, two RUSTSEC records naming the same GHSA stay two advisories (they cover different
// crates). Pure.
import { compareStrings } from '../core/compare.js'

/** The id an advisory is counted under. */
export type CountedId = (id: string) => string

interface Named {
  id: string
  aliases: readonly string[]
}

const isRustsec = (id: string): boolean => id.startsWith('RUSTSEC-')

/** RUSTSEC ids count as themselves; any other id counts under the smallest RUSTSEC id it and a
 * RUSTSEC finding name each other by, else under the smallest other id it is named with. */
export function aliasFolder(findings: Iterable<Named>): CountedId {
  const byId = new Map<string, Set<string>>()
  for (const finding of findings) {
    const aliases = byId.get(finding.id) ?? new Set<string>()
    for (const alias of finding.aliases) aliases.add(alias)
    byId.set(finding.id, aliases)
  }
  const named = (a: string, b: string): boolean =>
    byId.get(a)?.has(b) === true || byId.get(b)?.has(a) === true
  const ids = [...byId.keys()].sort(compareStrings)
  const rustsec = ids.filter(isRustsec)
  const others = ids.filter((id) => !isRustsec(id))
  const counted = new Map<string, string>()
  for (const id of others) {
    const owner =
      rustsec.find((r) => named(r, id)) ?? others.find((o) => o === id || named(o, id)) ?? id
    counted.set(id, owner)
  }
  return (id) => counted.get(id) ?? id
}
