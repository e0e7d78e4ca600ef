// The offline source: a folder searched recursively for OSV JSON files, a single JSON file, or a
// `.zip` of them (OSV's crates.io `all.zip`). Read once, indexed by crates.io package name.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { CRATES_IO } from '../core/model.js'
import { getErrorMessage } from '../core/errors.js'
import { parseRecord, type OsvRecord } from './schema.js'
import {
  emptyLookupResult,
  type AdvisorySource,
  type LookupResult,
  type SourceOptions
} from './source.js'

interface LocalIndex {
  byCrate: Map<string, OsvRecord[]>
  malformed: string[]
  files: number
}

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  // Symbolic links are not followed: a link cycle must not hang the run.
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await jsonFiles(path)))
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path)
  }
  return out.sort()
}

function addDocument(index: LocalIndex, text: string, origin: string): void {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    index.malformed.push(`unreadable JSON in ${origin} skipped: ${getErrorMessage(error)}`)
    return
  }
  // One record per file (the exports), or an array (a rustsec.org packages/<crate>.json).
  for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
    const parsed = parseRecord(item, origin)
    if ('problem' in parsed) {
      index.malformed.push(parsed.problem)
      continue
    }
    const names = new Set(
      parsed.record.affected.flatMap((entry) =>
        entry.package?.ecosystem === CRATES_IO ? [entry.package.name] : []
      )
    )
    for (const name of names) {
      const list = index.byCrate.get(name)
      if (list === undefined) index.byCrate.set(name, [parsed.record])
      else list.push(parsed.record)
    }
  }
}

async function loadIndex(path: string): Promise<LocalIndex> {
  const index: LocalIndex = { byCrate: new Map(), malformed: [], files: 0 }
  const info = await stat(path)
  if (info.isDirectory()) {
    for (const file of await jsonFiles(path)) {
      index.files++
      addDocument(index, await readFile(file, 'utf8'), file)
    }
  } else if (path.endsWith('.zip')) {
    const entries = unzipSync(new Uint8Array(await readFile(path)), {
      filter: (file) => file.name.endsWith('.json')
    })
    const decoder = new TextDecoder()
    for (const name of Object.keys(entries).sort()) {
      const data = entries[name]
      if (data === undefined) continue
      index.files++
      addDocument(index, decoder.decode(data), `${path}:${name}`)
    }
  } else {
    index.files++
    addDocument(index, await readFile(path, 'utf8'), path)
  }
  return index
}

export function createPathSource(path: string, options: SourceOptions = {}): AdvisorySource {
  let loading: Promise<LocalIndex> | null = null
  return {
    description: `path (${path})`,
    async lookup(crates: readonly string[]): Promise<LookupResult> {
      const started = Date.now()
      const result = emptyLookupResult()
      loading ??= loadIndex(path)
      let index: LocalIndex
      try {
        index = await loading
      } catch (error) {
        loading = null
        const reason = `cannot read advisories from ${path}: ${getErrorMessage(error)}`
        for (const name of crates) result.failed.set(name, reason)
        result.stats.ms = Date.now() - started
        return result
      }
      if (index.files === 0) {
        // An empty mirror knows nothing: that is not the same as "no advisories".
        for (const name of new Set(crates)) result.failed.set(name, `no OSV JSON files in ${path}`)
        result.stats.ms = Date.now() - started
        return result
      }
      options.logger?.debug(
        `${path}: ${String(index.files)} files, ${String(index.byCrate.size)} crates`
      )
      result.malformed.push(...index.malformed)
      for (const name of new Set(crates)) result.records.set(name, index.byCrate.get(name) ?? [])
      result.stats.ms = Date.now() - started
      return result
    }
  }
}
