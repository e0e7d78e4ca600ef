// Turns the `advisory-source` input / `--advisory-source` option into a SourceSpec.
import { isAbsolute, resolve } from 'node:path'
import * as z from 'zod'
import type { SourceSpec } from './source.js'
import { ConfigurationError } from '../core/errors.js'

export const DEFAULT_OSV_API_URL = 'https://api.osv.dev'
export const DEFAULT_RUSTSEC_URL = 'https://rustsec.org'

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''))

export function parseHttpUrl(value: string, name: string): string {
  const parsed = httpUrl.safeParse(value)
  if (!parsed.success) {
    throw new ConfigurationError(`${name}: "${value.slice(0, 200)}" is not an http(s) URL`)
  }
  return parsed.data
}

export interface SourceOptions {
  osvApiUrl?: string | undefined
  rustsecUrl?: string | undefined
  /** Relative source paths are resolved against this directory (the workspace, or the CWD). */
  baseDir: string
  /** How the option is called in messages (`advisory-source` / `--advisory-source`). */
  name: string
}

/** `osv` (default) | `rustsec` | a path to a folder or .zip of OSV JSON records. */
export function parseSourceSpec(value: string | undefined, options: SourceOptions): SourceSpec {
  const source = (value ?? '').trim() || 'osv'
  const urlName = (input: string): string => (options.name.startsWith('--') ? `--${input}` : input)
  if (source === 'osv') {
    return {
      kind: 'osv',
      url: parseHttpUrl(options.osvApiUrl?.trim() || DEFAULT_OSV_API_URL, urlName('osv-api-url'))
    }
  }
  if (source === 'rustsec') {
    return {
      kind: 'rustsec',
      url: parseHttpUrl(options.rustsecUrl?.trim() || DEFAULT_RUSTSEC_URL, urlName('rustsec-url'))
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    throw new ConfigurationError(
      `${options.name}: "${source.slice(0, 200)}" looks like a URL; use osv (with osv-api-url) or rustsec (with rustsec-url), or give a local path`
    )
  }
  if (source.includes('\0')) throw new ConfigurationError(`${options.name}: invalid path`)
  return { kind: 'path', path: isAbsolute(source) ? source : resolve(options.baseDir, source) }
}
