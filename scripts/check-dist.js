// Rebuilds dist/ and fails when it differs from what is committed (as the template's check-dist
// workflow). dist/ is a folder of several files (entry points, chunks, source maps): every file
// counts, including one the build no longer makes (rollup.config.js empties dist/ first) and one
// it makes that is not committed.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' })
run('npm', ['run', 'bundle', '--silent'])
for (const entry of ['dist/index.js', 'dist/cli.js']) {
  if (!existsSync(entry)) {
    console.error(`${entry} was not built.`)
    process.exit(1)
  }
}
const diff = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], {
  encoding: 'utf8'
})
if (diff.trim() !== '') {
  console.error('dist/ does not match the sources. Run `npm run bundle` and commit dist/.\n' + diff)
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', 'dist'], { stdio: 'inherit' })
  process.exit(1)
}
console.log('dist/ matches the sources.')
