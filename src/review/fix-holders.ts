// Who holds an affected crate at its locked version, read for the fix advice: the lockfile's
// dependency lists name the packages that depend on it; a workspace member's requirement comes
// from its manifest in the head tree, a crates.io parent's from its index line (`deps`). Read only
// for changes that have a fix to check, so a clean change costs no request.
import * as z from 'zod'
import { parseLockfile, type LockPackage, type ParsedLockfile } from '../cargo/lockfile.js'
import { parseManifest, type ParsedManifest } from '../cargo/manifest.js'
import { parseToml } from '../cargo/toml.js'
import { resolveWorkspace } from '../cargo/workspace.js'
import { getErrorMessage } from '../core/errors.js'
import { CRATES_IO, type FixRequirement, type LockfileReport, type Logger } from '../core/model.js'
import {
  believedAnswer,
  type CratesIndex,
  type IndexAnswer,
  type IndexVersion
} from '../advisories/crates-index/index.js'
import {
  adviseWithRequirements,
  type Holder,
  type ParentRelease
} from '../evaluate/fix-requirements.js'
import { reqMatches, parseCargoReq } from '../evaluate/requirement.js'
import { parseVersion } from '../evaluate/version.js'
import type { FileTree } from '../trees/tree.js'

/** Manifests read to find the members of one lockfile's workspace, at most. */
const MAX_MEMBER_MANIFESTS = 400
/** Parent crates looked up in the index for one run, at most. */
const MAX_PARENTS = 200

/** The head lockfile at `path`, parsed; null when it cannot be read. */
export async function readLockGraph(head: FileTree, path: string): Promise<ParsedLockfile | null> {
  const read = await head.read(path)
  if (read.kind !== 'ok') return null
  try {
    return parseLockfile(read.text, path)
  } catch {
    return null
  }
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

const MembersSchema = z.looseObject({
  workspace: z.looseObject({ members: z.array(z.string()).optional() }).optional()
})

/** Literal (not glob) `[workspace] members` of a root manifest, as manifest paths. */
function literalMembers(text: string, path: string): string[] {
  try {
    const parsed = MembersSchema.safeParse(parseToml(text, path))
    const dir = dirOf(path)
    const members = parsed.success ? (parsed.data.workspace?.members ?? []) : []
    return members
      .filter((m) => !/[*?[\]]/.test(m) && !m.split('/').includes('..'))
      .map((m) => `${dir === '' ? '' : `${dir}/`}${m.replace(/^\.\/|\/$/g, '')}/Cargo.toml`)
  } catch {
    return []
  }
}

/** The manifests of one lockfile's workspace by package name, with the workspace root. */
async function workspaceManifests(
  head: FileTree,
  lockfile: string
): Promise<{ byName: Map<string, ParsedManifest[]>; root: ParsedManifest | null }> {
  const dir = dirOf(lockfile)
  const rootPath = dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`
  const listed = await head.listCargoFiles().catch(() => [] as string[])
  const rootRead = await head.read(rootPath)
  const paths = new Set<string>([rootPath])
  if (rootRead.kind === 'ok') for (const p of literalMembers(rootRead.text, rootPath)) paths.add(p)
  // Members under the lockfile's directory first; then the rest of the tree, for path
  // dependencies outside it (`../globset`). The first manifest of a name wins.
  const inside = (p: string): boolean => dir === '' || p.startsWith(`${dir}/`)
  for (const p of listed) if (p.endsWith('Cargo.toml') && inside(p)) paths.add(p)
  for (const p of listed) if (p.endsWith('Cargo.toml') && !inside(p)) paths.add(p)
  const byName = new Map<string, ParsedManifest[]>()
  let root: ParsedManifest | null = null
  const reads = await Promise.all(
    [...paths].slice(0, MAX_MEMBER_MANIFESTS).map(async (p) => [p, await head.read(p)] as const)
  )
  for (const [p, read] of reads) {
    if (read.kind !== 'ok') continue
    try {
      const manifest = parseManifest(read.text, p)
      if (p === rootPath && manifest.isWorkspaceRoot) root = manifest
      const name = manifest.packageName
      if (name === null) continue
      const known = byName.get(name)
      if (known === undefined) byName.set(name, [manifest])
      else if (inside(p) && known.every((m) => inside(m.path))) known.push(manifest)
    } catch {
      // An unreadable manifest holds nothing we can read: its member stays unread.
    }
  }
  return { byName, root }
}

/** A member's requirements on `crate` that hold `version` (all of them if none seems to). */
function requirementsOn(
  manifest: ParsedManifest,
  root: ParsedManifest | null,
  crate: string,
  version: string
): FixRequirement[] {
  const all = resolveWorkspace(manifest, root).flatMap((d): FixRequirement[] => {
    if (d.name !== crate || d.origin.kind !== 'registry' || d.origin.registry !== null) return []
    if (d.workspace) {
      return [
        {
          crate,
          manifest: root?.path ?? manifest.path,
          section: 'workspace.dependencies',
          requirement: d.workspace_req ?? '*'
        }
      ]
    }
    return [{ crate, manifest: manifest.path, section: d.section, requirement: d.req ?? '*' }]
  })
  const ver = parseVersion(version)
  const holding = all.filter((r) => {
    const req = parseCargoReq(r.requirement)
    return req !== null && ver !== null && reqMatches(req, ver)
  })
  return holding.length > 0 ? holding : all
}

const IndexDepsSchema = z.array(
  z.looseObject({
    name: z.string(),
    req: z.string(),
    kind: z.string().nullish(),
    package: z.string().nullish()
  })
)

/** A parent's requirement on `crate` in one index line (null: the line has no such dependency). */
function indexRequirement(
  line: IndexVersion,
  crate: string,
  current: string | null
): string | null | undefined {
  const parsed = IndexDepsSchema.safeParse(line.deps ?? [])
  if (!parsed.success) return undefined
  const reqs = parsed.data
    .filter((d) => (d.package ?? d.name) === crate && d.kind !== 'dev')
    .map((d) => d.req)
  if (reqs.length === 0) return null
  const ver = current === null ? null : parseVersion(current)
  const holding = reqs.find((r) => {
    const req = parseCargoReq(r)
    return req !== null && ver !== null && reqMatches(req, ver)
  })
  return holding ?? reqs[0] ?? null
}

/** Head lockfiles parsed once for the run: by the parents' early look-up and by the advice. */
export type LockGraphs = Map<string, Promise<ParsedLockfile | null>>

function lockGraph(
  graphs: LockGraphs,
  head: FileTree,
  path: string
): Promise<ParsedLockfile | null> {
  let graph = graphs.get(path)
  if (graph === undefined) {
    graph = readLockGraph(head, path)
    graphs.set(path, graph)
  }
  return graph
}

/**
 * The crates.io parents, in the head lockfiles, of the changed crates an advisory source lists:
 * known as soon as the source has said which crates have advisories, before it has read them, so
 * their index files are read beside the records rather than in a round of their own after the
 * verdicts. A superset of what the advice asks (only changes with a fix to check need it); at most
 * MAX_PARENTS, sorted, those already `known` left out.
 */
export async function parentsOfListed(
  head: FileTree,
  lockfiles: readonly LockfileReport[],
  listed: ReadonlySet<string>,
  known: ReadonlySet<string>,
  graphs: LockGraphs
): Promise<string[]> {
  const names = new Set<string>()
  for (const lockfile of lockfiles) {
    const changes = lockfile.changes.filter((c) => c.kind !== 'removed' && listed.has(c.name))
    if (changes.length === 0) continue
    const lock = await lockGraph(graphs, head, lockfile.path)
    if (lock === null) continue
    for (const change of changes) {
      const pkg = findPackage(lock, change.name, change.version)
      if (pkg === null) continue
      for (const parent of dependentsOf(lock, pkg)) {
        if (parent.source === CRATES_IO && !known.has(parent.name)) names.add(parent.name)
      }
    }
  }
  return [...names].sort().slice(0, MAX_PARENTS)
}

function dependentsOf(lock: ParsedLockfile, target: LockPackage): LockPackage[] {
  return lock.packages.filter((p) => p.dependencies.includes(target))
}

interface Context {
  head: FileTree
  answers: Map<string, IndexAnswer>
}

async function holdersOf(
  lock: ParsedLockfile,
  pkg: LockPackage,
  members: Awaited<ReturnType<typeof workspaceManifests>>,
  context: Context,
  depth: number
): Promise<Holder[]> {
  const out: Holder[] = []
  for (const parent of dependentsOf(lock, pkg)) {
    if (parent.source === null) {
      const manifests = members.byName.get(parent.name)
      out.push({
        kind: 'member',
        name: parent.name,
        requirements:
          manifests === undefined
            ? null
            : manifests.flatMap((m) => requirementsOn(m, members.root, pkg.name, pkg.version))
      })
      continue
    }
    if (parent.source !== CRATES_IO) {
      out.push({
        kind: 'crate',
        name: parent.name,
        version: parent.version,
        requirement: null,
        releases: null,
        holders: []
      })
      continue
    }
    const answer = context.answers.get(parent.name)
    const believed = answer === undefined ? undefined : believedAnswer(parent.name, answer)
    const lines = believed?.kind === 'found' ? believed.file.versions : null
    const own = lines?.find((l) => l.version === parent.version)
    const requirement = own === undefined ? null : indexRequirement(own, pkg.name, pkg.version)
    const releases: ParentRelease[] | null =
      lines === null
        ? null
        : lines.flatMap((l) => {
            const req = indexRequirement(l, pkg.name, null)
            return req === undefined
              ? []
              : [{ version: l.version, yanked: l.yanked, requirement: req }]
          })
    out.push({
      kind: 'crate',
      name: parent.name,
      version: parent.version,
      requirement: requirement ?? null,
      releases,
      // One level up: the parent's own holders in this repository (to admit its new release).
      holders: depth > 0 ? [] : await holdersOf(lock, parent, members, context, depth + 1)
    })
  }
  return out
}

export interface FixHolderOptions {
  head: FileTree
  cratesIndex: CratesIndex | null
  /** The index answers already read (the changed crates). */
  answers: ReadonlyMap<string, IndexAnswer> | null
  logger: Logger
  /** The head lockfiles already parsed (parentsOfListed), reused. */
  graphs?: LockGraphs
}

/** The lockfile reports with every fix checked against the requirements in force. */
export async function withFixRequirements(
  lockfiles: readonly LockfileReport[],
  options: FixHolderOptions
): Promise<LockfileReport[]> {
  const wanted = lockfiles.filter((l) =>
    l.changes.some((c) => c.fix !== null && c.fix.kind !== 'remove' && c.fix.kind !== 'none')
  )
  if (wanted.length === 0) return lockfiles.map((l) => ({ ...l }))
  const graphs = new Map<string, ParsedLockfile | null>()
  const parsed: LockGraphs = options.graphs ?? new Map<string, Promise<ParsedLockfile | null>>()
  const parentNames = new Set<string>()
  for (const lockfile of wanted) {
    const lock = await lockGraph(parsed, options.head, lockfile.path)
    graphs.set(lockfile.path, lock)
    if (lock === null) continue
    for (const change of lockfile.changes) {
      const pkg = findPackage(lock, change.name, change.version)
      const checked =
        change.fix !== null && change.fix.kind !== 'none' && change.fix.kind !== 'remove'
      if (!checked || pkg === null) continue
      for (const parent of dependentsOf(lock, pkg)) {
        if (parent.source === CRATES_IO) parentNames.add(parent.name)
      }
    }
  }
  const answers = new Map(options.answers ?? [])
  const missing = [...parentNames]
    .filter((n) => !answers.has(n))
    .sort()
    .slice(0, MAX_PARENTS)
  if (options.cratesIndex !== null && missing.length > 0) {
    try {
      const looked = await options.cratesIndex.lookup(missing)
      for (const [name, answer] of looked.answers) answers.set(name, answer)
    } catch (error) {
      options.logger.warning(
        `crates.io index (parents of affected crates): ${getErrorMessage(error)}`
      )
    }
  }
  const context: Context = { head: options.head, answers }
  return Promise.all(
    lockfiles.map(async (lockfile) => {
      const lock = graphs.get(lockfile.path) ?? null
      if (!wanted.includes(lockfile)) return { ...lockfile }
      const members = await workspaceManifests(options.head, lockfile.path)
      const changes = await Promise.all(
        lockfile.changes.map(async (change) => {
          if (change.fix === null) return change
          if (change.fix.kind === 'remove' || change.fix.kind === 'none') {
            return { ...change, fix: adviseWithRequirements(change.fix, [], lockfile.path) }
          }
          const pkg = lock === null ? null : findPackage(lock, change.name, change.version)
          const holders: Holder[] =
            lock === null || pkg === null
              ? [{ kind: 'member', name: lockfile.path, requirements: null }]
              : await holdersOf(lock, pkg, members, context, 0)
          return { ...change, fix: adviseWithRequirements(change.fix, holders, lockfile.path) }
        })
      )
      return { ...lockfile, changes }
    })
  )
}

function findPackage(
  lock: ParsedLockfile,
  name: string,
  version: string | null
): LockPackage | null {
  return lock.byName.get(name)?.find((p) => p.version === version && p.source === CRATES_IO) ?? null
}
