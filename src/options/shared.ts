// The options both edges have, read through the table's grammars and checked together by the
// same rules: what a value means and what a bad combination says do not depend on the edge.
import type { SourceSpec } from '../advisories/source.js'
import { parseHttpUrl, parseSourceSpec } from '../advisories/spec.js'
import { DEFAULT_CRATES_INDEX_URL, normaliseIndexUrl } from '../advisories/crates-index/url.js'
import type { PublishAgeSetting } from '../cargo/cooldown.js'
import { ConfigurationError } from '../core/errors.js'
import type { IgnoreRule } from '../core/model.js'
import type { GateMode } from '../review/gate.js'
import { ignoreEntry } from './grammar.js'
import { readOption, type Edge, type OptionId } from './table.js'

export interface SharedOptions {
  source: SourceSpec
  /** The sparse index to read yanked status and publish times from; null: turned off. */
  cratesIndexUrl: string | null
  failOnAffected: GateMode
  failOnYanked: boolean
  /** null: each lockfile's cooldown from the base's Cargo config. */
  minPublishAge: PublishAgeSetting | null
  failOnTooNew: boolean
  ignore: IgnoreRule[]
  /** Where to write the SARIF log; null: none. */
  sarif: string | null
}

export interface GivenOptions {
  /** An option's text as given (undefined: not given). */
  text(id: OptionId): string | undefined
  /** A list option's entries (the action's lines, the CLI's repeated values). */
  entries(id: OptionId): readonly string[]
}

/** Where the ignore rules of each edge come from, in the report. */
const IGNORE_ORIGIN = { action: 'ignore input', cli: '--ignore' } as const

export function readSharedOptions(
  edge: Edge,
  given: GivenOptions,
  options: { baseDir: string }
): SharedOptions {
  const read = <K extends OptionId>(id: K) => readOption(id, given.text(id), edge)
  const failOnAffected = read('failOnAffected')
  const cratesIndex = read('cratesIndex')
  const failOnYanked = read('failOnYanked')
  if (failOnYanked && !cratesIndex) {
    throw new ConfigurationError(
      `${edge.on('failOnYanked')} needs the crates.io index; it cannot be checked with ${edge.off('cratesIndex')}`
    )
  }
  const minPublishAge = read('minPublishAge')
  const failOnTooNew = read('failOnTooNew')
  if ((failOnTooNew || (minPublishAge?.seconds ?? 0) > 0) && !cratesIndex) {
    throw new ConfigurationError(
      `${edge.shown('minPublishAge')} and ${edge.shown('failOnTooNew')} need the crates.io index (publish times); they cannot be checked with ${edge.off('cratesIndex')}`
    )
  }
  const ignore = given
    .entries('ignore')
    .flatMap((entry) => ignoreEntry(entry, edge.shown('ignore'), IGNORE_ORIGIN[edge.kind]))
  const indexUrl = read('cratesIndexUrl')
  return {
    source: parseSourceSpec(read('advisorySource') ?? undefined, {
      osvApiUrl: read('osvApiUrl') ?? undefined,
      rustsecUrl: read('rustsecUrl') ?? undefined,
      baseDir: options.baseDir,
      name: edge.shown('advisorySource')
    }),
    cratesIndexUrl: cratesIndex
      ? parseHttpUrl(
          normaliseIndexUrl(indexUrl ?? '') || DEFAULT_CRATES_INDEX_URL,
          edge.shown('cratesIndexUrl')
        )
      : null,
    failOnAffected,
    failOnYanked,
    minPublishAge,
    failOnTooNew,
    ignore,
    sarif: read('sarif')
  }
}
