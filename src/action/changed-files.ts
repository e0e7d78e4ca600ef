// The Cargo files a pull request (or a pair of commits) changes, from GitHub's REST API: the pull
// request's file list (bounded: GitHub stops at 3,000 files, 30 pages of 100), or past that cap
// by comparing the two git trees. The listing also says which files exist on each side and gives
// the head blob SHAs, against which every file read is verified.
import * as z from 'zod'
import type { Logger, Problem } from '../core/model.js'
import { isCargoFile } from '../trees/tree.js'
import type { RepoRef } from './github-files.js'
import type { GitHubClient } from './octokit.js'

/** GitHub stops listing a pull request's files here. */
export const PULL_REQUEST_FILE_CAP = 3000

/**
 * Changed Cargo files read at most (two requests each). A hostile or huge pull request must not
 * spend a GITHUB_TOKEN's 1,000 requests an hour, or minutes of the job, on manifests.
 */
export const MAX_CARGO_FILES = 300

/** At most MAX_CARGO_FILES paths: lockfiles first (they hold the versions), then manifests nearest the root. */
export function limitCargoFiles(paths: readonly string[]): {
  paths: string[]
  problem: Problem | null
} {
  if (paths.length <= MAX_CARGO_FILES) return { paths: [...paths], problem: null }
  const rank = (path: string) => (path.endsWith('Cargo.lock') ? 0 : 1)
  const depth = (path: string) => path.split('/').length
  const kept = [...paths]
    .sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_CARGO_FILES)
    .sort()
  return {
    paths: kept,
    problem: {
      kind: 'file-list-truncated',
      message: `The pull request changes ${String(paths.length)} Cargo files; only ${String(MAX_CARGO_FILES)} were compared (lockfiles first, then the manifests nearest the root), so the changes of the other ${String(paths.length - MAX_CARGO_FILES)} are unknown`,
      incomplete: true
    }
  }
}
const PAGE_SIZE = 100

export interface ChangedCargoFiles {
  /** Cargo files changed between base and head (both names of a rename). */
  paths: string[]
  /** Blob SHAs known from the listing, per side, for the large-file fallback. */
  baseBlobs: Map<string, string>
  headBlobs: Map<string, string>
  /** Whether each changed path exists at base / head, per the listing: a 404 on a file that should
   * exist is a failed read, not an absent file (that would turn a bump into "new crate"). */
  baseExists: Map<string, boolean>
  headExists: Map<string, boolean>
  /** Files listed in total (all kinds), for the logs. */
  filesListed: number
  problems: Problem[]
}

const diffEntry = z.looseObject({
  filename: z.string(),
  status: z.string(),
  sha: z.string().nullish(),
  previous_filename: z.string().optional()
})

/** Lists a pull request's changed files; falls back to comparing trees when the list is capped. */
export async function listPullRequestCargoFiles(
  octokit: GitHubClient,
  repo: RepoRef,
  options: {
    number: number
    base: string
    head: string
    changedFiles: number | null
    logger: Logger
  }
): Promise<ChangedCargoFiles> {
  const paths = new Set<string>()
  const headBlobs = new Map<string, string>()
  const baseExists = new Map<string, boolean>()
  const headExists = new Map<string, boolean>()
  let listed = 0
  const take = (data: readonly unknown[]): void => {
    for (const raw of data) {
      listed += 1
      const entry = diffEntry.parse(raw)
      const renamed = entry.previous_filename !== undefined
      if (isCargoFile(entry.filename)) {
        paths.add(entry.filename)
        if (entry.sha && entry.status !== 'removed') headBlobs.set(entry.filename, entry.sha)
        const created = entry.status === 'added' || entry.status === 'copied' || renamed
        baseExists.set(entry.filename, baseExists.get(entry.filename) === true || !created)
        headExists.set(entry.filename, entry.status !== 'removed')
      }
      if (entry.previous_filename !== undefined && isCargoFile(entry.previous_filename)) {
        paths.add(entry.previous_filename)
        baseExists.set(entry.previous_filename, true)
        if (!headExists.has(entry.previous_filename)) headExists.set(entry.previous_filename, false)
      }
    }
  }
  const { changedFiles } = options
  if (changedFiles !== null && changedFiles > PULL_REQUEST_FILE_CAP) {
    options.logger.info(
      `The pull request changes ${String(changedFiles)} files (GitHub caps the list at ${String(PULL_REQUEST_FILE_CAP)}); comparing the base and head trees instead`
    )
    return { ...(await listCargoFilesByTrees(octokit, repo, options)), filesListed: 0 }
  }
  if (changedFiles === null) {
    const iterator = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
      ...repo,
      pull_number: options.number,
      per_page: PAGE_SIZE
    })
    // Bounded: GitHub lists at most 3,000 files, so a link past page 30 is not followed.
    let pages = 0
    for await (const page of iterator) {
      take(page.data)
      pages += 1
      if (pages >= PULL_REQUEST_FILE_CAP / PAGE_SIZE) break
    }
  } else {
    // The payload says how many files there are: ask for every page at once (one round trip
    // instead of one per page), then keep going only if a full last page says there are more.
    const listPage = async (page: number): Promise<unknown[]> =>
      (
        await octokit.rest.pulls.listFiles({
          ...repo,
          pull_number: options.number,
          per_page: PAGE_SIZE,
          page
        })
      ).data
    const pageCount = Math.max(1, Math.ceil(changedFiles / PAGE_SIZE))
    const pages = await Promise.all(
      Array.from({ length: pageCount }, (_, index) => listPage(index + 1))
    )
    for (const data of pages) take(data)
    let next = pageCount + 1
    let last = pages.at(-1) ?? []
    while (last.length === PAGE_SIZE && next <= PULL_REQUEST_FILE_CAP / PAGE_SIZE) {
      last = await listPage(next)
      take(last)
      next += 1
    }
  }
  const capped =
    listed >= PULL_REQUEST_FILE_CAP ||
    (options.changedFiles !== null && listed < options.changedFiles)
  if (capped) {
    options.logger.info(
      `The pull request lists ${String(listed)} of ${String(options.changedFiles ?? listed)}+ changed files (GitHub caps the list at ${String(PULL_REQUEST_FILE_CAP)}); comparing the base and head trees instead`
    )
    const byTrees = await listCargoFilesByTrees(octokit, repo, options)
    return { ...byTrees, filesListed: listed }
  }
  return {
    paths: [...paths].sort(),
    baseBlobs: new Map(),
    headBlobs,
    baseExists,
    headExists,
    filesListed: listed,
    problems: []
  }
}

const gitTree = z.looseObject({
  truncated: z.boolean().optional(),
  tree: z.array(z.looseObject({ path: z.string(), type: z.string(), sha: z.string() }))
})

/** Changed Cargo files found by comparing the blob SHAs of two recursive git trees. */
export async function listCargoFilesByTrees(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { base: string; head: string }
): Promise<ChangedCargoFiles> {
  const problems: Problem[] = []
  const [base, head] = await Promise.all(
    [options.base, options.head].map(async (ref) => {
      const response = await octokit.rest.git.getTree({ ...repo, tree_sha: ref, recursive: 'true' })
      const tree = gitTree.parse(response.data)
      if (tree.truncated === true) {
        problems.push({
          kind: 'file-list-truncated',
          message: `GitHub truncated the file tree of ${ref}: Cargo files beyond its limit were not compared`,
          incomplete: true
        })
      }
      const blobs = new Map<string, string>()
      for (const entry of tree.tree) {
        if (entry.type === 'blob' && isCargoFile(entry.path)) blobs.set(entry.path, entry.sha)
      }
      return blobs
    })
  )
  const baseBlobs = base ?? new Map<string, string>()
  const headBlobs = head ?? new Map<string, string>()
  const paths = new Set<string>()
  for (const [path, sha] of baseBlobs) if (headBlobs.get(path) !== sha) paths.add(path)
  for (const path of headBlobs.keys()) if (!baseBlobs.has(path)) paths.add(path)
  const sorted = [...paths].sort()
  return {
    paths: sorted,
    baseBlobs,
    headBlobs,
    baseExists: new Map(sorted.map((path) => [path, baseBlobs.has(path)])),
    headExists: new Map(sorted.map((path) => [path, headBlobs.has(path)])),
    filesListed: baseBlobs.size + headBlobs.size,
    problems
  }
}
