// The crates.io sparse index look-up: yanked status, publication time and the published releases
// of the crates a change adds or updates.
export { indexPath } from './path.js'
export {
  indexFileFault,
  parseIndexFile,
  sameVersion,
  type IndexFile,
  type IndexVersion
} from './lines.js'
export {
  believedAnswer,
  indexCrates,
  publishedByCrate,
  publishedReleases,
  versionFacts,
  wantsIndex,
  withIndexFacts,
  type VersionFacts
} from './facts.js'
export {
  createCratesIndex,
  cratesIndexOrNull,
  DEFAULT_CRATES_INDEX_URL,
  normaliseIndexUrl,
  type CachedIndexFile,
  type CratesIndex,
  type CratesIndexOptions,
  type IndexAnswer,
  type IndexLookup
} from './lookup.js'
