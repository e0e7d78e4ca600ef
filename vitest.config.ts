import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The end-to-end suites spawn the built action; keep the machine's two cores usable.
    maxWorkers: 2
  }
})
