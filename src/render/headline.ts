// The first line: the outcome and its reason, in words a reviewer reads in two seconds. The
// comment, the job summary, the failure message and the CLI's first line all start with it, in
// Markdown or in plain text from the same words.
import type { Report } from '../core/model.js'
import type { Outcome } from '../review/outcome.js'
import { NOT_LOOKED_UP } from '../review/gate.js'
import type { Places } from '../review/units.js'
import { counts } from './sections.js'
import { thisChange, type RenderContext } from './context.js'
import {
  MARKDOWN,
  MAY_EXIST,
  PLAIN,
  incompleteParts,
  someNames,
  verdictParts,
  type Style
} from './overview.js'

export type HeadlineStyle = 'markdown' | 'plain'

const MARKS: Record<Outcome['status'], string> = {
  fails: '❌',
  incomplete: '⚠️',
  'not-gated': '⚠️',
  passes: '✅',
  'not-checked': '⏸️'
}

const LABELS: Record<Outcome['status'], string> = {
  fails: 'Fails',
  incomplete: 'Incomplete',
  'not-gated': 'Not gated',
  passes: 'Passes',
  'not-checked': 'Not checked'
}

/** The gate's name where the reader sets it: the action's input or the CLI's flag. */
function gateName(context: RenderContext, gate: 'affected' | 'yanked'): string {
  return context === 'cli' ? `--fail-on-${gate}` : `fail-on-${gate}`
}

/** What fails, one clause per gate that failed. */
function failures(outcome: Outcome, context: RenderContext, style: Style): string[] {
  const change = thisChange(context)
  const clauses: string[] = []
  const mode = outcome.modes.failOnAffected
  if (outcome.maliciousCrates.length > 0 && mode !== 'off') {
    clauses.push(
      `${change} adds ${counts(outcome.maliciousCrates.length, 'malicious crate')} (${someNames(outcome.maliciousCrates, style)})`
    )
  }
  if (mode !== 'off' && outcome.introducedCrates.length > outcome.maliciousCrates.length) {
    clauses.push(introducedClause(outcome, context, style))
  } else if (mode === 'any' && outcome.affectedCount > 0 && outcome.introducedCrates.length === 0) {
    clauses.push(
      `${counts(outcome.affectedCount, 'added or updated crate version')} ${outcome.affectedCount === 1 ? 'is' : 'are'} still affected (${style.code(`${gateName(context, 'affected')}${context === 'cli' ? '=' : ': '}any`)})`
    )
  }
  if (outcome.yanked.length > 0) {
    clauses.push(
      `${change} adds ${counts(outcome.yanked.length, 'yanked version')} (${someNames(outcome.yanked, style)})`
    )
  }
  if (outcome.unlisted.length > 0) {
    clauses.push(
      `${change} adds ${counts(outcome.unlisted.length, 'version')} crates.io does not list (${someNames(outcome.unlisted, style)})`
    )
  }
  if (outcome.tooNew.length > 0) {
    clauses.push(
      `${change} adds ${counts(outcome.tooNew.length, 'version')} younger than the cooldown (${someNames(outcome.tooNew, style)})`
    )
  }
  return clauses
}

function introducedClause(outcome: Outcome, context: RenderContext, style: Style): string {
  return `${thisChange(context)} introduces ${counts(outcome.introducedAdvisories, 'advisory', 'advisories')} in ${counts(outcome.introducedChanges, 'crate')} (${someNames(outcome.introducedCrates, style)})`
}

/** After the label the sentence goes on: "Passes: this pull request …". */
const lowerFirst = (value: string): string => value.charAt(0).toLowerCase() + value.slice(1)

/**
 * The first line. `fails` and `not-gated` name what decided; `incomplete` names what is unknown;
 * `passes` carries the verdict's other clauses (still affected, fixed) so nothing is said twice.
 */
export function headline(
  report: Report,
  classified: Places,
  outcome: Outcome,
  context: RenderContext,
  style: HeadlineStyle = 'markdown'
): string {
  const words = style === 'markdown' ? MARKDOWN : PLAIN
  const label = LABELS[outcome.status]
  const lead = style === 'markdown' ? `${MARKS[outcome.status]} **${label}:**` : `${label}:`
  const verdict = verdictParts(report, context)
  const rest = verdict.clauses.slice(1)
  let body: string
  switch (outcome.status) {
    case 'not-checked':
      body = 'advisories were not looked up.'
      break
    case 'fails': {
      const clauses = failures(outcome, context, words)
      // The verdict's clauses that the failure did not already state.
      const named = outcome.modes.failOnAffected !== 'off' && outcome.introducedCrates.length > 0
      // Mid-sentence, the change is already named: "…; it introduces no advisory".
      const own = verdict.clauses.map((clause, i) =>
        i === 0 ? clause.replace(/^(This pull request|This change) /, 'it ') : clause
      )
      clauses.push(...(named ? rest : own))
      // Without an advisory source a yanked or too-new version still fails: say what was not done.
      if (report.advisory_source === null) clauses.push('advisories were not looked up')
      if (outcome.incompleteReasons.some((reason) => reason !== NOT_LOOKED_UP)) {
        clauses.push('and the analysis is incomplete (below)')
      }
      body = `${clauses.join('; ')}.`
      break
    }
    case 'incomplete': {
      const parts = incompleteParts(report, classified, words) ?? ['see Problems below']
      body = `${parts.join('; ')}. ${MAY_EXIST.replace('this comment', context === 'cli' ? 'this report' : 'this comment')}`
      break
    }
    case 'not-gated':
      body = `${[
        `${introducedClause(outcome, context, words)}, which no gate fails on (${words.code(gateName(context, 'affected'))} is off)`,
        ...rest
      ].join('; ')}.`
      break
    case 'passes':
      body =
        verdict.whole !== null
          ? verdict.whole.replace(/\*\*/g, '')
          : `${[verdict.clauses[0] ?? '', ...rest].join('; ')}.`
      break
  }
  return `${lead} ${lowerFirst(body)}`
}

/** The headline states the verdict's clauses itself, except when it says what is unknown. */
export function verdictRepeats(outcome: Outcome): boolean {
  return outcome.status !== 'incomplete'
}
