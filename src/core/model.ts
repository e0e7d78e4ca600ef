// The report model shared by the pure core (parse → diff → look up → evaluate → render).
// Field names are snake_case because this object is also the JSON report users consume.

/** A crates.io package is reported with this source; git/other registries keep their source string. */
export const CRATES_IO = 'crates.io'

export type LockChangeKind = 'added' | 'updated' | 'removed'
export type ManifestChangeKind = 'added' | 'changed' | 'removed'
export type DependencySection =
  'dependencies' | 'dev-dependencies' | 'build-dependencies' | 'workspace.dependencies'

/** RustSec `informational` kinds that the Security tab keeps; `null` for an ordinary vulnerability. */
export type InformationalKind = 'unsound' | 'notice' | null

export interface Reference {
  type: string
  url: string
}

/** One advisory as the Security tab shows it, already filtered (no withdrawn, no unmaintained) and folded. */
export interface AdvisoryInfo {
  /** RUSTSEC id where there is one, else the record's own id (GHSA-…, …). */
  id: string
  /** Aliases of the record plus the ids of records folded into it, sorted, without `id`. */
  aliases: string[]
  summary: string | null
  /** CommonMark, untrusted: sanitise before rendering. */
  details: string | null
  informational: InformationalKind
  /** The tab's notation, one string per non-empty range: `<0.7.46`, `>=0.8.0, <0.8.13`, `>=1.2.0`, `<=1.4.0`. */
  affected_ranges: string[]
  /** Explicit `versions` lists of the affected entries for this crate. */
  affected_versions: string[]
  /** Preferred vector: CVSS v4 over v3 (over v2); null when none. */
  cvss: { type: string; vector: string; calculator_url: string } | null
  /** Every `severity[]` entry of the kept and folded records. */
  severity: { type: string; score: string }[]
  functions: string[]
  os: string[]
  arch: string[]
  references: Reference[]
  /** Where the record(s) came from: the id prefixes of every folded record, e.g. ['GHSA', 'RUSTSEC']. */
  databases: string[]
  published: string | null
  modified: string | null
  /** Link target for the id: rustsec.org for RUSTSEC ids, osv.dev otherwise. */
  url: string
  /** Set when the user's ignore list names this advisory (by id or alias). */
  ignored: { reason: string | null; matched: string } | null
}

/** An advisory evaluated against one lockfile change. */
export interface AdvisoryFinding extends AdvisoryInfo {
  /** The new version is affected (for a removed package: the old version). */
  affected: boolean
  /** The old version was affected (`updated` only; null otherwise). */
  previous_affected: boolean | null
}

export interface LockfileChange {
  name: string
  /** `crates.io`, another source as written (git keeps `#commit`), or null for path/workspace members. */
  source: string | null
  kind: LockChangeKind
  version: string | null
  previous: string | null
  /** Shortest path from a workspace member in the lockfile that holds the version (head; base for removed). */
  dependency_path: string[] | null
  advisories: AdvisoryFinding[]
  /** Advisory look-up did not complete for this crate: its list is unknown, not empty. */
  lookup_error: string | null
}

export interface ManifestAdvisoryFinding extends AdvisoryInfo {
  /** The requirement admits at least one affected version (null when there is no requirement to read). */
  admits_affected: boolean | null
  previous_admits_affected: boolean | null
}

export interface ManifestChange {
  /** The real crate name (`package = "…"` resolved). */
  name: string
  /** The key as written in the manifest. */
  key: string
  section: DependencySection
  /** `cfg(...)` or a target triple for `[target.'…'.dependencies]`, else null. */
  target: string | null
  kind: ManifestChangeKind
  req: string | null
  previous_req: string | null
  workspace: boolean
  /** For `workspace = true`: the requirement inherited from the workspace root (head / base). */
  workspace_req: string | null
  previous_workspace_req: string | null
  /** Non-crates.io declarations: `{ path }`, `{ git, rev|branch|tag }`, `{ registry }`. */
  origin: DependencyOrigin
  previous_origin: DependencyOrigin | null
  advisories: ManifestAdvisoryFinding[]
  lookup_error: string | null
}

export type DependencyOrigin =
  | { kind: 'registry'; registry: string | null }
  | { kind: 'path'; path: string }
  | { kind: 'git'; git: string; rev: string | null; branch: string | null; tag: string | null }

export interface FileProblem {
  path: string
  side: 'base' | 'head'
  message: string
  line: number | null
  column: number | null
}

export interface LockfileReport {
  path: string
  /** Lockfile format of each side: 1..4, or null when that side has no such file. */
  base_format: number | null
  head_format: number | null
  changes: LockfileChange[]
  /** Set when a side could not be read or parsed: the changes of this file are unknown. */
  error: FileProblem | null
}

export interface ManifestReport {
  path: string
  changes: ManifestChange[]
  error: FileProblem | null
}

export type ProblemKind =
  | 'unreadable-file'
  | 'lookup-failed'
  | 'malformed-advisory'
  | 'file-list-truncated'
  | 'ignored-advisory'
  /** A crates.io version or requirement Cargo would refuse, or one we cannot compare: unknown. */
  | 'unreadable-version'
  | 'other'

export interface Problem {
  kind: ProblemKind
  message: string
  /** True when the problem makes the analysis incomplete (something is unknown). */
  incomplete: boolean
}

export interface ReportSummary {
  lockfiles_changed: number
  crates_added: number
  crates_updated: number
  crates_removed: number
  /** Added/updated crates.io versions affected by at least one shown, non-ignored advisory. */
  affected_versions: number
  /** Distinct (crate, advisory) pairs affecting new versions, not ignored. */
  affected_advisories: number
  /** (crate, advisory) pairs the old version had and the new one does not (updates and removals). */
  fixed_advisories: number
  ignored_advisories: number
  manifests_changed: number
}

export interface Report {
  schema_version: 1
  tool: { name: 'cargo-advisory-review'; version: string }
  base: string
  head: string
  /** Where advisories came from, e.g. `osv (https://api.osv.dev)`; null when not looked up. */
  advisory_source: string | null
  /** False when anything is unknown: an unreadable file, a failed look-up, a truncated file list. */
  complete: boolean
  problems: Problem[]
  summary: ReportSummary
  lockfiles: LockfileReport[]
  manifests: ManifestReport[]
}

/** Sinks for progress messages, so pure modules never import @actions/core. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined
}

/** An advisory the user chose to ignore, by id or any alias, with where the rule came from. */
export interface IgnoreRule {
  id: string
  reason: string | null
  /** `input`, `deny.toml`, `.cargo/audit.toml`, `--ignore`. */
  origin: string
}
