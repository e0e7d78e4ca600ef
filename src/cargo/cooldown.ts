// Cargo's cooldown (`min-publish-age`) as a repository configures it: the value grammar, the keys
// of `.cargo/config.toml`, and the config hierarchy that decides which file wins. Pure: the files
// are read elsewhere (trees/cargo-config.ts), from the base revision only.
import { readConfigToml } from './toml.js'
import * as z from 'zod'
import { ConfigurationError } from '../core/errors.js'

/** Cargo's month: the average Gregorian month, 30.436875 days (`maybe_parse_time_span`). */
export const MONTH_SECONDS = 2_629_746

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  second: 1,
  seconds: 1,
  minute: 60,
  minutes: 60,
  hour: 3600,
  hours: 3600,
  day: 86_400,
  days: 86_400,
  week: 7 * 86_400,
  weeks: 7 * 86_400,
  month: MONTH_SECONDS,
  months: MONTH_SECONDS
}

export type AgeParse = { ok: true; seconds: number } | { ok: false; reason: string }

/**
 * Cargo's time span: ASCII digits, at most one space, a unit (singular or plural), nothing else
 * (`"14 days"`, `"1second"`); and `"0"`, which `min-publish-age` accepts to turn the check off.
 * No sign, no fraction, no surrounding space, no second space: Cargo refuses those too.
 */
export function parsePublishAge(value: string): AgeParse {
  if (value === '0') return { ok: true, seconds: 0 }
  const match = /^(\d+) ?([a-z]+)$/.exec(value)
  const factor = match === null ? undefined : UNIT_SECONDS[match[2] ?? '']
  if (match === null || factor === undefined) {
    return {
      ok: false,
      reason: `${JSON.stringify(value.slice(0, 60))} is not of the form "N seconds/minutes/hours/days/weeks/months" or "0"`
    }
  }
  const seconds = Number(match[1]) * factor
  if (!Number.isSafeInteger(seconds)) {
    return { ok: false, reason: `${JSON.stringify(value.slice(0, 60))} is too large` }
  }
  return { ok: true, seconds }
}

/** A cooldown given as an input or option. */
export interface PublishAgeSetting {
  seconds: number
  /** As written, e.g. `7 days`. */
  value: string
  /** Where it came from, for the report: `min-publish-age "7 days"`. */
  origin: string
}

/** The `min-publish-age` input / option; empty means "the repository's own cooldown" (null). */
export function publishAgeSetting(value: string, name: string): PublishAgeSetting | null {
  const text = value.trim()
  if (text === '') return null
  const age = parsePublishAge(text)
  if (!age.ok) throw new ConfigurationError(`${name}: ${age.reason}`)
  return { seconds: age.seconds, value: text, origin: `${name} ${JSON.stringify(text)}` }
}

/** `14 days`, `1 day`, `36 hours`, `90 seconds`: the largest whole unit, for messages. */
export function formatAge(seconds: number): string {
  const units: [number, string][] = [
    [7 * 86_400, 'week'],
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute']
  ]
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size
      return `${String(n)} ${unit}${n === 1 ? '' : 's'}`
    }
  }
  if (seconds >= 2 * 86_400) return `${String(Math.floor(seconds / 86_400))} days`
  if (seconds >= 2 * 3600) return `${String(Math.floor(seconds / 3600))} hours`
  if (seconds >= 120) return `${String(Math.floor(seconds / 60))} minutes`
  return `${String(seconds)} second${seconds === 1 ? '' : 's'}`
}

/** The keys Cargo's cooldown reads for crates.io, as one config file sets them (absent: not set here). */
export interface CooldownKeys {
  /** `[registry] global-min-publish-age`. */
  global?: string
  /** `[registry] min-publish-age`: the default registry's (crates.io's) age. */
  registry?: string
  /** `[registries.crates-io] min-publish-age`: crates.io's own override. */
  cratesIo?: string
  /** `[resolver] incompatible-publish-age`: `deny` (Cargo's default) or `allow` (off). */
  incompatible?: 'deny' | 'allow'
}

const ConfigSchema = z.looseObject({
  registry: z
    .looseObject({
      'global-min-publish-age': z.string().optional(),
      'min-publish-age': z.string().optional()
    })
    .optional(),
  registries: z
    .looseObject({
      'crates-io': z.looseObject({ 'min-publish-age': z.string().optional() }).optional()
    })
    .optional(),
  resolver: z
    .looseObject({ 'incompatible-publish-age': z.enum(['deny', 'allow']).optional() })
    .optional()
})

export type ConfigRead = { ok: true; keys: CooldownKeys } | { ok: false; reason: string }

/**
 * The cooldown keys of one config file's text. A file Cargo would refuse (not TOML, a key of the
 * wrong type, a value outside the grammar) is an error: the policy it sets is unknown.
 */
export function readCooldownKeys(text: string): ConfigRead {
  const read = readConfigToml(text)
  if ('error' in read) {
    return { ok: false, reason: `not valid TOML${read.error.where}: ${read.error.message}` }
  }
  const parsed = ConfigSchema.safeParse(read.document)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path.map(String).join('.') ?? ''
    return { ok: false, reason: `${key === '' ? 'the document' : key} has an unexpected value` }
  }
  const keys: CooldownKeys = {}
  const global = parsed.data.registry?.['global-min-publish-age']
  const registry = parsed.data.registry?.['min-publish-age']
  const cratesIo = parsed.data.registries?.['crates-io']?.['min-publish-age']
  const incompatible = parsed.data.resolver?.['incompatible-publish-age']
  for (const [name, value] of [
    ['registry.global-min-publish-age', global],
    ['registry.min-publish-age', registry],
    ['registries.crates-io.min-publish-age', cratesIo]
  ] as const) {
    if (value === undefined) continue
    const age = parsePublishAge(value)
    if (!age.ok) return { ok: false, reason: `${name}: ${age.reason}` }
  }
  if (global !== undefined) keys.global = global
  if (registry !== undefined) keys.registry = registry
  if (cratesIo !== undefined) keys.cratesIo = cratesIo
  if (incompatible !== undefined) keys.incompatible = incompatible
  return { ok: true, keys }
}

/**
 * The config files Cargo reads for a lockfile, as repository paths, nearest directory first: per
 * directory from the lockfile's up to the root, the legacy `.cargo/config` and `.cargo/config.toml`
 * (when both exist Cargo warns and uses `.cargo/config`).
 */
export function configDirectories(lockfile: string): string[] {
  const dirs: string[] = []
  let dir = lockfile.includes('/') ? lockfile.slice(0, lockfile.lastIndexOf('/')) : ''
  for (;;) {
    dirs.push(dir === '' ? '.cargo' : `${dir}/.cargo`)
    if (dir === '') break
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : ''
  }
  return dirs
}

/** One directory's config as read: which file Cargo uses there, and its keys or why not. */
export interface DirectoryConfig {
  /** The file Cargo uses in this `.cargo` directory, or null when there is none. */
  path: string | null
  read: ConfigRead | null
}

/**
 * What governs the crates.io versions of one lockfile:
 * - `none`: no file sets a cooldown (Cargo's default is "0");
 * - `off`: `incompatible-publish-age = "allow"`, or the age is "0";
 * - `active`: the age, with the key and file it came from;
 * - `unknown`: a config file could not be read or Cargo would refuse it.
 */
export type CooldownPolicy =
  | { kind: 'none' }
  | { kind: 'off'; origin: string }
  | { kind: 'active'; seconds: number; value: string; origin: string }
  | { kind: 'unknown'; reason: string }

/**
 * Cargo's precedence over the directories (nearest first): for each key, the nearest file that
 * sets it wins. For crates.io the first key set among `[registries.crates-io] min-publish-age`,
 * `[registry] min-publish-age` and `[registry] global-min-publish-age` decides, "0" included (it
 * stops the fall-through): cargo `PublishAgePolicy::min_age` (src/cargo/core/resolver/
 * version_prefs.rs). `incompatible-publish-age = "allow"` turns the check off.
 */
export function resolveCooldown(directories: readonly DirectoryConfig[]): CooldownPolicy {
  let global: { value: string; path: string } | undefined
  let registry: { value: string; path: string } | undefined
  let cratesIo: { value: string; path: string } | undefined
  let incompatible: { value: 'deny' | 'allow'; path: string } | undefined
  for (const { path, read } of directories) {
    if (path === null || read === null) continue
    if (!read.ok) return { kind: 'unknown', reason: `${path}: ${read.reason}` }
    const { keys } = read
    if (global === undefined && keys.global !== undefined) global = { value: keys.global, path }
    if (registry === undefined && keys.registry !== undefined) {
      registry = { value: keys.registry, path }
    }
    if (cratesIo === undefined && keys.cratesIo !== undefined) {
      cratesIo = { value: keys.cratesIo, path }
    }
    if (incompatible === undefined && keys.incompatible !== undefined) {
      incompatible = { value: keys.incompatible, path }
    }
  }
  if (incompatible?.value === 'allow') {
    return {
      kind: 'off',
      origin: `${incompatible.path}: [resolver] incompatible-publish-age = "allow"`
    }
  }
  const chosen =
    cratesIo !== undefined
      ? { ...cratesIo, key: '[registries.crates-io] min-publish-age' }
      : registry !== undefined
        ? { ...registry, key: '[registry] min-publish-age' }
        : global !== undefined
          ? { ...global, key: '[registry] global-min-publish-age' }
          : undefined
  if (chosen === undefined) return { kind: 'none' }
  const origin = `${chosen.path}: ${chosen.key} = ${JSON.stringify(chosen.value)}`
  const age = parsePublishAge(chosen.value)
  if (!age.ok) return { kind: 'unknown', reason: `${origin}: ${age.reason}` }
  return age.seconds === 0
    ? { kind: 'off', origin }
    : { kind: 'active', seconds: age.seconds, value: chosen.value, origin }
}
