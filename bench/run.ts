// `npm run bench`: every benchmark, printed as tables and written into BENCHMARKS.md between the
// generated-section markers (the hand-written method text around them is kept).
// BENCH_RUNS sets the number of measured runs of the end-to-end benchmark (default 5).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { benchCpu, formatCpu, REPO_ROOT } from './cpu.js'
import { benchE2e, formatE2e } from './e2e.js'
import { benchLookup } from './lookup.js'
import { benchParseDiff } from './parse-diff.js'
import { machine } from './stats.js'
import { benchCliOffline, benchStartup, formatStartup } from './startup.js'

const BENCHMARKS = join(REPO_ROOT, 'BENCHMARKS.md')
const COMMAND = 'npm run bench'
const NODE24 = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node')

function section(name: string, body: string): string {
  return `<!-- bench:${name} -->\n${body.trim()}\n<!-- /bench:${name} -->`
}

/** Replaces each generated section in BENCHMARKS.md, or appends it when missing. */
function writeSections(sections: Record<string, string>): void {
  let text = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n'
  for (const [name, body] of Object.entries(sections)) {
    const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`)
    const replacement = section(name, body)
    text = pattern.test(text)
      ? text.replace(pattern, () => replacement)
      : `${text}\n${replacement}\n`
  }
  writeFileSync(BENCHMARKS, text)
}

/** Every file of dist/ (entry points, chunks, source maps): what loads first is what counts. */
function bundleSizes(): string {
  const rows = ['| file | size | loaded |', '|---|---:|---|']
  const dist = join(REPO_ROOT, 'dist')
  if (!existsSync(dist)) return 'dist/ not built'
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
  for (const path of files) {
    const name = relative(REPO_ROOT, path)
    const when = name.endsWith('.map')
      ? 'never (only with --enable-source-maps)'
      : name === 'dist/index.js' || name === 'dist/cli.js'
        ? 'at start'
        : name.includes('undici')
          ? 'only behind a proxy'
          : name.includes('fflate')
            ? 'only for a .zip advisory source'
            : name.includes('common')
              ? 'at start'
              : 'action: after the first GitHub requests; CLI: at start'
    rows.push(`| ${name} | ${(statSync(path).size / 1024).toFixed(0)} KiB | ${when} |`)
  }
  return rows.join('\n')
}

const runs = Number(process.env.BENCH_RUNS ?? 5)
const date = new Date().toISOString().slice(0, 16).replace('T', ' ')
const header = [
  `Produced by \`${COMMAND}\` on ${date} UTC.`,
  '',
  `- Machine: ${machine()}`,
  `- Benchmarks ran under Node ${process.version}; the action ran under Node ${
    existsSync(NODE24) ? 'from the npm `node` package (the runner’s node24)' : 'of the machine'
  }.`,
  `- End-to-end figures are medians of ${String(runs)} runs after one warm-up run; CPU figures are medians after warm-up runs (counts in each table).`
].join('\n')

console.log(header)
console.log('\n## CPU work')
const cpu = await benchCpu()
console.log(formatCpu(cpu))

const parseDiff = await benchParseDiff()
const parseDiffTable = [
  '| case | packages (base/head) | computeChanges (parse + diff + paths) | smol-toml floor | ratio |',
  '|---|---:|---:|---:|---:|',
  ...parseDiff.map(
    (r) =>
      `| ${r.name} | ${String(r.packages[0])}/${String(r.packages[1])} | ${r.compute_ms.toFixed(2)} ms | ${r.parse_ms.toFixed(2)} ms | **${r.ratio.toFixed(2)}×** |`
  )
].join('\n')
console.log(parseDiffTable)

console.log('\n## OSV look-up (in process, every answer delayed 50 ms)')
const lookup = await benchLookup()
const lookupTable = [
  '| case | crates | advisory ids | requests | querybatch | vulns GETs | sequential round trips | peak in flight | time |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${lookup.case} | ${String(lookup.crates)} | ${String(lookup.advisory_ids)} | ${String(lookup.requests)} | ${String(lookup.querybatch_requests)} | ${String(lookup.vuln_requests)} | **${String(lookup.round_trips)}** | ${String(lookup.max_in_flight)} | ${String(lookup.ms)} ms |`
].join('\n')
console.log(lookupTable)

console.log('\n## End to end (built action, GitHub, OSV and index fakes behind 50 ms proxies)')
const e2e = await benchE2e(runs)
const e2eTable = formatE2e(e2e)
const chains = e2e
  .filter((r) => r.delay_ms > 0)
  .map(
    (r) =>
      `- ${r.case} (index ${r.index ? 'on' : 'off'}): ${r.chain.map((c) => `\`${c}\``).join(' → ')}`
  )
  .join('\n')
console.log(e2eTable)
console.log(chains)
console.log('\n## Start-up, CLI offline wall, size')
const startupRows = await benchStartup(Number(process.env.BENCH_STARTUP_RUNS ?? 21))
const cliRows = await benchCliOffline(Number(process.env.BENCH_CLI_RUNS ?? 3))
const startupTable = formatStartup(startupRows, cliRows)
console.log(startupTable)
console.log(bundleSizes())

writeSections({
  header,
  cpu: `${formatCpu(cpu)}\n\nParse and diff alone:\n\n${parseDiffTable}`,
  lookup: lookupTable,
  e2e: `${e2eTable}\n\nLongest chain observed per case (50 ms runs):\n\n${chains}`,
  startup: `${startupTable}\n\n${bundleSizes()}`
})
console.log(`\nwrote ${BENCHMARKS}`)
