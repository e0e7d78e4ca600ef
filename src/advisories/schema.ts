// zod schemas for every shape that reaches us from OSV, rustsec.org or a local export.
// Tolerant by design: OSV's API omits empty fields, the exports write `[]`, and some fields are
// `null`; all three read the same. Unknown fields are kept (looseObject) for forward compatibility.
import { z } from 'zod'
import { CRATES_IO } from '../core/model.js'

/** An array that may also arrive as `null` or be missing: all read as `[]`. */
function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((value) => value ?? [])
}

const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? null)

export const OsvEventSchema = z.looseObject({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional()
})

export const OsvRangeSchema = z.looseObject({
  type: z.string(),
  repo: z.string().nullish(),
  events: list(OsvEventSchema)
})

export const OsvSeveritySchema = z.looseObject({ type: z.string(), score: z.string() })

const AffectsSchema = z.looseObject({
  arch: list(z.string()),
  os: list(z.string()),
  functions: list(z.string())
})

export const OsvAffectedSchema = z.looseObject({
  package: z
    .looseObject({ ecosystem: z.string(), name: z.string(), purl: z.string().nullish() })
    .nullish(),
  severity: list(OsvSeveritySchema),
  ranges: list(OsvRangeSchema),
  versions: list(z.string()),
  ecosystem_specific: z
    .looseObject({
      affects: AffectsSchema.nullish(),
      // GHSA writes a list of paths here; RustSec writes `null`.
      affected_functions: list(z.string()).catch([])
    })
    .nullish(),
  database_specific: z
    .looseObject({ informational: z.string().nullish().catch(null) })
    .nullish()
    .catch(null)
})

export const OsvReferenceSchema = z.looseObject({ type: z.string(), url: z.string() })

export const OsvRecordSchema = z.looseObject({
  id: z.string().min(1).max(200),
  modified: optionalString,
  published: optionalString,
  withdrawn: optionalString,
  aliases: list(z.string()),
  related: list(z.string()),
  summary: optionalString,
  details: optionalString,
  severity: list(OsvSeveritySchema),
  affected: list(OsvAffectedSchema),
  references: list(OsvReferenceSchema)
})

export type OsvEvent = z.infer<typeof OsvEventSchema>
export type OsvRange = z.infer<typeof OsvRangeSchema>
export type OsvAffected = z.infer<typeof OsvAffectedSchema>
export type OsvRecord = z.infer<typeof OsvRecordSchema>

/** One query of `POST /v1/querybatch` (name-only: we want the crate's whole history). */
export const OsvQuerySchema = z.object({
  package: z.object({ name: z.string().min(1), ecosystem: z.string() }),
  version: z.string().optional(),
  page_token: z.string().optional()
})
export type OsvQuery = z.infer<typeof OsvQuerySchema>

export const QueryBatchRequestSchema = z.object({ queries: z.array(z.looseObject({})) })

export const QueryBatchResponseSchema = z.looseObject({
  results: list(
    z.looseObject({
      vulns: list(z.looseObject({ id: z.string().min(1), modified: z.string().nullish() })),
      next_page_token: z.string().nullish()
    })
  )
})
export type QueryBatchResponse = z.infer<typeof QueryBatchResponseSchema>

/** The gRPC-style error body of the OSV API (`{"code":3,"message":"too many queries"}`). */
export const OsvErrorBodySchema = z.looseObject({
  code: z.number().optional(),
  message: z.string().optional()
})

function recordId(value: unknown): string {
  return typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string'
    ? value.id.slice(0, 100)
    : 'a record without an id'
}

/** Validates one record; on failure says why in a line that names the record. */
export function parseRecord(
  value: unknown,
  origin: string
): { record: OsvRecord } | { problem: string } {
  const result = OsvRecordSchema.safeParse(value)
  if (result.success) return { record: result.data }
  const issue = result.error.issues[0]
  const where =
    issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`
  return { problem: `advisory ${recordId(value)} from ${origin} is not a valid OSV record${where}` }
}

export function namesCrate(record: OsvRecord, crate: string): boolean {
  return record.affected.some(
    (entry) => entry.package?.ecosystem === CRATES_IO && entry.package.name === crate
  )
}

/**
 * A record listed as one of `crate`'s advisories, checked before it is used: it must be valid and
 * name the crate. Otherwise the crate's advisories are unknown, and the problem says which record
 * and why (skipping it would read as "one advisory fewer").
 */
export function recordForCrate(
  value: unknown,
  crate: string,
  origin: string
): { record: OsvRecord } | { problem: string } {
  const parsed = parseRecord(value, origin)
  if ('problem' in parsed) return parsed
  if (!namesCrate(parsed.record, crate)) {
    return {
      problem: `advisory ${recordId(value)} from ${origin} was listed for ${crate} but does not name it (no crates.io affected entry for ${crate})`
    }
  }
  return parsed
}
