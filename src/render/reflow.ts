// GitHub renders a comment's single line breaks as hard breaks, so an advisory's details written
// hard-wrapped at 72 columns would show as a ragged half-column. Paragraph lines are joined with a
// space; code (fenced or indented), lists' own markers, tables, headings, quotes, HTML blocks and
// link definitions keep their lines. Linear in the input: whether a paragraph may continue is read
// from its first line (headings, tables, HTML, link definitions) and its last (explicit breaks,
// a trailing pipe), never by re-testing the growing joined text.

const FENCE = /^ {0,3}(`{3,}|~{3,})/
/** Lines that start a block of their own, so they never join the line before. */
const BLOCK_START =
  /^ {0,3}(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|\||<|\[[^\]]+\]:|(?:[-*_]\s*){3,}$|=+\s*$|-+\s*$)/
/** A paragraph that opens like this takes no continuation: headings, table rows, HTML, link definitions. */
const CLOSED_START = /^ {0,3}(?:#{1,6}(?:\s|$)|\||<|\[[^\]]+\]:)/
/** A line that ends like this ends its paragraph: a table row's pipe or an explicit break. */
const CLOSED_END = /(?:\|\s*|(?: {2}|\\))$/

export function reflowParagraphs(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  const out: string[] = []
  let fence: string | null = null
  let indentedCode = false
  let joinable = false
  // The open paragraph's lines, joined with spaces when it ends.
  let paragraph: string[] = []
  let closedStart = false
  const flush = (): void => {
    if (paragraph.length > 0) out.push(paragraph.join(' '))
    paragraph = []
  }
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
      flush()
      out.push(line)
      joinable = false
      continue
    }
    if (blank) {
      flush()
      out.push(line)
      joinable = false
      continue
    }
    // Indented code starts only where a paragraph could not continue (after a blank line).
    if (!joinable && indented && paragraph.length === 0 && (out.at(-1) ?? '').trim() === '') {
      indentedCode = true
      out.push(line)
      continue
    }
    if (joinable && !BLOCK_START.test(line) && paragraph.length > 0) {
      paragraph.push(line.trimStart())
    } else {
      flush()
      paragraph.push(line)
      closedStart = CLOSED_START.test(line)
    }
    joinable = !closedStart && !CLOSED_END.test(line)
  }
  flush()
  return out.join('\n')
}
