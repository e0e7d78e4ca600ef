// CPU work of the whole pipeline (read from memory → parse → diff → look up in a preloaded offline
// index → evaluate → render comment, summary and JSON), against the floor of smol-toml parsing the
// same lockfiles. Run alone with `npx tsx bench/cpu.ts`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parse } from 'smol-toml'
import { createAdvisorySource } from '../src/advisories/index.js'
import { analyze } from '../src/review/analyze.js'
import { computeChanges } from '../src/diff/changes.js'
import { renderJson } from '../src/review/json.js'
import { renderComment, renderSummary } from '../src/render/markdown.js'
import type { FileRead, FileTree } from '../src/trees/tree.js'
import { median } from './stats.js'

export const REPO_ROOT = join(import.meta.dirname, '..')
export const CASES_DIR = join(REPO_ROOT, 'test', 'fixtures', 'cases')
export const RUSTSEC_DIR = join(REPO_ROOT, 'test', 'fixtures', 'osv', 'rustsec', 'crates')
export const LARGEST_CASES = [
  'rustup-2020-cargo-update',
  'alacritty-2025-toml-0-9',
  'ripgrep-2016-ignore-crate'
]

export interface CpuRow {
  name: string
  /** Packages in the base / head lockfiles (all lockfiles of the case). */
  packages: [number, number]
  /** Added + updated + removed crates in the report. */
  changes: number
  /** Advisory findings in the report. */
  findings: number
  pipeline_ms: number
  /** The pipeline's stages (medians, so they need not add up exactly). */
  stages: { parse_diff_ms: number; lookup_evaluate_ms: number; render_ms: number }
  /** smol-toml `parse` of every changed Cargo file (lockfiles and manifests), both sides. */
  floor_ms: number
  ratio: number
  runs: number
}

export function memoryTree(label: string, files: ReadonlyMap<string, string>): FileTree {
  return {
    label,
    listCargoFiles: () => Promise.resolve([...files.keys()]),
    read: (path: string): Promise<FileRead> => {
      const text = files.get(path)
      return Promise.resolve(text === undefined ? { kind: 'missing' } : { kind: 'ok', text })
    }
  }
}

export function readSide(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name)
      if (statSync(full).isDirectory()) walk(full)
      else files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'))
    }
  }
  walk(dir)
  return files
}

/** Names of crates that have at least one RustSec record, so the synthetic change meets advisories. */
function advisoryCrates(): string[] {
  const names = new Set<string>()
  for (const file of readdirSync(RUSTSEC_DIR)) {
    const record = JSON.parse(readFileSync(join(RUSTSEC_DIR, file), 'utf8')) as {
      affected?: { package?: { name?: string; ecosystem?: string } }[]
    }
    for (const entry of record.affected ?? []) {
      if (entry.package?.ecosystem === 'crates.io' && entry.package.name !== undefined)
        names.add(entry.package.name)
    }
  }
  return [...names].sort()
}

/**
 * A v3 lockfile pair in which every one of `count` crates.io packages changes version (0.x → 1.x),
 * the first few hundred named after crates with real advisories: a worst case for look-up,
 * evaluation and rendering, not only for parsing.
 */
export function syntheticChange(count: number): { base: string; head: string; names: string[] } {
  const real = advisoryCrates()
  const names = Array.from({ length: count }, (_, i) => real[i] ?? `synthetic-crate-${String(i)}`)
  const write = (major: number): string => {
    const out = ['# synthetic\nversion = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n']
    out.push(
      `dependencies = [\n${names
        .slice(0, 200)
        .map((n) => ` "${n}",\n`)
        .join('')}]\n`
    )
    names.forEach((name, i) => {
      out.push(
        `\n[[package]]\nname = "${name}"\nversion = "${String(major)}.${String(i % 7)}.${String(i % 13)}"\n` +
          'source = "registry+https://github.com/rust-lang/crates.io-index"\n' +
          `checksum = "${(i * 2654435761 + major).toString(16).padStart(64, '0').slice(-64)}"\n`
      )
      const deps = [1, 2, 3].map((k) => i + k * 200).filter((d) => d < count)
      if (deps.length > 0)
        out.push(`dependencies = [\n${deps.map((d) => ` "${names[d] ?? ''}",\n`).join('')}]\n`)
    })
    return out.join('')
  }
  return { base: write(0), head: write(1), names }
}

export async function measureCpu(
  name: string,
  base: ReadonlyMap<string, string>,
  head: ReadonlyMap<string, string>,
  runs: number,
  warmup: number
): Promise<CpuRow> {
  const source = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
  await source.lookup(['serde']) // load the index once: it is I/O, not the per-run work
  // The floor parses every changed Cargo file, both sides: exactly the texts the pipeline parses
  // (unchanged files are never parsed).
  const changed = [...new Set([...base.keys(), ...head.keys()])].filter(
    (path) => base.get(path) !== head.get(path)
  )
  const changedLocks = changed.filter((path) => path.endsWith('Cargo.lock'))
  const lockTexts = changed.flatMap((path) =>
    [base.get(path), head.get(path)].filter((t): t is string => t !== undefined)
  )
  const baseTree = memoryTree('base', base)
  const headTree = memoryTree('head', head)
  const pipeline: number[] = []
  const floor: number[] = []
  const parseDiff: number[] = []
  const lookupEvaluate: number[] = []
  const rendering: number[] = []
  let changes = 0
  let findings = 0
  for (let run = 0; run < warmup + runs; run++) {
    // Alternate the two so both see the same JIT and GC conditions.
    let start = performance.now()
    for (const text of lockTexts) parse(text)
    const floorMs = performance.now() - start
    start = performance.now()
    await computeChanges(baseTree, headTree)
    const changesMs = performance.now() - start
    start = performance.now()
    const report = await analyze({ base: baseTree, head: headTree, source })
    const analyzeMs = performance.now() - start
    start = performance.now()
    renderComment(report)
    renderSummary(report)
    renderJson(report)
    const renderMs = performance.now() - start
    const pipelineMs = analyzeMs + renderMs
    if (!report.complete) throw new Error(`${name}: ${report.problems[0]?.message ?? ''}`)
    changes = report.lockfiles.reduce((n, l) => n + l.changes.length, 0)
    findings = report.lockfiles.reduce(
      (n, l) => n + l.changes.reduce((m, c) => m + c.advisories.length, 0),
      0
    )
    if (run >= warmup) {
      floor.push(floorMs)
      pipeline.push(pipelineMs)
      parseDiff.push(changesMs)
      lookupEvaluate.push(analyzeMs - changesMs)
      rendering.push(renderMs)
    }
  }
  const count = (files: ReadonlyMap<string, string>) =>
    changedLocks.reduce((n, p) => n + (files.get(p)?.split('[[package]]').length ?? 1) - 1, 0)
  const pipeline_ms = median(pipeline)
  const floor_ms = median(floor)
  return {
    name,
    packages: [count(base), count(head)],
    changes,
    findings,
    pipeline_ms,
    stages: {
      parse_diff_ms: median(parseDiff),
      lookup_evaluate_ms: median(lookupEvaluate),
      render_ms: median(rendering)
    },
    floor_ms,
    ratio: pipeline_ms / floor_ms,
    runs
  }
}

export async function benchCpu(runs = 15, warmup = 10): Promise<CpuRow[]> {
  const rows: CpuRow[] = []
  for (const id of LARGEST_CASES) {
    rows.push(
      await measureCpu(
        id,
        readSide(join(CASES_DIR, id, 'base')),
        readSide(join(CASES_DIR, id, 'head')),
        runs,
        warmup
      )
    )
  }
  const synthetic = syntheticChange(5000)
  rows.push(
    await measureCpu(
      'synthetic-5000-changed',
      new Map([['Cargo.lock', synthetic.base]]),
      new Map([['Cargo.lock', synthetic.head]]),
      Math.max(5, Math.floor(runs / 2)),
      Math.max(3, Math.floor(warmup / 2))
    )
  )
  return rows
}

export function formatCpu(rows: readonly CpuRow[]): string {
  const lines = [
    '| case | packages (base/head) | changes | findings | parse + diff | look-up + evaluate | render (comment, summary, JSON) | pipeline | smol-toml floor | pipeline / floor | parse + diff / floor |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
  ]
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${String(r.packages[0])}/${String(r.packages[1])} | ${String(r.changes)} | ` +
        `${String(r.findings)} | ${r.stages.parse_diff_ms.toFixed(2)} ms | ${r.stages.lookup_evaluate_ms.toFixed(2)} ms | ` +
        `${r.stages.render_ms.toFixed(2)} ms | ${r.pipeline_ms.toFixed(2)} ms | ${r.floor_ms.toFixed(2)} ms | ` +
        `**${r.ratio.toFixed(2)}×** | ${(r.stages.parse_diff_ms / r.floor_ms).toFixed(2)}× |`
    )
  }
  return lines.join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatCpu(await benchCpu()))
}
