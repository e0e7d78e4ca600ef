// Command-line parsing (node:util parseArgs) into a validated CliOptions, or help/version.
import { parseWholeNumber } from '../core/whole-number.js'
import { parseArgs } from 'node:util'
import type { SourceSpec } from '../advisories/source.js'
import { parseHttpUrl, parseSourceSpec } from '../advisories/spec.js'
import { DEFAULT_CRATES_INDEX_URL, normaliseIndexUrl } from '../advisories/crates-index/index.js'
import { ConfigurationError } from '../core/errors.js'
import { publishAgeSetting, type PublishAgeSetting } from '../cargo/cooldown.js'
import type { GateMode } from '../review/gate.js'

/** The advisory and index clients' default request timeout, in seconds. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30

export const EXIT = {
  /** The report was produced (and, with --fail-on-affected, nothing is affected and it is complete). */
  ok: 0,
  /** --fail-on-affected: the change introduces an affected version (with =any: any new version is
   * affected); --fail-on-yanked: it introduces a yanked version or one the index does not list. */
  affected: 1,
  /** Bad usage: unknown option, missing or conflicting options, bad ref, unreadable directory. */
  usage: 2,
  /** A gate is on and nothing known fails it, but the analysis (or the yanked status) is incomplete. */
  incomplete: 3,
  /** The report could not be produced (an unexpected error). */
  error: 4
} as const

/** The exit code of the gates' result: a known failure 1, else an unknown 3, else 0. */
export function exitCodeOf(result: 'pass' | 'fail' | 'incomplete'): number {
  if (result === 'fail') return EXIT.affected
  return result === 'incomplete' ? EXIT.incomplete : EXIT.ok
}

export const USAGE = `Usage:
  cargo-advisory-review --base <ref> [--head <ref>] [options]
      git mode, inside a repository
  cargo-advisory-review --base-dir <dir> --head-dir <dir> [options]
      directory mode

Reports the crates a change adds, updates or removes in Cargo.lock / Cargo.toml
files, with the OSV / RustSec advisories that affect them. Without --head, git
mode compares <ref> with the working tree, uncommitted changes included.

Options:
  --base <ref>               base revision (branch, tag, SHA, HEAD~1, …)
  --head <ref>               head revision (default: the working tree)
  --base-dir <dir>           base directory (directory mode)
  --head-dir <dir>           head directory (directory mode)
  --advisory-source <src>    osv (default: the OSV API) | rustsec (rustsec.org)
                             | a folder or .zip of OSV JSON records, e.g. OSV's
                             crates.io/all.zip; a folder named osv or rustsec
                             needs ./osv or ./rustsec
  --osv-api-url <url>        OSV API (default https://api.osv.dev)
  --rustsec-url <url>        rustsec.org mirror (default https://rustsec.org)
  --crates-index-url <url>   crates.io sparse index for yanked status (default
                             https://index.crates.io)
  --no-crates-index          do not read the crates.io index (air-gapped
                             machines)
  --request-timeout <seconds>
                             seconds one request to the advisory source or the
                             crates.io index may take, answer included
                             (default 30; retried, then the crate is unknown)
  --ignore <id[#reason]>     ignore an advisory by id or alias (repeatable);
                             deny.toml and .cargo/audit.toml of the base
                             revision are read too
  --fail-on-affected[=any]   exit 1 when the change introduces an affected
                             version (=any: when any added or updated version
                             is affected, even if it was before), 3 when the
                             analysis is incomplete
  --fail-on-yanked           exit 1 when the change adds a yanked version or
                             one the crates.io index does not list, 3 when that
                             could not be read
  --min-publish-age <age>    the cooldown: a crates.io version the change adds
                             or updates that was published less than this long
                             ago is a finding (Cargo's grammar: "7 days",
                             "36 hours", "2 weeks"; "0" turns it off);
                             default: each lockfile's cooldown in the base
                             revision's .cargo/config.toml, else none
  --fail-on-too-new          exit 1 when the change adds a version younger
                             than the cooldown, 3 when a version's age under
                             it could not be established
  --format <text|markdown|json>
                             report format (default: json with --output, else
                             text on a terminal and markdown elsewhere); text
                             is coloured and wrapped on a terminal unless
                             NO_COLOR is set (FORCE_COLOR forces colour)
  --output <file>            write the full report to a file instead of stdout,
                             as JSON unless --format says otherwise (the folder
                             must exist)
  --sarif <file>             also write the findings as SARIF 2.1.0, each on
                             the line of the Cargo.toml (or Cargo.lock) that
                             brought it in
  -h, --help                 show this help
  -V, --version              show the version

Exit codes:
  0  report produced (with --fail-on-affected: nothing affected, analysis
     complete)
  1  --fail-on-affected and the change introduces an affected version (=any:
     any is affected), or --fail-on-yanked and it adds a yanked or unlisted
     version, or --fail-on-too-new and it adds a version younger than the
     cooldown
  2  bad usage (unknown or conflicting options, bad revision, directory or
     advisory source)
  3  --fail-on-affected and the analysis is incomplete (a file or look-up
     failed), or --fail-on-yanked and the index could not be read for a new
     version, or --fail-on-too-new and a new version's age under the
     cooldown is unknown
  4  the report could not be produced (unexpected error)
`

export type CliMode =
  | { kind: 'git'; base: string; head: string | null }
  | { kind: 'dirs'; baseDir: string; headDir: string }

export type ReportFormat = 'text' | 'markdown' | 'json'
export const FORMATS: readonly ReportFormat[] = ['text', 'markdown', 'json']

export interface CliOptions {
  mode: CliMode
  source: SourceSpec
  /** null: --no-crates-index. */
  cratesIndexUrl: string | null
  /** The --advisory-source value as given (null: the default). */
  sourceArgument: string | null
  ignore: string[]
  failOnAffected: GateMode
  /** Fail on a yanked or unlisted new version (needs the crates.io index). */
  failOnYanked: boolean
  /** --min-publish-age; null: each lockfile's cooldown from the base's Cargo config. */
  minPublishAge: PublishAgeSetting | null
  /** Fail on a version younger than the cooldown (exit 3 when its age is unknown). */
  failOnTooNew: boolean
  format: ReportFormat
  output: string | null
  /** --sarif: where to write the SARIF log; null: none. */
  sarif: string | null
  /** --request-timeout in ms: one advisory or index request, answer included (default 30 s). */
  requestTimeoutMs: number
}

export interface ParseContext {
  /** Relative paths are resolved against this. */
  cwd: string
  /** Whether stdout is a terminal: the default format is text there, markdown elsewhere. */
  stdoutIsTTY: boolean
}

export type ParsedArgs =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions }

const GATE_VALUES: Record<string, GateMode> = { true: 'introduced', any: 'any', false: 'off' }

export function parseCliArgs(argv: readonly string[], context: ParseContext): ParsedArgs {
  // `--fail-on-affected=any|true|false` beside the plain flag; parseArgs has no optional values.
  let gate: GateMode | null = null
  const args: string[] = []
  for (const arg of argv) {
    if (!arg.startsWith('--fail-on-affected=')) {
      args.push(arg)
      continue
    }
    const value = arg.slice('--fail-on-affected='.length)
    const mode = GATE_VALUES[value]
    if (mode === undefined) {
      throw new ConfigurationError(
        `--fail-on-affected=${value}: the value must be any, true or false`
      )
    }
    gate = mode
  }
  let values
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        'base-dir': { type: 'string' },
        'head-dir': { type: 'string' },
        'advisory-source': { type: 'string' },
        'osv-api-url': { type: 'string' },
        'rustsec-url': { type: 'string' },
        'crates-index-url': { type: 'string' },
        'no-crates-index': { type: 'boolean' },
        'request-timeout': { type: 'string' },
        ignore: { type: 'string', multiple: true },
        'fail-on-affected': { type: 'boolean' },
        'fail-on-yanked': { type: 'boolean' },
        'min-publish-age': { type: 'string' },
        'fail-on-too-new': { type: 'boolean' },
        format: { type: 'string' },
        output: { type: 'string' },
        sarif: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' }
      }
    }))
  } catch (error) {
    // One line: Node's advice about positionals goes (this CLI takes none), the rest is joined.
    const message = error instanceof Error ? error.message : String(error)
    throw new ConfigurationError(
      message
        .replace(/\s*To specify a positional argument[\s\S]*$/, '')
        .replace(/\s*\n\s*/g, ' ')
        .trim()
    )
  }
  if (values.help === true) return { kind: 'help' }
  if (values.version === true) return { kind: 'version' }

  const gitMode = values.base !== undefined || values.head !== undefined
  const dirMode = values['base-dir'] !== undefined || values['head-dir'] !== undefined
  let mode: CliMode
  if (gitMode && dirMode) {
    throw new ConfigurationError(
      'use either --base/--head (git mode) or --base-dir/--head-dir, not both'
    )
  } else if (dirMode) {
    const baseDir = values['base-dir']
    const headDir = values['head-dir']
    if (baseDir === undefined || headDir === undefined) {
      throw new ConfigurationError('--base-dir and --head-dir must be given together')
    }
    mode = { kind: 'dirs', baseDir, headDir }
  } else if (values.base !== undefined) {
    mode = { kind: 'git', base: values.base, head: values.head ?? null }
  } else if (gitMode) {
    throw new ConfigurationError('--head needs --base')
  } else {
    throw new ConfigurationError('give --base <ref> (git mode) or --base-dir and --head-dir')
  }

  // --output is for the full report: JSON, unless --format asks for another.
  const format =
    values.format ??
    (values.output !== undefined ? 'json' : context.stdoutIsTTY ? 'text' : 'markdown')
  if (!FORMATS.includes(format as ReportFormat)) {
    throw new ConfigurationError(
      `--format must be text, markdown or json, not ${JSON.stringify(format.slice(0, 80))}`
    )
  }
  const indexUrl = values['crates-index-url']
  if (indexUrl !== undefined && values['no-crates-index'] === true) {
    throw new ConfigurationError('--crates-index-url and --no-crates-index exclude each other')
  }
  if (values['fail-on-yanked'] === true && values['no-crates-index'] === true) {
    throw new ConfigurationError(
      '--fail-on-yanked needs the crates.io index; it cannot be checked with --no-crates-index'
    )
  }
  const minPublishAge = publishAgeSetting(values['min-publish-age'] ?? '', '--min-publish-age')
  if (
    (values['fail-on-too-new'] === true || (minPublishAge?.seconds ?? 0) > 0) &&
    values['no-crates-index'] === true
  ) {
    throw new ConfigurationError(
      '--min-publish-age and --fail-on-too-new need the crates.io index (publish times); they cannot be checked with --no-crates-index'
    )
  }
  if (values.output === '') throw new ConfigurationError('--output needs a file name')
  if (values.sarif === '') throw new ConfigurationError('--sarif needs a file name')
  return {
    kind: 'run',
    options: {
      mode,
      source: parseSourceSpec(values['advisory-source'], {
        osvApiUrl: values['osv-api-url'],
        rustsecUrl: values['rustsec-url'],
        baseDir: context.cwd,
        name: '--advisory-source'
      }),
      cratesIndexUrl:
        values['no-crates-index'] === true
          ? null
          : parseHttpUrl(
              normaliseIndexUrl(indexUrl ?? '') || DEFAULT_CRATES_INDEX_URL,
              '--crates-index-url'
            ),
      sourceArgument: values['advisory-source'] ?? null,
      ignore: values.ignore ?? [],
      failOnAffected: gate ?? (values['fail-on-affected'] === true ? 'introduced' : 'off'),
      failOnYanked: values['fail-on-yanked'] === true,
      minPublishAge,
      failOnTooNew: values['fail-on-too-new'] === true,
      format: format as ReportFormat,
      output: values.output ?? null,
      sarif: values.sarif ?? null,
      requestTimeoutMs:
        parseWholeNumber(values['request-timeout'] ?? '', '--request-timeout', {
          fallback: DEFAULT_REQUEST_TIMEOUT_SECONDS,
          max: 600
        }) * 1000
    }
  }
}
