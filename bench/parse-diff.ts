// Benchmark: computeChanges on large lockfile pairs against the floor of smol-toml parsing the same
// two texts. Run with `npx tsx bench/parse-diff.ts`; bench/run.ts calls benchParseDiff().
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parse } from 'smol-toml'
import { computeChanges } from '../src/diff/changes.js'
import type { FileRead, FileTree } from '../src/trees/tree.js'

export interface BenchRow {
  name: string
  /** Packages in the base and head lockfiles. */
  packages: [number, number]
  /** Median milliseconds of computeChanges (read from memory, parse, diff, dependency paths). */
  compute_ms: number
  /** Median milliseconds of smol-toml `parse` on the same two texts. */
  parse_ms: number
  /** compute_ms / parse_ms: the engine's overhead over the TOML floor. */
  ratio: number
  runs: number
}

const RUNS = 31
const WARMUP = 30
const casesDir = join(import.meta.dirname, '..', 'test', 'fixtures', 'cases')

function memoryTree(label: string, files: Record<string, string>): FileTree {
  return {
    label,
    listCargoFiles: () => Promise.resolve(Object.keys(files)),
    read: (path: string): Promise<FileRead> => {
      const text = files[path]
      return Promise.resolve(text === undefined ? { kind: 'missing' } : { kind: 'ok', text })
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** A v3 lockfile with `count` crates.io packages in a layered graph, and a head with ~5% bumped. */
export function syntheticPair(count: number): [string, string] {
  const write = (bump: boolean) => {
    const out = ['# synthetic\nversion = 3\n']
    out.push(`[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n`)
    for (let i = 0; i < 50; i++) out.push(` "crate-${String(i)}",\n`)
    out.push(']\n')
    for (let i = 0; i < count; i++) {
      const minor = bump && i % 20 === 7 ? 1 : 0
      out.push(
        `\n[[package]]\nname = "crate-${String(i)}"\nversion = "1.${String(minor)}.${String(i % 13)}"\n` +
          `source = "registry+https://github.com/rust-lang/crates.io-index"\n` +
          `checksum = "${(i * 2654435761).toString(16).padStart(64, '0').slice(0, 64)}"\n`
      )
      const deps = [1, 2, 3].map((k) => i + k * 50).filter((d) => d < count)
      if (deps.length > 0) {
        out.push(`dependencies = [\n${deps.map((d) => ` "crate-${String(d)}",\n`).join('')}]\n`)
      }
    }
    return out.join('')
  }
  return [write(false), write(true)]
}

async function measure(name: string, base: string, head: string): Promise<BenchRow> {
  const baseTree = memoryTree('base', { 'Cargo.lock': base })
  const headTree = memoryTree('head', { 'Cargo.lock': head })
  const count = (text: string) => text.split('[[package]]').length - 1
  const compute: number[] = []
  const floor: number[] = []
  for (let run = 0; run < WARMUP + RUNS; run++) {
    // Alternate so both see the same JIT and GC conditions.
    let start = performance.now()
    parse(base)
    parse(head)
    const parseMs = performance.now() - start
    start = performance.now()
    const result = await computeChanges(baseTree, headTree)
    const computeMs = performance.now() - start
    if (result.problems.length > 0) throw new Error(`${name}: ${result.problems[0]?.message ?? ''}`)
    if (run >= WARMUP) {
      floor.push(parseMs)
      compute.push(computeMs)
    }
  }
  const compute_ms = median(compute)
  const parse_ms = median(floor)
  return {
    name,
    packages: [count(base), count(head)],
    compute_ms,
    parse_ms,
    ratio: compute_ms / parse_ms,
    runs: RUNS
  }
}

export async function benchParseDiff(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const id of ['rustup-2020-cargo-update', 'alacritty-2025-toml-0-9']) {
    const read = (side: string) => readFileSync(join(casesDir, id, side, 'Cargo.lock'), 'utf8')
    rows.push(await measure(id, read('base'), read('head')))
  }
  const [base, head] = syntheticPair(5000)
  rows.push(await measure('synthetic-5000', base, head))
  return rows
}

function format(rows: readonly BenchRow[]): string {
  const lines = ['case                           packages     computeChanges  smol-toml  ratio']
  for (const r of rows) {
    lines.push(
      `${r.name.padEnd(30)} ${`${String(r.packages[0])}/${String(r.packages[1])}`.padEnd(12)} ` +
        `${r.compute_ms.toFixed(2).padStart(11)} ms ${r.parse_ms.toFixed(2).padStart(7)} ms ` +
        `${r.ratio.toFixed(2).padStart(5)}x`
    )
  }
  return `${lines.join('\n')}\n(median of ${String(rows[0]?.runs ?? 0)} runs after ${String(WARMUP)} warm-up runs)`
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(format(await benchParseDiff()))
}
