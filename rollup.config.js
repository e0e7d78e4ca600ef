// Bundles the two entry points (action and CLI) into committed ESM files under dist/.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const plugins = () => [
  typescript({ tsconfig: './tsconfig.json', noEmit: false, include: ['src/**/*.ts'], filterRoot: '.', outDir: 'dist', rootDir: 'src', declaration: false, sourceMap: false }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json()
]

const onwarn = (warning, warn) => {
  // @actions/* and octokit ship `this` at the top level of ESM-compiled CJS; harmless.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return
  warn(warning)
}

export default [
  { input: 'src/index.ts', output: { file: 'dist/index.js', format: 'es', sourcemap: false }, plugins: plugins(), onwarn },
  {
    input: 'src/cli.ts',
    output: { file: 'dist/cli.js', format: 'es', sourcemap: false, banner: '#!/usr/bin/env node' },
    plugins: plugins(),
    onwarn
  }
]
