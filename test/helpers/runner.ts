// Runs the action as the runner does, two ways over one set of options and one result shape:
// - runAction(): IN PROCESS (the default for end-to-end suites): src/action/run.ts's run() with the
//   runner's environment (GITHUB_EVENT_PATH holding a real-shaped payload, INPUT_* named as the
//   runner names them), a recording @actions/core that prints exactly what the real one prints,
//   the real fetch against the loopback fakes, and per-run throttling limiters;
// - runBuiltAction(): the BUILT dist/index.js as a child process under Node 24 (the npm `node`
//   package), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP (the dist smoke layer).
// Both return stdout, the exit code, the parsed outputs, the summary and the JSON report.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { run, type ActionCore } from '../../src/action/run.js'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { fastGitHubTuning } from './github-tuning.js'
import { offlineSource } from './fixtures.js'

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')
export const NODE24 = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node')
/**
 * The Node the built CLI runs under: the one running npm (a user's, `engines` >=20), not
 * necessarily the one running the tests (npm test runs them on NODE24, scripts/test.js).
 */
export const CLI_NODE = process.env.npm_node_execpath ?? process.execPath
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js')

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The JSON report at the `report-path` output, parsed (null when there is none). */
  report: unknown
  /** `::warning::`, `::error::` … commands printed on stdout, unescaped (properties too). */
  commands: Command[]
}

export interface RunActionOptions {
  eventName: string
  payload: unknown
  repository: string
  apiUrl: string
  /** Action inputs by their action.yml names; unset ones get action.yml's defaults. */
  inputs?: Record<string, string>
  env?: Record<string, string>
  workspace?: string
  /** The run's clock (publish ages are measured to it); default Date. In process only. */
  clock?: { now(): number }
  /** In process: the run's own HTTP clients, as in production, instead of the global fetch. */
  ownClients?: boolean
}

/** The defaults the runner fills in for inputs not given with `with:` (see action.yml). */
const DEFAULT_INPUTS: Record<string, string> = {
  'github-token': 'ghs_write',
  'fail-on-affected': 'false',
  'fail-on-yanked': 'false',
  comment: 'always',
  ignore: '',
  'advisory-source': 'osv',
  'osv-api-url': 'https://api.osv.dev',
  'rustsec-url': 'https://rustsec.org',
  // action.yml's default is true; tests never reach the internet, so a test that wants the index
  // starts the fake (helpers/fake-index.ts) and passes `crates-index: true` with its URL.
  'crates-index': 'false',
  'crates-index-url': 'https://index.crates.io',
  'base-ref': '',
  'head-ref': '',
  'github-timeout': '30',
  'github-deadline': '600',
  'github-request-budget': '500'
}

/** The environment the runner gives the step, with the event file and the step's files in `dir`. */
async function runnerEnvironment(
  options: RunActionOptions,
  dir: string
): Promise<Record<string, string>> {
  const eventPath = join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(options.payload))
  await writeFile(join(dir, 'set_output'), '')
  await writeFile(join(dir, 'step_summary'), '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
    GITHUB_OUTPUT: join(dir, 'set_output'),
    GITHUB_STEP_SUMMARY: join(dir, 'step_summary'),
    GITHUB_WORKSPACE: options.workspace ?? REPO_ROOT,
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    RUNNER_TEMP: dir,
    ...options.env
  }
  for (const [name, value] of Object.entries({ ...DEFAULT_INPUTS, ...options.inputs }))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return env
}

async function readReport(outputs: Record<string, string>): Promise<unknown> {
  const reportPath = outputs['report-path'] ?? ''
  return reportPath === '' ? null : (JSON.parse(await readFile(reportPath, 'utf8')) as unknown)
}

/** @actions/core's command escaping (actions/toolkit, packages/core/src/command.ts). */
const escapeData = (value: string): string =>
  value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (value: string): string =>
  escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
const unescapeProperty = (value: string): string =>
  value
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')

export interface Command {
  name: string
  message: string
  properties: Record<string, string>
}

/**
 * A recording @actions/core: the same stdout lines the real module prints (raw `info`, commands
 * with escaped data, `::add-mask::`, groups), getInput as the real one reads the environment,
 * outputs kept as GITHUB_OUTPUT would hold them, the summary appended as core.summary writes it.
 */
export function recordingCore(env: Record<string, string>): ActionCore & {
  stdout: string[]
  outputs: Record<string, string>
  summary: string[]
} {
  const stdout: string[] = []
  const outputs: Record<string, string> = {}
  const summary: string[] = []
  const command = (name: string, message: string): void => {
    stdout.push(`::${name}::${escapeData(message)}`)
  }
  return {
    stdout,
    outputs,
    summary,
    getInput: (name, options) => {
      const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
      return options.trimWhitespace ? value.trim() : value
    },
    info: (message) => stdout.push(message),
    warning: (message) => {
      command('warning', message)
    },
    debug: (message) => {
      command('debug', message)
    },
    setSecret: (secret) => {
      command('add-mask', secret)
    },
    setOutput: (name, value) => {
      outputs[name] = value
    },
    startGroup: (name) => {
      command('group', name)
    },
    endGroup: () => {
      stdout.push('::endgroup::')
    },
    writeSummary: (text) => {
      summary.push(text + '\n')
      return Promise.resolve()
    },
    // core.error/warning/notice(message, properties): utils.ts toCommandProperties, in its key
    // order, falsy values left out, then Command.toString().
    annotate: (level, message, properties) => {
      const fields: [string, string | number | undefined][] = [
        ['title', properties.title],
        ['file', properties.file],
        ['line', properties.startLine],
        ['endLine', properties.endLine],
        ['col', properties.startColumn],
        ['endColumn', properties.endColumn]
      ]
      const props = fields
        .filter((field): field is [string, string | number] => Boolean(field[1]))
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(',')
      stdout.push(`::${level}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`)
    }
  }
}

/** Path sources share one offline index per folder for the whole test file (read once). */
const sharedSources: typeof createAdvisorySource = (spec, options) =>
  spec.kind === 'path' ? offlineSource(spec.path) : createAdvisorySource(spec, options)

/** The action's run() in this process, as the runner would run dist/index.js. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'car-inproc-'))
  try {
    const env = await runnerEnvironment(options, dir)
    const core = recordingCore(env)
    let exitCode = 0
    let stderr = ''
    try {
      const result = await run({
        env,
        core,
        ...(options.ownClients === true ? {} : { fetch: globalThis.fetch }),
        clock: options.clock ?? Date,
        createAdvisorySource: sharedSources,
        github: fastGitHubTuning(),
        advisories: { retryBaseMs: 50 }
      })
      if (result.failure !== null) {
        // What core.setFailed does: an error command and exit code 1.
        core.stdout.push(`::error::${escapeData(result.failure)}`)
        exitCode = 1
      }
    } catch (error) {
      // run() never throws; if it does, it is a crash, as an unhandled rejection would be.
      stderr = error instanceof Error ? (error.stack ?? error.message) : String(error)
      exitCode = 1
    }
    const stdout = core.stdout.map((line) => line + '\n').join('')
    return {
      exitCode,
      stdout,
      stderr,
      outputs: { ...core.outputs },
      summary: core.summary.join(''),
      report: await readReport(core.outputs),
      commands: parseCommands(stdout)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Fails (never skips) when dist/index.js is missing or older than any file under src/: the smoke
 * layer must test what would be released. A fresh checkout writes src/ a moment after dist/, hence
 * the few seconds of tolerance (a bundle takes longer than that).
 */
export function assertFreshDist(entry: string = ACTION_ENTRY): void {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run bundle\``)
  const built = statSync(entry).mtimeMs
  const newest = (dir: string): { path: string; mtime: number } => {
    let best = { path: dir, mtime: 0 }
    for (const entryName of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entryName.name)
      const candidate = entryName.isDirectory()
        ? newest(full)
        : { path: full, mtime: statSync(full).mtimeMs }
      if (candidate.mtime > best.mtime) best = candidate
    }
    return best
  }
  const src = newest(join(REPO_ROOT, 'src'))
  if (src.mtime > built + 2_000)
    throw new Error(`${entry} is older than ${src.path}: run \`npm run bundle\``)
}

/** The BUILT action (dist/index.js) as a child process under Node 24. */
export async function runBuiltAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'car-runner-'))
  try {
    const env = await runnerEnvironment(options, dir)
    const outputPath = join(dir, 'set_output')
    const summaryPath = join(dir, 'step_summary')
    const { code, stdout, stderr } = await new Promise<{
      code: number
      stdout: string
      stderr: string
    }>((done) => {
      execFile(
        NODE24,
        [ACTION_ENTRY],
        { env, cwd: options.workspace ?? REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
        (error, out, err) => {
          const exit = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
          done({ code: exit, stdout: out, stderr: err })
        }
      )
    })
    const outputs = parseOutputFile(await readFile(outputPath, 'utf8'))
    return {
      exitCode: code,
      stdout,
      stderr,
      outputs,
      summary: await readFile(summaryPath, 'utf8'),
      report: await readReport(outputs),
      commands: parseCommands(stdout)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Parses the `name<<delimiter` blocks that core.setOutput appends to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (match === null) continue
    const [, name = '', delimiter = ''] = match
    const value: string[] = []
    i += 1
    while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++] ?? '')
    outputs[name] = value.join('\n')
  }
  return outputs
}

function parseCommands(stdout: string): Command[] {
  const commands: Command[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (match === null) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',')) {
      const at = pair.indexOf('=')
      if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
    commands.push({
      name: match[1] ?? '',
      message: (match[3] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'),
      properties
    })
  }
  return commands
}

export {
  expectedGate,
  requirementUnits,
  type ExpectedChange,
  type ManifestFacts
} from './fixtures.js'
