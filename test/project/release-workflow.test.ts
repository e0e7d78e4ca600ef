// The release convention the README promises, as the release workflow implements it: semver tags
// trigger it, dist/ is checked against the sources before anything moves, and the major tag
// follows the release. (Read as text: the repository keeps no YAML parser for one file.)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/runner.js'

const workflow = readFileSync(join(REPO_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')
const runs = [...workflow.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((match) => match[1] ?? '')

describe('release workflow', () => {
  it('runs on semver tags only', () => {
    expect(workflow).toMatch(/^on:\n {2}push:\n {4}tags: \['v\[0-9\]\+\.\[0-9\]\+\.\[0-9\]\+'\]\n/m)
    expect(workflow).not.toMatch(/^ {4}branches:/m)
  })

  it('checks dist/ and the tests before it moves the major tag', () => {
    const at = (text: string) => workflow.indexOf(text)
    expect(runs).toContain('npm run check-dist')
    expect(runs).toContain('npm test')
    expect(at('npm run check-dist')).toBeLessThan(at('git tag --force'))
    expect(at('npm test')).toBeLessThan(at('git tag --force'))
  })

  it('derives the major tag from the release tag and pushes it', () => {
    expect(workflow).toContain('major="${GITHUB_REF_NAME%%.*}"')
    expect(workflow).toContain('git push --force origin "refs/tags/$major"')
    // The shell expansion gives v1 for v1.2.3.
    const tag = 'v1.2.3'
    expect(tag.slice(0, tag.indexOf('.'))).toBe('v1')
    expect(workflow).toMatch(/contents: write/)
  })
})
