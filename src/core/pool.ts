// The one bounded-concurrency helper: at most `limit` tasks at once, results in input order.

/** Runs `task` over `items` with at most `limit` running at once; results keep input order. */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, worker: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const workers = Array.from(
    { length: Math.max(1, Math.min(limit, items.length)) },
    async (_, w) => {
      while (next < items.length) {
        const index = next++
        results[index] = await task(items[index] as T, w)
      }
    }
  )
  await Promise.all(workers)
  return results
}
