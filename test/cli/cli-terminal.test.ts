// The CLI as a terminal tool (issue 25): prose wrapped to the terminal's width but never inside a
// command, nothing wrapped when piped; --help within 80 columns; progress on stderr only on a
// terminal; each warning once; --output writes the full JSON report.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type CliIo } from '../../src/cli/run.js'
import { USAGE } from '../../src/cli/args.js'
import { codePoints } from '../../src/render/limits.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'

const CASES_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases')
const dirs = (id: string): string[] => [
  '--base-dir',
  join(CASES_DIR, id, 'base'),
  '--head-dir',
  join(CASES_DIR, id, 'head')
]
const source = ['--advisory-source', RUSTSEC_DIR]
const scratch = mkdtempSync(join(tmpdir(), 'car-term-'))
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

async function cli(
  argv: string[],
  io: Partial<CliIo> & { stderrHook?: (all: string) => void } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const index = argv.some((arg) => arg.includes('crates-index')) ? [] : ['--no-crates-index']
  const code = await runCli([...argv, ...index], {
    cwd: process.cwd(),
    env: {},
    stdoutIsTTY: false,
    http: { retryBaseMs: 50 },
    ...io,
    stdout: (text) => (stdout += text),
    stderr: (text) => {
      stderr += text
      io.stderrHook?.(stderr)
    }
  })
  return { code, stdout, stderr }
}

const columns = (line: string): number => codePoints(line)
/** `cargo update -p name@version --precise fix` as the text report writes it. */
const COMMAND = /cargo update -p \S+ --precise \S+/g

describe('wrapping', () => {
  it('wraps text at 80 columns on a terminal, never inside a command; piped, lines stay whole', async () => {
    const args = [...dirs('rustup-2020-cargo-update'), ...source, '--format', 'text']
    const tty = await cli(args, { stdoutIsTTY: true, columns: 80, env: { NO_COLOR: '1' } })
    const piped = await cli(args)
    // The same words in the same order: wrapping only moves line breaks.
    expect(tty.stdout.split(/\s+/)).toEqual(piped.stdout.split(/\s+/))
    const commands = piped.stdout.match(COMMAND) ?? []
    expect(commands.length).toBeGreaterThan(5)
    const wrapped = tty.stdout.split('\n')
    // Every command on one line of the wrapped text.
    for (const command of commands) {
      expect(
        wrapped.some((line) => line.includes(command)),
        command
      ).toBe(true)
    }
    // A line past 80 columns is one that cannot break: a command or a single long token (a URL).
    for (const line of wrapped.filter((l) => columns(l) > 80)) {
      const rest = line.replace(COMMAND, '').trim()
      expect(COMMAND.test(line) || !rest.includes(' '), line).toBe(true)
      COMMAND.lastIndex = 0
    }
    expect(wrapped.filter((l) => columns(l) > 80).length).toBeLessThan(
      piped.stdout.split('\n').filter((l) => columns(l) > 80).length
    )
    // Piped: not wrapped at all.
    expect(piped.stdout.split('\n').some((l) => columns(l) > 100)).toBe(true)
  })

  it('--help fits 80 columns', async () => {
    const help = await cli(['--help'])
    expect(help.stdout).toBe(USAGE)
    for (const line of USAGE.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(80)
  })
})

describe('progress', () => {
  const args = [
    ...dirs('cratesio-2019-tar'),
    ...source,
    '--crates-index-url',
    'https://index.test/',
    '--format',
    'json'
  ]
  const notFound = (): Response => new Response('not found', { status: 404 })

  it('on a terminal: what is fetched, n of m, then the line is cleared', async () => {
    let seen = false
    const waiting: typeof fetch = async () => {
      // The index answers only once the progress line is out: no clock decides the test.
      while (!seen) await new Promise((resolve) => setTimeout(resolve, 5))
      return notFound()
    }
    const run = await cli(args, {
      stderrIsTTY: true,
      progressAfterMs: 0,
      fetch: waiting,
      stderrHook: (all) => {
        seen ||= all.includes('fetching from')
      }
    })
    // eslint-disable-next-line no-control-regex -- the terminal's clear-line sequence
    expect(run.stderr).toMatch(/\r\u001b\[Kfetching from index\.test: 0 of \d+ requests answered/)
    // Every other line starts on a cleared line: the progress line is never left under text.
    expect(run.stderr).not.toMatch(/answered[^\r]/)
    // eslint-disable-next-line no-control-regex -- the terminal's clear-line sequence
    expect(run.stderr).toMatch(/answered\r\u001b\[K/)
    expect(JSON.parse(run.stdout)).toHaveProperty('summary')
  })

  it('never when stderr is not a terminal', async () => {
    const slow: typeof fetch = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      return notFound()
    }
    const run = await cli(args, { stderrIsTTY: false, progressAfterMs: 0, fetch: slow })
    expect(run.stderr).not.toContain('fetching from')
    expect(run.stderr).not.toContain('\r')
  })
})

describe('each warning once', () => {
  it('an unreadable Cargo.lock and an ignore rule that matched nothing are each said once', async () => {
    const base = join(scratch, 'base')
    const head = join(scratch, 'head')
    for (const dir of [base, head]) {
      mkdirSync(dir, { recursive: true })
      for (const file of ['Cargo.toml', 'Cargo.lock'])
        copyFileSync(join(CASES_DIR, 'cratesio-2019-tar', 'base', file), join(dir, file))
      writeFileSync(join(dir, 'deny.toml'), '[advisories]\nignore = ["RUSTSEC-2099-0001"]\n')
    }
    writeFileSync(join(head, 'Cargo.lock'), 'garbage [[[\n')
    const run = await cli(['--base-dir', base, '--head-dir', head, ...source, '--format', 'text'])
    const count = (text: string, needle: string): number => text.split(needle).length - 1
    expect(count(run.stderr, 'illegal character')).toBe(1)
    expect(count(run.stderr, 'RUSTSEC-2099-0001')).toBe(1)
    // The report's first line says what is unknown.
    expect(run.stdout.split('\n')[0]).toMatch(
      /^Incomplete: 1 file could not be read \(Cargo\.lock\)/
    )
  })
})

describe('--output', () => {
  it('writes the full JSON report unless --format says otherwise', async () => {
    const file = join(scratch, 'report.json')
    const run = await cli([...dirs('cratesio-2019-tar'), ...source, '--output', file])
    expect(run.stdout).toBe('')
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      summary: unknown
      lockfiles: unknown[]
    }
    expect(report.lockfiles.length).toBeGreaterThan(0)
    const md = join(scratch, 'report.md')
    await cli([...dirs('cratesio-2019-tar'), ...source, '--output', md, '--format', 'markdown'])
    expect(readFileSync(md, 'utf8')).toMatch(/^<!-- cargo-advisory-review -->/)
  })
})
