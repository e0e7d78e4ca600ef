// The advisory engine's public surface for the edges (action, CLI) and the orchestrator.
export {
  createAdvisorySource,
  DEFAULT_OSV_URL,
  DEFAULT_RUSTSEC_URL,
  type AdvisorySource,
  type LookupResult,
  type LookupStats,
  type SourceOptions,
  type SourceSpec
} from './source.js'
export type { OsvRecord } from './schema.js'
export { selectAdvisories, type CrateAdvisory } from './select.js'
export { isAffected, type AffectedMatcher } from './affected.js'
export { admitsAffected, parseCargoReq } from './requirement.js'
