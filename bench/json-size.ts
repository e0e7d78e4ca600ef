// `npx tsx bench/json-size.ts`: the JSON report of 400,000 findings, longer than the longest
// string V8 allows (2^29 − 24 UTF-16 units), is still written, in bounded chunks. A data-size
// check that takes seconds, so it lives here and not in `npm test` (test/review/report-json.test.ts
// checks the chunking on 4,000 findings against the JSON.stringify oracle).
import { writeJsonTo } from '../src/review/json.js'
import type { Report } from '../src/core/model.js'
import { advisory, change, lockfile, report } from '../test/helpers/report-builder.js'

// One details text shared by every finding keeps the heap small; the output is not.
const details = 'A finding whose text repeats. '.repeat(22)
const advisories = Array.from({ length: 1_000 }, (_, i) =>
  advisory({ id: `RUSTSEC-2099-${String(i).padStart(4, '0')}`, details, affected: true })
)
const changes = Array.from({ length: 400 }, (_, i) =>
  change({ name: `crate-${String(i)}`, advisories })
)
const huge: Report = report({ lockfiles: [lockfile('Cargo.lock', changes)] })
const findings = huge.lockfiles.flatMap((l) => l.changes.flatMap((c) => c.advisories)).length

let chars = 0
let chunks = 0
let longest = 0
let head = ''
let tail = ''
const started = performance.now()
writeJsonTo(huge, (chunk) => {
  chars += chunk.length
  chunks += 1
  longest = Math.max(longest, chunk.length)
  if (head === '') head = chunk.slice(0, 100)
  tail = (tail + chunk).slice(-100)
})
const ms = performance.now() - started

const checks: [string, boolean][] = [
  ['400,000 findings', findings === 400_000],
  ['longer than V8 string limit (2^29 − 24)', chars > 2 ** 29],
  ['every chunk under 2^17 units', longest < 2 ** 17],
  ['more than 1,000 chunks', chunks > 1_000],
  ['starts as the report does', head.startsWith('{\n  "advisory_source": "test fixtures",')],
  ['ends as the report does', tail.endsWith('\n  }\n}\n')]
]
console.log(
  `${String(findings)} findings: ${String(chars)} UTF-16 units in ${String(chunks)} chunks (longest ${String(longest)}), ${ms.toFixed(0)} ms`
)
for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`)
if (checks.some(([, ok]) => !ok)) process.exit(1)
