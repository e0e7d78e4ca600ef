// One grammar for the options that count (seconds, requests): a whole number from 1 to a bound,
// written in digits; empty means the default. The action's inputs and the CLI's flags share it.
import { ConfigurationError } from './errors.js'

export function parseWholeNumber(
  value: string,
  name: string,
  bounds: { fallback: number; max: number }
): number {
  const text = value.trim()
  if (text === '') return bounds.fallback
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > bounds.max) {
    throw new ConfigurationError(
      `${name}: "${text.slice(0, 40)}" is not a whole number from 1 to ${String(bounds.max)}`
    )
  }
  return Number(text)
}
