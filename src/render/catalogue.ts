// The catalogue of the comment's sections, in document order: what each is worth to the decision
// and how it says less when the comment is past its target size. markdown.ts fits the comment by
// reading this table; sections.ts builds each section's entries in every form.
import type { Form, SectionKey } from './document.js'

/** What a section is worth to a reviewer's decision. */
export type Value =
  /** What the gates decide on: introduced advisories, yanked or too-new versions, unknowns. */
  | 'decides'
  /** Affected before and after: a row with its fix is enough to act on. */
  | 'affected-before'
  /** Facts a reviewer weighs (fixes, ignores, packages from other sources), never gated. */
  | 'context'
  /** Decides nothing: resolved requirements, clean crates, history, publish ages. */
  | 'nothing'

/** A way to say less, past the target: a count with a pointer to the full report, or entries
 * swapped (from the last up) for a shorter form. */
export type Shortening = { to: 'pointer' } | { from: Form; to: Form; note: boolean }

export interface SectionSpec {
  key: SectionKey
  value: Value
  /** Past the target, in the comment's order of giving way (lower first). */
  pastTarget: readonly { step: number; how: Shortening }[]
}

const pointer = (step: number) => ({ step, how: { to: 'pointer' } as const })
const entries = (step: number, from: Form, to: Form, note = true) => ({
  step,
  how: { from, to, note }
})

/**
 * Past the target: the lists that decide nothing become counts (1–4); still-affected blocks
 * become one line each (5); lists of packages not looked up become counts (6–7); requirements
 * and introduced crates lose their details text (8–9), their explanations (10–11) and become one
 * line each (12–13), saying so; last, still-affected lines give way to their table rows (14).
 */
export const CATALOGUE: readonly SectionSpec[] = [
  { key: 'too-new', value: 'decides', pastTarget: [] },
  { key: 'table', value: 'decides', pastTarget: [] },
  {
    key: 'introduced',
    value: 'decides',
    pastTarget: [
      entries(9, 'full', 'compact'),
      entries(11, 'compact', 'brief'),
      entries(13, 'brief', 'name')
    ]
  },
  {
    key: 'still-affected',
    value: 'affected-before',
    pastTarget: [entries(5, 'full', 'name', false), pointer(14)]
  },
  { key: 'registry', value: 'decides', pastTarget: [] },
  { key: 'unknown', value: 'decides', pastTarget: [] },
  {
    key: 'requirements',
    value: 'decides',
    pastTarget: [
      entries(8, 'full', 'compact'),
      entries(10, 'compact', 'brief'),
      entries(12, 'brief', 'name')
    ]
  },
  { key: 'unmaintained', value: 'context', pastTarget: [] },
  { key: 'fixed', value: 'context', pastTarget: [] },
  { key: 'ignored', value: 'context', pastTarget: [] },
  { key: 'history', value: 'nothing', pastTarget: [pointer(4)] },
  { key: 'requirement-lines', value: 'nothing', pastTarget: [pointer(1)] },
  { key: 'other-sources', value: 'context', pastTarget: [pointer(6)] },
  { key: 'not-looked-up', value: 'context', pastTarget: [pointer(7)] },
  { key: 'no-advisories', value: 'nothing', pastTarget: [pointer(3)] },
  { key: 'publish-ages', value: 'nothing', pastTarget: [pointer(2)] },
  { key: 'problems', value: 'decides', pastTarget: [] }
]

/** Document order of the sections. */
export const SECTION_ORDER: readonly SectionKey[] = CATALOGUE.map((spec) => spec.key)

/** Every way of saying less, in the order the comment takes them. */
export const SHORTENINGS: readonly { key: SectionKey; how: Shortening }[] = CATALOGUE.flatMap(
  (spec) => spec.pastTarget.map((s) => ({ key: spec.key, step: s.step, how: s.how }))
)
  .sort((a, b) => a.step - b.step)
  .map(({ key, how }) => ({ key, how }))

/** Sections whose lists give way to a count (so a huge one need not be measured whole). */
export const GIVES_WAY: ReadonlySet<SectionKey> = new Set(
  SHORTENINGS.filter((s) => s.how.to === 'pointer' && s.key !== 'still-affected').map((s) => s.key)
)

/** Sections whose entries shorten in place (measured at their compact form). */
export const SHORTENS: ReadonlySet<SectionKey> = new Set(
  SHORTENINGS.filter((s) => s.how.to !== 'pointer' && s.key !== 'still-affected').map((s) => s.key)
)
