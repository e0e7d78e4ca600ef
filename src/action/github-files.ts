// FileTrees over GitHub, so the action needs no checkout and never touches PR code. Reads are
// batched: every read asked for in the same tick, at either revision, goes into one GraphQL query
// of aliased `object(expression: "<rev>:<path>")` fields (chunks of CHUNK_SIZE, in parallel).
// Every file is verified against its git blob SHA (GraphQL `oid`, the REST `sha`), and against an
// id from elsewhere: the PR listing's head SHA when known, else the commit's git tree. What GraphQL cannot give (truncated text, a failed alias) is
// re-read over REST; when /graphql refuses, everything is read over REST. A read that fails or
// cannot be verified is an error ("unknown"), never "missing". githubTree() puts the reader behind
// the trees' one contract (trees/tree.ts: path check, link rule, size cap, error format).
import { createHash } from 'node:crypto'
import * as z from 'zod'
import { firstLine, getErrorMessage } from '../core/errors.js'
import { redact } from '../core/redact.js'
import type { Logger } from '../core/model.js'
import {
  MAX_CARGO_FILE_BYTES,
  SYMLINK_MODE,
  tooLarge,
  treeFromReader,
  type FileRead,
  type FileTree,
  type ReaderRead
} from '../trees/tree.js'
import { httpStatus, isGitHubLimitError, type GitHubClient, type GraphqlPost } from './octokit.js'

export interface RepoRef {
  owner: string
  repo: string
}

/**
 * Objects per GraphQL query. GitHub publishes no limit on aliases; a query that "consumes too many
 * resources" ends with partial results and RESOURCE_LIMITS_EXCEEDED ("Rate limits and query limits
 * for the GraphQL API", docs.github.com), so chunks stay small and every alias is checked.
 */
export const GRAPHQL_CHUNK_SIZE = 100
/** `Blob.text` comes back cut at 512,000 bytes with `isTruncated` (undocumented; observed in
 * sveltia/sveltia-cms#950): such blobs are re-read over REST. */
export const GRAPHQL_TEXT_LIMIT = 512_000
/** A REST read whose bytes do not match their blob SHA is tried this many times in all. */
const REST_ATTEMPTS = 2

/** git's blob id: sha1("blob <length>\0" + bytes). */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1')
    .update(`blob ${String(bytes.byteLength)}\0`)
    .update(bytes)
    .digest('hex')
}

/** What the caller knows about one file at one revision (from the PR listing or a git tree). */
export interface ReadHint {
  /** Blob SHA the content must have. */
  sha?: string
  /** Whether the file exists: a "not found" for an existing file is an error, not `missing`. */
  exists?: boolean
  /** Not known to exist (a workspace-root candidate): over REST, the git tree is asked first. */
  probe?: boolean
  /** Without `sha`: check what is read against the commit's git tree (githubTree always asks). */
  verify?: boolean
}

export interface ReaderStats {
  /** Files answered from GraphQL alone. */
  graphqlFiles: number
  graphqlQueries: number
  /** Files read (or re-read) over REST. */
  restFiles: number
  /** Why GraphQL was not used (null while it works). */
  graphqlRefused: string | null
}

export interface GitHubReader {
  readonly stats: ReaderStats
  /** Reads one file at `ref` (cached; reads asked in the same tick share one GraphQL query). */
  read(ref: string, path: string, hint?: ReadHint): Promise<ReaderRead>
  /** Whether a path at `ref` exists per the git tree (one request per ref, cached); null if unknown. */
  existsInTree(
    ref: string,
    path: string
  ): Promise<{ exists: boolean; sha?: string; mode?: string } | null>
  /** One log line: which path (GraphQL, REST) served how many files. */
  describe(): string
}

interface Pending {
  ref: string
  path: string
  hint: ReadHint
  resolve: (read: FileRead) => void
  /** GraphQL said the text was cut: read this blob (the `oid`) over REST. */
  blob?: string
  /** The blob id the bytes read were checked against (set on every successful read). */
  oid?: string
}

const blobShape = z.object({
  oid: z.string(),
  byteSize: z.number(),
  isBinary: z.boolean().nullable(),
  isTruncated: z.boolean(),
  text: z.string().nullable()
})
const graphqlError = z.looseObject({
  type: z.string().optional(),
  message: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional()
})
const graphqlBody = z.looseObject({
  data: z
    .looseObject({ repository: z.record(z.string(), z.unknown()).nullable().optional() })
    .nullable()
    .optional(),
  errors: z.array(graphqlError).optional()
})
const contentFile = z.looseObject({
  type: z.string(),
  encoding: z.string().optional(),
  content: z.string().optional(),
  size: z.number().optional(),
  sha: z.string()
})
const blobJson = z.looseObject({ content: z.string(), encoding: z.string(), sha: z.string() })
const gitTree = z.looseObject({
  truncated: z.boolean().optional(),
  tree: z.array(
    z.looseObject({ path: z.string(), type: z.string(), sha: z.string(), mode: z.string() })
  )
})

/** Thrown inside a chunk when /graphql cannot be used at all (then everything goes over REST). */
/** Why GraphQL is not used; its text may quote the server, so it is redacted like any error text. */
class GraphqlRefused extends Error {
  constructor(message: string) {
    super(redact(message))
  }
}

export function createGitHubReader(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { graphql: GraphqlPost | null; logger: Logger; chunkSize?: number }
): GitHubReader {
  const { logger } = options
  const chunkSize = options.chunkSize ?? GRAPHQL_CHUNK_SIZE
  const stats: ReaderStats = {
    graphqlFiles: 0,
    graphqlQueries: 0,
    restFiles: 0,
    graphqlRefused: options.graphql === null ? 'no GraphQL client' : null
  }
  const cache = new Map<string, Promise<ReaderRead>>()
  const trees = new Map<string, Promise<Map<string, { sha: string; mode: string }> | null>>()
  let pending: Pending[] = []

  const refuse = (reason: string): void => {
    if (stats.graphqlRefused !== null) return
    stats.graphqlRefused = reason
    logger.info(`GraphQL is not usable (${reason}); reading Cargo files over REST`)
  }

  const flush = (): void => {
    const batch = pending
    pending = []
    if (stats.graphqlRefused !== null || options.graphql === null) {
      for (const item of batch) void restRead(item).then(item.resolve)
      return
    }
    for (let at = 0; at < batch.length; at += chunkSize) {
      void readChunk(batch.slice(at, at + chunkSize))
    }
  }

  const readChunk = async (chunk: Pending[]): Promise<void> => {
    let answers: Map<Pending, FileRead | 'rest'>
    try {
      answers = await graphqlChunk(chunk)
    } catch (error) {
      if (error instanceof GraphqlRefused) refuse(error.message)
      else refuse(firstLine(getErrorMessage(error)))
      answers = new Map(chunk.map((item) => [item, 'rest']))
    }
    for (const item of chunk) {
      const answer = answers.get(item) ?? 'rest'
      if (answer === 'rest') void restRead(item).then(item.resolve)
      else {
        stats.graphqlFiles += 1
        item.resolve(answer)
      }
    }
  }

  const graphqlChunk = async (chunk: Pending[]): Promise<Map<Pending, FileRead | 'rest'>> => {
    const post = options.graphql
    if (post === null) throw new GraphqlRefused('no GraphQL client')
    // Paths and revisions travel as variables: nothing a pull request names enters the query text.
    const variables: Record<string, string> = { owner: repo.owner, name: repo.repo }
    const fields = chunk.map((item, index) => {
      variables[`e${String(index)}`] = `${item.ref}:${item.path}`
      return `f${String(index)}: object(expression: $e${String(index)}) { ...blob }`
    })
    const query =
      `query(${['$owner: String!', '$name: String!', ...chunk.map((_, i) => `$e${String(i)}: String!`)].join(', ')}) {\n` +
      `  repository(owner: $owner, name: $name) {\n    ${fields.join('\n    ')}\n  }\n}\n` +
      'fragment blob on Blob { oid byteSize isBinary isTruncated text }\n'
    stats.graphqlQueries += 1
    const answer = await post(query, variables)
    if (answer.status !== 200)
      throw new GraphqlRefused(`/graphql answered HTTP ${String(answer.status)}`)
    const body = graphqlBody.safeParse(answer.body)
    if (!body.success)
      throw new GraphqlRefused('/graphql answered something that is not a GraphQL response')
    const errors = body.data.errors ?? []
    if (errors.some((error) => error.type === 'RATE_LIMITED')) {
      throw new GraphqlRefused('GraphQL rate limit exceeded')
    }
    const repository = body.data.data?.repository
    if (repository === null || repository === undefined) {
      const first = errors[0]?.message ?? 'no data'
      throw new GraphqlRefused(`GraphQL answered no repository: ${firstLine(first)}`)
    }
    // An error that names an alias fails that alias; one that names none casts doubt on every
    // `null` of the chunk (a resource limit cuts fields without saying which, at worst).
    const failed = new Set<string>()
    let unattributed = false
    for (const error of errors) {
      const alias = error.path?.[0] === 'repository' ? error.path[1] : undefined
      if (typeof alias === 'string') failed.add(alias)
      else unattributed = true
    }
    const out = new Map<Pending, FileRead | 'rest'>()
    chunk.forEach((item, index) => {
      const alias = `f${String(index)}`
      const value = repository[alias]
      if (failed.has(alias) || value === undefined) {
        out.set(item, 'rest')
      } else if (value === null) {
        out.set(item, unattributed ? 'rest' : absent(item, 'GraphQL'))
      } else {
        out.set(item, fromBlob(item, value))
      }
    })
    return out
  }

  const fromBlob = (item: Pending, value: unknown): FileRead | 'rest' => {
    const blob = blobShape.safeParse(value)
    if (!blob.success) {
      // A fragment on Blob that does not match yields {}: a directory, a submodule, a symlink target elsewhere.
      return error('not a regular file')
    }
    const { oid, byteSize, text, isTruncated } = blob.data
    if (item.hint.sha !== undefined && oid !== item.hint.sha) {
      return error(`blob ${oid} per GraphQL but ${item.hint.sha} per the pull request's file list`)
    }
    if (byteSize > MAX_CARGO_FILE_BYTES) return tooLarge(byteSize)
    if (isTruncated) {
      item.blob = oid
      return 'rest'
    }
    if (text === null) {
      return error('binary or not text (GitHub gives no text for it); not read')
    }
    const bytes = Buffer.from(text, 'utf8')
    // Cut, or decoded with replacement characters: the REST bytes settle it.
    if (bytes.byteLength !== byteSize || gitBlobSha(bytes) !== oid) return 'rest'
    item.oid = oid
    return { kind: 'ok', text }
  }

  const absent = (item: Pending, via: string): FileRead =>
    item.hint.exists === true
      ? error(`listed as present, but ${via} answered that it does not exist`)
      : { kind: 'missing' }

  // The trees' error format: what went wrong, without the path (the caller shows it and the side).
  const error = (message: string): FileRead => ({ kind: 'error', message })

  /** Contents JSON (with its `sha`), or the blob for large files; every answer verified. */
  const restRead = async (item: Pending): Promise<FileRead> => {
    if (item.hint.probe === true && item.blob === undefined) {
      // A candidate path over REST: the git tree says whether it exists (and its SHA), so a
      // missing parent costs no request of its own.
      const listed = await existsInTree(item.ref, item.path)
      if (listed?.exists === false) return { kind: 'missing' }
      if (listed?.sha !== undefined) item.hint = { ...item.hint, sha: listed.sha, exists: true }
    }
    stats.restFiles += 1
    let lastProblem = ''
    for (let attempt = 1; attempt <= REST_ATTEMPTS; attempt += 1) {
      try {
        const got = await restOnce(item)
        if (got.kind !== 'bytes') return got.read
        if (got.bytes.byteLength > MAX_CARGO_FILE_BYTES) return tooLarge(got.bytes.byteLength)
        const actual = gitBlobSha(got.bytes)
        const expected = item.hint.sha ?? item.blob ?? got.sha
        if (actual === got.sha && actual === expected) {
          item.oid = actual
          return { kind: 'ok', text: Buffer.from(got.bytes).toString('utf8') }
        }
        lastProblem = `its content (${String(got.bytes.byteLength)} bytes, blob ${actual}) does not match blob ${expected}: a cut or corrupted answer`
      } catch (failure) {
        const status = httpStatus(failure)
        const limit = isGitHubLimitError(failure)
        lastProblem = `could not be fetched (${limit || status === null ? 'no answer' : `HTTP ${String(status)}`}): ${firstLine(getErrorMessage(failure))}`
        // The plugins already retried what is worth retrying.
        break
      }
    }
    return error(lastProblem)
  }

  type Once = { kind: 'read'; read: FileRead } | { kind: 'bytes'; bytes: Uint8Array; sha: string }

  const restOnce = async (item: Pending): Promise<Once> => {
    if (item.blob !== undefined) {
      try {
        return await blobBytes(item.blob)
      } catch (failure) {
        // The contents endpoint has the same bytes (and checks against the same oid).
        logger.debug(`blob ${item.blob} not read (${getErrorMessage(failure)}); trying contents`)
      }
    }
    const knownSha = item.hint.sha
    let response
    try {
      response = await octokit.rest.repos.getContent({ ...repo, path: item.path, ref: item.ref })
    } catch (failure) {
      const status = httpStatus(failure)
      if (status === 404 && !isGitHubLimitError(failure)) {
        return { kind: 'read', read: absent(item, 'GitHub (HTTP 404)') }
      }
      if (status === 403 && /too_large|too large/i.test(getErrorMessage(failure))) {
        const sha = knownSha ?? (await existsInTree(item.ref, item.path))?.sha
        if (sha === undefined) throw failure
        return blobBytes(sha)
      }
      throw failure
    }
    const file = contentFile.safeParse(response.data)
    if (!file.success || file.data.type !== 'file') {
      return { kind: 'read', read: error('not a regular file') }
    }
    if (file.data.size !== undefined && file.data.size > MAX_CARGO_FILE_BYTES) {
      return { kind: 'read', read: tooLarge(file.data.size) }
    }
    if (file.data.encoding === 'base64' && file.data.content !== undefined) {
      // Buffer skips the newlines GitHub puts every 60 characters.
      return { kind: 'bytes', bytes: Buffer.from(file.data.content, 'base64'), sha: file.data.sha }
    }
    // Over 1 MB the contents JSON has `encoding: "none"`: the blob API has the bytes.
    return blobBytes(file.data.sha)
  }

  const blobBytes = async (sha: string): Promise<Once> => {
    const response = await octokit.rest.git.getBlob({ ...repo, file_sha: sha })
    const blob = blobJson.parse(response.data)
    const bytes =
      blob.encoding === 'base64' ? Buffer.from(blob.content, 'base64') : Buffer.from(blob.content)
    return { kind: 'bytes', bytes, sha: blob.sha }
  }

  const existsInTree = async (
    ref: string,
    path: string
  ): Promise<{ exists: boolean; sha?: string; mode?: string } | null> => {
    let tree = trees.get(ref)
    if (tree === undefined) {
      tree = (async () => {
        try {
          const response = await octokit.rest.git.getTree({
            ...repo,
            tree_sha: ref,
            recursive: 'true'
          })
          const parsed = gitTree.parse(response.data)
          if (parsed.truncated === true) return null
          return new Map(
            parsed.tree
              .filter((entry) => entry.type === 'blob')
              .map((entry) => [entry.path, { sha: entry.sha, mode: entry.mode }])
          )
        } catch (failure) {
          logger.debug(`git tree of ${short(ref)} not listed: ${getErrorMessage(failure)}`)
          return null
        }
      })()
      trees.set(ref, tree)
    }
    const blobs = await tree
    if (blobs === null) return null
    const entry = blobs.get(path)
    return entry === undefined ? { exists: false } : { exists: true, ...entry }
  }

  /**
   * Every object on either side is checked against a git object id that does not come from the
   * answer itself: the pull request's file list when it names one, else the commit's own tree
   * (listed in parallel with the read, so it costs no round trip). A blob whose id, presence or
   * kind the tree contradicts, or that no tree can vouch for, is an error, never believed.
   */
  const verified = async (item: Pending, answer: Promise<FileRead>): Promise<ReaderRead> => {
    const { ref, path } = item
    // The tree also says which blobs are symbolic links: asked for every verified read.
    const listed = item.hint.verify === true ? existsInTree(ref, path) : null
    const got = await answer
    if (listed === null) return got
    const tree = await listed
    // Git stores a link as a blob holding its target path. GraphQL serves that blob; REST's
    // contents endpoint may serve the target instead, so anything but the link's own blob (by
    // the tree's id) is re-read from the blob endpoint.
    if (tree?.mode === SYMLINK_MODE && tree.sha !== undefined) {
      if (got.kind === 'ok' && item.oid === tree.sha) return { kind: 'link', target: got.text }
      try {
        const blob = await blobBytes(tree.sha)
        if (blob.kind === 'bytes' && gitBlobSha(blob.bytes) === tree.sha) {
          return { kind: 'link', target: Buffer.from(blob.bytes).toString('utf8') }
        }
      } catch (failure) {
        logger.debug(`link blob ${tree.sha} not read: ${getErrorMessage(failure)}`)
      }
      return error('a symbolic link whose target could not be read')
    }
    if (got.kind === 'error') return got
    // A SHA from the pull request's file list already vouches for the blob.
    if (item.hint.sha !== undefined) return got
    if (tree === null) {
      return error("not verified: the commit's git tree could not be listed")
    }
    if (got.kind === 'missing') {
      return tree.exists ? error("in the commit's tree but was answered missing") : got
    }
    if (!tree.exists) {
      return error("the file was served but the commit's tree has no such file")
    }
    const sha = item.oid ?? '?'
    return sha === tree.sha
      ? got
      : error(
          `the file was served as blob ${sha} but the commit's tree has blob ${tree.sha ?? '?'}`
        )
  }

  return {
    stats,
    existsInTree,
    read(ref, path, hint = {}) {
      const key = `${ref}\0${path}`
      let read = cache.get(key)
      if (read === undefined) {
        const item: Pending = { ref, path, hint, resolve: () => undefined }
        const answer = new Promise<FileRead>((resolve) => {
          item.resolve = resolve
          if (pending.length === 0) setImmediate(flush)
          pending.push(item)
        })
        read = verified(item, answer)
        cache.set(key, read)
      }
      return read
    },
    describe() {
      const graphql =
        stats.graphqlRefused === null
          ? `${String(stats.graphqlFiles)} over GraphQL in ${String(stats.graphqlQueries)} queries`
          : `GraphQL not used (${stats.graphqlRefused})`
      return `Cargo files read: ${graphql}, ${String(stats.restFiles)} over REST`
    }
  }
}

/**
 * The repository at one revision. `paths` are the changed Cargo files (listCargoFiles returns
 * them), `direct` other files worth asking for at once, `prefetch` the workspace-root candidates
 * read in the same GraphQL query (over REST they are first looked up in the git tree). Any other
 * path is first looked up in the git tree listing (one request per revision, cached), so finding
 * a workspace root never costs a request per parent directory.
 */
export function githubTree(
  reader: GitHubReader,
  options: {
    ref: string
    label: string
    paths: readonly string[]
    /** Paths read without a tree look-up (config files: few, and usually absent). */
    direct?: readonly string[]
    /** Workspace-root candidates asked for with the changed files (one GraphQL query). */
    prefetch?: readonly string[]
    blobs?: ReadonlyMap<string, string>
    exists?: ReadonlyMap<string, boolean>
  }
): FileTree & { readonly filesRead: number } {
  const direct = new Set([...options.paths, ...(options.direct ?? [])])
  const prefetch = new Set(options.prefetch ?? [])
  const seen = new Set<string>()
  // Called by the contract with checked paths only, once per path and link hop.
  const readOne = async (path: string): Promise<ReaderRead> => {
    seen.add(path)
    // Every object of either side is verified: by the file list's SHA, else by the tree.
    const hint: ReadHint = { verify: true }
    const sha = options.blobs?.get(path)
    if (sha !== undefined) hint.sha = sha
    const exists = options.exists?.get(path)
    if (exists !== undefined) hint.exists = exists
    if (!direct.has(path) && prefetch.has(path)) {
      hint.probe = true
    } else if (!direct.has(path)) {
      const listed = await reader.existsInTree(options.ref, path)
      if (listed?.exists === false) return { kind: 'missing' }
      if (listed?.sha !== undefined) {
        hint.sha = listed.sha
        hint.exists = true
      }
    }
    return reader.read(options.ref, path, hint)
  }
  // The one contract of every tree (trees/tree.ts): same answers as the CLI's readers.
  const tree = treeFromReader({
    label: options.label,
    list: () => Promise.resolve(options.paths),
    read: readOne
  })
  return Object.defineProperty(tree, 'filesRead', { get: () => seen.size }) as FileTree & {
    readonly filesRead: number
  }
}

/** Cargo.toml paths of every ancestor directory of the given manifests (workspace-root candidates), shallowest first. */
export function ancestorManifests(paths: readonly string[]): string[] {
  const out = new Set<string>()
  for (const path of paths) {
    if (!path.endsWith('Cargo.toml')) continue
    let dir = path.slice(0, Math.max(0, path.lastIndexOf('/')))
    while (dir !== '') {
      const slash = dir.lastIndexOf('/')
      dir = slash < 0 ? '' : dir.slice(0, slash)
      out.add(dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`)
    }
  }
  const depth = (path: string) => path.split('/').length
  return [...out].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))
}

function short(ref: string): string {
  return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 12) : ref
}
