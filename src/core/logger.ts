// The one place log text is made safe. Everything the action and the CLI print to the job log
// passes through here, because the runner reads every stdout/stderr line for workflow commands
// (actions/runner ActionCommand.cs): `::name::data` when a line starts with `::` after its leading
// whitespace, and the legacy `##[name]data` ANYWHERE in a line. Crate names, versions, sources,
// paths and advisory text are untrusted and may hold newlines, so untrusted text could otherwise
// forge `::error::`, `::add-mask::` or `::stop-commands::` lines.
//
// The rule: percent-encode `%`, CR, LF and every other control character as the runner's own
// command escaping does (`%25`, `%0D`, `%0A`; other C0/C1 controls, line and paragraph
// separators and bidirectional overrides likewise, as UTF-8 bytes), break every `##[` (`##%5B`),
// and encode the first `:` of a leading `::`. A neutralised line is one line and starts no command.
import type { Logger } from './model.js'
import { redactSecrets } from './redact.js'

// Tab stays (harmless); the rest can end a line, hide text or reorder it on screen.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[%\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g

function encode(char: string): string {
  if (char === '%') return '%25'
  const code = char.charCodeAt(0)
  return code < 0x80
    ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
    : encodeURIComponent(char)
}

/** One log line that can start no workflow command, whatever `text` holds. */
export function neutraliseLogLine(text: string): string {
  const line = text.replace(UNSAFE, encode).replaceAll('##[', '##%5B')
  // The runner trims leading whitespace (.NET `TrimStart`) before looking for `::`.
  return line.replace(/^(\s*)::/u, '$1%3A:')
}

/**
 * A message for a command's data part (`core.warning`, `core.error`, `core.setFailed`): each of its
 * lines neutralised; @actions/core then escapes the newlines between them, so the runner shows
 * them as lines of one annotation.
 */
export function neutraliseLogMessage(text: string): string {
  return text.split('\n').map(neutraliseLogLine).join('\n')
}

/** What a log goes to: `@actions/core` in the action, stderr in the CLI. */
export interface LogSink {
  info(line: string): void
  warning(message: string): void
  error(message: string): void
  debug(message: string): void
  startGroup(title: string): void
  endGroup(): void
}

export interface SafeLogger extends Logger {
  error(message: string): void
  startGroup(title: string): void
  endGroup(): void
}

/** A logger whose every line is neutralised (and known secrets removed) before it reaches `sink`. */
export function createSafeLogger(sink: LogSink): SafeLogger {
  const line = (text: string): string => neutraliseLogLine(redactSecrets(text))
  return {
    info: (message) => {
      sink.info(line(message))
    },
    warning: (message) => {
      sink.warning(line(message))
    },
    error: (message) => {
      sink.error(neutraliseLogMessage(redactSecrets(message)))
    },
    debug: (message) => {
      sink.debug(line(message))
    },
    startGroup: (title) => {
      sink.startGroup(line(title))
    },
    endGroup: () => {
      sink.endGroup()
    }
  }
}

/**
 * A Markdown report printed to a job log: a line that would start a command gets a backslash
 * before its `::` and every `##[` becomes `##\[`. Both render as before in Markdown (a backslash
 * escapes ASCII punctuation); inside a code span the backslash shows, which is the price of a
 * log that cannot be written into.
 */
export function neutraliseMarkdownForLog(markdown: string): string {
  // The runner splits lines at CR as well as LF; the separators are kept as they are.
  return markdown
    .split(/(\r\n|\r|\n)/)
    .map((part, index) =>
      index % 2 === 1 ? part : part.replaceAll('##[', '##\\[').replace(/^(\s*)::/u, '$1\\::')
    )
    .join('')
}

/**
 * A JSON report printed to a job log: `##[` only occurs inside strings (`#` is not JSON syntax),
 * where `\u005b` is the same `[`; a JSON line never starts with `:`, and strings hold no raw
 * newline. The parsed value is unchanged.
 */
export function neutraliseJsonForLog(json: string): string {
  return json.replaceAll('##[', '##\\u005b')
}
