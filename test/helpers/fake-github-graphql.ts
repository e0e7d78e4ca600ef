// The fake GitHub's POST /graphql, following GitHub's GraphQL docs and schema for the one shape
// the action needs: `repository(owner:, name:) { alias: object(expression: "<rev>:<path>") { ...
// on Blob { oid byteSize isBinary isTruncated text } } }`, with literals or $variables, inline and
// named fragments. `object` is the interface GitObject, so Blob fields outside `... on Blob` are a
// validation error. Errors come as graphql-ruby words them, with HTTP 200: parse errors with
// `locations` and no `data`; validation errors with `path` and `extensions.code`, all at once, no
// `data`; an unknown repository is `repository: null` plus NOT_FOUND. Missing paths or unknown
// revisions are `null` with no error; `text` is cut at 512,000 bytes (`isTruncated`, full
// `byteSize`); binary blobs have `text: null`.
import { createHash } from 'node:crypto'

export type Files = Map<string, Buffer>

export interface GraphqlRepo {
  owner: string
  name: string
  commits: Map<string, Files>
}

export interface GraphqlAnswer {
  status: number
  payload: unknown
}

export const TEXT_LIMIT = 512_000

type Value =
  | { kind: 'variable'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'other'; value: unknown }

interface Field {
  kind: 'field'
  alias: string | null
  name: string
  args: Map<string, Value>
  selections: Selection[] | null
  line: number
  column: number
}
interface InlineFragment {
  kind: 'inline'
  on: string | null
  selections: Selection[]
}
interface Spread {
  kind: 'spread'
  name: string
  line: number
  column: number
}
type Selection = Field | InlineFragment | Spread

interface Document {
  variables: Map<string, { type: string; line: number; column: number }>
  selections: Selection[]
  fragments: Map<string, { on: string; selections: Selection[] }>
}

class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(message)
  }
}

interface Token {
  kind: string
  text: string
  value?: string
  line: number
  column: number
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let line = 1
  let lineStart = 0
  let i = 0
  while (i < source.length) {
    const c = source[i] ?? ''
    if (c === '\n') {
      line += 1
      i += 1
      lineStart = i
      continue
    }
    if (c === ' ' || c === '\t' || c === ',' || c === '\r' || c === '\ufeff') {
      i += 1
      continue
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i += 1
      continue
    }
    const column = i - lineStart + 1
    if (source.startsWith('...', i)) {
      tokens.push({ kind: 'ELLIPSIS', text: '...', line, column })
      i += 3
      continue
    }
    const punct: Record<string, string> = {
      '{': 'LCURLY',
      '}': 'RCURLY',
      '(': 'LPAREN',
      ')': 'RPAREN',
      ':': 'COLON',
      '!': 'BANG',
      $: 'VAR_SIGN',
      '=': 'EQUALS',
      '[': 'LBRACKET',
      ']': 'RBRACKET',
      '@': 'DIR_SIGN'
    }
    if (punct[c] !== undefined) {
      tokens.push({ kind: punct[c], text: c, line, column })
      i += 1
      continue
    }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i))
    if (name !== null) {
      tokens.push({ kind: 'NAME', text: name[0], line, column })
      i += name[0].length
      continue
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i))
    if (number !== null) {
      tokens.push({
        kind: number[1] === undefined ? 'INT' : 'FLOAT',
        text: number[0],
        line,
        column
      })
      i += number[0].length
      continue
    }
    if (c === '"') {
      let j = i + 1
      let value = ''
      while (j < source.length && source[j] !== '"') {
        const ch = source[j] ?? ''
        if (ch === '\n') throw new ParseError('Unterminated string', line, column)
        if (ch === '\\') {
          const next = source[j + 1] ?? ''
          const simple: Record<string, string> = {
            '"': '"',
            '\\': '\\',
            '/': '/',
            b: '\b',
            f: '\f',
            n: '\n',
            r: '\r',
            t: '\t'
          }
          if (simple[next] !== undefined) {
            value += simple[next]
            j += 2
          } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(j + 2, j + 6))) {
            value += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16))
            j += 6
          } else throw new ParseError('Bad unicode escape', line, column)
        } else {
          value += ch
          j += 1
        }
      }
      if (j >= source.length) throw new ParseError('Unterminated string', line, column)
      tokens.push({ kind: 'STRING', text: source.slice(i, j + 1), value, line, column })
      i = j + 1
      continue
    }
    throw new ParseError(
      `Parse error on "${c}" (error) at [${String(line)}, ${String(column)}]`,
      line,
      column
    )
  }
  return tokens
}

function parse(source: string): Document {
  const tokens = tokenize(source)
  let at = 0
  const peek = (): Token | undefined => tokens[at]
  const fail = (expected: string): never => {
    const token = peek()
    if (token === undefined) {
      const last = tokens.at(-1)
      throw new ParseError(
        `Expected ${expected}, actual: (none) ("") at [${String(last?.line ?? 1)}, ${String(last?.column ?? 1)}]`,
        last?.line ?? 1,
        last?.column ?? 1
      )
    }
    throw new ParseError(
      `Expected ${expected}, actual: ${token.kind} (${JSON.stringify(token.text)}) at [${String(token.line)}, ${String(token.column)}]`,
      token.line,
      token.column
    )
  }
  const expect = (kind: string): Token => {
    const token = peek()
    if (token?.kind !== kind) return fail(kind)
    at += 1
    return token
  }
  const value = (): Value => {
    const token = peek()
    if (token === undefined) return fail('value')
    if (token.kind === 'VAR_SIGN') {
      at += 1
      return { kind: 'variable', name: expect('NAME').text }
    }
    at += 1
    if (token.kind === 'STRING') return { kind: 'string', value: token.value ?? '' }
    if (token.kind === 'INT' || token.kind === 'FLOAT')
      return { kind: 'other', value: Number(token.text) }
    if (token.kind === 'NAME') return { kind: 'other', value: token.text }
    if (token.kind === 'LBRACKET') {
      while (peek()?.kind !== 'RBRACKET') value()
      at += 1
      return { kind: 'other', value: [] }
    }
    at -= 1
    return fail('value')
  }
  const selectionSet = (): Selection[] => {
    expect('LCURLY')
    const out: Selection[] = []
    while (peek()?.kind !== 'RCURLY') {
      if (peek() === undefined) fail('RCURLY')
      if (peek()?.kind === 'ELLIPSIS') {
        const dots = expect('ELLIPSIS')
        if (peek()?.kind === 'NAME' && peek()?.text === 'on') {
          at += 1
          const on = expect('NAME').text
          out.push({ kind: 'inline', on, selections: selectionSet() })
        } else if (peek()?.kind === 'LCURLY') {
          out.push({ kind: 'inline', on: null, selections: selectionSet() })
        } else {
          out.push({
            kind: 'spread',
            name: expect('NAME').text,
            line: dots.line,
            column: dots.column
          })
        }
        continue
      }
      const first = expect('NAME')
      let alias: string | null = null
      let name = first.text
      if (peek()?.kind === 'COLON') {
        at += 1
        alias = first.text
        name = expect('NAME').text
      }
      const args = new Map<string, Value>()
      if (peek()?.kind === 'LPAREN') {
        at += 1
        while (peek()?.kind !== 'RPAREN') {
          const arg = expect('NAME').text
          expect('COLON')
          args.set(arg, value())
        }
        at += 1
      }
      const selections = peek()?.kind === 'LCURLY' ? selectionSet() : null
      out.push({
        kind: 'field',
        alias,
        name,
        args,
        selections,
        line: first.line,
        column: first.column
      })
    }
    at += 1
    return out
  }
  const type = (): string => {
    let text: string
    if (peek()?.kind === 'LBRACKET') {
      at += 1
      text = `[${type()}]`
      expect('RBRACKET')
    } else text = expect('NAME').text
    if (peek()?.kind === 'BANG') {
      at += 1
      text += '!'
    }
    return text
  }
  const doc: Document = { variables: new Map(), selections: [], fragments: new Map() }
  let operations = 0
  while (peek() !== undefined) {
    const token = peek()
    if (token?.kind === 'LCURLY') {
      doc.selections = selectionSet()
      operations += 1
    } else if (token?.kind === 'NAME' && token.text === 'query') {
      at += 1
      if (peek()?.kind === 'NAME') at += 1
      if (peek()?.kind === 'LPAREN') {
        at += 1
        while (peek()?.kind !== 'RPAREN') {
          const sign = expect('VAR_SIGN')
          const name = expect('NAME').text
          expect('COLON')
          doc.variables.set(name, { type: type(), line: sign.line, column: sign.column })
          if (peek()?.kind === 'EQUALS') {
            at += 1
            value()
          }
        }
        at += 1
      }
      doc.selections = selectionSet()
      operations += 1
    } else if (token?.kind === 'NAME' && token.text === 'fragment') {
      at += 1
      const name = expect('NAME').text
      const on = expect('NAME')
      if (on.text !== 'on') {
        at -= 1
        fail('on')
      }
      doc.fragments.set(name, { on: expect('NAME').text, selections: selectionSet() })
    } else {
      fail('query, fragment or {')
    }
  }
  if (operations !== 1) throw new ParseError('Expected exactly one operation', 1, 1)
  return doc
}

const OBJECT_FIELDS: Record<string, Set<string>> = {
  GitObject: new Set(['oid', 'abbreviatedOid', '__typename']),
  Blob: new Set([
    'oid',
    'abbreviatedOid',
    '__typename',
    'byteSize',
    'isBinary',
    'isTruncated',
    'text'
  ]),
  Tree: new Set(['oid', 'abbreviatedOid', '__typename']),
  Commit: new Set(['oid', 'abbreviatedOid', '__typename']),
  Tag: new Set(['oid', 'abbreviatedOid', '__typename'])
}

interface GraphqlError {
  message: string
  locations?: { line: number; column: number }[]
  path?: (string | number)[]
  extensions?: Record<string, unknown>
  type?: string
}

/** Static validation of the subset: every error at once, as graphql-ruby reports them. */
function validate(doc: Document, variables: Record<string, unknown>): GraphqlError[] {
  const errors: GraphqlError[] = []
  const used = new Set<string>()
  const usedFragments = new Set<string>()
  const useValue = (value: Value | undefined): void => {
    if (value?.kind === 'variable') used.add(value.name)
  }
  const checkGitObject = (selections: Selection[], type: string, path: string[]): void => {
    for (const selection of selections) {
      if (selection.kind === 'field') {
        if (!(OBJECT_FIELDS[type]?.has(selection.name) ?? false)) {
          errors.push({
            message: `Field '${selection.name}' doesn't exist on type '${type}'`,
            locations: [{ line: selection.line, column: selection.column }],
            path: [...path, selection.name],
            extensions: { code: 'undefinedField', typeName: type, fieldName: selection.name }
          })
        }
      } else if (selection.kind === 'inline') {
        const on = selection.on ?? type
        if (OBJECT_FIELDS[on] === undefined) {
          errors.push({
            message: `No such type ${on}, so it can't be a fragment condition`,
            path: [...path, `... on ${on}`],
            extensions: { code: 'undefinedType', typeName: on }
          })
        } else checkGitObject(selection.selections, on, [...path, `... on ${on}`])
      } else {
        usedFragments.add(selection.name)
        const fragment = doc.fragments.get(selection.name)
        if (fragment === undefined) {
          errors.push({
            message: `Fragment ${selection.name} was used, but not defined`,
            locations: [{ line: selection.line, column: selection.column }],
            path: [...path, `... ${selection.name}`],
            extensions: { code: 'useAndDefineFragment', fragmentName: selection.name }
          })
        } else if (OBJECT_FIELDS[fragment.on] === undefined) {
          errors.push({
            message: `No such type ${fragment.on}, so it can't be a fragment condition`,
            path: [`fragment ${selection.name}`],
            extensions: { code: 'undefinedType', typeName: fragment.on }
          })
        } else checkGitObject(fragment.selections, fragment.on, [`fragment ${selection.name}`])
      }
    }
  }
  for (const root of doc.selections) {
    if (root.kind !== 'field' || root.name !== 'repository') {
      const name = root.kind === 'field' ? root.name : '...'
      errors.push({
        message: `Field '${name}' doesn't exist on type 'Query'`,
        path: ['query', name],
        extensions: { code: 'undefinedField', typeName: 'Query', fieldName: name }
      })
      continue
    }
    const missing = ['owner', 'name'].filter((arg) => !root.args.has(arg))
    if (missing.length > 0) {
      errors.push({
        message: `Field 'repository' is missing required arguments: ${missing.join(', ')}`,
        locations: [{ line: root.line, column: root.column }],
        path: ['query', 'repository'],
        extensions: {
          code: 'missingRequiredArguments',
          className: 'Field',
          name: 'repository',
          arguments: missing.join(', ')
        }
      })
    }
    root.args.forEach((value) => {
      useValue(value)
    })
    for (const field of root.selections ?? []) {
      if (field.kind !== 'field' || (field.name !== 'object' && field.name !== '__typename')) {
        const name = field.kind === 'field' ? field.name : '...'
        errors.push({
          message: `Field '${name}' doesn't exist on type 'Repository'`,
          path: ['query', 'repository', name],
          extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: name }
        })
        continue
      }
      if (field.name === '__typename') continue
      field.args.forEach((value) => {
        useValue(value)
      })
      if (field.selections === null) {
        errors.push({
          message:
            "Field must have selections (field 'object' returns GitObject but has no selections. Did you mean 'object { ... }'?)",
          path: ['query', 'repository', 'object'],
          extensions: {
            code: 'selectionMismatch',
            nodeName: "field 'object'",
            typeName: 'GitObject'
          }
        })
      } else checkGitObject(field.selections, 'GitObject', ['query', 'repository', 'object'])
    }
  }
  for (const name of used) {
    if (!doc.variables.has(name)) {
      errors.push({
        message: `Variable $${name} is used by anonymous query but not declared`,
        path: ['query'],
        extensions: { code: 'variableNotDefined', variableName: name }
      })
    }
  }
  for (const [name, definition] of doc.variables) {
    if (!used.has(name)) {
      errors.push({
        message: `Variable $${name} is declared by anonymous query but not used`,
        locations: [{ line: definition.line, column: definition.column }],
        path: ['query'],
        extensions: { code: 'variableNotUsed', variableName: name }
      })
    }
  }
  for (const name of doc.fragments.keys()) {
    if (!usedFragments.has(name)) {
      errors.push({
        message: `Fragment ${name} was defined, but not used`,
        path: [`fragment ${name}`],
        extensions: { code: 'useAndDefineFragment', fragmentName: name }
      })
    }
  }
  if (errors.length > 0) return errors
  // Variable values: String! must be given as a string.
  for (const [name, definition] of doc.variables) {
    const given = variables[name]
    const ok = definition.type.endsWith('!')
      ? typeof given === 'string'
      : given === undefined || given === null || typeof given === 'string'
    if (!ok) {
      errors.push({
        message: `Variable $${name} of type ${definition.type} was provided invalid value`,
        locations: [{ line: definition.line, column: definition.column }],
        extensions: {
          value: given ?? null,
          problems: [
            {
              path: [],
              explanation:
                given === undefined || given === null
                  ? 'Expected value to not be null'
                  : 'Could not coerce value to String'
            }
          ]
        }
      })
    }
  }
  return errors
}

export function gitBlobSha(content: Buffer): string {
  return createHash('sha1')
    .update(`blob ${String(content.length)}\0`)
    .update(content)
    .digest('hex')
}

/** Answers one POST /graphql body for `repos` (keyed `owner/name`, lower case). */
export function answerGraphql(
  body: string,
  repos: ReadonlyMap<string, GraphqlRepo>,
  options: { resourceLimitAfter?: number } = {}
): GraphqlAnswer {
  let request: unknown
  try {
    request = JSON.parse(body)
  } catch {
    return {
      status: 400,
      payload: {
        message: 'Problems parsing JSON',
        documentation_url: 'https://docs.github.com/graphql',
        status: '400'
      }
    }
  }
  const query =
    typeof request === 'object' && request !== null && 'query' in request
      ? request.query
      : undefined
  if (typeof query !== 'string' || query.trim() === '') {
    return {
      status: 200,
      payload: {
        errors: [{ message: 'A query attribute must be specified and must be a string.' }]
      }
    }
  }
  const rawVariables = (request as { variables?: unknown }).variables
  const variables: Record<string, unknown> =
    typeof rawVariables === 'object' && rawVariables !== null
      ? (rawVariables as Record<string, unknown>)
      : {}
  let doc: Document
  try {
    doc = parse(query)
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    return {
      status: 200,
      payload: {
        errors: [
          { message: error.message, locations: [{ line: error.line, column: error.column }] }
        ]
      }
    }
  }
  const invalid = validate(doc, variables)
  if (invalid.length > 0) return { status: 200, payload: { errors: invalid } }

  const resolve = (value: Value | undefined): unknown =>
    value === undefined
      ? undefined
      : value.kind === 'variable'
        ? variables[value.name]
        : value.value
  const errors: GraphqlError[] = []
  const data: Record<string, unknown> = {}
  for (const root of doc.selections) {
    if (root.kind !== 'field') continue
    const key = root.alias ?? root.name
    const owner = String(resolve(root.args.get('owner')))
    const name = String(resolve(root.args.get('name')))
    const repo = repos.get(`${owner}/${name}`.toLowerCase())
    if (repo === undefined) {
      data[key] = null
      errors.push({
        type: 'NOT_FOUND',
        path: [key],
        locations: [{ line: root.line, column: root.column }],
        message: `Could not resolve to a Repository with the name '${owner}/${name}'.`
      })
      continue
    }
    const out: Record<string, unknown> = {}
    let objects = 0
    for (const field of root.selections ?? []) {
      if (field.kind !== 'field') continue
      const alias = field.alias ?? field.name
      if (field.name === '__typename') {
        out[alias] = 'Repository'
        continue
      }
      objects += 1
      if (options.resourceLimitAfter !== undefined && objects > options.resourceLimitAfter) {
        out[alias] = null
        errors.push({
          type: 'RESOURCE_LIMITS_EXCEEDED',
          path: [key, alias],
          locations: [{ line: field.line, column: field.column }],
          message: 'Resource limits for this query exceeded.'
        })
        continue
      }
      out[alias] = resolveObject(
        repo,
        resolve(field.args.get('expression')),
        field.selections ?? [],
        doc
      )
    }
    data[key] = out
  }
  return { status: 200, payload: errors.length > 0 ? { data, errors } : { data } }
}

function resolveObject(
  repo: GraphqlRepo,
  expression: unknown,
  selections: Selection[],
  doc: Document
): unknown {
  if (typeof expression !== 'string') return null
  const colon = expression.indexOf(':')
  if (colon < 0) return null
  const files = repo.commits.get(expression.slice(0, colon))
  if (files === undefined) return null
  const path = expression.slice(colon + 1)
  const bytes = files.get(path)
  let type: string
  if (bytes !== undefined) type = 'Blob'
  else if (path === '' || [...files.keys()].some((file) => file.startsWith(`${path}/`)))
    type = 'Tree'
  else return null
  const out: Record<string, unknown> = {}
  const fill = (list: Selection[]): void => {
    for (const selection of list) {
      if (selection.kind === 'field') {
        const key = selection.alias ?? selection.name
        const oid =
          bytes === undefined
            ? createHash('sha1').update(`tree ${expression}`).digest('hex')
            : gitBlobSha(bytes)
        if (selection.name === '__typename') out[key] = type
        else if (selection.name === 'oid') out[key] = oid
        else if (selection.name === 'abbreviatedOid') out[key] = oid.slice(0, 7)
        else if (bytes !== undefined) {
          const binary = bytes.subarray(0, 8000).includes(0)
          if (selection.name === 'byteSize') out[key] = bytes.length
          else if (selection.name === 'isBinary') out[key] = binary
          else if (selection.name === 'isTruncated') out[key] = bytes.length > TEXT_LIMIT
          else if (selection.name === 'text')
            out[key] = binary ? null : bytes.subarray(0, TEXT_LIMIT).toString('utf8')
        }
      } else if (selection.kind === 'inline') {
        if (selection.on === null || selection.on === type || selection.on === 'GitObject')
          fill(selection.selections)
      } else {
        const fragment = doc.fragments.get(selection.name)
        if (fragment !== undefined && (fragment.on === type || fragment.on === 'GitObject'))
          fill(fragment.selections)
      }
    }
  }
  fill(selections)
  return out
}
