// analyze(): the pure core end to end. Changes between two trees → one advisory look-up for every
// crates.io crate they touch → findings per change → the report.
import { annotate, cratesToLookUp, type AdvisoryIndex } from '../evaluate/annotate.js'
import { summarize } from './counts.js'
import {
  selectAdvisories,
  unmaintainedAdvisory,
  type CrateAdvisory
} from '../evaluate/security-tab.js'
import {
  applyOutage,
  emptyLookupResult,
  outageReason,
  type AdvisorySource,
  type LookupResult
} from '../advisories/source.js'
import {
  indexCrates,
  publishedByCrate,
  withIndexFacts,
  type CratesIndex,
  type IndexAnswer
} from '../advisories/crates-index/index.js'
import { computeChanges } from '../diff/changes.js'
import { INDEX_OFF } from '../evaluate/annotate.js'
import { needsPick, type Releases } from '../evaluate/resolution.js'
import { effectiveReq, isCratesIoManifestChange } from '../evaluate/verdict.js'
import { parentsOfListed, withFixRequirements, type LockGraphs } from './fix-holders.js'
import { checkIndexKnowsCrates } from './index-mirror.js'
import { getErrorMessage } from '../core/errors.js'
import { plural } from '../core/plural.js'
import {
  silentLogger,
  type IgnoreRule,
  type LockfileReport,
  type Logger,
  type Problem,
  type Report
} from '../core/model.js'
import type { FileTree } from '../trees/tree.js'
import { readCooldownPolicies } from '../trees/cargo-config.js'
import type { CooldownPolicy } from '../cargo/cooldown.js'
import { countPublishAges, withPublishAge } from '../evaluate/publish-age.js'
import { DEFAULT_CRATES_INDEX_URL } from '../advisories/crates-index/index.js'

export interface AnalyzeOptions {
  base: FileTree
  head: FileTree
  /** null: no look-up; the report still lists the changes. */
  source: AdvisorySource | null
  /** The crates.io index for yanked status and published releases; null or absent: not read. */
  cratesIndex?: CratesIndex | null
  ignore?: readonly IgnoreRule[]
  logger?: Logger
  /** Only compare these Cargo files (the action passes the PR's changed files). */
  paths?: readonly string[]
  /** Problems found by the edges (e.g. a truncated PR file list). */
  extraProblems?: Problem[]
  toolVersion?: string
  /**
   * The run's time (ms since the epoch), from the edge's clock: publish ages are measured to it.
   * Absent: no publish ages and no cooldown in the report.
   */
  now?: number
  /**
   * The cooldown from the `min-publish-age` input / option, for every lockfile; absent or null:
   * each lockfile's own, from the BASE revision's Cargo config.
   */
  minPublishAge?: { seconds: number; value: string; origin: string } | null
}

/** The cooldown per lockfile: the input's for all, or each one's base Cargo config. */
async function cooldownPolicies(
  options: AnalyzeOptions,
  lockfiles: readonly string[]
): Promise<Map<string, CooldownPolicy>> {
  const given = options.minPublishAge ?? null
  if (given === null) return readCooldownPolicies(options.base, lockfiles)
  const policy: CooldownPolicy =
    given.seconds === 0
      ? { kind: 'off', origin: given.origin }
      : { kind: 'active', seconds: given.seconds, value: given.value, origin: given.origin }
  return new Map(lockfiles.map((path) => [path, policy]))
}

async function lookUp(
  source: AdvisorySource,
  crates: readonly string[],
  logger: Logger,
  onListed: (crates: readonly string[]) => void
): Promise<LookupResult> {
  // An object: flow analysis does not see the callback's assignment.
  const said = { listed: false }
  const hooks = {
    onListed: (names: readonly string[]): void => {
      said.listed = true
      onListed(names)
    }
  }
  try {
    const result = await source.lookup(crates, hooks)
    // A source that does not say it early (local files, rustsec.org) says it now.
    if (!said.listed) {
      onListed([...result.records].filter(([, records]) => records.length > 0).map(([n]) => n))
    }
    return result
  } catch (error) {
    // A source must not throw, but if it does every crate is unknown, not clean.
    const result = emptyLookupResult()
    applyOutage(result, crates, {
      cause: `the look-up failed: ${getErrorMessage(error)}`,
      hint: 'This is a bug in cargo-advisory-review; please report it.'
    })
    return result
  } finally {
    logger.debug(`advisory look-up for ${plural(crates.length, 'crate')} done`)
  }
}

/** Never rejects: a look-up that throws makes every crate's index facts unknown. */
async function lookUpIndex(
  cratesIndex: CratesIndex,
  crates: readonly string[],
  logger: Logger
): Promise<Map<string, IndexAnswer>> {
  try {
    const { answers, stats } = await cratesIndex.lookup(crates)
    logger.info(
      `crates.io index (${cratesIndex.description}): ${String(crates.length)} crates, ${String(stats.requests)} requests, ${String(stats.round_trips)} round trips, ${String(stats.ms)} ms`
    )
    return answers
  } catch (error) {
    const reason = `crates.io index (${cratesIndex.description}): ${getErrorMessage(error)}`
    return new Map(crates.map((name) => [name, { kind: 'unknown', reason }]))
  }
}

/** Never rejects: what it could not read is left to the advice's own look-up. */
async function lookUpParents(
  cratesIndex: CratesIndex,
  context: {
    head: FileTree
    lockfiles: readonly LockfileReport[]
    listed: ReadonlySet<string>
    known: ReadonlySet<string>
    graphs: LockGraphs
    logger: Logger
  }
): Promise<Map<string, IndexAnswer>> {
  try {
    const { head, lockfiles, listed, known, graphs } = context
    const names = await parentsOfListed(head, lockfiles, listed, known, graphs)
    if (names.length === 0) return new Map()
    const { answers, stats } = await cratesIndex.lookup(names)
    context.logger.debug(
      `crates.io index, parents of crates with advisories: ${String(names.length)} crates, ${String(stats.requests)} requests`
    )
    return answers
  } catch (error) {
    context.logger.debug(
      `crates.io index, parents of crates with advisories: ${getErrorMessage(error)}`
    )
    return new Map()
  }
}

export async function analyze(options: AnalyzeOptions): Promise<Report> {
  const logger = options.logger ?? silentLogger
  const changes = await computeChanges(options.base, options.head, {
    logger,
    ...(options.paths === undefined ? {} : { paths: options.paths })
  })
  const problems: Problem[] = [...changes.problems, ...(options.extraProblems ?? [])]

  // The index look-up starts now and runs beside the advisory look-up: no extra round trip.
  const cratesIndex = options.cratesIndex ?? null
  // Requirements no lockfile pins (or a stale one) resolve to the index's highest admitted release.
  const pickCrates = new Set<string>()
  for (const manifest of changes.manifests) {
    for (const change of manifest.changes) {
      const pins = changes.pins.get(change)
      if (pins === undefined || !isCratesIoManifestChange(change)) continue
      if (
        needsPick(pins.head, change.kind === 'removed' ? null : effectiveReq(change, 'head')) ||
        needsPick(pins.base, change.kind === 'added' ? null : effectiveReq(change, 'base'))
      ) {
        pickCrates.add(change.name)
      }
    }
  }
  const registryCrates =
    cratesIndex === null
      ? []
      : [...new Set([...indexCrates(changes.lockfiles), ...pickCrates])].sort()
  const registry =
    cratesIndex === null || registryCrates.length === 0
      ? Promise.resolve(null)
      : lookUpIndex(cratesIndex, registryCrates, logger)

  // The cooldown is read from the base beside the look-ups; only lockfiles with new versions.
  const now = options.now
  const policies =
    now === undefined
      ? null
      : cooldownPolicies(
          options,
          changes.lockfiles
            .filter((lockfile) => lockfile.changes.some((change) => change.kind !== 'removed'))
            .map((lockfile) => lockfile.path)
        )
  policies?.catch(() => undefined)

  // The fix advice reads the index files of the listed crates' parents: started as soon as the
  // source lists which crates have advisories, beside its record reads (one round, not two).
  const graphs: LockGraphs = new Map()
  const early: { parents: Promise<Map<string, IndexAnswer>> | null } = { parents: null }
  const onListed = (listed: readonly string[]): void => {
    if (cratesIndex === null || early.parents !== null || listed.length === 0) return
    early.parents = lookUpParents(cratesIndex, {
      head: options.head,
      lockfiles: changes.lockfiles,
      listed: new Set(listed),
      known: new Set(registryCrates),
      graphs,
      logger
    })
  }

  let index: AdvisoryIndex | null = null
  let outage: { reason: string; problem: Problem } | null = null
  if (options.source !== null) {
    const crates = cratesToLookUp(changes.lockfiles, changes.manifests)
    const result =
      crates.length === 0 ? null : await lookUp(options.source, crates, logger, onListed)
    const advisories = new Map<string, CrateAdvisory[]>()
    const unmaintained = new Map<string, string>()
    if (result !== null) {
      const { requests, round_trips, ms } = result.stats
      logger.info(
        `Advisory look-up: ${options.source.description}: ${plural(crates.length, 'crate')} (${String(result.failed.size)} unknown), ${plural(requests, 'request')}, ${plural(round_trips, 'round trip')}, ${String(ms)} ms`
      )
      for (const [name, records] of result.records) {
        advisories.set(name, selectAdvisories(name, records))
        const id = unmaintainedAdvisory(name, records)
        if (id !== null) unmaintained.set(name, id)
      }
      if (result.outage !== null) {
        const { cause, hint } = result.outage
        outage = {
          reason: outageReason(result.outage),
          problem: {
            kind: 'source-unavailable',
            message: `Advisories of ${crates.length === 1 ? 'the one crate' : `all ${plural(crates.length, 'crate')}`} are unknown: ${options.source.description} could not be used: ${cause}. ${hint}`,
            incomplete: true,
            hint
          }
        }
      }
    }
    index = { advisories, failed: result?.failed ?? new Map<string, string>(), unmaintained }
  }

  // Awaited only now (it ran beside the advisory look-up), before the verdicts: the fix advice
  // chooses among the releases the index lists.
  const firstAnswers = await registry
  const answers =
    cratesIndex === null
      ? firstAnswers
      : await checkIndexKnowsCrates(
          firstAnswers,
          cratesIndex,
          options.head,
          changes.lockfiles,
          logger
        )
  if (index !== null && cratesIndex !== null) {
    index = { ...index, published: publishedByCrate(answers) }
  }
  const indexed = withIndexFacts(
    changes.lockfiles,
    cratesIndex === null ? null : (answers ?? new Map())
  )
  problems.push(...indexed.problems)
  const aged =
    now === undefined || policies === null
      ? indexed
      : withPublishAge(indexed.lockfiles, {
          now,
          answers: cratesIndex === null ? null : (answers ?? new Map()),
          authoritative: cratesIndex?.description === DEFAULT_CRATES_INDEX_URL,
          policies: await policies
        })
  if (aged !== indexed) problems.push(...aged.problems)
  for (const lockfile of aged.lockfiles) {
    for (const change of lockfile.changes) {
      const status = change.registry?.status
      if (status === 'crate-not-found' || status === 'version-not-found') {
        logger.warning(
          `${change.name} ${change.version ?? ''} (${lockfile.path}): ${change.registry?.note ?? ''}`
        )
      }
    }
  }
  const releases = (name: string): Releases => {
    if (cratesIndex === null) return { unknown: INDEX_OFF }
    const answer = answers?.get(name)
    if (answer === undefined) return { unknown: 'the crates.io index was not asked for this crate' }
    if (answer.kind === 'unknown') return { unknown: `crates.io index: ${answer.reason}` }
    if (answer.kind === 'crate-not-found') return { releases: [] }
    return {
      releases: answer.file.versions.map((entry) => ({
        version: entry.version,
        yanked: entry.yanked,
        rust_version: entry.rustVersion ?? null
      }))
    }
  }
  const annotated = annotate(aged.lockfiles, changes.manifests, index, options.ignore ?? [], {
    pins: changes.pins,
    releases,
    indexAsked: cratesIndex !== null
  })
  for (const unused of changes.unusedLockfiles) {
    problems.push({
      kind: 'other',
      message: `${unused.path} is not read by Cargo on the ${unused.side} side (its package is a member of the workspace of ${unused.workspace_root}, whose Cargo.lock Cargo uses)${unused.side === 'head' ? '; it is not judged' : ''}`,
      incomplete: false
    })
  }
  // The fixes as Cargo will take them: checked against the requirements that hold each crate.
  const parents = await early.parents
  const lockfiles = await withFixRequirements(annotated.lockfiles, {
    head: options.head,
    cratesIndex,
    answers: parents == null ? answers : new Map([...parents, ...(answers ?? [])]),
    logger,
    graphs
  })
  for (const rule of annotated.unusedRules) {
    logger.info(`ignore rule ${rule.id} (${rule.origin}) matched no advisory in this change`)
  }
  if (outage === null) problems.push(...annotated.problems)
  else {
    // One cause, said once: the per-crate lines it would repeat are dropped (each change keeps its
    // lookup_error), other per-crate failures stay.
    const repeated = outage.reason
    problems.push(
      outage.problem,
      ...annotated.problems.filter(
        (problem) => !(problem.kind === 'lookup-failed' && problem.message.endsWith(repeated))
      )
    )
  }
  return {
    schema_version: 1,
    tool: { name: 'cargo-advisory-review', version: options.toolVersion ?? '0.0.0' },
    base: options.base.label,
    head: options.head.label,
    advisory_source: options.source?.description ?? null,
    crates_index: cratesIndex?.description ?? null,
    complete: !problems.some((problem) => problem.incomplete),
    problems,
    summary: {
      ...summarize(lockfiles, annotated.manifests),
      ...(now === undefined ? {} : countPublishAges(lockfiles))
    },
    lockfiles,
    manifests: annotated.manifests,
    unused_lockfiles: changes.unusedLockfiles
  }
}
