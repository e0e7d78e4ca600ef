// Error types shared by the core and the edges. Only the entry points turn them into exit codes.
import { redact } from './redact.js'

/** Bad input from the user (an option, an input, a configuration file): exit with usage status. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError'
}

/** A Cargo file that cannot be read as what it claims to be; carries the position when known. */
export class CargoFileError extends Error {
  override name = 'CargoFileError'
  constructor(
    readonly path: string,
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null
  ) {
    super(
      `${path}${line === null ? '' : `:${String(line)}${column === null ? '' : `:${String(column)}`}`}: ${message}`
    )
  }
}

/** The text of an error, redacted: every error text that becomes a message passes through here. */
export function getErrorMessage(error: unknown): string {
  return redact(rawErrorMessage(error))
}

function rawErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}

/** The first line of a message: errors are shown one line each. */
export function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message
}
