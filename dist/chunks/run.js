import { writeFile, readdir, realpath, stat } from 'node:fs/promises';
import { r as renderSarif, p as plural, b as buildReview, g as gate, h as headline, f as formatCount, t as tooNewEntries, c as cooldownText, a as publishedText, R as REGISTRY_INTRO, i as isMaliciousFinding, d as cargoRange, e as registryFact, j as isDowngrade, k as fixWords, l as createAdvisorySource, m as analyze, n as locateReport, o as renderJson, q as renderComment } from './analysis.js';
import { m as TOOL_VERSION, T as TOOL_NAME, t as treeFromReader, M as MAX_CARGO_FILE_BYTES, d as tooLarge, C as ConfigurationError, f as firstLine, g as getErrorMessage, i as isCargoFile, S as SYMLINK_MODE, x as codePoints, y as cleanLine, z as clip, A as cratesIndexOrNull } from './common.js';
import { C as CLI_EDGE, r as readSharedOptions, a as readOption, o as optionsHelp, O as OPTIONS, m as mergeIgnoreRules, b as readIgnoreConfigs, c as createRunClient, f as neutraliseJsonForLog, g as neutraliseMarkdownForLog, e as createSafeLogger } from './shared.js';
import { join, dirname, resolve } from 'node:path';
import { realpathSync, lstatSync, readlinkSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import './_commonjsHelpers.js';
import 'node:events';

// --sarif FILE: the findings of the report as SARIF 2.1.0, each on the line that brought it in.
async function writeSarifFile(findings, path, logger) {
    const sarif = renderSarif(findings, { toolName: TOOL_NAME, toolVersion: TOOL_VERSION });
    await writeFile(path, JSON.stringify(sarif, null, 2) + '\n', 'utf8');
    logger.info(`SARIF: ${plural(sarif.runs[0]?.results.length ?? 0, 'result')} written to ${path}`);
}

// FileTree over a directory on disk (the CLI's --base-dir/--head-dir).
/**
 * Git's own folder: the only one skipped, so the CLI sees the files the action sees (a `target/`
 * or `node_modules/` folder can hold committed Cargo files).
 */
const SKIPPED_DIRECTORY = '.git';
/**
 * Recursive walk for Cargo.toml/Cargo.lock under `root`. Symbolic links are treated as git
 * treats them: a link is listed as a file (its target is read by the tree's one link rule), a
 * link to a directory is not entered, and a path through one reads as missing.
 */
function directoryTree(root, label = root) {
    let realRoot;
    const resolvedRoot = () => (realRoot ??= realpath(root));
    return treeFromReader({
        label,
        async list() {
            const base = await resolvedRoot();
            const found = [];
            await walk(base, '', found);
            return found;
        },
        async read(path) {
            return readRegular(await resolvedRoot(), path);
        }
    });
}
async function walk(base, dir, found) {
    const entries = await readdir(dir === '' ? base : join(base, dir), { withFileTypes: true });
    const subdirectories = [];
    for (const entry of entries) {
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
            if (entry.name !== SKIPPED_DIRECTORY)
                subdirectories.push(path);
        }
        else if (entry.isFile() || entry.isSymbolicLink()) {
            found.push(path);
        }
    }
    await Promise.all(subdirectories.map((sub) => walk(base, sub, found)));
}
/** Reads a checked path under `root` as git would see it (also the git working tree's reader). */
async function readDirectoryFile(root, path) {
    return readRegular(await realpath(root), path);
}
/**
 * Synchronous calls: a pull request's Cargo files are small and many (98 on the large one, each
 * a realpath, an lstat and a read), and awaited calls cost several times the CPU of the reads
 * themselves in promises and thread-pool hops, while nothing else waits to run meanwhile.
 */
function readRegular(realRoot, path) {
    const full = join(realRoot, ...path.split('/'));
    try {
        // A link in a directory of the path makes its real path differ: git sees no file there.
        const parent = dirname(full);
        if (realpathSync(parent) !== parent)
            return { kind: 'missing' };
        const info = lstatSync(full);
        // The link itself, as git stores it: its target, followed (or refused) by the tree's rule.
        if (info.isSymbolicLink())
            return { kind: 'link', target: readlinkSync(full) };
        if (!info.isFile())
            return { kind: 'error', message: 'not a regular file' };
        // Checked before reading so a huge file is never loaded.
        if (info.size > MAX_CARGO_FILE_BYTES)
            return tooLarge(info.size);
        return { kind: 'ok', text: readFileSync(full, 'utf8') };
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP')
            return { kind: 'missing' };
        throw error;
    }
}

/** Listings (ls-tree of a big repository) may be large; file contents go through cat-file. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
// node:child_process takes ~19 ms to load, and only git mode needs it: loaded on first use.
let childProcess;
function processes() {
    childProcess ??= createRequire(import.meta.url)('node:child_process');
    return childProcess;
}
function git(cwd, args) {
    return new Promise((resolve, reject) => {
        processes().execFile('git', args, {
            cwd,
            encoding: 'buffer',
            maxBuffer: MAX_OUTPUT_BYTES,
            windowsHide: true,
            env: { ...process.env, ...GIT_ENV }
        }, (error, stdout, stderr) => {
            if (error) {
                const detail = stderr.toString('utf8').trim();
                reject(new Error(detail === '' ? error.message : detail));
            }
            else {
                resolve(stdout);
            }
        });
    });
}
/** The top-level directory of the repository that contains `cwd`. */
async function gitRepositoryRoot(cwd) {
    try {
        return (await git(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
    }
    catch (error) {
        throw new ConfigurationError(`not inside a git repository (${firstLine(getErrorMessage(error))}); run from a repository or use --base-dir/--head-dir`);
    }
}
/** Resolves a user-given ref to a commit SHA; a ref that looks like an option is refused. */
async function resolveCommit(root, ref) {
    if (ref === '' || ref.startsWith('-') || /[\s\0:]/.test(ref) || ref.length > 256) {
        throw new ConfigurationError(`${JSON.stringify(ref.slice(0, 80))} is not a valid git revision`);
    }
    try {
        const out = await git(root, [
            'rev-parse',
            '--verify',
            '--quiet',
            '--end-of-options',
            `${ref}^{commit}`
        ]);
        return out.toString('utf8').trim();
    }
    catch {
        const shallow = await git(root, ['rev-parse', '--is-shallow-repository'])
            .then((out) => out.toString('utf8').trim() === 'true')
            .catch(() => false);
        throw new ConfigurationError(shallow
            ? `git revision ${JSON.stringify(ref)} is not in this shallow clone's history; fetch more of it with \`git fetch --unshallow\` (or \`git fetch --deepen=<n>\`), or fetch the branch, then retry`
            : `git revision ${JSON.stringify(ref)} does not name a commit in ${root}`);
    }
}
/**
 * The Cargo files that differ between `baseSha` and `headSha` (null: the working tree, untracked
 * files included), from git's own comparison of blob ids: unchanged files are never read.
 */
async function gitChangedCargoFiles(root, baseSha, headSha) {
    const diff = await git(root, [
        '-c',
        'core.quotePath=false',
        'diff',
        '--raw',
        '-z',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        baseSha,
        ...(headSha === null ? [] : [headSha]),
        '--'
    ]);
    // -z --raw: ":<modes> <ids> <status>\0<path>\0" per file.
    const fields = diff.toString('utf8').split('\0');
    const paths = new Set();
    for (let i = 0; i + 1 < fields.length; i += 1) {
        if (fields[i]?.startsWith(':') === true) {
            const path = fields[i + 1] ?? '';
            if (isCargoFile(path))
                paths.add(path);
            i += 1;
        }
    }
    if (headSha === null)
        for (const path of await untrackedFiles(root))
            paths.add(path);
    return [...paths].filter(isCargoFile).sort();
}
async function untrackedFiles(root) {
    const out = await git(root, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name']);
    return out
        .toString('utf8')
        .split('\0')
        .filter((path) => path !== '');
}
/** Parses `git ls-tree -r -l -z` output: "<mode> <type> <object> <size>\t<path>\0". */
function parseLsTree(out) {
    const map = new Map();
    for (const record of out.toString('utf8').split('\0')) {
        const tab = record.indexOf('\t');
        if (tab === -1)
            continue;
        const [mode = '', type = '', object = '', size = '-'] = record.slice(0, tab).trim().split(/ +/);
        map.set(record.slice(tab + 1), {
            mode,
            type,
            object,
            size: /^\d+$/.test(size) ? Number(size) : null
        });
    }
    return map;
}
function openGitRepository(root) {
    const batch = new CatFileBatch(root);
    return {
        root,
        revisionTree(sha, label) {
            let listing = null;
            const entries = () => (listing ??= git(root, ['ls-tree', '-r', '-l', '-z', '--full-tree', sha]).then(parseLsTree));
            return treeFromReader({
                label,
                async list() {
                    const paths = [];
                    for (const [path, entry] of await entries()) {
                        if (entry.type === 'blob')
                            paths.push(path);
                    }
                    return paths;
                },
                async read(path) {
                    const entry = (await entries()).get(path);
                    // A submodule is another repository: not a Cargo file of this one.
                    if (entry === undefined || entry.type === 'commit')
                        return { kind: 'missing' };
                    // Git's symlink blob holds the target path; the tree's one rule follows it or says why not.
                    if (entry.mode === SYMLINK_MODE) {
                        return { kind: 'link', target: (await batch.read(entry.object)).toString('utf8') };
                    }
                    if (entry.type !== 'blob')
                        return { kind: 'error', message: `a git ${entry.type}, not a file` };
                    if (entry.size !== null && entry.size > MAX_CARGO_FILE_BYTES)
                        return tooLarge(entry.size);
                    const bytes = await batch.read(entry.object);
                    return { kind: 'ok', text: bytes.toString('utf8') };
                }
            });
        },
        workingTree(label = 'working tree') {
            return treeFromReader({
                label,
                async list() {
                    // Links are listed like files; the read follows them by the tree's one rule.
                    const out = await git(root, ['ls-files', '-z', '-s', '--full-name']);
                    const paths = [];
                    for (const record of out.toString('utf8').split('\0')) {
                        const tab = record.indexOf('\t');
                        if (tab !== -1)
                            paths.push(record.slice(tab + 1));
                    }
                    return [...paths, ...(await untrackedFiles(root))];
                },
                read: (path) => readDirectoryFile(root, path)
            });
        },
        close() {
            batch.close();
        }
    };
}
/**
 * One `git cat-file --batch` for all reads: a request is an object id on stdin, the answer
 * "<id> <type> <size>\n<bytes>\n" (or "<id> missing\n") on stdout, in request order. The process
 * holds the event loop only while reads are pending, so an idle one never keeps the CLI alive.
 */
class CatFileBatch {
    root;
    child = null;
    pending = [];
    buffer = Buffer.alloc(0);
    failure = null;
    constructor(root) {
        this.root = root;
    }
    read(object) {
        if (!/^[0-9a-f]{40,64}$/.test(object)) {
            return Promise.reject(new Error(`not a git object id: ${object}`));
        }
        if (this.failure !== null)
            return Promise.reject(this.failure);
        return new Promise((resolve, reject) => {
            const child = this.start();
            this.pending.push({ object, resolve, reject });
            this.hold(true);
            child.stdin.write(`${object}\n`);
        });
    }
    close() {
        this.child?.stdin.end();
        this.child = null;
    }
    start() {
        if (this.child !== null)
            return this.child;
        const child = processes().spawn('git', ['cat-file', '--batch'], {
            cwd: this.root,
            windowsHide: true,
            env: { ...process.env, ...GIT_ENV }
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => {
            if (stderr.length < 4096)
                stderr += chunk.toString('utf8');
        });
        child.stdout.on('data', (chunk) => {
            this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
            this.drain();
        });
        const fail = (error) => {
            this.failure = error;
            for (const read of this.pending.splice(0))
                read.reject(error);
            if (this.child === child)
                this.child = null;
        };
        child.on('error', fail);
        child.on('close', (code) => {
            if (this.pending.length > 0) {
                fail(new Error(`git cat-file exited (${String(code)}): ${firstLine(stderr.trim())}`));
            }
            else if (this.child === child) {
                this.child = null;
            }
        });
        child.stdin.on('error', () => undefined);
        this.child = child;
        return child;
    }
    drain() {
        for (;;) {
            const next = this.pending[0];
            if (next === undefined)
                break;
            const newline = this.buffer.indexOf(10);
            if (newline === -1)
                return;
            const header = this.buffer.subarray(0, newline).toString('utf8');
            const [object = '', type = '', size = ''] = header.split(' ');
            if (type === 'missing' || !/^\d+$/.test(size)) {
                this.pending.shift();
                this.buffer = this.buffer.subarray(newline + 1);
                next.reject(new Error(`git object ${next.object} is ${type === 'missing' ? 'missing' : `unreadable (${header})`}`));
                continue;
            }
            const length = Number(size);
            const end = newline + 1 + length;
            if (this.buffer.length < end + 1)
                return;
            this.pending.shift();
            const bytes = Buffer.from(this.buffer.subarray(newline + 1, end));
            this.buffer = this.buffer.subarray(end + 1);
            if (object !== next.object)
                next.reject(new Error(`git cat-file answered ${object} for ${next.object}`));
            else
                next.resolve(bytes);
        }
        this.hold(false);
    }
    /** Keeps the event loop alive while reads are pending, lets it go when idle. */
    hold(busy) {
        const child = this.child;
        if (child === null)
            return;
        const streams = [child.stdin, child.stdout, child.stderr];
        if (busy || this.pending.length > 0) {
            child.ref();
            for (const stream of streams)
                stream.ref?.();
        }
        else {
            child.unref();
            for (const stream of streams)
                stream.unref?.();
        }
    }
}

// Prose wrapped to a terminal's width. Breaks only at plain spaces: a command or a code token
// made with keepTogether() never breaks, nor does a word longer than the line (a URL). Colour
// escapes take no columns. Without a width (piped output) nothing is wrapped.
/** Stands for a space that must not break; wrapLines() writes it back as a space. */
const KEEP = '\u00A0';
// eslint-disable-next-line no-control-regex -- the colour escapes terminal-text.ts writes
const ESCAPES = /\u001b\[[0-9;]*m/g;
/** The text with its spaces made unbreakable: a command stays on one line. */
function keepTogether(value) {
    return value.replace(/ /g, KEEP);
}
function columns(value) {
    return codePoints(value.replace(ESCAPES, ''));
}
/** One line wrapped: continuation lines hang under the text after its indent or bullet. */
function wrapLine(line, width) {
    if (columns(line) <= width)
        return [line];
    const lead = /^ *(?:[-*] |\d+\. )?/.exec(line)?.[0] ?? '';
    const hang = ' '.repeat(lead.length);
    const words = line.slice(lead.length).split(' ');
    const out = [];
    let current = lead;
    let empty = true;
    for (const word of words) {
        const next = empty ? current + word : `${current} ${word}`;
        if (!empty && columns(next) > width) {
            out.push(current);
            current = hang + word;
        }
        else {
            current = next;
        }
        empty = false;
    }
    out.push(current);
    return out;
}
/** Every line of the text wrapped at `width` columns (null: as it is), spaces kept restored. */
function wrapLines(value, width) {
    const lines = width === null || width < 20
        ? value.split('\n')
        : value.split('\n').flatMap((line) => wrapLine(line, width));
    return lines.join('\n').replaceAll(KEEP, ' ');
}

// `--format text`: the report for a terminal. Plain lines, the verdict first (the comment's
// sentence, from the same summary counts), then per crate its advisories grouped by verdict
// (introduced, still affected, fixed; malicious first) with ids, ranges, fixed versions, the fix
// advice and bare URLs. Everything is read from the engine's model (verdicts, `fixed_ranges`,
// `fix`): nothing is re-derived here. Nothing is escaped for
// Markdown or HTML (no `&lt;`); untrusted text is still neutralised: control and invisible format
// characters (ESC and CSI start terminal escape sequences) become U+FFFD, so a lockfile or an
// advisory cannot move the cursor, recolour or retitle the terminal. Colour only when asked.
const SGR = {
    bold: ['1', '22'],
    red: ['31', '39'],
    green: ['32', '39'],
    yellow: ['33', '39'],
    dim: ['2', '22']
};
/**
 * Whether to colour a stream, by the NO_COLOR (https://no-color.org) and FORCE_COLOR conventions:
 * NO_COLOR set and non-empty turns colour off; FORCE_COLOR turns it on (off for `0`/`false`);
 * otherwise only a terminal that is not `dumb` gets colour.
 */
function supportsColour(env, isTTY) {
    if ((env.NO_COLOR ?? '') !== '')
        return false;
    const force = env.FORCE_COLOR;
    if (force !== undefined)
        return force !== '0' && force.toLowerCase() !== 'false';
    return isTTY && env.TERM !== 'dumb';
}
/** Untrusted value → one inert line of at most `max` characters. */
function plain(value, max = 200) {
    return cleanLine(clip(value.replace(/\s+/g, ' ').trim(), max));
}
/** Only http(s) URLs without spaces are printed, and only as neutralised text. */
function bareUrl(url) {
    return /^https?:\/\/\S+$/.test(url) ? plain(url, 500) : null;
}
function versionText(change) {
    const version = plain(change.version ?? '?', 100);
    const previous = plain(change.previous ?? '?', 100);
    const fact = registryFact(change);
    const registry = fact === null ? '' : ` (${fact.words})`;
    if (change.kind === 'added')
        return `${version} (added)${registry}`;
    if (change.kind === 'removed')
        return `${previous} (removed)`;
    return `${previous} → ${version}${isDowngrade(change) ? ' (downgrade)' : ''}${registry}`;
}
/** The order and labels of the verdict groups under a crate. */
const GROUPS = [
    { verdict: 'introduced', label: 'introduced by this change' },
    { verdict: 'still-affected', label: 'still affected, as before' },
    { verdict: 'fixed', label: 'fixed by this change' }
];
/** Malicious first, then by id: the order within one verdict group. */
function ordered(list) {
    return [...list].sort((a, b) => Number(isMaliciousFinding(b)) - Number(isMaliciousFinding(a)) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
/** The per-crate fix advice (the engine's `change.fix`) as one plain line: the comment's words. */
function fixLine(change) {
    const fix = change.fix;
    if (fix === null)
        return null;
    const words = fixWords(fix, 'full', {
        code: (value, max = 200) => keepTogether(plain(value, max)),
        text: (value) => plain(value, 100)
    });
    const named = fix.version !== null && !fix.checked_published
        ? ' (named by the advisories; not checked against the index)'
        : '';
    return `fix: ${words}${named}`;
}
function renderText(report, options) {
    const paint = (style, value) => options.colour ? `\u001b[${SGR[style][0]}m${value}\u001b[${SGR[style][1]}m` : value;
    const lines = [];
    const classified = options.review ?? buildReview(report);
    const s = report.summary;
    // The outcome, in the comment's words; then what is unknown, one line per cause.
    const outcome = options.outcome ?? gate(classified).outcome;
    const colours = {
        fails: 'red',
        incomplete: 'yellow',
        'not-gated': 'yellow',
        'not-checked': 'yellow',
        passes: s.still_affected_crates > 0 ? 'yellow' : 'green'
    };
    lines.push(paint(colours[outcome.status], paint('bold', headline(report, classified, outcome, 'cli', 'plain'))));
    // The counts, for scripts that grep them; all zero they would only repeat the first line.
    const tally = [
        s.introduced_ids.length,
        s.still_affected_ids.length,
        s.fixed_ids.length,
        s.unknown_crates
    ];
    if (report.advisory_source !== null && tally.some((n) => n > 0)) {
        lines.push(`introduced: ${plural(s.introduced_ids.length, 'advisory', 'advisories')} in ${plural(s.introduced_crates, 'crate')}; ` +
            `still affected: ${plural(s.still_affected_ids.length, 'advisory', 'advisories')} in ${plural(s.still_affected_crates, 'crate')}; ` +
            `fixed: ${plural(s.fixed_ids.length, 'advisory', 'advisories')} in ${plural(s.fixed_crates, 'crate')}; ` +
            `unknown: ${plural(s.unknown_crates, 'crate')}`);
    }
    const reasons = report.problems.filter((p) => p.incomplete);
    if (!report.complete) {
        if (outcome.status !== 'incomplete') {
            lines.push(paint('yellow', paint('bold', 'The analysis is incomplete, so advisories may be missing:')));
        }
        for (const problem of reasons.slice(0, 20))
            lines.push(`  - ${plain(problem.message, 300)}`);
        if (reasons.length > 20)
            lines.push(`  - … and ${String(reasons.length - 20)} more`);
    }
    lines.push('');
    // The facts.
    lines.push(`Compared ${plain(report.base)} → ${plain(report.head)}.`);
    const changedLockfiles = report.lockfiles.filter((l) => l.changes.length > 0);
    if (changedLockfiles.length === 0)
        lines.push('No lockfile changes in this change.');
    for (const lockfile of changedLockfiles) {
        const count = (kind) => lockfile.changes.filter((c) => c.kind === kind).length;
        lines.push(`In ${plain(lockfile.path)}: ${plural(count('added'), 'crate')} added, ${formatCount(count('updated'))} updated, ${formatCount(count('removed'))} removed.`);
    }
    if (s.ignored_advisories > 0) {
        lines.push(`${plural(s.ignored_advisories, 'advisory', 'advisories')} ${s.ignored_advisories === 1 ? 'is' : 'are'} ignored by configuration and not counted.`);
    }
    if (report.advisory_source !== null) {
        lines.push(`Advisories from ${plain(report.advisory_source)}.`);
    }
    const heading = (title) => {
        lines.push('', paint('bold', title));
    };
    const advisoryLines = (advisory, status) => {
        const title = advisory.summary === null ? '' : `  ${plain(advisory.summary, 160)}`;
        const kind = isMaliciousFinding(advisory)
            ? ` ${paint('red', '[malicious crate]')}`
            : advisory.informational === null
                ? ''
                : ` [${advisory.informational}]`;
        lines.push(`      ${paint('bold', plain(advisory.id, 80))}${kind}${title}`);
        if (status !== '')
            lines.push(`        ${status}`);
        if (advisory.affected_ranges.length > 0) {
            lines.push(`        affected: ${advisory.affected_ranges.map((r) => plain(cargoRange(r), 120)).join('; ')}`);
        }
        lines.push(`        fixed in: ${advisory.fixed_ranges.length === 0 ? 'no fixed version is known' : advisory.fixed_ranges.map((r) => plain(cargoRange(r), 120)).join('; ')}`);
        if (advisory.aliases.length > 0) {
            lines.push(`        aliases: ${advisory.aliases.map((a) => plain(a, 80)).join(', ')}`);
        }
        if (advisory.ignored !== null) {
            lines.push(`        ignored (${plain(advisory.ignored.matched, 80)})${advisory.ignored.reason === null ? '' : `: ${plain(advisory.ignored.reason)}`}; not counted`);
        }
        const url = bareUrl(advisory.url);
        if (url !== null)
            lines.push(`        ${paint('dim', url)}`);
    };
    const crateLine = ({ change, lockfiles }) => {
        const path = change.dependency_path === null || change.dependency_path.length < 2
            ? ''
            : `; via ${change.dependency_path.map((p) => plain(p, 80)).join(' → ')}`;
        lines.push(`  ${paint('bold', plain(change.name, 100))} ${versionText(change)}  (${lockfiles.map((l) => plain(l)).join(', ')}${path})`);
    };
    const statusOf = (change, verdict, advisory = null) => {
        const version = plain(change.version ?? '?', 100);
        const previous = plain(change.previous ?? '?', 100);
        if (verdict === 'introduced') {
            if (change.kind === 'added')
                return `${version} is affected (new in this change)`;
            // Malware kept across a version change: introduced all the same (see findingVerdict).
            return advisory?.previous_affected === true
                ? `${version} is affected, ${previous} was too (malicious: a new version counts)`
                : `${version} is affected, ${previous} was not`;
        }
        if (verdict === 'still-affected')
            return `${version} is affected, ${previous} was too`;
        if (verdict === 'fixed') {
            return change.kind === 'removed'
                ? `${previous} was affected and is removed`
                : `${previous} was affected, ${version} is not`;
        }
        return '';
    };
    /** A crate's advisories grouped by verdict, then its ignored ones (which keep their verdict). */
    const crateBlock = (entry, only) => {
        crateLine(entry);
        const { change } = entry;
        for (const group of GROUPS) {
            if (only !== undefined && group.verdict !== only)
                continue;
            const findings = ordered(change.advisories.filter((a) => a.ignored === null && a.verdict === group.verdict));
            if (findings.length === 0)
                continue;
            lines.push(`    ${group.label}: ${plural(findings.length, 'advisory', 'advisories')}`);
            for (const advisory of findings)
                advisoryLines(advisory, statusOf(change, group.verdict, advisory));
        }
        const ignored = ordered(change.advisories.filter((a) => a.ignored !== null && a.verdict !== 'not-affected'));
        if (ignored.length > 0) {
            lines.push(`    ignored by configuration, not counted: ${plural(ignored.length, 'advisory', 'advisories')}`);
            for (const advisory of ignored)
                advisoryLines(advisory, statusOf(change, advisory.verdict, advisory));
        }
        const fix = fixLine(change);
        if (fix !== null && only === undefined)
            lines.push(`    ${paint('bold', fix)}`);
    };
    // Versions younger than the cooldown come first (render/publish-age.ts words the facts).
    const ages = tooNewEntries(classified.all);
    if (ages.tooNew.length + ages.unknown.length > 0) {
        heading(`Younger than the cooldown: ${plural(ages.tooNew.length, 'crate')} (${cooldownText(report)})`);
        for (const entry of ages.tooNew) {
            crateLine(entry);
            lines.push(`    published ${publishedText(entry.change) ?? ''}`);
        }
        for (const entry of ages.unknown) {
            crateLine(entry);
            lines.push(`    age unknown: ${plain(entry.change.publish_age?.note ?? '', 300)}`);
        }
    }
    const affectedShown = new Set([...classified.introduced, ...classified.stillAffected]);
    if (classified.introduced.length > 0) {
        heading(`Introduced: ${plural(classified.introduced.length, 'crate')} this change makes affected`);
        for (const entry of classified.introduced)
            crateBlock(entry);
    }
    if (classified.stillAffected.length > 0) {
        heading(`Still affected: ${plural(classified.stillAffected.length, 'crate')} affected before and after`);
        for (const entry of classified.stillAffected)
            crateBlock(entry);
    }
    const fixedOnly = classified.fixed.filter((entry) => !affectedShown.has(entry));
    if (fixedOnly.length > 0) {
        heading(`Fixed: ${plural(fixedOnly.length, 'crate')} this change makes unaffected`);
        for (const entry of fixedOnly)
            crateBlock(entry, 'fixed');
    }
    if (classified.registry.length > 0) {
        heading(`Yanked or not on crates.io: ${plural(classified.registry.length, 'crate')}`);
        lines.push(`  ${REGISTRY_INTRO}`);
        for (const entry of classified.registry)
            crateLine(entry);
    }
    if (classified.unknown.length > 0) {
        heading(`Unknown: ${plural(classified.unknown.length, 'crate')} whose advisories could not be looked up`);
        for (const entry of classified.unknown) {
            crateLine(entry);
            lines.push(`    ${plain(entry.change.lookup_error ?? '', 300)}`);
        }
    }
    const ignoredElsewhere = classified.ignored
        .map(({ entry }) => entry)
        .filter((entry) => !affectedShown.has(entry) && !fixedOnly.includes(entry));
    if (ignoredElsewhere.length > 0) {
        heading(`Ignored: ${plural(ignoredElsewhere.length, 'crate')} with advisories ignored by configuration`);
        for (const entry of ignoredElsewhere)
            crateBlock(entry, 'not-affected');
    }
    const manifestChanges = report.manifests.flatMap((manifest) => manifest.changes.map((change) => ({ manifest: manifest.path, change })));
    const shownVerdicts = ['introduced', 'still-affected'];
    if (manifestChanges.length > 0) {
        heading(`Requirement changes: ${plural(manifestChanges.length, 'dependency', 'dependencies')}`);
        let admitting = 0;
        for (const { manifest, change } of manifestChanges) {
            lines.push(`  ${manifestLine(manifest, change)}`);
            if (change.lookup_error !== null)
                lines.push(`    ${plain(change.lookup_error, 300)}`);
            const findings = ordered(change.advisories.filter((a) => shownVerdicts.includes(a.verdict)));
            if (findings.length === 0)
                continue;
            admitting += 1;
            const lock = change.locked_by;
            if (lock !== null) {
                // The lockfile change is shown above with its advisories: name it, do not repeat them.
                lines.push(`    judged by the version ${plain(lock.lockfile)} pins, ${plain(lock.version ?? '(none)', 100)}: ${plural(findings.length, 'advisory', 'advisories')}, listed under ${plain(change.name, 100)} above`);
                continue;
            }
            const picked = change.resolution ?? null;
            if (picked !== null &&
                (picked.kind === 'fresh-resolution' || picked.kind === 'stale-lockfile')) {
                lines.push(picked.kind === 'stale-lockfile'
                    ? `    ${plain(picked.lockfile)} pins ${plain(picked.locked.join(', ') || 'nothing', 100)}, which the requirement does not admit (cargo build --locked fails); Cargo picks ${plain(picked.version ?? '(unknown)', 100)}`
                    : `    without a lockfile Cargo picks ${plain(picked.version, 100)}, the highest published version the requirement admits`);
            }
            else if (change.admitted !== null && change.admitted.all_affected !== null) {
                lines.push(change.admitted.all_affected
                    ? '    every version this requirement admits is affected'
                    : `    only some admitted versions are affected; the smallest that is not: ${plain(change.admitted.smallest_unaffected ?? '(none)', 100)}`);
            }
            const pickedVersion = picked !== null && picked.kind !== 'unknown' && picked.kind !== 'lockfile'
                ? picked.version
                : null;
            for (const advisory of findings) {
                const what = pickedVersion === null
                    ? 'the requirement admits affected versions'
                    : `Cargo's pick ${plain(pickedVersion, 100)} is affected`;
                advisoryLines(advisory, `${what}${advisory.verdict === 'introduced' ? ' (new in this change)' : ', as before'}`);
            }
        }
        if (admitting === 0 && report.advisory_source !== null) {
            lines.push('  None of these requirements admits a version with a reported advisory.');
        }
    }
    const listed = new Set([
        ...affectedShown,
        ...fixedOnly,
        ...classified.unknown,
        ...classified.registry,
        ...ignoredElsewhere
    ]);
    const quiet = classified.all.filter((entry) => !listed.has(entry));
    if (quiet.length > 0) {
        heading(`Other changes: ${plural(quiet.length, 'crate')} without affecting advisories`);
        for (const entry of quiet)
            crateLine(entry);
    }
    const shownProblems = report.problems.filter((p) => !p.incomplete);
    if (shownProblems.length > 0) {
        heading(`Notes: ${plural(shownProblems.length, 'note')}`);
        for (const problem of shownProblems)
            lines.push(`  - ${plain(problem.message, 300)}`);
    }
    lines.push('', 'The full report: --format json (or --output <file>).');
    return `${wrapLines(lines.join('\n'), options.width ?? null)}\n`;
}
function manifestLine(path, change) {
    const req = (value) => (value === null ? '(none)' : plain(value, 100));
    const target = change.target === null ? '' : ` (${plain(change.target, 100)})`;
    const where = `${plain(path)} [${change.section}]${target}`;
    const name = plain(change.name, 100);
    // `workspace = true`: the requirement is the inherited one.
    const now = change.workspace ? (change.workspace_req ?? change.req) : change.req;
    const before = change.previous_workspace_req ?? change.previous_req;
    if (change.kind === 'added')
        return `${name} ${req(now)} added  (${where})`;
    if (change.kind === 'removed')
        return `${name} ${req(before)} removed  (${where})`;
    return `${name} ${req(before)} → ${req(now)}  (${where})`;
}

// Progress on a terminal: once a run has taken about a second, one line on stderr, rewritten in
// place, says what is being fetched (hosts) and how many requests of those started have answered.
// Never on a pipe or a file: there a log of carriage returns is noise.
function startProgress(inner, options) {
    if (!options.enabled)
        return { fetch: inner, interrupt: () => undefined, stop: () => undefined };
    let started = 0;
    let answered = 0;
    const hosts = new Set();
    let shown = false;
    const counting = async (input, init) => {
        started += 1;
        const url = input instanceof Request ? input.url : String(input);
        try {
            hosts.add(new URL(url).host);
        }
        catch {
            // A URL the client will reject anyway: not named.
        }
        try {
            return await inner(input, init);
        }
        finally {
            answered += 1;
        }
    };
    const draw = () => {
        if (started === 0)
            return;
        shown = true;
        const names = [...hosts].sort().join(', ');
        options.write(`\r\u001b[Kfetching from ${names}: ${String(answered)} of ${String(started)} requests answered`);
    };
    let interval = null;
    // Timers that never keep the process alive: progress is not work.
    const delay = setTimeout(() => {
        draw();
        interval = setInterval(draw, options.everyMs ?? 250);
        interval.unref();
    }, options.afterMs ?? 1000);
    delay.unref();
    const clear = () => {
        if (shown)
            options.write('\r\u001b[K');
        shown = false;
    };
    return {
        fetch: counting,
        interrupt: clear,
        stop: () => {
            clearTimeout(delay);
            if (interval !== null)
                clearInterval(interval);
            clear();
        }
    };
}

// Command-line parsing (node:util parseArgs, configured from the options table the action reads
// too: options/table.ts) into a validated CliOptions, or help/version.
const EXIT = {
    /** The report was produced (and, with --fail-on-affected, nothing is affected and it is complete). */
    ok: 0,
    /** --fail-on-affected: the change introduces an affected version (with =any: any new version is
     * affected); --fail-on-yanked: it introduces a yanked version or one the index does not list. */
    affected: 1,
    /** Bad usage: unknown option, missing or conflicting options, bad ref, unreadable directory. */
    usage: 2,
    /** A gate is on and nothing known fails it, but the analysis (or the yanked status) is incomplete. */
    incomplete: 3,
    /** The report could not be produced (an unexpected error). */
    error: 4
};
/** The exit code of the gates' result: a known failure 1, else an unknown 3, else 0. */
function exitCodeOf(result) {
    if (result === 'fail')
        return EXIT.affected;
    return result === 'incomplete' ? EXIT.incomplete : EXIT.ok;
}
const USAGE = `Usage:
  cargo-advisory-review --base <ref> [--head <ref>] [options]
      git mode, inside a repository
  cargo-advisory-review --base-dir <dir> --head-dir <dir> [options]
      directory mode

Reports the crates a change adds, updates or removes in Cargo.lock / Cargo.toml
files, with the OSV / RustSec advisories that affect them. Without --head, git
mode compares <ref> with the working tree, uncommitted changes included.

Options:
${optionsHelp()}

Exit codes:
  0  report produced (with --fail-on-affected: nothing affected, analysis
     complete)
  1  --fail-on-affected and the change introduces an affected version (=any:
     any is affected), or --fail-on-yanked and it adds a yanked or unlisted
     version, or --fail-on-too-new and it adds a version younger than the
     cooldown
  2  bad usage (unknown or conflicting options, bad revision, directory or
     advisory source)
  3  --fail-on-affected and the analysis is incomplete (a file or look-up
     failed), or --fail-on-yanked and the index could not be read for a new
     version, or --fail-on-too-new and a new version's age under the
     cooldown is unknown
  4  the report could not be produced (unexpected error)
`;
/** The CLI's flags, as the options table lists them. */
const FLAGS = Object.entries(OPTIONS).flatMap(([id, spec]) => (spec.flag === undefined ? [] : [{ id, ...spec.flag }]));
/** util.parseArgs' configuration, from the table. */
function parseArgsOptions() {
    const options = {};
    for (const flag of FLAGS) {
        if (flag.form === 'switch') {
            options[flag.name] = {
                type: 'boolean',
                ...(flag.short === undefined ? {} : { short: flag.short })
            };
        }
        else
            options[flag.name] = { type: 'string', multiple: flag.form === 'list' };
        if (flag.negation !== undefined)
            options[flag.negation] = { type: 'boolean' };
    }
    return options;
}
function parseCliArgs(argv, context) {
    // A switch may carry a value (`--fail-on-affected=any`, `--fail-on-yanked=false`), read by the
    // same grammar as the action's input; parseArgs has no optional values, so those go first.
    const switchValues = new Map();
    const args = [];
    for (const arg of argv) {
        const match = /^--([^=]+)=([\s\S]*)$/.exec(arg);
        const flag = FLAGS.find((each) => each.form === 'switch' && each.name === match?.[1]);
        if (match === null || flag === undefined)
            args.push(arg);
        else
            switchValues.set(flag.id, match[2] ?? '');
    }
    let values;
    try {
        ;
        ({ values } = parseArgs({
            args,
            strict: true,
            allowPositionals: false,
            options: parseArgsOptions()
        }));
    }
    catch (error) {
        // One line: Node's advice about positionals goes (this CLI takes none), the rest is joined.
        const message = error instanceof Error ? error.message : String(error);
        throw new ConfigurationError(message
            .replace(/\s*To specify a positional argument[\s\S]*$/, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim());
    }
    const given = {
        text(id) {
            const flag = FLAGS.find((each) => each.id === id);
            if (flag === undefined)
                return undefined;
            if (flag.form !== 'switch') {
                const value = values[flag.name];
                return typeof value === 'string' ? value : undefined;
            }
            if (switchValues.has(id))
                return switchValues.get(id);
            if (flag.negation !== undefined && values[flag.negation] === true)
                return 'false';
            return values[flag.name] === true ? 'true' : undefined;
        },
        entries(id) {
            const flag = FLAGS.find((each) => each.id === id);
            const value = flag === undefined ? undefined : values[flag.name];
            return Array.isArray(value) ? value.map(String) : [];
        }
    };
    const read = (id) => readOption(id, given.text(id), CLI_EDGE);
    if (read('help'))
        return { kind: 'help' };
    if (read('version'))
        return { kind: 'version' };
    // The mode: which of --base/--head and --base-dir/--head-dir were given, as given.
    const base = given.text('base');
    const head = given.text('head');
    const baseDir = given.text('baseDir');
    const headDir = given.text('headDir');
    const gitMode = base !== undefined || head !== undefined;
    const dirMode = baseDir !== undefined || headDir !== undefined;
    let mode;
    if (gitMode && dirMode) {
        throw new ConfigurationError('use either --base/--head (git mode) or --base-dir/--head-dir, not both');
    }
    else if (dirMode) {
        if (baseDir === undefined || headDir === undefined) {
            throw new ConfigurationError('--base-dir and --head-dir must be given together');
        }
        mode = { kind: 'dirs', baseDir, headDir };
    }
    else if (base !== undefined) {
        mode = { kind: 'git', base, head: head ?? null };
    }
    else if (gitMode) {
        throw new ConfigurationError('--head needs --base');
    }
    else {
        throw new ConfigurationError('give --base <ref> (git mode) or --base-dir and --head-dir');
    }
    const output = read('output');
    // --output is for the full report: JSON, unless --format asks for another.
    const format = read('format') ?? (output !== null ? 'json' : context.stdoutIsTTY ? 'text' : 'markdown');
    if (given.text('cratesIndexUrl') !== undefined && !read('cratesIndex')) {
        throw new ConfigurationError(`${CLI_EDGE.shown('cratesIndexUrl')} and ${CLI_EDGE.off('cratesIndex')} exclude each other`);
    }
    const shared = readSharedOptions(CLI_EDGE, given, { baseDir: context.cwd });
    return {
        kind: 'run',
        options: {
            mode,
            source: shared.source,
            cratesIndexUrl: shared.cratesIndexUrl,
            sourceArgument: given.text('advisorySource') ?? null,
            // Checked above by the shared grammar; the run parses them into rules.
            ignore: shared.ignore,
            failOnAffected: shared.failOnAffected,
            failOnYanked: shared.failOnYanked,
            minPublishAge: shared.minPublishAge,
            failOnTooNew: shared.failOnTooNew,
            format,
            output,
            sarif: shared.sarif,
            requestTimeoutMs: readOption('requestTimeout', given.text('requestTimeout'), CLI_EDGE) * 1000
        }
    };
}

// The CLI's work, with its I/O passed in (argv, environment, streams, working directory, fetch)
// so tests run it in-process. Progress goes to stderr, the report to stdout (or --output).
const HINT = `Run '${TOOL_NAME} --help' for usage.`;
async function runCli(argv, io) {
    const started = Date.now();
    // The CLI may run in a CI job whose runner reads stderr and stdout for workflow commands: every
    // line goes through the safe logger, and the report printed to stdout is neutralised too.
    // Each warning once: several files or look-ups may meet the same cause.
    const warned = new Set();
    let progress = null;
    // A line for stderr takes the place of the progress line, which comes back on its next tick.
    const say = (text) => {
        progress?.interrupt();
        io.stderr(text);
    };
    const logger = createSafeLogger({
        info: (line) => {
            say(`${line}\n`);
        },
        warning: (message) => {
            if (warned.has(message))
                return;
            warned.add(message);
            say(`warning: ${message}\n`);
        },
        error: (message) => {
            say(`${message}\n`);
        },
        debug: () => undefined,
        startGroup: () => undefined,
        endGroup: () => undefined
    });
    let repository = null;
    let runClient = null;
    try {
        const parsed = parseCliArgs(argv, { cwd: io.cwd, stdoutIsTTY: io.stdoutIsTTY });
        if (parsed.kind === 'help') {
            io.stdout(USAGE);
            return EXIT.ok;
        }
        if (parsed.kind === 'version') {
            io.stdout(`${TOOL_NAME} ${TOOL_VERSION}\n`);
            return EXIT.ok;
        }
        const { options } = parsed;
        // Everything the user typed is checked before any work (git, files, network): the options
        // (--ignore's ids included) by parseCliArgs, then the paths they name.
        await checkSource(options, io.cwd, logger);
        const outputPath = options.output === null ? null : await checkOutput(options.output, io.cwd);
        const sarifPath = options.sarif === null ? null : await checkOutput(options.sarif, io.cwd, '--sarif');
        const opened = await openTrees(options.mode, io.cwd);
        repository = opened.repository;
        const { base, head, paths } = opened;
        logger.info(`${TOOL_NAME}: comparing ${base.label} → ${head.label}`);
        const ignore = mergeIgnoreRules(options.ignore, await readIgnoreConfigs(base, logger));
        // The run's own connection pool, closed once the report is out (tests may pass their fetch).
        runClient = io.fetch === undefined ? createRunClient(io.env) : null;
        progress = startProgress(io.fetch ?? runClient?.fetch ?? fetch, {
            write: io.stderr,
            enabled: io.stderrIsTTY === true,
            ...(io.progressAfterMs === undefined ? {} : { afterMs: io.progressAfterMs })
        });
        const source = createAdvisorySource(options.source, {
            logger,
            userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
            fetch: progress.fetch,
            timeoutMs: options.requestTimeoutMs,
            ...io.http
        });
        const cratesIndex = cratesIndexOrNull(options.cratesIndexUrl, {
            logger,
            userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
            fetch: progress.fetch,
            timeoutMs: options.requestTimeoutMs,
            ...io.http
        });
        const analysed = await analyze({
            base,
            head,
            source,
            cratesIndex,
            ignore,
            logger,
            toolVersion: TOOL_VERSION,
            now: (io.clock ?? Date).now(),
            minPublishAge: options.minPublishAge,
            ...(paths === null ? {} : { paths })
        });
        progress.stop();
        // Each finding on its line, for the JSON report's `findings` and the SARIF file.
        const located = options.format === 'json' || sarifPath !== null
            ? await locateReport(analysed, head, { failOnTooNew: options.failOnTooNew })
            : { report: analysed, findings: [] };
        const { report } = located;
        // Decided once: the text, the exit code and every message below read the Review.
        const review = buildReview(report);
        if (sarifPath !== null)
            await writeSarifFile(located.findings, sarifPath, logger);
        // The first line of the report states this outcome: the gates the flags turned on decide it.
        const decision = gate(review, {
            failOnAffected: options.failOnAffected,
            failOnYanked: options.failOnYanked,
            failOnTooNew: options.failOnTooNew
        }, 'The change');
        const text = renderReport(review, decision.outcome, options, io, outputPath !== null);
        if (outputPath === null) {
            // Text and Markdown get the same line rule (a backslash before a leading `::` or in `##[`).
            const safe = options.format === 'json' ? neutraliseJsonForLog(text) : neutraliseMarkdownForLog(text);
            io.stdout(safe.endsWith('\n') ? safe : `${safe}\n`);
        }
        else {
            await writeFile(outputPath, text, 'utf8');
            logger.info(`report written to ${options.output ?? outputPath}`);
        }
        // Done means done: nothing the network still holds outlives the report.
        await runClient?.close();
        const { affected } = review;
        logger.info(`${plural(review.counts.lockfiles_changed, 'lockfile')} and ${plural(review.counts.manifests_changed, 'manifest')} changed; ` +
            `${plural(affected.introducedCount, 'introduced crate version')} and ${plural(affected.affectedCount, 'affected crate version')}; ${affected.incomplete ? 'INCOMPLETE' : 'complete'}; ` +
            `${String(Date.now() - started)} ms`);
        for (const reason of affected.incompleteReasons)
            logger.warning(`incomplete: ${reason}`);
        const { failures } = decision;
        if (failures.affected !== null)
            logger.error(failures.affected);
        if (failures.yanked !== null)
            logger.error(failures.yanked);
        if (options.failOnTooNew && !review.ages.active) {
            logger.warning('--fail-on-too-new: no cooldown applies (no --min-publish-age, none in the base revision’s .cargo/config.toml): publish ages were not checked');
        }
        if (failures.tooNew !== null)
            logger.error(failures.tooNew);
        // A known failure of a gate that is on is exit 1, else an unknown one is exit 3.
        return exitCodeOf(decision.result);
    }
    catch (error) {
        if (error instanceof ConfigurationError) {
            logger.error(`${TOOL_NAME}: ${error.message}`);
            io.stderr(`${HINT}\n`);
            return EXIT.usage;
        }
        logger.error(`${TOOL_NAME}: ${getErrorMessage(error)}`);
        return EXIT.error;
    }
    finally {
        progress?.stop();
        repository?.close();
        await runClient?.close();
    }
}
function renderReport(review, outcome, options, io, toFile) {
    const { report } = review;
    if (options.format === 'json')
        return renderJson(report);
    if (options.format === 'markdown') {
        return renderComment(report, { context: 'cli', outcome, review });
    }
    // A file gets no colour unless forced; a terminal gets it unless NO_COLOR says otherwise.
    return renderText(report, {
        colour: supportsColour(io.env, io.stdoutIsTTY && !toFile),
        outcome,
        review,
        // Wrapped to the terminal it is shown on; a file or a pipe gets whole lines.
        width: io.stdoutIsTTY && !toFile ? (io.columns ?? 80) : null
    });
}
/**
 * A local advisory source must exist before any work. `osv` and `rustsec` name the online
 * sources; a folder of that name in the working directory is not used unless written `./osv`,
 * which the user is told.
 */
async function checkSource(options, cwd, logger) {
    const { source, sourceArgument } = options;
    if (source.kind === 'path') {
        const info = await stat(source.path).catch(() => null);
        if (info === null) {
            throw new ConfigurationError(`--advisory-source ${JSON.stringify((sourceArgument ?? '').slice(0, 200))}: no such file or folder`);
        }
        if (!info.isDirectory() && !info.isFile()) {
            throw new ConfigurationError(`--advisory-source ${JSON.stringify((sourceArgument ?? '').slice(0, 200))}: not a folder or a .zip file`);
        }
        return;
    }
    const name = source.kind;
    const local = await stat(resolve(cwd, name)).catch(() => null);
    if (local !== null) {
        logger.info(`--advisory-source ${name}: using the ${name === 'osv' ? 'OSV API' : 'rustsec.org'} (${source.url}), not the local ${local.isDirectory() ? 'folder' : 'file'} ${name}; write ./${name} to use that`);
    }
}
/** The folder --output (or --sarif) writes into must exist: checked before the work, not after it. */
async function checkOutput(output, cwd, flag = '--output') {
    const path = resolve(cwd, output);
    const folder = await stat(dirname(path)).catch(() => null);
    if (folder?.isDirectory() !== true) {
        throw new ConfigurationError(`${flag} ${JSON.stringify(output.slice(0, 200))}: the folder ${JSON.stringify(dirname(output).slice(0, 200))} does not exist`);
    }
    const existing = await stat(path).catch(() => null);
    if (existing?.isDirectory() === true) {
        throw new ConfigurationError(`${flag} ${JSON.stringify(output.slice(0, 200))} is a folder`);
    }
    return path;
}
async function openTrees(mode, cwd) {
    if (mode.kind === 'dirs') {
        const [baseDir, headDir] = await Promise.all([mode.baseDir, mode.headDir].map(async (dir) => {
            const path = resolve(cwd, dir);
            const info = await stat(path).catch(() => null);
            if (info?.isDirectory() !== true) {
                throw new ConfigurationError(`${JSON.stringify(dir.slice(0, 200))} is not a directory`);
            }
            return path;
        }));
        return {
            base: directoryTree(baseDir ?? '', mode.baseDir),
            head: directoryTree(headDir ?? '', mode.headDir),
            paths: null,
            repository: null
        };
    }
    const root = await gitRepositoryRoot(cwd);
    const baseSha = await resolveCommit(root, mode.base);
    const headSha = mode.head === null ? null : await resolveCommit(root, mode.head);
    const repository = openGitRepository(root);
    const base = repository.revisionTree(baseSha, `${mode.base} (${baseSha.slice(0, 12)})`);
    const head = headSha === null || mode.head === null
        ? repository.workingTree()
        : repository.revisionTree(headSha, `${mode.head} (${headSha.slice(0, 12)})`);
    return { base, head, paths: await gitChangedCargoFiles(root, baseSha, headSha), repository };
}

export { runCli };
//# sourceMappingURL=run.js.map
