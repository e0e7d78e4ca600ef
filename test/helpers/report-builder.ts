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
import { changeVerdict, findingVerdict } from '../../src/evaluate/verdict.js'
import { summarize } from '../../src/review/counts.js'

/** `<X` ranges are fixed at `X`, as the engine would say (ranges of other shapes: state them). */
function fixedOf(ranges: readonly string[] | undefined): string[] {
  return (ranges ?? []).flatMap((r) => {
    const m = /<([0-9][^\s;]*)$/.exec(r)
    return m === null || r.includes('<=') ? [] : [`>=${m[1] ?? ''}`]
  })
}

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
    // Recomputed by change() from the change's kind, as the engine does.
    verdict: 'not-affected',
    fixed_ranges: fixedOf(overrides.affected_ranges),
    categories: [],
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

/** Verdicts as the engine computes them from `affected` / `previous_affected` and the kind. */
function judged<T extends LockfileChange>(c: T): T {
  const advisories = c.advisories.map((a) => ({
    ...a,
    verdict: findingVerdict(
      c.kind,
      a.affected,
      a.previous_affected,
      a.categories.includes('malicious')
    )
  }))
  return {
    ...c,
    advisories,
    verdict: changeVerdict({ advisories, lookup_error: c.lookup_error }, c.source === 'crates.io')
  }
}

export function change(overrides: Partial<LockfileChange> & { name: string }): LockfileChange {
  return judged({
    source: 'crates.io',
    kind: 'added',
    version: '1.0.0',
    previous: null,
    dependency_path: ['app', overrides.name],
    advisories: [],
    lookup_error: null,
    verdict: 'not-checked',
    fix: null,
    unmaintained: null,
    ...overrides
  })
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
  const base: ManifestChange = {
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
    verdict: 'not-checked',
    locked_by: null,
    admitted: null,
    ...overrides
  }
  const advisories = base.advisories.map((a) => ({
    ...a,
    verdict: findingVerdict(
      base.kind,
      a.admits_affected === true,
      a.previous_admits_affected,
      a.categories.includes('malicious')
    )
  }))
  const checked = base.origin.kind === 'registry' && base.origin.registry === null
  return {
    ...base,
    advisories,
    verdict: changeVerdict({ advisories, lookup_error: base.lookup_error }, checked)
  }
}

export function manifest(path: string, changes: ManifestChange[]): ManifestReport {
  return { path, changes, error: null }
}

/** A report whose summary is computed from its changes' verdicts, by the engine's own summarize. */
export function report(parts: {
  lockfiles?: LockfileReport[]
  manifests?: ManifestReport[]
  problems?: Problem[]
  complete?: boolean
  advisory_source?: string | null
}): Report {
  const lockfiles = parts.lockfiles ?? []
  const problems = parts.problems ?? []
  return {
    schema_version: 1,
    tool: { name: 'cargo-advisory-review', version: '0.0.0-test' },
    base: 'base',
    head: 'head',
    advisory_source: parts.advisory_source === undefined ? 'test fixtures' : parts.advisory_source,
    complete: parts.complete ?? !problems.some((p) => p.incomplete),
    problems,
    summary: summarize(lockfiles, parts.manifests ?? []),
    lockfiles,
    manifests: parts.manifests ?? []
  }
}
