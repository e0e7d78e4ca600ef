// The grammar of option values, one per kind, read the same way by the action (an input's text)
// and the CLI (a flag's value): the same text means the same thing, and a bad one gets the same
// message, naming the option as its edge spells it (`fail-on-yanked` / `--fail-on-yanked`).
import * as z from 'zod'
import { ConfigurationError } from '../core/errors.js'
import { publishAgeSetting, type PublishAgeSetting } from '../cargo/cooldown.js'
import { IgnoreSyntaxError, parseIgnoreLines } from '../evaluate/ignore.js'
import type { GateMode } from '../review/gate.js'

/**
 * One kind of value. `text` is what was given; undefined (and, but for file names, blank) means
 * "not given": the default. A bad value throws a ConfigurationError naming `shown`.
 */
export interface Grammar<T> {
  /** The values it takes, for help and messages: `true or false`. */
  readonly expects: string
  parse(text: string | undefined, shown: string): T
}

const quoted = (text: string, max = 40): string => `"${text.slice(0, max)}"`
const given = (text: string | undefined): string => text?.trim() ?? ''

// YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them.
const yamlBoolean = z
  .enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
  .transform((value) => value.toLowerCase() === 'true')

/** true / false (YAML's spellings); a CLI switch given bare is `true`. */
export function booleanValue(fallback: boolean): Grammar<boolean> {
  return {
    expects: 'true or false',
    parse(text, shown) {
      const value = given(text)
      if (value === '') return fallback
      const parsed = yamlBoolean.safeParse(value)
      if (!parsed.success)
        throw new ConfigurationError(`${shown}: ${quoted(value)} is not true or false`)
      return parsed.data
    }
  }
}

/** The advisory gate: true (introduced), any, or false (off). */
export const gateValue: Grammar<GateMode> = {
  expects: 'true, any or false',
  parse(text, shown) {
    const value = given(text)
    if (value === '') return 'off'
    if (/^(any|Any|ANY)$/.test(value)) return 'any'
    const parsed = yamlBoolean.safeParse(value)
    if (!parsed.success) {
      throw new ConfigurationError(`${shown}: ${quoted(value)} is not true, any or false`)
    }
    return parsed.data ? 'introduced' : 'off'
  }
}

/** One of a few words, any case; null when not given and there is no default. */
export function choiceValue<const T extends string>(values: readonly T[], fallback: T): Grammar<T>
export function choiceValue<const T extends string>(values: readonly T[]): Grammar<T | null>
export function choiceValue<const T extends string>(
  values: readonly T[],
  fallback: T | null = null
): Grammar<T | null> {
  return {
    expects: values.join(', '),
    parse(text, shown) {
      const value = given(text).toLowerCase()
      if (value === '') return fallback
      const found = values.find((word) => word === value)
      if (found === undefined) {
        throw new ConfigurationError(
          `${shown}: ${quoted(given(text))} must be one of ${values.join(', ')}`
        )
      }
      return found
    }
  }
}

/** A whole number from 1 to `max`. */
export function countValue(fallback: number, max: number): Grammar<number> {
  return {
    expects: `a whole number from 1 to ${String(max)}`,
    parse(text, shown) {
      const value = given(text)
      if (value === '') return fallback
      if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
        throw new ConfigurationError(
          `${shown}: ${quoted(value)} is not a whole number from 1 to ${String(max)}`
        )
      }
      return Number(value)
    }
  }
}

/** Cargo's duration grammar (`7 days`, `36 hours`, `0`); null: not given. */
export const ageValue: Grammar<PublishAgeSetting | null> = {
  expects: 'a duration ("7 days", "36 hours", "2 weeks", "0")',
  parse: (text, shown) => publishAgeSetting(text ?? '', shown)
}

/** Free text (a URL, a path, a revision: checked where it is used); null: not given. */
export const textValue: Grammar<string | null> = {
  expects: 'text',
  parse: (text) => (given(text) === '' ? null : given(text))
}

/** A file to write; given empty, it is an error (there is no file called ""). */
export const fileValue: Grammar<string | null> = {
  expects: 'a file name',
  parse(text, shown) {
    if (text === undefined) return null
    if (text.trim() === '') throw new ConfigurationError(`${shown} needs a file name`)
    return text.trim()
  }
}

// Refs are passed to the REST API as path/query values; keep them to git's ref alphabet.
const REF = /^[A-Za-z0-9][A-Za-z0-9._/@{}^~+-]{0,254}$/

/** A branch, tag or commit SHA for GitHub's API; null: not given. */
export const refValue: Grammar<string | null> = {
  expects: 'a branch, tag or commit SHA',
  parse(text, shown) {
    const value = given(text)
    if (value === '') return null
    if (!REF.test(value)) {
      throw new ConfigurationError(
        `${shown}: ${quoted(value, 80)} is not a branch, tag or commit SHA`
      )
    }
    return value
  }
}

/** One advisory id to ignore (`ID`, `ID # reason`); a blank or `#` line is none. */
export function ignoreEntry(text: string, shown: string, origin: string) {
  try {
    return parseIgnoreLines([text], origin)
  } catch (error) {
    if (error instanceof IgnoreSyntaxError) {
      const why = error.message.replace(/^.*?, line \d+: /, '')
      throw new ConfigurationError(`${shown} ${JSON.stringify(text.trim().slice(0, 80))}: ${why}`)
    }
    throw error
  }
}
