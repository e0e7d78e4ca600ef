// The official SARIF 2.1.0 schema (test/fixtures/sarif, see PROVENANCE.md) as one validator per
// process: compiling it is the costliest step of the suites that check SARIF against it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import AjvFormats from 'ajv-formats'
import type { ValidateFunction } from 'ajv'

let validator: ValidateFunction | undefined

/** Validates a document against the SARIF 2.1.0 schema; `.errors` says why not. */
export function sarifValidator(): ValidateFunction {
  if (validator !== undefined) return validator
  const schema = JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'),
      'utf8'
    )
  ) as object
  // The schema's `language` pattern has a stray `]` that a Unicode regular expression refuses (it
  // is read as the schema's authors' engines read it); formats such as uri-reference are checked.
  // Both are CommonJS modules whose class/plugin is their `default` export.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false })
  AjvFormats.default(ajv)
  validator = ajv.compile(schema)
  return validator
}
