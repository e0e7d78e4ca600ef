// In-memory test doubles of the two inputs of analyze(): a file tree from a path → text object, and an
// advisory source that answers from a fixed list of OSV records (validated by the real schema),
// recording which crates it was asked about.
import { emptyLookupResult, type AdvisorySource } from '../../src/advisories/source.js'
import { OsvRecordSchema } from '../../src/advisories/schema.js'
import type { FileTree } from '../../src/trees/tree.js'
import { memoryTree as mapTree } from '../../src/trees/memory.js'

/** The shared memory tree, from a plain object of path → text. */
export function memoryTree(label: string, files: Record<string, string>): FileTree {
  return mapTree(label, new Map(Object.entries(files)))
}

/** One advisory `id` on crates.io `crate` with these SEMVER events. */
export function advisory(id: string, crate: string, events: Record<string, string>[]): unknown {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2024-01-01T00:00:00Z',
    published: '2024-01-01T00:00:00Z',
    summary: `test advisory ${id}`,
    affected: [
      { package: { ecosystem: 'crates.io', name: crate }, ranges: [{ type: 'SEMVER', events }] }
    ]
  }
}

export function recordSource(records: readonly unknown[], asked: string[] = []): AdvisorySource {
  const parsed = records.map((record) => OsvRecordSchema.parse(record))
  return {
    description: 'test records',
    lookup: (names) => {
      asked.push(...names)
      const result = emptyLookupResult()
      for (const name of names) {
        result.records.set(
          name,
          parsed.filter((r) => r.affected.some((a) => a.package?.name === name))
        )
      }
      return Promise.resolve(result)
    }
  }
}
