// Rebuilds dist/ and fails when it differs from what is committed (as the template's check-dist workflow).
import { execFileSync } from 'node:child_process'

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' })
run('npm', ['run', 'bundle', '--silent'])
const diff = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' })
if (diff.trim() !== '') {
  console.error('dist/ does not match the sources. Run `npm run bundle` and commit dist/.\n' + diff)
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', 'dist'], { stdio: 'inherit' })
  process.exit(1)
}
console.log('dist/ matches the sources.')
