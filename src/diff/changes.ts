// computeChanges: reads every Cargo file of two trees, parses only the ones whose bytes differ, and
// diffs them. The only module of the engine that does I/O (through FileTree).
import { parseLockfile, type ParsedLockfile } from '../cargo/lockfile.js'
import { parseManifest, type ParsedManifest } from '../cargo/manifest.js'
import {
  resolveWorkspace,
  workspaceRootCandidates,
  type ResolvedDependency
} from '../cargo/workspace.js'
import { diffLockfiles } from './lockfile-diff.js'
import { diffManifests } from './manifest-diff.js'
import { compareStrings } from '../core/compare.js'
import { CargoFileError, getErrorMessage } from '../core/errors.js'
import { mapPool } from '../core/pool.js'
import {
  silentLogger,
  type FileProblem,
  type LockfileReport,
  type Logger,
  type ManifestReport,
  type Problem
} from '../core/model.js'
import { isCargoFile, type FileRead, type FileTree } from '../trees/tree.js'

export interface ChangeSet {
  /** Lockfiles with at least one change or an error, sorted by path. */
  lockfiles: LockfileReport[]
  /** Manifests with at least one change or an error, sorted by path. */
  manifests: ManifestReport[]
  problems: Problem[]
}

export interface ChangeOptions {
  logger?: Logger
  /** Only compare these paths (the action passes the PR's changed Cargo files); default: union of both trees' listCargoFiles(). */
  paths?: readonly string[]
}

type Side = 'base' | 'head'

/** Files read at once: enough to hide latency of a remote tree, few enough to stay polite. */
const READ_CONCURRENCY = 8

export async function computeChanges(
  base: FileTree,
  head: FileTree,
  options: ChangeOptions = {}
): Promise<ChangeSet> {
  const logger = options.logger ?? silentLogger
  const sides = { base: new SideReader(base), head: new SideReader(head) }
  const paths = await listPaths(base, head, options.paths)
  logger.debug(
    `comparing ${String(paths.length)} Cargo files between ${base.label} and ${head.label}`
  )

  const lockfiles: LockfileReport[] = []
  const manifests: ManifestReport[] = []
  const problems: Problem[] = []
  const results = await mapPool(paths, READ_CONCURRENCY, (path) => comparePath(path, sides, logger))
  for (const result of results) {
    if (result === null) continue
    problems.push(...result.problems)
    if (result.report.changes.length === 0 && result.report.error === null) continue
    if (result.kind === 'lockfile') lockfiles.push(result.report)
    else manifests.push(result.report)
  }
  return { lockfiles, manifests, problems }
}

type PathResult =
  | { kind: 'lockfile'; report: LockfileReport; problems: Problem[] }
  | { kind: 'manifest'; report: ManifestReport; problems: Problem[] }

async function comparePath(
  path: string,
  sides: Record<Side, SideReader>,
  logger: Logger
): Promise<PathResult | null> {
  const [before, after] = await Promise.all([sides.base.read(path), sides.head.read(path)])
  if (before.kind === 'missing' && after.kind === 'missing') return null
  // Unchanged bytes are never parsed: a deliberately broken test fixture costs nothing.
  if (before.kind === 'ok' && after.kind === 'ok' && before.text === after.text) return null

  const problems: FileProblem[] = []
  const isLockfile = path.endsWith('Cargo.lock')
  if (isLockfile) {
    const parse = (read: FileRead, side: Side): ParsedLockfile | null | undefined =>
      parseSide(read, side, path, problems, parseLockfile)
    const lockBase = parse(before, 'base')
    const lockHead = parse(after, 'head')
    for (const lock of [lockBase, lockHead]) {
      if (lock && lock.unresolved.length > 0) {
        logger.warning(
          `${path}: ${String(lock.unresolved.length)} dependency entries name no single package (e.g. "${lock.unresolved[0] ?? ''}"); dependency paths may be incomplete`
        )
      }
    }
    const failed = lockBase === undefined || lockHead === undefined
    const report: LockfileReport = {
      path,
      base_format: lockBase?.format ?? null,
      head_format: lockHead?.format ?? null,
      changes: failed ? [] : diffLockfiles(lockBase, lockHead),
      error: problems[0] ?? null
    }
    return { kind: 'lockfile', report, problems: problems.map(toProblem) }
  }

  const parse = (read: FileRead, side: Side): ParsedManifest | null | undefined =>
    parseSide(read, side, path, problems, parseManifest)
  const manifestBase = parse(before, 'base')
  const manifestHead = parse(after, 'head')
  let changes: ManifestReport['changes'] = []
  if (manifestBase !== undefined && manifestHead !== undefined) {
    const [depsBase, depsHead] = await Promise.all([
      resolveSide(manifestBase, sides.base, logger),
      resolveSide(manifestHead, sides.head, logger)
    ])
    changes = diffManifests(depsBase, depsHead)
  }
  const report: ManifestReport = { path, changes, error: problems[0] ?? null }
  return { kind: 'manifest', report, problems: problems.map(toProblem) }
}

/** Parsed file, null when the side has no such file, undefined when it could not be read (recorded). */
function parseSide<T>(
  read: FileRead,
  side: Side,
  path: string,
  problems: FileProblem[],
  parser: (text: string, path: string) => T
): T | null | undefined {
  if (read.kind === 'missing') return null
  if (read.kind === 'error') {
    problems.push({ path, side, message: read.message, line: null, column: null })
    return undefined
  }
  try {
    return parser(read.text, path)
  } catch (error) {
    problems.push(fileProblem(path, side, error))
    return undefined
  }
}

function fileProblem(path: string, side: Side, error: unknown): FileProblem {
  if (error instanceof CargoFileError) {
    return {
      path,
      side,
      message: stripPosition(error),
      line: error.line,
      column: error.column
    }
  }
  return { path, side, message: getErrorMessage(error), line: null, column: null }
}

/** CargoFileError's message starts with `path:line:column: `; FileProblem keeps those apart. */
function stripPosition(error: CargoFileError): string {
  let prefix = error.path
  if (error.line !== null) prefix += `:${String(error.line)}`
  if (error.line !== null && error.column !== null) prefix += `:${String(error.column)}`
  prefix += ': '
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
}

/** The one sentence for an unreadable file, wherever it is said (problems, gate, log). */
export function fileProblemMessage(problem: FileProblem): string {
  const position =
    problem.line === null
      ? ''
      : `:${String(problem.line)}${problem.column === null ? '' : `:${String(problem.column)}`}`
  return `${problem.path}${position} (${problem.side}) could not be read: ${problem.message}; its changes are unknown`
}

function toProblem(problem: FileProblem): Problem {
  return { kind: 'unreadable-file', message: fileProblemMessage(problem), incomplete: true }
}

async function resolveSide(
  manifest: ParsedManifest | null,
  side: SideReader,
  logger: Logger
): Promise<ResolvedDependency[] | null> {
  if (manifest === null) return null
  if (!manifest.dependencies.some((d) => d.workspace)) return resolveWorkspace(manifest, null)
  const root = await side.workspaceRoot(manifest, logger)
  return resolveWorkspace(manifest, root)
}

/** One side's reads and parsed workspace roots, each done once however many files ask. */
class SideReader {
  private readonly reads = new Map<string, Promise<FileRead>>()
  private readonly roots = new Map<string, Promise<ParsedManifest | 'none' | 'unknown'>>()

  constructor(private readonly tree: FileTree) {}

  read(path: string): Promise<FileRead> {
    let read = this.reads.get(path)
    if (read === undefined) {
      read = this.tree
        .read(path)
        .catch((error: unknown): FileRead => ({ kind: 'error', message: getErrorMessage(error) }))
      this.reads.set(path, read)
    }
    return read
  }

  /** The nearest workspace root of a member, null when none can be found or read. */
  async workspaceRoot(manifest: ParsedManifest, logger: Logger): Promise<ParsedManifest | null> {
    if (manifest.isWorkspaceRoot) return manifest
    for (const candidate of workspaceRootCandidates(manifest)) {
      const root = await this.rootAt(candidate, logger)
      // An unreadable candidate may be the root: guessing a farther one could give wrong answers.
      if (root === 'unknown') return null
      if (root !== 'none') return root
    }
    logger.debug(`${this.tree.label}: no workspace root found for ${manifest.path}`)
    return null
  }

  private rootAt(path: string, logger: Logger): Promise<ParsedManifest | 'none' | 'unknown'> {
    let root = this.roots.get(path)
    if (root === undefined) {
      root = this.read(path).then((read) => {
        if (read.kind === 'missing') return 'none'
        if (read.kind === 'error') {
          logger.warning(
            `${this.tree.label}: workspace root candidate ${path} could not be read (${read.message}); inherited requirements are unknown`
          )
          return 'unknown'
        }
        try {
          const parsed = parseManifest(read.text, path)
          return parsed.isWorkspaceRoot ? parsed : 'none'
        } catch (error) {
          logger.warning(
            `${this.tree.label}: workspace root candidate ${path} could not be parsed (${getErrorMessage(error)}); inherited requirements are unknown`
          )
          return 'unknown'
        }
      })
      this.roots.set(path, root)
    }
    return root
  }
}

async function listPaths(
  base: FileTree,
  head: FileTree,
  only: readonly string[] | undefined
): Promise<string[]> {
  const all = only ?? [...(await base.listCargoFiles()), ...(await head.listCargoFiles())]
  return [...new Set(all.filter(isCargoFile))].sort(compareStrings)
}
