import { l as looseObject, s as string, m as array, A as parse, T as TomlError, f as firstLine, g as getErrorMessage, p as unknown, B as url, C as ConfigurationError } from './common.js';
import { isAbsolute, resolve } from 'node:path';

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
    let document;
    try {
        document = parse(text, { unsafeKeyBehaviour: 'drop', maxDepth: 64 });
    }
    catch (error) {
        const where = error instanceof TomlError
            ? ` (line ${String(error.line)}, column ${String(error.column)})`
            : '';
        logger.warning(`${origin}: not valid TOML${where}; its advisory ignore list was not read: ${firstLine(getErrorMessage(error))}`);
        return [];
    }
    const table = advisoriesTable.safeParse(document);
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

var version = "0.1.0";
var packageJson = {
	version: version};

// The tool's version, from package.json (bundled by Rollup's JSON plugin).
const TOOL_NAME = 'cargo-advisory-review';
const TOOL_VERSION = packageJson.version;

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

export { IgnoreSyntaxError as I, TOOL_NAME as T, parseSourceSpec as a, TOOL_VERSION as b, parseIgnoreLines as c, IGNORE_CONFIG_PATHS as d, mergeIgnoreRules as m, parseHttpUrl as p, readIgnoreConfigs as r };
//# sourceMappingURL=spec.js.map
