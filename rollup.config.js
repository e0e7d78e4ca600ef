// Bundles the two entry points (action and CLI) into committed ESM files under dist/: one build,
// so the code they share lands in shared chunks (dist/chunks/), and the action's dynamic import of
// its engine (src/action/engine.ts) becomes a chunk loaded after the first GitHub requests. Ship
// and commit dist/ as a whole folder. Source maps sit beside each file (*.map); they cost start-up
// nothing, as Node reads them only with --enable-source-maps.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const UNDICI_LAZY = fileURLToPath(new URL('src/action/undici-lazy.ts', import.meta.url))
/** Loads the real undici on its first request too: the run's own connection pool. */
const RUN_CLIENT = fileURLToPath(new URL('src/advisories/run-client.ts', import.meta.url))

/** @actions/* import `undici` for a proxy-aware fetch; they get the lazy stand-in (see the file),
 * which alone imports the real undici, on demand. */
const lazyUndici = {
  name: 'lazy-undici',
  resolveId(source, importer) {
    if (
      source === 'undici' &&
      importer !== undefined &&
      importer !== UNDICI_LAZY &&
      importer !== RUN_CLIENT
    )
      return UNDICI_LAZY
    return null
  }
}

/** Chunks named for what they hold (rollup would name them after their first module). */
function chunkName(ids) {
  const holds = (part) => ids.some((id) => id.replaceAll('\\', '/').includes(part))
  if (holds('/node_modules/undici/')) return 'undici'
  if (holds('/node_modules/fflate/')) return 'fflate'
  if (holds('/src/review/analyze.ts')) return 'analysis'
  if (holds('/node_modules/zod/')) return 'common'
  return '[name]'
}

/** dist/ is rebuilt from nothing, so a chunk the build no longer makes cannot linger in it. */
const cleanDist = {
  name: 'clean-dist',
  buildStart() {
    rmSync(fileURLToPath(new URL('dist', import.meta.url)), { recursive: true, force: true })
  }
}

const onwarn = (warning, warn) => {
  // @actions/* and octokit ship `this` at the top level of ESM-compiled CJS; harmless.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return
  warn(warning)
}

export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    // Stable names (no content hash), so a rebuild of the same sources is byte for byte the same
    // and check-dist can compare; rollup numbers a clash.
    chunkFileNames: (chunk) => `chunks/${chunkName(chunk.moduleIds)}.js`,
    sourcemap: true,
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : '')
  },
  plugins: [
    cleanDist,
    lazyUndici,
    typescript({
      tsconfig: './tsconfig.json',
      noEmit: false,
      include: ['src/**/*.ts'],
      filterRoot: '.',
      outDir: 'dist',
      rootDir: 'src',
      declaration: false,
      sourceMap: true
    }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
    commonjs(),
    json()
  ],
  onwarn
}
