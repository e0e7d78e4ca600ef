// The JSON report: the Report model itself, serialised deterministically.
import type { Report } from '../core/model.js'

/** Objects get their keys sorted so the bytes never depend on how the report was built. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]))
  }
  return value
}

/** Deterministic JSON: sorted keys, 2-space indent, trailing newline. */
export function renderJson(report: Report): string {
  return JSON.stringify(canonical(report), null, 2) + '\n'
}
