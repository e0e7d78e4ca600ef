import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A time-out only ends a hung test; it is no bound on speed. A machine shared with other jobs
    // (load 30 on two cores) runs a CPU-bound test 4-5x slower than an idle one, so the limits
    // are far above any test's idle time (the slowest is ~10 s).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Four workers on two cores: the end-to-end files spend much of their time waiting on
    // loopback fakes and back-offs, so a third and fourth file run in those gaps.
    maxWorkers: 4,
    // Test files share a worker's module graph instead of re-importing src/ (and the offline
    // advisory index) per file. Nothing in src/ or test/ mutates globals, and state the code
    // keeps per process (Octokit's throttling limiters) is given per-run ids by the helpers.
    isolate: false
  }
})
