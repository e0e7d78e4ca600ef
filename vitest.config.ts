import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Four workers on two cores: the end-to-end files spend much of their time waiting on
    // loopback fakes and back-offs, so a third and fourth file run in those gaps.
    maxWorkers: 4,
    // Test files share a worker's module graph instead of re-importing src/ (and the offline
    // advisory index) per file. Nothing in src/ or test/ mutates globals, and state the code
    // keeps per process (Octokit's throttling limiters) is given per-run ids by the helpers.
    isolate: false
  }
})
