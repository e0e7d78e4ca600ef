// Render Markdown the way GitHub does (GFM, raw HTML allowed) and inspect the HTML it gives.
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

export function toHtml(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
}

export interface Anchor {
  href: string
  text: string
}

export function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Every `<a href>` with its text content (tags stripped, entities decoded). */
export function anchors(html: string): Anchor[] {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: decodeEntities(m[1] ?? ''),
    text: decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, ''))
  }))
}

/** Names of all elements in the HTML (`a`, `img`, `details`, …), closing tags excluded. */
export function elementNames(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => (m[1] ?? '').toLowerCase())
}

/**
 * Text GitHub would scan for mentions and issue references: everything outside `a`, `code` and
 * `pre`, with tags removed and entities decoded (zero-width spaces stay, as they do on GitHub).
 */
export function pingableText(html: string): string {
  const outside = html
    .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code[\s\S]*?<\/code>/g, ' ')
    .replace(/<a [\s\S]*?<\/a>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
  return decodeEntities(outside)
}

/** `@user`, `@org/team` as GitHub's mention filter would find them. */
export function mentions(html: string): string[] {
  return [...pingableText(html).matchAll(/(?<![\w`])@[a-z0-9][a-z0-9-]*/gi)].map((m) => m[0])
}

/** `#123`, `GH-123`, `owner/repo#123` as GitHub's reference filter would find them. */
export function issueReferences(html: string): string[] {
  return [...pingableText(html).matchAll(/(?:[\w.-]+\/[\w.-]+)?#\d+|\bGH-\d+/gi)].map((m) => m[0])
}

/** The comment's own tables (outside advisory details): for each, the text of every row's cells. */
export function ownTables(html: string): string[][][] {
  const outside = html.replace(/<details><summary>Details<\/summary>[\s\S]*?<\/details>/g, '')
  return [...outside.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((table) =>
    [...(table[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
        decodeEntities((cell[1] ?? '').replace(/<[^>]*>/g, ''))
      )
    )
  )
}

/** The header of the comment's verdict table. */
export const VERDICT_TABLE_HEADER = ['Crate', 'Change', 'Advisories', 'Fix']
