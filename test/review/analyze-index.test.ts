// analyze() with the crates.io index: the index look-up runs beside the advisory look-up (never
// after it), its facts land on every added/updated crates.io change, a failure is unknown (shown,
// not incomplete), and the yanked gate reads them. Real fixture cases, the loopback fake index.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import type { AdvisorySource } from '../../src/advisories/source.js'
import { createCratesIndex, indexPath } from '../../src/advisories/crates-index/index.js'
import { analyze } from '../../src/review/analyze.js'
import { evaluateYankedGate, yankedGateFailure } from '../../src/review/yanked-gate.js'
import { directoryTree } from '../../src/trees/directory.js'
import { renderComment } from '../../src/render/markdown.js'
import type { LockfileChange, Report } from '../../src/core/model.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { fixtureIndex, startFakeIndex, type FakeIndex } from '../helpers/fake-index.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const offline = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
// A timeout no answer of a loaded machine reaches: each file is asked for once, never retried.
const fast = { retryBaseMs: 1, retries: 1, timeoutMs: 30_000 }

let fake: FakeIndex
beforeAll(async () => {
  fake = await startFakeIndex({ crates: fixtureIndex(CASES, [RUSTSEC_DIR]) })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  fake.faults.length = 0
  fake.resetStats()
})

function run(name: string, source: AdvisorySource | null = offline, indexUrl = fake.url) {
  return analyze({
    base: directoryTree(join(CASES, name, 'base'), 'base'),
    head: directoryTree(join(CASES, name, 'head'), 'head'),
    source,
    cratesIndex: createCratesIndex(indexUrl, fast)
  })
}

/**
 * What the fix advice reads: the crates.io packages of the head lockfiles that depend on a crate
 * whose fix is checked against requirements (read here with smol-toml, apart from the product's
 * lockfile reader).
 */
function parentsOfFixes(name: string, report: Report): Set<string> {
  return parentsOf(
    name,
    report,
    (change) => change.fix !== null && change.fix.kind !== 'none' && change.fix.kind !== 'remove'
  )
}

/** Crates.io crates some record of the RustSec export names (read apart from the product). */
const namedByRecords = ((): Set<string> => {
  const names = new Set<string>()
  for (const file of readdirSync(RUSTSEC_DIR)) {
    const record = JSON.parse(readFileSync(join(RUSTSEC_DIR, file), 'utf8')) as {
      affected?: { package?: { ecosystem?: string; name?: string } }[]
    }
    for (const affected of record.affected ?? []) {
      if (affected.package?.ecosystem === 'crates.io' && affected.package.name !== undefined)
        names.add(affected.package.name)
    }
  }
  return names
})()

/**
 * What is read early, beside the advisory records: the parents of every changed crate the source
 * lists with an advisory (a superset of the fix advice's, so its index files need no round of
 * their own after the verdicts).
 */
function parentsOfListed(name: string, report: Report): Set<string> {
  return parentsOf(
    name,
    report,
    (change) => change.kind !== 'removed' && namedByRecords.has(change.name)
  )
}

function parentsOf(
  name: string,
  report: Report,
  which: (change: LockfileChange) => boolean
): Set<string> {
  const out = new Set<string>()
  for (const lockfile of report.lockfiles) {
    const text = readFileSync(join(CASES, name, 'head', lockfile.path), 'utf8')
    const packages = (parseToml(text) as { package?: LockPackageRaw[] }).package ?? []
    for (const change of lockfile.changes) {
      if (!which(change)) continue
      for (const pkg of packages) {
        const deps = pkg.dependencies ?? []
        const names = [change.name, `${change.name} ${change.version ?? ''}`]
        const fromCratesIo = (pkg.source ?? '').includes('crates.io-index')
        if (
          fromCratesIo &&
          deps.some(
            (d) => names.includes(d) || d.startsWith(`${change.name} ${change.version ?? ''} `)
          )
        )
          out.add(pkg.name)
      }
    }
  }
  return out
}

interface LockPackageRaw {
  name: string
  source?: string
  dependencies?: string[]
}

function changes(report: Report): LockfileChange[] {
  return report.lockfiles.flatMap((lockfile) => lockfile.changes)
}

describe('analyze with the crates.io index', () => {
  it('puts yanked, published and registry on every added/updated crates.io version', async () => {
    const report = await run('cratesio-2023-tokio-1-23-1')
    const tokio = changes(report).find((change) => change.name === 'tokio')
    expect(tokio).toMatchObject({
      version: '1.23.1',
      yanked: false,
      registry: { status: 'published', note: null }
    })
    expect(tokio?.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(report.crates_index).toBe(fake.url)
    // tokio first; then, for its fix advice, the crates that depend on it (their requirements).
    expect(fake.stats.paths[0]).toBe('to/ki/tokio')
    const parents = parentsOfFixes('cratesio-2023-tokio-1-23-1', report)
    expect(parents.size).toBeGreaterThan(0)
    expect(new Set(fake.stats.paths.slice(1))).toEqual(
      new Set([...parents].map((n) => indexPath(n)))
    )
    expect(report.complete).toBe(true)
  })

  it('asks only for added/updated crates.io crates, each once, and nothing for removed or git ones', async () => {
    const report = await run('rustup-2020-cargo-update')
    const wanted = new Set(
      changes(report)
        .filter((c) => c.source === 'crates.io' && c.kind !== 'removed')
        .map((c) => c.name)
    )
    // The changed crates, each once, then the parents of the listed ones (which hold every crate
    // whose fix is checked), each once.
    const fixParents = parentsOfFixes('rustup-2020-cargo-update', report)
    const listedParents = parentsOfListed('rustup-2020-cargo-update', report)
    expect([...fixParents].filter((n) => !listedParents.has(n))).toEqual([])
    const parents = [...listedParents].filter((n) => !wanted.has(n))
    expect(fake.stats.paths).toHaveLength(wanted.size + parents.length)
    expect(new Set(fake.stats.paths).size).toBe(wanted.size + parents.length)
    expect(new Set(fake.stats.paths.slice(0, wanted.size))).toEqual(
      new Set([...wanted].map((n) => indexPath(n)))
    )
    for (const change of changes(report)) {
      const asked = change.source === 'crates.io' && change.kind !== 'removed'
      expect(change.registry === null, `${change.name} ${change.kind}`).toBe(!asked)
      if (!asked) expect(change.yanked).toBeNull()
    }
  })

  it('a yanked version the change introduces is reported and fails the yanked gate', async () => {
    fake.yank('tokio', '1.23.1')
    try {
      const report = await run('cratesio-2023-tokio-1-23-1')
      const tokio = changes(report).find((change) => change.name === 'tokio')
      expect(tokio?.yanked).toBe(true)
      const gate = evaluateYankedGate(report)
      expect(gate.yanked).toEqual(['tokio 1.23.1 (Cargo.lock)'])
      expect(yankedGateFailure(gate)).toMatch(
        /introduces yanked crate versions:\n {2}- tokio 1\.23\.1/
      )
    } finally {
      fake.yank('tokio', '1.23.1', false)
    }
    const clean = await run('cratesio-2023-tokio-1-23-1')
    expect(yankedGateFailure(evaluateYankedGate(clean))).toBeNull()
  })

  it('a crates.io package the index does not know is a finding (404), not "not yanked"', async () => {
    fake.remove('tar')
    try {
      const report = await run('cratesio-2019-tar')
      const tar = changes(report).find((change) => change.name === 'tar')
      expect(tar?.yanked).toBeNull()
      expect(tar?.registry?.status).toBe('crate-not-found')
      expect(evaluateYankedGate(report).unlisted).toHaveLength(1)
    } finally {
      fake.restore('tar')
    }
  })

  it('a line of invalid JSON in the file is skipped and said; the version read is still known', async () => {
    const fresh = await startFakeIndex({ crates: fixtureIndex(CASES, [RUSTSEC_DIR]) })
    fresh.corrupt('tokio')
    try {
      const report = await run('cratesio-2023-tokio-1-23-1', offline, fresh.url)
      const tokio = changes(report).find((change) => change.name === 'tokio')
      expect(tokio?.yanked).toBe(false)
      expect(tokio?.registry?.note).toMatch(
        /1 line of the index file could not be read \(line 2 is not JSON/
      )
    } finally {
      await fresh.close()
    }
  })

  it('an index failure is unknown: said once, never "not yanked", the advisories stay complete', async () => {
    fake.faults.push({ kind: 'status', status: 500, times: 99 })
    const report = await run('cratesio-2023-tokio-1-23-1')
    fake.faults.length = 0
    const tokio = changes(report).find((change) => change.name === 'tokio')
    expect(tokio?.yanked).toBeNull()
    expect(tokio?.registry?.status).toBe('unknown')
    expect(tokio?.advisories.length).toBeGreaterThan(0)
    expect(report.complete).toBe(true)
    const problems = report.problems.filter((p) => p.kind === 'index-lookup-failed')
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toMatch(/Yanked status unknown for 1 crate \(tokio\): .*HTTP 500/)
    expect(evaluateYankedGate(report).unknown).toHaveLength(1)
  })

  it('an unreachable index is unknown for every crate, and the report still comes', async () => {
    const report = await run('cratesio-2023-tokio-1-23-1', offline, 'http://127.0.0.1:9')
    expect(changes(report).find((c) => c.name === 'tokio')?.registry?.status).toBe('unknown')
    expect(report.complete).toBe(true)
  })

  it('runs beside the advisory look-up, not after it', async () => {
    // The advisory source answers only once the index has been asked: run one after the other,
    // this would never finish.
    let release: () => void = () => undefined
    const indexAsked = new Promise<void>((resolve) => {
      release = resolve
    })
    const waiting: AdvisorySource = {
      description: 'waits for the index',
      async lookup(crates) {
        const timer = setInterval(() => {
          if (fake.stats.requests > 0) release()
        }, 2)
        try {
          await indexAsked
        } finally {
          clearInterval(timer)
        }
        return offline.lookup(crates)
      }
    }
    const report = await run('cratesio-2023-tokio-1-23-1', waiting)
    expect(report.problems.filter((p) => p.kind === 'lookup-failed')).toEqual([])
    expect(changes(report).find((c) => c.name === 'tokio')?.yanked).toBe(false)
  })

  it('without an index (crates-index: false), nothing is asked and the fields are null', async () => {
    const report = await analyze({
      base: directoryTree(join(CASES, 'cratesio-2019-tar', 'base'), 'base'),
      head: directoryTree(join(CASES, 'cratesio-2019-tar', 'head'), 'head'),
      source: offline,
      cratesIndex: null
    })
    expect(report.crates_index).toBeNull()
    for (const change of changes(report)) {
      expect(change).toMatchObject({ yanked: null, published: null, registry: null })
    }
    expect(fake.stats.requests).toBe(0)
  })

  it('the fix advice chooses among the releases the index lists, never a yanked one', async () => {
    const tokioOf = (report: Report) => changes(report).find((c) => c.name === 'tokio')
    const listed = await run('cratesio-2023-tokio-1-23-1')
    expect(tokioOf(listed)?.fix).toMatchObject({ version: '1.38.2', checked_published: true })
    fake.yank('tokio', '1.38.2')
    try {
      const yanked = await run('cratesio-2023-tokio-1-23-1')
      const fix = tokioOf(yanked)?.fix
      expect(fix?.checked_published).toBe(true)
      expect(fix?.version).not.toBe('1.38.2')
      // What it names instead is a release the index lists and does not mark yanked.
      const lines = (fake.body('tokio') ?? '')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { vers: string; yanked: boolean })
      expect(lines.find((l) => l.vers === fix?.version)?.yanked).toBe(false)
    } finally {
      fake.yank('tokio', '1.38.2', false)
    }
    const withoutIndex = await analyze({
      base: directoryTree(join(CASES, 'cratesio-2023-tokio-1-23-1', 'base'), 'base'),
      head: directoryTree(join(CASES, 'cratesio-2023-tokio-1-23-1', 'head'), 'head'),
      source: offline,
      cratesIndex: null
    })
    expect(tokioOf(withoutIndex)?.fix?.checked_published).toBe(false)
  })

  it('a yanked version with no advisory is in the table and listed with the affected crates', async () => {
    const plain = await run('rustup-2020-cargo-update')
    const clean = changes(plain).find(
      (c) => c.source === 'crates.io' && c.kind !== 'removed' && c.advisories.length === 0
    )
    if (clean?.version == null) throw new Error('the case has a crate without advisories')
    fake.yank(clean.name, clean.version)
    try {
      const comment = renderComment(await run('rustup-2020-cargo-update'))
      const row = comment.split('\n').find((l) => l.startsWith('| ') && l.includes(clean.name))
      expect(row).toContain('**yanked**')
      expect(comment).toMatch(/### Yanked or not on crates\.io \(1\)/)
      expect(comment).toMatch(/1 new version is yanked or not on crates\.io\./)
      expect(comment).not.toMatch(/upgrade to a non-yanked/i)
    } finally {
      fake.yank(clean.name, clean.version, false)
    }
  })
})
