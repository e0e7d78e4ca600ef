// A Cargo file is asked for by several readers of one run (the diff, the pins of every manifest a
// lockfile covers, the workspace roots, the fix advice, the locations): on the large pull request
// of issue 19 that was 249 TOML parses of 51 files, each also checked by zod. The parsers are pure
// and their results are readonly (the types of ParsedLockfile and ParsedManifest, checked by
// cargo-parse-once.test.ts), so each (text, path) is parsed once and the same result,
// or the same error, is given to every reader.

type Result<T> = { value: T } | { error: unknown }

/**
 * `parse` answering from a cache of the last `limit` texts (base and head of one path are two),
 * so a long-lived process holds at most that many.
 */
export function parsedOnce<T>(
  parse: (text: string, path: string) => T,
  limit: number
): (text: string, path: string) => T {
  const cache = new Map<string, Map<string, Result<T>>>()
  return (text, path) => {
    let byPath = cache.get(text)
    if (byPath === undefined) {
      if (cache.size >= limit) {
        const oldest = cache.keys().next()
        if (oldest.done !== true) cache.delete(oldest.value)
      }
      byPath = new Map()
      cache.set(text, byPath)
    }
    let result = byPath.get(path)
    if (result === undefined) {
      try {
        result = { value: parse(text, path) }
      } catch (error) {
        result = { error }
      }
      byPath.set(path, result)
    }
    if ('error' in result) throw result.error
    return result.value
  }
}
