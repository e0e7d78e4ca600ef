// `npx tsx bench/large-pr-dirs.ts <dir>`: writes the large pull request (bench/large-pr.ts) as
// <dir>/base and <dir>/head, for the CLI offline benchmark (BENCHMARKS.md, "CLI offline").
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { largePullRequest } from './large-pr.js'

const out = process.argv[2]
if (out === undefined) throw new Error('usage: npx tsx bench/large-pr-dirs.ts <dir>')
const { base, head } = largePullRequest()
for (const [side, files] of [
  ['base', base],
  ['head', head]
] as const) {
  for (const [path, bytes] of files) {
    const target = join(out, side, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, bytes)
  }
}
console.log(`${join(out, 'base')} ${join(out, 'head')}`)
