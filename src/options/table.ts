// One table of options for both edges: each option's action input and CLI flag, its grammar
// (options/grammar.ts) and its --help text. The action reads an input's text through
// core.getInput, the CLI a flag's value through util.parseArgs; both hand it to the same grammar,
// so the same value means the same thing in both (test/options/options-both-edges.test.ts). To
// add an option: one row here, then read it where it is used (action/inputs.ts, cli/args.ts).
import type { GateMode } from '../review/gate.js'
import type { PublishAgeSetting } from '../cargo/cooldown.js'
import {
  ageValue,
  booleanValue,
  choiceValue,
  countValue,
  fileValue,
  gateValue,
  refValue,
  textValue,
  type Grammar
} from './grammar.js'

/** How the CLI takes a flag: `--x <v>`, a switch (`--x`, or `--x=<v>`), or repeated values. */
export type FlagForm = 'value' | 'switch' | 'list'

export interface OptionSpec<T> {
  readonly grammar: Grammar<T>
  /** The action's input (action.yml), when the action has the option. */
  readonly input?: string
  /** The CLI's flag without `--`, when the CLI has the option. */
  readonly flag?: { name: string; form: FlagForm; short?: string; negation?: string }
  /** The --help row: the term and its lines (wrapped to 80 columns). */
  readonly help?: { term: string; text: readonly string[] }
}

const spec = <T>(option: OptionSpec<T>): OptionSpec<T> => option

export const COMMENT_MODES = ['always', 'on-affected', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]
/** `auto`: a check run on the head commit under `pull_request_target` only (elsewhere the step's
 * own annotations already attach to the commit the pull request shows). */
export const CHECK_RUN_MODES = ['auto', 'always', 'never'] as const
export type CheckRunMode = (typeof CHECK_RUN_MODES)[number]
export const UNMAINTAINED_MODES = ['hide', 'notice'] as const
export type UnmaintainedMode = (typeof UNMAINTAINED_MODES)[number]
export const FORMATS = ['text', 'markdown', 'json'] as const
export type ReportFormat = (typeof FORMATS)[number]

/** Every option; CLI rows in --help's order. */
export const OPTIONS = {
  base: spec({
    grammar: textValue,
    flag: { name: 'base', form: 'value' },
    help: { term: '--base <ref>', text: ['base revision (branch, tag, SHA, HEAD~1, …)'] }
  }),
  head: spec({
    grammar: textValue,
    flag: { name: 'head', form: 'value' },
    help: { term: '--head <ref>', text: ['head revision (default: the working tree)'] }
  }),
  baseDir: spec({
    grammar: textValue,
    flag: { name: 'base-dir', form: 'value' },
    help: { term: '--base-dir <dir>', text: ['base directory (directory mode)'] }
  }),
  headDir: spec({
    grammar: textValue,
    flag: { name: 'head-dir', form: 'value' },
    help: { term: '--head-dir <dir>', text: ['head directory (directory mode)'] }
  }),
  advisorySource: spec({
    grammar: textValue,
    input: 'advisory-source',
    flag: { name: 'advisory-source', form: 'value' },
    help: {
      term: '--advisory-source <src>',
      text: [
        'osv (default: the OSV API) | rustsec (rustsec.org)',
        "| a folder or .zip of OSV JSON records, e.g. OSV's",
        'crates.io/all.zip; a folder named osv or rustsec',
        'needs ./osv or ./rustsec'
      ]
    }
  }),
  osvApiUrl: spec({
    grammar: textValue,
    input: 'osv-api-url',
    flag: { name: 'osv-api-url', form: 'value' },
    help: { term: '--osv-api-url <url>', text: ['OSV API (default https://api.osv.dev)'] }
  }),
  rustsecUrl: spec({
    grammar: textValue,
    input: 'rustsec-url',
    flag: { name: 'rustsec-url', form: 'value' },
    help: {
      term: '--rustsec-url <url>',
      text: ['rustsec.org mirror (default https://rustsec.org)']
    }
  }),
  cratesIndexUrl: spec({
    grammar: textValue,
    input: 'crates-index-url',
    flag: { name: 'crates-index-url', form: 'value' },
    help: {
      term: '--crates-index-url <url>',
      text: ['crates.io sparse index for yanked status (default', 'https://index.crates.io)']
    }
  }),
  cratesIndex: spec({
    grammar: booleanValue(true),
    input: 'crates-index',
    flag: { name: 'crates-index', form: 'switch', negation: 'no-crates-index' },
    help: {
      term: '--no-crates-index',
      text: ['do not read the crates.io index (air-gapped', 'machines)']
    }
  }),
  requestTimeout: spec({
    grammar: countValue(30, 600),
    input: 'request-timeout',
    flag: { name: 'request-timeout', form: 'value' },
    help: {
      term: '--request-timeout <seconds>',
      text: [
        'seconds one request to the advisory source or the',
        'crates.io index may take, answer included',
        '(default 30; retried, then the crate is unknown)'
      ]
    }
  }),
  ignore: spec({
    grammar: textValue,
    input: 'ignore',
    flag: { name: 'ignore', form: 'list' },
    help: {
      term: '--ignore <id[#reason]>',
      text: [
        'ignore an advisory by id or alias (repeatable);',
        'deny.toml and .cargo/audit.toml of the base',
        'revision are read too'
      ]
    }
  }),
  failOnAffected: spec<GateMode>({
    grammar: gateValue,
    input: 'fail-on-affected',
    flag: { name: 'fail-on-affected', form: 'switch' },
    help: {
      term: '--fail-on-affected[=any]',
      text: [
        'exit 1 when the change introduces an affected',
        'version (=any: when any added or updated version',
        'is affected, even if it was before), 3 when the',
        'analysis is incomplete'
      ]
    }
  }),
  failOnYanked: spec({
    grammar: booleanValue(false),
    input: 'fail-on-yanked',
    flag: { name: 'fail-on-yanked', form: 'switch' },
    help: {
      term: '--fail-on-yanked',
      text: [
        'exit 1 when the change adds a yanked version or',
        'one the crates.io index does not list, 3 when that',
        'could not be read'
      ]
    }
  }),
  minPublishAge: spec<PublishAgeSetting | null>({
    grammar: ageValue,
    input: 'min-publish-age',
    flag: { name: 'min-publish-age', form: 'value' },
    help: {
      term: '--min-publish-age <age>',
      text: [
        'the cooldown: a crates.io version the change adds',
        'or updates that was published less than this long',
        'ago is a finding (Cargo\'s grammar: "7 days",',
        '"36 hours", "2 weeks"; "0" turns it off);',
        "default: each lockfile's cooldown in the base",
        "revision's .cargo/config.toml, else none"
      ]
    }
  }),
  failOnTooNew: spec({
    grammar: booleanValue(false),
    input: 'fail-on-too-new',
    flag: { name: 'fail-on-too-new', form: 'switch' },
    help: {
      term: '--fail-on-too-new',
      text: [
        'exit 1 when the change adds a version younger',
        "than the cooldown, 3 when a version's age under",
        'it could not be established'
      ]
    }
  }),
  format: spec<ReportFormat | null>({
    grammar: choiceValue(FORMATS),
    flag: { name: 'format', form: 'value' },
    help: {
      term: '--format <text|markdown|json>',
      text: [
        'report format (default: json with --output, else',
        'text on a terminal and markdown elsewhere); text',
        'is coloured and wrapped on a terminal unless',
        'NO_COLOR is set (FORCE_COLOR forces colour)'
      ]
    }
  }),
  output: spec({
    grammar: fileValue,
    flag: { name: 'output', form: 'value' },
    help: {
      term: '--output <file>',
      text: [
        'write the full report to a file instead of stdout,',
        'as JSON unless --format says otherwise (the folder',
        'must exist)'
      ]
    }
  }),
  sarif: spec({
    grammar: fileValue,
    input: 'sarif-file',
    flag: { name: 'sarif', form: 'value' },
    help: {
      term: '--sarif <file>',
      text: [
        'also write the findings as SARIF 2.1.0, each on',
        'the line of the Cargo.toml (or Cargo.lock) that',
        'brought it in'
      ]
    }
  }),
  help: spec({
    grammar: booleanValue(false),
    flag: { name: 'help', form: 'switch', short: 'h' },
    help: { term: '-h, --help', text: ['show this help'] }
  }),
  version: spec({
    grammar: booleanValue(false),
    flag: { name: 'version', form: 'switch', short: 'V' },
    help: { term: '-V, --version', text: ['show the version'] }
  }),
  // The action's own inputs.
  githubToken: spec({ grammar: textValue, input: 'github-token' }),
  unmaintained: spec({ grammar: choiceValue(UNMAINTAINED_MODES, 'hide'), input: 'unmaintained' }),
  comment: spec({ grammar: choiceValue(COMMENT_MODES, 'always'), input: 'comment' }),
  baseRef: spec({ grammar: refValue, input: 'base-ref' }),
  headRef: spec({ grammar: refValue, input: 'head-ref' }),
  githubTimeout: spec({ grammar: countValue(30, 600), input: 'github-timeout' }),
  githubDeadline: spec({ grammar: countValue(600, 6 * 3600), input: 'github-deadline' }),
  githubRequestBudget: spec({ grammar: countValue(500, 100_000), input: 'github-request-budget' }),
  checkRun: spec({ grammar: choiceValue(CHECK_RUN_MODES, 'auto'), input: 'check-run' })
} as const

export type OptionId = keyof typeof OPTIONS

/** An edge: how it names an option in messages, and how it spells "off" for a switch. */
export interface Edge {
  readonly kind: 'action' | 'cli'
  /** The option as this edge's user writes it: `fail-on-yanked` / `--fail-on-yanked`. */
  shown(id: OptionId): string
  /** The option turned on, as written: `fail-on-yanked: true` / `--fail-on-yanked`. */
  on(id: OptionId): string
  /** The option turned off, as written: `crates-index: false` / `--no-crates-index`. */
  off(id: OptionId): string
}

export const ACTION_EDGE: Edge = {
  kind: 'action',
  shown: (id) => OPTIONS[id].input ?? id,
  on: (id) => `${OPTIONS[id].input ?? id}: true`,
  off: (id) => `${OPTIONS[id].input ?? id}: false`
}

export const CLI_EDGE: Edge = {
  kind: 'cli',
  shown: (id) => `--${flagOf(id)}`,
  on: (id) => `--${flagOf(id)}`,
  off: (id) => {
    const flag: OptionSpec<unknown>['flag'] = OPTIONS[id].flag
    return flag?.negation === undefined ? `--${flagOf(id)}=false` : `--${flag.negation}`
  }
}

function flagOf(id: OptionId): string {
  const flag: OptionSpec<unknown>['flag'] = OPTIONS[id].flag
  return flag?.name ?? id
}

/** An option's value from its text, named as `edge` spells it. */
export function readOption<K extends OptionId>(
  id: K,
  text: string | undefined,
  edge: Edge
): ReturnType<(typeof OPTIONS)[K]['grammar']['parse']> {
  const grammar = OPTIONS[id].grammar as Grammar<
    ReturnType<(typeof OPTIONS)[K]['grammar']['parse']>
  >
  return grammar.parse(text, edge.shown(id))
}

/** --help's Options block, from the table: each term, its text in a column at 29. */
export function optionsHelp(): string {
  const lines: string[] = []
  for (const option of Object.values(OPTIONS) as OptionSpec<unknown>[]) {
    if (option.help === undefined) continue
    const { term, text } = option.help
    const [first = '', ...rest] = text
    if (term.length <= 25) lines.push(`  ${term.padEnd(27)}${first}`)
    else lines.push(`  ${term}`, `${' '.repeat(29)}${first}`)
    for (const line of rest) lines.push(`${' '.repeat(29)}${line}`)
  }
  return lines.join('\n')
}
