// SARIF 2.1.0 of real cases: valid against the official schema (test/fixtures/sarif, see
// PROVENANCE.md), shaped as GitHub's upload-sarif takes it (one run, tool.driver name and version,
// relative URIs), one rule per advisory, one result per (advisory, crate version, location).
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import type { Finding } from '../../src/evaluate/locate.js'
import { runCli } from '../../src/cli/run.js'
import { analyze } from '../../src/review/analyze.js'
import { findingsWithLocations } from '../../src/review/locations.js'
import { renderSarif } from '../../src/render/sarif.js'
import { directoryTree } from '../../src/trees/directory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { sarifValidator } from '../helpers/sarif-schema.js'

const CASES_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases')
const validate = sarifValidator()
const source = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })

async function findingsOf(name: string): Promise<Finding[]> {
  const head = directoryTree(join(CASES_DIR, name, 'head'), 'head')
  const base = directoryTree(join(CASES_DIR, name, 'base'), 'base')
  return findingsWithLocations(await analyze({ base, head, source }), head)
}

interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: string
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string }
      region?: { startLine: number }
    }
  }[]
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[]
  partialFingerprints: Record<string, string>
}
interface SarifLog {
  version: string
  runs: {
    tool: {
      driver: {
        name: string
        version: string
        rules: { id: string; help: { markdown: string }; helpUri?: string }[]
      }
    }
    results: SarifResult[]
  }[]
}

const options = { toolName: 'cargo-advisory-review', toolVersion: '1.2.3' }

describe('SARIF of real cases', () => {
  it.each(['rustup-2020-cargo-update', 'helix-2023-nucleo-workspace', 'bat-2018-add-git2'])(
    '%s validates against the SARIF 2.1.0 schema',
    async (name) => {
      const sarif = JSON.parse(
        JSON.stringify(renderSarif(await findingsOf(name), options))
      ) as unknown
      const valid = validate(sarif)
      expect(validate.errors ?? []).toEqual([])
      expect(valid).toBe(true)
    }
  )

  it('the validator refuses what the schema forbids (line 0, an unknown level)', async () => {
    const sarif = renderSarif(await findingsOf('bat-2018-add-git2'), options) as unknown as SarifLog
    const broken = structuredClone(sarif)
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region!.startLine = 0
    expect(validate(broken)).toBe(false)
    const badLevel = structuredClone(sarif)
    badLevel.runs[0]!.results[0]!.level = 'notice'
    expect(validate(badLevel)).toBe(false)
  })

  it('one run; one rule per advisory; one result per (advisory, crate version, location), at the real line (rustup)', async () => {
    const name = 'rustup-2020-cargo-update'
    const findings = await findingsOf(name)
    const sarif = renderSarif(findings, options) as unknown as SarifLog
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(1)
    const run = sarif.runs[0]!
    expect(run.tool.driver).toMatchObject({ name: 'cargo-advisory-review', version: '1.2.3' })
    const ids = findings.flatMap((f) => f.advisories.map((a) => a.id))
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual([...new Set(ids)].sort())
    expect(run.results).toHaveLength(ids.length)
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId)
      const location = result.locations[0]!.physicalLocation
      // Relative to the repository root, no scheme, no leading slash.
      expect(location.artifactLocation.uri).toMatch(/^[^/:][^:]*$/)
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%')
      const lines = readFileSync(
        join(CASES_DIR, name, 'head', location.artifactLocation.uri),
        'utf8'
      ).split('\n')
      expect(lines[(location.region?.startLine ?? 0) - 1]).toMatch(
        /^\[\[package\]\]$|^[A-Za-z0-9_-]+\s*=/
      )
    }
    // tokio 0.2.19 is introduced by one advisory and still affected by two: error and warnings.
    const tokio = run.results.filter((r) => r.message.text.startsWith('tokio 0.2.19'))
    expect(tokio.map((r) => [r.ruleId, r.level]).sort()).toEqual([
      ['RUSTSEC-2021-0124', 'warning'],
      ['RUSTSEC-2023-0005', 'warning'],
      ['RUSTSEC-2025-0023', 'error']
    ])
    // The Security tab's facts as the rule's help, with its link.
    const rule = run.tool.driver.rules.find((r) => r.id === 'RUSTSEC-2025-0023')!
    expect(rule.helpUri).toBe('https://rustsec.org/advisories/RUSTSEC-2025-0023.html')
    expect(rule.help.markdown).toContain('RUSTSEC-2025-0023')
  })

  it('fingerprints are stable across runs and distinct between results', async () => {
    const findings = await findingsOf('rustup-2020-cargo-update')
    const first = renderSarif(findings, options) as unknown as SarifLog
    const again = renderSarif(
      await findingsOf('rustup-2020-cargo-update'),
      options
    ) as unknown as SarifLog
    const prints = (log: SarifLog) =>
      log.runs[0]!.results.map((r) => r.partialFingerprints['cargoAdvisoryReview/v1'])
    expect(prints(again)).toEqual(prints(first))
    expect(new Set(prints(first)).size).toBe(first.runs[0]!.results.length)
  })

  it('the inherited requirement is a related location (helix)', async () => {
    const sarif = renderSarif(
      await findingsOf('helix-2023-nucleo-workspace'),
      options
    ) as unknown as SarifLog
    const result = sarif.runs[0]!.results.find((r) => r.message.text.startsWith('crossbeam-epoch'))!
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('helix-core/Cargo.toml')
    expect(result.message.text).toContain('via nucleo → rayon → rayon-core → crossbeam-deque')
    expect(result.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri).toBe('Cargo.toml')
  })
})

describe('the CLI: --sarif FILE', () => {
  it('writes a valid SARIF log beside the report, URIs relative to the head folder (bat adds git2)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'car-sarif-cli-')), 'bat.sarif')
    let stderr = ''
    const code = await runCli(
      [
        '--base-dir',
        join(CASES_DIR, 'bat-2018-add-git2', 'base'),
        '--head-dir',
        join(CASES_DIR, 'bat-2018-add-git2', 'head'),
        '--advisory-source',
        RUSTSEC_DIR,
        '--no-crates-index',
        '--format',
        'json',
        '--sarif',
        out
      ],
      {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        cwd: process.cwd(),
        env: {},
        stdoutIsTTY: false
      }
    )
    expect(code).toBe(0)
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as SarifLog
    expect(validate(sarif)).toBe(true)
    const results = sarif.runs[0]!.results
    // git2 (3 advisories), libgit2-sys (2) and idna (1), all on the `git2 = "0.6"` line.
    expect(results).toHaveLength(6)
    for (const result of results) {
      const location = result.locations[0]!.physicalLocation
      expect(location.artifactLocation.uri).toBe('Cargo.toml')
      expect(location.region?.startLine).toBe(16)
    }
    expect(stderr).toContain('SARIF: 6 results written to')
  })

  it('a --sarif folder that does not exist is a usage error before any work', async () => {
    let stderr = ''
    const code = await runCli(
      ['--base-dir', 'a', '--head-dir', 'b', '--sarif', '/nonexistent-folder/x.sarif'],
      {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        cwd: process.cwd(),
        env: {},
        stdoutIsTTY: false
      }
    )
    expect(code).toBe(2)
    expect(stderr).toContain('--sarif')
  })
})
