// `npx tsx bench/hostile-size.ts` (after `npm run bundle`): the data-size runs that take seconds,
// kept out of `npm test` (test/security/hostile-size.test.ts has the limits and a 20,000-package chain):
// a 50 MB lockfile parses; 100,000 packages in one chain keep short dependency paths; the built
// CLI reports 100,000 added crates within a 1 GiB heap.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseLockfile } from '../src/cargo/lockfile.js'
import { computeChanges } from '../src/diff/changes.js'
import { ELIDED, MAX_PATH_NAMES } from '../src/diff/dependency-path.js'
import { memoryTree } from '../src/trees/memory.js'
import { RUSTSEC_DIR } from '../test/helpers/fake-osv.js'
import { lockfile } from '../test/helpers/large-lockfile.js'
import { NODE24, REPO_ROOT } from '../test/helpers/runner.js'

const checks: [string, boolean, number][] = []
async function check(name: string, run: () => Promise<boolean> | boolean): Promise<void> {
  const started = performance.now()
  const ok = await run()
  checks.push([name, ok, performance.now() - started])
}

await check('a 50 MB lockfile (170,000 packages, 8 dependencies each) parses', () => {
  const text = lockfile(170_000, 8)
  const lock = parseLockfile(text, 'Cargo.lock')
  return (
    text.length > 50_000_000 &&
    lock.packages.length === 170_001 &&
    lock.unresolved.length === 0 &&
    lock.packages[1]?.dependencies.map((d) => d.name).join() ===
      Array.from({ length: 8 }, (_, k) => `c${String(k + 1)}`).join()
  )
})

await check('100,000 packages in one chain: every one added, paths stay short', async () => {
  const result = await computeChanges(
    memoryTree('base', {}),
    memoryTree('head', { 'Cargo.lock': lockfile(100_000, 1) })
  )
  const changes = result.lockfiles[0]?.changes ?? []
  const path = changes.find((c) => c.name === 'c99999')?.dependency_path ?? []
  return (
    result.problems.length === 0 &&
    changes.length === 100_001 &&
    path.length === MAX_PATH_NAMES + 2 &&
    path[0] === 'app' &&
    path[1] === ELIDED &&
    path.at(-1) === 'c99999'
  )
})

const CLI = join(REPO_ROOT, 'dist', 'cli.js')
await check('the built CLI reports 100,000 added crates within a 1 GiB heap', async () => {
  if (!existsSync(CLI)) return false
  const dir = await mkdtemp(join(tmpdir(), 'car-size-'))
  try {
    const manifest = '[package]\nname = "app"\nversion = "0.1.0"\n'
    for (const side of ['base', 'head']) {
      await mkdir(join(dir, side))
      await writeFile(join(dir, side, 'Cargo.toml'), manifest)
    }
    await writeFile(join(dir, 'head', 'Cargo.lock'), lockfile(100_000, 3))
    const { code, stdout, stderr } = await new Promise<{
      code: number
      stdout: string
      stderr: string
    }>((done) => {
      execFile(
        NODE24,
        [
          '--max-old-space-size=1024',
          CLI,
          ...['--base-dir', join(dir, 'base'), '--head-dir', join(dir, 'head')],
          ...['--advisory-source', RUSTSEC_DIR, '--format', 'markdown', '--no-crates-index']
        ],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, out, err) => {
          done({ code: error === null ? 0 : Number(error.code ?? 1), stdout: out, stderr: err })
        }
      )
    })
    return code === 0 && !/heap out of memory/.test(stderr) && /100,001|100001/.test(stdout)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

for (const [name, ok, ms] of checks) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${(ms / 1000).toFixed(1)} s)`)
}
if (checks.some(([, ok]) => !ok)) process.exit(1)
