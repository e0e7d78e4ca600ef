// The fix advice's parent crates are read from the crates.io index beside the advisory records,
// not in a round of their own after the verdicts (issue 19: five rounds). As soon as the source
// lists which crates have advisories (OSV: its querybatch), the index is asked for the lockfile
// parents of those crates; the source here holds its records back until that look-up has started,
// so a product that asked only after the records would never finish (the test's timeout). Real
// fixture case (rustup's 2020 `cargo update`), the loopback fake index, the RustSec export.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import type { AdvisorySource } from '../../src/advisories/source.js'
import { createCratesIndex, type CratesIndex } from '../../src/advisories/crates-index/index.js'
import { analyze } from '../../src/review/analyze.js'
import { directoryTree } from '../../src/trees/directory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { fixtureIndex, startFakeIndex, type FakeIndex } from '../helpers/fake-index.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const NAME = 'rustup-2020-cargo-update'

let fake: FakeIndex
beforeAll(async () => {
  fake = await startFakeIndex({ crates: fixtureIndex(CASES, [RUSTSEC_DIR]) })
})
afterAll(async () => {
  await fake.close()
})

describe('the parents of crates with advisories are read beside the records', () => {
  it('their index look-up starts once the source lists the crates, before it answers', async () => {
    const events: string[] = []
    const lookups: (readonly string[])[] = []
    let parentsAsked: () => void = () => undefined
    const asked = new Promise<void>((resolve) => {
      parentsAsked = resolve
    })
    const inner = createCratesIndex(fake.url, { retryBaseMs: 1, retries: 1 })
    const index: CratesIndex = {
      description: inner.description,
      lookup(crates) {
        lookups.push(crates)
        events.push(`index look-up ${String(lookups.length)}`)
        if (lookups.length === 2) parentsAsked()
        return inner.lookup(crates)
      }
    }
    const offline = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
    let listed: string[] = []
    // Lists first (as OSV's querybatch does), then holds its records until the parents are asked.
    const held: AdvisorySource = {
      description: offline.description,
      async lookup(crates, hooks) {
        const result = await offline.lookup(crates)
        listed = [...result.records].filter(([, r]) => r.length > 0).map(([n]) => n)
        events.push('listed')
        hooks?.onListed?.(listed)
        await asked
        events.push('records answered')
        return result
      }
    }
    const report = await analyze({
      base: directoryTree(join(CASES, NAME, 'base'), 'base'),
      head: directoryTree(join(CASES, NAME, 'head'), 'head'),
      source: held,
      cratesIndex: index
    })
    expect(listed.length).toBeGreaterThan(0)
    // Two look-ups only: the changed crates, then the parents; none after the verdicts.
    expect(lookups).toHaveLength(2)
    expect(events).toEqual(['index look-up 1', 'listed', 'index look-up 2', 'records answered'])
    const [changed, parents] = lookups
    expect(parents?.filter((n) => changed?.includes(n))).toEqual([])
    // The advice found what it needed among them: some fix names the crates that hold it.
    const fixes = report.lockfiles.flatMap((l) => l.changes).filter((c) => c.fix !== null)
    expect(fixes.length).toBeGreaterThan(0)
    expect(report.complete).toBe(true)
  })
})
