// Escaping of untrusted text: whatever goes in renders as the same characters, never as structure,
// pings or links. Checked by rendering with a real GFM renderer.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanLine, code, sanitizeMarkdown, text } from '../../src/render/escape.js'
import {
  anchors,
  decodeEntities,
  elementNames,
  issueReferences,
  mentions,
  toHtml
} from '../helpers/gfm.js'

const NASTY = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '`',
  '``',
  '```',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '!',
  '#',
  '|',
  '~',
  '$',
  '\\',
  '@',
  '-',
  '+',
  '=',
  '.',
  ':',
  '/',
  ' ',
  '\n',
  '\t',
  '\r',
  '\u0000',
  '\u202E',
  '\u200B',
  'a',
  'Z',
  '1',
  '9',
  'www.',
  'https://x.test',
  '@user',
  '#1',
  'GH-2',
  'o/r#3',
  '<!--',
  '-->',
  '<script>',
  '<img src=x>',
  '![i](http://x/y.png)',
  '[l](http://evil)',
  '&amp;',
  '&#64;',
  '|a|b|',
  '\n---\n',
  '\n# h\n',
  '1. ',
  '- ',
  '> ',
  '<details>',
  '</details>',
  'é',
  '😀',
  'javascript:',
  '`<img src=x>`',
  'www.`',
  '<pre>',
  '</pre>',
  '\n\n',
  '    ',
  '\n==\n'
]
const nasty = fc.array(fc.constantFrom(...NASTY), { maxLength: 40 }).map((parts) => parts.join(''))

const ZWSP = /\u200B/g

describe('text()', () => {
  it('renders as inert text with the same characters', () => {
    fc.assert(
      fc.property(nasty, (value) => {
        const html = toHtml(`Name: ${text(value)}`)
        expect(elementNames(html).filter((n) => n !== 'p')).toEqual([])
        expect(mentions(html)).toEqual([])
        expect(issueReferences(html)).toEqual([])
        const shown = decodeEntities(html.replace(/<\/?p>/g, ''))
          .replace(ZWSP, '')
          .trim()
        expect(shown).toBe(`Name: ${cleanLine(value)}`.replace(ZWSP, '').trim())
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) }
    )
  })

  it('keeps a value that opens a line from becoming a list, heading or underline', () => {
    for (const value of ['- a', '+ a', '1. a', '2) a', '# a', '===', '---', '> a']) {
      const html = toHtml(`${text(value)}\n`)
      expect(html, value).toBe(`<p>${value.replace('>', '&gt;')}</p>\n`)
    }
  })

  it('breaks mentions, issue references and bare URLs with a zero-width space', () => {
    const html = toHtml(
      text('@octocat #12 GH-3 rust-lang/rust#4 https://evil.test www.evil.test a@b.test')
    )
    expect(anchors(html)).toEqual([])
    expect(mentions(html)).toEqual([])
    expect(issueReferences(html)).toEqual([])
  })

  it('shows control and bidi characters as U+FFFD', () => {
    expect(cleanLine('a\u202Eb\u0007c\nd')).toBe('a\uFFFDb\uFFFDc\uFFFDd')
  })
})

describe('code()', () => {
  it('holds any text in one code span that shows it unchanged', () => {
    fc.assert(
      fc.property(nasty, (value) => {
        const span = code(value)
        const content = cleanLine(value)
        if (content === '') {
          expect(span).toBe('')
          return
        }
        const html = toHtml(`x ${span} y`)
        expect(elementNames(html).sort()).toEqual(['code', 'p'])
        const inner = /<code>([\s\S]*)<\/code>/.exec(html)?.[1] ?? ''
        // A code span shows a lone run of spaces as is; otherwise the content exactly.
        expect(decodeEntities(inner)).toBe(content)
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) }
    )
  })
})

describe('sanitizeMarkdown()', () => {
  const ALLOWED = new Set([
    'p',
    'a',
    'em',
    'strong',
    'code',
    'pre',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'blockquote',
    'hr',
    'br',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'del',
    'input',
    'sup',
    'section',
    'details',
    'summary'
  ])

  it('cannot escape its details block, inject HTML or images, or ping anyone', () => {
    fc.assert(
      fc.property(nasty, (value) => {
        const body = sanitizeMarkdown(value, 4)
        const html = toHtml(
          `<details><summary>Details</summary>\n\n${body}\n\n</details>\n\nAFTER\n`
        )
        const names = elementNames(html)
        expect(names.filter((n) => !ALLOWED.has(n))).toEqual([])
        expect(names.filter((n) => n === 'details')).toHaveLength(1)
        expect(names.filter((n) => n === 'summary')).toHaveLength(1)
        expect(html.endsWith('</details>\n<p>AFTER</p>\n')).toBe(true)
        expect(html).not.toContain('<!--')
        expect(mentions(html)).toEqual([])
        expect(issueReferences(html)).toEqual([])
        // Headings of the details sit below the comment's own.
        expect(names.filter((n) => /^h[1-4]$/.test(n))).toEqual(
          names.filter((n) => n === 'h2' && html.includes('data-footnotes'))
        )
      }),
      {
        numRuns: Number(process.env.FC_RUNS ?? 1000),
        // Found by a random run: an underline indented 4 or more under a list item's text is
        // still that item's setext heading (`1. <` then `    -` rendered an <h2>).
        examples: [['1. <\r    - '], ['1. x\n     ==='], ['> - x\n>      --'], ['10. x\n        -']]
      }
    )
  })

  it('keeps formatting, links and code, and demotes headings', () => {
    const source = [
      '## Impact',
      '',
      'See [the fix](https://github.com/o/r/pull/1) and `unsafe { <T> }`.',
      '',
      '```rust',
      'let x = "<b>@user #1</b>";',
      '```',
      '',
      'Overview',
      '========',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |'
    ].join('\n')
    const html = toHtml(sanitizeMarkdown(source, 4))
    expect(html).toContain('<h6>Impact</h6>')
    expect(html).toContain('<h5>Overview</h5>')
    expect(anchors(html)).toEqual([{ href: 'https://github.com/o/r/pull/1', text: 'the fix' }])
    expect(html).toContain('<code>unsafe { &lt;T&gt; }</code>')
    expect(html).toContain('<pre><code>let x = "&lt;b&gt;@user #1&lt;/b&gt;";</code></pre>')
    expect(html).toContain('<table>')
  })

  it('turns raw HTML, comments and images into text or plain links', () => {
    const source =
      'a <script>alert(1)</script> <!-- x --> ![logo](https://evil.test/p.png) <img src=x> @dev #7'
    const html = toHtml(sanitizeMarkdown(source, 4))
    expect(elementNames(html).sort()).toEqual(['a', 'blockquote', 'p'])
    expect(anchors(html)).toEqual([{ href: 'https://evil.test/p.png', text: 'logo' }])
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(mentions(html)).toEqual([])
    expect(issueReferences(html)).toEqual([])
  })

  it('contains a fence left open, also inside a list item or quote', () => {
    for (const source of ['```\ncode', '- item\n\n  ~~~~\n  code', '> ```\n> code']) {
      const html = toHtml(`${sanitizeMarkdown(source, 4)}\n\nAFTER\n`)
      expect(html.endsWith('<p>AFTER</p>\n'), source).toBe(true)
    }
  })
})
