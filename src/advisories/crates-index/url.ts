// The index's address as the options read it: a module of its own, so reading the options (at the
// action's start, before its first request) does not load the look-up, its HTTP client and the
// OSV schemas with it.

export const DEFAULT_CRATES_INDEX_URL = 'https://index.crates.io'

/** `sparse+https://…/` as cargo spells it, or a plain URL; no trailing slash. */
export function normaliseIndexUrl(url: string): string {
  return url
    .trim()
    .replace(/^sparse\+/, '')
    .replace(/\/+$/, '')
}
