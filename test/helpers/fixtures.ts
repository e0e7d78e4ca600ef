// The fixture cases (test/fixtures/cases, see PROVENANCE.md) in one place: the case list, their
// files, their expected.json validated with zod, and one offline advisory index per folder that
// every run in a test file shares (the RustSec export is read once, not once per run).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod'
import { createAdvisorySource, type AdvisorySource } from '../../src/advisories/index.js'
import {
  payloads,
  readFolder,
  type FakeComment,
  type FakeGitHub,
  type FakePull,
  type FakeRepo,
  type Files
} from './fake-github.js'
import { RUSTSEC_DIR } from './fake-osv.js'

export const CASES_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases')

/** Every case, by folder name, sorted. */
export const CASES: readonly string[] = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

const expectedAdvisory = z.strictObject({
  id: z.string().min(1),
  affected: z.boolean(),
  previous_affected: z.boolean().nullable().optional()
})
const expectedChange = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['added', 'updated', 'removed']),
  source: z.string().nullable(),
  version: z.string().nullable().optional(),
  previous: z.string().nullable().optional(),
  advisories: z.array(expectedAdvisory)
})
/** expected.json: the fields a case states about its report (others are free). */
export const expectedSchema = z.strictObject({
  lockfiles: z.array(z.strictObject({ path: z.string(), changes: z.array(expectedChange) })),
  manifests: z.array(z.strictObject({ path: z.string(), changes: z.array(z.unknown()) }))
})
export type Expected = z.infer<typeof expectedSchema>

const expectedCache = new Map<string, Expected>()
export function expectedOf(id: string): Expected {
  let expected = expectedCache.get(id)
  if (expected === undefined) {
    expected = expectedSchema.parse(
      JSON.parse(readFileSync(join(CASES_DIR, id, 'expected.json'), 'utf8'))
    )
    expectedCache.set(id, expected)
  }
  return expected
}

/** A case's two revisions as path → bytes maps (what the fake GitHub serves). */
export function caseFiles(id: string): { base: Files; head: Files } {
  return {
    base: readFolder(join(CASES_DIR, id, 'base')),
    head: readFolder(join(CASES_DIR, id, 'head'))
  }
}

export interface ExpectedChange {
  name: string
  kind: string
  source: string | null
  version?: string | null
  previous?: string | null
  advisories: { id: string; affected: boolean; previous_affected?: boolean | null }[]
}

/** The facts of a report's manifest changes the gate reads (expected.json does not state them). */
export interface ManifestFacts {
  changes: {
    name: string
    kind: string
    origin: unknown
    req: string | null
    previous_req: string | null
    workspace_req: string | null
    previous_workspace_req: string | null
    locked_by: unknown
    admitted: { all_affected: boolean | null } | null
    advisories: {
      id: string
      verdict: string
      ignored: unknown
      admits_affected: boolean | null
      previous_admits_affected: boolean | null
    }[]
  }[]
}

/**
 * The test's own reading of the rule for requirement changes no lockfile resolves: counted when
 * every admitted version is affected, once per (crate, origin, old and new requirement in force).
 */
export function requirementUnits(
  manifests: readonly ManifestFacts[]
): ManifestFacts['changes'][number][] {
  const units = new Map<string, ManifestFacts['changes'][number]>()
  for (const manifest of manifests) {
    for (const c of manifest.changes) {
      if (c.locked_by !== null || c.kind === 'removed' || c.admitted?.all_affected !== true)
        continue
      const base = c.previous_workspace_req ?? c.previous_req
      const head = c.workspace_req ?? c.req
      units.set([c.name, JSON.stringify(c.origin), base, head].join('\u0000'), c)
    }
  }
  return [...units.values()]
}

/**
 * What the gate must count for a case, derived from expected.json (no ignore rules), in the
 * report's unit: one crate change per distinct (crate, source, old, new version); plus, from the
 * report's own manifest facts (expected.json has none), each requirement change no lockfile
 * resolves whose every admitted version is affected, once per (crate, origin, old, new requirement).
 */
export function expectedGate(
  expected: { lockfiles: { changes: ExpectedChange[] }[] },
  manifests: readonly ManifestFacts[] = []
): {
  affectedCount: number
  advisoryIds: string[]
  introducedCount: number
  introducedIds: string[]
} {
  const unique = new Map<string, ExpectedChange>()
  for (const lockfile of expected.lockfiles) {
    for (const change of lockfile.changes) {
      const key = [change.name, change.source, change.previous, change.version].join('\u0000')
      unique.set(key, change)
    }
  }
  const ids = new Set<string>()
  const introducedIds = new Set<string>()
  let affectedCount = 0
  let introducedCount = 0
  for (const change of unique.values()) {
    if (change.kind === 'removed' || change.source !== 'crates.io') continue
    const hits = change.advisories.filter((advisory) => advisory.affected)
    const introduced = hits.filter((advisory) => advisory.previous_affected !== true)
    if (hits.length > 0) affectedCount += 1
    if (introduced.length > 0) introducedCount += 1
    for (const hit of hits) ids.add(hit.id)
    for (const hit of introduced) introducedIds.add(hit.id)
  }
  for (const c of requirementUnits(manifests)) {
    const hits = c.advisories.filter((a) => a.ignored === null && a.admits_affected === true)
    const introduced = hits.filter((a) => a.previous_admits_affected !== true)
    if (hits.length > 0) affectedCount += 1
    if (introduced.length > 0) introducedCount += 1
    for (const hit of hits) ids.add(hit.id)
    for (const hit of introduced) introducedIds.add(hit.id)
  }
  return {
    affectedCount,
    advisoryIds: [...ids].sort(),
    introducedCount,
    introducedIds: [...introducedIds].sort()
  }
}

const offline = new Map<string, AdvisorySource>()
/** One offline (path) advisory source per folder for the whole test file. */
export function offlineSource(dir: string = RUSTSEC_DIR): AdvisorySource {
  let source = offline.get(dir)
  if (source === undefined) {
    source = createAdvisorySource({ kind: 'path', path: dir })
    offline.set(dir, source)
  }
  return source
}

/**
 * A pull request in the fake GitHub between two file sets, with the event payload the runner would
 * give its workflow (changed_files counted as GitHub counts them).
 */
export function openPullRequest(
  github: FakeGitHub,
  repo: FakeRepo,
  options: {
    number: number
    base: Files
    head: Files
    fork?: boolean
    comments?: FakeComment[]
  }
): { pull: FakePull; payload: Record<string, unknown>; baseSha: string; headSha: string } {
  const { base, head, number } = options
  const baseSha = github.addCommit(repo, base)
  const headSha = github.addCommit(repo, head)
  const pull = github.addPull(repo, number, baseSha, headSha)
  pull.comments.push(...(options.comments ?? []))
  const changed = new Set(
    [...base.keys(), ...head.keys()].filter(
      (path) => !(base.get(path)?.equals(head.get(path) ?? Buffer.alloc(0)) ?? false)
    )
  )
  const payload = payloads.pullRequest({
    owner: repo.owner,
    repo: repo.name,
    number,
    base: baseSha,
    head: headSha,
    changedFiles: changed.size,
    ...(options.fork === undefined ? {} : { fork: options.fork })
  })
  return { pull, payload, baseSha, headSha }
}
