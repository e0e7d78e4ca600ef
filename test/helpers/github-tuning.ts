// GitHub client tuning for tests. The throttling plugin's limiters are per process; a per-client id
// gives each run its own, as each real run has its own process. Back-offs, rate-limit waits and the
// plugin's spacing of writes (1 s apart; 3 s for writes that notify, such as comments) are scaled
// down tenfold: what is retried, and how often, stays the same.
import { randomUUID } from 'node:crypto'
import Bottleneck from 'bottleneck'

export function fastGitHubTuning(): {
  retryAfterBaseMs: number
  throttle: Record<string, unknown>
} {
  return {
    retryAfterBaseMs: 100,
    throttle: {
      id: randomUUID(),
      retryAfterBaseValue: 100,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 100 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 300 })
    }
  }
}
