// `npx tsx bench/large-pr-dirs.ts <dir>`: writes the large pull request (bench/large-pr.ts) as
// <dir>/base and <dir>/head, for the CLI offline benchmark (BENCHMARKS.md, "CLI offline").
import { join } from 'node:path'
import { writeLargePullRequest } from './large-pr.js'

const out = process.argv[2]
if (out === undefined) throw new Error('usage: npx tsx bench/large-pr-dirs.ts <dir>')
writeLargePullRequest(out)
console.log(`${join(out, 'base')} ${join(out, 'head')}`)
