// The hidden line that marks our own PR comment. Its own module: the action looks for the comment
// before the renderer is loaded.
export const COMMENT_MARKER = '<!-- cargo-advisory-review -->'
