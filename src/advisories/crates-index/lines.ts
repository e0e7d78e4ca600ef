// Reads one crate's sparse-index file: one JSON object per published version, `\n`-terminated,
// in PUBLICATION order (not SemVer order). Every line is checked with zod; a line that cannot be
// read is skipped and said, never silently dropped.
import compareBuild from 'semver/functions/compare-build.js'
import parseSemver from 'semver/functions/parse.js'
import valid from 'semver/functions/valid.js'
import * as z from 'zod'

/** Schema versions this reader understands (`v` absent means 1; 2 comes with `features2`). */
const KNOWN_SCHEMA_VERSIONS = new Set([1, 2])
/** A skipped line is quoted this far in messages. */
const QUOTE_LENGTH = 80

// Only the fields this tool reads are checked: `deps` and `features` (most of each line) are
// never used, and checking them cost most of the parse, on the look-up's busiest moment.
const IndexLineSchema = z.looseObject({
  name: z.string().min(1),
  vers: z.string().min(1),
  cksum: z.string(),
  // As Cargo reads it: `yanked: Option<bool>` (absent and `null` are both None) and a version is
  // yanked only on `index.yanked.unwrap_or(false)` (cargo-util-schemas `index.rs`,
  // `sources/registry/index/mod.rs` IndexSummary::parse). A line Cargo offers is not yanked here.
  yanked: z
    .boolean()
    .nullable()
    .optional()
    .transform((value) => value ?? false),
  pubtime: z.string().optional(),
  rust_version: z.string().nullable().optional(),
  v: z.number().int().optional()
})

export interface IndexVersion {
  /** `vers` as written. */
  version: string
  /** False when the line does not say (absent or `null`), as Cargo reads it. */
  yanked: boolean
  /** `pubtime`, when the index gives it. */
  published: string | null
  /** `rust_version` (the release's MSRV), when the index gives it. */
  rustVersion?: string | null
  /** The line's `deps` as written, unchecked (read by indexDeps() only when fix advice needs it). */
  deps?: unknown
}

export interface IndexFile {
  /** Every line read, in file (publication) order. */
  versions: IndexVersion[]
  /** One message per line that could not be read (its version, if any, is unknown). */
  skipped: string[]
  /** `vers` of well-formed lines skipped for a schema version `v` this reader does not know. */
  unreadVersions: string[]
  /** Names of other crates that lines gave (a wrong file, not this crate's). */
  foreign: string[]
  /** Lines that are not JSON (an HTML page served as text is all such lines). */
  notJson: number
}

function quote(line: string): string {
  return JSON.stringify(line.length > QUOTE_LENGTH ? `${line.slice(0, QUOTE_LENGTH)}…` : line)
}

/** Parses the body of `crate`'s index file. Pure; never throws. */
export function parseIndexFile(body: string, crate: string): IndexFile {
  const file: IndexFile = { versions: [], skipped: [], unreadVersions: [], foreign: [], notJson: 0 }
  const wanted = crate.toLowerCase()
  const lines = body.split('\n')
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '') return
    const where = `line ${String(index + 1)}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      file.notJson += 1
      file.skipped.push(`${where} is not JSON: ${quote(line)}`)
      return
    }
    const parsed = IndexLineSchema.safeParse(value)
    if (!parsed.success) {
      file.skipped.push(`${where} is not an index entry: ${quote(line)}`)
      return
    }
    const entry = parsed.data
    if (entry.v !== undefined && !KNOWN_SCHEMA_VERSIONS.has(entry.v)) {
      // cargo skips lines of a schema it does not know; so do we, but we remember the version.
      file.unreadVersions.push(entry.vers)
      file.skipped.push(`${where} (${entry.vers}) uses index schema v${String(entry.v)}`)
      return
    }
    if (entry.name.toLowerCase() !== wanted) {
      file.foreign.push(entry.name)
      file.skipped.push(`${where} names another crate: ${quote(entry.name)}`)
      return
    }
    if (!/^\d/.test(entry.vers) || valid(entry.vers) === null) {
      file.skipped.push(`${where} has a version that is not SemVer: ${quote(entry.vers)}`)
      return
    }
    file.versions.push({
      version: entry.vers,
      yanked: entry.yanked,
      published: entry.pubtime ?? null,
      ...(entry.rust_version == null ? {} : { rustVersion: entry.rust_version }),
      deps: entry['deps']
    })
  })
  return file
}

/** The same version, build metadata included (SemVer comparison, not string or line order). */
export function sameVersion(a: string, b: string): boolean {
  const left = parseSemver(a)
  const right = parseSemver(b)
  return left !== null && right !== null && compareBuild(left, right) === 0
}

/**
 * Why an index answer is not this crate's index file, or null when it may be believed: a line
 * naming another crate means the server answered with someone else's file; a body none of whose
 * lines is an index entry (an HTML page served as text/plain, an error text) is not the format.
 * One unreadable line among good ones stays a per-line note (see `skipped`).
 */
export function indexFileFault(file: IndexFile, crate: string): string | null {
  if (file.foreign.length > 0) {
    const names = [...new Set(file.foreign)].slice(0, 3).map((n) => JSON.stringify(n))
    return `the index file for ${crate} has lines of another crate (${names.join(', ')})`
  }
  if (file.versions.length === 0 && file.unreadVersions.length === 0 && file.skipped.length > 0) {
    return `the answer for ${crate} is not in the index format (${file.skipped[0] ?? ''})`
  }
  return null
}
