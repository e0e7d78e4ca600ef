// The one interface every advisory source implements (OSV API, rustsec.org, local folder or zip).

/** Which source to use, as the `advisory-source` input / `--advisory-source` option names it. */
export type SourceSpec =
  { kind: 'osv'; url: string } | { kind: 'rustsec'; url: string } | { kind: 'path'; path: string }

export interface LookupStats {
  /** HTTP requests sent (retries included); 0 for a local source. */
  requests: number
  /** Longest chain of requests that had to wait for each other. */
  round_trips: number
  /** Wall time of the look-up in milliseconds. */
  ms: number
}
