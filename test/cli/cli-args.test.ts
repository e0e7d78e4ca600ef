import { describe, expect, it } from 'vitest'
import { parseCliArgs, type ParseContext } from '../../src/cli/args.js'
import { ConfigurationError } from '../../src/core/errors.js'

const at = (cwd: string, stdoutIsTTY = false): ParseContext => ({ cwd, stdoutIsTTY })

describe('CLI arguments', () => {
  it('git mode: --base with an optional --head; defaults to osv and markdown', () => {
    expect(parseCliArgs(['--base', 'main'], at('/repo'))).toEqual({
      kind: 'run',
      options: {
        mode: { kind: 'git', base: 'main', head: null },
        source: { kind: 'osv', url: 'https://api.osv.dev' },
        cratesIndexUrl: 'https://index.crates.io',
        sourceArgument: null,
        ignore: [],
        failOnAffected: 'off',
        failOnYanked: false,
        minPublishAge: null,
        failOnTooNew: false,
        format: 'markdown',
        output: null,
        sarif: null,
        requestTimeoutMs: 30_000
      }
    })
  })

  it('directory mode with every option', () => {
    const parsed = parseCliArgs(
      [
        '--base-dir',
        'a',
        '--head-dir',
        'b',
        '--advisory-source',
        'osv-data',
        '--ignore',
        'RUSTSEC-2020-0071',
        '--ignore',
        'CVE-2021-1#why',
        '--fail-on-affected',
        '--fail-on-yanked',
        '--min-publish-age',
        '14 days',
        '--fail-on-too-new',
        '--format',
        'json',
        '--output',
        'r.json',
        '--sarif',
        'r.sarif',
        '--crates-index-url',
        'sparse+https://mirror.example/index/',
        '--request-timeout',
        '5'
      ],
      at('/work')
    )
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        mode: { kind: 'dirs', baseDir: 'a', headDir: 'b' },
        source: { kind: 'path', path: '/work/osv-data' },
        cratesIndexUrl: 'https://mirror.example/index',
        sourceArgument: 'osv-data',
        ignore: [
          { id: 'RUSTSEC-2020-0071', reason: null, origin: '--ignore' },
          { id: 'CVE-2021-1', reason: 'why', origin: '--ignore' }
        ],
        failOnAffected: 'introduced',
        failOnYanked: true,
        minPublishAge: {
          seconds: 14 * 86_400,
          value: '14 days',
          origin: '--min-publish-age "14 days"'
        },
        failOnTooNew: true,
        format: 'json',
        output: 'r.json',
        sarif: 'r.sarif',
        requestTimeoutMs: 5_000
      }
    })
  })

  it('--no-crates-index turns the index off; with --crates-index-url it is a usage error', () => {
    const off = parseCliArgs(['--base', 'main', '--no-crates-index'], at('/'))
    expect(off.kind === 'run' && off.options.cratesIndexUrl).toBeNull()
    expect(() =>
      parseCliArgs(
        ['--base', 'main', '--no-crates-index', '--crates-index-url', 'https://x'],
        at('/')
      )
    ).toThrow(/exclude each other/)
    expect(() =>
      parseCliArgs(['--base', 'main', '--crates-index-url', 'file:///x'], at('/'))
    ).toThrow(/--crates-index-url/)
  })

  it('--fail-on-yanked needs the index: with --no-crates-index it is a usage error', () => {
    expect(() =>
      parseCliArgs(['--base', 'main', '--fail-on-yanked', '--no-crates-index'], at('/'))
    ).toThrow(/--fail-on-yanked needs the crates.io index/)
  })

  it('--fail-on-affected is the introduced gate; =any the strict one', () => {
    const gate = (...flags: string[]) => {
      const parsed = parseCliArgs(['--base', 'main', ...flags], at('/'))
      return parsed.kind === 'run' ? parsed.options.failOnAffected : null
    }
    expect(gate()).toBe('off')
    expect(gate('--fail-on-affected')).toBe('introduced')
    expect(gate('--fail-on-affected=true')).toBe('introduced')
    expect(gate('--fail-on-affected=any')).toBe('any')
    expect(gate('--fail-on-affected=false')).toBe('off')
    expect(() => gate('--fail-on-affected=maybe')).toThrow(
      /--fail-on-affected: "maybe" is not true, any or false/
    )
  })

  it('help and version win over everything else', () => {
    expect(parseCliArgs(['--base', 'x', '-h'], at('/'))).toEqual({ kind: 'help' })
    expect(parseCliArgs(['-V'], at('/'))).toEqual({ kind: 'version' })
  })

  it('the default format is text on a terminal and markdown elsewhere; --format wins', () => {
    const format = (argv: string[], tty: boolean) => {
      const parsed = parseCliArgs(['--base', 'main', ...argv], at('/', tty))
      return parsed.kind === 'run' ? parsed.options.format : null
    }
    expect(format([], true)).toBe('text')
    expect(format([], false)).toBe('markdown')
    expect(format(['--format', 'json'], true)).toBe('json')
    expect(format(['--format', 'text'], false)).toBe('text')
  })

  it('a parse error is one line, without the advice about positionals', () => {
    expect(() => parseCliArgs(['--base', '--upload-pack=x'], at('/'))).toThrow(
      /^Option '--base[^']*' argument is ambiguous\. Did you forget [^\n]*'--base=-XYZ'\.?$/
    )
    expect(() => parseCliArgs(['--base', 'a', '--bogus'], at('/'))).toThrow(
      /^Unknown option '--bogus'\.?$/
    )
  })

  it.each([
    [[], /give --base/],
    [['--head', 'x'], /--head needs --base/],
    [['--base', 'a', '--base-dir', 'b', '--head-dir', 'c'], /not both/],
    [['--base-dir', 'b'], /together/],
    [['--base', 'a', '--format', 'html'], /--format: "html" must be one of text, markdown, json/],
    [['--base', 'a', '--output', ''], /--output needs a file name/],
    [['--base', 'a', '--bogus'], /bogus/],
    [['--base', 'a', 'extra'], /extra/],
    [['--base', 'a', '--advisory-source', 'osv', '--osv-api-url', 'file:///etc'], /--osv-api-url/]
  ])('%j is bad usage', (argv, message) => {
    expect(() => parseCliArgs(argv, at('/'))).toThrow(ConfigurationError)
    expect(() => parseCliArgs(argv, at('/'))).toThrow(message)
  })
})

describe('--request-timeout', () => {
  const dirs = ['--base-dir', 'a', '--head-dir', 'b']
  const at = { cwd: '/', stdoutIsTTY: false }
  it('takes whole seconds from 1 to 600, as the action takes github-timeout', () => {
    for (const [given, ms] of [
      ['1', 1_000],
      ['600', 600_000]
    ] as const) {
      const parsed = parseCliArgs([...dirs, '--request-timeout', given], at)
      expect(parsed.kind === 'run' && parsed.options.requestTimeoutMs).toBe(ms)
    }
  })

  it.each(['0', '601', '1.5', '30s', 'abc'])('%s is a usage error naming the flag', (value) => {
    expect(() => parseCliArgs([...dirs, '--request-timeout', value], at)).toThrow(
      new RegExp(
        `^--request-timeout: "${value.replace('.', '\\.')}" is not a whole number from 1 to 600$`
      )
    )
  })
})
