// Which registry a lockfile `source` or a manifest declaration names, decided as Cargo decides it.
// Cargo reads a lockfile source with `SourceId::from_url` (`kind+url`, the URL parsed by the WHATWG
// URL standard, as Rust's `url` crate and Node's `URL` both implement it) and compares sources by
// kind and `CanonicalUrl` (cargo `src/cargo/util/canonical_url.rs`, `core/source_id.rs`). So
// `registry+http://GITHUB.COM:443/Rust-Lang/./crates.io-index.git/` is crates.io to Cargo, and
// `cargo build --locked` builds it from crates.io: it must be looked up like any crates.io package.
import { CRATES_IO, type DependencyOrigin } from '../core/model.js'

type RegistryKind = 'registry' | 'sparse'

/** Cargo's `CRATES_IO_INDEX` and `CRATES_IO_HTTP_INDEX`. */
const CRATES_IO_GIT_INDEX = 'registry+https://github.com/rust-lang/crates.io-index'
const CRATES_IO_SPARSE_INDEX = 'sparse+https://index.crates.io/'
/** Cargo's `CRATES_IO_REGISTRY`: `registry = "crates-io"` in a manifest is crates.io itself. */
const CRATES_IO_REGISTRY_NAME = 'crates-io'

/**
 * `CanonicalUrl::new` on an already parsed URL: one trailing slash off (never the first one), and
 * for URLs whose scheme has no `+`: GitHub URLs become https with a lower-cased path, and a final
 * `.git` is dropped. Null for a cannot-be-a-base URL, which Cargo refuses.
 */
function canonicalUrl(url: URL): string | null {
  const afterScheme = url.href.slice(url.protocol.length)
  const opaque = !afterScheme.startsWith('//') && !url.pathname.startsWith('/')
  if (opaque) return null
  // `path_segments_mut().pop_if_empty()` keeps the slash right after the host.
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
    url.pathname = url.pathname.slice(0, -1)
  }
  if (url.protocol.includes('+')) return url.href
  if (url.hostname === 'github.com') {
    url = new URL(`https:${url.href.slice(url.protocol.length)}`)
    url.pathname = url.pathname.toLowerCase()
  }
  if (url.pathname.endsWith('.git')) {
    const cut = url.pathname.lastIndexOf('/')
    const last = url.pathname.slice(cut + 1, -'.git'.length)
    const parent = url.pathname.slice(0, Math.max(cut, 1))
    // `pop().push(last)`: `push` ignores a `.` or `..` segment.
    url.pathname =
      last === '.' || last === '..' ? parent : `${parent === '/' ? '' : parent}/${last}`
  }
  return url.href
}

/** `SourceId::from_url` for the registry kinds: the kind and the canonical URL, or null. */
function canonicalRegistry(source: string): { kind: RegistryKind; url: string } | null {
  const plus = source.indexOf('+')
  if (plus < 0) return null
  const kind = source.slice(0, plus)
  if (kind !== 'registry' && kind !== 'sparse') return null
  // A sparse source keeps its `sparse+` prefix in the URL; a git registry's URL follows the `+`.
  const text = kind === 'sparse' ? source : source.slice(plus + 1)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  const canonical = canonicalUrl(url)
  return canonical === null ? null : { kind, url: canonical }
}

const CRATES_IO_CANONICAL = [CRATES_IO_GIT_INDEX, CRATES_IO_SPARSE_INDEX].map((source) =>
  canonicalRegistry(source)
)

/** Does Cargo read this lockfile `source` as crates.io (git or sparse index, any spelling)? */
export function isCratesIoSource(source: string): boolean {
  // Fast path: the two spellings Cargo itself writes.
  if (source === CRATES_IO_GIT_INDEX || source === CRATES_IO_SPARSE_INDEX) return true
  const parsed = canonicalRegistry(source)
  return (
    parsed !== null &&
    CRATES_IO_CANONICAL.some((known) => known?.kind === parsed.kind && known.url === parsed.url)
  )
}

/**
 * The report's source: `crates.io` for every spelling of the crates.io index (the spelling itself
 * is not kept: Cargo builds such a package from crates.io), any other source as written, null for
 * path/workspace members.
 */
export function normaliseSource(source: string | undefined | null): string | null {
  if (source === undefined || source === null) return null
  return isCratesIoSource(source) ? CRATES_IO : source
}

/** A manifest dependency from crates.io: a registry dependency with no registry or `crates-io`. */
export function isCratesIoOrigin(origin: DependencyOrigin): boolean {
  return (
    origin.kind === 'registry' &&
    (origin.registry === null || origin.registry === CRATES_IO_REGISTRY_NAME)
  )
}
