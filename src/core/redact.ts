// No secret in any output. Error texts are the risk: an upstream error may echo the request
// (headers, URLs with credentials), and every error text ends up stored somewhere readers see
// (problems, lookup_error, file errors, the failure message). So every error text is redacted
// where it becomes a message (getErrorMessage), and the token values the action knows are
// replaced in everything it writes. `core.setSecret` only masks the job log, not the comment,
// the summary, the JSON report or the outputs.

const REDACTED = '[REDACTED]'

/** Credential shapes in free text, each with what stays of it. */
const PATTERNS: [RegExp, string][] = [
  // An `Authorization` (or `Proxy-Authorization`) header in text or JSON: its whole value.
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^"'\r\n,;})\]]*/gi, `$1${REDACTED}`],
  // `token X`, `Bearer X`, `Basic X` (an echoed header value without its name).
  [/\b(bearer|token|basic)(\s+|\s*[:=]\s*["']?)[A-Za-z0-9._~+/-]{8,}=*/gi, `$1$2${REDACTED}`],
  // GitHub's token formats (classic and fine-grained PATs, OAuth, app installation, refresh).
  [/\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})/g, REDACTED],
  // URL userinfo: `https://user:pass@host`.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`],
  // Query parameters whose name says secret (`?access_token=`, `&sig=`, `api_key=` …).
  [
    /([?&;][^=&#\s"'<>]*(?:token|key|secret|pass|pwd|sig|auth|cred|session|code)[^=&#\s"'<>]*=)[^&#\s"'<>]*/gi,
    `$1${REDACTED}`
  ]
]

/** Values known to be secret (the action's token), each also as base64, longest first. */
let secrets: string[] = []

/** Registers a secret value: it is replaced wherever redact() or redactSecrets() runs. */
export function registerSecret(value: string): void {
  if (value.length < 4) return
  const forms = [value, Buffer.from(value).toString('base64')]
  // `Basic` auth as git sends it carries `x-access-token:<token>` in base64.
  forms.push(Buffer.from(`x-access-token:${value}`).toString('base64'))
  secrets = [...new Set([...secrets, ...forms])].sort((a, b) => b.length - a.length)
}

/** Only the registered secret values: for text that is not an error (rendered reports). */
export function redactSecrets(text: string): string {
  let out = text
  for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED)
  return out
}

/** An error text with every credential-looking part and every registered secret removed. */
export function redact(text: string): string {
  let out = redactSecrets(text)
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}
