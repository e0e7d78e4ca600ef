import { j as redactSecrets, l as looseObject, s as string, c as array, B as readConfigToml, h as unknown, D as url, C as ConfigurationError, _ as _enum, E as publishAgeSetting, F as normaliseIndexUrl, G as DEFAULT_CRATES_INDEX_URL } from './common.js';
import { setMaxListeners } from 'node:events';
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

function sharedLookup(inner) {
    const pending = new Map();
    return (hostname, options, callback) => {
        // Same host, same options (family, `all`): the same answer shape.
        const key = `${hostname}\n${JSON.stringify(options)}`;
        const waiting = pending.get(key);
        if (waiting !== undefined) {
            waiting.push(callback);
            return;
        }
        const callbacks = [callback];
        pending.set(key, callbacks);
        inner(hostname, options, (...answer) => {
            pending.delete(key);
            for (const each of callbacks)
                each(...answer);
        });
    };
}

// One HTTP client per run for the advisory sources and the crates.io index: a connection pool of
// its own (an undici Agent) that the edge closes once the report is written. Node's shared pool
// would keep what the run leaves behind: idle keep-alive sockets, connections still being made,
// and the connection undici reopens to a host after a request to it was aborted (seen with a host
// that accepts and never answers). Closing aborts what is still in flight and destroys every
// socket, so nothing of the run's network outlives its report. undici is loaded on the first
// request: a run that reads only local files never loads it.
class RunClosedError extends Error {
    name = 'AbortError';
    constructor() {
        super('the run is over: its HTTP client is closed');
    }
}
/**
 * `env` decides the pool as Node decides its own: with NODE_USE_ENV_PROXY set (Node 24), requests
 * go through HTTP(S)_PROXY, honouring NO_PROXY (undici's EnvHttpProxyAgent reads them).
 */
function createRunClient(env, clientOptions = {}) {
    const viaProxy = (env.NODE_USE_ENV_PROXY ?? '') !== '' && env.NODE_USE_ENV_PROXY !== '0';
    let pool;
    const ended = new AbortController();
    // Every in-flight request listens to it: many listeners are by design.
    setMaxListeners(0, ended.signal);
    // A function, not a field read: TypeScript would keep `aborted` narrowed across the await.
    const over = () => ended.signal.aborted;
    let closed;
    const runFetch = async (input, init) => {
        if (over())
            throw new RunClosedError();
        const { undici, agent } = await (pool ??= Promise.all([
            import('./undici.js').then(function (n) { return n.i; }),
            import('node:dns')
        ]).then(([undici, dns]) => {
            const connect = { connect: { lookup: sharedLookup(clientOptions.lookup ?? dns.lookup) } };
            return {
                undici,
                agent: viaProxy ? new undici.EnvHttpProxyAgent(connect) : new undici.Agent(connect)
            };
        }));
        // Closed while undici loaded: nothing starts.
        if (over())
            throw new RunClosedError();
        const signal = init?.signal == null ? ended.signal : AbortSignal.any([init.signal, ended.signal]);
        const target = input instanceof Request ? input.url : String(input);
        const options = { ...init, signal, dispatcher: agent };
        return undici.fetch(target, options);
    };
    return {
        fetch: runFetch,
        close() {
            closed ??= (async () => {
                ended.abort(new RunClosedError());
                if (pool === undefined)
                    return;
                const { agent } = await pool;
                await agent.destroy();
            })();
            return closed;
        }
    };
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

// The grammar of option values, one per kind, read the same way by the action (an input's text)
// and the CLI (a flag's value): the same text means the same thing, and a bad one gets the same
// message, naming the option as its edge spells it (`fail-on-yanked` / `--fail-on-yanked`).
const quoted = (text, max = 40) => `"${text.slice(0, max)}"`;
const given = (text) => text?.trim() ?? '';
// YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them.
const yamlBoolean = _enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
    .transform((value) => value.toLowerCase() === 'true');
/** true / false (YAML's spellings); a CLI switch given bare is `true`. */
function booleanValue(fallback) {
    return {
        expects: 'true or false',
        parse(text, shown) {
            const value = given(text);
            if (value === '')
                return fallback;
            const parsed = yamlBoolean.safeParse(value);
            if (!parsed.success)
                throw new ConfigurationError(`${shown}: ${quoted(value)} is not true or false`);
            return parsed.data;
        }
    };
}
/** The advisory gate: true (introduced), any, or false (off). */
const gateValue = {
    expects: 'true, any or false',
    parse(text, shown) {
        const value = given(text);
        if (value === '')
            return 'off';
        if (/^(any|Any|ANY)$/.test(value))
            return 'any';
        const parsed = yamlBoolean.safeParse(value);
        if (!parsed.success) {
            throw new ConfigurationError(`${shown}: ${quoted(value)} is not true, any or false`);
        }
        return parsed.data ? 'introduced' : 'off';
    }
};
function choiceValue(values, fallback = null) {
    return {
        expects: values.join(', '),
        parse(text, shown) {
            const value = given(text).toLowerCase();
            if (value === '')
                return fallback;
            const found = values.find((word) => word === value);
            if (found === undefined) {
                throw new ConfigurationError(`${shown}: ${quoted(given(text))} must be one of ${values.join(', ')}`);
            }
            return found;
        }
    };
}
/** A whole number from 1 to `max`. */
function countValue(fallback, max) {
    return {
        expects: `a whole number from 1 to ${String(max)}`,
        parse(text, shown) {
            const value = given(text);
            if (value === '')
                return fallback;
            if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
                throw new ConfigurationError(`${shown}: ${quoted(value)} is not a whole number from 1 to ${String(max)}`);
            }
            return Number(value);
        }
    };
}
/** Cargo's duration grammar (`7 days`, `36 hours`, `0`); null: not given. */
const ageValue = {
    expects: 'a duration ("7 days", "36 hours", "2 weeks", "0")',
    parse: (text, shown) => publishAgeSetting(text ?? '', shown)
};
/** Free text (a URL, a path, a revision: checked where it is used); null: not given. */
const textValue = {
    expects: 'text',
    parse: (text) => (given(text) === '' ? null : given(text))
};
/** A file to write; given empty, it is an error (there is no file called ""). */
const fileValue = {
    expects: 'a file name',
    parse(text, shown) {
        if (text === undefined)
            return null;
        if (text.trim() === '')
            throw new ConfigurationError(`${shown} needs a file name`);
        return text.trim();
    }
};
// Refs are passed to the REST API as path/query values; keep them to git's ref alphabet.
const REF = /^[A-Za-z0-9][A-Za-z0-9._/@{}^~+-]{0,254}$/;
/** A branch, tag or commit SHA for GitHub's API; null: not given. */
const refValue = {
    expects: 'a branch, tag or commit SHA',
    parse(text, shown) {
        const value = given(text);
        if (value === '')
            return null;
        if (!REF.test(value)) {
            throw new ConfigurationError(`${shown}: ${quoted(value, 80)} is not a branch, tag or commit SHA`);
        }
        return value;
    }
};
/** One advisory id to ignore (`ID`, `ID # reason`); a blank or `#` line is none. */
function ignoreEntry(text, shown, origin) {
    try {
        return parseIgnoreLines([text], origin);
    }
    catch (error) {
        if (error instanceof IgnoreSyntaxError) {
            const why = error.message.replace(/^.*?, line \d+: /, '');
            throw new ConfigurationError(`${shown} ${JSON.stringify(text.trim().slice(0, 80))}: ${why}`);
        }
        throw error;
    }
}

const spec = (option) => option;
const COMMENT_MODES = ['always', 'on-affected', 'never'];
/** `auto`: a check run on the head commit under `pull_request_target` only (elsewhere the step's
 * own annotations already attach to the commit the pull request shows). */
const CHECK_RUN_MODES = ['auto', 'always', 'never'];
const UNMAINTAINED_MODES = ['hide', 'notice'];
const FORMATS = ['text', 'markdown', 'json'];
/** Every option; CLI rows in --help's order. */
const OPTIONS = {
    base: spec({
        grammar: textValue,
        flag: { name: 'base', form: 'value' },
        help: { term: '--base <ref>', text: ['base revision (branch, tag, SHA, HEAD~1, …)'] }
    }),
    head: spec({
        grammar: textValue,
        flag: { name: 'head', form: 'value' },
        help: { term: '--head <ref>', text: ['head revision (default: the working tree)'] }
    }),
    baseDir: spec({
        grammar: textValue,
        flag: { name: 'base-dir', form: 'value' },
        help: { term: '--base-dir <dir>', text: ['base directory (directory mode)'] }
    }),
    headDir: spec({
        grammar: textValue,
        flag: { name: 'head-dir', form: 'value' },
        help: { term: '--head-dir <dir>', text: ['head directory (directory mode)'] }
    }),
    advisorySource: spec({
        grammar: textValue,
        input: 'advisory-source',
        flag: { name: 'advisory-source', form: 'value' },
        help: {
            term: '--advisory-source <src>',
            text: [
                'osv (default: the OSV API) | rustsec (rustsec.org)',
                "| a folder or .zip of OSV JSON records, e.g. OSV's",
                'crates.io/all.zip; a folder named osv or rustsec',
                'needs ./osv or ./rustsec'
            ]
        }
    }),
    osvApiUrl: spec({
        grammar: textValue,
        input: 'osv-api-url',
        flag: { name: 'osv-api-url', form: 'value' },
        help: { term: '--osv-api-url <url>', text: ['OSV API (default https://api.osv.dev)'] }
    }),
    rustsecUrl: spec({
        grammar: textValue,
        input: 'rustsec-url',
        flag: { name: 'rustsec-url', form: 'value' },
        help: {
            term: '--rustsec-url <url>',
            text: ['rustsec.org mirror (default https://rustsec.org)']
        }
    }),
    cratesIndexUrl: spec({
        grammar: textValue,
        input: 'crates-index-url',
        flag: { name: 'crates-index-url', form: 'value' },
        help: {
            term: '--crates-index-url <url>',
            text: ['crates.io sparse index for yanked status (default', 'https://index.crates.io)']
        }
    }),
    cratesIndex: spec({
        grammar: booleanValue(true),
        input: 'crates-index',
        flag: { name: 'crates-index', form: 'switch', negation: 'no-crates-index' },
        help: {
            term: '--no-crates-index',
            text: ['do not read the crates.io index (air-gapped', 'machines)']
        }
    }),
    requestTimeout: spec({
        grammar: countValue(30, 600),
        flag: { name: 'request-timeout', form: 'value' },
        help: {
            term: '--request-timeout <seconds>',
            text: [
                'seconds one request to the advisory source or the',
                'crates.io index may take, answer included',
                '(default 30; retried, then the crate is unknown)'
            ]
        }
    }),
    ignore: spec({
        grammar: textValue,
        input: 'ignore',
        flag: { name: 'ignore', form: 'list' },
        help: {
            term: '--ignore <id[#reason]>',
            text: [
                'ignore an advisory by id or alias (repeatable);',
                'deny.toml and .cargo/audit.toml of the base',
                'revision are read too'
            ]
        }
    }),
    failOnAffected: spec({
        grammar: gateValue,
        input: 'fail-on-affected',
        flag: { name: 'fail-on-affected', form: 'switch' },
        help: {
            term: '--fail-on-affected[=any]',
            text: [
                'exit 1 when the change introduces an affected',
                'version (=any: when any added or updated version',
                'is affected, even if it was before), 3 when the',
                'analysis is incomplete'
            ]
        }
    }),
    failOnYanked: spec({
        grammar: booleanValue(false),
        input: 'fail-on-yanked',
        flag: { name: 'fail-on-yanked', form: 'switch' },
        help: {
            term: '--fail-on-yanked',
            text: [
                'exit 1 when the change adds a yanked version or',
                'one the crates.io index does not list, 3 when that',
                'could not be read'
            ]
        }
    }),
    minPublishAge: spec({
        grammar: ageValue,
        input: 'min-publish-age',
        flag: { name: 'min-publish-age', form: 'value' },
        help: {
            term: '--min-publish-age <age>',
            text: [
                'the cooldown: a crates.io version the change adds',
                'or updates that was published less than this long',
                'ago is a finding (Cargo\'s grammar: "7 days",',
                '"36 hours", "2 weeks"; "0" turns it off);',
                "default: each lockfile's cooldown in the base",
                "revision's .cargo/config.toml, else none"
            ]
        }
    }),
    failOnTooNew: spec({
        grammar: booleanValue(false),
        input: 'fail-on-too-new',
        flag: { name: 'fail-on-too-new', form: 'switch' },
        help: {
            term: '--fail-on-too-new',
            text: [
                'exit 1 when the change adds a version younger',
                "than the cooldown, 3 when a version's age under",
                'it could not be established'
            ]
        }
    }),
    format: spec({
        grammar: choiceValue(FORMATS),
        flag: { name: 'format', form: 'value' },
        help: {
            term: '--format <text|markdown|json>',
            text: [
                'report format (default: json with --output, else',
                'text on a terminal and markdown elsewhere); text',
                'is coloured and wrapped on a terminal unless',
                'NO_COLOR is set (FORCE_COLOR forces colour)'
            ]
        }
    }),
    output: spec({
        grammar: fileValue,
        flag: { name: 'output', form: 'value' },
        help: {
            term: '--output <file>',
            text: [
                'write the full report to a file instead of stdout,',
                'as JSON unless --format says otherwise (the folder',
                'must exist)'
            ]
        }
    }),
    sarif: spec({
        grammar: fileValue,
        input: 'sarif-file',
        flag: { name: 'sarif', form: 'value' },
        help: {
            term: '--sarif <file>',
            text: [
                'also write the findings as SARIF 2.1.0, each on',
                'the line of the Cargo.toml (or Cargo.lock) that',
                'brought it in'
            ]
        }
    }),
    help: spec({
        grammar: booleanValue(false),
        flag: { name: 'help', form: 'switch', short: 'h' },
        help: { term: '-h, --help', text: ['show this help'] }
    }),
    version: spec({
        grammar: booleanValue(false),
        flag: { name: 'version', form: 'switch', short: 'V' },
        help: { term: '-V, --version', text: ['show the version'] }
    }),
    // The action's own inputs.
    githubToken: spec({ grammar: textValue, input: 'github-token' }),
    unmaintained: spec({ grammar: choiceValue(UNMAINTAINED_MODES, 'hide'), input: 'unmaintained' }),
    comment: spec({ grammar: choiceValue(COMMENT_MODES, 'always'), input: 'comment' }),
    baseRef: spec({ grammar: refValue, input: 'base-ref' }),
    headRef: spec({ grammar: refValue, input: 'head-ref' }),
    githubTimeout: spec({ grammar: countValue(30, 600), input: 'github-timeout' }),
    githubDeadline: spec({ grammar: countValue(600, 6 * 3600), input: 'github-deadline' }),
    githubRequestBudget: spec({ grammar: countValue(500, 100_000), input: 'github-request-budget' }),
    checkRun: spec({ grammar: choiceValue(CHECK_RUN_MODES, 'auto'), input: 'check-run' })
};
const ACTION_EDGE = {
    kind: 'action',
    shown: (id) => OPTIONS[id].input ?? id,
    on: (id) => `${OPTIONS[id].input ?? id}: true`,
    off: (id) => `${OPTIONS[id].input ?? id}: false`
};
const CLI_EDGE = {
    kind: 'cli',
    shown: (id) => `--${flagOf(id)}`,
    on: (id) => `--${flagOf(id)}`,
    off: (id) => {
        const flag = OPTIONS[id].flag;
        return flag?.negation === undefined ? `--${flagOf(id)}=false` : `--${flag.negation}`;
    }
};
function flagOf(id) {
    const flag = OPTIONS[id].flag;
    return flag?.name ?? id;
}
/** An option's value from its text, named as `edge` spells it. */
function readOption(id, text, edge) {
    const grammar = OPTIONS[id].grammar;
    return grammar.parse(text, edge.shown(id));
}
/** --help's Options block, from the table: each term, its text in a column at 29. */
function optionsHelp() {
    const lines = [];
    for (const option of Object.values(OPTIONS)) {
        if (option.help === undefined)
            continue;
        const { term, text } = option.help;
        const [first = '', ...rest] = text;
        if (term.length <= 25)
            lines.push(`  ${term.padEnd(27)}${first}`);
        else
            lines.push(`  ${term}`, `${' '.repeat(29)}${first}`);
        for (const line of rest)
            lines.push(`${' '.repeat(29)}${line}`);
    }
    return lines.join('\n');
}

/** Where the ignore rules of each edge come from, in the report. */
const IGNORE_ORIGIN = { action: 'ignore input', cli: '--ignore' };
function readSharedOptions(edge, given, options) {
    const read = (id) => readOption(id, given.text(id), edge);
    const failOnAffected = read('failOnAffected');
    const cratesIndex = read('cratesIndex');
    const failOnYanked = read('failOnYanked');
    if (failOnYanked && !cratesIndex) {
        throw new ConfigurationError(`${edge.on('failOnYanked')} needs the crates.io index; it cannot be checked with ${edge.off('cratesIndex')}`);
    }
    const minPublishAge = read('minPublishAge');
    const failOnTooNew = read('failOnTooNew');
    if ((failOnTooNew || (minPublishAge?.seconds ?? 0) > 0) && !cratesIndex) {
        throw new ConfigurationError(`${edge.shown('minPublishAge')} and ${edge.shown('failOnTooNew')} need the crates.io index (publish times); they cannot be checked with ${edge.off('cratesIndex')}`);
    }
    const ignore = given
        .entries('ignore')
        .flatMap((entry) => ignoreEntry(entry, edge.shown('ignore'), IGNORE_ORIGIN[edge.kind]));
    const indexUrl = read('cratesIndexUrl');
    return {
        source: parseSourceSpec(read('advisorySource') ?? undefined, {
            osvApiUrl: read('osvApiUrl') ?? undefined,
            rustsecUrl: read('rustsecUrl') ?? undefined,
            baseDir: options.baseDir,
            name: edge.shown('advisorySource')
        }),
        cratesIndexUrl: cratesIndex
            ? parseHttpUrl(normaliseIndexUrl(indexUrl ?? '') || DEFAULT_CRATES_INDEX_URL, edge.shown('cratesIndexUrl'))
            : null,
        failOnAffected,
        failOnYanked,
        minPublishAge,
        failOnTooNew,
        ignore,
        sarif: read('sarif')
    };
}

export { ACTION_EDGE as A, CLI_EDGE as C, IGNORE_CONFIG_PATHS as I, OPTIONS as O, readOption as a, readIgnoreConfigs as b, createRunClient as c, neutraliseLogLine as d, createSafeLogger as e, neutraliseJsonForLog as f, neutraliseMarkdownForLog as g, mergeIgnoreRules as m, neutraliseLogMessage as n, optionsHelp as o, readSharedOptions as r };
//# sourceMappingURL=shared.js.map
