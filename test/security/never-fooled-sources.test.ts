// Issue 21, class 4: one source filter. rustsec.org's packages/<name>.json is built from both
// advisory-db collections, `crates/` and `rust/` (the toolchain), and its OSV conversion labels
// every record `crates.io` (runtime contract §3.9). The toolchain record served here is
// advisory-db's rust/cargo/CVE-2019-16760.md in that shape (test/fixtures/PROVENANCE.md); the
// crate records are the real RustSec OSV export. Only `crates/` records count, so the rustsec
// source and the OSV export (a path source) agree.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import { evaluateGate, gateFailure } from '../../src/review/gate.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { startFakeRustsec } from '../helpers/fake-rustsec.js'
import { memoryTree } from '../helpers/memory-source.js'

const TOOLCHAIN_DIR = join(
  fileURLToPath(new URL('../fixtures/osv/rustsec-toolchain', import.meta.url))
)

let fake: Awaited<ReturnType<typeof startFakeRustsec>>
beforeAll(async () => {
  fake = await startFakeRustsec({ dirs: [RUSTSEC_DIR, TOOLCHAIN_DIR] })
})
afterAll(async () => {
  await fake.close()
})

function side(label: string, version: string | null) {
  const lock = [
    'version = 3',
    '',
    '[[package]]',
    'name = "app"',
    'version = "0.1.0"',
    ...(version === null
      ? []
      : [
          'dependencies = ["cargo"]',
          '',
          '[[package]]',
          'name = "cargo"',
          `version = "${version}"`,
          'source = "registry+https://github.com/rust-lang/crates.io-index"'
        ]),
    ''
  ].join('\n')
  return memoryTree(label, {
    'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n',
    'Cargo.lock': lock
  })
}

describe('toolchain advisories are not crate advisories (issue 21, class 4)', () => {
  it('the fake serves the toolchain record under packages/cargo.json, as rustsec.org does', async () => {
    const answer = await fetch(`${fake.url}/packages/cargo.json`)
    const body = (await answer.json()) as { id: string }[]
    expect(body.map((record) => record.id)).toEqual(['CVE-2019-16760'])
  })

  it('rustsec and the OSV export agree, crate by crate', async () => {
    const crates = ['cargo', 'rustdecimal', 'tar', 'openssl']
    const rustsec = await createAdvisorySource({ kind: 'rustsec', url: fake.url }).lookup(crates)
    const osv = await createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR }).lookup(crates)
    const ids = (result: typeof rustsec, name: string) =>
      (result.records.get(name) ?? []).map((record) => record.id).sort()
    for (const name of crates) {
      expect(rustsec.failed.get(name)).toBeUndefined()
      expect(ids(rustsec, name)).toEqual(ids(osv, name))
    }
    expect(ids(rustsec, 'cargo')).toEqual([])
    expect(ids(rustsec, 'tar').length).toBeGreaterThan(0)
  })

  it('a PR adding the crate cargo 0.80.0 is not failed for a toolchain bug', async () => {
    const report = await analyze({
      base: side('base', null),
      head: side('head', '0.80.0'),
      source: createAdvisorySource({ kind: 'rustsec', url: fake.url })
    })
    const change = report.lockfiles[0]?.changes[0]
    expect(change?.name).toBe('cargo')
    expect(change?.advisories).toEqual([])
    expect(change?.verdict).toBe('not-affected')
    expect(report.complete).toBe(true)
    expect(gateFailure(evaluateGate(report), 'any')).toBeNull()
  })
})
