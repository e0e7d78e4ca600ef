import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '../src/cli/args.js'
import { ConfigurationError } from '../src/core/errors.js'

describe('CLI arguments', () => {
  it('git mode: --base with an optional --head; defaults to osv and markdown', () => {
    expect(parseCliArgs(['--base', 'main'], '/repo')).toEqual({
      kind: 'run',
      options: {
        mode: { kind: 'git', base: 'main', head: null },
        source: { kind: 'osv', url: 'https://api.osv.dev' },
        cratesIndexUrl: 'https://index.crates.io',
        ignore: [],
        failOnAffected: false,
        format: 'markdown',
        output: null
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
        '--format',
        'json',
        '--output',
        'r.json',
        '--crates-index-url',
        'sparse+https://mirror.example/index/'
      ],
      '/work'
    )
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        mode: { kind: 'dirs', baseDir: 'a', headDir: 'b' },
        source: { kind: 'path', path: '/work/osv-data' },
        cratesIndexUrl: 'https://mirror.example/index',
        ignore: ['RUSTSEC-2020-0071', 'CVE-2021-1#why'],
        failOnAffected: true,
        format: 'json',
        output: 'r.json'
      }
    })
  })

  it('--no-crates-index turns the index off; with --crates-index-url it is a usage error', () => {
    const off = parseCliArgs(['--base', 'main', '--no-crates-index'], '/')
    expect(off.kind === 'run' && off.options.cratesIndexUrl).toBeNull()
    expect(() =>
      parseCliArgs(['--base', 'main', '--no-crates-index', '--crates-index-url', 'https://x'], '/')
    ).toThrow(/exclude each other/)
    expect(() => parseCliArgs(['--base', 'main', '--crates-index-url', 'file:///x'], '/')).toThrow(
      /--crates-index-url/
    )
  })

  it('help and version win over everything else', () => {
    expect(parseCliArgs(['--base', 'x', '-h'], '/')).toEqual({ kind: 'help' })
    expect(parseCliArgs(['-V'], '/')).toEqual({ kind: 'version' })
  })

  it.each([
    [[], /give --base/],
    [['--head', 'x'], /--head needs --base/],
    [['--base', 'a', '--base-dir', 'b', '--head-dir', 'c'], /not both/],
    [['--base-dir', 'b'], /together/],
    [['--base', 'a', '--format', 'html'], /--format must be markdown or json/],
    [['--base', 'a', '--bogus'], /bogus/],
    [['--base', 'a', 'extra'], /extra/],
    [['--base', 'a', '--advisory-source', 'osv', '--osv-api-url', 'file:///etc'], /--osv-api-url/]
  ])('%j is bad usage', (argv, message) => {
    expect(() => parseCliArgs(argv, '/')).toThrow(ConfigurationError)
    expect(() => parseCliArgs(argv, '/')).toThrow(message)
  })
})
