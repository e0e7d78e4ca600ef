// `[resolver] incompatible-rust-versions` from Cargo's config files: "fallback" makes the pick
// MSRV-aware whatever the resolver version, "allow" turns it off under resolver 3 (cargo
// core/workspace.rs: the config wins, else resolver 3 decides). Pure; the files are read by the
// caller, nearest directory first, the nearest file that sets the key winning.
import { readConfigToml } from './toml.js'
import * as z from 'zod'

export type IncompatibleRustVersions = 'allow' | 'fallback'

const ConfigSchema = z.looseObject({
  resolver: z
    .looseObject({ 'incompatible-rust-versions': z.enum(['allow', 'fallback']).optional() })
    .optional()
})

/** The key as one config file sets it (null: not set), or why Cargo would refuse the file. */
export function readIncompatibleRustVersions(
  text: string
): { value: IncompatibleRustVersions | null } | { error: string } {
  const read = readConfigToml(text)
  if ('error' in read) return { error: `not valid TOML${read.error.where}: ${read.error.message}` }
  const parsed = ConfigSchema.safeParse(read.document)
  if (!parsed.success) {
    return { error: 'resolver.incompatible-rust-versions is not "allow" or "fallback"' }
  }
  return { value: parsed.data.resolver?.['incompatible-rust-versions'] ?? null }
}

/** Whether Cargo's pick honours rust-version: the nearest setting, else resolver 3. */
export function honoursRustVersion(
  setting: IncompatibleRustVersions | null,
  resolver3: boolean
): boolean {
  if (setting === 'fallback') return true
  if (setting === 'allow') return false
  return resolver3
}
