// Escaping for untrusted text in GitHub-flavoured Markdown. Everything from a lockfile, a manifest or
// an advisory record goes through here before it reaches the comment.
//
// Strategy: HTML-entity escape `<>&`, backslash-escape the Markdown punctuation that can build
// structure (links, images, emphasis, code, tables, math), and break the patterns GitHub turns into
// pings or links after rendering (`@user`, `#123`, `GH-123`, bare URLs) with a zero-width space.
// GitHub's mention and reference filters run on the rendered text, so Markdown escapes alone do not
// stop them; the zero-width space does (the same approach Renovate and Dependabot use).

const ZWSP = '\u200B'
const ZWSP_ENTITY = '&#8203;'

/** C0/C1 controls and invisible format characters (bidi overrides, zero-width chars) in untrusted text. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu
/** The same, but keeping line feeds and tabs, for Markdown that is meant to have lines. */
const INVISIBLE_KEEP_LINES = /(?![\n\t])[\p{Cc}\p{Cf}\u2028\u2029]/gu

const HAS_INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u

/** Replace control and invisible format characters with U+FFFD so they are visible and inert. */
export function cleanLine(value: string): string {
  // The guards here and below skip the replacements for the common text that needs none: the
  // comment escapes every value several times while it is fitted to GitHub's size limit.
  return HAS_INVISIBLE.test(value) ? value.replace(INVISIBLE, '\uFFFD') : value
}

function cleanLines(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(INVISIBLE_KEEP_LINES, '\uFFFD')
}

/** Tabs to spaces (stops of 4), so indentation means the same once the line is quoted. */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line
  let out = ''
  for (const char of line) out += char === '\t' ? ' '.repeat(4 - (out.length % 4)) : char
  return out
}

/** Insert zero-width spaces where GitHub would otherwise mention someone or reference an issue. */
function breakPings(value: string): string {
  let out = value
  if (out.includes('@')) out = out.replace(/@(?=[\p{L}\p{N}_-])/gu, '@' + ZWSP)
  if (out.includes('#')) out = out.replace(/#(?=\p{N})/gu, '#' + ZWSP)
  if (out.includes('H-') || out.includes('h-')) out = out.replace(/(GH-)(?=\p{N})/giu, '$1' + ZWSP)
  return out
}

/** Break bare URLs and e-mail addresses so untrusted text (a git source, a path) never becomes a link. */
function breakAutolinks(value: string): string {
  let out = value
  if (out.includes('@')) out = out.replace(/@(?!\u200B)/g, '@' + ZWSP)
  if (out.includes('://')) out = out.replace(/:\/\//g, ':' + ZWSP + '//')
  if (out.includes('.')) out = out.replace(/(www)\./giu, '$1' + ZWSP + '.')
  return out
}

/** What escapeInline rewrites: HTML's `<>&`, the zero-width space as an entity, Markdown punctuation. */
const INLINE_SPECIAL = /[<>&\u200B\\`*_[\]#|~$!]/g
const INLINE_REPLACEMENT: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  [ZWSP]: ZWSP_ENTITY
}

/**
 * Escape untrusted plain text for use inside a Markdown paragraph, heading or list item.
 * The result renders as the same characters (plus invisible zero-width spaces), never as structure.
 */
export function text(value: string): string {
  // A leading `- `, `+ `, `1. ` or a run of `=`/`-` would start a list or an underline when the text
  // opens a line.
  return escapeInline(value)
    .replace(/^([-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([=-])(?=[=-]*\s*$)/, '\\$1')
}

function escapeInline(value: string): string {
  const broken = breakAutolinks(breakPings(cleanLine(value)))
  return broken.replace(INLINE_SPECIAL, (char) => INLINE_REPLACEMENT[char] ?? '\\' + char)
}

/**
 * Untrusted text as a code span. The fence is longer than any backtick run inside, so the content
 * cannot close it; GitHub does not mention or link inside code. Empty text becomes an empty string.
 */
export function code(value: string): string {
  const content = cleanLine(value)
  if (content === '') return ''
  let longest = 0
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(longest + 1)
  // Pad when the content touches a backtick or would lose its edge spaces to the span's stripping.
  const edgeSpaces = content.startsWith(' ') && content.endsWith(' ') && content.trim() !== ''
  const pad = content.startsWith('`') || content.endsWith('`') || edgeSpaces ? ' ' : ''
  return fence + pad + content + pad + fence
}

/**
 * A link destination we build ourselves from checked parts. Percent-encodes anything that could end
 * the destination or start HTML; callers pass only URLs that already match an expected shape.
 */
export function linkDestination(url: string): string {
  return url.replace(/[\s<>()\\`"'\p{Cc}\p{Cf}]/gu, (c) => encodeURIComponent(c))
}

/** `[text](url)` with escaped text and a safe destination. */
export function link(label: string, url: string): string {
  return `[${text(label)}](${linkDestination(url)})`
}

interface Fence {
  char: '`' | '~'
  length: number
  /** Opened inside a block quote: a line without `>` ends the quote and the fence with it. */
  quoted: boolean
  /** Opened inside a list item: a line indented less than its content ends the item and the fence. */
  itemIndent: number
  /** Prefix that keeps a continuation line in the same containers (list markers blanked). */
  continuation: string
  lines: string[]
}

/** An ATX heading, also inside block quotes and list items (their markers are kept as written). */
const ATX_HEADING = /^((?: {0,3}(?:> ?|(?:[-+*]|\d{1,9}[.)]) +))*) {0,3}(#{1,6})(?= |$)(.*)$/

const FENCE_OPEN = /^((?: {0,3}(?:> ?|(?:[-+*]|\d{1,9}[.)]) +))*) {0,3}(`{3,}|~{3,})(.*)$/

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * A fenced code block re-emitted as our own `<pre><code>` with escaped content: it looks the same,
 * and whatever the fence detection got wrong, the content can only ever be text.
 */
function preBlock(fence: Fence): string[] {
  const lines = fence.lines.length === 0 ? [''] : fence.lines
  const last = lines.length - 1
  return lines.map((line, i) => {
    const open = i === 0 ? '<pre><code>' : ''
    const close = i === last ? '</code></pre>' : ''
    return `${fence.continuation}${open}${escapeHtml(line)}${close}`
  })
}

/** Remove the container prefix (quote markers, item indentation) a code line carries. */
function stripContainer(line: string, width: number): string {
  let i = 0
  while (i < width && i < line.length && (line.charAt(i) === ' ' || line.charAt(i) === '>')) i += 1
  return line.slice(i)
}

/**
 * Advisory `details` are CommonMark meant to be rendered. Keep the formatting, but neutralise raw
 * HTML (escape `<`), images (become links), pings and issue references, and demote headings below
 * ours. Code is re-emitted as our own HTML with escaped content. The result is one block quote:
 * every line starts with `>`, so nothing inside can continue past it. Where the structure detection
 * here is wrong, only the looks suffer: every character from the input is escaped one way or another.
 */
export function sanitizeMarkdown(value: string, headingOffset: number): string {
  const lines = cleanLines(value).split('\n').map(expandTabs)
  const out: string[] = []
  let fence: Fence | null = null
  for (const line of lines) {
    if (fence !== null) {
      const leftQuote = fence.quoted && !/^ *>/.test(line)
      const leftItem =
        line.trim() !== '' && line.length - line.trimStart().length < fence.itemIndent
      if (leftQuote || leftItem) {
        out.push(...preBlock(fence))
        fence = null
      } else {
        const run = /^[ >]*(`{3,}|~{3,}) *$/.exec(line)?.[1]
        if (run?.startsWith(fence.char) === true && run.length >= fence.length) {
          out.push(...preBlock(fence))
          fence = null
        } else {
          fence.lines.push(stripContainer(line, fence.continuation.length))
        }
        continue
      }
    }
    const open = FENCE_OPEN.exec(line)
    const marker = open?.[2]
    const info = open?.[3] ?? ''
    if (open !== null && marker !== undefined && !(marker.startsWith('`') && info.includes('`'))) {
      const prefix = open[1] ?? ''
      fence = {
        char: marker.startsWith('`') ? '`' : '~',
        length: marker.length,
        quoted: prefix.includes('>'),
        itemIndent: /[-+*\d]/.test(prefix) ? prefix.length : 0,
        continuation: prefix.replace(/[-+*]|\d{1,9}[.)]/g, (m) => ' '.repeat(m.length)),
        lines: []
      }
      continue
    }
    // Any indentation: inside a list item an underline indented 4 or more under the item's text
    // (`1. <` then `    -`) still makes a heading, so only ≤ 3 spaces may become ours.
    const setext = /^((?: {0,3}> ?)*)( *)(=+|-+) *$/.exec(line)
    const previous = out.at(-1)
    if (setext !== null && previous !== undefined && previous.trim() !== '') {
      const quote = setext[1] ?? ''
      const underline = setext[3] ?? ''
      const previousQuote = /^(?: {0,3}> ?)*/.exec(previous)?.[0] ?? ''
      const inner = previous.slice(previousQuote.length)
      const depth = (prefix: string): number => prefix.split('>').length
      const indent = (setext[2] ?? '').length
      if (indent <= 3 && depth(previousQuote) === depth(quote) && isPlainParagraphLine(inner)) {
        const level = Math.min(6, (underline.startsWith('=') ? 1 : 2) + headingOffset)
        out[out.length - 1] = quote + '#'.repeat(level) + ' ' + inner.trim()
      } else {
        // Under something that is not plainly a paragraph: `===` stays text and `---` becomes
        // `***`, which can only be a thematic break, rather than risk an undemoted heading.
        const replaced = underline.startsWith('=') ? '\\' + underline : underline.replace(/-/g, '*')
        out.push(quote + (setext[2] ?? '') + replaced)
      }
      continue
    }
    const heading = ATX_HEADING.exec(line)
    if (heading !== null) {
      const level = Math.min(6, (heading[2] ?? '').length + headingOffset)
      out.push((heading[1] ?? '') + '#'.repeat(level) + sanitizeInline(heading[3] ?? ''))
      continue
    }
    out.push(sanitizeInline(line))
  }
  if (fence !== null) out.push(...preBlock(fence))
  while (out.length > 0 && out[0]?.trim() === '') out.shift()
  while (out.length > 0 && out.at(-1)?.trim() === '') out.pop()
  return out.map((line) => (line === '' ? '>' : '> ' + line)).join('\n')
}

/** A line that can only be paragraph text, so an underline below it makes a setext heading. */
function isPlainParagraphLine(line: string): boolean {
  if (line.trim() === '') return false
  return !/^(?: {4}| {0,3}(?:#{1,6}(?: |$)|>|[-+*](?: |$)|\d{1,9}[.)](?: |$)|`{3,}|~{3,}|<pre>))/.test(
    line
  )
}

/** Code span content, CommonMark-normalised, as the content of our own `<code>` element. */
function codeElement(content: string): string {
  const stripped =
    content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== ''
      ? content.slice(1, -1)
      : content
  return `<code>${escapeInline(stripped)}</code>`
}

/**
 * One line of Markdown outside code blocks: escape `<`, defuse image openers and pings. Code spans
 * become our own `<code>` elements with escaped content (a bare URL before a code span could
 * otherwise swallow its backticks and expose its content as HTML). Link destinations are kept so
 * links still work; GitHub does not ping inside links.
 */
function sanitizeInline(line: string): string {
  let out = ''
  let plain = ''
  const emit = (markup: string): void => {
    out += breakPings(plain).replaceAll(ZWSP, ZWSP_ENTITY) + markup
    plain = ''
  }
  let i = 0
  while (i < line.length) {
    const char = line.charAt(i)
    if (char === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line.charAt(i + 1))) {
      // An existing escape becomes an entity: same text, and no autolink can swallow the backslash.
      // After an escaped `#`, `@` or `-` a zero-width space keeps `\#1`, `\@me`, `GH\-1` from pinging.
      const escaped = line.charAt(i + 1)
      emit(`&#${escaped.charCodeAt(0)};${'#@-'.includes(escaped) ? ZWSP_ENTITY : ''}`)
      i += 2
      continue
    }
    if (char === '`') {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? '`'
      const end = findClosingRun(line, i + run.length, run.length)
      if (end >= 0) {
        emit(codeElement(line.slice(i + run.length, end)))
        i = end + run.length
      } else {
        emit('&#96;'.repeat(run.length))
        i += run.length
      }
      continue
    }
    if (char === ']' && line.charAt(i + 1) === '(') {
      const end = findDestinationEnd(line, i + 2)
      if (end >= 0) {
        // Kept as written so real links work; if it is not a link after all, it still must not
        // ping or become an image.
        const destination = line
          .slice(i + 2, end)
          .replace(/</g, '%3C')
          .replace(/>/g, '%3E')
          .replace(/!\[/g, '%21[')
          .replace(/@(?=[\p{L}\p{N}_-])/gu, '@' + ZWSP_ENTITY)
          .replace(/#(?=\p{N})/gu, '#' + ZWSP_ENTITY)
        emit('](' + destination)
        i = end
        continue
      }
    }
    const autolink = char === '<' ? /^<(https?:\/\/[^\s<>`]+)>/i.exec(line.slice(i)) : null
    if (autolink?.[1] !== undefined) {
      // `<https://…>` autolink: drop the brackets, GFM links the bare URL the same way.
      plain += autolink[1]
      i += autolink[0].length
      continue
    }
    if (char === '<') emit('&lt;')
    else if (char === '!' && line.charAt(i + 1) === '[') emit('&#33;')
    else plain += char
    i += 1
  }
  emit('')
  return out
}

function findClosingRun(line: string, from: number, length: number): number {
  let i = from
  while (i < line.length) {
    const next = line.indexOf('`', i)
    if (next < 0) return -1
    const run = /^`+/.exec(line.slice(next))?.[0].length ?? 1
    if (run === length) return next
    i = next + run
  }
  return -1
}

/** Index of the `)` that ends a link destination starting at `from`, or -1 (balanced parentheses). */
function findDestinationEnd(line: string, from: number): number {
  let depth = 0
  for (let i = from; i < line.length; i += 1) {
    const char = line.charAt(i)
    if (char === '\\') i += 1
    else if (char === '(') depth += 1
    else if (char === ')') {
      if (depth === 0) return i
      depth -= 1
    }
  }
  return -1
}
