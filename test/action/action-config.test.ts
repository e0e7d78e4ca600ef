import { describe, expect, it } from 'vitest'
import { readRunnerEnvironment } from '../../src/action/environment.js'
import { planEvent } from '../../src/action/event.js'
import {
  mergeIgnoreRules,
  parseIgnoreConfig,
  parseIgnoreLines,
  readIgnoreConfigs
} from '../../src/evaluate/ignore.js'
import { INPUT_NAMES, parseInputs, type RawInputs } from '../../src/action/inputs.js'
import { parseSourceSpec } from '../../src/advisories/spec.js'
import { ConfigurationError } from '../../src/core/errors.js'
import { payloads } from '../helpers/fake-github.js'
import { memoryTree, recordingLogger } from '../helpers/memory.js'

function raw(overrides: Partial<RawInputs> = {}): RawInputs {
  const base = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
  return { ...base, 'github-token': 'ghs_x', ...overrides }
}

describe('ignore lists', () => {
  it('parses ids with optional reasons and skips comments and blank lines', () => {
    const rules = parseIgnoreLines(
      [
        'RUSTSEC-2023-0001 # fixed upstream',
        '',
        '  # a comment',
        'GHSA-2grh-hm3w-w7hv',
        'CVE-2023-1234#no reason space'
      ],
      'ignore input'
    )
    expect(rules).toEqual([
      { id: 'RUSTSEC-2023-0001', reason: 'fixed upstream', origin: 'ignore input' },
      { id: 'GHSA-2grh-hm3w-w7hv', reason: null, origin: 'ignore input' },
      { id: 'CVE-2023-1234', reason: 'no reason space', origin: 'ignore input' }
    ])
  })

  it('rejects a line that is not an advisory id, naming the line', () => {
    expect(() => parseIgnoreLines(['RUSTSEC-2023-0001', 'tokio is fine'], 'ignore input')).toThrow(
      /line 2/
    )
  })

  it('reads deny.toml plain ids and { id, reason } tables, skipping crate entries with no warning', () => {
    const logger = recordingLogger()
    const rules = parseIgnoreConfig(
      `[advisories]
ignore = [
  "RUSTSEC-2020-0071",
  { id = "RUSTSEC-2024-0436", reason = "paste is only used at build time" },
  { crate = "openssl" },
  42,
]
`,
      'deny.toml',
      logger
    )
    expect(rules).toEqual([
      { id: 'RUSTSEC-2020-0071', reason: null, origin: 'deny.toml' },
      { id: 'RUSTSEC-2024-0436', reason: 'paste is only used at build time', origin: 'deny.toml' }
    ])
    expect(logger.warnings).toHaveLength(1)
    expect(logger.warnings[0]).toMatch(/ignore\[3\]/)
  })

  it('turns malformed TOML into a warning with its position, not an exception', () => {
    const logger = recordingLogger()
    expect(
      parseIgnoreConfig(
        '[advisories]\nignore = ["RUSTSEC-2020-0071"\n',
        '.cargo/audit.toml',
        logger
      )
    ).toEqual([])
    expect(logger.warnings[0]).toMatch(
      /\.cargo\/audit\.toml: not valid TOML \(line \d+, column \d+\)/
    )
  })

  it('does not let __proto__ keys reach prototypes', () => {
    const logger = recordingLogger()
    const rules = parseIgnoreConfig(
      '[advisories]\n__proto__ = { polluted = true }\nignore = ["RUSTSEC-2020-0071"]\n',
      'deny.toml',
      logger
    )
    expect(rules.map((rule) => rule.id)).toEqual(['RUSTSEC-2020-0071'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads every config file present in the base tree and keeps the first rule per id', async () => {
    const files: Record<string, string> = {
      'deny.toml':
        '[advisories]\nignore = [{ id = "RUSTSEC-2020-0071", reason = "deny reason" }]\n',
      '.cargo/audit.toml': '[advisories]\nignore = ["RUSTSEC-2020-0071", "RUSTSEC-2021-0139"]\n'
    }
    const tree = memoryTree('base', files)
    const fromConfig = await readIgnoreConfigs(tree, recordingLogger())
    const merged = mergeIgnoreRules(
      parseIgnoreLines(['rustsec-2021-0139 # input wins'], 'ignore input'),
      fromConfig
    )
    expect(merged).toEqual([
      { id: 'rustsec-2021-0139', reason: 'input wins', origin: 'ignore input' },
      { id: 'RUSTSEC-2020-0071', reason: 'deny reason', origin: 'deny.toml' }
    ])
  })
})

describe('action inputs', () => {
  it('applies the defaults of action.yml', () => {
    const inputs = parseInputs(
      raw({ 'advisory-source': 'osv', 'osv-api-url': 'https://api.osv.dev' }),
      { workspace: '/ws' }
    )
    expect(inputs).toMatchObject({
      failOnAffected: 'off',
      failOnYanked: false,
      cratesIndexUrl: 'https://index.crates.io',
      unmaintained: 'hide',
      comment: 'always',
      ignore: [],
      source: { kind: 'osv', url: 'https://api.osv.dev' },
      baseRef: null,
      headRef: null
    })
  })

  it('resolves a path source against the workspace and reads booleans as YAML does', () => {
    const inputs = parseInputs(
      raw({
        'advisory-source': 'osv-data/crates',
        'fail-on-affected': 'True',
        comment: 'on-affected'
      }),
      {
        workspace: '/ws'
      }
    )
    expect(inputs.source).toEqual({ kind: 'path', path: '/ws/osv-data/crates' })
    expect(inputs.failOnAffected).toBe('introduced')
    expect(inputs.comment).toBe('on-affected')
  })

  it('reads fail-on-affected as true (introduced), any or false, and the unmaintained mode', () => {
    const read = (value: string, unmaintained = '') =>
      parseInputs(raw({ 'fail-on-affected': value, unmaintained }), { workspace: '/ws' })
    expect(read('true').failOnAffected).toBe('introduced')
    expect(read('any').failOnAffected).toBe('any')
    expect(read(' ANY ').failOnAffected).toBe('any')
    expect(read('false').failOnAffected).toBe('off')
    expect(read('', 'notice').unmaintained).toBe('notice')
    expect(() => read('', 'shout')).toThrow(/unmaintained: "shout" must be one of hide, notice/)
  })

  it.each([
    [{ 'fail-on-affected': 'yes' }, /fail-on-affected: "yes" is not true, any or false/],
    [{ comment: 'sometimes' }, /comment: "sometimes" must be one of always, on-affected, never/],
    [{ 'osv-api-url': 'ftp://example.com' }, /osv-api-url/],
    [{ 'base-ref': '--upload-pack=evil' }, /base-ref/],
    [{ ignore: 'not an id' }, /ignore "not an id": "not an id" is not an advisory id/],
    [{ 'github-token': '' }, /github-token is empty/]
  ])('rejects %o with a clear ConfigurationError', (override, message) => {
    expect(() => parseInputs(raw(override), { workspace: '/ws' })).toThrow(ConfigurationError)
    expect(() => parseInputs(raw(override), { workspace: '/ws' })).toThrow(message)
  })

  it('reads the crates.io index inputs: off for air-gapped runners, a mirror, the yanked gate', () => {
    const off = parseInputs(raw({ 'crates-index': 'false' }), { workspace: '/ws' })
    expect(off.cratesIndexUrl).toBeNull()
    const mirror = parseInputs(
      raw({ 'crates-index-url': 'sparse+https://mirror.example/', 'fail-on-yanked': 'true' }),
      { workspace: '/ws' }
    )
    expect(mirror).toMatchObject({ cratesIndexUrl: 'https://mirror.example', failOnYanked: true })
    expect(() =>
      parseInputs(raw({ 'crates-index': 'false', 'fail-on-yanked': 'true' }), { workspace: '/ws' })
    ).toThrow(/fail-on-yanked: true needs the crates.io index/)
    expect(() => parseInputs(raw({ 'crates-index': 'no' }), { workspace: '/ws' })).toThrow(
      /crates-index: "no" is not true or false/
    )
    expect(() =>
      parseInputs(raw({ 'crates-index-url': 'ftp://x.example' }), { workspace: '/ws' })
    ).toThrow(/crates-index-url/)
  })

  it('refuses a URL given as a path source', () => {
    expect(() =>
      parseSourceSpec('https://example.com/osv.zip', { baseDir: '/', name: 'advisory-source' })
    ).toThrow(/looks like a URL/)
  })
})

describe('events', () => {
  const sha = (c: string): string => c.repeat(40)
  it('takes base and head from the pull request, never GITHUB_SHA, and detects forks', () => {
    const payload = payloads.pullRequest({
      owner: 'o',
      repo: 'r',
      number: 7,
      base: sha('a'),
      head: sha('b'),
      changedFiles: 3,
      fork: true
    })
    expect(
      planEvent({ eventName: 'pull_request_target', payload, baseRef: null, headRef: null })
    ).toEqual({
      kind: 'pull-request',
      number: 7,
      base: sha('a'),
      head: sha('b'),
      changedFiles: 3,
      fork: true
    })
    const deleted = payloads.pullRequest({
      owner: 'o',
      repo: 'r',
      number: 7,
      base: sha('a'),
      head: sha('b'),
      changedFiles: 3,
      headRepoNull: true
    })
    expect(
      planEvent({ eventName: 'pull_request', payload: deleted, baseRef: null, headRef: null })
    ).toMatchObject({ fork: true })
  })

  it('skips with a reason when pull_request is missing from the payload', () => {
    const plan = planEvent({
      eventName: 'pull_request',
      payload: payloads.withoutPullRequest({ owner: 'o', repo: 'r' }),
      baseRef: null,
      headRef: null
    })
    expect(plan.kind).toBe('skip')
  })

  it('compares merge groups and pushes without commenting', () => {
    expect(
      planEvent({
        eventName: 'merge_group',
        payload: payloads.mergeGroup({ owner: 'o', repo: 'r', base: sha('a'), head: sha('c') }),
        baseRef: null,
        headRef: null
      })
    ).toMatchObject({ kind: 'compare', base: sha('a'), head: sha('c') })
    expect(
      planEvent({
        eventName: 'push',
        payload: { before: sha('1'), after: sha('2') },
        baseRef: null,
        headRef: null
      })
    ).toMatchObject({
      kind: 'compare',
      base: sha('1'),
      head: sha('2')
    })
    expect(
      planEvent({
        eventName: 'push',
        payload: { before: sha('0'), after: sha('2') },
        baseRef: null,
        headRef: null
      }).kind
    ).toBe('skip')
  })

  it('needs base-ref and head-ref for other events', () => {
    expect(() =>
      planEvent({ eventName: 'workflow_dispatch', payload: {}, baseRef: null, headRef: null })
    ).toThrow(/base-ref and head-ref/)
    expect(() =>
      planEvent({ eventName: 'workflow_dispatch', payload: {}, baseRef: 'main', headRef: null })
    ).toThrow(/together/)
    expect(
      planEvent({
        eventName: 'workflow_dispatch',
        payload: {},
        baseRef: 'main',
        headRef: 'feature'
      })
    ).toMatchObject({
      kind: 'compare',
      base: 'main',
      head: 'feature'
    })
  })
})

describe('the runner environment', () => {
  const base = { GITHUB_REPOSITORY: 'octo-org/app', GITHUB_RUN_ID: '7' }
  it('reads only the environment it is given', () => {
    const env = readRunnerEnvironment({ ...base, RUNNER_TEMP: '/tmp/x', GITHUB_WORKSPACE: '/w' })
    expect(env).toMatchObject({
      repo: { owner: 'octo-org', repo: 'app' },
      temp: '/tmp/x',
      workspace: '/w',
      runUrl: 'https://github.com/octo-org/app/actions/runs/7'
    })
  })
})
