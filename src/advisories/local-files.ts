// The offline source: a folder searched recursively for OSV JSON files, a single JSON file, or a
// `.zip` of them (OSV's crates.io `all.zip`, or a multi-ecosystem one). Read once per process and
// indexed by crates.io package name; a record is validated only when its crate is asked about,
// so a run pays for the handful of crates it touches, not for the whole database.
//
// Attribution: a file we cannot read as OSV records (bad JSON, no id, `affected` that is not a
// list of packages) could be about any crate, so the whole look-up is unknown and the message
// names the files. Records that name only other ecosystems are attributable, just not ours.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CRATES_IO } from '../core/model.js'
import { getErrorMessage } from '../core/errors.js'
import { recordForCrate, type OsvRecord } from './schema.js'
import {
  applyOutage,
  emptyLookupResult,
  queryableNames,
  type AdvisorySource,
  type LookupResult,
  type SourceOptions
} from './source.js'

/**
 * A file's text, parsed again when one of its crates is asked about: the parsed values of 1,206
 * files are dropped as soon as their crates are known, so they die young instead of being carried
 * through every garbage collection of the run (the texts are a few flat strings).
 */
interface Document {
  text: string
  parsed?: unknown
}

interface RawRecord {
  document: Document
  /** The record's index in a file holding an array of records; null for a file of one. */
  position: number | null
  origin: string
}

function recordValue(raw: RawRecord): unknown {
  const document = raw.document
  document.parsed ??= JSON.parse(document.text) as unknown
  return raw.position === null ? document.parsed : (document.parsed as unknown[])[raw.position]
}

export interface LocalIndex {
  /** crate → raw records naming it (validated on first use, see `recordsOf`). */
  raw: Map<string, RawRecord[]>
  /** Files that could not be attributed, each with why. */
  unattributable: string[]
  files: number
  /** crate → validated records, or why they cannot be used. */
  checked: Map<string, { records: OsvRecord[] } | { problem: string }>
}

const MAX_NAMED_FILES = 5
const PATH_HINT =
  'Check advisory-source (--advisory-source): a folder, .json or .zip of OSV records.'

function jsonFiles(dir: string): string[] {
  const out: string[] = []
  // Symbolic links are not followed: a link cycle must not hang the run.
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...jsonFiles(path))
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path)
  }
  return out.sort()
}

/**
 * The crates.io names a raw record is about, or why it cannot be attributed. Cheap on purpose: no
 * schema here, only what attribution needs.
 */
function cratesNamed(value: unknown): { crates: string[] } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'not a JSON object' }
  }
  const record = value as { id?: unknown; affected?: unknown }
  if (typeof record.id !== 'string' || record.id === '') return { problem: 'no "id"' }
  if (record.affected === undefined || record.affected === null) return { crates: [] }
  if (!Array.isArray(record.affected)) return { problem: '"affected" is not a list' }
  const crates = new Set<string>()
  for (const entry of record.affected as unknown[]) {
    if (typeof entry !== 'object' || entry === null) {
      return { problem: 'an "affected" entry is not an object' }
    }
    const pkg = (entry as { package?: unknown }).package
    // OSV allows an entry without a package (a GIT range alone): it names no crate.
    if (pkg === undefined || pkg === null) continue
    const { ecosystem, name } = pkg as { ecosystem?: unknown; name?: unknown }
    if (typeof ecosystem !== 'string' || typeof name !== 'string') {
      return { problem: 'an "affected" package has no ecosystem or name' }
    }
    if (ecosystem === CRATES_IO) crates.add(name)
  }
  return { crates: [...crates] }
}

function addDocument(index: LocalIndex, text: string, origin: string): void {
  index.files++
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    index.unattributable.push(`${origin} (unreadable JSON: ${getErrorMessage(error)})`)
    return
  }
  // One record per file (the exports), or an array (a rustsec.org packages/<crate>.json).
  const items = Array.isArray(value) ? (value as unknown[]) : [value]
  const document: Document = { text }
  for (const [position, item] of items.entries()) {
    const named = cratesNamed(item)
    const where = items.length === 1 && !Array.isArray(value) ? origin : `${origin}[${position}]`
    if ('problem' in named) {
      index.unattributable.push(`${where} (${named.problem})`)
      continue
    }
    for (const name of named.crates) {
      const list = index.raw.get(name)
      const raw = { document, position: Array.isArray(value) ? position : null, origin: where }
      if (list === undefined) index.raw.set(name, [raw])
      else list.push(raw)
    }
  }
}

/** Reads the whole source synchronously: ~1,200 small files read in a loop cost a tenth of what
 * as many awaited reads do, and nothing else runs while the look-up waits for them anyway. */
export async function loadIndex(path: string): Promise<LocalIndex> {
  const index: LocalIndex = { raw: new Map(), unattributable: [], files: 0, checked: new Map() }
  if (statSync(path).isDirectory()) {
    for (const file of jsonFiles(path)) addDocument(index, readFileSync(file, 'utf8'), file)
  } else if (path.endsWith('.zip')) {
    // The unzipper (fflate, ~90 KB) is loaded only for a zip: a folder or a file never needs it.
    const { unzipSync } = await import('fflate')
    const entries = unzipSync(new Uint8Array(readFileSync(path)), {
      filter: (file) => file.name.endsWith('.json')
    })
    const decoder = new TextDecoder()
    for (const name of Object.keys(entries).sort()) {
      const data = entries[name]
      if (data !== undefined) addDocument(index, decoder.decode(data), `${path}:${name}`)
    }
  } else {
    addDocument(index, readFileSync(path, 'utf8'), path)
  }
  return index
}

/** Validated records of one crate, memoised: each record is checked once per crate. */
function recordsOf(
  index: LocalIndex,
  crate: string
): { records: OsvRecord[] } | { problem: string } {
  const known = index.checked.get(crate)
  if (known !== undefined) return known
  const records: OsvRecord[] = []
  const problems: string[] = []
  for (const raw of index.raw.get(crate) ?? []) {
    const checked = recordForCrate(recordValue(raw), crate, raw.origin)
    if ('record' in checked) records.push(checked.record)
    else problems.push(checked.problem)
  }
  const answer = problems.length === 0 ? { records } : { problem: problems.join('; ') }
  index.checked.set(crate, answer)
  return answer
}

/**
 * One index per path per process, so the action and the CLI (and a test suite) read a folder once.
 * The key includes the path's size and modification time, so a changed zip or a folder with files
 * added or removed is read again.
 */
const indexes = new Map<string, Promise<LocalIndex>>()

function cachedIndex(path: string): Promise<LocalIndex> {
  const info = statSync(path)
  const key = `${resolve(path)}\0${String(info.size)}\0${String(info.mtimeMs)}`
  let index = indexes.get(key)
  if (index === undefined) {
    index = loadIndex(path)
    indexes.set(key, index)
    // A source that could not be read is read again next time, as before it was cached.
    index.catch(() => indexes.delete(key))
  }
  return index
}

export function createPathSource(path: string, options: SourceOptions = {}): AdvisorySource {
  return {
    description: `path (${path})`,
    async lookup(crates: readonly string[]): Promise<LookupResult> {
      const started = Date.now()
      const result = emptyLookupResult()
      const names = queryableNames(crates, result)
      const finish = (): LookupResult => {
        result.stats.ms = Date.now() - started
        options.onProgress?.(names.length, names.length)
        return result
      }
      let index: LocalIndex
      try {
        index = await cachedIndex(path)
      } catch (error) {
        applyOutage(result, names, {
          cause: `cannot read advisories from ${path}: ${getErrorMessage(error)}`,
          hint: PATH_HINT
        })
        return finish()
      }
      if (index.files === 0) {
        // An empty mirror knows nothing: that is not the same as "no advisories".
        applyOutage(result, names, {
          cause: `no OSV JSON files in ${path}`,
          hint: PATH_HINT
        })
        return finish()
      }
      if (index.unattributable.length > 0) {
        const count = index.unattributable.length
        const shown = index.unattributable.slice(0, MAX_NAMED_FILES).join(', ')
        applyOutage(result, names, {
          cause: `${String(count)} file${count === 1 ? '' : 's'} in ${path} ${count === 1 ? 'is' : 'are'} not OSV records we can attribute to a crate: ${shown}${count > MAX_NAMED_FILES ? `, and ${String(count - MAX_NAMED_FILES)} more` : ''}`,
          hint: 'Fix or remove them: any crate’s advisories could be in them.'
        })
        return finish()
      }
      options.logger?.debug(
        `${path}: ${String(index.files)} files, ${String(index.raw.size)} crates`
      )
      for (const name of names) {
        const answer = recordsOf(index, name)
        if ('records' in answer) result.records.set(name, answer.records)
        else result.failed.set(name, answer.problem)
      }
      return finish()
    }
  }
}
