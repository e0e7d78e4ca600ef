// GitHub renders a comment's single line breaks as hard breaks, so an advisory's details written
// hard-wrapped at 72 columns would show as a ragged half-column. Paragraph lines are joined with a
// space; code (fenced or indented), lists' own markers, tables, headings, quotes, HTML blocks and
// link definitions keep their lines.

const FENCE = /^ {0,3}(`{3,}|~{3,})/
/** Lines that start a block of their own, so they never join the line before. */
const BLOCK_START =
  /^ {0,3}(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|\||<|\[[^\]]+\]:|(?:[-*_]\s*){3,}$|=+\s*$|-+\s*$)/
/** Lines after which nothing joins: headings, table rows, HTML, link definitions, explicit breaks. */
const NO_CONTINUATION = /^ {0,3}(?:#{1,6}(?:\s|$)|\||<|\[[^\]]+\]:)|\|\s*$|(?: {2}|\\)$/

export function reflowParagraphs(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  const out: string[] = []
  let fence: string | null = null
  let indentedCode = false
  let joinable = false
  for (const line of lines) {
    if (fence !== null) {
      out.push(line)
      if (line.trim().startsWith(fence)) fence = null
      continue
    }
    const blank = line.trim() === ''
    const indented = /^(?: {4}|\t)/.test(line)
    if (indentedCode && (blank || indented)) {
      out.push(line)
      continue
    }
    indentedCode = false
    const open = FENCE.exec(line)
    if (open !== null) {
      fence = open[1]?.slice(0, 3) ?? '```'
      out.push(line)
      joinable = false
      continue
    }
    if (blank) {
      out.push(line)
      joinable = false
      continue
    }
    // Indented code starts only where a paragraph could not continue (after a blank line).
    if (!joinable && indented && (out.at(-1) ?? '').trim() === '') {
      indentedCode = true
      out.push(line)
      continue
    }
    if (joinable && !BLOCK_START.test(line) && out.length > 0) {
      out[out.length - 1] = `${out.at(-1) ?? ''} ${line.trimStart()}`
    } else {
      out.push(line)
    }
    joinable = !NO_CONTINUATION.test(out.at(-1) ?? '')
  }
  return out.join('\n')
}
