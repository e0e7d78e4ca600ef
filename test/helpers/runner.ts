// Runs the BUILT action (dist/index.js) as the runner does: a child process under Node 24 (the
// npm `node` package), with GITHUB_EVENT_PATH holding a real-shaped payload, INPUT_* variables
// named as the runner names them (hyphens kept, upper-cased), GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, RUNNER_TEMP. Returns stdout, the exit code and the parsed outputs.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')
export const NODE24 = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node')
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js')

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The JSON report at the `report-path` output, parsed (null when there is none). */
  report: unknown
  /** `::warning::`, `::error::` … commands printed on stdout, unescaped. */
  commands: { name: string; message: string }[]
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
}

/** The defaults the runner fills in for inputs not given with `with:` (see action.yml). */
const DEFAULT_INPUTS: Record<string, string> = {
  'github-token': 'ghs_write',
  'fail-on-affected': 'false',
  comment: 'always',
  ignore: '',
  'advisory-source': 'osv',
  'osv-api-url': 'https://api.osv.dev',
  'rustsec-url': 'https://rustsec.org',
  'base-ref': '',
  'head-ref': '',
  'github-timeout': '30',
  'github-deadline': '600',
  'github-request-budget': '500'
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'car-runner-'))
  try {
    const eventPath = join(dir, 'event.json')
    const outputPath = join(dir, 'set_output')
    const summaryPath = join(dir, 'step_summary')
    await writeFile(eventPath, JSON.stringify(options.payload))
    await writeFile(outputPath, '')
    await writeFile(summaryPath, '')
    const inputs = { ...DEFAULT_INPUTS, ...options.inputs }
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
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_WORKSPACE: options.workspace ?? REPO_ROOT,
      GITHUB_RUN_ID: '4242',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      RUNNER_TEMP: dir,
      ...options.env
    }
    for (const [name, value] of Object.entries(inputs))
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
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
    const reportPath = outputs['report-path'] ?? ''
    return {
      exitCode: code,
      stdout,
      stderr,
      outputs,
      summary: await readFile(summaryPath, 'utf8'),
      report:
        reportPath === '' ? null : (JSON.parse(await readFile(reportPath, 'utf8')) as unknown),
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

function parseCommands(stdout: string): { name: string; message: string }[] {
  const commands: { name: string; message: string }[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (match === null) continue
    commands.push({
      name: match[1] ?? '',
      message: (match[2] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
    })
  }
  return commands
}

export interface ExpectedChange {
  name: string
  kind: string
  source: string | null
  version?: string | null
  previous?: string | null
  advisories: { id: string; affected: boolean; previous_affected?: boolean | null }[]
}

/**
 * What the gate must count for a case, derived from expected.json (no ignore rules), in the
 * report's unit: one crate change per distinct (crate, source, old, new version).
 */
export function expectedGate(expected: { lockfiles: { changes: ExpectedChange[] }[] }): {
  affectedCount: number
  advisoryIds: string[]
  introducedCount: number
  introducedIds: string[]
} {
  const unique = new Map<string, ExpectedChange>()
  for (const lockfile of expected.lockfiles) {
    for (const change of lockfile.changes) {
      const key = [change.name, change.source, change.previous, change.version].join('\u0000')
      unique.set(key, change)
    }
  }
  const ids = new Set<string>()
  const introducedIds = new Set<string>()
  let affectedCount = 0
  let introducedCount = 0
  for (const change of unique.values()) {
    if (change.kind === 'removed' || change.source !== 'crates.io') continue
    const hits = change.advisories.filter((advisory) => advisory.affected)
    const introduced = hits.filter((advisory) => advisory.previous_affected !== true)
    if (hits.length > 0) affectedCount += 1
    if (introduced.length > 0) introducedCount += 1
    for (const hit of hits) ids.add(hit.id)
    for (const hit of introduced) introducedIds.add(hit.id)
  }
  return {
    affectedCount,
    advisoryIds: [...ids].sort(),
    introducedCount,
    introducedIds: [...introducedIds].sort()
  }
}
