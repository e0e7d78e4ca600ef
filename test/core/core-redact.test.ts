// What redact() removes from error texts before they become stored messages, and what it leaves.
import { describe, expect, it } from 'vitest'
import { getErrorMessage } from '../../src/core/errors.js'
import { redact, redactSecrets, registerSecret } from '../../src/core/redact.js'

const TOKEN = 'ghs_0123456789abcdefABCDEF0123456789wxyz'

describe('redact', () => {
  it.for<[string, string]>([
    ['Authorization: token abc123', 'the Authorization header'],
    ['authorization: Bearer eyJhbGciOi.payload.sig', 'lower case, Bearer'],
    ['{"authorization":"token s3cr3tvalue","accept":"json"}', 'JSON headers'],
    ["{ authorization: 'Basic dXNlcjpwYXNz' }", 'a JS object dump'],
    ['Proxy-Authorization: Basic dXNlcjpwYXNz', 'the proxy header'],
    ['request failed (token s3cr3tvalue)', 'a bare `token X`'],
    ['sent Bearer s3cr3tvalue to the server', 'a bare `Bearer X`'],
    ['ghp_0123456789abcdefABCDEF0123', 'a classic PAT'],
    ['gho_0123456789abcdefABCDEF0123 and ghu_0123456789abcdefABCDEF0123', 'OAuth and user tokens'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'a fine-grained PAT'],
    ['GET https://user:s3cr3tvalue@mirror.example/index failed', 'URL userinfo'],
    ['GET https://s3cr3tvalue@mirror.example/index failed', 'URL user only'],
    ['GET https://mirror.example/x?access_token=s3cr3tvalue&page=2', 'a token query parameter'],
    [
      'https://bucket.example/o?X-Amz-Signature=s3cr3tvalue&X-Amz-Credential=s3cr3tvalue',
      'signed URLs'
    ],
    ['https://mirror.example/x?api_key=s3cr3tvalue', 'an API key']
  ])('removes the credential in %j (%s)', ([text]) => {
    const out = redact(text)
    expect(out).toContain('[REDACTED]')
    for (const secret of [
      'abc123',
      's3cr3tvalue',
      'eyJhbGciOi',
      'dXNlcjpwYXNz',
      '0123456789abcdef',
      'ABCDEFG0123456789'
    ])
      expect(out).not.toContain(secret)
  })

  it.for([
    'HTTP 503 from https://api.osv.dev/…/querybatch (POST, 4 attempts)',
    'Cargo.lock at head 0123456789ab could not be fetched (HTTP 500): Server Error',
    'not valid TOML at line 3, column 1',
    'https://mirror.example/x?page=2&per_page=100',
    'GitHub primary rate limit hit on GET /repos/o/r/pulls/1/files'
  ])('leaves %j as it is', (text) => {
    expect(redact(text)).toBe(text)
  })

  it('removes registered secrets, also base64-encoded, from any text', () => {
    registerSecret(TOKEN)
    const base64 = Buffer.from(TOKEN).toString('base64')
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
    const text = `a ${TOKEN} b ${base64} c ${basic} d`
    expect(redactSecrets(text)).toBe('a [REDACTED] b [REDACTED] c [REDACTED] d')
    expect(redact(`weird echo:${TOKEN.slice(0)}`)).not.toContain(TOKEN.slice(4, 24))
  })

  it('getErrorMessage redacts, whatever was thrown', () => {
    expect(getErrorMessage(new Error('Bad credentials (Authorization: token abc123def)'))).toBe(
      'Bad credentials (Authorization: [REDACTED])'
    )
    expect(getErrorMessage('https://u:p4ssw0rd@h.example/')).toBe('https://[REDACTED]@h.example/')
    expect(getErrorMessage({ headers: { authorization: 'token abc123def' } })).not.toContain(
      'abc123def'
    )
  })
})
