// Generated lockfiles of any size, for the hostile-size tests and bench/hostile-size.ts.

export const REGISTRY = 'registry+https://github.com/rust-lang/crates.io-index'

/** A v3 lockfile: one member `app`, then `count` registry packages, each depending on the next `deps`. */
export function lockfile(count: number, deps: number, version = '1.0'): string {
  const out = [
    `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["c0"]\n`
  ]
  for (let i = 0; i < count; i++) {
    const list = Array.from(
      { length: Math.min(deps, count - i - 1) },
      (_, k) => ` "c${String(i + k + 1)}",\n`
    )
    out.push(
      `\n[[package]]\nname = "c${String(i)}"\nversion = "${version}.${String(i % 97)}"\nsource = "${REGISTRY}"\n` +
        `checksum = "${(i * 2654435761).toString(16).padStart(64, '0').slice(-64)}"\n` +
        (list.length > 0 ? `dependencies = [\n${list.join('')}]\n` : '')
    )
  }
  return out.join('')
}
