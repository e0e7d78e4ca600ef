// Where things are in a Cargo file: lines of keys and tables, from toml-eslint-parser's syntax tree
// (which keeps every node's position). smol-toml stays the parser for values; this one only says
// where a key path is written, however it is spelt (inline, dotted, `[a.b]` tables, quoted keys).
import { parseTOML, type AST } from 'toml-eslint-parser'
import { MAX_TOML_CHARS } from './toml.js'

/** Lines are 1-based; `endLine` is the last line of the value (a multi-line table or array). */
export interface Span {
  line: number
  endLine: number
  column: number
  endColumn: number
}

type KeyPath = readonly (string | number)[]

interface Node {
  path: KeyPath
  span: Span
  /** Table headers and key/value pairs; the header of `[[package]]` has its array index in path. */
  node: AST.TOMLTable | AST.TOMLKeyValue
}

export interface TomlPositions {
  /**
   * The lines where `prefix` is written: every key/value or table whose full key starts with it,
   * from the first line to the last (`[dependencies.x]` with its body, `x.version` + `x.features`,
   * `x = { … }`). Null when nothing is written under that key.
   */
  find(prefix: KeyPath): Span | null
  /** Each `[[name]]` table (e.g. `package` in Cargo.lock) with its string values, in file order. */
  arrayTables(name: string): readonly { span: Span; values: Record<string, string> }[]
}

function spanOf(node: AST.TOMLNode): Span {
  return {
    line: node.loc.start.line,
    endLine: node.loc.end.line,
    // toml-eslint-parser columns are 0-based; annotations and SARIF count from 1.
    column: node.loc.start.column + 1,
    endColumn: node.loc.end.column + 1
  }
}

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value))
}

function walkValue(value: AST.TOMLContentNode, path: KeyPath, out: Node[]): void {
  if (value.type === 'TOMLInlineTable') {
    for (const pair of value.body) walkPair(pair, path, out)
  }
}

function walkPair(pair: AST.TOMLKeyValue, parent: KeyPath, out: Node[]): void {
  const path = [...parent, ...keyNames(pair.key)]
  out.push({ path, span: spanOf(pair), node: pair })
  walkValue(pair.value, path, out)
}

/** Parses `text` for positions; throws what the parser throws (the caller decides what it means). */
export function tomlPositions(text: string): TomlPositions {
  if (text.length > MAX_TOML_CHARS) throw new Error('file too large to read for positions')
  const program = parseTOML(text)
  const nodes: Node[] = []
  const top = program.body[0]
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      walkPair(item, [], nodes)
      continue
    }
    const path = item.resolvedKey
    nodes.push({ path, span: spanOf(item), node: item })
    for (const pair of item.body) walkPair(pair, path, nodes)
  }
  const tablesByName = new Map<string, { span: Span; values: Record<string, string> }[]>()
  return {
    find(prefix) {
      let span: Span | null = null
      for (const entry of nodes) {
        if (!startsWith(entry.path, prefix)) continue
        if (span === null) span = { ...entry.span }
        else if (entry.span.endLine > span.endLine) {
          span.endLine = entry.span.endLine
          span.endColumn = entry.span.endColumn
        }
      }
      return span
    },
    arrayTables(name) {
      // Asked once per finding located in a lockfile: the tables are collected once per name.
      const known = tablesByName.get(name)
      if (known !== undefined) return known
      const tables: { span: Span; values: Record<string, string> }[] = []
      for (const item of top.body) {
        if (item.type !== 'TOMLTable' || item.kind !== 'array') continue
        if (item.resolvedKey.length !== 2 || item.resolvedKey[0] !== name) continue
        const values: Record<string, string> = {}
        for (const pair of item.body) {
          const [key] = keyNames(pair.key)
          if (pair.key.keys.length === 1 && key !== undefined && isString(pair.value)) {
            values[key] = pair.value.value
          }
        }
        tables.push({ span: spanOf(item), values })
      }
      tablesByName.set(name, tables)
      return tables
    }
  }
}

function isString(value: AST.TOMLContentNode): value is AST.TOMLStringValue {
  return value.type === 'TOMLValue' && value.kind === 'string'
}

function startsWith(path: KeyPath, prefix: KeyPath): boolean {
  if (path.length < prefix.length) return false
  return prefix.every((part, i) => path[i] === part)
}
