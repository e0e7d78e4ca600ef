// Cargo.toml reader: every dependency declaration, in every section Cargo reads, with its identity
// (section, target, key), the real crate name, the requirement as written and where it comes from.
import { compareStrings } from '../core/compare.js'
import { z } from 'zod'
import type { DependencyOrigin, DependencySection } from '../core/model.js'
import { parsedOnce } from './parse-once.js'
import { parseToml, shapeError } from './toml.js'

// Readonly all through: one parse is shared by every reader of the run (parse-once.ts).
export interface ManifestDependency {
  /** The key as written. */
  readonly key: string
  /** The real crate name: `package = "…"` when given, else the key (see resolveWorkspace for `workspace = true`). */
  readonly name: string
  /** `package = "…"` as written, null when absent. */
  readonly package: string | null
  readonly section: DependencySection
  readonly target: string | null
  /** The `version` requirement as written; null when absent or inherited (`workspace = true`). */
  readonly req: string | null
  readonly workspace: boolean
  readonly origin: DependencyOrigin
}

export interface ParsedManifest {
  readonly path: string
  /** `[package] name` (or legacy `[project]`), null for a virtual manifest. */
  readonly packageName: string | null
  /** The manifest has a `[workspace]` table: it is a workspace root. */
  readonly isWorkspaceRoot: boolean
  /** `package.workspace = "…"`: explicit path to the workspace root's directory, as written. */
  readonly workspacePath: string | null
  /** Sorted by section, target, key. */
  readonly dependencies: readonly ManifestDependency[]
  /** `[workspace] exclude` paths as written (relative to the root's directory). */
  readonly workspaceExclude: readonly string[]
  /** `workspace.resolver` or `package.resolver` as written, null when absent. */
  readonly resolver: string | null
  /** `package.edition` (a string), null when absent or inherited. */
  readonly edition: string | null
  /** `[workspace] members` as written (globs, relative to the root's directory); null when absent. */
  readonly workspaceMembers: readonly string[] | null
  /** `package.rust-version`; `workspace` when it says `{ workspace = true }`; null when absent. */
  readonly rustVersion: string | null
  /** `[workspace.package] rust-version`, null when absent. */
  readonly workspaceRustVersion: string | null
}

const DetailSchema = z.looseObject({
  version: z.string().optional(),
  package: z.string().optional(),
  workspace: z.boolean().optional(),
  path: z.string().optional(),
  git: z.string().optional(),
  branch: z.string().optional(),
  tag: z.string().optional(),
  rev: z.string().optional(),
  registry: z.string().optional()
})
const DependencySchema = z.union([z.string(), DetailSchema])
const DependencyTableSchema = z.record(z.string(), DependencySchema)

const SECTION_KEYS = {
  dependencies: DependencyTableSchema.optional(),
  'dev-dependencies': DependencyTableSchema.optional(),
  dev_dependencies: DependencyTableSchema.optional(),
  'build-dependencies': DependencyTableSchema.optional(),
  build_dependencies: DependencyTableSchema.optional()
}
const SectionsSchema = z.looseObject(SECTION_KEYS)
type Sections = z.infer<typeof SectionsSchema>
type TableSection = Exclude<DependencySection, 'workspace.dependencies'>
type LegacySection = 'dev_dependencies' | 'build_dependencies'

const InheritableString = z.union([
  z.string(),
  z.looseObject({ workspace: z.boolean().optional() })
])
const PackageSchema = z.looseObject({
  name: z.string().optional(),
  workspace: z.string().optional(),
  resolver: z.string().optional(),
  edition: InheritableString.optional(),
  'rust-version': InheritableString.optional()
})

const ManifestSchema = z.looseObject({
  ...SECTION_KEYS,
  package: PackageSchema.optional(),
  project: PackageSchema.optional(),
  workspace: z
    .looseObject({
      dependencies: DependencyTableSchema.optional(),
      exclude: z.array(z.string()).optional(),
      members: z.array(z.string()).optional(),
      resolver: z.string().optional(),
      package: z.looseObject({ 'rust-version': z.string().optional() }).optional()
    })
    .optional(),
  target: z.record(z.string(), SectionsSchema).optional()
})

type Detail = z.infer<typeof DetailSchema>

/** The three kinds of dependency table; legacy underscore spellings are read under the hyphenated name. */
const SECTIONS: readonly (readonly [TableSection, LegacySection | null])[] = [
  ['dependencies', null],
  ['dev-dependencies', 'dev_dependencies'],
  ['build-dependencies', 'build_dependencies']
]

/**
 * Parses a Cargo.toml. Throws CargoFileError (with line/column when known) on bad input. Each
 * (path, text) is parsed once per process (parse-once.ts): the result is shared, never mutated.
 */
export const parseManifest: (text: string, path: string) => ParsedManifest = parsedOnce(
  readManifest,
  1024
)

function readManifest(text: string, path: string): ParsedManifest {
  const table = parseToml(text, path)
  const parsed = ManifestSchema.safeParse(table)
  if (!parsed.success) throw shapeError(path, text, parsed.error)
  const manifest = parsed.data
  const pkg = manifest.package ?? manifest.project

  const dependencies: ManifestDependency[] = []
  collectSections(manifest, null, dependencies)
  for (const [target, sections] of Object.entries(manifest.target ?? {})) {
    collectSections(sections, target, dependencies)
  }
  for (const [key, value] of Object.entries(manifest.workspace?.dependencies ?? {})) {
    dependencies.push(toDependency(key, value, 'workspace.dependencies', null))
  }
  dependencies.sort(compareDependencies)
  return {
    path,
    packageName: pkg?.name ?? null,
    isWorkspaceRoot: manifest.workspace !== undefined,
    workspacePath: pkg?.workspace ?? null,
    dependencies,
    workspaceExclude: manifest.workspace?.exclude ?? [],
    workspaceMembers: manifest.workspace?.members ?? null,
    resolver: manifest.workspace?.resolver ?? pkg?.resolver ?? null,
    edition: typeof pkg?.edition === 'string' ? pkg.edition : null,
    rustVersion: inheritable(pkg?.['rust-version']),
    workspaceRustVersion: manifest.workspace?.package?.['rust-version'] ?? null
  }
}

function inheritable(
  value: string | { workspace?: boolean | undefined } | undefined
): string | null {
  if (value === undefined) return null
  if (typeof value === 'string') return value
  return value.workspace === true ? 'workspace' : null
}

function collectSections(sections: Sections, target: string | null, out: ManifestDependency[]) {
  for (const [section, legacy] of SECTIONS) {
    const merged = new Map<string, string | Detail>()
    // The hyphenated table wins when both spellings declare a key, so it is applied last.
    for (const name of legacy === null ? [section] : [legacy, section]) {
      for (const [key, value] of Object.entries(sections[name] ?? {})) merged.set(key, value)
    }
    for (const [key, value] of merged) out.push(toDependency(key, value, section, target))
  }
}

function toDependency(
  key: string,
  value: string | Detail,
  section: DependencySection,
  target: string | null
): ManifestDependency {
  if (typeof value === 'string') {
    return {
      key,
      name: key,
      package: null,
      section,
      target,
      req: value,
      workspace: false,
      origin: { kind: 'registry', registry: null }
    }
  }
  const workspace = value.workspace === true
  return {
    key,
    name: value.package ?? key,
    package: value.package ?? null,
    section,
    target,
    req: workspace ? null : (value.version ?? null),
    workspace,
    origin: originOf(value)
  }
}

export function originOf(value: Detail): DependencyOrigin {
  if (value.path !== undefined) return { kind: 'path', path: value.path }
  if (value.git !== undefined) {
    return {
      kind: 'git',
      git: value.git,
      rev: value.rev ?? null,
      branch: value.branch ?? null,
      tag: value.tag ?? null
    }
  }
  return { kind: 'registry', registry: value.registry ?? null }
}

/** Identity of a declaration: (section, target, key). */
export function dependencyIdentity(d: Pick<ManifestDependency, 'section' | 'target' | 'key'>) {
  return `${d.section}\u0000${d.target ?? ''}\u0000${d.target === null ? '0' : '1'}\u0000${d.key}`
}

function compareDependencies(a: ManifestDependency, b: ManifestDependency): number {
  return (
    compareStrings(a.section, b.section) ||
    compareStrings(a.target ?? '', b.target ?? '') ||
    compareStrings(a.key, b.key)
  )
}
