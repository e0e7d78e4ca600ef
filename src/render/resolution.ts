// What Cargo resolves a requirement to, in one sentence for the comment: the version it picks
// without a lockfile or past a stale one, and the base side's pick when it differs.
import type { ManifestChange, Resolution } from '../core/model.js'
import { code, text } from './escape.js'
import { clip } from './limits.js'

function picked(resolution: Resolution | null | undefined): string | null {
  if (resolution === null || resolution === undefined) return null
  if (resolution.kind === 'fresh-resolution' || resolution.kind === 'stale-lockfile')
    return resolution.version
  if (resolution.kind === 'lockfile') return resolution.version
  return null
}

/** Null when the head requirement is not judged by a pick (a lockfile pin, or an unknown pick). */
export function resolutionSentence(change: ManifestChange): string | null {
  const head = change.resolution ?? null
  const version = picked(head)
  if (head === null || version === null || head.kind === 'lockfile' || head.kind === 'unknown')
    return null
  let sentence =
    head.kind === 'stale-lockfile'
      ? `${code(clip(head.lockfile, 300))} pins ${head.locked.length === 0 ? 'nothing' : head.locked.map((v) => text(clip(v))).join(', ')} for it, which this requirement does not admit (\`cargo build --locked\` fails): Cargo picks ${code(clip(version))} instead, and it is judged by that version.`
      : `Without a lockfile, Cargo resolves this requirement to ${code(clip(version))}, the highest published, non-yanked version it admits${head.msrv === null ? '' : ` for Rust ${text(clip(head.msrv))}`}; it is judged by that version.`
  const before = picked(change.previous_resolution)
  if (before !== null && before !== version) sentence += ` Before: ${code(clip(before))}.`
  return sentence
}
