// Who renders: the action speaks of "this pull request", the CLI (run on any two trees, before a
// pull request exists) of "this change".
export type RenderContext = 'action' | 'cli'

/** "this pull request" for the action, "this change" for the CLI. */
export function thisChange(context: RenderContext): string {
  return context === 'cli' ? 'this change' : 'this pull request'
}
