// The BUILT action's requests all go through the run's own undici (src/advisories/run-client.ts),
// so Node's bundled copy of undici — loaded by the first read of a fetch global (Response,
// Headers, Request, fetch), ~25-45 ms of CPU — has no use in a run and must never load: not
// before the first request (start-up) nor on the way (an answer re-wrapped, an index request).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { fixtureIndex, startFakeIndex, type FakeIndex } from '../helpers/fake-index.js'
import { RUSTSEC_DIR, startFakeOsv, type FakeServer } from '../helpers/fake-osv.js'
import { CASES_DIR, caseFiles, openPullRequest } from '../helpers/fixtures.js'
import { assertFreshDist, runBuiltAction } from '../helpers/runner.js'

const PRELOAD = join(import.meta.dirname, '..', 'helpers', 'loaded-builtins.mjs')
const NODE_UNDICI = 'NativeModule internal/deps/undici/undici'

let github: FakeGitHub
let osv: FakeServer
let index: FakeIndex

beforeAll(async () => {
  assertFreshDist()
  github = await startFakeGitHub()
  osv = await startFakeOsv()
  index = await startFakeIndex({ crates: fixtureIndex(CASES_DIR, [RUSTSEC_DIR]) })
})
afterAll(async () => {
  await github.close()
  await osv.close()
  await index.close()
})

/** The internal modules the built action loaded in one run, and the run. */
async function loadedIn(inputs: Record<string, string>) {
  const out = join(mkdtempSync(join(tmpdir(), 'car-loaded-')), 'loaded.jsonl')
  writeFileSync(out, '')
  const repo = github.addRepo('octo-org', 'app')
  const { payload } = openPullRequest(github, repo, {
    number: 1,
    ...caseFiles('cratesio-2023-tokio-1-23-1')
  })
  const run = await runBuiltAction({
    eventName: 'pull_request',
    payload,
    repository: 'octo-org/app',
    apiUrl: github.url,
    inputs,
    env: { NODE_OPTIONS: `--import=${PRELOAD}`, LOADED_BUILTINS_OUT: out }
  })
  const lines = readFileSync(out, 'utf8').trim().split('\n')
  return { run, loaded: JSON.parse(lines.at(-1) ?? '[]') as string[] }
}

describe("the built action and Node's own undici", () => {
  it('a run through OSV and the crates.io index never loads it, and the run is complete', async () => {
    const { run, loaded } = await loadedIn({
      'advisory-source': 'osv',
      'osv-api-url': osv.url,
      'crates-index': 'true',
      'crates-index-url': index.url
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.incomplete).toBe('false')
    expect(index.stats.requests).toBeGreaterThan(0)
    // The probe sees what it must: the run loaded Node's HTTP client (its own undici uses it).
    expect(loaded).toContain('NativeModule http')
    expect(loaded).not.toContain(NODE_UNDICI)
  })
})
