// Ignore lists: the `ignore` input / `--ignore` option, and the `[advisories] ignore` tables of
// deny.toml and .cargo/audit.toml. Config files are read from the BASE revision so that a pull
// request cannot silence advisories about its own changes.
import { readConfigToml } from '../cargo/toml.js'
import * as z from 'zod'
import type { IgnoreRule, Logger } from '../core/model.js'
import type { FileTree } from '../trees/tree.js'

/** Advisory ids and aliases: RUSTSEC-…, GHSA-…, CVE-…, OSV-…, and other OSV prefixes. */
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*$/
const MAX_CONFIG_BYTES = 1024 * 1024

export class IgnoreSyntaxError extends Error {
  override name = 'IgnoreSyntaxError'
}

/**
 * Parses `ID`, `ID # reason` or `ID #reason` lines; blank lines and lines starting with `#` are
 * skipped. Throws IgnoreSyntaxError naming the line for anything that is not an advisory id.
 */
export function parseIgnoreLines(lines: readonly string[], origin: string): IgnoreRule[] {
  const rules: IgnoreRule[] = []
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const hash = line.indexOf('#')
    const id = (hash === -1 ? line : line.slice(0, hash)).trim()
    const reason = hash === -1 ? null : line.slice(hash + 1).trim() || null
    if (!ID_PATTERN.test(id)) {
      throw new IgnoreSyntaxError(
        `${origin}, line ${String(index + 1)}: "${id.slice(0, 80)}" is not an advisory id (expected e.g. RUSTSEC-2023-0001, GHSA-xxxx-xxxx-xxxx or CVE-2023-1234, optionally followed by "# reason")`
      )
    }
    rules.push({ id, reason, origin })
  })
  return rules
}

const idEntry = z.looseObject({ id: z.string(), reason: z.string().optional() })
// cargo-deny also accepts crate-level entries ({ crate = "…" }); they are not advisory ids.
const crateEntry = z.looseObject({ crate: z.string() })
const advisoriesTable = z.looseObject({
  advisories: z.looseObject({ ignore: z.array(z.unknown()).optional() }).optional()
})

/**
 * Reads `[advisories] ignore` from deny.toml or .cargo/audit.toml text. A malformed file or entry
 * is a warning (the file is the user's, not ours to reject), never an exception.
 */
export function parseIgnoreConfig(text: string, origin: string, logger: Logger): IgnoreRule[] {
  const read = readConfigToml(text)
  if ('error' in read) {
    logger.warning(
      `${origin}: not valid TOML${read.error.where}; its advisory ignore list was not read: ${read.error.message}`
    )
    return []
  }
  const table = advisoriesTable.safeParse(read.document)
  if (!table.success) {
    logger.warning(`${origin}: [advisories] is not a table; its ignore list was not read`)
    return []
  }
  const entries = table.data.advisories?.ignore ?? []
  const rules: IgnoreRule[] = []
  entries.forEach((entry, index) => {
    const where = `${origin}: [advisories] ignore[${String(index)}]`
    let id: string
    let reason: string | null = null
    const table = idEntry.safeParse(entry)
    if (typeof entry === 'string') {
      id = entry.trim()
    } else if (table.success) {
      id = table.data.id.trim()
      reason = table.data.reason?.trim() || null
    } else if (crateEntry.safeParse(entry).success) {
      logger.debug(`${where} ignores a crate, not an advisory; skipped`)
      return
    } else {
      logger.warning(`${where} is neither an advisory id nor an { id, reason } table; skipped`)
      return
    }
    if (!ID_PATTERN.test(id)) {
      logger.warning(`${where}: "${id.slice(0, 80)}" is not an advisory id; skipped`)
      return
    }
    rules.push({ id, reason, origin })
  })
  return rules
}

/** Where cargo-deny and cargo-audit look for their configuration, relative to the repository root. */
export const IGNORE_CONFIG_PATHS = [
  'deny.toml',
  '.deny.toml',
  '.cargo/deny.toml',
  '.cargo/audit.toml'
]

/** Reads the ignore lists of every config file present in `tree` (the base revision). */
export async function readIgnoreConfigs(tree: FileTree, logger: Logger): Promise<IgnoreRule[]> {
  const reads = await Promise.all(
    IGNORE_CONFIG_PATHS.map(async (path) => ({ path, file: await tree.read(path) }))
  )
  const rules: IgnoreRule[] = []
  for (const { path, file } of reads) {
    if (file.kind === 'missing') continue
    if (file.kind === 'error') {
      logger.warning(
        `${path} at ${tree.label} could not be read; its ignore list is not applied: ${file.message}`
      )
      continue
    }
    if (file.text.length > MAX_CONFIG_BYTES) {
      logger.warning(
        `${path} at ${tree.label} is larger than 1 MiB; its ignore list is not applied`
      )
      continue
    }
    rules.push(...parseIgnoreConfig(file.text, path, logger))
  }
  return rules
}

/** Keeps the first rule per id (case-insensitive), so an input's reason wins over a config file's. */
export function mergeIgnoreRules(...lists: readonly (readonly IgnoreRule[])[]): IgnoreRule[] {
  const seen = new Set<string>()
  const merged: IgnoreRule[] = []
  for (const rule of lists.flat()) {
    const key = rule.id.toUpperCase()
    if (seen.has(key)) continue
    seen.add(key)
    merged.push(rule)
  }
  return merged
}
