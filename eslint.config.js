// ESLint flat config: type-aware typescript-eslint rules, Prettier owns formatting, and the
// pipeline's arrows: a stage imports only earlier stages and core, with no import cycle.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

// The pipeline in order; each stage may import only the stages before it. `options` (the one
// table of options both edges read) comes last: it reads every stage's grammar, none reads it.
const STAGES = [
  'core',
  'cargo',
  'trees',
  'diff',
  'advisories',
  'evaluate',
  'review',
  'render',
  'options'
]
// The edges import every stage; neither imports the other, and only action/ imports @actions/*.
const EDGES = ['cli', 'action']
const zones = [
  ...STAGES.flatMap((stage, index) =>
    [...STAGES.slice(index + 1), ...EDGES].map((later) => ({
      target: `./src/${stage}`,
      from: `./src/${later}`,
      message: `${stage}/ comes before ${later}/ in the pipeline`
    }))
  ),
  { target: './src/cli', from: './src/action', message: 'the CLI does not import the action' },
  { target: './src/action', from: './src/cli', message: 'the action does not import the CLI' }
]

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test/fixtures/',
      '.tmp/',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true }
      ]
    }
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    // Sources import `./x.js`, which is `./x.ts` on disk.
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })]
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'only src/action/ talks to the Actions runtime' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/action/**/*.ts', 'src/index.ts'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off'
    }
  },
  prettier
)
