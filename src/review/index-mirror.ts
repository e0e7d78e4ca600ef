// An index that knows none of the crates asked for is a wrong URL or a broken mirror, not news
// about each crate. When every answer is "no such crate", a few crates.io crates the head
// lockfiles hold and the change does not touch are asked too (crates.io knows them: Cargo
// resolved them from it); if the index knows none of those either, every answer becomes unknown
// with that one cause.
import { CRATES_IO, type LockfileReport, type Logger } from '../core/model.js'
import { getErrorMessage } from '../core/errors.js'
import type { CratesIndex, IndexAnswer } from '../advisories/crates-index/index.js'
import type { FileTree } from '../trees/tree.js'
import { readLockGraph } from './fix-holders.js'

/** Crates asked to tell a broken index from crates that are really gone. */
const CONTROL_CRATES = 3

async function controlCrates(
  head: FileTree,
  lockfiles: readonly LockfileReport[],
  asked: ReadonlySet<string>
): Promise<string[]> {
  const names = new Set<string>()
  for (const lockfile of lockfiles) {
    const lock = await readLockGraph(head, lockfile.path)
    for (const pkg of lock?.packages ?? []) {
      if (pkg.source === CRATES_IO && !asked.has(pkg.name)) names.add(pkg.name)
    }
  }
  return [...names].sort().slice(0, CONTROL_CRATES)
}

/**
 * The answers, or every one of them unknown when the index knows none of the lockfiles' crates.io
 * crates. With no other crate to ask, two or more "no such crate" answers are already that.
 */
export async function checkIndexKnowsCrates(
  answers: Map<string, IndexAnswer> | null,
  cratesIndex: CratesIndex,
  head: FileTree,
  lockfiles: readonly LockfileReport[],
  logger: Logger
): Promise<Map<string, IndexAnswer> | null> {
  if (answers === null || answers.size === 0) return answers
  if (![...answers.values()].every((a) => a.kind === 'crate-not-found')) return answers
  const controls = await controlCrates(head, lockfiles, new Set(answers.keys()))
  let knowsOne: boolean
  if (controls.length > 0) {
    try {
      const looked = await cratesIndex.lookup(controls)
      knowsOne = [...looked.answers.values()].some((a) => a.kind !== 'crate-not-found')
    } catch (error) {
      logger.debug(`crates.io index control look-up: ${getErrorMessage(error)}`)
      knowsOne = true // could not tell: keep the answers as they are
    }
  } else knowsOne = answers.size < 2
  if (knowsOne) return answers
  const asked = [...answers.keys(), ...controls]
  const reason = `crates.io index (${cratesIndex.description}) knows none of the ${String(asked.length)} crates.io crates asked for (${asked.slice(0, 5).join(', ')}${asked.length > 5 ? ', …' : ''}): a wrong URL or a broken mirror`
  logger.warning(reason)
  return new Map([...answers.keys()].map((name) => [name, { kind: 'unknown', reason }]))
}
