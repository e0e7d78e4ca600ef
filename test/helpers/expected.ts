// Compares a report with a fixture's expected.json the way every fixture test does: both sides
// reduced to the fields expected.json names, arrays in a canonical order.
type Shape = { [key: string]: Shape } | Shape[] | null

function mergeShapes(a: Shape, b: Shape): Shape {
  if (a === null) return b
  if (b === null) return a
  if (Array.isArray(a) && Array.isArray(b)) return [mergeShapes(a[0] ?? null, b[0] ?? null)]
  if (Array.isArray(a) || Array.isArray(b)) return a
  const out: Record<string, Shape> = { ...a }
  for (const [key, shape] of Object.entries(b)) out[key] = mergeShapes(out[key] ?? null, shape)
  return out
}

/** The fields a value names, merged over the elements of each array. */
function shapeOf(value: unknown): Shape {
  if (Array.isArray(value))
    return [value.map(shapeOf).reduce<Shape>((acc, shape) => mergeShapes(acc, shape), null)]
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]))
  }
  return null
}

function project(value: unknown, shape: Shape): unknown {
  if (shape === null) return value
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return value
    return value
      .map((item) => project(item, shape[0] ?? null))
      .map((item) => JSON.stringify(item))
      .sort()
      .map((item) => JSON.parse(item) as unknown)
  }
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  return Object.fromEntries(
    Object.keys(shape).map((key) => [key, project(record[key], shape[key] ?? null)])
  )
}

/**
 * Both sides reduced to the fields expected.json names (array order free), as the fixture tests
 * compare them: `expect(a).toEqual(b)` then checks every stated value.
 */
export function projectLikeExpected(
  actual: unknown,
  expected: unknown
): { actual: unknown; expected: unknown } {
  const shape = shapeOf(expected)
  return { actual: project(actual, shape), expected: project(expected, shape) }
}
