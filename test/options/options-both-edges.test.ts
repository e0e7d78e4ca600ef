// One grammar for options: every option both edges have takes and refuses the same values, read
// the same way (the action's input text, the CLI's flag value) and refused with the same message
// but for how the edge spells the option's name. The expected values are written out per case
// (the oracle); the two edges are then held to them and to each other.
import { describe, expect, it } from 'vitest'
import {
  INPUT_NAMES,
  parseInputs,
  type ActionInputs,
  type RawInputs
} from '../../src/action/inputs.js'
import { parseCliArgs, type CliOptions } from '../../src/cli/args.js'
import { ACTION_EDGE, CLI_EDGE, OPTIONS, type OptionId } from '../../src/options/table.js'

const WEEK = 7 * 86_400

/** How a result reads the option: from the action's inputs and from the CLI's options. */
interface Projection {
  action(inputs: ActionInputs): unknown
  cli(options: CliOptions): unknown
}
const same = (field: keyof ActionInputs & keyof CliOptions): Projection => ({
  action: (inputs) => inputs[field],
  cli: (options) => options[field]
})
const rules = (list: readonly { id: string; reason: string | null }[]) =>
  list.map((rule) => [rule.id, rule.reason])

/** Per shared option: how to read it back, and values with what they mean (an Error: refused). */
interface Case {
  read: Projection
  /** The advisory source given beside it, in both edges. */
  with?: string
  values: [string, unknown][]
}
const CASES: Partial<Record<OptionId, Case>> = {
  failOnAffected: {
    read: same('failOnAffected'),
    values: [
      ['true', 'introduced'],
      ['TRUE', 'introduced'],
      ['any', 'any'],
      ['ANY', 'any'],
      ['false', 'off'],
      ['False', 'off'],
      ['yes', /"yes" is not true, any or false/],
      ['anything', /"anything" is not true, any or false/],
      ['1', /"1" is not true, any or false/]
    ]
  },
  failOnYanked: {
    read: same('failOnYanked'),
    values: [
      ['true', true],
      ['True', true],
      ['false', false],
      ['on', /"on" is not true or false/],
      ['any', /"any" is not true or false/]
    ]
  },
  failOnTooNew: {
    read: same('failOnTooNew'),
    values: [
      ['TRUE', true],
      ['false', false],
      ['yes', /"yes" is not true or false/]
    ]
  },
  cratesIndex: {
    read: same('cratesIndexUrl'),
    values: [
      ['true', 'https://index.crates.io'],
      ['false', null],
      ['no', /"no" is not true or false/]
    ]
  },
  minPublishAge: {
    read: {
      action: (inputs) => inputs.minPublishAge?.seconds ?? null,
      cli: (options) => options.minPublishAge?.seconds ?? null
    },
    values: [
      ['7 days', WEEK],
      ['2 weeks', 2 * WEEK],
      ['36 hours', 36 * 3600],
      ['0', 0],
      ['soon', /"soon" is not of the form/],
      ['-1 days', /"-1 days" is not of the form/],
      ['7  days', /"7 {2}days" is not of the form/]
    ]
  },
  cratesIndexUrl: {
    read: same('cratesIndexUrl'),
    values: [
      ['sparse+https://mirror.example/index/', 'https://mirror.example/index'],
      ['https://mirror.example', 'https://mirror.example'],
      ['ftp://mirror.example', /is not an http\(s\) URL/],
      ['file:///srv/index', /is not an http\(s\) URL/]
    ]
  },
  advisorySource: {
    read: same('source'),
    values: [
      ['osv', { kind: 'osv', url: 'https://api.osv.dev' }],
      ['rustsec', { kind: 'rustsec', url: 'https://rustsec.org' }],
      ['data/osv.zip', { kind: 'path', path: '/ws/data/osv.zip' }],
      ['/srv/osv', { kind: 'path', path: '/srv/osv' }],
      ['https://example.com/all.zip', /looks like a URL/]
    ]
  },
  osvApiUrl: {
    read: same('source'),
    values: [
      ['https://osv.example/', { kind: 'osv', url: 'https://osv.example' }],
      ['ftp://osv.example', /is not an http\(s\) URL/]
    ]
  },
  // The mirror is read when the source is rustsec.
  rustsecUrl: {
    read: same('source'),
    with: 'rustsec',
    values: [
      ['https://rustsec.example/', { kind: 'rustsec', url: 'https://rustsec.example' }],
      ['ftp://rustsec.example', /is not an http\(s\) URL/]
    ]
  },
  ignore: {
    read: {
      action: (inputs) => rules(inputs.ignore),
      cli: (options) => rules(options.ignore)
    },
    values: [
      ['RUSTSEC-2020-0071', [['RUSTSEC-2020-0071', null]]],
      ['CVE-2021-1 # not reachable', [['CVE-2021-1', 'not reachable']]],
      ['# a comment', []],
      ['not an id', /"not an id": "not an id" is not an advisory id/],
      ['tokio', /"tokio": "tokio" is not an advisory id/]
    ]
  },
  requestTimeout: {
    read: same('requestTimeoutMs'),
    values: [
      ['30', 30_000],
      ['1', 1000],
      [' 600 ', 600_000],
      ['0', /"0" is not a whole number from 1 to 600/],
      ['601', /"601" is not a whole number from 1 to 600/],
      ['1.5', /"1.5" is not a whole number from 1 to 600/]
    ]
  },
  sarif: {
    read: {
      action: (inputs) => inputs.sarifFile,
      cli: (options) => options.sarif
    },
    values: [['out/findings.sarif', 'out/findings.sarif']]
  }
}

function rawInputs(overrides: Partial<RawInputs>): RawInputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
  return { ...raw, 'github-token': 'ghs_test', ...overrides }
}

/** The value through one edge: what it reads as, or the message (option name as `<option>`). */
function through(
  edge: 'action' | 'cli',
  id: OptionId,
  value: string,
  { read, with: source }: Case
) {
  const spec = OPTIONS[id]
  try {
    if (edge === 'action') {
      const inputs = parseInputs(
        rawInputs({ 'advisory-source': source ?? '', [spec.input ?? '']: value }),
        { workspace: '/ws' }
      )
      return { value: read.action(inputs) }
    }
    const flag = spec.flag!
    // `--flag=value` for every form: `--flag -1 days` is refused by the command line's own
    // syntax (a value that looks like an option), before any grammar sees it.
    const given = source === undefined ? [] : [`--advisory-source=${source}`]
    const parsed = parseCliArgs(['--base', 'main', ...given, `--${flag.name}=${value}`], {
      cwd: '/ws',
      stdoutIsTTY: false
    })
    if (parsed.kind !== 'run') throw new Error(`not a run: ${parsed.kind}`)
    return { value: read.cli(parsed.options) }
  } catch (error) {
    const shown = (edge === 'action' ? ACTION_EDGE : CLI_EDGE).shown(id)
    return { error: (error as Error).message.split(shown).join('<option>') }
  }
}

describe('one grammar for options, in the action and the CLI', () => {
  it('the table lists every action input (action.yml) and every --help row', () => {
    const inputs = Object.values(OPTIONS).flatMap((spec) =>
      'input' in spec && spec.input !== undefined ? [spec.input] : []
    )
    expect([...inputs].sort()).toEqual([...INPUT_NAMES].sort())
  })

  it('the options both edges have are exactly the ones specified here', () => {
    const both = (Object.keys(OPTIONS) as OptionId[]).filter((id) => {
      const spec = OPTIONS[id]
      return 'input' in spec && 'flag' in spec && spec.input !== undefined
    })
    expect(both.sort()).toEqual(Object.keys(CASES).sort())
  })

  for (const [id, spec] of Object.entries(CASES) as [OptionId, Case][]) {
    it.each(spec.values)(`${id}: %j reads the same in both edges`, (value, expected) => {
      const action = through('action', id, value, spec)
      const cli = through('cli', id, value, spec)
      if (expected instanceof RegExp) {
        expect(action.error, 'the action refuses it').toMatch(expected)
        expect(action.error, 'the action names the option').toMatch(/<option>/)
      } else {
        expect(action).toEqual({ value: expected })
      }
      expect(cli, 'the CLI reads it as the action does').toEqual(action)
    })
  }

  it('not given (a blank input, an absent flag) is the same default in both', () => {
    const action = parseInputs(rawInputs({}), { workspace: '/ws' })
    const cli = parseCliArgs(['--base', 'main'], { cwd: '/ws', stdoutIsTTY: false })
    if (cli.kind !== 'run') throw new Error('not a run')
    for (const { read } of Object.values(CASES)) {
      expect(read.cli(cli.options)).toEqual(read.action(action))
    }
    expect(action).toMatchObject({
      failOnAffected: 'off',
      failOnYanked: false,
      failOnTooNew: false,
      minPublishAge: null,
      cratesIndexUrl: 'https://index.crates.io',
      source: { kind: 'osv', url: 'https://api.osv.dev' },
      ignore: [],
      requestTimeoutMs: 30_000,
      sarifFile: null
    })
  })

  it('a combination both refuse gets the same reason, each in its own spelling', () => {
    const action = () =>
      parseInputs(rawInputs({ 'crates-index': 'false', 'fail-on-too-new': 'true' }), {
        workspace: '/ws'
      })
    const cli = () =>
      parseCliArgs(['--base', 'main', '--no-crates-index', '--fail-on-too-new'], {
        cwd: '/ws',
        stdoutIsTTY: false
      })
    expect(action).toThrow(
      'min-publish-age and fail-on-too-new need the crates.io index (publish times); they cannot be checked with crates-index: false'
    )
    expect(cli).toThrow(
      '--min-publish-age and --fail-on-too-new need the crates.io index (publish times); they cannot be checked with --no-crates-index'
    )
  })
})
