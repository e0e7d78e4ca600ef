// Size limits of the two places a rendering goes, and how to measure against them.

/** GitHub rejects a comment body longer than this many characters (counted as code points here). */
export const MAX_COMMENT_CHARS = 65_536
/** What a comment aims at: past it, the lists that decide nothing give way to a pointer to the
 * full report, so a large pull request still reads as its decision (issue: ≤ 20,000 characters for
 * 300 changes with 20 affected crates). */
export const COMMENT_TARGET_CHARS = 20_000
/** A step's job summary past 1 MiB fails to upload; the margin leaves room for what the runner adds. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 4096

/** Longest untrusted single value (a name, version, path) shown; longer ones are clipped with `…`. */
export const MAX_VALUE_CHARS = 200
/** Longest advisory `details` text shown, cut at a line boundary before it is sanitised. */
export const MAX_DETAILS_CHARS = 20_000

export type Measure = (value: string) => number

/** Code points, so an astral character counts once and is never split. */
export function codePoints(value: string): number {
  let count = value.length
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1
        i += 1
      }
    }
  }
  return count
}

export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8')
}

/** Clip an untrusted plain value (before escaping) to `max` code points, marking the cut with `…`. */
export function clip(value: string, max = MAX_VALUE_CHARS): string {
  if (value.length <= max) return value
  const points = Array.from(value)
  if (points.length <= max) return value
  return points.slice(0, max - 1).join('') + '…'
}

/** Clip Markdown source at a line boundary (never inside a line), before it is sanitised. */
export function clipLines(
  value: string,
  max = MAX_DETAILS_CHARS
): { text: string; clipped: boolean } {
  if (codePoints(value) <= max) return { text: value, clipped: false }
  const lines = value.split('\n')
  const kept: string[] = []
  let size = 0
  for (const line of lines) {
    const length = codePoints(line) + 1
    if (size + length > max) break
    kept.push(line)
    size += length
  }
  return { text: kept.join('\n'), clipped: true }
}
