import { m as redactSecrets, l as looseObject, s as string, c as array, I as readConfigToml, d as unknown, J as url, C as ConfigurationError } from './common.js';
import { isAbsolute, resolve } from 'node:path';

// Tab stays (harmless); the rest can end a line, hide text or reorder it on screen.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[%\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
function encode(char) {
    if (char === '%')
        return '%25';
    const code = char.charCodeAt(0);
    return code < 0x80
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : encodeURIComponent(char);
}
/** One log line that can start no workflow command, whatever `text` holds. */
function neutraliseLogLine(text) {
    const line = text.replace(UNSAFE, encode).replaceAll('##[', '##%5B');
    // The runner trims leading whitespace (.NET `TrimStart`) before looking for `::`.
    return line.replace(/^(\s*)::/u, '$1%3A:');
}
/**
 * A message for a command's data part (`core.warning`, `core.error`, `core.setFailed`): each of its
 * lines neutralised; @actions/core then escapes the newlines between them, so the runner shows
 * them as lines of one annotation.
 */
function neutraliseLogMessage(text) {
    return text.split('\n').map(neutraliseLogLine).join('\n');
}
/** A logger whose every line is neutralised (and known secrets removed) before it reaches `sink`. */
function createSafeLogger(sink) {
    const line = (text) => neutraliseLogLine(redactSecrets(text));
    return {
        info: (message) => {
            sink.info(line(message));
        },
        warning: (message) => {
            sink.warning(line(message));
        },
        error: (message) => {
            sink.error(neutraliseLogMessage(redactSecrets(message)));
        },
        debug: (message) => {
            sink.debug(line(message));
        },
        startGroup: (title) => {
            sink.startGroup(line(title));
        },
        endGroup: () => {
            sink.endGroup();
        }
    };
}
/**
 * A Markdown report printed to a job log: a line that would start a command gets a backslash
 * before its `::` and every `##[` becomes `##\[`. Both render as before in Markdown (a backslash
 * escapes ASCII punctuation); inside a code span the backslash shows, which is the price of a
 * log that cannot be written into.
 */
function neutraliseMarkdownForLog(markdown) {
    // The runner splits lines at CR as well as LF; the separators are kept as they are.
    return markdown
        .split(/(\r\n|\r|\n)/)
        .map((part, index) => index % 2 === 1 ? part : part.replaceAll('##[', '##\\[').replace(/^(\s*)::/u, '$1\\::'))
        .join('');
}
/**
 * A JSON report printed to a job log: `##[` only occurs inside strings (`#` is not JSON syntax),
 * where `\u005b` is the same `[`; a JSON line never starts with `:`, and strings hold no raw
 * newline. The parsed value is unchanged.
 */
function neutraliseJsonForLog(json) {
    return json.replaceAll('##[', '##\\u005b');
}

// Ignore lists: the `ignore` input / `--ignore` option, and the `[advisories] ignore` tables of
// deny.toml and .cargo/audit.toml. Config files are read from the BASE revision so that a pull
// request cannot silence advisories about its own changes.
/** Advisory ids and aliases: RUSTSEC-…, GHSA-…, CVE-…, OSV-…, and other OSV prefixes. */
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const MAX_CONFIG_BYTES = 1024 * 1024;
class IgnoreSyntaxError extends Error {
    name = 'IgnoreSyntaxError';
}
/**
 * Parses `ID`, `ID # reason` or `ID #reason` lines; blank lines and lines starting with `#` are
 * skipped. Throws IgnoreSyntaxError naming the line for anything that is not an advisory id.
 */
function parseIgnoreLines(lines, origin) {
    const rules = [];
    lines.forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const hash = line.indexOf('#');
        const id = (hash === -1 ? line : line.slice(0, hash)).trim();
        const reason = hash === -1 ? null : line.slice(hash + 1).trim() || null;
        if (!ID_PATTERN.test(id)) {
            throw new IgnoreSyntaxError(`${origin}, line ${String(index + 1)}: "${id.slice(0, 80)}" is not an advisory id (expected e.g. RUSTSEC-2023-0001, GHSA-xxxx-xxxx-xxxx or CVE-2023-1234, optionally followed by "# reason")`);
        }
        rules.push({ id, reason, origin });
    });
    return rules;
}
const idEntry = looseObject({ id: string(), reason: string().optional() });
// cargo-deny also accepts crate-level entries ({ crate = "…" }); they are not advisory ids.
const crateEntry = looseObject({ crate: string() });
const advisoriesTable = looseObject({
    advisories: looseObject({ ignore: array(unknown()).optional() }).optional()
});
/**
 * Reads `[advisories] ignore` from deny.toml or .cargo/audit.toml text. A malformed file or entry
 * is a warning (the file is the user's, not ours to reject), never an exception.
 */
function parseIgnoreConfig(text, origin, logger) {
    const read = readConfigToml(text);
    if ('error' in read) {
        logger.warning(`${origin}: not valid TOML${read.error.where}; its advisory ignore list was not read: ${read.error.message}`);
        return [];
    }
    const table = advisoriesTable.safeParse(read.document);
    if (!table.success) {
        logger.warning(`${origin}: [advisories] is not a table; its ignore list was not read`);
        return [];
    }
    const entries = table.data.advisories?.ignore ?? [];
    const rules = [];
    entries.forEach((entry, index) => {
        const where = `${origin}: [advisories] ignore[${String(index)}]`;
        let id;
        let reason = null;
        const table = idEntry.safeParse(entry);
        if (typeof entry === 'string') {
            id = entry.trim();
        }
        else if (table.success) {
            id = table.data.id.trim();
            reason = table.data.reason?.trim() || null;
        }
        else if (crateEntry.safeParse(entry).success) {
            logger.debug(`${where} ignores a crate, not an advisory; skipped`);
            return;
        }
        else {
            logger.warning(`${where} is neither an advisory id nor an { id, reason } table; skipped`);
            return;
        }
        if (!ID_PATTERN.test(id)) {
            logger.warning(`${where}: "${id.slice(0, 80)}" is not an advisory id; skipped`);
            return;
        }
        rules.push({ id, reason, origin });
    });
    return rules;
}
/** Where cargo-deny and cargo-audit look for their configuration, relative to the repository root. */
const IGNORE_CONFIG_PATHS = [
    'deny.toml',
    '.deny.toml',
    '.cargo/deny.toml',
    '.cargo/audit.toml'
];
/** Reads the ignore lists of every config file present in `tree` (the base revision). */
async function readIgnoreConfigs(tree, logger) {
    const reads = await Promise.all(IGNORE_CONFIG_PATHS.map(async (path) => ({ path, file: await tree.read(path) })));
    const rules = [];
    for (const { path, file } of reads) {
        if (file.kind === 'missing')
            continue;
        if (file.kind === 'error') {
            logger.warning(`${path} at ${tree.label} could not be read; its ignore list is not applied: ${file.message}`);
            continue;
        }
        if (file.text.length > MAX_CONFIG_BYTES) {
            logger.warning(`${path} at ${tree.label} is larger than 1 MiB; its ignore list is not applied`);
            continue;
        }
        rules.push(...parseIgnoreConfig(file.text, path, logger));
    }
    return rules;
}
/** Keeps the first rule per id (case-insensitive), so an input's reason wins over a config file's. */
function mergeIgnoreRules(...lists) {
    const seen = new Set();
    const merged = [];
    for (const rule of lists.flat()) {
        const key = rule.id.toUpperCase();
        if (seen.has(key))
            continue;
        seen.add(key);
        merged.push(rule);
    }
    return merged;
}

// Turns the `advisory-source` input / `--advisory-source` option into a SourceSpec.
const DEFAULT_OSV_API_URL = 'https://api.osv.dev';
const DEFAULT_RUSTSEC_URL = 'https://rustsec.org';
const httpUrl = url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''));
function parseHttpUrl(value, name) {
    const parsed = httpUrl.safeParse(value);
    if (!parsed.success) {
        throw new ConfigurationError(`${name}: "${value.slice(0, 200)}" is not an http(s) URL`);
    }
    return parsed.data;
}
/** `osv` (default) | `rustsec` | a path to a folder or .zip of OSV JSON records. */
function parseSourceSpec(value, options) {
    const source = (value ?? '').trim() || 'osv';
    const urlName = (input) => (options.name.startsWith('--') ? `--${input}` : input);
    if (source === 'osv') {
        return {
            kind: 'osv',
            url: parseHttpUrl(options.osvApiUrl?.trim() || DEFAULT_OSV_API_URL, urlName('osv-api-url'))
        };
    }
    if (source === 'rustsec') {
        return {
            kind: 'rustsec',
            url: parseHttpUrl(options.rustsecUrl?.trim() || DEFAULT_RUSTSEC_URL, urlName('rustsec-url'))
        };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
        throw new ConfigurationError(`${options.name}: "${source.slice(0, 200)}" looks like a URL; use osv (with osv-api-url) or rustsec (with rustsec-url), or give a local path`);
    }
    if (source.includes('\0'))
        throw new ConfigurationError(`${options.name}: invalid path`);
    return { kind: 'path', path: isAbsolute(source) ? source : resolve(options.baseDir, source) };
}

export { IgnoreSyntaxError as I, parseHttpUrl as a, parseSourceSpec as b, IGNORE_CONFIG_PATHS as c, neutraliseLogLine as d, createSafeLogger as e, neutraliseJsonForLog as f, neutraliseMarkdownForLog as g, mergeIgnoreRules as m, neutraliseLogMessage as n, parseIgnoreLines as p, readIgnoreConfigs as r };
//# sourceMappingURL=spec.js.map
