// Issue 9 §1 against the BUILT action (loopback fakes of GitHub and OSV): a one-line lockfile edit
// that respells the crates.io source must not hide a vulnerable crate, and versions or
// requirements Cargo refuses end unknown (incomplete, failing the gate), never "not affected".
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { payloads, startFakeGitHub } from '../helpers/fake-github.js'
import { GHSA_DIR, RUSTSEC_DIR, startFakeOsv } from '../helpers/fake-osv.js'
import { ACTION_ENTRY, runAction } from '../helpers/runner.js'

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index'
const pkg = (name: string, version: string, source: string): string =>
  `\n[[package]]\nname = "${name}"\nversion = ${JSON.stringify(version)}\nsource = "${source}"\n`
const lock = (body: string): string =>
  `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["smallvec"]\n${body}`
const manifest = (deps: string): string =>
  `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n${deps}`

async function runPull(
  base: Record<string, string>,
  head: Record<string, string>
): Promise<Awaited<ReturnType<typeof runAction>> & { comment: string }> {
  const github = await startFakeGitHub()
  const osv = await startFakeOsv({ dirs: [RUSTSEC_DIR, GHSA_DIR] })
  try {
    const repo = github.addRepo('octo-org', 'app')
    const files = (f: Record<string, string>) =>
      new Map(Object.entries(f).map(([path, text]) => [path, Buffer.from(text)]))
    const baseSha = github.addCommit(repo, files(base))
    const headSha = github.addCommit(repo, files(head))
    const pull = github.addPull(repo, 5, baseSha, headSha)
    const run = await runAction({
      eventName: 'pull_request',
      payload: payloads.pullRequest({
        owner: 'octo-org',
        repo: 'app',
        number: 5,
        base: baseSha,
        head: headSha,
        changedFiles: Object.keys(head).length
      }),
      repository: 'octo-org/app',
      apiUrl: github.url,
      inputs: { 'osv-api-url': osv.url, 'fail-on-affected': 'true' }
    })
    return { ...run, comment: pull.comments.map((c) => c.body).join('\n') }
  } finally {
    await osv.close()
    await github.close()
  }
}

describe.runIf(existsSync(ACTION_ENTRY))('hostile Cargo input (built action)', () => {
  it('smallvec 1.6.0 under a respelled crates.io source is looked up and fails the gate', async () => {
    const run = await runPull(
      { 'Cargo.lock': lock(pkg('smallvec', '1.6.1', CRATES_IO)) },
      {
        'Cargo.lock': lock(
          pkg('smallvec', '1.6.0', 'registry+https://GitHub.com:443/Rust-Lang/crates.io-index.git/')
        )
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs['affected-count']).toBe('1')
    expect(JSON.parse(run.outputs['advisory-ids'] ?? '[]')).toContain('RUSTSEC-2021-0003')
    const report = run.report as { lockfiles: { changes: { name: string; source: string }[] }[] }
    expect(report.lockfiles[0]?.changes).toEqual([
      expect.objectContaining({ name: 'smallvec', source: 'crates.io', kind: 'updated' })
    ])
    expect(run.comment).toContain('RUSTSEC-2021-0003')
    expect(run.comment).not.toContain('Not from crates.io')
  })

  it('a version and a requirement Cargo refuses are unknown: incomplete, the gate fails', async () => {
    const run = await runPull(
      {
        'Cargo.lock': lock(pkg('smallvec', '1.6.1', CRATES_IO)),
        'Cargo.toml': manifest('smallvec = "1.6.1"\n')
      },
      {
        'Cargo.lock': lock(pkg('smallvec', '1.6.0 ', CRATES_IO)),
        'Cargo.toml': manifest('smallvec = "=*"\n')
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.incomplete).toBe('true')
    expect(run.outputs['affected-count']).toBe('0')
    const report = run.report as {
      complete: boolean
      lockfiles: { changes: { lookup_error: string | null }[] }[]
      manifests: { changes: { lookup_error: string | null }[] }[]
    }
    expect(report.complete).toBe(false)
    expect(report.lockfiles[0]?.changes[0]?.lookup_error).toContain('"1.6.0 "')
    expect(report.manifests[0]?.changes[0]?.lookup_error).toContain('"=*"')
    expect(
      run.commands
        .filter((c) => c.name === 'error')
        .map((c) => c.message)
        .join('\n')
    ).toMatch(/incomplete/)
  })
})
