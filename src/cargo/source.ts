// Lockfile `source` strings: both spellings of the crates.io index are one registry.
import { CRATES_IO } from '../core/model.js'

const CRATES_IO_GIT_INDEX = 'registry+https://github.com/rust-lang/crates.io-index'
const CRATES_IO_SPARSE_INDEX = 'sparse+https://index.crates.io/'

/** `crates.io` for the crates.io index, any other source as written, null for path/workspace members. */
export function normaliseSource(source: string | undefined | null): string | null {
  if (source === undefined || source === null) return null
  // Plain comparisons: this runs once per package and dependency, and a Set lookup hashes the string.
  return source === CRATES_IO_GIT_INDEX || source === CRATES_IO_SPARSE_INDEX ? CRATES_IO : source
}
