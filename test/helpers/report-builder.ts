// Small builders for synthetic Report objects, so render tests can state only what they exercise.
import type {
  AdvisoryFinding,
  LockfileChange,
  LockfileReport,
  ManifestAdvisoryFinding,
  ManifestChange,
  ManifestReport,
  Problem,
  Report
} from '../../src/core/model.js'

export function advisory(overrides: Partial<AdvisoryFinding> & { id: string }): AdvisoryFinding {
  const rustsec = overrides.id.startsWith('RUSTSEC-')
  return {
    aliases: [],
    summary: `Summary of ${overrides.id}`,
    details: null,
    informational: null,
    affected_ranges: [],
    affected_versions: [],
    cvss: null,
    severity: [],
    functions: [],
    os: [],
    arch: [],
    references: [],
    databases: [rustsec ? 'RUSTSEC' : 'GHSA'],
    published: null,
    modified: null,
    url: rustsec
      ? `https://rustsec.org/advisories/${overrides.id}.html`
      : `https://osv.dev/vulnerability/${overrides.id}`,
    ignored: null,
    affected: false,
    previous_affected: null,
    ...overrides
  }
}

export function manifestAdvisory(
  overrides: Partial<ManifestAdvisoryFinding> & { id: string }
): ManifestAdvisoryFinding {
  const info: Partial<AdvisoryFinding> = { ...advisory(overrides) }
  delete info.affected
  delete info.previous_affected
  return {
    ...(info as Omit<AdvisoryFinding, 'affected' | 'previous_affected'>),
    admits_affected: null,
    previous_admits_affected: null,
    ...overrides
  }
}

export function change(overrides: Partial<LockfileChange> & { name: string }): LockfileChange {
  return {
    source: 'crates.io',
    kind: 'added',
    version: '1.0.0',
    previous: null,
    dependency_path: ['app', overrides.name],
    advisories: [],
    lookup_error: null,
    ...overrides
  }
}

export function lockfile(
  path: string,
  changes: LockfileChange[],
  error: LockfileReport['error'] = null
): LockfileReport {
  return { path, base_format: 3, head_format: 3, changes, error }
}

export function manifestChange(
  overrides: Partial<ManifestChange> & { name: string }
): ManifestChange {
  return {
    key: overrides.name,
    section: 'dependencies',
    target: null,
    kind: 'added',
    req: '1',
    previous_req: null,
    workspace: false,
    workspace_req: null,
    previous_workspace_req: null,
    origin: { kind: 'registry', registry: null },
    previous_origin: null,
    advisories: [],
    lookup_error: null,
    ...overrides
  }
}

export function manifest(path: string, changes: ManifestChange[]): ManifestReport {
  return { path, changes, error: null }
}

/** A report whose summary is computed from its changes the way the model documents it. */
export function report(parts: {
  lockfiles?: LockfileReport[]
  manifests?: ManifestReport[]
  problems?: Problem[]
  complete?: boolean
  advisory_source?: string | null
}): Report {
  const lockfiles = parts.lockfiles ?? []
  const changes = lockfiles.flatMap((l) => l.changes)
  const active = (a: AdvisoryFinding): boolean => a.ignored === null
  const affecting = changes.filter(
    (c) =>
      c.kind !== 'removed' &&
      c.source === 'crates.io' &&
      c.advisories.some((a) => active(a) && a.affected)
  )
  const problems = parts.problems ?? []
  return {
    schema_version: 1,
    tool: { name: 'cargo-advisory-review', version: '0.0.0-test' },
    base: 'base',
    head: 'head',
    advisory_source: parts.advisory_source === undefined ? 'test fixtures' : parts.advisory_source,
    complete: parts.complete ?? !problems.some((p) => p.incomplete),
    problems,
    summary: {
      lockfiles_changed: lockfiles.filter((l) => l.changes.length > 0).length,
      crates_added: changes.filter((c) => c.kind === 'added').length,
      crates_updated: changes.filter((c) => c.kind === 'updated').length,
      crates_removed: changes.filter((c) => c.kind === 'removed').length,
      affected_versions: affecting.length,
      affected_advisories: affecting.reduce(
        (n, c) => n + c.advisories.filter((a) => active(a) && a.affected).length,
        0
      ),
      fixed_advisories: changes.reduce(
        (n, c) =>
          n +
          c.advisories.filter(
            (a) =>
              active(a) &&
              (c.kind === 'removed' ? a.affected : a.previous_affected === true && !a.affected)
          ).length,
        0
      ),
      ignored_advisories: changes.reduce(
        (n, c) => n + c.advisories.filter((a) => !active(a)).length,
        0
      ),
      manifests_changed: (parts.manifests ?? []).filter((m) => m.changes.length > 0).length
    },
    lockfiles,
    manifests: parts.manifests ?? []
  }
}
