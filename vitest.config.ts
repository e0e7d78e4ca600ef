import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Workers resolve dependencies without the `development` condition Vite adds by default (its
  // resolved config is the only place to drop it: the user's conditions are appended to Vite's).
  // The tests' Markdown oracle (micromark, test/helpers/gfm.ts) then loads its published build,
  // not its dev build, which checks its own invariants at every step: same HTML, ~20% less CPU,
  // and micromark was the suite's largest dependency in a profile. No src/ dependency has a
  // development build.
  plugins: [
    {
      name: 'published-builds',
      configResolved(config) {
        const conditions = config.ssr.resolve?.conditions
        if (conditions === undefined) return
        const kept = conditions.filter((condition) => condition !== 'development|production')
        conditions.splice(0, conditions.length, ...kept)
      }
    }
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // A time-out only ends a hung test; it is no bound on speed. A machine shared with other jobs
    // (load 30 on two cores) runs a CPU-bound test 4-5x slower than an idle one, so the limits
    // are far above any test's idle time (the slowest is ~10 s).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Three workers on two cores: the end-to-end files spend much of their time waiting on
    // loopback fakes and back-offs, so a third file runs in those gaps; a fourth cost more CPU
    // (each worker transforms and imports the modules again) than it filled (alternating runs on a
    // fresh clone, 2026-12-07: 3 workers 69-81 s, 122-146 s CPU; 4 workers 78-98 s, 134-169 s CPU).
    maxWorkers: 3,
    // Test files share a worker's module graph instead of re-importing src/ (and the offline
    // advisory index) per file. Nothing in src/ or test/ mutates globals, and state the code
    // keeps per process (Octokit's throttling limiters) is given per-run ids by the helpers.
    isolate: false
  }
})
