// Where a reviewer should look for each finding: the line of the head Cargo.toml that brought the
// crate in (its requirement, or the direct dependency through which the member's path reaches a
// transitive crate), or else the crate's [[package]] entry in Cargo.lock. Lines come from a TOML
// parser that keeps positions (for a Cargo-written lockfile, the one-pass reader of its plain
// part of TOML), never from searching the text. Pure: the head texts come in.
import { compareStrings } from '../core/compare.js'
import type {
  AdvisoryInfo,
  DependencySection,
  FindingKind as ReportFindingKind,
  LockfileChange,
  LockfileReport,
  ManifestChange,
  ManifestReport
} from '../core/model.js'
import { formatAge } from '../cargo/cooldown.js'
import { parseManifest } from '../cargo/manifest.js'
import { tomlPositions, type Span, type TomlPositions } from '../cargo/positions.js'
import { plainArrayTables, type ArrayTable } from '../cargo/lock-positions.js'
import { isCratesIoLockChange, isCratesIoManifestChange, nearestLockfile } from './verdict.js'

/**
 * - `introduced` / `malicious`: an advisory affects the new version and not the old one (malicious:
 *   any affected advisory in RustSec's `malicious` category);
 * - `still-affected`: it affects both;
 * - `too-new`: the version is younger than its lockfile's cooldown (`publish_age.too_new`);
 * - `yanked`, `not-published`, `unmaintained`: the crates.io facts the comment shows as notices.
 */
export type FindingKind = ReportFindingKind

export type FindingLevel = 'error' | 'warning' | 'notice'

export interface FindingLocation {
  /** Repository-relative path of the file (head). */
  path: string
  /** Null when the file could not be read for positions: the finding is on the file. */
  span: Span | null
  /**
   * `manifest`: the requirement's line in the member's Cargo.toml; `workspace`: the root's
   * `[workspace.dependencies]` line; `lockfile`: the crate's [[package]] entry; `file`: no line.
   */
  via: 'manifest' | 'workspace' | 'lockfile' | 'file'
  /** The root's `[workspace.dependencies]` line of a `x.workspace = true` requirement, when found. */
  related: { path: string; span: Span }[]
}

export interface Finding {
  kind: FindingKind
  level: FindingLevel
  crate: string
  /** The new version (lockfile) or null for a requirement no lockfile resolves. */
  version: string | null
  previous: string | null
  /** The requirement, for a finding on a requirement alone. */
  req: string | null
  /** The Cargo.lock or Cargo.toml whose change this is. */
  file: string
  /** The names between the member's direct dependency and the crate (empty for a direct one). */
  via: string[]
  /** The member the dependency path starts from, when known. */
  member: string | null
  /** The advisories behind the finding (none for the crates.io facts). */
  advisories: AdvisoryInfo[]
  /** For crates.io facts: what the index or RustSec said. */
  note: string | null
  location: FindingLocation
}

const LEVEL: Record<FindingKind, FindingLevel> = {
  malicious: 'error',
  introduced: 'error',
  'still-affected': 'warning',
  // An error when `fail-on-too-new` makes it fail the job (LocateInput.failOnTooNew).
  'too-new': 'notice',
  yanked: 'notice',
  'not-published': 'notice',
  unmaintained: 'notice'
}

/** Most decisive first: the order annotations are emitted in. */
export const KIND_ORDER: readonly FindingKind[] = [
  'malicious',
  'introduced',
  'still-affected',
  'too-new',
  'yanked',
  'not-published',
  'unmaintained'
]

const MALICIOUS = 'malicious'

/** Manifest sections in the order a direct dependency's line is preferred. */
const SECTION_ORDER: readonly DependencySection[] = [
  'dependencies',
  'build-dependencies',
  'dev-dependencies',
  'workspace.dependencies'
]
const LEGACY: Partial<Record<DependencySection, string>> = {
  'dev-dependencies': 'dev_dependencies',
  'build-dependencies': 'build_dependencies'
}

export interface LocateInput {
  lockfiles: readonly LockfileReport[]
  manifests: readonly ManifestReport[]
  /** Head text of each changed Cargo file that could be read. */
  texts: ReadonlyMap<string, string>
  /** Notices for newly added crates RustSec marks unmaintained (the `unmaintained: notice` mode). */
  unmaintained?: boolean
  /** `fail-on-too-new`: a version younger than the cooldown fails the job, so it is an error. */
  failOnTooNew?: boolean
}

/** Every finding of the report with its location, most decisive kind first, then by file and line. */
export function locateFindings(input: LocateInput): Finding[] {
  const files = new FilePositions(input.texts)
  const members = memberManifests(input.manifests, input.texts)
  const findings: Finding[] = []
  for (const lockfile of input.lockfiles) {
    for (const change of lockfile.changes) {
      if (change.kind === 'removed' || !isCratesIoLockChange(change)) continue
      const kinds = lockKinds(change, input)
      if (kinds.length === 0) continue
      const location = locateLockChange(change, lockfile, input, members, files)
      const path = change.dependency_path ?? []
      for (const { kind, advisories, note } of kinds) {
        findings.push({
          kind,
          level: kind === 'too-new' && input.failOnTooNew === true ? 'error' : LEVEL[kind],
          crate: change.name,
          version: change.version,
          previous: change.previous,
          req: null,
          file: lockfile.path,
          via: path.length > 2 ? path.slice(1, -1) : [],
          member: path.length >= 2 ? (path[0] ?? null) : null,
          advisories,
          note,
          location
        })
      }
    }
  }
  for (const manifest of input.manifests) {
    for (const change of manifest.changes) {
      // A requirement a lockfile resolves is judged (and located) through that lockfile's change.
      if (change.kind === 'removed' || change.locked_by !== null) continue
      if (!isCratesIoManifestChange(change)) continue
      for (const { kind, advisories } of advisoryKinds(change.advisories)) {
        findings.push({
          kind,
          level: LEVEL[kind],
          crate: change.name,
          version: null,
          previous: null,
          req: change.workspace ? change.workspace_req : change.req,
          file: manifest.path,
          via: [],
          member: null,
          advisories,
          note: null,
          location: locateRequirement(manifest.path, change, input, files)
        })
      }
    }
  }
  return findings.sort(compareFindings)
}

/** `h2 0.3.26 via aws-sdk-s3 → aws-smithy-runtime` (the path from the member's direct dependency). */
export function findingSubject(finding: Finding): string {
  const version = finding.version ?? (finding.req === null ? '' : `(requirement ${finding.req})`)
  const via = finding.via.length === 0 ? '' : ` via ${finding.via.join(' → ')}`
  return `${finding.crate} ${version}${via}`.replace(/ {2,}/g, ' ').trim()
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    compareStrings(a.location.path, b.location.path) ||
    (a.location.span?.line ?? 0) - (b.location.span?.line ?? 0) ||
    compareStrings(a.crate, b.crate) ||
    compareStrings(a.version ?? '', b.version ?? '')
  )
}

interface KindGroup {
  kind: FindingKind
  advisories: AdvisoryInfo[]
  note: string | null
}

/** Non-ignored advisories by what they mean here; malicious ones apart (they lead). */
function advisoryKinds(findings: readonly (AdvisoryInfo & { verdict: string })[]): KindGroup[] {
  const groups: KindGroup[] = []
  const add = (kind: FindingKind, advisories: AdvisoryInfo[]) => {
    if (advisories.length > 0) groups.push({ kind, advisories, note: null })
  }
  const active = findings.filter(
    (f) => f.ignored === null && (f.verdict === 'introduced' || f.verdict === 'still-affected')
  )
  const malicious = active.filter((f) => f.categories.includes(MALICIOUS))
  const rest = active.filter((f) => !f.categories.includes(MALICIOUS))
  add('malicious', malicious)
  add(
    'introduced',
    rest.filter((f) => f.verdict === 'introduced')
  )
  add(
    'still-affected',
    rest.filter((f) => f.verdict === 'still-affected')
  )
  return groups
}

function lockKinds(change: LockfileChange, input: LocateInput): KindGroup[] {
  const groups = advisoryKinds(change.advisories)
  const age = change.publish_age
  if (age?.too_new === true) groups.push({ kind: 'too-new', advisories: [], note: tooNewNote(age) })
  if (change.yanked === true) {
    groups.push({ kind: 'yanked', advisories: [], note: 'yanked from crates.io' })
  }
  const status = change.registry?.status
  if (status === 'crate-not-found' || status === 'version-not-found') {
    groups.push({ kind: 'not-published', advisories: [], note: change.registry?.note ?? null })
  }
  // As the comment shows it: only for a crate the change adds, only when asked for.
  if (input.unmaintained === true && change.kind === 'added' && change.unmaintained !== null) {
    groups.push({
      kind: 'unmaintained',
      advisories: [],
      note: `unmaintained (${change.unmaintained})`
    })
  }
  return groups
}

/** `published 2026-12-06T12:00:00Z, 1 day ago; younger than the cooldown of 1 week`. */
function tooNewNote(age: NonNullable<LockfileChange['publish_age']>): string {
  const published = age.published ?? `before ${age.published_before ?? '?'}`
  const ago = age.age_seconds === null ? '' : `, ${formatAge(age.age_seconds)} ago`
  const min = age.min_publish_age_seconds
  return `published ${published}${ago}; younger than the cooldown${min === null ? '' : ` of ${formatAge(min)}`} (min-publish-age)`
}

/** Member package name → its changed manifest (head), for the lockfile that covers it. */
function memberManifests(
  manifests: readonly ManifestReport[],
  texts: ReadonlyMap<string, string>
): Map<string, ManifestReport[]> {
  const byName = new Map<string, ManifestReport[]>()
  for (const manifest of manifests) {
    const text = texts.get(manifest.path)
    if (text === undefined) continue
    let name: string | null
    try {
      name = parseManifest(text, manifest.path).packageName
    } catch {
      continue
    }
    if (name === null) continue
    byName.set(name, [...(byName.get(name) ?? []), manifest])
  }
  return byName
}

function locateLockChange(
  change: LockfileChange,
  lockfile: LockfileReport,
  input: LocateInput,
  members: ReadonlyMap<string, ManifestReport[]>,
  files: FilePositions
): FindingLocation {
  const path = change.dependency_path
  const [member, direct] = path ?? []
  if (member !== undefined && direct !== undefined) {
    const covered = (manifest: ManifestReport) =>
      nearestLockfile(manifest.path, input.lockfiles) === lockfile
    // The member's own requirement of the direct dependency, when this change touched it.
    for (const manifest of (members.get(member) ?? []).filter(covered)) {
      const declared = preferred(manifest.changes.filter((c) => c.name === direct))
      if (declared !== null) return locateRequirement(manifest.path, declared, input, files)
    }
    // A bump in the root's [workspace.dependencies] that the member inherits.
    for (const manifest of input.manifests.filter(covered)) {
      const declared = manifest.changes.find(
        (c) => c.name === direct && c.section === 'workspace.dependencies' && c.kind !== 'removed'
      )
      if (declared !== undefined) return locateRequirement(manifest.path, declared, input, files)
    }
  }
  return locatePackage(change, lockfile.path, files)
}

function preferred(changes: readonly ManifestChange[]): ManifestChange | null {
  const live = changes.filter((c) => c.kind !== 'removed')
  live.sort(
    (a, b) =>
      SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) ||
      (a.target === null ? 0 : 1) - (b.target === null ? 0 : 1)
  )
  return live[0] ?? null
}

function locateRequirement(
  manifestPath: string,
  change: ManifestChange,
  input: LocateInput,
  files: FilePositions
): FindingLocation {
  const positions = files.get(manifestPath)
  if (positions === null) return { path: manifestPath, span: null, via: 'file', related: [] }
  const span = requirementSpan(positions, change)
  const related: FindingLocation['related'] = []
  if (change.workspace) {
    // The inherited requirement is written in the root's [workspace.dependencies].
    for (const manifest of input.manifests) {
      if (manifest.path === manifestPath && change.section === 'workspace.dependencies') continue
      const root = manifest.changes.find(
        (c) => c.section === 'workspace.dependencies' && c.name === change.name
      )
      const rootPositions = root === undefined ? null : files.get(manifest.path)
      const rootSpan =
        root === undefined || rootPositions === null ? null : requirementSpan(rootPositions, root)
      if (rootSpan !== null) related.push({ path: manifest.path, span: rootSpan })
    }
  }
  return {
    path: manifestPath,
    span,
    via:
      span === null
        ? 'file'
        : change.section === 'workspace.dependencies'
          ? 'workspace'
          : 'manifest',
    related
  }
}

/** The lines of one declaration, under whichever spelling of its section the file uses. */
function requirementSpan(positions: TomlPositions, change: ManifestChange): Span | null {
  const sections =
    change.section === 'workspace.dependencies'
      ? [['workspace', 'dependencies']]
      : [
          [change.section],
          ...(LEGACY[change.section] === undefined ? [] : [[LEGACY[change.section] ?? '']])
        ]
  for (const section of sections) {
    const prefix = change.target === null ? section : ['target', change.target, ...section]
    const span = positions.find([...prefix, change.key])
    if (span !== null) return span
  }
  return null
}

const CRATES_IO_SOURCES = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/'
])

function locatePackage(
  change: LockfileChange,
  lockPath: string,
  files: FilePositions
): FindingLocation {
  const entries = files
    .packages(lockPath)
    .filter((entry) => entry.values.name === change.name && entry.values.version === change.version)
  const entry =
    entries.find((e) => e.values.source !== undefined && CRATES_IO_SOURCES.has(e.values.source)) ??
    entries[0]
  return entry === undefined
    ? { path: lockPath, span: null, via: 'file', related: [] }
    : { path: lockPath, span: entry.span, via: 'lockfile', related: [] }
}

/** Positions of each head file, parsed once; null for a file that is absent or does not parse. */
class FilePositions {
  private readonly cache = new Map<string, TomlPositions | null>()
  private readonly lockPackages = new Map<string, readonly ArrayTable[]>()
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /** A lockfile's [[package]] tables: read in one pass when Cargo wrote it, else by the full parser. */
  packages(path: string): readonly ArrayTable[] {
    let tables = this.lockPackages.get(path)
    if (tables === undefined) {
      const text = this.texts.get(path)
      tables =
        (text === undefined ? null : plainArrayTables(text, 'package')) ??
        this.get(path)?.arrayTables('package') ??
        []
      this.lockPackages.set(path, tables)
    }
    return tables
  }

  get(path: string): TomlPositions | null {
    if (!this.cache.has(path)) {
      const text = this.texts.get(path)
      let positions: TomlPositions | null = null
      if (text !== undefined) {
        try {
          positions = tomlPositions(text)
        } catch {
          positions = null
        }
      }
      this.cache.set(path, positions)
    }
    return this.cache.get(path) ?? null
  }
}
