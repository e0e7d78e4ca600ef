// A loopback fake of rustsec.org's per-crate files, as crates.io reads them:
// GET /packages/<crate>.json → JSON array of the crate's OSV records (withdrawn included);
// a crate without advisories → 404 text "not found". Same faults, delay and stats as the OSV fake
// (route name `packages`; `match` is the crate name).
// Whatever else it serves, it serves openssl's real RUSTSEC-2016-0001 (the source's canary, as
// rustsec.org does) unless `withoutCanary` asks for a broken mirror.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  loadRecords,
  newStats,
  RUSTSEC_DIR,
  startFake,
  type FakeFault,
  type FakeServer,
  type FaultControl
} from './fake-osv.js'
import { waves } from './waves.js'

export interface FakeRustsecOptions {
  /** Folders of OSV JSON files to serve (default: the RustSec export). */
  dirs?: string[]
  records?: unknown[]
  delayMs?: number
  /** Hold answers until this many requests wait at once, then answer them together. */
  waves?: number
  faults?: FakeFault[]
  /** Serve no openssl file at all, so it answers 404 (a mirror that has lost its files). */
  withoutCanary?: boolean
}

const CANARY_FILE = join(RUSTSEC_DIR, 'RUSTSEC-2016-0001.json')

export async function startFakeRustsec(options: FakeRustsecOptions = {}): Promise<FakeServer> {
  const served = loadRecords(options.dirs ?? [RUSTSEC_DIR], options.records ?? [])
  const canary = loadRecords([], [JSON.parse(readFileSync(CANARY_FILE, 'utf8'))])
  const records =
    options.withoutCanary === true
      ? served.filter((record) => !record.crates.has('openssl'))
      : served.some((record) => record.id === 'RUSTSEC-2016-0001')
        ? served
        : [...served, ...canary]
  const control: FaultControl = {
    faults: (options.faults ?? []).map((f) => ({ ...f })),
    delayMs: options.delayMs ?? 0,
    ...(options.waves === undefined ? {} : { waves: waves(options.waves) })
  }
  const stats = newStats()
  const fake = await startFake(control, stats, (method, path) => {
    const match = /^\/packages\/([^/]+)\.json$/.exec(path)
    if (method !== 'GET' || match === null) {
      return { name: 'unknown', subjects: [], answer: 'not-found-text' }
    }
    const crate = decodeURIComponent(match[1] ?? '')
    stats.packageGets.push(crate)
    const list = records.filter((record) => record.crates.has(crate)).map((record) => record.raw)
    return {
      name: 'packages',
      subjects: [crate],
      answer: list.length === 0 ? 'not-found-text' : { status: 200, body: list }
    }
  })
  return {
    url: fake.url,
    stats,
    setFaults(faults) {
      control.faults = faults.map((f) => ({ ...f }))
    },
    setDelay(ms) {
      control.delayMs = ms
    },
    resetStats() {
      Object.assign(stats, newStats())
    },
    close: fake.close
  }
}
