// A loopback fake of the crates.io sparse index, as Cargo's registry-index docs and crates.io serve it.
// node:http on 127.0.0.1, ephemeral port.
//
// - `GET /config.json`; `GET /{path}` with cargo's path rule on the LOWER-CASED name (1/a, 2/cc,
//   3/s/syn, se/rd/serde), computed here independently of the product; an upper-case path is a
//   different key and 404s. Bodies of 404/410/451 are not JSON (only the status means anything).
// - One compact JSON line per version, `\n`-terminated, crates.io's field order (name, vers, deps,
//   cksum, features, features2, yanked, links, rust_version, v, pubtime); `features2` only with
//   `v: 2`; `links`/`rust_version` on some lines only; `pubtime` on every line unless turned off.
// - Lines in publication order, which is not SemVer order: by default the highest patch of an
//   older line is published after the newest version (a backport), as crates.io writes it.
// - `Content-Type: text/plain`, `Cache-Control: public,max-age=600`, an `ETag` (quoted md5) and
//   `Last-Modified`; `If-None-Match` / `If-Modified-Since` → 304 with no body.
// - Modes: yank a version, remove a crate (404, or 410/451), an invalid JSON line in a crate's
//   file, a `v` this reader does not know, faults (a status once, a reset, a hang), a delay.
// - Stats: requests, paths, peak concurrency, the request headers seen.
import { connectionFault, takeFault, type Fault } from './faults.js'
import { createHash } from 'node:crypto'
import { listenOnLoopback } from './loopback.js'
import { countInFlight, waves, type Waves } from './waves.js'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import semver from 'semver'
import { parse as parseToml } from 'smol-toml'

export interface FakeIndexEntry {
  name: string
  vers: string
  cksum: string
  yanked: boolean
  deps?: unknown[]
  features?: Record<string, string[]>
  features2?: Record<string, string[]>
  links?: string | null
  rust_version?: string
  v?: number
  /** This line's `pubtime` as written (else the fake's own, when `pubtime` is on). */
  pubtime?: string
}

/** A status (default 503), a reset or a hang, for `crate` (lower-cased name) or any. */
export interface FakeIndexFault extends Fault<'status' | 'reset' | 'hang'> {
  crate?: string
}

export interface FakeIndexStats {
  requests: number
  /** Paths asked for, in order. */
  paths: string[]
  /** Header maps of every request, in order. */
  headers: Record<string, string | string[] | undefined>[]
  inFlight: number
  maxInFlight: number
  notModified: number
}

export interface FakeIndexOptions {
  /** Versions per crate in SemVer order or any order; the fake lays them out in publication order. */
  crates?: ReadonlyMap<string, readonly FakeIndexEntry[]>
  /** Put a backported patch last (default true). */
  backportLast?: boolean
  /** Give every line a `pubtime` (default true). */
  pubtime?: boolean
  delayMs?: number
  /** Hold answers until this many requests wait at once, then answer them together (waves.ts). */
  waves?: number
}

export interface FakeIndex {
  url: string
  stats: FakeIndexStats
  faults: FakeIndexFault[]
  /** Marks `vers` of `name` yanked (or not). */
  yank: (name: string, vers: string, yanked?: boolean) => void
  /** The crate's file answers `status` (404 by default; 410, 451). */
  remove: (name: string, status?: number) => void
  /** Undoes remove(). */
  restore: (name: string) => void
  /** Inserts a line that is not valid JSON into the crate's file (after the first line). */
  corrupt: (name: string) => void
  /** Adds a line of schema version `v` for `vers` (a reader must skip it, not fail). */
  addFutureLine: (name: string, vers: string, v: number) => void
  /** The lines of a crate's file as served now. */
  body: (name: string) => string | null
  setDelay: (ms: number) => void
  /** Answers in waves of `size` from now on (null: as they come). */
  setWaves: (size: number | null) => void
  resetStats: () => void
  close: () => Promise<void>
}

/** cargo's rule, written from the book independently of src/. */
export function fakeIndexPath(name: string): string {
  const n = name.toLowerCase()
  if (n.length <= 2) return `${String(n.length)}/${n}`
  if (n.length === 3) return `3/${n.charAt(0)}/${n}`
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`
}

const LAST_MODIFIED = 'Tue, 01 Dec 2026 12:00:00 GMT'
const EPOCH = Date.parse('2019-01-01T00:00:00Z')

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Publication order: SemVer order, then (optionally) a patch release of an older line last. */
function publicationOrder(entries: readonly FakeIndexEntry[], backportLast: boolean) {
  const sorted = [...entries].sort((a, b) => semver.compareBuild(a.vers, b.vers))
  if (!backportLast || sorted.length < 3) return sorted
  const newest = sorted[sorted.length - 1]
  if (newest === undefined) return sorted
  const line = (vers: string) => `${String(semver.major(vers))}.${String(semver.minor(vers))}`
  // The last version of the previous line, re-released after the newest one.
  for (let i = sorted.length - 2; i >= 0; i--) {
    const entry = sorted[i]
    if (
      entry !== undefined &&
      line(entry.vers) !== line(newest.vers) &&
      semver.patch(entry.vers) > 0 &&
      semver.prerelease(entry.vers) === null
    ) {
      sorted.splice(i, 1)
      sorted.push(entry)
      break
    }
  }
  return sorted
}

function serialise(entry: FakeIndexEntry, index: number, pubtime: boolean): string {
  // Insertion order is crates.io's field order; JSON.stringify writes compactly.
  const line: Record<string, unknown> = {
    name: entry.name,
    vers: entry.vers,
    deps: entry.deps ?? [],
    cksum: entry.cksum,
    features: entry.features ?? {}
  }
  if (entry.features2 !== undefined) line.features2 = entry.features2
  line.yanked = entry.yanked
  if (entry.links !== undefined) line.links = entry.links
  if (entry.rust_version !== undefined) line.rust_version = entry.rust_version
  if (entry.v !== undefined) line.v = entry.v
  if (entry.pubtime !== undefined) line.pubtime = entry.pubtime
  else if (pubtime) {
    line.pubtime = new Date(EPOCH + index * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }
  return JSON.stringify(line)
}

/** A plausible entry: some lines have links/rust_version/deps, some have features2 with v 2. */
export function entry(name: string, vers: string, cksum?: string, yanked = false): FakeIndexEntry {
  const seed = sha256(`${name}@${vers}`)
  const pick = Number.parseInt(seed.slice(0, 2), 16)
  return {
    name,
    vers,
    cksum: cksum ?? sha256(`${name}-${vers}.crate`),
    yanked,
    ...(pick % 3 === 0
      ? {
          deps: [
            {
              name: 'libc',
              req: '^0.2',
              features: [],
              optional: false,
              default_features: true,
              target: null,
              kind: 'normal'
            }
          ]
        }
      : {}),
    features: pick % 2 === 0 ? { default: ['std'], std: [] } : {},
    ...(pick % 5 === 0 ? { features2: { serde: ['dep:serde'] }, v: 2 } : {}),
    ...(pick % 4 === 0 ? { rust_version: '1.63' } : {}),
    ...(pick % 7 === 0 ? { links: null } : {})
  }
}

function walk(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, found)
    else if (name === 'Cargo.lock') found.push(path)
  }
  return found
}

const CRATES_IO_SOURCES = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/'
])

/**
 * The index the fixture cases need: every crates.io version their lockfiles pin (with the
 * lockfiles' checksums), plus every `introduced`/`fixed` version the OSV records name for those
 * crates, so a "fixed in X" can be looked up.
 */
export function fixtureIndex(
  casesDir: string,
  osvDirs: readonly string[]
): Map<string, FakeIndexEntry[]> {
  // Read once per process (several suites serve the same cases); each caller gets its own map.
  const key = JSON.stringify([casesDir, osvDirs])
  let crates = fixtureIndexes.get(key)
  if (crates === undefined) {
    crates = readFixtureIndex(casesDir, osvDirs)
    fixtureIndexes.set(key, crates)
  }
  return new Map([...crates].map(([name, list]) => [name, list.map((e) => ({ ...e }))]))
}

const fixtureIndexes = new Map<string, Map<string, FakeIndexEntry[]>>()

function readFixtureIndex(
  casesDir: string,
  osvDirs: readonly string[]
): Map<string, FakeIndexEntry[]> {
  const versions = new Map<string, Map<string, string | undefined>>()
  const add = (name: string, vers: string, cksum?: string) => {
    if (semver.valid(vers) === null) return
    const known = versions.get(name) ?? new Map<string, string | undefined>()
    if (!known.has(vers) || cksum !== undefined) known.set(vers, cksum ?? known.get(vers))
    versions.set(name, known)
  }
  for (const path of walk(casesDir)) {
    const lock = parseToml(readFileSync(path, 'utf8')) as {
      package?: { name: string; version: string; source?: string; checksum?: string }[]
      metadata?: Record<string, string>
    }
    for (const pkg of lock.package ?? []) {
      if (pkg.source === undefined || !CRATES_IO_SOURCES.has(pkg.source)) continue
      const v1 = lock.metadata?.[`checksum ${pkg.name} ${pkg.version} (${pkg.source})`]
      add(pkg.name, pkg.version, pkg.checksum ?? v1)
    }
  }
  for (const dir of osvDirs) {
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.json')) continue
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        affected?: {
          package?: { ecosystem?: string; name?: string }
          ranges?: { events?: Record<string, string>[] }[]
        }[]
      }
      for (const affected of record.affected ?? []) {
        const name = affected.package?.name
        if (affected.package?.ecosystem !== 'crates.io' || name === undefined) continue
        if (!versions.has(name)) continue
        for (const range of affected.ranges ?? []) {
          for (const event of range.events ?? []) {
            for (const value of Object.values(event)) if (value !== '0.0.0-0') add(name, value)
          }
        }
      }
    }
  }
  const crates = new Map<string, FakeIndexEntry[]>()
  for (const [name, known] of versions) {
    crates.set(
      name,
      [...known].map(([vers, cksum]) => entry(name, vers, cksum))
    )
  }
  return crates
}

/** Adds `count` synthetic releases `major.minor.patch` below `below` (a crate with hundreds). */
export function withManyVersions(entries: readonly FakeIndexEntry[], name: string, count: number) {
  const have = new Set(entries.map((e) => e.vers))
  const out = [...entries]
  for (let i = 0; out.length < entries.length + count; i++) {
    const vers = `0.${String(Math.floor(i / 20))}.${String(i % 20)}`
    if (!have.has(vers)) out.push(entry(name, vers))
  }
  return out
}

export async function startFakeIndex(options: FakeIndexOptions = {}): Promise<FakeIndex> {
  const entries = new Map<string, FakeIndexEntry[]>()
  for (const [name, list] of options.crates ?? new Map<string, readonly FakeIndexEntry[]>()) {
    entries.set(
      name.toLowerCase(),
      list.map((e) => ({ ...e }))
    )
  }
  const removed = new Map<string, number>()
  const corrupted = new Set<string>()
  const future = new Map<string, string[]>()
  const backportLast = options.backportLast ?? true
  const pubtime = options.pubtime ?? true
  let delayMs = options.delayMs ?? 0
  let held: Waves | null = options.waves === undefined ? null : waves(options.waves)
  const stats: FakeIndexStats = {
    requests: 0,
    paths: [],
    headers: [],
    inFlight: 0,
    maxInFlight: 0,
    notModified: 0
  }
  const faults: FakeIndexFault[] = []
  // The crates are fixed at start; bodies are made once and made again after a change (yank,
  // remove, ...), so that serving hundreds of files costs the benchmarks' proxies no time.
  const paths = new Map([...entries.keys()].map((name) => [fakeIndexPath(name), name]))
  const bodies = new Map<string, string | null>()
  const changed = () => {
    bodies.clear()
  }

  const body = (key: string): string | null => {
    const made = bodies.get(key)
    if (made !== undefined) return made
    const list = entries.get(key)
    if (list === undefined || removed.has(key)) return null
    const lines = publicationOrder(list, backportLast).map((e, i) => serialise(e, i, pubtime))
    if (corrupted.has(key)) lines.splice(1, 0, '{"name":"' + key + '","vers":"9.9.9",')
    for (const line of future.get(key) ?? []) lines.push(line)
    const text = lines.map((line) => `${line}\n`).join('')
    bodies.set(key, text)
    return text
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      stats.requests++
      countInFlight(stats, response)
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\//, '')
      stats.paths.push(path)
      stats.headers.push({ ...request.headers })
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
      if (held !== null) await held.wait()
      const key = path === 'config.json' ? undefined : paths.get(path)
      const fault = takeFault(faults, (f) => f.crate === undefined || f.crate === key)
      if (fault !== undefined) {
        if (connectionFault(fault.kind, request)) return
        response.writeHead(fault.status ?? 503, { 'content-type': 'text/plain' })
        response.end('fake fault')
        return
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { 'content-type': 'text/plain' })
        response.end()
        return
      }
      if (path === 'config.json') {
        const text = JSON.stringify({
          dl: 'https://static.crates.io/crates',
          api: 'https://crates.io'
        })
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(text)
        return
      }
      // Storage keys are case-sensitive: only the lower-cased path exists.
      const text = key === undefined ? null : body(key)
      if (key === undefined || text === null) {
        response.writeHead(key === undefined ? 404 : (removed.get(key) ?? 404), {
          'content-type': 'text/plain'
        })
        response.end('<Error><Code>NoSuchKey</Code></Error>')
        return
      }
      const etag = `"${createHash('md5').update(text).digest('hex')}"`
      const ifNoneMatch = request.headers['if-none-match']
      const ifModifiedSince = request.headers['if-modified-since']
      const fresh =
        ifNoneMatch !== undefined
          ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag)
          : ifModifiedSince !== undefined &&
            Date.parse(ifModifiedSince) >= Date.parse(LAST_MODIFIED)
      const headers = {
        'content-type': 'text/plain',
        'cache-control': 'public,max-age=600',
        etag,
        'last-modified': LAST_MODIFIED
      }
      if (fresh) {
        stats.notModified++
        response.writeHead(304, headers)
        response.end()
        return
      }
      response.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(text) })
      response.end(request.method === 'HEAD' ? undefined : text)
    })()
  })
  const { url, close } = await listenOnLoopback(server)
  return {
    url,
    stats,
    faults,
    yank: (name, vers, yanked = true) => {
      const found = entries.get(name.toLowerCase())?.find((e) => e.vers === vers)
      if (found === undefined) throw new Error(`fake index: no ${name} ${vers}`)
      found.yanked = yanked
      changed()
    },
    remove: (name, status = 404) => {
      removed.set(name.toLowerCase(), status)
      changed()
    },
    restore: (name) => {
      removed.delete(name.toLowerCase())
      changed()
    },
    corrupt: (name) => {
      corrupted.add(name.toLowerCase())
      changed()
    },
    addFutureLine: (name, vers, v) => {
      const key = name.toLowerCase()
      const lines = future.get(key) ?? []
      lines.push(
        JSON.stringify({
          name,
          vers,
          deps: [],
          cksum: sha256(vers),
          features: {},
          yanked: false,
          v
        })
      )
      future.set(key, lines)
      changed()
    },
    body: (name) => body(name.toLowerCase()),
    setDelay: (ms) => {
      delayMs = ms
    },
    setWaves: (size) => {
      held = size === null ? null : waves(size)
    },
    resetStats: () => {
      Object.assign(stats, {
        requests: 0,
        paths: [],
        headers: [],
        inFlight: stats.inFlight,
        maxInFlight: 0,
        notModified: 0
      })
    },
    close
  }
}
