// Workflow-command injection: the runner reads every line of a step's stdout and stderr for
// commands (actions/runner ActionCommand.cs): `::name::data` at the start of a line after its
// leading whitespace (`TryParseV2`), and legacy `##[name]data` anywhere in a line (`TryParse`).
// Lines end at LF, CR or CRLF. Hostile crate names, versions, sources, paths and advisory texts
// with newlines and command text go through the real code paths (the built action against the
// loopback fakes, the CLI in-process); no line of any output may start a command except the ones
// the tool writes on purpose, whose data @actions/core escapes.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import {
  createSafeLogger,
  neutraliseJsonForLog,
  neutraliseLogLine,
  neutraliseLogMessage,
  neutraliseMarkdownForLog
} from '../../src/core/logger.js'
import { payloads, startFakeGitHub } from '../helpers/fake-github.js'
import { GHSA_DIR, RUSTSEC_DIR, startFakeOsv } from '../helpers/fake-osv.js'
import { ACTION_ENTRY, runAction } from '../helpers/runner.js'

// .NET's Char.IsWhiteSpace (what `TrimStart()` trims), plus U+FEFF for good measure.
const LEADING_SPACE = /^[\s\u0085\u180E\uFEFF]*/u

interface Command {
  name: string
  line: string
}

/** The commands the runner would act on in `text`, read the way the runner reads lines. */
function runnerCommands(text: string): { v2: Command[]; legacy: string[] } {
  const v2: Command[] = []
  const legacy: string[] = []
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(LEADING_SPACE, '')
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2)
      if (end > 0) v2.push({ name: trimmed.slice(2, end).split(' ')[0] ?? '', line })
    }
    if (line.includes('##[')) legacy.push(line)
  }
  return { v2, legacy }
}

const HOSTILE = [
  '\n::error::forged-error',
  '\r::add-mask::forged-mask',
  '\r\n::stop-commands::forged-stop',
  '::warning::forged-start',
  '  ::notice::forged-indented',
  '\u2028::error::forged-ls',
  'x ##[add-mask]forged-legacy',
  '##[stop-commands]forged-legacy-stop',
  '%0A::error::forged-encoded',
  '\u001b[2K\u001b[1Ghidden'
]

describe('the neutralising functions', () => {
  const hostileText = fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE, ':', '#', '[', '%', ' ', '\t'), fc.string()), {
      maxLength: 8
    })
    .map((parts) => parts.join(''))

  it('a neutralised line is one line that starts no command and holds no `##[` (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const line = neutraliseLogLine(text)
        expect(line).not.toMatch(/[\r\n]/)
        const { v2, legacy } = runnerCommands(line)
        expect(v2).toEqual([])
        expect(legacy).toEqual([])
      }),
      { numRuns: 2000 }
    )
  })

  it('each line of a neutralised message is safe; the runner escaping is reversible', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const message = neutraliseLogMessage(text)
        for (const line of message.split('\n')) {
          expect(runnerCommands(line)).toEqual({ v2: [], legacy: [] })
        }
        // Nothing is lost: decoding the `%XX` escapes gives the text back.
        expect(decodeURIComponent(message.replaceAll('\n', '%0A'))).toBe(text)
      }),
      { numRuns: 500 }
    )
  })

  it('keeps ordinary text as it is', () => {
    expect(
      neutraliseLogLine('3 files listed, 2 changed Cargo files: Cargo.lock, a/Cargo.toml')
    ).toBe('3 files listed, 2 changed Cargo files: Cargo.lock, a/Cargo.toml')
    expect(neutraliseLogLine('::error::x')).toBe('%3A:error::x')
    expect(neutraliseLogLine('a\nb\r%')).toBe('a%0Ab%0D%25')
    expect(neutraliseLogLine('a ##[error]b')).toBe('a ##%5Berror]b')
  })

  it('a Markdown report keeps its rendering and starts no command on any line', () => {
    const markdown = [
      '# Title',
      '::error::forged',
      '  ::add-mask::x',
      'text ##[add-mask]y',
      'a\r::stop-commands::z',
      '`::warning::in code`'
    ].join('\n')
    const safe = neutraliseMarkdownForLog(markdown)
    expect(runnerCommands(safe)).toEqual({ v2: [], legacy: [] })
    expect(safe.split('\n')[0]).toBe('# Title')
    expect(safe).toContain('\\::error::forged')
    expect(safe).toContain('##\\[add-mask]y')
  })

  it('a JSON report parses to the same value and holds no `##[`', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { maxLength: 5 }), (strings) => {
        const json = JSON.stringify({ names: strings, nested: { s: strings.join('##[') } }, null, 2)
        const safe = neutraliseJsonForLog(json)
        expect(JSON.parse(safe)).toEqual(JSON.parse(json))
        expect(runnerCommands(safe)).toEqual({ v2: [], legacy: [] })
      }),
      { numRuns: 300 }
    )
  })

  it('the safe logger neutralises every kind of line before its sink', () => {
    const seen: string[] = []
    const record = (kind: string) => (text: string) => seen.push(`${kind}:${text}`)
    const logger = createSafeLogger({
      info: record('info'),
      warning: record('warning'),
      error: record('error'),
      debug: record('debug'),
      startGroup: record('group'),
      endGroup: () => seen.push('endgroup')
    })
    for (const text of HOSTILE) {
      logger.info(text)
      logger.warning(text)
      logger.debug(text)
      logger.startGroup(text)
      logger.error(`failed:\n  - ${text}`)
    }
    logger.endGroup()
    for (const entry of seen) {
      const text = entry.slice(entry.indexOf(':') + 1)
      for (const line of text.split('\n'))
        expect(runnerCommands(line)).toEqual({ v2: [], legacy: [] })
    }
  })
})

/** A lockfile whose packages carry every hostile string in their name, version and source. */
function hostileLock(): string {
  const toml = (value: string) => JSON.stringify(value)
  const out = ['version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n']
  HOSTILE.forEach((text, i) => {
    out.push(`\n[[package]]\nname = ${toml(`evil${text}`)}\nversion = "1.0.${String(i)}"\n`)
    out.push(`source = "registry+https://github.com/rust-lang/crates.io-index"\n`)
    out.push(`\n[[package]]\nname = "v${String(i)}"\nversion = ${toml(`1.0.0${text}`)}\n`)
    out.push(`source = "registry+https://github.com/rust-lang/crates.io-index"\n`)
    out.push(`\n[[package]]\nname = "s${String(i)}"\nversion = "1.0.0"\n`)
    out.push(`source = ${toml(`git+https://evil.test/${text}#${text}`)}\n`)
  })
  out.push(
    '\n[[package]]\nname = "smallvec"\nversion = "0.6.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n'
  )
  return out.join('')
}

const manifest = (deps: string): string =>
  `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n${deps}`
const HOSTILE_DEPS = HOSTILE.map(
  (text, i) => `${JSON.stringify(`d${String(i)}`)} = ${JSON.stringify(`1.0${text}`)}\n`
).join('')
/** Directories whose names hold newlines and command text (git allows both). */
const HOSTILE_DIRS = ['evil\n::error::forged-path', 'x ##[add-mask]forged-dir', '::warning::dir']

const ALLOWED = new Set(['warning', 'error', 'debug', 'group', 'endgroup', 'add-mask'])

function expectNoForgedCommand(text: string, place: string, token?: string): void {
  const { v2, legacy } = runnerCommands(text)
  expect(legacy, `${place}: legacy commands`).toEqual([])
  for (const command of v2) {
    expect(ALLOWED.has(command.name), `${place}: ${command.line}`).toBe(true)
    if (command.name === 'add-mask') expect(command.line).toBe(`::add-mask::${token ?? ''}`)
  }
}

describe.runIf(existsSync(ACTION_ENTRY))('the built action on hostile Cargo files', () => {
  it('no line of stdout or stderr starts a command the action did not write', async () => {
    const github = await startFakeGitHub()
    const osv = await startFakeOsv({ dirs: [RUSTSEC_DIR, GHSA_DIR] })
    try {
      const repo = github.addRepo('octo-org', 'app')
      const base = new Map<string, Buffer>([['Cargo.toml', Buffer.from(manifest(''))]])
      const head = new Map<string, Buffer>([
        ['Cargo.toml', Buffer.from(manifest(HOSTILE_DEPS))],
        ['Cargo.lock', Buffer.from(hostileLock())]
      ])
      for (const dir of HOSTILE_DIRS) {
        head.set(`${dir}/Cargo.lock`, Buffer.from(hostileLock()))
        head.set(`${dir}/Cargo.toml`, Buffer.from('not [valid toml\n::error::forged-parse'))
      }
      const baseSha = github.addCommit(repo, base)
      const headSha = github.addCommit(repo, head)
      github.addPull(repo, 7, baseSha, headSha)
      const run = await runAction({
        eventName: 'pull_request',
        payload: payloads.pullRequest({
          owner: 'octo-org',
          repo: 'app',
          number: 7,
          base: baseSha,
          head: headSha,
          changedFiles: head.size
        }),
        repository: 'octo-org/app',
        apiUrl: github.url,
        inputs: { 'osv-api-url': osv.url, 'fail-on-affected': 'true' }
      })
      // The hostile text did reach the log (escaped): the check below has something to find.
      expect(run.stdout).toContain('forged-error')
      expect(run.stdout).toContain('forged-path')
      expect(run.exitCode).toBe(1)
      expectNoForgedCommand(run.stdout, 'stdout', 'ghs_write')
      expectNoForgedCommand(run.stderr, 'stderr')
      expect(run.commands.some((c) => c.name === 'error')).toBe(true)
    } finally {
      await osv.close()
      await github.close()
    }
  })
})

describe('the CLI on hostile Cargo files and advisories (in process)', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'car-hostile-log-'))
    await mkdir(join(dir, 'base'))
    await mkdir(join(dir, 'advisories'))
    await writeFile(join(dir, 'base', 'Cargo.toml'), manifest(''))
    await writeFile(join(dir, 'base', 'Cargo.lock'), 'version = 3\n')
    for (const sub of ['', ...HOSTILE_DIRS]) {
      await mkdir(join(dir, 'head', sub), { recursive: true })
      await writeFile(join(dir, 'head', sub, 'Cargo.lock'), hostileLock())
      await writeFile(join(dir, 'head', sub, 'Cargo.toml'), manifest(HOSTILE_DEPS))
    }
    const text = HOSTILE.join(' ')
    await writeFile(
      join(dir, 'advisories', 'RUSTSEC-2099-0300.json'),
      JSON.stringify({
        schema_version: '1.6.0',
        id: 'RUSTSEC-2099-0300',
        modified: '2024-01-01T00:00:00Z',
        summary: text,
        details: `${text}\n\n::error::forged-details\n##[add-mask]forged-details`,
        affected: [
          {
            package: { ecosystem: 'crates.io', name: 'smallvec' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
            versions: [text]
          }
        ]
      })
    )
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it.for(['markdown', 'json'])(
    '--format %s: stdout and stderr start no command',
    async (format) => {
      let stdout = ''
      let stderr = ''
      const code = await runCli(
        [
          '--base-dir',
          join(dir, 'base'),
          '--head-dir',
          join(dir, 'head'),
          '--advisory-source',
          join(dir, 'advisories'),
          '--format',
          format,
          '--fail-on-affected'
        ],
        {
          stdout: (t) => (stdout += t),
          stderr: (t) => (stderr += t),
          cwd: dir,
          env: {},
          stdoutIsTTY: false
        }
      )
      expect(code).toBe(1)
      expect(stdout).toContain('forged-error')
      expect(stderr).toContain('forged')
      expectNoForgedCommand(stdout, 'stdout')
      expectNoForgedCommand(stderr, 'stderr')
      expect(runnerCommands(stdout).v2).toEqual([])
      expect(runnerCommands(stderr).v2).toEqual([])
      if (format === 'json') {
        const report = JSON.parse(stdout) as { lockfiles: { changes: { name: string }[] }[] }
        const names = report.lockfiles.flatMap((l) => l.changes.map((c) => c.name))
        expect(names).toContain('evilx ##[add-mask]forged-legacy')
      }
    }
  )
})
