// The run's HTTP client ends with the report, whatever DNS does: close() aborts every request and
// settles while a host look-up is still pending (a dropped DNS query, which nothing can cancel),
// and sockets opened together share one look-up per host. A look-up that never calls back stands
// for the resolver; the order of events is asserted, never a duration.
import type { LookupFunction } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createRunClient, RunClosedError } from '../../src/advisories/run-client.js'
import { sharedLookup } from '../../src/advisories/shared-lookup.js'

/** A resolver that takes every question and never answers; `asked` resolves on the first one. */
function silentResolver(): { lookup: LookupFunction; hosts: string[]; asked: Promise<void> } {
  const hosts: string[] = []
  let first: () => void = () => undefined
  const asked = new Promise<void>((resolve) => {
    first = resolve
  })
  const lookup: LookupFunction = (hostname) => {
    hosts.push(hostname)
    first()
  }
  return { lookup, hosts, asked }
}

describe('closing the run client', () => {
  it('settles while a DNS look-up is pending, and the requests waiting on it fail', async () => {
    const resolver = silentResolver()
    const client = createRunClient({}, { lookup: resolver.lookup })
    const events: string[] = []
    const requests = ['a', 'b', 'c'].map((crate) =>
      client.fetch(`http://index.example/${crate}`).then(
        () => events.push('answered'),
        (error: unknown) => events.push(`failed: ${(error as Error).name}`)
      )
    )
    await resolver.asked
    await client.close()
    events.push('closed')
    await Promise.all(requests)
    // The look-up never answered: close did not wait for it, and no request hung on.
    expect(events).toContain('closed')
    expect(events.filter((e) => e !== 'closed')).toEqual(Array(3).fill('failed: AbortError'))
    expect(resolver.hosts).toEqual(['index.example'])
  })

  it('a second close does nothing more, and a later request fails at once', async () => {
    const resolver = silentResolver()
    const client = createRunClient({}, { lookup: resolver.lookup })
    const pending = client.fetch('http://index.example/x').catch((error: unknown) => error)
    await resolver.asked
    const first = client.close()
    expect(client.close()).toBe(first)
    await first
    expect(await pending).toBeInstanceOf(Error)
    await expect(client.fetch('http://index.example/y')).rejects.toBeInstanceOf(RunClosedError)
    expect(resolver.hosts).toEqual(['index.example'])
  })
})

describe('one look-up per host at a time', () => {
  it('look-ups of one host while one is pending share its answer; the next one asks again', () => {
    const asked: string[] = []
    const answers: ((address: string) => void)[] = []
    const inner = ((hostname: string, _options: unknown, callback: (...a: unknown[]) => void) => {
      asked.push(hostname)
      answers.push((address) => {
        callback(null, address, 4)
      })
    }) as unknown as LookupFunction
    const lookup = sharedLookup(inner)
    const got: string[] = []
    const take = (_error: unknown, address: unknown): void => {
      got.push(String(address))
    }
    for (let i = 0; i < 5; i++) lookup('index.example', { family: 0 }, take)
    lookup('other.example', { family: 0 }, take)
    expect(asked).toEqual(['index.example', 'other.example'])
    answers[0]?.('192.0.2.1')
    expect(got).toEqual(Array(5).fill('192.0.2.1'))
    lookup('index.example', { family: 0 }, take)
    expect(asked).toEqual(['index.example', 'other.example', 'index.example'])
  })
})
