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
import { pinnedVersions, type LockPin, type RustVersions } from './lock-pins.js'
import { isExcluded, isListedMember } from '../cargo/members.js'
import { configDirectories } from '../cargo/cooldown.js'
import {
  honoursRustVersion as configHonours,
  readIncompatibleRustVersions,
  type IncompatibleRustVersions
} from '../cargo/resolver-config.js'
import { workspaceMembers, workspaceTable, type ManifestReader } from './workspace-members.js'
import { diffManifests } from './manifest-diff.js'
import { compareStrings } from '../core/compare.js'
import { CargoFileError, getErrorMessage } from '../core/errors.js'
import { mapPool } from '../core/pool.js'
import {
  silentLogger,
  type FileProblem,
  type LockfileReport,
  type Logger,
  type ManifestChange,
  type ManifestReport,
  type Problem,
  type UnusedLockfile
} from '../core/model.js'
import { isCargoFile, type FileRead, type FileTree } from '../trees/tree.js'

export interface ChangeSet {
  /** Lockfiles with at least one change or an error, sorted by path. */
  lockfiles: LockfileReport[]
  /** Manifests with at least one change or an error, sorted by path. */
  manifests: ManifestReport[]
  problems: Problem[]
  /** Lockfiles Cargo does not read on a side (a member's own file inside a workspace): not diffed. */
  unusedLockfiles: UnusedLockfile[]
  /** Per requirement change, what the lockfile Cargo reads on each side pins (null: no such side). */
  pins: ReadonlyMap<ManifestChange, SidePins>
}

export interface SidePins {
  base: LockPin | null
  head: LockPin | null
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
  const unusedLockfiles: UnusedLockfile[] = []
  const pins = new Map<ManifestChange, SidePins>()
  const results = await mapPool(paths, READ_CONCURRENCY, (path) => comparePath(path, sides, logger))
  for (const result of results) {
    if (result === null) continue
    problems.push(...result.problems)
    if (result.kind === 'lockfile') unusedLockfiles.push(...result.unused)
    else for (const [change, pin] of result.pins) pins.set(change, pin)
    if (result.report.changes.length === 0 && result.report.error === null) continue
    if (result.kind === 'lockfile') lockfiles.push(result.report)
    else manifests.push(result.report)
  }
  return { lockfiles, manifests, problems, unusedLockfiles, pins }
}

type PathResult =
  | { kind: 'lockfile'; report: LockfileReport; problems: Problem[]; unused: UnusedLockfile[] }
  | {
      kind: 'manifest'
      report: ManifestReport
      problems: Problem[]
      pins: Map<ManifestChange, SidePins>
    }

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
    // A member's own Cargo.lock inside an enclosing workspace is not what Cargo reads: listed, not
    // judged. Unused only on the base side: every entry is new to the lockfile Cargo now reads.
    const [unusedBase, unusedHead] = await Promise.all([
      sides.base.unusedLockfile(path, logger),
      sides.head.unusedLockfile(path, logger)
    ])
    const unused: UnusedLockfile[] = []
    if (unusedBase !== null) unused.push({ path, side: 'base', workspace_root: unusedBase })
    if (unusedHead !== null) {
      unused.push({ path, side: 'head', workspace_root: unusedHead })
      logger.info(
        `${path} is not read by Cargo on ${sides.head.label} (a member of ${unusedHead}); not judged`
      )
      const report: LockfileReport = {
        path,
        base_format: null,
        head_format: null,
        changes: [],
        error: null
      }
      return { kind: 'lockfile', report, problems: [], unused }
    }
    const parse = (read: FileRead, side: Side): ParsedLockfile | null | undefined =>
      parseSide(read, side, path, problems, parseLockfile)
    const lockBase = unusedBase === null ? parse(before, 'base') : null
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
    return { kind: 'lockfile', report, problems: problems.map(toProblem), unused }
  }

  const parse = (read: FileRead, side: Side): ParsedManifest | null | undefined =>
    parseSide(read, side, path, problems, parseManifest)
  const manifestBase = parse(before, 'base')
  const manifestHead = parse(after, 'head')
  let changes: ManifestReport['changes'] = []
  const pins = new Map<ManifestChange, SidePins>()
  if (manifestBase !== undefined && manifestHead !== undefined) {
    const [depsBase, depsHead, lockBase, lockHead] = await Promise.all([
      resolveSide(manifestBase, sides.base, logger),
      resolveSide(manifestHead, sides.head, logger),
      sides.base.lockFor(manifestBase, logger),
      sides.head.lockFor(manifestHead, logger)
    ])
    changes = diffManifests(depsBase, depsHead)
    for (const change of changes) {
      pins.set(change, {
        base: lockBase === null ? null : lockBase(change),
        head: lockHead === null ? null : lockHead(change)
      })
    }
  }
  const report: ManifestReport = { path, changes, error: problems[0] ?? null }
  return { kind: 'manifest', report, problems: problems.map(toProblem), pins }
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
  private readonly locks = new Map<string, Promise<ParsedLockfile | 'none' | { error: string }>>()
  private readonly manifests = new Map<
    string,
    Promise<ParsedManifest | 'none' | { error: string }>
  >()
  private readonly memberLists = new Map<
    string,
    Promise<{ members: ParsedManifest[] } | { unknown: string }>
  >()
  private listing: Promise<string[]> | null = null

  constructor(private readonly tree: FileTree) {}

  /**
   * `[resolver] incompatible-rust-versions` as Cargo run in `dir` reads it: `.cargo/config` (used
   * when both exist) or `.cargo/config.toml` there and in every parent, the nearest setting winning.
   */
  private async incompatibleRustVersions(
    dir: string
  ): Promise<{ value: IncompatibleRustVersions | null } | { unknown: string }> {
    for (const cargoDir of configDirectories(dir === '' ? 'Cargo.lock' : `${dir}/Cargo.lock`)) {
      for (const path of [`${cargoDir}/config`, `${cargoDir}/config.toml`]) {
        const read = await this.read(path)
        if (read.kind === 'missing') continue
        if (read.kind === 'error') return { unknown: `${path} could not be read: ${read.message}` }
        const setting = readIncompatibleRustVersions(read.text)
        if ('error' in setting) return { unknown: `${path}: ${setting.error}` }
        if (setting.value !== null) return setting
        break
      }
    }
    return { value: null }
  }

  /** The members of the workspace `root`, found once per side. */
  membersOf(root: ParsedManifest): Promise<{ members: ParsedManifest[] } | { unknown: string }> {
    let members = this.memberLists.get(root.path)
    if (members === undefined) {
      const reader: ManifestReader = {
        list: () => (this.listing ??= this.tree.listCargoFiles()),
        manifest: (path) => this.manifestAt(path)
      }
      members = workspaceMembers(root, reader).catch((error: unknown) => ({
        unknown: `the members of ${root.path} could not be listed: ${getErrorMessage(error)}`
      }))
      this.memberLists.set(root.path, members)
    }
    return members
  }

  private manifestAt(path: string): Promise<ParsedManifest | 'none' | { error: string }> {
    let manifest = this.manifests.get(path)
    if (manifest === undefined) {
      manifest = this.read(path).then((read) => {
        if (read.kind === 'missing') return 'none'
        if (read.kind === 'error') return { error: read.message }
        try {
          return parseManifest(read.text, path)
        } catch (error) {
          return { error: getErrorMessage(error) }
        }
      })
      this.manifests.set(path, manifest)
    }
    return manifest
  }

  get label(): string {
    return this.tree.label
  }

  /**
   * What Cargo's fresh pick honours for `manifest` in the workspace of `root` (cargo ops/resolve.rs
   * `resolve_with_previous`): under resolver 3, the rust-version of every workspace member (the
   * manifest alone when it has no workspace), `toolchain` when none sets one; null otherwise.
   */
  async rustVersions(
    manifest: ParsedManifest,
    root: ParsedManifest,
    dir: string
  ): Promise<{ msrv: string | null; rust_versions: RustVersions }> {
    const setting = await this.incompatibleRustVersions(dir)
    if ('unknown' in setting) return { msrv: null, rust_versions: { unknown: setting.unknown } }
    if (!configHonours(setting.value, honoursRustVersion(root))) {
      return { msrv: null, rust_versions: null }
    }
    let members: ParsedManifest[] = [manifest]
    if (root.isWorkspaceRoot) {
      const found = await this.membersOf(root)
      if ('unknown' in found) return { msrv: null, rust_versions: { unknown: found.unknown } }
      members = found.members
    }
    const versions = members
      .map((m) => memberRustVersion(m, root))
      .filter((v): v is string => v !== null)
    if (versions.length === 0) return { msrv: null, rust_versions: 'toolchain' }
    return { msrv: lowestRustVersion(versions), rust_versions: versions }
  }

  /**
   * Where Cargo looks for the lockfile of `manifest`: its workspace root's directory (a root
   * whose `exclude` names the member does not count), else its own; the root, or why unknown.
   */
  async lockHome(
    manifest: ParsedManifest,
    logger: Logger
  ): Promise<{ dir: string; root: ParsedManifest } | { unknown: string }> {
    if (manifest.isWorkspaceRoot) return { dir: parentDir(manifest.path), root: manifest }
    const memberDir = parentDir(manifest.path)
    for (const candidate of workspaceRootCandidates(manifest)) {
      const root = await this.rootAt(candidate, logger)
      if (root === 'unknown') {
        return {
          unknown: `its workspace root candidate ${candidate} could not be read on ${this.tree.label}`
        }
      }
      if (root === 'none') continue
      const table = workspaceTable(root)
      // Excluded here, Cargo looks on at the farther ancestors (`find_workspace_root_with_loader`).
      if (isExcluded(table, memberDir)) continue
      if (!isListedMember(table, memberDir)) {
        // Neither listed nor excluded: a member only as a path dependency of one; otherwise
        // Cargo refuses to build it ("believes it's in a workspace when it's not").
        const members = await this.membersOf(root)
        if ('unknown' in members) return { unknown: members.unknown }
        if (!members.members.some((m) => m.path === manifest.path)) {
          return {
            unknown: `Cargo refuses to resolve it: it is under the workspace root ${root.path}, which neither lists it in members (nor through a member's path dependency) nor excludes it`
          }
        }
      }
      return { dir: table.rootDir, root }
    }
    return { dir: memberDir, root: manifest }
  }

  /** The lockfile manifest's Cargo reads, as a pin per requirement change; null without a manifest. */
  async lockFor(
    manifest: ParsedManifest | null,
    logger: Logger
  ): Promise<((change: ManifestChange) => LockPin | null) | null> {
    if (manifest === null) return null
    const home = await this.lockHome(manifest, logger)
    if ('unknown' in home) {
      const why = home.unknown
      return () => ({ kind: 'unknown', why })
    }
    const path = home.dir === '' ? 'Cargo.lock' : `${home.dir}/Cargo.lock`
    const lock = await this.lockAt(path)
    // Members that cannot be read leave only a fresh pick unknown, never a lockfile's pin.
    const { msrv, rust_versions } = await this.rustVersions(manifest, home.root, home.dir)
    if (lock === 'none') return () => ({ kind: 'none', msrv, rust_versions })
    if ('error' in lock) {
      const why = `${path} could not be read on ${this.tree.label}: ${lock.error}`
      return () => ({ kind: 'unknown', why })
    }
    return (change) => {
      const inherited = change.section === 'workspace.dependencies'
      const versions = pinnedVersions(lock, inherited ? null : manifest.packageName, change.name)
      // A [workspace.dependencies] entry no member uses is not resolved at all: nothing to judge.
      if (inherited && versions.length === 0) return null
      return { kind: 'lockfile', lockfile: path, versions, msrv, rust_versions }
    }
  }

  /** The workspace root's manifest path when Cargo does not read this lockfile on this side, else null. */
  async unusedLockfile(path: string, logger: Logger): Promise<string | null> {
    const dir = parentDir(path)
    const manifestPath = dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`
    const read = await this.read(manifestPath)
    if (read.kind !== 'ok') return null
    let manifest: ParsedManifest
    try {
      manifest = parseManifest(read.text, manifestPath)
    } catch {
      return null
    }
    if (manifest.isWorkspaceRoot) return null
    const home = await this.lockHome(manifest, logger)
    if ('unknown' in home || home.dir === dir) return null
    return home.root.path
  }

  private lockAt(path: string): Promise<ParsedLockfile | 'none' | { error: string }> {
    let lock = this.locks.get(path)
    if (lock === undefined) {
      lock = this.read(path).then((read) => {
        if (read.kind === 'missing') return 'none'
        if (read.kind === 'error') return { error: read.message }
        try {
          return parseLockfile(read.text, path)
        } catch (error) {
          return { error: getErrorMessage(error) }
        }
      })
      this.locks.set(path, lock)
    }
    return lock
  }

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

/** Resolver 3: written on the root, or implied by a root package's edition 2024. */
function honoursRustVersion(root: ParsedManifest): boolean {
  const resolver =
    root.resolver ?? (root.packageName !== null && root.edition === '2024' ? '3' : null)
  return resolver === '3'
}

/** A member's own rust-version, inherited from `[workspace.package]` when it says so. */
function memberRustVersion(member: ParsedManifest, root: ParsedManifest): string | null {
  return member.rustVersion === 'workspace' ? root.workspaceRustVersion : member.rustVersion
}

/** The lowest of some rust-versions (for display), compared as versions. */
function lowestRustVersion(versions: readonly string[]): string | null {
  const padded = (v: string) => {
    const parts = v.split('.')
    while (parts.length < 3) parts.push('0')
    return parts.map((p) => Number.parseInt(p, 10))
  }
  let lowest: string | null = null
  for (const v of versions) {
    if (lowest === null) lowest = v
    else {
      const [a, b] = [padded(v), padded(lowest)]
      const cmp = a.map((x, i) => x - (b[i] ?? 0)).find((d) => d !== 0) ?? 0
      if (cmp < 0) lowest = v
    }
  }
  return lowest
}
function parentDir(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

async function listPaths(
  base: FileTree,
  head: FileTree,
  only: readonly string[] | undefined
): Promise<string[]> {
  const all = only ?? [...(await base.listCargoFiles()), ...(await head.listCargoFiles())]
  return [...new Set(all.filter(isCargoFile))].sort(compareStrings)
}
