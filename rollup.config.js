// Bundles the two entry points (action and CLI) into committed ESM files under dist/: one build,
// so the code they share lands in shared chunks (dist/chunks/), and the action's dynamic import of
// its engine (src/action/engine.ts) becomes a chunk loaded after the first GitHub requests. Ship
// and commit dist/ as a whole folder. Source maps sit beside each file (*.map); they cost start-up
// nothing, as Node reads them only with --enable-source-maps.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import { transform } from 'esbuild'
import { rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'

const UNDICI_LAZY = fileURLToPath(new URL('src/action/undici-lazy.ts', import.meta.url))
/** Loads the real undici on its first request too: the run's own connection pool. */
const RUN_CLIENT = fileURLToPath(new URL('src/advisories/run-client.ts', import.meta.url))

/** The parts of undici the action uses (see the file), in place of undici's index. */
const UNDICI_PARTS = fileURLToPath(new URL('scripts/undici-parts.js', import.meta.url))

/** @actions/* import `undici` for a proxy-aware fetch; they get the lazy stand-in (see the file),
 * which alone imports undici, on demand; it and the run client get the parts the action uses. */
const lazyUndici = {
  name: 'lazy-undici',
  resolveId(source, importer) {
    if (source !== 'undici' || importer === undefined) return null
    return importer === UNDICI_LAZY || importer === RUN_CLIENT ? UNDICI_PARTS : UNDICI_LAZY
  }
}

/** One built-in import as rollup writes it (`import X from`, `import * as X from`,
 * `import { a, b as c } from`, `import X, { a } from`, `import 'x'`), one a line. */
const BUILTIN_IMPORT = /^import (?:([^'";]+) from )?'((?:node:)?[a-z0-9_/]+)';$/gm

/** The statement that takes the built-in from require() instead, bound to the same names. */
function requireStatement(clause, name, require) {
  const call = `${require}('node:${name}')`
  if (clause === undefined) return `${call};`
  const named = (braces) => braces.replace(/\b(\S+) as (\S+)/g, '$1: $2')
  const namespace = /^\* as (\S+)$/.exec(clause)
  if (namespace !== null) return `const ${namespace[1]} = ${call};`
  const both = /^([^{\s,]+), (\{.*\})$/.exec(clause)
  if (both !== null) return `const ${both[1]} = ${call}, ${named(both[2])} = ${both[1]};`
  if (clause.startsWith('{')) return `const ${named(clause)} = ${call};`
  return `const ${clause} = ${call};`
}

/** Node's built-in modules are taken with require(), not imported: Node 24 builds the ESM facade
 * of a built-in by reading every export, lazy getters included (those of `node:http` load Node's
 * own undici), which cost the action ~20 ms of CPU before its first request (bench/startup.ts).
 * A built-in's default export is its CommonJS object and its named exports are that object's
 * properties, so the bindings are the same. Each import stays on its line: the source map holds. */
const builtinsByRequire = {
  name: 'builtins-by-require',
  renderChunk(code) {
    const require = '__requireBuiltin'
    let first = true
    const out = code.replace(BUILTIN_IMPORT, (line, clause, source) => {
      const name = source.replace(/^node:/, '')
      if (name === 'module' || !builtinModules.includes(name)) return line
      const statement = requireStatement(clause?.trim(), name, require)
      if (!first) return statement
      first = false
      return `import { createRequire as ${require}$ } from 'node:module'; const ${require} = ${require}$(import.meta.url); ${statement}`
    })
    return out === code ? null : { code: out, map: null }
  }
}

/** Whitespace and comments out of every file (names and code as they are): V8 reads all of a
 * file's text before running it, and the action's first request waited for ~1.1 MB of it
 * (~12 ms of CPU less compact, bench/startup.ts). Licence comments stay; the source maps map back. */
const compact = {
  name: 'compact',
  async renderChunk(code, chunk) {
    const out = await transform(code, {
      format: 'esm',
      target: 'node20',
      minifyWhitespace: true,
      legalComments: 'inline',
      sourcemap: true,
      sourcefile: chunk.fileName
    })
    return { code: out.code, map: out.map }
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
    builtinsByRequire,
    compact,
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
