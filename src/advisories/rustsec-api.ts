// The rustsec.org source, as crates.io's Security tab reads it: `GET <base>/packages/<crate>.json`
// per crate (a JSON array of OSV records; 404 means the crate has none), with bounded concurrency.
// A 404 can only mean "none" if the server is a RustSec mirror at all: a wrong base path or a dead
// mirror answers 404 to everything. So the same round trip asks for a canary, `openssl`, which has
// had RUSTSEC-2016-0001 since the database began; without it the source is broken, not clean.
import { mapPool } from '../core/pool.js'
import {
  FailureBreaker,
  HttpClient,
  originOf,
  OFFLINE_HINT,
  shownUrl,
  type Validation
} from './http.js'
import { recordForCrate, type OsvRecord } from './schema.js'
import {
  applyOutage,
  emptyLookupResult,
  progressCounter,
  queryableNames,
  type AdvisorySource,
  type LookupResult,
  type SourceOptions
} from './source.js'

/**
 * rustsec.org builds `packages/<name>.json` from both collections of advisory-db: `crates/`
 * (crates.io packages, ids `RUSTSEC-YYYY-NNNN`) and `rust/` (the Rust toolchain: `rust/cargo/
 * CVE-2019-16760.md` is filed under `cargo`, ids `CVE-…`), and its OSV conversion labels every
 * record `crates.io`. The records carry no collection field, so the id tells them apart; OSV's
 * export (the `osv` and path sources) holds only `crates/`, all `RUSTSEC-` ids, so every source
 * agrees. `RUSTSEC-0000-0000` is advisory-db's placeholder for an unassigned id.
 */
export function isCratesCollection(record: OsvRecord): boolean {
  return /^RUSTSEC-\d{4}-\d{4,}$/.test(record.id) && !record.id.startsWith('RUSTSEC-0000-')
}

export const CANARY_CRATE = 'openssl'
export const CANARY_ID = 'RUSTSEC-2016-0001'

function validateArray(value: unknown): Validation<unknown[]> {
  return Array.isArray(value)
    ? { ok: true, value: value as unknown[] }
    : { ok: false, reason: 'not a JSON array of advisories' }
}

type CrateAnswer = { records: OsvRecord[] } | { failed: string } | { missing: true }

export function createRustsecSource(url: string, options: SourceOptions = {}): AdvisorySource {
  const base = url.replace(/\/+$/, '')
  const concurrency = options.concurrency ?? 32
  // One per source: a host given up on stays given up for the run (http.ts).
  const breaker = new FailureBreaker(originOf(base))
  return {
    description: `rustsec (${shownUrl(base)})`,
    async lookup(crates: readonly string[]): Promise<LookupResult> {
      const started = Date.now()
      const client = new HttpClient(base, { ...options, breaker })
      const result = emptyLookupResult()
      const names = queryableNames(crates, result)
      const wanted = new Set(names)
      // The canary goes first so it is in the first wave; it is asked once even if it is a crate.
      const asked = [CANARY_CRATE, ...names.filter((name) => name !== CANARY_CRATE)]
      const settle = progressCounter(names.length, options.onProgress)
      const depths = new Array<number>(concurrency).fill(0)
      const answers = await mapPool(asked, concurrency, async (name, worker) => {
        const target = `${base}/packages/${encodeURIComponent(name)}.json`
        const outcome = await client.json(target, { method: 'GET', notFound: true }, validateArray)
        depths[worker] = (depths[worker] ?? 0) + outcome.attempts
        if (wanted.has(name)) settle()
        let answer: CrateAnswer
        if (outcome.kind === 'failed') answer = { failed: outcome.reason }
        else if (outcome.kind === 'not-found') answer = { missing: true }
        else {
          const records: OsvRecord[] = []
          const problems: string[] = []
          for (const item of outcome.value) {
            const checked = recordForCrate(item, name, shownUrl(base, target))
            if (!('record' in checked)) problems.push(checked.problem)
            // A toolchain advisory is about the tool, not the crate of that name.
            else if (isCratesCollection(checked.record)) records.push(checked.record)
          }
          answer = problems.length === 0 ? { records } : { failed: problems.join('; ') }
        }
        if (name === CANARY_CRATE && client.outage === null) {
          const broken = canaryProblem(answer)
          if (broken !== null) {
            client.breaker.trip({
              cause: `${shownUrl(base)} is not a RustSec mirror that can be trusted: ${broken}`,
              hint: `Check rustsec-url (--rustsec-url): it must serve <url>/packages/<crate>.json as https://rustsec.org does; ${OFFLINE_HINT}.`
            })
          }
        }
        return answer
      })

      answers.forEach((answer, index) => {
        const name = asked[index]
        if (name === undefined || !wanted.has(name)) return
        if ('failed' in answer)
          result.failed.set(name, `rustsec.org look-up failed: ${answer.failed}`)
        else result.records.set(name, 'records' in answer ? answer.records : [])
      })
      client.close()
      if (client.outage !== null) applyOutage(result, names, client.outage)
      result.stats = {
        requests: client.requests,
        round_trips: Math.max(0, ...depths),
        ms: Date.now() - started
      }
      return result
    }
  }
}

/** Why the canary's answer shows the source cannot be trusted, or null when it is fine. */
function canaryProblem(answer: CrateAnswer): string | null {
  if ('missing' in answer)
    return `${CANARY_CRATE} answered 404, yet it has had ${CANARY_ID} for years`
  if ('failed' in answer) return `the look-up of ${CANARY_CRATE} failed: ${answer.failed}`
  if (!answer.records.some((record) => record.id === CANARY_ID)) {
    return `${CANARY_CRATE}'s advisories do not include ${CANARY_ID}`
  }
  return null
}
