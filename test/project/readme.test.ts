// Keeps README.md honest: its first commands, the inputs/outputs tables (equal to action.yml and
// to the inputs the code reads), and the example comment (rendered from a fixture).
// Regenerate the example with: UPDATE_README=1 npx vitest run test/project/readme.test.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import { INPUT_NAMES } from '../../src/action/inputs.js'
import { directoryTree } from '../../src/trees/directory.js'
import { renderComment } from '../../src/render/markdown.js'
import { REPO_ROOT } from '../helpers/runner.js'
import { USAGE } from '../../src/cli/args.js'

const README_PATH = join(REPO_ROOT, 'README.md')
const readme = (): string => readFileSync(README_PATH, 'utf8')

interface Entry {
  description: string
  default?: string
}

/**
 * Reads the `inputs:`/`outputs:` maps of action.yml. A deliberately small reader for the subset
 * action.yml uses (two-space keys, plain or `>-` folded scalars), failing loudly on anything else.
 */
function readActionYml(): {
  inputs: Map<string, Entry>
  outputs: Map<string, Entry>
  runs: Record<string, string>
} {
  const lines = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8').split('\n')
  const sections: Record<string, Map<string, Record<string, string>>> = {
    inputs: new Map(),
    outputs: new Map(),
    runs: new Map()
  }
  let section: string | null = null
  let item: Record<string, string> | null = null
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    if (/^\S/.test(line)) {
      const top = /^([a-z]+):\s*$/.exec(line)?.[1]
      section = top !== undefined && top in sections ? top : null
      item = null
      if (section === 'runs') item = {}
      if (section === 'runs' && item) sections.runs?.set('runs', item)
      continue
    }
    if (section === null || line.trim() === '') continue
    const key = /^ {2}([a-z-]+):\s*$/.exec(line)?.[1]
    if (key !== undefined && section !== 'runs') {
      item = {}
      sections[section]?.set(key, item)
      continue
    }
    const field = /^ {2,4}([a-z-]+):\s*(.*)$/.exec(line)
    if (field === null || item === null)
      throw new Error(
        `action.yml line ${String(i + 1)} is outside the subset this test reads: ${line}`
      )
    const [, name = '', rawValue = ''] = field
    let value = rawValue
    if (value === '>-') {
      const folded: string[] = []
      while (/^ {6}\S/.test(lines[i + 1] ?? '')) folded.push((lines[++i] ?? '').trim())
      value = folded.join(' ')
    } else if (/^'.*'$/.test(value)) {
      value = value.slice(1, -1)
    }
    item[name] = value
  }
  const entries = (map: Map<string, Record<string, string>> | undefined): Map<string, Entry> =>
    new Map(
      [...(map ?? new Map<string, Record<string, string>>())].map(([name, fields]) => [
        name,
        {
          description: fields.description ?? '',
          ...(fields.default === undefined ? {} : { default: fields.default })
        }
      ])
    )
  return {
    inputs: entries(sections.inputs),
    outputs: entries(sections.outputs),
    runs: sections.runs?.get('runs') ?? {}
  }
}

function tableRows(marker: string): string[][] {
  const text = readme()
  const start = text.indexOf(`<!-- ${marker}:start -->`)
  const end = text.indexOf(`<!-- ${marker}:end -->`)
  expect(start).toBeGreaterThan(-1)
  expect(end).toBeGreaterThan(start)
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        // A cell may hold an escaped pipe (`\|`).
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
    )
}

const unquote = (cell: string): string => cell.replace(/^`(.*)`$/, '$1')

describe('README', () => {
  it('starts with what it does, then the set-up, test and example commands under Develop, then usage', () => {
    const lines = readme().split('\n')
    const develop = lines.indexOf('## Develop')
    expect(develop).toBeGreaterThan(0)
    // The first screen: title, one paragraph, Develop, and the usage workflow right after.
    expect(develop).toBeLessThan(12)
    expect(lines.slice(develop + 1).find((line) => line.startsWith('## '))).toBe('## Usage')
    expect(lines.indexOf('## Usage')).toBeLessThan(develop + 12)
    const head = lines.slice(develop, develop + 8).join('\n')
    expect(head).toMatch(/^npm ci\b/m)
    expect(head).toMatch(/^npm test\b/m)
    expect(head).toMatch(/^npm run example\b/m)
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(pkg.scripts.example).toMatch(
      /dist\/cli\.js --base-dir \S+ --head-dir \S+ --advisory-source \S+/
    )
  })

  it('action.yml runs the bundled action on node24', () => {
    expect(readActionYml().runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('the inputs table equals action.yml, and the code reads exactly those inputs', () => {
    const { inputs } = readActionYml()
    const rows = tableRows('inputs').map(([name = '', defaultValue = '', description = '']) => [
      unquote(name),
      unquote(defaultValue),
      description
    ])
    expect(rows).toEqual(
      [...inputs].map(([name, entry]) => [name, entry.default ?? '', entry.description])
    )
    expect([...inputs.keys()]).toEqual([...INPUT_NAMES])
  })

  it('the outputs table equals action.yml', () => {
    const { outputs } = readActionYml()
    const rows = tableRows('outputs').map(([name = '', description = '']) => [
      unquote(name),
      description
    ])
    expect(rows).toEqual([...outputs].map(([name, entry]) => [name, entry.description]))
  })

  it('shows pull_request and pull_request_target workflows with their permissions', () => {
    const workflows = [...readme().matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      (match) => match[1] ?? ''
    )
    for (const event of ['pull_request', 'pull_request_target']) {
      const workflow = workflows.find((text) => new RegExp(`^  ${event}:`, 'm').test(text))
      expect(workflow, event).toBeDefined()
      expect(workflow).toMatch(/permissions:\n {2}contents: read.*\n {2}pull-requests: write/)
      expect(workflow).toMatch(/uses: cargo-advisory-review\/cargo-advisory-review@v1\n/)
      expect(workflow).not.toMatch(/actions\/checkout/)
    }
  })

  it('the example comment is what the renderer makes of its fixture', async () => {
    const caseDir = join(REPO_ROOT, 'test', 'fixtures', 'cases', 'cratesio-2023-tokio-1-23-1')
    const report = await analyze({
      base: directoryTree(join(caseDir, 'base'), 'base'),
      head: directoryTree(join(caseDir, 'head'), 'head'),
      source: createAdvisorySource({ kind: 'path', path: 'test/fixtures/osv/rustsec/crates' })
    })
    const block = `<!-- example-comment:start -->\n<details><summary>The comment for this change</summary>\n\n${renderComment(report).trim()}\n\n</details>\n<!-- example-comment:end -->`
    const text = readme()
    const current = /<!-- example-comment:start -->[\s\S]*?<!-- example-comment:end -->/.exec(
      text
    )?.[0]
    if (process.env.UPDATE_README === '1' && current !== block)
      writeFileSync(
        README_PATH,
        text.replace(current ?? '', () => block)
      )
    else
      expect(current, 'run UPDATE_README=1 npx vitest run test/project/readme.test.ts').toBe(block)
  })

  it('the pull_request_target workflow re-runs when the base branch changes (edited)', () => {
    const workflow = /```yaml\n([\s\S]*?)```/g
    const target = [...readme().matchAll(workflow)]
      .map((match) => match[1] ?? '')
      .find((text) => /^ {2}pull_request_target:/m.test(text))
    expect(target).toMatch(/types: \[[^\]]*\bedited\b[^\]]*\]/)
  })

  it('states the Node 24 runner requirement and the release convention', () => {
    const text = readme()
    expect(text).toMatch(/Node 24/)
    expect(text).toMatch(/2\.327\.1/)
    expect(text).toMatch(/Enterprise\s+Server/)
    expect(text).toMatch(/moving major tag \(`v1`\)/)
    expect(text).toContain('.github/workflows/release.yml')
  })

  it("the offline workflow downloads OSV's crates.io/all.zip and points advisory-source at it", () => {
    const offline = [...readme().matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? '')
      .find((text) => text.includes('all.zip'))
    expect(offline).toContain(
      'https://osv-vulnerabilities.storage.googleapis.com/crates.io/all.zip'
    )
    const saved = /--output "\$RUNNER_TEMP\/([^"]+)"/.exec(offline ?? '')?.[1]
    expect(saved).toBeDefined()
    expect(offline).toContain(`advisory-source: \${{ runner.temp }}/${saved ?? ''}`)
    expect(offline).not.toMatch(/actions\/checkout/)
  })
})

/** `--help`'s Options and Exit codes blocks as [term, meaning] rows. */
function helpRows(heading: string): [string, string][] {
  const lines = USAGE.split('\n')
  const start = lines.indexOf(`${heading}:`)
  expect(start).toBeGreaterThan(-1)
  const rows: [string, string][] = []
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break
    const entry = /^ {2}(\S(?:\S| (?! ))*)(?: {2,}(.*))?$/.exec(line)
    if (entry !== null) rows.push([entry[1] ?? '', entry[2] ?? ''])
    else {
      const last = rows[rows.length - 1]
      if (last === undefined) throw new Error(`unexpected help line: ${line}`)
      last[1] = `${last[1]} ${line.trim()}`.trim()
    }
  }
  return rows
}

describe('README: Use it locally', () => {
  const cells = (marker: string) =>
    tableRows(marker).map((row) => row.map((cell) => unquote(cell).replace(/\\\|/g, '|')))

  it('the options table says what --help says', () => {
    expect(cells('cli-options')).toEqual(helpRows('Options'))
  })

  it('the exit-code table says what --help says', () => {
    expect(cells('exit-codes')).toEqual(helpRows('Exit codes'))
  })

  it('shows npx, a global install, and the three invocations, all with real options', () => {
    const text = readme()
    const section = text.slice(text.indexOf('## Use it locally'), text.indexOf('## Inputs'))
    expect(section).toContain('npx cargo-advisory-review')
    expect(section).toContain('npm install --global cargo-advisory-review')
    const commands = [...section.matchAll(/^npx cargo-advisory-review (.*)$/gm)].map(
      (match) => match[1] ?? ''
    )
    expect(commands.length).toBeGreaterThanOrEqual(3)
    // `--fail-on-affected[=any]` names the flag `--fail-on-affected`.
    const known = new Set(helpRows('Options').flatMap(([term]) => term.split(/,? |\[/)))
    for (const command of commands) {
      for (const flag of command.match(/--[a-z-]+/g) ?? []) expect(known, command).toContain(flag)
    }
    expect(section).toContain('crates.io/all.zip')
  })
})
