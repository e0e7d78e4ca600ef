// Command-line parsing (node:util parseArgs, configured from the options table the action reads
// too: options/table.ts) into a validated CliOptions, or help/version.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { SourceSpec } from '../advisories/source.js'
import { ConfigurationError } from '../core/errors.js'
import type { PublishAgeSetting } from '../cargo/cooldown.js'
import type { GateMode } from '../review/gate.js'
import type { IgnoreRule } from '../core/model.js'
import { readSharedOptions, type GivenOptions } from '../options/shared.js'
import {
  CLI_EDGE,
  OPTIONS,
  optionsHelp,
  readOption,
  type OptionId,
  type OptionSpec,
  type ReportFormat
} from '../options/table.js'

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
${optionsHelp()}

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

export { FORMATS, type ReportFormat } from '../options/table.js'

export interface CliOptions {
  mode: CliMode
  source: SourceSpec
  /** null: --no-crates-index. */
  cratesIndexUrl: string | null
  /** The --advisory-source value as given (null: the default). */
  sourceArgument: string | null
  /** --ignore, each value read by the options table's grammar (ignoreEntry). */
  ignore: IgnoreRule[]
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

/** The CLI's flags, as the options table lists them. */
const FLAGS = (Object.entries(OPTIONS) as [OptionId, OptionSpec<unknown>][]).flatMap(
  ([id, spec]) => (spec.flag === undefined ? [] : [{ id, ...spec.flag }])
)

/** util.parseArgs' configuration, from the table. */
function parseArgsOptions(): ParseArgsConfig['options'] {
  const options: NonNullable<ParseArgsConfig['options']> = {}
  for (const flag of FLAGS) {
    if (flag.form === 'switch') {
      options[flag.name] = {
        type: 'boolean',
        ...(flag.short === undefined ? {} : { short: flag.short })
      }
    } else options[flag.name] = { type: 'string', multiple: flag.form === 'list' }
    if (flag.negation !== undefined) options[flag.negation] = { type: 'boolean' }
  }
  return options
}

export function parseCliArgs(argv: readonly string[], context: ParseContext): ParsedArgs {
  // A switch may carry a value (`--fail-on-affected=any`, `--fail-on-yanked=false`), read by the
  // same grammar as the action's input; parseArgs has no optional values, so those go first.
  const switchValues = new Map<OptionId, string>()
  const args: string[] = []
  for (const arg of argv) {
    const match = /^--([^=]+)=([\s\S]*)$/.exec(arg)
    const flag = FLAGS.find((each) => each.form === 'switch' && each.name === match?.[1])
    if (match === null || flag === undefined) args.push(arg)
    else switchValues.set(flag.id, match[2] ?? '')
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: parseArgsOptions()
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
  const given: GivenOptions = {
    text(id) {
      const flag = FLAGS.find((each) => each.id === id)
      if (flag === undefined) return undefined
      if (flag.form !== 'switch') {
        const value = values[flag.name]
        return typeof value === 'string' ? value : undefined
      }
      if (switchValues.has(id)) return switchValues.get(id)
      if (flag.negation !== undefined && values[flag.negation] === true) return 'false'
      return values[flag.name] === true ? 'true' : undefined
    },
    entries(id) {
      const flag = FLAGS.find((each) => each.id === id)
      const value = flag === undefined ? undefined : values[flag.name]
      return Array.isArray(value) ? value.map(String) : []
    }
  }
  const read = <K extends OptionId>(id: K) => readOption(id, given.text(id), CLI_EDGE)
  if (read('help')) return { kind: 'help' }
  if (read('version')) return { kind: 'version' }
  // The mode: which of --base/--head and --base-dir/--head-dir were given, as given.
  const base = given.text('base')
  const head = given.text('head')
  const baseDir = given.text('baseDir')
  const headDir = given.text('headDir')
  const gitMode = base !== undefined || head !== undefined
  const dirMode = baseDir !== undefined || headDir !== undefined
  let mode: CliMode
  if (gitMode && dirMode) {
    throw new ConfigurationError(
      'use either --base/--head (git mode) or --base-dir/--head-dir, not both'
    )
  } else if (dirMode) {
    if (baseDir === undefined || headDir === undefined) {
      throw new ConfigurationError('--base-dir and --head-dir must be given together')
    }
    mode = { kind: 'dirs', baseDir, headDir }
  } else if (base !== undefined) {
    mode = { kind: 'git', base, head: head ?? null }
  } else if (gitMode) {
    throw new ConfigurationError('--head needs --base')
  } else {
    throw new ConfigurationError('give --base <ref> (git mode) or --base-dir and --head-dir')
  }

  const output = read('output')
  // --output is for the full report: JSON, unless --format asks for another.
  const format =
    read('format') ?? (output !== null ? 'json' : context.stdoutIsTTY ? 'text' : 'markdown')
  if (given.text('cratesIndexUrl') !== undefined && !read('cratesIndex')) {
    throw new ConfigurationError(
      `${CLI_EDGE.shown('cratesIndexUrl')} and ${CLI_EDGE.off('cratesIndex')} exclude each other`
    )
  }
  const shared = readSharedOptions(CLI_EDGE, given, { baseDir: context.cwd })
  return {
    kind: 'run',
    options: {
      mode,
      source: shared.source,
      cratesIndexUrl: shared.cratesIndexUrl,
      sourceArgument: given.text('advisorySource') ?? null,
      // Checked above by the shared grammar; the run parses them into rules.
      ignore: shared.ignore,
      failOnAffected: shared.failOnAffected,
      failOnYanked: shared.failOnYanked,
      minPublishAge: shared.minPublishAge,
      failOnTooNew: shared.failOnTooNew,
      format,
      output,
      sarif: shared.sarif,
      requestTimeoutMs: readOption('requestTimeout', given.text('requestTimeout'), CLI_EDGE) * 1000
    }
  }
}
