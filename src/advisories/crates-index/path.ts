// Where a crate's file lives in a sparse registry index (cargo's "Index Format" rule): on the
// LOWER-CASED name, 1 char `1/{n}`, 2 chars `2/{n}`, 3 chars `3/{c1}/{n}`, 4+ `{c1c2}/{c3c4}/{n}`.
// The file's lines keep the published case ("Inflector" lives at in/fl/inflector); only the path
// is lower-cased. `-` and `_` are kept as written: they are different keys.

/** The index path of `name`, e.g. `se/rd/serde`, `3/s/syn`, `2/cc`, `1/a`. */
export function indexPath(name: string): string {
  const key = name.toLowerCase()
  switch (key.length) {
    case 0:
      throw new RangeError('a crate name is never empty')
    case 1:
      return `1/${key}`
    case 2:
      return `2/${key}`
    case 3:
      return `3/${key.slice(0, 1)}/${key}`
    default:
      return `${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`
  }
}
