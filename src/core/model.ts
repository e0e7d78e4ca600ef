// The report model shared by the pure core (parse → diff → look up → evaluate → render).
// Field names are snake_case because this object is also the JSON report users consume.

/** A crates.io package is reported with this source; git/other registries keep their source string. */
export const CRATES_IO = 'crates.io'

export type LockChangeKind = 'added' | 'updated' | 'removed'
export type ManifestChangeKind = 'added' | 'changed' | 'removed'
export type DependencySection =
  'dependencies' | 'dev-dependencies' | 'build-dependencies' | 'workspace.dependencies'

/**
 * What one advisory means for one change (see evaluate/verdict.ts):
 * - `introduced`: affects the new version and not the one it replaces (for an added crate: affects it);
 *   a malicious advisory that affects an added or changed version is `introduced` whatever the
 *   replaced version was (there is no "as before" for malware);
 * - `still-affected`: affects both the new and the old version;
 * - `fixed`: affected the old version, not the new one (or the crate is removed);
 * - `not-affected`: affects neither.
 * An ignored advisory keeps the verdict it would have had; `ignored` says it is not counted.
 */
export type Verdict = 'introduced' | 'still-affected' | 'fixed' | 'not-affected'

/**
 * The verdict of a whole change: the strongest verdict of its non-ignored advisories
 * (introduced > still-affected > fixed > not-affected), `unknown` when the look-up failed, and
 * `not-checked` for packages whose advisories are not looked up (git, path, other registries).
 */
export type ChangeVerdict = Verdict | 'unknown' | 'not-checked'

/**
 * How to get a version no shown advisory affects, for a change whose new version is affected.
 * Versions come from the crates.io index when one was given (published, not yanked), else from
 * the versions the advisories name as fixed (then `checked_published` is false: the version may
 * not exist or may be yanked).
 */
export interface FixAdvice {
  /** The smallest version at or above the new one that no shown, non-ignored advisory affects. */
  version: string | null
  /**
   * `version` is semver-compatible (Cargo's `^`) with the new version; once the requirements in
   * force are read: no requirement has to change (no manifest edit, no parent to move).
   */
  compatible: boolean | null
  /** `cargo update -p name@new --precise version`, or null when there is no version. */
  command: string | null
  /** With an index: the newest published, non-yanked, unaffected version `^`-compatible with the new one. */
  newest_compatible: string | null
  /** True when `version` was checked against the published versions of the crate. */
  checked_published: boolean
  /** Why there is no version: no advisory names a fix, or none of the published versions is free. */
  none_reason: 'no-fixed-version' | 'no-published-fix' | null
  /** A shown, non-ignored advisory marks the crate as malicious. */
  malicious: boolean
  /**
   * What to do, as Cargo will accept it (see FixKind). The comment and the CLI render this one
   * value; `command` is the line to paste once the edits it names are made.
   */
  kind: FixKind
  /** The crate and the locked version the advice starts from (`-p crate@current`). */
  crate: string
  current: string
  /** `DIR/Cargo.toml` of a lockfile not at the repository root (`--manifest-path`), else null. */
  manifest_path: string | null
  /** The repository's requirements that hold the crate and do not admit `version` (edit these). */
  requirements: FixRequirement[]
  /** The crates whose requirement holds the crate and does not admit `version`. */
  parents: FixParent[]
  /** Whose requirement could not be read (a member's manifest not found, a parent's index unknown). */
  unread: string[]
  /** The advisories say the crate is unmaintained / its repository archived (for `none`). */
  unmaintained_note: boolean
  archived_note: boolean
}

/**
 * - `update`: every requirement in force admits `version`: run `command`.
 * - `edit-requirements`: a requirement in this repository (`requirements`) does not admit it.
 * - `update-parent`: a crate's requirement does not admit it; `parents` name the release of each
 *   that does (and the command), or that none does yet (`no-parent-release`).
 * - `compromised`: a malicious advisory affects only some releases: move to `version`, one it
 *   does not affect (the version replaced when that is clean); `requirements`/`parents` as above.
 * - `remove`: a malicious crate (every published release affected).
 * - `none`: no fixed version is published.
 */
export type FixKind =
  | 'update'
  | 'edit-requirements'
  | 'update-parent'
  | 'no-parent-release'
  | 'compromised'
  | 'remove'
  | 'none'

/** A requirement of this repository that holds the crate at its version. */
export interface FixRequirement {
  /** The crate the requirement is on (the affected crate, or a parent that must move). */
  crate: string
  /** The manifest to edit (the workspace root for `workspace = true`). */
  manifest: string
  section: DependencySection
  requirement: string
}

/** A crates.io crate whose requirement holds the crate at its version. */
export interface FixParent {
  name: string
  /** The parent's locked version. */
  version: string
  /** Its requirement on the crate (from the index line's `deps`). */
  requirement: string
  /** The lowest later non-yanked release whose requirement admits the fix; null when none yet. */
  release: string | null
  /** That release's requirement on the crate; null when it no longer depends on it (or no release). */
  release_requirement: string | null
  /** `cargo update -p parent@version --precise release` (with `--manifest-path`), or null. */
  command: string | null
}

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
  /** The versions the events name as fixed, as ranges up to the next affected range: `>=1.18.5, <1.19.0`, `>=1.24.2`. */
  fixed_ranges: string[]
  /** RustSec `database_specific.categories` (e.g. `memory-corruption`, `malicious`), sorted. */
  categories: string[]
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
  /** What this advisory means for this change; an ignored one keeps its verdict. */
  verdict: Verdict
}

export interface LockfileChange {
  name: string
  /** `crates.io`, another source as written (git keeps `#commit`), or null for path/workspace members. */
  source: string | null
  kind: LockChangeKind
  version: string | null
  previous: string | null
  /** Other versions of this crate (same source) the lockfile holds on both sides, unchanged. */
  unchanged_versions?: string[]
  /** Shortest path from a workspace member in the lockfile that holds the version (head; base for removed). */
  dependency_path: string[] | null
  advisories: AdvisoryFinding[]
  /** Advisory look-up did not complete for this crate: its list is unknown, not empty. */
  lookup_error: string | null
  /**
   * The crates.io index says `version` is yanked (true) or not (false); null when unknown, when
   * the index was not read, or for changes it does not apply to (removed, not from crates.io).
   * Set by analyze().
   */
  yanked?: boolean | null
  /** The index's publication time of `version` (`pubtime`), when it gives one. */
  published?: string | null
  /** What the crates.io index said about `version`; null when it was not asked. */
  registry?: RegistryFacts | null
  /** No version of this crate's name is in the base lockfile (set by the diff). */
  new_to_tree?: boolean
  /** How old `version` is at the run's time and, under a cooldown, whether it is too new; null for removals. */
  publish_age?: PublishAge | null
  /** The strongest verdict of the non-ignored advisories (see ChangeVerdict). */
  verdict: ChangeVerdict
  /** For a new version a non-ignored advisory affects: how to get an unaffected one; else null. */
  fix: FixAdvice | null
  /** RustSec marks the crate unmaintained (the crates.io banner's rule): that advisory's id, else null. */
  unmaintained: string | null
}

/**
 * Where a version's age comes from:
 * - `known`: the index line's `pubtime`;
 * - `before`: the line has no `pubtime`, a line after it (published later) has one;
 * - `not-recorded`: no line of the crate's file has a `pubtime` (older than the index's record);
 * - `unknown`: the index could not be read, or the version is from another registry or a mirror;
 * - `not-aged`: a path or git package, which Cargo's cooldown never ages.
 */
export type PublishAgeStatus = 'known' | 'before' | 'not-recorded' | 'unknown' | 'not-aged'

export interface PublishAge {
  status: PublishAgeStatus
  /** `pubtime` (`known`), else null. */
  published: string | null
  /** `before` and `not-recorded`: the version was published before this time. */
  published_before: string | null
  /** Seconds from publication to the run's time; for `before`/`not-recorded` at least this. */
  age_seconds: number | null
  /** The cooldown the version is judged by, in seconds; null when none applies. */
  min_publish_age_seconds: number | null
  /** Younger than the cooldown: true; old enough: false; null with no cooldown or an unknown age. */
  too_new: boolean | null
  /** Why the age is unknown or a bound, in words. */
  note: string | null
}

/**
 * The cooldown a lockfile's versions are judged by (`min-publish-age`):
 * - `none`: no input and no config sets one; `off`: set to "0" or `incompatible-publish-age = "allow"`;
 * - `active`: `min_publish_age_seconds` from `origin` (the input, or a base config file and key);
 * - `unknown`: a base config file could not be read or Cargo would refuse it (`origin` says why).
 */
export interface CooldownFacts {
  status: 'none' | 'off' | 'active' | 'unknown'
  min_publish_age_seconds: number | null
  /** The value as written, e.g. `14 days`. */
  value: string | null
  origin: string | null
}

/**
 * - `published`: the index lists the version (see `yanked`).
 * - `version-not-found`: the crate is on crates.io, this version is not: a finding.
 * - `crate-not-found`: crates.io has no such crate (404/410/451): a finding.
 * - `unknown`: the index could not be read (never "not yanked").
 */
export type RegistryStatus = 'published' | 'version-not-found' | 'crate-not-found' | 'unknown'

export interface RegistryFacts {
  status: RegistryStatus
  /** Why it is unknown, what was not found, or a caveat (index lines that could not be read). */
  note: string | null
}

export interface ManifestAdvisoryFinding extends AdvisoryInfo {
  /** The requirement admits at least one affected version (null when there is no requirement to read). */
  admits_affected: boolean | null
  previous_admits_affected: boolean | null
  /**
   * Judged by the version the covering lockfile pins when there is one (`locked_by`), else by the
   * versions the requirement admits (`introduced`: the new requirement admits an affected version
   * and the old one did not).
   */
  verdict: Verdict
}

/** Without a lockfile: what the requirement admits, against the shown, non-ignored advisories. */
export interface AdmittedVersions {
  /** Every version the requirement admits is affected (null when the requirement cannot be read). */
  all_affected: boolean | null
  /** The smallest admitted release no shown advisory affects (null when none or unreadable). */
  smallest_unaffected: string | null
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
  /** Strongest verdict of the non-ignored advisories, as for lockfile changes. */
  verdict: ChangeVerdict
  /**
   * The lockfile change that resolves this requirement (the nearest lockfile at or above the
   * manifest that changes this crate): the verdicts follow its versions. Null when none does.
   */
  locked_by: { lockfile: string; version: string | null; previous: string | null } | null
  /** Judged by admitted versions (no `locked_by`): every admitted version affected, or only some. */
  admitted: AdmittedVersions | null
  /**
   * Which version Cargo uses for the head requirement (see Resolution); null where nothing is
   * resolved (a removed requirement, one not from crates.io). Set by analyze().
   */
  resolution?: Resolution | null
  /** The same for the base requirement; null for an added one. */
  previous_resolution?: Resolution | null
}

/**
 * How Cargo resolves one requirement on one side of the change:
 * - `lockfile`: the lockfile Cargo reads for this manifest pins `version` for it;
 * - `fresh-resolution`: no lockfile; `cargo generate-lockfile` picks `version`, the highest
 *   published, non-yanked version the requirement admits (`msrv`: the rust-version the pick
 *   honoured, resolver 3);
 * - `stale-lockfile`: the lockfile pins `locked` (empty: nothing), which the requirement does not
 *   admit (`cargo build --locked` fails); `version` is what Cargo picks instead, null when unknown;
 * - `unknown`: `why` (no index to pick from, an unreadable workspace root or lockfile).
 */
export type Resolution =
  | { kind: 'lockfile'; lockfile: string; version: string }
  | { kind: 'fresh-resolution'; version: string; msrv: string | null }
  | { kind: 'stale-lockfile'; lockfile: string; locked: string[]; version: string | null }
  | { kind: 'unknown'; why: string }

/** A Cargo.lock Cargo does not read on a side: its directory's package is a member of `workspace_root`. */
export interface UnusedLockfile {
  path: string
  side: 'base' | 'head'
  /** The manifest of the workspace whose own lockfile Cargo reads instead. */
  workspace_root: string
}

export type DependencyOrigin =
  | { readonly kind: 'registry'; readonly registry: string | null }
  | { readonly kind: 'path'; readonly path: string }
  | {
      readonly kind: 'git'
      readonly git: string
      readonly rev: string | null
      readonly branch: string | null
      readonly tag: string | null
    }

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
  /** The cooldown this lockfile's versions are judged by (set by analyze()). */
  cooldown?: CooldownFacts
}

export interface ManifestReport {
  path: string
  changes: ManifestChange[]
  error: FileProblem | null
}

export type ProblemKind =
  | 'unreadable-file'
  | 'lookup-failed'
  /** The advisory source as a whole could not be used (one cause for every crate, said once). */
  | 'source-unavailable'
  | 'malformed-advisory'
  | 'file-list-truncated'
  | 'ignored-advisory'
  /** A crates.io version or requirement Cargo would refuse, or one we cannot compare: unknown. */
  | 'unreadable-version'
  /** The crates.io index could not be read for a crate (its yanked status is unknown). */
  | 'index-lookup-failed'
  /** A lockfile pins a version the requirement does not admit (`cargo build --locked` fails). */
  | 'stale-lockfile'
  /** A version's publish age is unknown under an active cooldown, or the cooldown itself is. */
  | 'publish-age-unknown'
  | 'other'

export interface Problem {
  kind: ProblemKind
  message: string
  /** True when the problem makes the analysis incomplete (something is unknown). */
  incomplete: boolean
  /** What to do about it, when the problem says (a `source-unavailable` one: the source's advice). */
  hint?: string
}

/**
 * Counts, all in one unit, read by the comment, the summary, the outputs and the gate:
 * a *crate change* is a distinct (crate, source, old version, new version) across all lockfiles
 * (the same bump in two lockfiles is one crate change, as the comment shows it once); a
 * requirement change no lockfile resolves, whose every admitted version is affected, counts as
 * one crate change per (crate, origin, old and new requirement); an *advisory* is a distinct
 * advisory id. Every count is derived from the verdicts.
 */
export interface ReportSummary {
  lockfiles_changed: number
  crates_added: number
  crates_updated: number
  crates_removed: number
  /** Crate changes whose new version a non-ignored advisory affects (introduced or still-affected). */
  affected_versions: number
  /** Distinct advisory ids, not ignored, affecting new versions (introduced or still-affected). */
  affected_advisories: number
  /** Distinct advisory ids with a `fixed` verdict on some crate change, not ignored. */
  fixed_advisories: number
  /** Distinct ignored advisory ids whose verdict is not `not-affected`. */
  ignored_advisories: number
  manifests_changed: number
  /** Crate changes with at least one non-ignored `introduced` verdict. */
  introduced_crates: number
  /** Their distinct advisory ids, sorted. */
  introduced_ids: string[]
  /** Crate changes with a non-ignored `still-affected` verdict and no `introduced` one. */
  still_affected_crates: number
  /** Distinct ids of non-ignored `still-affected` verdicts, sorted. */
  still_affected_ids: string[]
  /** Crate changes with a non-ignored `fixed` verdict. */
  fixed_crates: number
  fixed_ids: string[]
  /** introduced ∪ still-affected ids, sorted. */
  affected_ids: string[]
  ignored_ids: string[]
  /** Crate changes whose advisories are unknown (the look-up failed). */
  unknown_crates: number
  /** Crate changes younger than their lockfile's cooldown (`publish_age.too_new`). */
  too_new_crates?: number
  /** Crate changes under an active cooldown whose age could not be established. */
  publish_age_unknown_crates?: number
}

export interface Report {
  schema_version: 1
  tool: { name: 'cargo-advisory-review'; version: string }
  base: string
  head: string
  /** Where advisories came from, e.g. `osv (https://api.osv.dev)`; null when not looked up. */
  advisory_source: string | null
  /** The crates.io index read for yanked status (e.g. `https://index.crates.io`); null when off. */
  crates_index?: string | null
  /** False when anything is unknown: an unreadable file, a failed look-up, a truncated file list. */
  complete: boolean
  problems: Problem[]
  summary: ReportSummary
  lockfiles: LockfileReport[]
  manifests: ManifestReport[]
  /** Cargo.lock files the change touches that Cargo does not read (not judged). */
  unused_lockfiles?: UnusedLockfile[]
  /**
   * Each finding on the line a reviewer should look at, most decisive first: what the annotations
   * and the SARIF results show. Set by the action and the CLI from the head files' positions.
   */
  findings?: ReportFinding[]
}

/**
 * What a finding is: an advisory the change introduces (`malicious` when RustSec marks it so), one
 * that still affects the new version, or a crates.io fact: younger than the cooldown, yanked, not on
 * crates.io, a newly added unmaintained crate (only with `unmaintained: notice`).
 */
export type FindingKind =
  | 'malicious'
  | 'introduced'
  | 'still-affected'
  | 'too-new'
  | 'yanked'
  | 'not-published'
  | 'unmaintained'

/** A line (or lines) of a file in the head revision; null line: the file, no line known. */
export interface ReportLocation {
  /** Repository-relative path. */
  path: string
  line: number | null
  end_line: number | null
  column: number | null
  end_column: number | null
}

export interface ReportFinding {
  kind: FindingKind
  /** How the annotations show it: `error`, `warning` or `notice`. */
  level: 'error' | 'warning' | 'notice'
  crate: string
  /** The new version; null for a requirement no lockfile resolves (see `requirement`). */
  version: string | null
  previous: string | null
  requirement: string | null
  /** The changed Cargo.lock or Cargo.toml this finding comes from. */
  changed_file: string
  /** The advisories behind it (none for the crates.io facts). */
  advisory_ids: string[]
  /** For the crates.io facts: what the index or RustSec said. */
  note: string | null
  /** From the workspace member to the crate; null when the lockfile gives no path. */
  dependency_path: string[] | null
  /** `h2 0.3.26 via aws-sdk-s3 → aws-smithy-runtime`: the crate and the path from the direct dependency. */
  message: string
  /**
   * `manifest`: the requirement's line in the member's Cargo.toml (or the direct dependency's, for
   * a transitive crate); `workspace`: a `[workspace.dependencies]` line; `lockfile`: the crate's
   * `[[package]]` entry; `file`: the file could not be read for positions.
   */
  located_by: 'manifest' | 'workspace' | 'lockfile' | 'file'
  location: ReportLocation
  /** The root's `[workspace.dependencies]` line a `x.workspace = true` requirement inherits. */
  related_locations: ReportLocation[]
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
