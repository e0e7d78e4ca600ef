// Reads the head texts of the report's changed Cargo files and locates every finding in them.
// A file that cannot be read leaves its findings on the file, without a line.
import { locateFindings, type Finding } from '../evaluate/locate.js'
import type { Report } from '../core/model.js'
import type { FileTree } from '../trees/tree.js'

export async function findingsWithLocations(
  report: Report,
  head: FileTree,
  options: { unmaintained?: boolean } = {}
): Promise<Finding[]> {
  const paths = [...report.lockfiles, ...report.manifests].map((file) => file.path)
  const texts = new Map<string, string>()
  await Promise.all(
    paths.map(async (path) => {
      const read = await head.read(path)
      if (read.kind === 'ok') texts.set(path, read.text)
    })
  )
  return locateFindings({
    lockfiles: report.lockfiles,
    manifests: report.manifests,
    texts,
    unmaintained: options.unmaintained ?? false
  })
}
