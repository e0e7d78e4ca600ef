// `npm run lint` and `npm run typecheck` in one process over ONE TypeScript program: tsc's
// diagnostics and ESLint's type-aware rules read the same parsed, bound and checked files, where
// two processes built the program twice (building it and checking it is most of either's CPU).
// What each checks is unchanged: the same tsconfig.json, eslint.config.js and --max-warnings=0.
import tsParser from '@typescript-eslint/parser'
import { ESLint } from 'eslint'
import ts from 'typescript'

const root = process.cwd()
const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json')
if (configPath === undefined) throw new Error(`no tsconfig.json in ${root}`)
const config = ts.getParsedCommandLineOfConfigFile(
  configPath,
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    }
  }
)
const program = ts.createProgram({
  rootNames: config.fileNames,
  options: config.options,
  projectReferences: config.projectReferences,
  configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config)
})

const diagnostics = ts.getPreEmitDiagnostics(program)
const host = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n'
}
const typecheck = ts.formatDiagnosticsWithColorAndContext(diagnostics, host)

// The config's projectService would build a second program; the one above covers every file
// ESLint lints (tsconfig.json includes src, test, bench, scripts and *.config.ts; .js is ignored).
// Only files of the program get it: import-x's no-cycle parses dependencies in node_modules with
// this parser too, and those are parsed without types, as under projectService.
const parser = {
  meta: { name: 'typescript-eslint/parser, one program', version: tsParser.meta?.version },
  parseForESLint: (code, options) =>
    tsParser.parseForESLint(
      code,
      program.getSourceFile(options.filePath) === undefined
        ? options
        : { ...options, programs: [program] }
    )
}
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parser, parserOptions: { projectService: false } }
  }
})
const results = await eslint.lintFiles(['.'])
const problems = results.reduce((sum, r) => sum + r.errorCount + r.warningCount, 0)
const lint = await (await eslint.loadFormatter('stylish')).format(results)

console.log(
  `> typecheck: ${diagnostics.length === 0 ? 'ok' : `failed (${String(diagnostics.length)} errors)`}`
)
if (typecheck.trim() !== '') console.log(typecheck.trimEnd())
console.log(`> lint: ${problems === 0 ? 'ok' : `failed (${String(problems)} problems)`}`)
if (lint.trim() !== '') console.log(lint.trimEnd())
process.exit(diagnostics.length === 0 && problems === 0 ? 0 : 1)
