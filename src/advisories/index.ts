// The advisory engine's public surface for the edges (action, CLI) and the orchestrator.
import { createPathSource } from './local-files.js'
import { createOsvSource } from './osv-api.js'
import { createRustsecSource } from './rustsec-api.js'
import type { AdvisorySource, SourceOptions, SourceSpec } from './source.js'

export {
  DEFAULT_OSV_URL,
  DEFAULT_RUSTSEC_URL,
  type AdvisorySource,
  type LookupResult,
  type LookupStats,
  type SourceOptions,
  type SourceSpec
} from './source.js'
export type { OsvRecord } from './schema.js'

export function createAdvisorySource(
  spec: SourceSpec,
  options: SourceOptions = {}
): AdvisorySource {
  switch (spec.kind) {
    case 'osv':
      return createOsvSource(spec.url, options)
    case 'rustsec':
      return createRustsecSource(spec.url, options)
    case 'path':
      return createPathSource(spec.path, options)
  }
}
