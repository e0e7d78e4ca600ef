// The comment's document model: sections of entries, each entry prepared in every form (whole
// Markdown blocks), so the size fitting in markdown.ts can degrade by swapping forms, never by
// slicing text. What each section is worth, and how it gives way, is in catalogue.ts.

export type Form = 'full' | 'compact' | 'brief' | 'name'

/** One entry in every form; each form is whole Markdown blocks, never a fragment. `brief` keeps
 * what decides (each advisory's id, facts and the fix) without what explains it. */
export interface Item {
  readonly full: string
  readonly compact: string
  readonly brief: string
  readonly name: string
}

/** Forms are built on first use: a huge report never renders the details it has no room for. */
export function lazyItem(
  make: Omit<Record<Form, () => string>, 'brief'> & { brief?: () => string }
): Item {
  const cache: Partial<Record<Form, string>> = {}
  const get = (form: Form): string => (cache[form] ??= (make[form] ?? make.compact)())
  return {
    get full() {
      return get('full')
    },
    get compact() {
      return get('compact')
    },
    get brief() {
      return get('brief')
    },
    get name() {
      return get('name')
    }
  }
}

export function simpleItem(line: string): Item {
  return { full: line, compact: line, brief: line, name: line }
}

export type SectionKey =
  | 'too-new'
  | 'table'
  | 'introduced'
  | 'still-affected'
  | 'registry'
  | 'unknown'
  | 'requirements'
  | 'unmaintained'
  | 'fixed'
  | 'ignored'
  | 'history'
  | 'requirement-lines'
  | 'other-sources'
  | 'not-looked-up'
  | 'no-advisories'
  | 'publish-ages'
  | 'problems'

export interface Section {
  key: SectionKey
  /** A complete heading line (our own text), or '' for none. */
  heading: string
  intro: string | null
  /** When set, the items sit in a `<details>` block with this (escaped) summary. */
  collapsed: string | null
  /** Items are list lines or table rows (`\n`), blocks (`\n\n`) or names in one paragraph (`, `). */
  separator: '\n' | '\n\n' | ', '
  /** The heading is a table header: rows follow it on the next line. */
  table: boolean
  items: Item[]
  /** What the omitted-items line calls the entries. */
  noun: string
}
