// The URL a fetch was asked for, without touching the global `Request`: in Node ≥ 18 that global
// is a lazy getter whose first read loads Node's own undici (~25 ms of CPU), which a string or a
// URL never needs — the action's first GitHub request would wait for it.

/** The URL of a fetch input: a string as it is, a URL's href, a Request's url. */
export function requestUrl(input: string | URL | Request): string {
  if (typeof input === 'string') return input
  if (input instanceof URL) return input.href
  return input.url
}
