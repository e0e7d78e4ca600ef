// Prose wrapped to a terminal's width. Breaks only at plain spaces: a command or a code token
// made with keepTogether() never breaks, nor does a word longer than the line (a URL). Colour
// escapes take no columns. Without a width (piped output) nothing is wrapped.

import { codePoints } from './limits.js'

/** Stands for a space that must not break; wrapLines() writes it back as a space. */
const KEEP = '\u00A0'
// eslint-disable-next-line no-control-regex -- the colour escapes terminal-text.ts writes
const ESCAPES = /\u001b\[[0-9;]*m/g

/** The text with its spaces made unbreakable: a command stays on one line. */
export function keepTogether(value: string): string {
  return value.replace(/ /g, KEEP)
}

function columns(value: string): number {
  return codePoints(value.replace(ESCAPES, ''))
}

/** One line wrapped: continuation lines hang under the text after its indent or bullet. */
function wrapLine(line: string, width: number): string[] {
  if (columns(line) <= width) return [line]
  const lead = /^ *(?:[-*] |\d+\. )?/.exec(line)?.[0] ?? ''
  const hang = ' '.repeat(lead.length)
  const words = line.slice(lead.length).split(' ')
  const out: string[] = []
  let current = lead
  let empty = true
  for (const word of words) {
    const next = empty ? current + word : `${current} ${word}`
    if (!empty && columns(next) > width) {
      out.push(current)
      current = hang + word
    } else {
      current = next
    }
    empty = false
  }
  out.push(current)
  return out
}

/** Every line of the text wrapped at `width` columns (null: as it is), spaces kept restored. */
export function wrapLines(value: string, width: number | null): string {
  const lines =
    width === null || width < 20
      ? value.split('\n')
      : value.split('\n').flatMap((line) => wrapLine(line, width))
  return lines.join('\n').replaceAll(KEEP, ' ')
}
