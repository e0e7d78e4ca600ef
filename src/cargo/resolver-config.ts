// `[resolver] incompatible-rust-versions` from Cargo's config files: "fallback" makes the pick
// MSRV-aware whatever the resolver version, "allow" turns it off under resolver 3 (cargo
// core/workspace.rs: the config wins, else resolver 3 decides). Pure; the files are read by the
// caller, nearest directory first, the nearest file that sets the key winning.
import { parse, TomlError } from 'smol-toml'
import * as z from 'zod'
import { getErrorMessage } from '../core/errors.js'

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
  let document: unknown
  try {
    document = parse(text, { unsafeKeyBehaviour: 'drop', maxDepth: 64 })
  } catch (error) {
    const where =
      error instanceof TomlError
        ? ` (line ${String(error.line)}, column ${String(error.column)})`
        : ''
    return { error: `not valid TOML${where}: ${getErrorMessage(error).split('\n', 1)[0] ?? ''}` }
  }
  const parsed = ConfigSchema.safeParse(document)
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
