import { createRequire } from 'node:module';
import { statSync, readFileSync, readdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { resolve as resolve$1, join } from 'node:path';
import { J as CRATES_IO, K as requireSemver, L as compareStrings, H as text, z as clip, N as code, O as clipLines, P as sanitizeMarkdown, Q as link, l as looseObject, s as string, a as boolean, u as union, r as record, c as array, R as parseToml, U as shapeError, V as MAX_TOML_CHARS, W as formatAge, X as queryableNames, Y as applyOutage, g as getErrorMessage, Z as emptyLookupResult, $ as recordForCrate, a0 as FailureBreaker, a1 as originOf$1, a2 as HttpClient, a3 as mapPool, a4 as progressCounter, a5 as namesCrate, a6 as shownUrl, a7 as SERVICE_HINT, a8 as QueryBatchResponseSchema, a9 as parseRecord, aa as OFFLINE_HINT, ab as sameVersion$1, ac as indexFileFault, o as object, h as unknown, n as number, ad as CargoFileError, ae as locateKey, _ as _enum, B as readConfigToml, af as silentLogger, i as isCargoFile, ag as configDirectories, ah as resolveCooldown, ai as readCooldownKeys, aj as outageReason, G as DEFAULT_CRATES_INDEX_URL, ak as isOutageReason, j as redactSecrets, y as cleanLine, al as linkDestination, v as COMMENT_MARKER, am as TITLE, an as MAX_COMMENT_CHARS, ao as utf8Bytes, ap as MAX_SUMMARY_BYTES, aq as COMMENT_TARGET_CHARS, x as codePoints } from './common.js';
import { a as getDefaultExportFromCjs } from './_commonjsHelpers.js';

// Counts in messages: "1 crate", "2 crates", "1,274 files". One number format for every output
// (comment, summary, text, gate, log), written by hand: the first toLocaleString of a process
// loads ICU's number data (~30 ms of a CLI run).
/** An integer with a comma every three digits, as en-US writes it: 1274 → "1,274". */
function formatCount(n) {
    if (!Number.isSafeInteger(n))
        return String(n);
    const digits = String(Math.abs(n));
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return n < 0 ? `-${grouped}` : grouped;
}
function plural(n, singular, pluralForm = `${singular}s`) {
    return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

// Version ranges as a Cargo user writes them. The engine's computed bounds carry semver's `-0`
// (`<0.21.0-0`: below every pre-release of 0.21.0); Cargo's requirements never match a
// pre-release unless they name one, so `<0.21.0` says the same to a reader.
/** `>=0.20.2, <0.21.0-0` → `>=0.20.2, <0.21.0`. */
function cargoRange(range) {
    return range.replace(/(\d+\.\d+\.\d+)-0(?![\w.+-])/g, '$1');
}
/** A verdict as words, never the model's enum value. */
const VERDICT_WORDS = {
    introduced: 'introduced',
    'still-affected': 'still affected',
    fixed: 'fixed',
    'not-affected': 'not affected'
};

// Which registry a lockfile `source` or a manifest declaration names, decided as Cargo decides it.
// Cargo reads a lockfile source with `SourceId::from_url` (`kind+url`, the URL parsed by the WHATWG
// URL standard, as Rust's `url` crate and Node's `URL` both implement it) and compares sources by
// kind and `CanonicalUrl` (cargo `src/cargo/util/canonical_url.rs`, `core/source_id.rs`). So
// `registry+http://GITHUB.COM:443/Rust-Lang/./crates.io-index.git/` is crates.io to Cargo, and
// `cargo build --locked` builds it from crates.io: it must be looked up like any crates.io package.
/** Cargo's `CRATES_IO_INDEX` and `CRATES_IO_HTTP_INDEX`. */
const CRATES_IO_GIT_INDEX = 'registry+https://github.com/rust-lang/crates.io-index';
const CRATES_IO_SPARSE_INDEX = 'sparse+https://index.crates.io/';
/** Cargo's `CRATES_IO_REGISTRY`: `registry = "crates-io"` in a manifest is crates.io itself. */
const CRATES_IO_REGISTRY_NAME = 'crates-io';
/**
 * `CanonicalUrl::new` on an already parsed URL: one trailing slash off (never the first one), and
 * for URLs whose scheme has no `+`: GitHub URLs become https with a lower-cased path, and a final
 * `.git` is dropped. Null for a cannot-be-a-base URL, which Cargo refuses.
 */
function canonicalUrl(url) {
    const afterScheme = url.href.slice(url.protocol.length);
    const opaque = !afterScheme.startsWith('//') && !url.pathname.startsWith('/');
    if (opaque)
        return null;
    // `path_segments_mut().pop_if_empty()` keeps the slash right after the host.
    if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
        url.pathname = url.pathname.slice(0, -1);
    }
    if (url.protocol.includes('+'))
        return url.href;
    if (url.hostname === 'github.com') {
        url = new URL(`https:${url.href.slice(url.protocol.length)}`);
        url.pathname = url.pathname.toLowerCase();
    }
    if (url.pathname.endsWith('.git')) {
        const cut = url.pathname.lastIndexOf('/');
        const last = url.pathname.slice(cut + 1, -'.git'.length);
        const parent = url.pathname.slice(0, Math.max(cut, 1));
        // `pop().push(last)`: `push` ignores a `.` or `..` segment.
        url.pathname =
            last === '.' || last === '..' ? parent : `${parent === '/' ? '' : parent}/${last}`;
    }
    return url.href;
}
/** `SourceId::from_url` for the registry kinds: the kind and the canonical URL, or null. */
function canonicalRegistry(source) {
    const plus = source.indexOf('+');
    if (plus < 0)
        return null;
    const kind = source.slice(0, plus);
    if (kind !== 'registry' && kind !== 'sparse')
        return null;
    // A sparse source keeps its `sparse+` prefix in the URL; a git registry's URL follows the `+`.
    const text = kind === 'sparse' ? source : source.slice(plus + 1);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return null;
    }
    const canonical = canonicalUrl(url);
    return canonical === null ? null : { kind, url: canonical };
}
const CRATES_IO_CANONICAL = [CRATES_IO_GIT_INDEX, CRATES_IO_SPARSE_INDEX].map((source) => canonicalRegistry(source));
/** Does Cargo read this lockfile `source` as crates.io (git or sparse index, any spelling)? */
function isCratesIoSource(source) {
    // Fast path: the two spellings Cargo itself writes.
    if (source === CRATES_IO_GIT_INDEX || source === CRATES_IO_SPARSE_INDEX)
        return true;
    const parsed = canonicalRegistry(source);
    return (parsed !== null &&
        CRATES_IO_CANONICAL.some((known) => known?.kind === parsed.kind && known.url === parsed.url));
}
/**
 * The report's source: `crates.io` for every spelling of the crates.io index (the spelling itself
 * is not kept: Cargo builds such a package from crates.io), any other source as written, null for
 * path/workspace members.
 */
function normaliseSource(source) {
    if (source === undefined || source === null)
        return null;
    return isCratesIoSource(source) ? CRATES_IO : source;
}
/** A manifest dependency from crates.io: a registry dependency with no registry or `crates-io`. */
function isCratesIoOrigin(origin) {
    return (origin.kind === 'registry' &&
        (origin.registry === null || origin.registry === CRATES_IO_REGISTRY_NAME));
}

// The verdict: for every (change, advisory) what this pull request does — introduces, keeps, fixes,
// or does not touch an affected version — computed once here; the Review (review/) groups and
// counts it for every reader. Pure.
/** Strongest first: what a change's verdict is when its advisories disagree. */
const VERDICT_ORDER = [
    'introduced',
    'still-affected',
    'fixed',
    'not-affected'
];
/**
 * One advisory against one change. `affected` is for the version the change leaves in the
 * lockfile (for a removed crate: the version it removes), `previous` for the version it replaces.
 * A malicious advisory has no "as before": a change that adds or changes to a version it affects
 * introduces it, whatever the base had (a new version of malware is new code from its author, and
 * nobody means to keep malware), so the gate's `introduced` mode fails on it.
 */
function findingVerdict(kind, affected, previous, malicious = false) {
    if (kind === 'removed')
        return affected ? 'fixed' : 'not-affected';
    if (affected)
        return previous === true && !malicious ? 'still-affected' : 'introduced';
    return previous === true ? 'fixed' : 'not-affected';
}
function strongest(verdicts) {
    let best = VERDICT_ORDER.length - 1;
    for (const verdict of verdicts)
        best = Math.min(best, VERDICT_ORDER.indexOf(verdict));
    return VERDICT_ORDER[best] ?? 'not-affected';
}
/** The change's verdict from its advisories: ignored ones do not count. */
function changeVerdict(change, checked) {
    if (!checked)
        return 'not-checked';
    if (change.lookup_error !== null)
        return 'unknown';
    return strongest(change.advisories.filter((a) => a.ignored === null).map((a) => a.verdict));
}
/** Non-ignored advisories of a change with this verdict. */
function withVerdict(advisories, verdict) {
    return advisories.filter((a) => a.ignored === null && a.verdict === verdict);
}
/** The counting unit: one crate change is one (crate, source, old version, new version). */
function crateChangeKey(change) {
    return [change.name, change.source ?? '', change.previous ?? '', change.version ?? ''].join('\u0000');
}
/** The lockfile whose directory is the nearest at or above `manifest`'s (paths use `/`). */
function nearestLockfile(manifest, lockfiles) {
    const dir = (path) => {
        const slash = path.lastIndexOf('/');
        return slash === -1 ? '' : path.slice(0, slash);
    };
    const manifestDir = dir(manifest);
    let best = null;
    let depth = -1;
    for (const lockfile of lockfiles) {
        const lockDir = dir(lockfile.path);
        const within = lockDir === '' || manifestDir === lockDir || manifestDir.startsWith(lockDir + '/');
        if (within && lockDir.length > depth) {
            best = lockfile;
            depth = lockDir.length;
        }
    }
    return best;
}
/**
 * Requirement changes no lockfile resolves (a library without Cargo.lock, a stale lockfile),
 * counted like crate changes: judged by the version Cargo picks (`resolution`), or, where that
 * pick is not known (index off), only when every version they admit is affected. One per (crate,
 * origin, old requirement, new requirement), however many manifests hold it.
 */
function countedRequirements(manifests) {
    const units = new Map();
    for (const manifest of manifests) {
        for (const change of manifest.changes) {
            if (change.locked_by !== null || change.kind === 'removed')
                continue;
            if (change.lookup_error !== null)
                continue;
            if (!pickedByCargo(change) && change.admitted?.all_affected !== true)
                continue;
            const key = [
                change.name,
                JSON.stringify(change.origin),
                effectiveReq(change, 'base') ?? '',
                effectiveReq(change, 'head') ?? ''
            ].join('\u0000');
            const unit = units.get(key) ?? { change, manifests: [] };
            if (!unit.manifests.includes(manifest.path))
                unit.manifests.push(manifest.path);
            units.set(key, unit);
        }
    }
    return units;
}
/** The head requirement is judged by the version Cargo picks (a fresh resolution, or past a stale pin). */
function pickedByCargo(change) {
    const resolution = change.resolution ?? null;
    if (resolution === null)
        return false;
    return (resolution.kind === 'fresh-resolution' ||
        (resolution.kind === 'stale-lockfile' && resolution.version !== null));
}
function isCratesIoLockChange(change) {
    return change.source === CRATES_IO;
}
/** Registry dependencies with no `registry = …` come from crates.io. */
function isCratesIoManifestChange(change) {
    return isCratesIoOrigin(change.origin);
}
/**
 * The requirement in force on one side: the workspace's for `workspace = true` (Cargo allows no
 * version beside it), else the one written in the manifest.
 */
function effectiveReq(change, side) {
    return side === 'head'
        ? (change.workspace_req ?? change.req)
        : (change.previous_workspace_req ?? change.previous_req);
}

var semverExports = requireSemver();
var SemVer = /*@__PURE__*/getDefaultExportFromCjs(semverExports);

// SemVer 2.0 parsing and precedence for crate versions and OSV events, via the `semver` package.
// Build metadata is stripped before parsing: it never takes part in precedence (`0.14.2+1.5.1`).
// What counts as a version is Cargo's rule (the `semver` crate's `Version::parse`, which Cargo uses
// for every lockfile version): no `v`, `=` or spaces, all three numbers, no leading zeros, no
// empty identifiers. Numbers are u64 there; past 2^53 − 1 the `semver` package (and a JavaScript
// number) cannot order them, so such a version is refused here and its package is unknown.
// Only the class (not the package's index of ~50 modules): less to load at start.
const NUMBER = '(0|[1-9][0-9]*)';
const PRE_ID = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)';
const BUILD_ID = '[0-9A-Za-z-]+';
const CARGO_VERSION = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?$`);
const U64_MAX$1 = 2n ** 64n - 1n;
/** Why `text` is not a version this tool can evaluate, or null when it is one. */
function versionProblem(text) {
    if (text.length > 256)
        return 'is longer than 256 characters';
    const match = CARGO_VERSION.exec(text);
    if (match === null) {
        return 'is not a version Cargo accepts (SemVer `major.minor.patch`, no leading zeros or spaces)';
    }
    const [, major = '', minor = '', patch = '', pre] = match;
    if ([major, minor, patch].some((part) => BigInt(part) > U64_MAX$1)) {
        return 'is not a version Cargo accepts (a number above 2^64 − 1)';
    }
    const numeric = [major, minor, patch, ...(pre ?? '').split('.').filter((id) => /^\d+$/.test(id))];
    if (numeric.some((part) => part.length > 15 && BigInt(part) > BigInt(Number.MAX_SAFE_INTEGER))) {
        return 'has a number above 2^53 − 1, which this tool cannot compare';
    }
    return null;
}
function parseVersion(text) {
    return readVersion(text).version;
}
function parseUnchecked(text) {
    const plus = text.indexOf('+');
    const core = plus === -1 ? text : text.slice(0, plus);
    try {
        return new SemVer(core, { loose: false });
    }
    catch {
        return null;
    }
}
const PARTIAL = /^(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$/;
// A review reads the same few thousand version texts (lockfile versions, advisory events) many
// times over; reads are memoised per form. Results are frozen, as they are shared. Bounded: the
// memo starts afresh past MEMO_LIMIT texts, so hostile input cannot grow it without end.
const MEMO_LIMIT = 50_000;
const memo = { exact: new Map(), advisory: new Map() };
/** The one version reader: a version, or why it is unknown. */
function readVersion(text, form = 'exact') {
    const known = memo[form];
    const hit = known.get(text);
    if (hit !== undefined)
        return hit;
    if (known.size >= MEMO_LIMIT)
        known.clear();
    const read = readVersionOnce(text, form);
    if (read.version !== null)
        Object.freeze(read.version);
    known.set(text, Object.freeze(read));
    return read;
}
function readVersionOnce(text, form) {
    const partial = form === 'advisory' ? PARTIAL.exec(text) : null;
    const full = partial === null ? text : `${partial[1] ?? ''}.${partial[2] ?? '0'}.0`;
    const problem = versionProblem(full);
    if (problem !== null)
        return { version: null, problem };
    const version = parseUnchecked(full);
    return version === null
        ? { version: null, problem: 'is not a version this tool can read' }
        : { version, problem: null };
}
function compareVersions(a, b) {
    return a.compare(b);
}
/** A version made from parts, e.g. the bound `2.0.0-0` of `^1.2`. */
function makeVersion(major, minor, patch, pre = []) {
    const text = `${String(major)}.${String(minor)}.${String(patch)}${pre.length > 0 ? `-${pre.join('.')}` : ''}`;
    return new SemVer(text, { loose: false });
}

// Which versions an advisory affects, per the OSV schema's evaluation, made exact:
// events are sorted by SemVer precedence with a stable sort (same-version events keep file order, so
// RustSec's empty `introduced X, fixed X` affects nothing), `introduced: "0"` is the start,
// `last_affected` is inclusive, `limit` bounds a range. Versions are read with the one reader
// (`readVersion`, advisory form: `1.72` is `1.72.0`); a value still unreadable is kept in
// `unreadable`, and a version the readable part does not affect is then unknown, never clean.
// Each range becomes a list of intervals, used both to answer "is v affected?" and to print the
// Security tab's notation.
const RANGE_TYPES = new Set(['SEMVER', 'ECOSYSTEM']);
/** The affected[] entries that describe this crate on crates.io (GHSA mixes ecosystems). */
function entriesForCrate(record, crate) {
    return record.affected.filter((entry) => entry.package?.ecosystem === CRATES_IO && entry.package.name === crate);
}
function compareAt(a, b) {
    if (a === 'min')
        return b === 'min' ? 0 : -1;
    if (b === 'min')
        return 1;
    return compareVersions(a, b);
}
function parseEvents(events) {
    const unreadable = [];
    const parsed = [];
    let limits = [];
    let unlimited = false;
    for (const event of events) {
        const keys = ['introduced', 'fixed', 'last_affected', 'limit'].filter((key) => event[key] !== undefined);
        const key = keys[0];
        // The schema allows exactly one kind per event; anything else is not an event we can read.
        if (keys.length !== 1 || key === undefined) {
            unreadable.push(JSON.stringify(event));
            continue;
        }
        const raw = event[key] ?? '';
        if (key === 'limit' && raw === '*') {
            unlimited = true;
            continue;
        }
        if (key === 'introduced' && raw === '0') {
            parsed.push({ kind: key, at: 'min', raw });
            continue;
        }
        const { version } = readVersion(raw, 'advisory');
        if (version === null)
            unreadable.push(raw);
        else if (key === 'limit')
            limits.push({ version, raw, inclusive: false });
        else
            parsed.push({ kind: key, at: version, raw });
    }
    // Array.prototype.sort is stable: events at the same version keep their order in the file.
    parsed.sort((a, b) => compareAt(a.at, b.at));
    if (unlimited)
        limits = [];
    const limit = limits.reduce((max, bound) => (max === null || compareVersions(bound.version, max.version) > 0 ? bound : max), null);
    return { events: parsed, limit: unlimited || limit === null ? 'none' : limit, unreadable };
}
function sameVersion(a, b) {
    return compareVersions(a.version, b.version) === 0;
}
/** Joins pieces that touch: `[X, X]` then `(X, Y)` is `[X, Y)`. */
function merge(pieces) {
    const out = [];
    for (const piece of pieces) {
        const last = out.at(-1);
        if (last?.hi != null &&
            piece.lo !== null &&
            sameVersion(last.hi, piece.lo) &&
            last.hi.inclusive !== piece.lo.inclusive) {
            last.hi = piece.hi;
        }
        else {
            out.push({ ...piece });
        }
    }
    return out;
}
function capBelow(interval, limit) {
    const { lo, hi } = interval;
    if (lo !== null && compareVersions(lo.version, limit.version) >= 0)
        return null;
    if (hi === null || compareVersions(hi.version, limit.version) >= 0)
        return { lo, hi: limit };
    return interval;
}
/**
 * The versions one range affects. Between two event versions the verdict is constant, so it is
 * computed once at each event version and once on each open stretch between them.
 */
function rangeIntervals(events, unreadable = []) {
    const { events: sorted, limit, unreadable: unread } = parseEvents(events);
    unreadable.push(...unread);
    const groups = [];
    for (const event of sorted) {
        const last = groups.at(-1);
        if (last !== undefined && compareAt(last.at, event.at) === 0)
            last.events.push(event);
        else
            groups.push({ at: event.at, raw: event.raw, events: [event] });
    }
    const pieces = [];
    let state = false; // the verdict just below the current group
    groups.forEach((group, index) => {
        if (group.at !== 'min') {
            // At exactly X, `last_affected X` does not clear (it is inclusive).
            let atPoint = state;
            for (const event of group.events) {
                if (event.kind === 'introduced')
                    atPoint = true;
                else if (event.kind === 'fixed')
                    atPoint = false;
            }
            const bound = { version: group.at, raw: group.raw, inclusive: true };
            if (atPoint)
                pieces.push({ lo: bound, hi: bound });
        }
        // Just above X every event at X has fired; the last one in file order wins.
        state = group.events.at(-1)?.kind === 'introduced';
        if (state) {
            const next = groups[index + 1];
            pieces.push({
                lo: group.at === 'min' ? null : { version: group.at, raw: group.raw, inclusive: false },
                hi: next === undefined || next.at === 'min'
                    ? null
                    : { version: next.at, raw: next.raw, inclusive: false }
            });
        }
    });
    const merged = merge(pieces);
    if (limit === 'none')
        return merged;
    return merged.flatMap((interval) => capBelow(interval, limit) ?? []);
}
function intervalContains(interval, version) {
    const { lo, hi } = interval;
    if (lo !== null) {
        const order = compareVersions(version, lo.version);
        if (order < 0 || (order === 0 && !lo.inclusive))
            return false;
    }
    if (hi !== null) {
        const order = compareVersions(version, hi.version);
        if (order > 0 || (order === 0 && !hi.inclusive))
            return false;
    }
    return true;
}
function isStart(bound) {
    const v = bound.version;
    return (bound.inclusive &&
        v.major === 0 &&
        v.minor === 0 &&
        v.patch === 0 &&
        v.prerelease.length === 1 &&
        v.prerelease[0] === 0);
}
/** The tab's notation: `<F`, `>=I, <F`, `<=L`, `>=I, <=L`, `>=I`, `all versions`. */
function formatInterval(interval) {
    const { lo, hi } = interval;
    const fromStart = lo === null || isStart(lo);
    const lower = lo === null ? '' : `${lo.inclusive ? '>=' : '>'}${lo.raw}`;
    if (hi === null)
        return fromStart ? 'all versions' : lower;
    if (lo !== null && lo.inclusive && hi.inclusive && sameVersion(lo, hi))
        return `=${hi.raw}`;
    const upper = `${hi.inclusive ? '<=' : '<'}${hi.raw}`;
    return fromStart ? upper : `${lower}, ${upper}`;
}
function compareLower(a, b) {
    if (a.lo === null)
        return b.lo === null ? 0 : -1;
    if (b.lo === null)
        return 1;
    const order = compareVersions(a.lo.version, b.lo.version);
    return order !== 0 ? order : Number(b.lo.inclusive) - Number(a.lo.inclusive);
}
/**
 * `Fixed in:` as ranges: from each fix (the upper bound of an affected interval) up to the next
 * affected interval above it, e.g. `>=1.18.5, <1.19.0; >=1.24.2`. A fix that another interval
 * covers is no fix and is left out.
 */
function fixedRanges(matcher) {
    const intervals = [...matcher.intervals].sort(compareLower);
    const out = [];
    for (const interval of intervals) {
        const hi = interval.hi;
        if (hi === null)
            continue;
        const start = { version: hi.version, raw: hi.raw, inclusive: !hi.inclusive };
        // Covered by another interval: not a version anyone is fixed at.
        const covered = intervals.some((other) => other !== interval &&
            (start.inclusive
                ? intervalContains(other, start.version)
                : intervalContains(other, start.version) &&
                    (other.hi === null || compareVersions(other.hi.version, start.version) > 0)));
        if (covered)
            continue;
        const next = intervals.find((other) => other.lo !== null &&
            (compareVersions(other.lo.version, start.version) > 0 ||
                (compareVersions(other.lo.version, start.version) === 0 &&
                    !start.inclusive &&
                    !other.lo.inclusive)));
        const lower = `${start.inclusive ? '>=' : '>'}${start.raw}`;
        if (next?.lo == null)
            out.push(lower);
        else
            out.push(`${lower}, ${next.lo.inclusive ? '<' : '<='}${next.lo.raw}`);
    }
    return [...new Set(out)];
}
/** Reads the entries of one crate (already filtered with entriesForCrate). */
function buildMatcher(entries) {
    const matcher = { intervals: [], versions: [], notation: [], unreadable: [] };
    for (const entry of entries) {
        matcher.versions.push(...entry.versions);
        for (const listed of entry.versions) {
            if (readVersion(listed, 'advisory').version === null)
                matcher.unreadable.push(listed);
        }
        for (const range of entry.ranges) {
            if (!RANGE_TYPES.has(range.type))
                continue;
            for (const interval of rangeIntervals(range.events, matcher.unreadable)) {
                matcher.intervals.push(interval);
                matcher.notation.push(formatInterval(interval));
            }
        }
    }
    return matcher;
}
function versionAffected(matcher, version) {
    return matcher.intervals.some((interval) => intervalContains(interval, version));
}
/** Is this crate version affected? A version that is not SemVer only matches `versions` exactly. */
function isAffected(matcher, version) {
    if (matcher.versions.includes(version))
        return true;
    const parsed = parseVersion(version);
    if (parsed === null)
        return false;
    return (matcher.versions.some((listed) => {
        const other = readVersion(listed, 'advisory').version;
        return other !== null && compareVersions(other, parsed) === 0;
    }) || versionAffected(matcher, parsed));
}
/**
 * Like isAffected, but null (unknown) when the readable part of the record does not affect the
 * version and another part could not be read: what it says about this version is not known.
 */
function affectedOrUnknown(matcher, version) {
    if (isAffected(matcher, version))
        return true;
    return matcher.unreadable.length > 0 ? null : false;
}

const CVSS_RANK = { CVSS_V4: 3, CVSS_V3: 2, CVSS_V2: 1 };
function isRustsecId(id) {
    return id.startsWith('RUSTSEC-');
}
function isWithdrawn(record) {
    return record.withdrawn !== null && record.withdrawn.trim() !== '';
}
function isMaliciousRecord(record) {
    return (record.id.startsWith('MAL-') ||
        record.affected.some((entry) => {
            const value = entry.database_specific?.categories;
            return Array.isArray(value) && value.includes(MALICIOUS$2);
        }));
}
function advisoryLabel(record) {
    if (isMaliciousRecord(record))
        return 'malicious';
    const kinds = record.affected.map((entry) => entry.database_specific?.informational);
    if (kinds.includes('unmaintained'))
        return 'unmaintained';
    if (kinds.includes('unsound'))
        return 'unsound';
    return kinds.some((kind) => typeof kind === 'string' && kind !== '') ? 'notice' : 'vulnerability';
}
const MALICIOUS$2 = 'malicious';
function isUnmaintained(record) {
    return advisoryLabel(record) === 'unmaintained';
}
function hidden(record) {
    return isWithdrawn(record) || isUnmaintained(record);
}
function informational(entries, malicious) {
    // Malware is not informational, whatever else the record says.
    if (malicious)
        return null;
    for (const entry of entries) {
        const kind = entry.database_specific?.informational;
        if (kind === 'unsound' || kind === 'notice')
            return kind;
        // rustsec.org may serve kinds the OSV export leaves out; they are informational, not vulns.
        if (typeof kind === 'string' && kind !== '' && kind !== 'unmaintained')
            return 'notice';
    }
    return null;
}
/** RustSec's `database_specific.categories` of the entries (a loose field the schema passes through). */
function categories(entries) {
    return entries.flatMap((entry) => {
        const value = entry.database_specific?.categories;
        return Array.isArray(value) ? value.filter((c) => typeof c === 'string') : [];
    });
}
function sortedUnique(values) {
    return [...new Set(values)].sort();
}
function advisoryUrl(id) {
    return isRustsecId(id)
        ? `https://rustsec.org/advisories/${encodeURIComponent(id)}.html`
        : `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}
/** `https://www.first.org/cvss/calculator/3.1#CVSS:3.1/…`; CVSS v2 vectors have no version prefix. */
function cvssCalculatorUrl(vector) {
    const version = /^CVSS:(\d+\.\d+)\//.exec(vector)?.[1];
    return version === undefined
        ? `https://nvd.nist.gov/vuln-metrics/cvss/v2-calculator?vector=(${encodeURIComponent(vector)})`
        : `https://www.first.org/cvss/calculator/${version}#${encodeURI(vector)}`;
}
function describe(crate, primary, folded) {
    const primaryEntries = entriesForCrate(primary, crate);
    const all = [primary, ...folded];
    const allEntries = all.flatMap((record) => entriesForCrate(record, crate));
    const matcher = buildMatcher(primaryEntries);
    const severity = [];
    const seenSeverity = new Set();
    for (const record of all) {
        for (const entry of [
            ...record.severity,
            ...entriesForCrate(record, crate).flatMap((e) => e.severity)
        ]) {
            const key = `${entry.type}\u0000${entry.score}`;
            if (seenSeverity.has(key))
                continue;
            seenSeverity.add(key);
            severity.push({ type: entry.type, score: entry.score });
        }
    }
    let cvss = null;
    let best = 0;
    for (const entry of severity) {
        const rank = CVSS_RANK[entry.type] ?? 0;
        if (rank > best) {
            best = rank;
            cvss = {
                type: entry.type,
                vector: entry.score,
                calculator_url: cvssCalculatorUrl(entry.score)
            };
        }
    }
    const references = [];
    const seenUrls = new Set();
    for (const record of all) {
        for (const reference of record.references) {
            if (seenUrls.has(reference.url))
                continue;
            seenUrls.add(reference.url);
            references.push({ type: reference.type, url: reference.url });
        }
    }
    const affects = allEntries.map((entry) => entry.ecosystem_specific);
    return {
        matcher,
        info: {
            id: primary.id,
            aliases: sortedUnique([...primary.aliases, ...folded.flatMap((r) => [r.id, ...r.aliases])].filter((alias) => alias !== primary.id)),
            summary: primary.summary,
            details: primary.details,
            informational: informational(primaryEntries, isMaliciousRecord(primary)),
            affected_ranges: matcher.notation,
            fixed_ranges: fixedRanges(matcher),
            // A `MAL-` record carries no RustSec categories; the label says what it is all the same.
            categories: sortedUnique([
                ...categories(primaryEntries),
                ...(isMaliciousRecord(primary) ? [MALICIOUS$2] : [])
            ]),
            affected_versions: [...new Set(matcher.versions)],
            cvss,
            severity,
            functions: sortedUnique(affects.flatMap((s) => [...(s?.affects?.functions ?? []), ...(s?.affected_functions ?? [])])),
            os: sortedUnique(affects.flatMap((s) => s?.affects?.os ?? [])),
            arch: sortedUnique(affects.flatMap((s) => s?.affects?.arch ?? [])),
            references,
            databases: sortedUnique(all.map((record) => record.id.split('-')[0] ?? record.id)),
            published: primary.published,
            modified: primary.modified,
            url: advisoryUrl(primary.id)
        }
    };
}
/** The advisories the Security tab shows for this crate, folded, sorted by id. */
function selectAdvisories(crate, records) {
    const byId = new Map();
    for (const record of records) {
        if (!byId.has(record.id) && entriesForCrate(record, crate).length > 0)
            byId.set(record.id, record);
    }
    const relevant = [...byId.values()];
    const rustsec = relevant.filter((record) => isRustsecId(record.id));
    const folded = new Map(rustsec.map((record) => [record.id, []]));
    const standalone = [];
    for (const other of relevant) {
        if (isRustsecId(other.id))
            continue;
        // Several RustSec records may name the same GHSA: it folds into each, they never merge.
        const owners = rustsec.filter((record) => record.aliases.includes(other.id) || other.aliases.includes(record.id));
        if (owners.length === 0)
            standalone.push(other);
        else if (!hidden(other))
            for (const owner of owners)
                folded.get(owner.id)?.push(other);
    }
    const shown = [
        ...rustsec
            .filter((record) => !hidden(record))
            .map((record) => describe(crate, record, folded.get(record.id) ?? [])),
        ...standalone.filter((record) => !hidden(record)).map((record) => describe(crate, record, []))
    ];
    return shown.sort((a, b) => (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0));
}
/**
 * The crates.io banner's rule (since June 2026): the id of an advisory that marks this crate
 * unmaintained, is not withdrawn, and whose ranges name no `fixed` version; null when none. The
 * Security tab's list still leaves these out, so they are kept only for this notice.
 */
function unmaintainedAdvisory(crate, records) {
    const ids = records
        .filter((record) => !isWithdrawn(record) && !isMaliciousRecord(record))
        .filter((record) => {
        const entries = entriesForCrate(record, crate);
        return (entries.some((entry) => entry.database_specific?.informational === 'unmaintained') &&
            !entries.some((entry) => entry.ranges.some((range) => range.events.some((event) => event.fixed !== undefined))));
    })
        .map((record) => record.id)
        .sort();
    return ids[0] ?? null;
}

// The Review's counting units: the same crate change in several lockfiles is one unit naming the
// lockfiles, the same requirement change in several manifests is one unit; each unit goes to the
// place its verdict puts it. Nothing here judges: verdicts come from the engine. Pure.
function compareText(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
        const order = compareStrings(a[i] ?? '', b[i] ?? '');
        if (order !== 0)
            return order;
    }
    return 0;
}
/** The one reading of the index's answer: a published version is yanked, listed, or unknown. */
function registryStatus(change) {
    const registry = change.registry;
    if (registry === null || registry === undefined)
        return null;
    if (registry.status !== 'published')
        return registry.status;
    return change.yanked === true ? 'yanked' : change.yanked === false ? 'listed' : 'unknown';
}
/** The change brings in a version the index marks yanked, or that crates.io does not list. */
function isRegistryFinding(change) {
    const status = registryStatus(change);
    return status === 'yanked' || status === 'crate-not-found' || status === 'version-not-found';
}
/**
 * The new version is lower than the old one in Cargo's order: SemVer precedence, build metadata
 * ignored (`cargo update` says "Downgrading" only when `cmp_precedence` is Greater), and only for
 * texts Cargo reads as versions (no `v`, no spaces, no leading zeros).
 */
function isDowngrade(change) {
    if (change.previous === null || change.version === null)
        return false;
    const from = readVersion(change.previous).version;
    const to = readVersion(change.version).version;
    return from !== null && to !== null && compareVersions(to, from) < 0;
}
/** The advisory says the crate is malware (the one test of "malicious" every reader uses). */
function isMaliciousFinding(advisory) {
    return advisory.categories.includes('malicious');
}
/** A non-ignored advisory of the change is in the malicious category. */
function isMalicious(findings) {
    return findings.some((f) => f.ignored === null && isMaliciousFinding(f));
}
function requirementKey(change) {
    return [
        change.name,
        change.kind,
        effectiveReq(change, 'base') ?? '',
        effectiveReq(change, 'head') ?? '',
        JSON.stringify(change.origin),
        change.locked_by?.lockfile ?? '',
        change.locked_by?.version ?? ''
    ].join('\u0000');
}
function groupRequirements(manifests) {
    const groups = new Map();
    const located = manifests
        .flatMap((m) => m.changes.map((change) => ({ manifest: m.path, change })))
        .sort((a, b) => compareText([a.change.name, a.manifest, a.change.section, a.change.target ?? '', a.change.key], [b.change.name, b.manifest, b.change.section, b.change.target ?? '', b.change.key]));
    for (const place of located) {
        const key = requirementKey(place.change);
        const group = groups.get(key);
        if (group === undefined)
            groups.set(key, { change: place.change, places: [place] });
        else
            group.places.push(place);
    }
    return [...groups.values()];
}
/** Crate changes in the counting unit (crate, source, old, new), each with its lockfiles, sorted. */
function crateUnits(lockfiles) {
    const groups = new Map();
    const located = lockfiles
        .flatMap((l) => l.changes.map((change) => ({ lockfile: l.path, change })))
        .sort((a, b) => compareText([a.change.name, a.change.version ?? '', a.change.previous ?? '', a.lockfile], [b.change.name, b.change.version ?? '', b.change.previous ?? '', b.lockfile]));
    for (const { lockfile, change } of located) {
        const key = crateChangeKey(change);
        const group = groups.get(key);
        if (group === undefined) {
            groups.set(key, {
                change,
                lockfiles: [lockfile],
                malicious: isMalicious(change.advisories),
                registryFinding: isRegistryFinding(change)
            });
        }
        else
            group.lockfiles.push(lockfile);
    }
    return [...groups.values()];
}
function placeOf(change) {
    const active = change.advisories.filter((a) => a.ignored === null);
    if (change.verdict === 'unknown')
        return 'unknown';
    if (change.verdict === 'introduced')
        return 'introduced';
    if (change.verdict === 'still-affected')
        return 'still-affected';
    if (change.verdict === 'not-checked') {
        return change.source === CRATES_IO ? 'not-looked-up' : 'other-source';
    }
    if (change.verdict === 'fixed')
        return 'fixed';
    if (active.length > 0)
        return 'history';
    return change.advisories.some((a) => a.verdict !== 'not-affected') ? 'ignored' : 'clean';
}
/** Every unit in the place its verdict puts it, with the requirement changes each resolves. */
function placeUnits(report) {
    const all = crateUnits(report.lockfiles).map((unit) => ({
        ...unit,
        place: placeOf(unit.change),
        requirements: []
    }));
    const result = {
        introduced: [],
        stillAffected: [],
        fixed: [],
        unknown: [],
        registry: [],
        ignored: [],
        history: [],
        otherSources: [],
        notLookedUp: [],
        clean: [],
        unmaintained: [],
        requirements: [],
        requirementLines: [],
        all,
        unknownByCause: new Map()
    };
    // A requirement resolved by a lockfile change goes with that change's entry.
    const byLock = new Map();
    for (const entry of all) {
        for (const lockfile of entry.lockfiles) {
            byLock.set(`${lockfile}\u0000${entry.change.name}\u0000${entry.change.version ?? ''}`, entry);
        }
    }
    // Requirements a crate change's entry holds: that entry's unknown (if any) is theirs.
    const requirements = groupRequirements(report.manifests);
    const owned = new Set(requirements);
    for (const requirement of requirements) {
        const lock = requirement.change.locked_by;
        const owner = lock === null
            ? undefined
            : byLock.get(`${lock.lockfile}\u0000${requirement.change.name}\u0000${lock.version ?? ''}`);
        if (owner !== undefined)
            owner.requirements.push(requirement);
        else
            owned.delete(requirement);
        const shownInFull = lock === null &&
            requirement.change.kind !== 'removed' &&
            requirement.change.lookup_error === null &&
            requirement.change.advisories.some((a) => a.ignored === null && (a.verdict === 'introduced' || a.verdict === 'still-affected'));
        // A requirement its affected crate's entry names (in full, above) is not listed again.
        const namedAbove = owner !== undefined &&
            (owner.change.verdict === 'introduced' || owner.change.verdict === 'still-affected');
        if (shownInFull)
            result.requirements.push(requirement);
        else if (!namedAbove)
            result.requirementLines.push(requirement);
    }
    for (const entry of all) {
        const { change, place } = entry;
        const ignored = change.advisories.filter((a) => a.ignored !== null && a.verdict !== 'not-affected');
        if (ignored.length > 0)
            result.ignored.push({ entry, findings: ignored });
        if (change.kind === 'added' && change.unmaintained !== null)
            result.unmaintained.push(entry);
        if (withVerdict(change.advisories, 'fixed').length > 0)
            result.fixed.push(entry);
        const affected = place === 'introduced' || place === 'still-affected';
        if (!affected && entry.registryFinding)
            result.registry.push(entry);
        if (place === 'unknown')
            result.unknown.push(entry);
        else if (place === 'introduced')
            result.introduced.push(entry);
        else if (place === 'still-affected')
            result.stillAffected.push(entry);
        else if (place === 'not-looked-up')
            result.notLookedUp.push(entry);
        else if (place === 'other-source')
            result.otherSources.push(entry);
        else if (place === 'history')
            result.history.push(entry);
        else if (place === 'clean')
            result.clean.push(entry);
    }
    const add = (cause, name) => {
        const names = result.unknownByCause.get(cause) ?? [];
        if (!names.includes(name))
            names.push(name);
        result.unknownByCause.set(cause, names);
    };
    for (const entry of result.unknown) {
        add(entry.change.lookup_error ?? 'unknown error', entry.change.name);
    }
    // A requirement no crate change's entry holds (unresolved, or resolved by an unchanged lockfile
    // entry) is unknown on its own: unknown is never clean.
    for (const requirement of [...result.requirementLines, ...result.requirements]) {
        const cause = requirement.change.lookup_error;
        if (cause !== null && !owned.has(requirement))
            add(cause, requirement.change.name);
    }
    const maliciousFirst = (list) => {
        list.sort((a, b) => Number(b.malicious) - Number(a.malicious));
    };
    maliciousFirst(result.introduced);
    maliciousFirst(result.stillAffected);
    return result;
}

// GitHub renders a comment's single line breaks as hard breaks, so an advisory's details written
// hard-wrapped at 72 columns would show as a ragged half-column. Paragraph lines are joined with a
// space; code (fenced or indented), lists' own markers, tables, headings, quotes, HTML blocks and
// link definitions keep their lines. Linear in the input: whether a paragraph may continue is read
// from its first line (headings, tables, HTML, link definitions) and its last (explicit breaks,
// a trailing pipe), never by re-testing the growing joined text.
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Lines that start a block of their own, so they never join the line before. */
const BLOCK_START = /^ {0,3}(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|\||<|\[[^\]]+\]:|(?:[-*_]\s*){3,}$|=+\s*$|-+\s*$)/;
/** A paragraph that opens like this takes no continuation: headings, table rows, HTML, link definitions. */
const CLOSED_START = /^ {0,3}(?:#{1,6}(?:\s|$)|\||<|\[[^\]]+\]:)/;
/** A line that ends like this ends its paragraph: a table row's pipe or an explicit break. */
const CLOSED_END = /(?:\|\s*|(?: {2}|\\))$/;
function reflowParagraphs(markdown) {
    const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
    const out = [];
    let fence = null;
    let indentedCode = false;
    let joinable = false;
    // The open paragraph's lines, joined with spaces when it ends.
    let paragraph = [];
    let closedStart = false;
    const flush = () => {
        if (paragraph.length > 0)
            out.push(paragraph.join(' '));
        paragraph = [];
    };
    for (const line of lines) {
        if (fence !== null) {
            out.push(line);
            if (line.trim().startsWith(fence))
                fence = null;
            continue;
        }
        const blank = line.trim() === '';
        const indented = /^(?: {4}|\t)/.test(line);
        if (indentedCode && (blank || indented)) {
            out.push(line);
            continue;
        }
        indentedCode = false;
        const open = FENCE.exec(line);
        if (open !== null) {
            fence = open[1]?.slice(0, 3) ?? '```';
            flush();
            out.push(line);
            joinable = false;
            continue;
        }
        if (blank) {
            flush();
            out.push(line);
            joinable = false;
            continue;
        }
        // Indented code starts only where a paragraph could not continue (after a blank line).
        if (!joinable && indented && paragraph.length === 0 && (out.at(-1) ?? '').trim() === '') {
            indentedCode = true;
            out.push(line);
            continue;
        }
        if (joinable && !BLOCK_START.test(line) && paragraph.length > 0) {
            paragraph.push(line.trimStart());
        }
        else {
            flush();
            paragraph.push(line);
            closedStart = CLOSED_START.test(line);
        }
        joinable = !closedStart && !CLOSED_END.test(line);
    }
    flush();
    return out.join('\n');
}

// One advisory as the crates.io Security tab shows it, plus what the tab lacks: whether this change's
// versions are affected, affected functions and platforms, and ignore markers.
/** Headings inside details sit below the comment's own (h3 sections, h4 crates). */
const DETAILS_HEADING_OFFSET = 4;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const GHSA_ID = /^GHSA(?:-[a-z0-9]{4}){3}$/;
const CVSS_VECTOR = /^CVSS:(\d+\.\d+)(?:\/[A-Za-z]+:[A-Za-z]+)+$/;
/**
 * Where the id links: the engine's one page for an id (rustsec.org or osv.dev), derived from the
 * id, never taken from the record; null for an id unsafe to show as a link.
 */
function linkedAdvisoryUrl(info) {
    return SAFE_ID.test(info.id) ? advisoryUrl(info.id) : null;
}
function advisoryLink(info) {
    const url = linkedAdvisoryUrl(info);
    return url === null ? text(clip(info.id)) : link(info.id, url);
}
function aliasLink(alias) {
    if (CVE_ID.test(alias))
        return link(alias, `https://nvd.nist.gov/vuln/detail/${alias}`);
    if (GHSA_ID.test(alias))
        return link(alias, `https://github.com/advisories/${alias}`);
    return text(clip(alias));
}
function cvssLine(cvss) {
    if (cvss === null)
        return null;
    const match = CVSS_VECTOR.exec(cvss.vector);
    if (match === null)
        return `CVSS: ${text(clip(cvss.vector))}`;
    const url = `https://www.first.org/cvss/calculator/${match[1] ?? ''}#${cvss.vector}`;
    return `CVSS: ${link(cvss.vector, url)}`;
}
/** The tab's notation plus explicit versions; `null` when the record lists none. */
function affectedVersions(info) {
    const parts = [
        ...info.affected_ranges.map((r) => clip(cargoRange(r))),
        ...info.affected_versions.map((v) => `=${clip(v)}`)
    ];
    return parts.length === 0 ? null : parts.map(code).join('; ');
}
/** The advisory's bold heading: its linked id and summary. */
function advisoryHeading(info) {
    const summary = info.summary === null || info.summary.trim() === '' ? '' : `: ${text(clip(info.summary, 300))}`;
    return `**${advisoryLink(info)}${summary}**`;
}
function kindNote(info) {
    if (isMaliciousFinding(info))
        return '**Kind: malicious crate**';
    if (info.informational === 'unsound')
        return 'Kind: unsound (informational)';
    if (info.informational === 'notice')
        return 'Kind: notice (informational)';
    return null;
}
function ignoredNote(info) {
    if (info.ignored === null)
        return null;
    const reason = info.ignored.reason === null ? 'no reason given' : text(clip(info.ignored.reason, 300));
    const matched = info.ignored.matched === info.id ? '' : ` (matched by ${text(clip(info.ignored.matched))})`;
    return `**Ignored:** ${reason}${matched}. It is not counted.`;
}
function listFacts(info) {
    const facts = [];
    // The fixed ranges sit beside the affected ones, as one line.
    const versions = affectedVersions(info);
    const fixed = info.fixed_ranges.length > 0
        ? `Fixed in: ${info.fixed_ranges.map((r) => code(clip(cargoRange(r)))).join('; ')}`
        : info.affected_ranges.length > 0
            ? 'Fixed in: no fixed version'
            : null;
    const ranges = [versions === null ? null : `Affected versions: ${versions}`, fixed].filter((part) => part !== null);
    if (ranges.length > 0)
        facts.push(ranges.join(' · '));
    if (info.aliases.length > 0)
        facts.push(`Aliases: ${info.aliases.map(aliasLink).join(', ')}`);
    const cvss = cvssLine(info.cvss);
    if (cvss !== null)
        facts.push(cvss);
    const kind = kindNote(info);
    if (kind !== null)
        facts.push(kind);
    if (info.functions.length > 0) {
        facts.push(`Affected functions: ${info.functions.map((f) => code(clip(f))).join(', ')}`);
    }
    const platforms = [];
    if (info.os.length > 0)
        platforms.push(`OS ${info.os.map((o) => code(clip(o))).join(', ')}`);
    if (info.arch.length > 0)
        platforms.push(`architecture ${info.arch.map((a) => code(clip(a))).join(', ')}`);
    if (platforms.length > 0)
        facts.push(`Platforms: only ${platforms.join('; ')}`);
    return facts;
}
function detailsBlock(info) {
    if (info.details === null || info.details.trim() === '')
        return null;
    // Clipped before any work that grows with the text: re-flow never sees more than the limit, and
    // a paragraph joined into one long line cannot clip to nothing.
    const { text: source, clipped } = clipLines(info.details.replace(/\r\n?/g, '\n'));
    const body = sanitizeMarkdown(reflowParagraphs(source), DETAILS_HEADING_OFFSET);
    const more = clipped ? `\n\n*The details are longer; they were shortened here.*` : '';
    return `<details><summary>Details</summary>\n\n${body}${more}\n\n</details>`;
}
function requirementText(req) {
    return req === null ? 'no requirement' : `the requirement ${code(clip(req))}`;
}
/** For a manifest requirement: does it admit an affected version, and did the previous one. */
function manifestStatus(change, finding) {
    const current = effectiveReq(change, 'head');
    const previous = effectiveReq(change, 'base');
    const now = finding.admits_affected === null
        ? `Whether ${requirementText(current)} admits an affected version could not be determined`
        : finding.admits_affected
            ? `${capitalise$1(requirementText(current))} admits an affected version`
            : `${capitalise$1(requirementText(current))} admits no affected version`;
    if (change.kind !== 'changed' || finding.previous_admits_affected === null)
        return `${now}.`;
    const before = finding.previous_admits_affected
        ? finding.admits_affected === false
            ? `; ${requirementText(previous)} did (fixed by this change)`
            : `; ${requirementText(previous)} did too`
        : `; ${requirementText(previous)} did not`;
    return `${now}${before}.`;
}
function capitalise$1(value) {
    return value.charAt(0).toUpperCase() + value.slice(1);
}
/**
 * An advisory block: bold heading (id link and summary), then a list of facts, then the details
 * collapsed. `compact` drops the details.
 */
function renderAdvisory(info, 
/** What this change means for it; null where the section heading already says it. */
status, form, 
/** The same advisory's details were already shown earlier in the document. */
detailsAbove = false, 
/** `brief`: the ranges, aliases and kind only (functions, platforms and CVSS on its page). */
facts = 'all') {
    const ignored = ignoredNote(info);
    const listed = listFacts(info);
    const shown = [
        ...(status === null ? [] : [status]),
        ...(ignored === null ? [] : [ignored]),
        ...(facts === 'brief'
            ? listed.filter((f) => !/^(Affected functions|Platforms|CVSS):/.test(f))
            : listed)
    ];
    const repeated = form === 'full' && detailsAbove && info.details !== null;
    if (repeated)
        shown.push('Details: shown above, at its first entry.');
    const blocks = [advisoryHeading(info), shown.map((f) => `- ${f}`).join('\n')];
    if (form === 'full' && !repeated) {
        const details = detailsBlock(info);
        if (details !== null)
            blocks.push(details);
    }
    return blocks.join('\n\n');
}

// A Cargo file is asked for by several readers of one run (the diff, the pins of every manifest a
// lockfile covers, the workspace roots, the fix advice, the locations): on the large pull request
// of issue 19 that was 249 TOML parses of 51 files, each also checked by zod. The parsers are pure
// and their results are never mutated, so each (text, path) is parsed once and the same result,
// or the same error, is given to every reader.
/**
 * `parse` answering from a cache of the last `limit` texts (base and head of one path are two),
 * so a long-lived process holds at most that many.
 */
function parsedOnce(parse, limit) {
    const cache = new Map();
    return (text, path) => {
        let byPath = cache.get(text);
        if (byPath === undefined) {
            if (cache.size >= limit) {
                const oldest = cache.keys().next();
                if (oldest.done !== true)
                    cache.delete(oldest.value);
            }
            byPath = new Map();
            cache.set(text, byPath);
        }
        let result = byPath.get(path);
        if (result === undefined) {
            try {
                result = { value: parse(text, path) };
            }
            catch (error) {
                result = { error };
            }
            byPath.set(path, result);
        }
        if ('error' in result)
            throw result.error;
        return result.value;
    };
}

// Cargo.toml reader: every dependency declaration, in every section Cargo reads, with its identity
// (section, target, key), the real crate name, the requirement as written and where it comes from.
const DetailSchema = looseObject({
    version: string().optional(),
    package: string().optional(),
    workspace: boolean().optional(),
    path: string().optional(),
    git: string().optional(),
    branch: string().optional(),
    tag: string().optional(),
    rev: string().optional(),
    registry: string().optional()
});
const DependencySchema = union([string(), DetailSchema]);
const DependencyTableSchema = record(string(), DependencySchema);
const SECTION_KEYS = {
    dependencies: DependencyTableSchema.optional(),
    'dev-dependencies': DependencyTableSchema.optional(),
    dev_dependencies: DependencyTableSchema.optional(),
    'build-dependencies': DependencyTableSchema.optional(),
    build_dependencies: DependencyTableSchema.optional()
};
const SectionsSchema = looseObject(SECTION_KEYS);
const InheritableString = union([
    string(),
    looseObject({ workspace: boolean().optional() })
]);
const PackageSchema$1 = looseObject({
    name: string().optional(),
    workspace: string().optional(),
    resolver: string().optional(),
    edition: InheritableString.optional(),
    'rust-version': InheritableString.optional()
});
const ManifestSchema = looseObject({
    ...SECTION_KEYS,
    package: PackageSchema$1.optional(),
    project: PackageSchema$1.optional(),
    workspace: looseObject({
        dependencies: DependencyTableSchema.optional(),
        exclude: array(string()).optional(),
        members: array(string()).optional(),
        resolver: string().optional(),
        package: looseObject({ 'rust-version': string().optional() }).optional()
    })
        .optional(),
    target: record(string(), SectionsSchema).optional()
});
/** The three kinds of dependency table; legacy underscore spellings are read under the hyphenated name. */
const SECTIONS$1 = [
    ['dependencies', null],
    ['dev-dependencies', 'dev_dependencies'],
    ['build-dependencies', 'build_dependencies']
];
/**
 * Parses a Cargo.toml. Throws CargoFileError (with line/column when known) on bad input. Each
 * (path, text) is parsed once per process (parse-once.ts): the result is shared, never mutated.
 */
const parseManifest = parsedOnce(readManifest, 1024);
function readManifest(text, path) {
    const table = parseToml(text, path);
    const parsed = ManifestSchema.safeParse(table);
    if (!parsed.success)
        throw shapeError(path, text, parsed.error);
    const manifest = parsed.data;
    const pkg = manifest.package ?? manifest.project;
    const dependencies = [];
    collectSections(manifest, null, dependencies);
    for (const [target, sections] of Object.entries(manifest.target ?? {})) {
        collectSections(sections, target, dependencies);
    }
    for (const [key, value] of Object.entries(manifest.workspace?.dependencies ?? {})) {
        dependencies.push(toDependency(key, value, 'workspace.dependencies', null));
    }
    dependencies.sort(compareDependencies);
    return {
        path,
        packageName: pkg?.name ?? null,
        isWorkspaceRoot: manifest.workspace !== undefined,
        workspacePath: pkg?.workspace ?? null,
        dependencies,
        workspaceExclude: manifest.workspace?.exclude ?? [],
        workspaceMembers: manifest.workspace?.members ?? null,
        resolver: manifest.workspace?.resolver ?? pkg?.resolver ?? null,
        edition: typeof pkg?.edition === 'string' ? pkg.edition : null,
        rustVersion: inheritable(pkg?.['rust-version']),
        workspaceRustVersion: manifest.workspace?.package?.['rust-version'] ?? null
    };
}
function inheritable(value) {
    if (value === undefined)
        return null;
    if (typeof value === 'string')
        return value;
    return value.workspace === true ? 'workspace' : null;
}
function collectSections(sections, target, out) {
    for (const [section, legacy] of SECTIONS$1) {
        const merged = new Map();
        // The hyphenated table wins when both spellings declare a key, so it is applied last.
        for (const name of legacy === null ? [section] : [legacy, section]) {
            for (const [key, value] of Object.entries(sections[name] ?? {}))
                merged.set(key, value);
        }
        for (const [key, value] of merged)
            out.push(toDependency(key, value, section, target));
    }
}
function toDependency(key, value, section, target) {
    if (typeof value === 'string') {
        return {
            key,
            name: key,
            package: null,
            section,
            target,
            req: value,
            workspace: false,
            origin: { kind: 'registry', registry: null }
        };
    }
    const workspace = value.workspace === true;
    return {
        key,
        name: value.package ?? key,
        package: value.package ?? null,
        section,
        target,
        req: workspace ? null : (value.version ?? null),
        workspace,
        origin: originOf(value)
    };
}
function originOf(value) {
    if (value.path !== undefined)
        return { kind: 'path', path: value.path };
    if (value.git !== undefined) {
        return {
            kind: 'git',
            git: value.git,
            rev: value.rev ?? null,
            branch: value.branch ?? null,
            tag: value.tag ?? null
        };
    }
    return { kind: 'registry', registry: value.registry ?? null };
}
/** Identity of a declaration: (section, target, key). */
function dependencyIdentity(d) {
    return `${d.section}\u0000${d.target ?? ''}\u0000${d.target === null ? '0' : '1'}\u0000${d.key}`;
}
function compareDependencies(a, b) {
    return (compareStrings(a.section, b.section) ||
        compareStrings(a.target ?? '', b.target ?? '') ||
        compareStrings(a.key, b.key));
}

/* eslint-disable jsdoc/valid-types -- doesn't allow `readonly`.
   TODO: remove eslint-disable when https://github.com/jsdoc-type-pratt-parser/jsdoc-type-pratt-parser/issues/164 is fixed
*/
/**
 * @typedef {{ readonly [type: string]: ReadonlyArray<string> }} VisitorKeys
 */
/* eslint-enable jsdoc/valid-types -- doesn't allow `readonly string[]`. TODO: check why */

/**
 * @type {VisitorKeys}
 */
const KEYS$1 = {
	ArrayExpression: ["elements"],
	ArrayPattern: ["elements"],
	ArrowFunctionExpression: ["params", "body"],
	AssignmentExpression: ["left", "right"],
	AssignmentPattern: ["left", "right"],
	AwaitExpression: ["argument"],
	BinaryExpression: ["left", "right"],
	BlockStatement: ["body"],
	BreakStatement: ["label"],
	CallExpression: ["callee", "arguments"],
	CatchClause: ["param", "body"],
	ChainExpression: ["expression"],
	ClassBody: ["body"],
	ClassDeclaration: ["id", "superClass", "body"],
	ClassExpression: ["id", "superClass", "body"],
	ConditionalExpression: ["test", "consequent", "alternate"],
	ContinueStatement: ["label"],
	DebuggerStatement: [],
	DoWhileStatement: ["body", "test"],
	EmptyStatement: [],
	ExperimentalRestProperty: ["argument"],
	ExperimentalSpreadProperty: ["argument"],
	ExportAllDeclaration: ["exported", "source", "attributes"],
	ExportDefaultDeclaration: ["declaration"],
	ExportNamedDeclaration: [
		"declaration",
		"specifiers",
		"source",
		"attributes",
	],
	ExportSpecifier: ["local", "exported"],
	ExpressionStatement: ["expression"],
	ForInStatement: ["left", "right", "body"],
	ForOfStatement: ["left", "right", "body"],
	ForStatement: ["init", "test", "update", "body"],
	FunctionDeclaration: ["id", "params", "body"],
	FunctionExpression: ["id", "params", "body"],
	Identifier: [],
	IfStatement: ["test", "consequent", "alternate"],
	ImportAttribute: ["key", "value"],
	ImportDeclaration: ["specifiers", "source", "attributes"],
	ImportDefaultSpecifier: ["local"],
	ImportExpression: ["source", "options"],
	ImportNamespaceSpecifier: ["local"],
	ImportSpecifier: ["imported", "local"],
	JSXAttribute: ["name", "value"],
	JSXClosingElement: ["name"],
	JSXClosingFragment: [],
	JSXElement: ["openingElement", "children", "closingElement"],
	JSXEmptyExpression: [],
	JSXExpressionContainer: ["expression"],
	JSXFragment: ["openingFragment", "children", "closingFragment"],
	JSXIdentifier: [],
	JSXMemberExpression: ["object", "property"],
	JSXNamespacedName: ["namespace", "name"],
	JSXOpeningElement: ["name", "attributes"],
	JSXOpeningFragment: [],
	JSXSpreadAttribute: ["argument"],
	JSXSpreadChild: ["expression"],
	JSXText: [],
	LabeledStatement: ["label", "body"],
	Literal: [],
	LogicalExpression: ["left", "right"],
	MemberExpression: ["object", "property"],
	MetaProperty: ["meta", "property"],
	MethodDefinition: ["key", "value"],
	NewExpression: ["callee", "arguments"],
	ObjectExpression: ["properties"],
	ObjectPattern: ["properties"],
	PrivateIdentifier: [],
	Program: ["body"],
	Property: ["key", "value"],
	PropertyDefinition: ["key", "value"],
	RestElement: ["argument"],
	ReturnStatement: ["argument"],
	SequenceExpression: ["expressions"],
	SpreadElement: ["argument"],
	StaticBlock: ["body"],
	Super: [],
	SwitchCase: ["test", "consequent"],
	SwitchStatement: ["discriminant", "cases"],
	TaggedTemplateExpression: ["tag", "quasi"],
	TemplateElement: [],
	TemplateLiteral: ["quasis", "expressions"],
	ThisExpression: [],
	ThrowStatement: ["argument"],
	TryStatement: ["block", "handler", "finalizer"],
	UnaryExpression: ["argument"],
	UpdateExpression: ["argument"],
	VariableDeclaration: ["declarations"],
	VariableDeclarator: ["id", "init"],
	WhileStatement: ["test", "body"],
	WithStatement: ["object", "body"],
	YieldExpression: ["argument"],
};

// Types.
const NODE_TYPES = Object.keys(KEYS$1);

// Freeze the keys.
for (const type of NODE_TYPES) {
	Object.freeze(KEYS$1[type]);
}
Object.freeze(KEYS$1);

/**
 * @author Toru Nagashima <https://github.com/mysticatea>
 * See LICENSE file in root directory for full license.
 */
/* eslint-enable jsdoc/valid-types -- doesn't allow `readonly` */

/**
 * Make the union set with `KEYS` and given keys.
 * @param {VisitorKeys} additionalKeys The additional keys.
 * @returns {VisitorKeys} The union set.
 */
function unionWith(additionalKeys) {
	const retv =
		/** @type {{ [type: string]: ReadonlyArray<string> }} */
		(Object.assign({}, KEYS$1));

	for (const type of Object.keys(additionalKeys)) {
		if (Object.hasOwn(retv, type)) {
			const keys = new Set(additionalKeys[type]);

			for (const key of retv[type]) {
				keys.add(key);
			}

			retv[type] = Object.freeze(Array.from(keys));
		} else {
			retv[type] = Object.freeze(Array.from(additionalKeys[type]));
		}
	}

	return Object.freeze(retv);
}

//#region src/internal-utils/index.ts
/**
* Get the last element from given array
*/
function last(arr) {
	return arr[arr.length - 1] ?? null;
}
/**
* Node to key name
*/
function toKeyName(node) {
	return node.type === "TOMLBare" ? node.name : node.value;
}

//#endregion
//#region src/parser-options.ts
var TOMLVerImpl = class {
	constructor(major, minor) {
		this.major = major;
		this.minor = minor;
	}
	lt(major, minor) {
		return this.major < major || this.major === major && this.minor < minor;
	}
	gte(major, minor) {
		return this.major > major || this.major === major && this.minor >= minor;
	}
};
const TOML_VERSION_1_0 = new TOMLVerImpl(1, 0);
const TOML_VERSION_1_1 = new TOMLVerImpl(1, 1);
const DEFAULT_TOML_VERSION = TOML_VERSION_1_1;
const SUPPORTED_TOML_VERSIONS = {
	"1.0": TOML_VERSION_1_0,
	"1.0.0": TOML_VERSION_1_0,
	"1.1": TOML_VERSION_1_1,
	"1.1.0": TOML_VERSION_1_1,
	latest: TOML_VERSION_1_1,
	next: TOML_VERSION_1_1
};
/**
* Get TOML version object from given TOML version string.
*/
function getTOMLVer(v) {
	return v && SUPPORTED_TOML_VERSIONS[v] || DEFAULT_TOML_VERSION;
}

//#endregion
//#region src/errors.ts
const MESSAGES = {
	"unterminated-string": "Unterminated string constant",
	"unterminated-table-key": "Unterminated table-key",
	"unterminated-array": "Unterminated array",
	"unterminated-inline-table": "Unterminated inline table",
	"missing-key": "Empty bare keys are not allowed",
	"missing-newline": "Must be a newline",
	"missing-equals-sign": "Expected equal (=) token",
	"missing-value": "Unspecified values are invalid",
	"missing-comma": "Expected comma (,) token",
	"dupe-keys": "Defining a key multiple times is invalid",
	"unexpected-char": "Unexpected character",
	"unexpected-token": "Unexpected token",
	"invalid-control-character": "Control characters (codes < 0x1f and 0x7f) are not allowed",
	"invalid-comment-character": "Invalid code point {{cp}} within comments",
	"invalid-key-value-newline": "The key, equals sign, and value must be on the same line",
	"invalid-inline-table-newline": "No newlines are allowed between the curly braces unless they are valid within a value",
	"invalid-underscore": "Underscores are allowed between digits",
	"invalid-space": "Unexpected spaces",
	"invalid-three-quotes": "Three or more quotes are not permitted",
	"invalid-date": "Unexpected invalid date",
	"invalid-time": "Unexpected invalid time",
	"invalid-leading-zero": "Leading zeros are not allowed",
	"invalid-trailing-comma-in-inline-table": "Trailing comma is not permitted in an inline table",
	"invalid-char-in-escape-sequence": "Invalid character in escape sequence",
	"invalid-consecutive-dots-in-key": "Consecutive dots are not permitted in keys",
	"invalid-code-point": "Invalid code point {{cp}}",
	"invalid-trailing-dot-in-key": "Keys cannot end with a dot",
	"invalid-leading-dot-in-key": "Keys cannot start with a dot"
};
/**
* Get message from error code
*/
function getMessage(code, data) {
	if (data) return MESSAGES[code].replace(/\{\{(.*?)\}\}/gu, (_, name$2) => {
		if (name$2 in data) return data[name$2];
		return `{{${name$2}}}`;
	});
	return MESSAGES[code];
}
/**
* TOML parse errors.
*/
var ParseError = class extends SyntaxError {
	/**
	* Initialize this ParseError instance.
	*
	*/
	constructor(code, offset, line, column, data) {
		super(getMessage(code, data));
		this.index = offset;
		this.lineNumber = line;
		this.column = column;
	}
};

//#endregion
//#region src/tokenizer/code-point.ts
const CodePoint = {
	EOF: -1,
	NULL: 0,
	BACKSPACE: 8,
	TABULATION: 9,
	LINE_FEED: 10,
	FORM_FEED: 12,
	CARRIAGE_RETURN: 13,
	ESCAPE: 27,
	US: 31,
	SPACE: 32,
	QUOTATION_MARK: 34,
	HASH: 35,
	SINGLE_QUOTE: 39,
	PLUS_SIGN: 43,
	COMMA: 44,
	DASH: 45,
	DOT: 46,
	DIGIT_0: 48,
	DIGIT_1: 49,
	DIGIT_7: 55,
	DIGIT_9: 57,
	COLON: 58,
	EQUALS_SIGN: 61,
	LATIN_CAPITAL_A: 65,
	LATIN_CAPITAL_E: 69,
	LATIN_CAPITAL_F: 70,
	LATIN_CAPITAL_T: 84,
	LATIN_CAPITAL_U: 85,
	LATIN_CAPITAL_Z: 90,
	LEFT_BRACKET: 91,
	BACKSLASH: 92,
	RIGHT_BRACKET: 93,
	UNDERSCORE: 95,
	LATIN_SMALL_A: 97,
	LATIN_SMALL_B: 98,
	LATIN_SMALL_E: 101,
	LATIN_SMALL_F: 102,
	LATIN_SMALL_I: 105,
	LATIN_SMALL_L: 108,
	LATIN_SMALL_N: 110,
	LATIN_SMALL_O: 111,
	LATIN_SMALL_R: 114,
	LATIN_SMALL_S: 115,
	LATIN_SMALL_T: 116,
	LATIN_SMALL_U: 117,
	LATIN_SMALL_X: 120,
	LATIN_SMALL_Z: 122,
	LEFT_BRACE: 123,
	RIGHT_BRACE: 125,
	TILDE: 126,
	DELETE: 127,
	PAD: 128,
	CP_D7FF: 55295,
	CP_E000: 57344,
	CP_10FFFF: 1114111
};
/**
* Check whether the code point is a control character.
*/
function isControl(cp) {
	return cp >= CodePoint.NULL && cp <= CodePoint.US;
}
/**
* Check whether the code point is a whitespace.
*/
function isWhitespace(cp) {
	return cp === CodePoint.TABULATION || cp === CodePoint.SPACE;
}
/**
* Check whether the code point is a end of line.
*/
function isEOL(cp) {
	return cp === CodePoint.LINE_FEED || cp === CodePoint.CARRIAGE_RETURN;
}
/**
* Check whether the code point is an uppercase letter character.
*/
function isUpperLetter(cp) {
	return cp >= CodePoint.LATIN_CAPITAL_A && cp <= CodePoint.LATIN_CAPITAL_Z;
}
/**
* Check whether the code point is a lowercase letter character.
*/
function isLowerLetter(cp) {
	return cp >= CodePoint.LATIN_SMALL_A && cp <= CodePoint.LATIN_SMALL_Z;
}
/**
* Check whether the code point is a letter character.
*/
function isLetter(cp) {
	return isLowerLetter(cp) || isUpperLetter(cp);
}
/**
* Check whether the code point is a digit character.
*/
function isDigit(cp) {
	return cp >= CodePoint.DIGIT_0 && cp <= CodePoint.DIGIT_9;
}
/**
* Check whether the code point is a hex digit character.
*/
function isHexDig(cp) {
	return isDigit(cp) || cp >= CodePoint.LATIN_SMALL_A && cp <= CodePoint.LATIN_SMALL_F || cp >= CodePoint.LATIN_CAPITAL_A && cp <= CodePoint.LATIN_CAPITAL_F;
}
/**
* Check whether the code point is a octal digit character.
*/
function isOctalDig(cp) {
	return cp >= CodePoint.DIGIT_0 && cp <= CodePoint.DIGIT_7;
}
/**
* Check whether the code point is valid code point.
*
* see
* - https://unicode.org/glossary/#unicode_scalar_value
* - https://toml.io/en/v1.0.0#string
*/
function isUnicodeScalarValue(cp) {
	return cp >= 0 && cp <= 55295 || cp >= 57344 && cp <= 1114111;
}

//#endregion
//#region src/tokenizer/locs.ts
/**
* Find the last index of the array that is less than or equal to the value.
*/
function sortedLastIndex(array, value) {
	let low = 0;
	let high = array.length;
	while (low < high) {
		const mid = low + high >>> 1;
		const val = array[mid];
		if (val === value) return mid + 1;
		if (val < value) low = mid + 1;
		else high = mid;
	}
	return low;
}
/**
* A class for getting lines and columns location.
*/
var Locations = class {
	constructor() {
		this.offsets = [];
	}
	addOffset(offset) {
		for (let i = this.offsets.length - 1; i >= 0; i--) {
			const element = this.offsets[i];
			if (element === offset) return;
			if (element < offset) break;
		}
		this.offsets.push(offset);
	}
	/**
	* Calculate the location of the given index.
	* @param index The index to calculate their location.
	* @returns The location of the index.
	*/
	getLocFromIndex(offset) {
		const line = sortedLastIndex(this.offsets, offset) + 1;
		return {
			line,
			column: offset - (line === 1 ? 0 : this.offsets[line - 2])
		};
	}
};

//#endregion
//#region src/tokenizer/code-point-iterator.ts
var CodePointIterator = class {
	/**
	* Initialize this char iterator.
	*/
	constructor(text) {
		this.locs = new Locations();
		this.lastCodePoint = CodePoint.NULL;
		this.start = -1;
		this.end = 0;
		this.text = text;
	}
	next() {
		if (this.lastCodePoint === CodePoint.EOF) return CodePoint.EOF;
		return this.lastCodePoint = this.moveAt(this.end);
	}
	getLocFromIndex(index) {
		return this.locs.getLocFromIndex(index);
	}
	eat(cp) {
		if (this.text.codePointAt(this.end) === cp) {
			this.next();
			return true;
		}
		return false;
	}
	moveAt(offset) {
		this.start = this.end = offset;
		const cp = this.text.codePointAt(this.start) ?? CodePoint.EOF;
		if (cp === CodePoint.EOF) {
			this.end = this.start;
			return cp;
		}
		this.end += cp >= 65536 ? 2 : 1;
		if (cp === CodePoint.LINE_FEED) this.locs.addOffset(this.end);
		else if (cp === CodePoint.CARRIAGE_RETURN) {
			if (this.text.codePointAt(this.end) === CodePoint.LINE_FEED) {
				this.end++;
				this.locs.addOffset(this.end);
			}
			return CodePoint.LINE_FEED;
		}
		return cp;
	}
};

//#endregion
//#region src/tokenizer/tokenizer.ts
const HAS_BIGINT = typeof BigInt !== "undefined";
const RADIX_PREFIXES = {
	16: "0x",
	10: "",
	8: "0o",
	2: "0b"
};
const ESCAPES_1_0 = {
	[CodePoint.QUOTATION_MARK]: CodePoint.QUOTATION_MARK,
	[CodePoint.BACKSLASH]: CodePoint.BACKSLASH,
	[CodePoint.LATIN_SMALL_B]: CodePoint.BACKSPACE,
	[CodePoint.LATIN_SMALL_F]: CodePoint.FORM_FEED,
	[CodePoint.LATIN_SMALL_N]: CodePoint.LINE_FEED,
	[CodePoint.LATIN_SMALL_R]: CodePoint.CARRIAGE_RETURN,
	[CodePoint.LATIN_SMALL_T]: CodePoint.TABULATION
};
const ESCAPES_LATEST = {
	...ESCAPES_1_0,
	[CodePoint.LATIN_SMALL_E]: CodePoint.ESCAPE
};
/**
* Tokenizer for TOML.
*/
var Tokenizer = class {
	/**
	* Initialize this tokenizer.
	*/
	constructor(text, parserOptions) {
		this.backCode = false;
		this.lastCodePoint = CodePoint.NULL;
		this.state = "DATA";
		this.token = null;
		this.tokenStart = -1;
		this.valuesEnabled = false;
		this.text = text;
		this.parserOptions = parserOptions || {};
		this.codePointIterator = new CodePointIterator(text);
		this.tomlVersion = getTOMLVer(this.parserOptions.tomlVersion);
		this.ESCAPES = this.tomlVersion.gte(1, 1) ? ESCAPES_LATEST : ESCAPES_1_0;
	}
	get start() {
		return this.codePointIterator.start;
	}
	get end() {
		return this.codePointIterator.end;
	}
	getLocFromIndex(index) {
		return this.codePointIterator.getLocFromIndex(index);
	}
	/**
	* Report an invalid character error.
	*/
	reportParseError(code, data) {
		const offset = this.codePointIterator.start;
		const loc = this.codePointIterator.getLocFromIndex(offset);
		throw new ParseError(code, offset, loc.line, loc.column, data);
	}
	/**
	* Get the next token.
	*/
	nextToken() {
		let token = this.token;
		if (token != null) {
			this.token = null;
			return token;
		}
		let cp = this.lastCodePoint;
		while (cp !== CodePoint.EOF && !this.token) {
			cp = this.nextCode();
			const nextState = this[this.state](cp);
			if (!nextState) throw new Error(`Unknown error: pre state=${this.state}`);
			this.state = nextState;
		}
		token = this.token;
		this.token = null;
		return token;
	}
	/**
	* Get the next code point.
	*/
	nextCode() {
		if (this.lastCodePoint === CodePoint.EOF) return CodePoint.EOF;
		if (this.backCode) {
			this.backCode = false;
			return this.lastCodePoint;
		}
		return this.lastCodePoint = this.codePointIterator.next();
	}
	/**
	* Eat the next code point.
	*/
	eatCode(cp) {
		if (this.lastCodePoint === CodePoint.EOF) return false;
		if (this.backCode) {
			if (this.lastCodePoint === cp) {
				this.backCode = false;
				return true;
			}
			return false;
		}
		return this.codePointIterator.eat(cp);
	}
	/**
	* Moves the character position to the given position.
	*/
	moveAt(loc) {
		if (this.backCode) this.backCode = false;
		this.lastCodePoint = this.codePointIterator.moveAt(loc);
	}
	/**
	* Back the current code point as the given state.
	*/
	back(state) {
		this.backCode = true;
		return state;
	}
	punctuatorToken() {
		this.startToken();
		this.endToken("Punctuator", "end");
	}
	startToken() {
		this.tokenStart = this.codePointIterator.start;
	}
	/**
	* Commit the current token.
	*/
	endToken(type, pos, option1, option2) {
		const { tokenStart } = this;
		const end = this.codePointIterator[pos];
		const range = [tokenStart, end];
		const loc = {
			start: this.codePointIterator.getLocFromIndex(tokenStart),
			end: this.codePointIterator.getLocFromIndex(end)
		};
		if (type === "Block") this.token = {
			type,
			value: this.text.slice(tokenStart + 1, end),
			range,
			loc
		};
		else {
			let token;
			const value = this.text.slice(tokenStart, end);
			if (type === "BasicString" || type === "LiteralString" || type === "MultiLineBasicString" || type === "MultiLineLiteralString") token = {
				type,
				value,
				string: option1,
				range,
				loc
			};
			else if (type === "Integer") {
				const text = option1;
				token = {
					type,
					value,
					number: parseInt(text, option2),
					bigint: HAS_BIGINT ? BigInt(RADIX_PREFIXES[option2] + text) : null,
					range,
					loc
				};
			} else if (type === "Float") token = {
				type,
				value,
				number: option1,
				range,
				loc
			};
			else if (type === "Boolean") token = {
				type,
				value,
				boolean: option1,
				range,
				loc
			};
			else if (type === "LocalDate" || type === "LocalTime" || type === "LocalDateTime" || type === "OffsetDateTime") token = {
				type,
				value,
				date: option1,
				range,
				loc
			};
			else token = {
				type,
				value,
				range,
				loc
			};
			this.token = token;
		}
	}
	DATA(cp) {
		while (isWhitespace(cp) || isEOL(cp)) cp = this.nextCode();
		if (cp === CodePoint.HASH) {
			this.startToken();
			return "COMMENT";
		}
		if (cp === CodePoint.QUOTATION_MARK) {
			this.startToken();
			return "BASIC_STRING";
		}
		if (cp === CodePoint.SINGLE_QUOTE) {
			this.startToken();
			return "LITERAL_STRING";
		}
		if (cp === CodePoint.DOT || cp === CodePoint.EQUALS_SIGN || cp === CodePoint.LEFT_BRACKET || cp === CodePoint.RIGHT_BRACKET || cp === CodePoint.LEFT_BRACE || cp === CodePoint.RIGHT_BRACE || cp === CodePoint.COMMA) {
			this.punctuatorToken();
			return "DATA";
		}
		if (this.valuesEnabled) {
			if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
				this.startToken();
				return "SIGN";
			}
			if (cp === CodePoint.LATIN_SMALL_N || cp === CodePoint.LATIN_SMALL_I) {
				this.startToken();
				return this.back("NAN_OR_INF");
			}
			if (isDigit(cp)) {
				this.startToken();
				return this.back("NUMBER");
			}
			if (cp === CodePoint.LATIN_SMALL_T || cp === CodePoint.LATIN_SMALL_F) {
				this.startToken();
				return this.back("BOOLEAN");
			}
		} else if (isUnquotedKeyChar(cp, this.tomlVersion)) {
			this.startToken();
			return "BARE";
		}
		if (cp === CodePoint.EOF) return "DATA";
		return this.reportParseError("unexpected-char");
	}
	COMMENT(cp) {
		const processCommentChar = this.tomlVersion.gte(1, 1) ? (c) => {
			if (!isNonEOL(c)) this.reportParseError("invalid-comment-character", { cp: JSON.stringify(String.fromCodePoint(c)).slice(1, -1) });
		} : (c) => {
			if (isControlOtherThanTab(c)) this.reportParseErrorControlChar();
		};
		while (!isEOL(cp) && cp !== CodePoint.EOF) {
			processCommentChar(cp);
			cp = this.nextCode();
		}
		this.endToken("Block", "start");
		return "DATA";
	}
	BARE(cp) {
		while (isUnquotedKeyChar(cp, this.tomlVersion)) cp = this.nextCode();
		this.endToken("Bare", "start");
		return this.back("DATA");
	}
	BASIC_STRING(cp) {
		if (cp === CodePoint.QUOTATION_MARK) {
			cp = this.nextCode();
			if (cp === CodePoint.QUOTATION_MARK) return "MULTI_LINE_BASIC_STRING";
			this.endToken("BasicString", "start", "");
			return this.back("DATA");
		}
		const out = [];
		while (cp !== CodePoint.QUOTATION_MARK && cp !== CodePoint.EOF && cp !== CodePoint.LINE_FEED) {
			if (isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			if (cp === CodePoint.BACKSLASH) {
				cp = this.nextCode();
				const ecp = this.ESCAPES[cp];
				if (ecp) {
					out.push(ecp);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_U) {
					const code = this.parseUnicode(4);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_CAPITAL_U) {
					const code = this.parseUnicode(8);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_X && this.tomlVersion.gte(1, 1)) {
					const code = this.parseUnicode(2);
					out.push(code);
					cp = this.nextCode();
					continue;
				}
				return this.reportParseError("invalid-char-in-escape-sequence");
			}
			out.push(cp);
			cp = this.nextCode();
		}
		if (cp !== CodePoint.QUOTATION_MARK) return this.reportParseError("unterminated-string");
		this.endToken("BasicString", "end", String.fromCodePoint(...out));
		return "DATA";
	}
	MULTI_LINE_BASIC_STRING(cp) {
		const out = [];
		if (cp === CodePoint.LINE_FEED) cp = this.nextCode();
		while (cp !== CodePoint.EOF) {
			if (cp !== CodePoint.LINE_FEED && isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			if (cp === CodePoint.QUOTATION_MARK) {
				const startPos = this.codePointIterator.start;
				if (this.eatCode(CodePoint.QUOTATION_MARK) && this.eatCode(CodePoint.QUOTATION_MARK)) {
					if (this.eatCode(CodePoint.QUOTATION_MARK)) {
						out.push(CodePoint.QUOTATION_MARK);
						if (this.eatCode(CodePoint.QUOTATION_MARK)) {
							out.push(CodePoint.QUOTATION_MARK);
							if (this.eatCode(CodePoint.QUOTATION_MARK)) {
								this.moveAt(startPos);
								return this.reportParseError("invalid-three-quotes");
							}
						}
					}
					this.endToken("MultiLineBasicString", "end", String.fromCodePoint(...out));
					return "DATA";
				}
				this.moveAt(startPos);
			}
			if (cp === CodePoint.BACKSLASH) {
				cp = this.nextCode();
				const ecp = this.ESCAPES[cp];
				if (ecp) {
					out.push(ecp);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_U) {
					const code = this.parseUnicode(4);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_CAPITAL_U) {
					const code = this.parseUnicode(8);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_X && this.tomlVersion.gte(1, 1)) {
					const code = this.parseUnicode(2);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LINE_FEED) {
					cp = this.nextCode();
					while (isWhitespace(cp) || cp === CodePoint.LINE_FEED) cp = this.nextCode();
					continue;
				} else if (isWhitespace(cp)) {
					let valid = true;
					const startPos = this.codePointIterator.start;
					let nextCp;
					while ((nextCp = this.nextCode()) !== CodePoint.EOF) {
						if (nextCp === CodePoint.LINE_FEED) break;
						if (!isWhitespace(nextCp)) {
							this.moveAt(startPos);
							valid = false;
							break;
						}
					}
					if (valid) {
						cp = this.nextCode();
						while (isWhitespace(cp) || cp === CodePoint.LINE_FEED) cp = this.nextCode();
						continue;
					}
				}
				return this.reportParseError("invalid-char-in-escape-sequence");
			}
			out.push(cp);
			cp = this.nextCode();
		}
		return this.reportParseError("unterminated-string");
	}
	LITERAL_STRING(cp) {
		if (cp === CodePoint.SINGLE_QUOTE) {
			cp = this.nextCode();
			if (cp === CodePoint.SINGLE_QUOTE) return "MULTI_LINE_LITERAL_STRING";
			this.endToken("LiteralString", "start", "");
			return this.back("DATA");
		}
		const out = [];
		while (cp !== CodePoint.SINGLE_QUOTE && cp !== CodePoint.EOF && cp !== CodePoint.LINE_FEED) {
			if (isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			out.push(cp);
			cp = this.nextCode();
		}
		if (cp !== CodePoint.SINGLE_QUOTE) return this.reportParseError("unterminated-string");
		this.endToken("LiteralString", "end", String.fromCodePoint(...out));
		return "DATA";
	}
	MULTI_LINE_LITERAL_STRING(cp) {
		const out = [];
		if (cp === CodePoint.LINE_FEED) cp = this.nextCode();
		while (cp !== CodePoint.EOF) {
			if (cp !== CodePoint.LINE_FEED && isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			if (cp === CodePoint.SINGLE_QUOTE) {
				const startPos = this.codePointIterator.start;
				if (this.eatCode(CodePoint.SINGLE_QUOTE) && this.eatCode(CodePoint.SINGLE_QUOTE)) {
					if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
						out.push(CodePoint.SINGLE_QUOTE);
						if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
							out.push(CodePoint.SINGLE_QUOTE);
							if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
								this.moveAt(startPos);
								return this.reportParseError("invalid-three-quotes");
							}
						}
					}
					this.endToken("MultiLineLiteralString", "end", String.fromCodePoint(...out));
					return "DATA";
				}
				this.moveAt(startPos);
			}
			out.push(cp);
			cp = this.nextCode();
		}
		return this.reportParseError("unterminated-string");
	}
	SIGN(cp) {
		if (cp === CodePoint.LATIN_SMALL_N || cp === CodePoint.LATIN_SMALL_I) return this.back("NAN_OR_INF");
		if (isDigit(cp)) return this.back("NUMBER");
		return this.reportParseError("unexpected-char");
	}
	NAN_OR_INF(cp) {
		if (cp === CodePoint.LATIN_SMALL_N) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_A) && this.eatCode(CodePoint.LATIN_SMALL_N)) {
				this.endToken("Float", "end", NaN);
				return "DATA";
			}
			this.moveAt(startPos);
		} else if (cp === CodePoint.LATIN_SMALL_I) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_N) && this.eatCode(CodePoint.LATIN_SMALL_F)) {
				this.endToken("Float", "end", this.text[this.tokenStart] === "-" ? -Infinity : Infinity);
				return "DATA";
			}
			this.moveAt(startPos);
		}
		return this.reportParseError("unexpected-char");
	}
	NUMBER(cp) {
		const start = this.text[this.tokenStart];
		const sign = start === "+" ? CodePoint.PLUS_SIGN : start === "-" ? CodePoint.DASH : CodePoint.NULL;
		if (cp === CodePoint.DIGIT_0) {
			if (sign === CodePoint.NULL) {
				const startPos = this.codePointIterator.start;
				const nextCp$1 = this.nextCode();
				if (isDigit(nextCp$1)) {
					const nextNextCp = this.nextCode();
					if (nextNextCp === CodePoint.COLON) {
						this.data = {
							hasDate: false,
							year: 0,
							month: 0,
							day: 0,
							hour: Number(String.fromCodePoint(CodePoint.DIGIT_0, nextCp$1)),
							minute: 0,
							second: 0
						};
						return "TIME_MINUTE";
					}
					if (isDigit(nextNextCp)) {
						const nextNextNextCp = this.nextCode();
						if (isDigit(nextNextNextCp) && this.eatCode(CodePoint.DASH)) {
							this.data = {
								hasDate: true,
								year: Number(String.fromCodePoint(CodePoint.DIGIT_0, nextCp$1, nextNextCp, nextNextNextCp)),
								month: 0,
								day: 0,
								hour: 0,
								minute: 0,
								second: 0
							};
							return "DATE_MONTH";
						}
					}
					this.moveAt(startPos);
					return this.reportParseError("invalid-leading-zero");
				}
				this.moveAt(startPos);
			}
			cp = this.nextCode();
			if (cp === CodePoint.LATIN_SMALL_X || cp === CodePoint.LATIN_SMALL_O || cp === CodePoint.LATIN_SMALL_B) {
				if (sign !== CodePoint.NULL) return this.reportParseError("unexpected-char");
				return cp === CodePoint.LATIN_SMALL_X ? "HEX" : cp === CodePoint.LATIN_SMALL_O ? "OCTAL" : "BINARY";
			}
			if (cp === CodePoint.LATIN_SMALL_E || cp === CodePoint.LATIN_CAPITAL_E) {
				this.data = {
					minus: sign === CodePoint.DASH,
					left: [CodePoint.DIGIT_0]
				};
				return "EXPONENT_RIGHT";
			}
			if (cp === CodePoint.DOT) {
				this.data = {
					minus: sign === CodePoint.DASH,
					absInt: [CodePoint.DIGIT_0]
				};
				return "FRACTIONAL_RIGHT";
			}
			this.endToken("Integer", "start", "0", 10);
			return this.back("DATA");
		}
		const { out, nextCp, hasUnderscore } = this.parseDigits(cp, isDigit);
		if (nextCp === CodePoint.DASH && sign === CodePoint.NULL && !hasUnderscore && out.length === 4) {
			this.data = {
				hasDate: true,
				year: Number(String.fromCodePoint(...out)),
				month: 0,
				day: 0,
				hour: 0,
				minute: 0,
				second: 0
			};
			return "DATE_MONTH";
		}
		if (nextCp === CodePoint.COLON && sign === CodePoint.NULL && !hasUnderscore && out.length === 2) {
			this.data = {
				hasDate: false,
				year: 0,
				month: 0,
				day: 0,
				hour: Number(String.fromCodePoint(...out)),
				minute: 0,
				second: 0
			};
			return "TIME_MINUTE";
		}
		if (nextCp === CodePoint.LATIN_SMALL_E || nextCp === CodePoint.LATIN_CAPITAL_E) {
			this.data = {
				minus: sign === CodePoint.DASH,
				left: out
			};
			return "EXPONENT_RIGHT";
		}
		if (nextCp === CodePoint.DOT) {
			this.data = {
				minus: sign === CodePoint.DASH,
				absInt: out
			};
			return "FRACTIONAL_RIGHT";
		}
		this.endToken("Integer", "start", sign === CodePoint.DASH ? String.fromCodePoint(CodePoint.DASH, ...out) : String.fromCodePoint(...out), 10);
		return this.back("DATA");
	}
	HEX(cp) {
		const { out } = this.parseDigits(cp, isHexDig);
		this.endToken("Integer", "start", String.fromCodePoint(...out), 16);
		return this.back("DATA");
	}
	OCTAL(cp) {
		const { out } = this.parseDigits(cp, isOctalDig);
		this.endToken("Integer", "start", String.fromCodePoint(...out), 8);
		return this.back("DATA");
	}
	BINARY(cp) {
		const { out } = this.parseDigits(cp, (c) => c === CodePoint.DIGIT_0 || c === CodePoint.DIGIT_1);
		this.endToken("Integer", "start", String.fromCodePoint(...out), 2);
		return this.back("DATA");
	}
	FRACTIONAL_RIGHT(cp) {
		const { minus, absInt } = this.data;
		const { out, nextCp } = this.parseDigits(cp, isDigit);
		const absNum = [
			...absInt,
			CodePoint.DOT,
			...out
		];
		if (nextCp === CodePoint.LATIN_SMALL_E || nextCp === CodePoint.LATIN_CAPITAL_E) {
			this.data = {
				minus,
				left: absNum
			};
			return "EXPONENT_RIGHT";
		}
		const value = Number(minus ? String.fromCodePoint(CodePoint.DASH, ...absNum) : String.fromCodePoint(...absNum));
		this.endToken("Float", "start", value);
		return this.back("DATA");
	}
	EXPONENT_RIGHT(cp) {
		const { left, minus: leftMinus } = this.data;
		let minus = false;
		if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
			minus = cp === CodePoint.DASH;
			cp = this.nextCode();
		}
		const { out } = this.parseDigits(cp, isDigit);
		const right = out;
		if (minus) right.unshift(CodePoint.DASH);
		const value = Number(leftMinus ? String.fromCodePoint(CodePoint.DASH, ...left, CodePoint.LATIN_SMALL_E, ...right) : String.fromCodePoint(...left, CodePoint.LATIN_SMALL_E, ...right));
		this.endToken("Float", "start", value);
		return this.back("DATA");
	}
	BOOLEAN(cp) {
		if (cp === CodePoint.LATIN_SMALL_T) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_R) && this.eatCode(CodePoint.LATIN_SMALL_U) && this.eatCode(CodePoint.LATIN_SMALL_E)) {
				this.endToken("Boolean", "end", true);
				return "DATA";
			}
			this.moveAt(startPos);
		} else if (cp === CodePoint.LATIN_SMALL_F) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_A) && this.eatCode(CodePoint.LATIN_SMALL_L) && this.eatCode(CodePoint.LATIN_SMALL_S) && this.eatCode(CodePoint.LATIN_SMALL_E)) {
				this.endToken("Boolean", "end", false);
				return "DATA";
			}
			this.moveAt(startPos);
		}
		return this.reportParseError("unexpected-char");
	}
	DATE_MONTH(cp) {
		const start = this.codePointIterator.start;
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (cp !== CodePoint.DASH) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.start;
		const data = this.data;
		data.month = Number(this.text.slice(start, end));
		return "DATE_DAY";
	}
	DATE_DAY(cp) {
		const start = this.codePointIterator.start;
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.end;
		const data = this.data;
		data.day = Number(this.text.slice(start, end));
		if (!isValidDate(data.year, data.month, data.day)) return this.reportParseError("invalid-date");
		cp = this.nextCode();
		if (cp === CodePoint.LATIN_CAPITAL_T || cp === CodePoint.LATIN_SMALL_T) return "TIME_HOUR";
		if (cp === CodePoint.SPACE) {
			const startPos = this.codePointIterator.start;
			if (isDigit(this.nextCode()) && isDigit(this.nextCode())) {
				this.moveAt(startPos);
				return "TIME_HOUR";
			}
			this.moveAt(startPos);
		}
		const dateValue = getDateFromDateTimeData(data, "");
		this.endToken("LocalDate", "start", dateValue);
		return this.back("DATA");
	}
	TIME_HOUR(cp) {
		const start = this.codePointIterator.start;
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (cp !== CodePoint.COLON) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.start;
		const data = this.data;
		data.hour = Number(this.text.slice(start, end));
		return "TIME_MINUTE";
	}
	TIME_MINUTE(cp) {
		const start = this.codePointIterator.start;
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.end;
		const data = this.data;
		data.minute = Number(this.text.slice(start, end));
		cp = this.nextCode();
		if (cp === CodePoint.COLON) return "TIME_SECOND";
		if (this.tomlVersion.lt(1, 1)) return this.reportParseError("unexpected-char");
		if (!isValidTime(data.hour, data.minute, data.second)) return this.reportParseError("invalid-time");
		return this.processTimeEnd(cp, data);
	}
	TIME_SECOND(cp) {
		const start = this.codePointIterator.start;
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.end;
		const data = this.data;
		data.second = Number(this.text.slice(start, end));
		if (!isValidTime(data.hour, data.minute, data.second)) return this.reportParseError("invalid-time");
		cp = this.nextCode();
		if (cp === CodePoint.DOT) return "TIME_SEC_FRAC";
		return this.processTimeEnd(cp, data);
	}
	TIME_SEC_FRAC(cp) {
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		const start = this.codePointIterator.start;
		while (isDigit(cp)) cp = this.nextCode();
		const end = this.codePointIterator.start;
		const data = this.data;
		data.frac = this.text.slice(start, end);
		return this.processTimeEnd(cp, data);
	}
	processTimeEnd(cp, data) {
		if (data.hasDate) {
			if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
				data.offsetSign = cp;
				return "TIME_OFFSET";
			}
			if (cp === CodePoint.LATIN_CAPITAL_Z || cp === CodePoint.LATIN_SMALL_Z) {
				const dateValue$2 = getDateFromDateTimeData(data, "Z");
				this.endToken("OffsetDateTime", "end", dateValue$2);
				return "DATA";
			}
			const dateValue$1 = getDateFromDateTimeData(data, "");
			this.endToken("LocalDateTime", "start", dateValue$1);
			return this.back("DATA");
		}
		const dateValue = getDateFromDateTimeData(data, "");
		this.endToken("LocalTime", "start", dateValue);
		return this.back("DATA");
	}
	TIME_OFFSET(cp) {
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		const hourStart = this.codePointIterator.start;
		cp = this.nextCode();
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (cp !== CodePoint.COLON) return this.reportParseError("unexpected-char");
		const hourEnd = this.codePointIterator.start;
		cp = this.nextCode();
		const minuteStart = this.codePointIterator.start;
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!isDigit(cp)) return this.reportParseError("unexpected-char");
		const minuteEnd = this.codePointIterator.end;
		const hour = Number(this.text.slice(hourStart, hourEnd));
		const minute = Number(this.text.slice(minuteStart, minuteEnd));
		if (!isValidTime(hour, minute, 0)) return this.reportParseError("invalid-time");
		const data = this.data;
		const dateValue = getDateFromDateTimeData(data, `${String.fromCodePoint(data.offsetSign)}${padStart(hour, 2)}:${padStart(minute, 2)}`);
		this.endToken("OffsetDateTime", "end", dateValue);
		return "DATA";
	}
	parseDigits(cp, checkDigit) {
		if (cp === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
		if (!checkDigit(cp)) return this.reportParseError("unexpected-char");
		const out = [];
		let before = CodePoint.NULL;
		let hasUnderscore = false;
		while (checkDigit(cp) || cp === CodePoint.UNDERSCORE) {
			if (cp === CodePoint.UNDERSCORE) {
				hasUnderscore = true;
				if (before === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
			} else out.push(cp);
			before = cp;
			cp = this.nextCode();
		}
		if (before === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
		return {
			out,
			nextCp: cp,
			hasUnderscore
		};
	}
	parseUnicode(count) {
		const startLoc = this.codePointIterator.start;
		const start = this.codePointIterator.end;
		let charCount = 0;
		let cp;
		while ((cp = this.nextCode()) !== CodePoint.EOF) {
			if (!isHexDig(cp)) {
				this.moveAt(startLoc);
				return this.reportParseError("invalid-char-in-escape-sequence");
			}
			charCount++;
			if (charCount >= count) break;
		}
		const end = this.codePointIterator.end;
		const code = this.text.slice(start, end);
		const codePoint = parseInt(code, 16);
		if (!isUnicodeScalarValue(codePoint)) return this.reportParseError("invalid-code-point", { cp: code });
		return codePoint;
	}
	reportParseErrorControlChar() {
		return this.reportParseError("invalid-control-character");
	}
};
/**
* Check whether the code point is unquoted-key-char
*/
function isUnquotedKeyChar(cp, tomlVersion) {
	if (isLetter(cp) || isDigit(cp) || cp === CodePoint.UNDERSCORE || cp === CodePoint.DASH) return true;
	if (tomlVersion.lt(1, 1)) return false;
	return false;
}
/**
* Check whether the code point is control character other than tab
*/
function isControlOtherThanTab(cp) {
	return isControl(cp) && cp !== CodePoint.TABULATION || cp === CodePoint.DELETE;
}
/**
* Check whether the code point is non-eol for TOML 1.1
*/
function isNonEOL(cp) {
	return cp === CodePoint.TABULATION || CodePoint.SPACE <= cp && cp <= CodePoint.TILDE || isNonAscii(cp);
}
/**
* Check whether the code point is a non-ascii character.
*/
function isNonAscii(cp) {
	return CodePoint.PAD <= cp && cp <= CodePoint.CP_D7FF || CodePoint.CP_E000 <= cp && cp <= CodePoint.CP_10FFFF;
}
/**
* Check whether the given values is valid date
*/
function isValidDate(y, m, d) {
	if (y >= 0 && m <= 12 && m >= 1 && d >= 1) return d <= (m === 2 ? y & 3 || !(y % 25) && y & 15 ? 28 : 29 : 30 + (m + (m >> 3) & 1));
	return false;
}
/**
* Check whether the given values is valid time
*/
function isValidTime(h, m, s) {
	if (h >= 24 || h < 0 || m > 59 || m < 0 || s > 60 || s < 0) return false;
	return true;
}
/**
* Get date from DateTimeData
*/
function getDateFromDateTimeData(data, timeZone) {
	const year = padStart(data.year, 4);
	const month = data.month ? padStart(data.month, 2) : "01";
	const day = data.day ? padStart(data.day, 2) : "01";
	const hour = padStart(data.hour, 2);
	const minute = padStart(data.minute, 2);
	const second = padStart(data.second, 2);
	const textDate = `${year}-${month}-${day}`;
	const frac = data.frac ? `.${data.frac}` : "";
	const dateValue = /* @__PURE__ */ new Date(`${textDate}T${hour}:${minute}:${second}${frac}${timeZone}`);
	if (!isNaN(dateValue.getTime()) || data.second !== 60) return dateValue;
	return /* @__PURE__ */ new Date(`${textDate}T${hour}:${minute}:59${frac}${timeZone}`);
}
/**
* Pad with zeros.
*/
function padStart(num, maxLength) {
	return String(num).padStart(maxLength, "0");
}

//#endregion
//#region src/toml-parser/keys-resolver.ts
const VALUE_KIND_VALUE = Symbol("VALUE_KIND_VALUE");
const VALUE_KIND_INTERMEDIATE = Symbol("VALUE_KIND_INTERMEDIATE");
var KeysResolver = class {
	constructor(ctx) {
		this.rootKeys = /* @__PURE__ */ new Map();
		this.tables = [];
		this.ctx = ctx;
	}
	applyResolveKeyForTable(node) {
		let keys = this.rootKeys;
		const peekKeyIndex = node.key.keys.length - 1;
		for (let index = 0; index < peekKeyIndex; index++) {
			const keyNode = node.key.keys[index];
			const keyName = toKeyName(keyNode);
			node.resolvedKey.push(keyName);
			let keyStore = keys.get(keyName);
			if (!keyStore) {
				keyStore = {
					node: keyNode,
					keys: /* @__PURE__ */ new Map()
				};
				keys.set(keyName, keyStore);
			} else if (keyStore.table === "array") {
				const peekIndex = keyStore.peekIndex;
				node.resolvedKey.push(peekIndex);
				keyStore = keyStore.keys.get(peekIndex);
			}
			keys = keyStore.keys;
		}
		const lastKeyNode = node.key.keys[peekKeyIndex];
		const lastKeyName = toKeyName(lastKeyNode);
		node.resolvedKey.push(lastKeyName);
		const lastKeyStore = keys.get(lastKeyName);
		if (!lastKeyStore) if (node.kind === "array") {
			node.resolvedKey.push(0);
			const newKeyStore = {
				node: lastKeyNode,
				keys: /* @__PURE__ */ new Map()
			};
			keys.set(lastKeyName, {
				table: node.kind,
				node: lastKeyNode,
				keys: new Map([[0, newKeyStore]]),
				peekIndex: 0
			});
			this.tables.push({
				node,
				keys: newKeyStore.keys
			});
		} else {
			const newKeyStore = {
				table: node.kind,
				node: lastKeyNode,
				keys: /* @__PURE__ */ new Map()
			};
			keys.set(lastKeyName, newKeyStore);
			this.tables.push({
				node,
				keys: newKeyStore.keys
			});
		}
		else if (!lastKeyStore.table) if (node.kind === "array") this.ctx.reportParseError("dupe-keys", lastKeyNode);
		else {
			const transformKey = {
				table: node.kind,
				node: lastKeyNode,
				keys: lastKeyStore.keys
			};
			keys.set(lastKeyName, transformKey);
			this.tables.push({
				node,
				keys: transformKey.keys
			});
		}
		else if (lastKeyStore.table === "array") if (node.kind === "array") {
			const newKeyStore = {
				node: lastKeyNode,
				keys: /* @__PURE__ */ new Map()
			};
			const newIndex = lastKeyStore.peekIndex + 1;
			node.resolvedKey.push(newIndex);
			lastKeyStore.keys.set(newIndex, newKeyStore);
			lastKeyStore.peekIndex = newIndex;
			this.tables.push({
				node,
				keys: newKeyStore.keys
			});
		} else this.ctx.reportParseError("dupe-keys", lastKeyNode);
		else this.ctx.reportParseError("dupe-keys", lastKeyNode);
	}
	verifyDuplicateKeys(node) {
		for (const body of node.body) if (body.type === "TOMLKeyValue") verifyDuplicateKeysForKeyValue(this.ctx, this.rootKeys, body);
		for (const { node: tableNode, keys } of this.tables) for (const body of tableNode.body) verifyDuplicateKeysForKeyValue(this.ctx, keys, body);
	}
};
/**
* Verify duplicate keys from TOMLKeyValue
*/
function verifyDuplicateKeysForKeyValue(ctx, defineKeys, node) {
	let keys = defineKeys;
	const lastKey = last(node.key.keys);
	for (const keyNode of node.key.keys) {
		const key = toKeyName(keyNode);
		let defineKey = keys.get(key);
		if (defineKey) {
			if (defineKey.value === VALUE_KIND_VALUE) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
			else if (lastKey === keyNode) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
			else if (defineKey.table) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
			defineKey.value = VALUE_KIND_INTERMEDIATE;
		} else {
			if (lastKey === keyNode) defineKey = {
				value: VALUE_KIND_VALUE,
				node: keyNode,
				keys: /* @__PURE__ */ new Map()
			};
			else defineKey = {
				value: VALUE_KIND_INTERMEDIATE,
				node: keyNode,
				keys: /* @__PURE__ */ new Map()
			};
			keys.set(key, defineKey);
		}
		keys = defineKey.keys;
	}
	if (node.value.type === "TOMLInlineTable") verifyDuplicateKeysForInlineTable(ctx, keys, node.value);
	else if (node.value.type === "TOMLArray") verifyDuplicateKeysForArray(ctx, keys, node.value);
}
/**
* Verify duplicate keys from TOMLInlineTable
*/
function verifyDuplicateKeysForInlineTable(ctx, defineKeys, node) {
	for (const body of node.body) verifyDuplicateKeysForKeyValue(ctx, defineKeys, body);
}
/**
* Verify duplicate keys from TOMLArray
*/
function verifyDuplicateKeysForArray(ctx, defineKeys, node) {
	const keys = defineKeys;
	for (let index = 0; index < node.elements.length; index++) {
		const element = node.elements[index];
		let defineKey = keys.get(index);
		if (defineKey) ctx.reportParseError("dupe-keys", getAfterNode(element, defineKey.node));
		else {
			defineKey = {
				value: VALUE_KIND_VALUE,
				node: element,
				keys: /* @__PURE__ */ new Map()
			};
			defineKeys.set(index, defineKey);
			if (element.type === "TOMLInlineTable") verifyDuplicateKeysForInlineTable(ctx, defineKey.keys, element);
			else if (element.type === "TOMLArray") verifyDuplicateKeysForArray(ctx, defineKey.keys, element);
		}
	}
}
/**
* Get the after node
*/
function getAfterNode(a, b) {
	return a.range[0] <= b.range[0] ? b : a;
}

//#endregion
//#region src/toml-parser/context.ts
var Context = class {
	constructor(data) {
		this.tokens = [];
		this.comments = [];
		this.back = null;
		this.stateStack = [];
		this.needNewLine = false;
		this.needSameLine = false;
		this.currToken = null;
		this.prevToken = null;
		this.valueContainerStack = [];
		this.tokenizer = new Tokenizer(data.text, data.parserOptions);
		this.topLevelTable = data.topLevelTable;
		this.table = data.topLevelTable;
		this.keysResolver = new KeysResolver(this);
	}
	/**
	* Get the next token.
	*/
	nextToken(option) {
		this.prevToken = this.currToken;
		if (this.back) {
			this.currToken = this.back;
			this.back = null;
		} else this.currToken = this._nextTokenFromTokenizer(option);
		if ((this.needNewLine || this.needSameLine || option?.needSameLine) && this.prevToken && this.currToken) if (this.prevToken.loc.end.line === this.currToken.loc.start.line) {
			if (this.needNewLine) return this.reportParseError("missing-newline", this.currToken);
		} else {
			const needSameLine = this.needSameLine || option?.needSameLine;
			if (needSameLine) return this.reportParseError(needSameLine, this.currToken);
		}
		this.needNewLine = false;
		this.needSameLine = false;
		return this.currToken;
	}
	_nextTokenFromTokenizer(option) {
		const valuesEnabled = this.tokenizer.valuesEnabled;
		if (option?.valuesEnabled) this.tokenizer.valuesEnabled = option.valuesEnabled;
		let token = this.tokenizer.nextToken();
		while (token && token.type === "Block") {
			this.comments.push(token);
			token = this.tokenizer.nextToken();
		}
		if (token) this.tokens.push(token);
		this.tokenizer.valuesEnabled = valuesEnabled;
		return token;
	}
	backToken() {
		if (this.back) throw new Error("Illegal state");
		this.back = this.currToken;
		this.currToken = this.prevToken;
	}
	addValueContainer(valueContainer) {
		this.valueContainerStack.push(valueContainer);
		this.tokenizer.valuesEnabled = true;
	}
	consumeValueContainer() {
		const valueContainer = this.valueContainerStack.pop();
		this.tokenizer.valuesEnabled = this.valueContainerStack.length > 0;
		return valueContainer;
	}
	applyResolveKeyForTable(node) {
		this.keysResolver.applyResolveKeyForTable(node);
	}
	verifyDuplicateKeys() {
		this.keysResolver.verifyDuplicateKeys(this.topLevelTable);
	}
	/**
	* Report an invalid token error.
	*/
	reportParseError(code, token) {
		let offset, line, column;
		if (token) {
			offset = token.range[0];
			line = token.loc.start.line;
			column = token.loc.start.column;
		} else {
			offset = this.tokenizer.start;
			const startPos = this.tokenizer.getLocFromIndex(offset);
			line = startPos.line;
			column = startPos.column;
		}
		throw new ParseError(code, offset, line, column);
	}
};

//#endregion
//#region src/toml-parser/index.ts
const STATE_FOR_ERROR = { VALUE: "missing-value" };
const STRING_VALUE_STYLE_MAP = {
	BasicString: "basic",
	MultiLineBasicString: "basic",
	LiteralString: "literal",
	MultiLineLiteralString: "literal"
};
const STRING_KEY_STYLE_MAP = {
	BasicString: "basic",
	LiteralString: "literal"
};
const DATETIME_VALUE_KIND_MAP = {
	OffsetDateTime: "offset-date-time",
	LocalDateTime: "local-date-time",
	LocalDate: "local-date",
	LocalTime: "local-time"
};
var TOMLParser = class {
	/**
	* Initialize this parser.
	*/
	constructor(text, parserOptions) {
		this.text = text;
		this.parserOptions = parserOptions || {};
		this.tomlVersion = getTOMLVer(this.parserOptions.tomlVersion);
	}
	/**
	* Parse TOML
	*/
	parse() {
		const ast = {
			type: "Program",
			body: [],
			sourceType: "module",
			tokens: [],
			comments: [],
			parent: null,
			range: [0, 0],
			loc: {
				start: {
					line: 1,
					column: 0
				},
				end: {
					line: 1,
					column: 0
				}
			}
		};
		const node = {
			type: "TOMLTopLevelTable",
			body: [],
			parent: ast,
			range: cloneRange(ast.range),
			loc: cloneLoc(ast.loc)
		};
		ast.body = [node];
		const ctx = new Context({
			text: this.text,
			parserOptions: this.parserOptions,
			topLevelTable: node
		});
		let token = ctx.nextToken();
		if (token) {
			node.range[0] = token.range[0];
			node.loc.start = clonePos(token.loc.start);
			while (token) {
				const state$1 = ctx.stateStack.pop() || "TABLE";
				ctx.stateStack.push(...this[state$1](token, ctx));
				token = ctx.nextToken();
			}
			const state = ctx.stateStack.pop() || "TABLE";
			if (state in STATE_FOR_ERROR) return ctx.reportParseError(STATE_FOR_ERROR[state], null);
			if (ctx.table.type === "TOMLTable") applyEndLoc(ctx.table, last(ctx.table.body));
			applyEndLoc(node, last(node.body));
		}
		ctx.verifyDuplicateKeys();
		ast.tokens = ctx.tokens;
		ast.comments = ctx.comments;
		const endOffset = ctx.tokenizer.end;
		const endPos = ctx.tokenizer.getLocFromIndex(endOffset);
		ast.range[1] = endOffset;
		ast.loc.end = {
			line: endPos.line,
			column: endPos.column
		};
		return ast;
	}
	TABLE(token, ctx) {
		if (isBare(token) || isString$1(token)) return this.processKeyValue(token, ctx.table, ctx);
		if (isLeftBracket(token)) return this.processTable(token, ctx.topLevelTable, ctx);
		return ctx.reportParseError("unexpected-token", token);
	}
	VALUE(token, ctx) {
		if (isString$1(token) || isMultiLineString(token)) return this.processStringValue(token, ctx);
		if (isNumber(token)) return this.processNumberValue(token, ctx);
		if (isBoolean(token)) return this.processBooleanValue(token, ctx);
		if (isDateTime(token)) return this.processDateTimeValue(token, ctx);
		if (isLeftBracket(token)) return this.processArray(token, ctx);
		if (isLeftBrace(token)) return this.processInlineTable(token, ctx);
		return ctx.reportParseError("unexpected-token", token);
	}
	processTable(token, topLevelTableNode, ctx) {
		const tableNode = {
			type: "TOMLTable",
			kind: "standard",
			key: null,
			resolvedKey: [],
			body: [],
			parent: topLevelTableNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		if (ctx.table.type === "TOMLTable") applyEndLoc(ctx.table, last(ctx.table.body));
		topLevelTableNode.body.push(tableNode);
		ctx.table = tableNode;
		let targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
		if (isLeftBracket(targetToken)) {
			if (token.range[1] < targetToken.range[0]) return ctx.reportParseError("invalid-space", targetToken);
			tableNode.kind = "array";
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
		}
		if (isRightBracket(targetToken)) return ctx.reportParseError("missing-key", targetToken);
		if (!targetToken) return ctx.reportParseError("unterminated-table-key", null);
		targetToken = this.processKeyNode(targetToken, tableNode, ctx).nextToken;
		if (!isRightBracket(targetToken)) return ctx.reportParseError("unterminated-table-key", targetToken);
		if (tableNode.kind === "array") {
			const rightBracket = targetToken;
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
			if (!isRightBracket(targetToken)) return ctx.reportParseError("unterminated-table-key", targetToken);
			if (rightBracket.range[1] < targetToken.range[0]) return ctx.reportParseError("invalid-space", targetToken);
		}
		applyEndLoc(tableNode, targetToken);
		ctx.applyResolveKeyForTable(tableNode);
		ctx.needNewLine = true;
		return [];
	}
	processKeyValue(token, tableNode, ctx) {
		const keyValueNode = {
			type: "TOMLKeyValue",
			key: null,
			value: null,
			parent: tableNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		tableNode.body.push(keyValueNode);
		const { nextToken: targetToken } = this.processKeyNode(token, keyValueNode, ctx);
		if (!isEq(targetToken)) return ctx.reportParseError("missing-equals-sign", targetToken);
		ctx.addValueContainer({
			parent: keyValueNode,
			set: (valNode) => {
				keyValueNode.value = valNode;
				applyEndLoc(keyValueNode, valNode);
				ctx.needNewLine = true;
				return [];
			}
		});
		ctx.needSameLine = "invalid-key-value-newline";
		return ["VALUE"];
	}
	processKeyNode(token, parent, ctx) {
		if (isDot(token)) ctx.reportParseError("invalid-leading-dot-in-key", token);
		const keyNode = {
			type: "TOMLKey",
			keys: [],
			parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		parent.key = keyNode;
		let targetToken = token;
		let dotToken = null;
		do {
			if (isBare(targetToken)) this.processBareKey(targetToken, keyNode);
			else if (isString$1(targetToken)) this.processStringKey(targetToken, keyNode);
			else break;
			dotToken = null;
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
			if (!isDot(targetToken)) break;
			dotToken = targetToken;
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
		} while (targetToken);
		if (dotToken) ctx.reportParseError(isDot(targetToken) ? "invalid-consecutive-dots-in-key" : "invalid-trailing-dot-in-key", dotToken);
		applyEndLoc(keyNode, last(keyNode.keys));
		return {
			keyNode,
			nextToken: targetToken
		};
	}
	processBareKey(token, keyNode) {
		const node = {
			type: "TOMLBare",
			name: token.value,
			parent: keyNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		keyNode.keys.push(node);
	}
	processStringKey(token, keyNode) {
		const node = {
			type: "TOMLQuoted",
			kind: "string",
			value: token.string,
			style: STRING_KEY_STYLE_MAP[token.type],
			multiline: false,
			parent: keyNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		keyNode.keys.push(node);
	}
	processStringValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLValue",
			kind: "string",
			value: token.string,
			style: STRING_VALUE_STYLE_MAP[token.type],
			multiline: isMultiLineString(token),
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processNumberValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const text = this.text;
		const [startRange, endRange] = token.range;
		let numberString = null;
		/**
		* Get the text of number
		*/
		const getNumberText = () => {
			return numberString ?? (numberString = text.slice(startRange, endRange).replace(/_/g, ""));
		};
		let node;
		if (token.type === "Integer") node = {
			type: "TOMLValue",
			kind: "integer",
			value: token.number,
			bigint: token.bigint,
			get number() {
				return getNumberText();
			},
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		else node = {
			type: "TOMLValue",
			kind: "float",
			value: token.number,
			get number() {
				return getNumberText();
			},
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processBooleanValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLValue",
			kind: "boolean",
			value: token.boolean,
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processDateTimeValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLValue",
			kind: DATETIME_VALUE_KIND_MAP[token.type],
			value: token.date,
			datetime: token.value,
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processArray(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLArray",
			elements: [],
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		const nextToken = ctx.nextToken({ valuesEnabled: true });
		if (isRightBracket(nextToken)) {
			applyEndLoc(node, nextToken);
			return valueContainer.set(node);
		}
		ctx.backToken();
		return this.processArrayValue(node, valueContainer, ctx);
	}
	processArrayValue(node, valueContainer, ctx) {
		ctx.addValueContainer({
			parent: node,
			set: (valNode) => {
				node.elements.push(valNode);
				let nextToken = ctx.nextToken({ valuesEnabled: true });
				const hasComma = isComma(nextToken);
				if (hasComma) nextToken = ctx.nextToken({ valuesEnabled: true });
				if (isRightBracket(nextToken)) {
					applyEndLoc(node, nextToken);
					return valueContainer.set(node);
				}
				if (hasComma) {
					ctx.backToken();
					return this.processArrayValue(node, valueContainer, ctx);
				}
				return ctx.reportParseError(nextToken ? "missing-comma" : "unterminated-array", nextToken);
			}
		});
		return ["VALUE"];
	}
	processInlineTable(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLInlineTable",
			body: [],
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		const needSameLine = this.tomlVersion.gte(1, 1) ? void 0 : "invalid-inline-table-newline";
		const nextToken = ctx.nextToken({ needSameLine });
		if (nextToken) {
			if (isBare(nextToken) || isString$1(nextToken)) return this.processInlineTableKeyValue(nextToken, node, valueContainer, ctx);
			if (isRightBrace(nextToken)) {
				applyEndLoc(node, nextToken);
				return valueContainer.set(node);
			}
		}
		return ctx.reportParseError("unexpected-token", nextToken);
	}
	processInlineTableKeyValue(token, inlineTableNode, valueContainer, ctx) {
		const keyValueNode = {
			type: "TOMLKeyValue",
			key: null,
			value: null,
			parent: inlineTableNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		inlineTableNode.body.push(keyValueNode);
		const { nextToken: targetToken } = this.processKeyNode(token, keyValueNode, ctx);
		if (!isEq(targetToken)) return ctx.reportParseError("missing-equals-sign", targetToken);
		const needSameLine = this.tomlVersion.gte(1, 1) ? void 0 : "invalid-inline-table-newline";
		ctx.addValueContainer({
			parent: keyValueNode,
			set: (valNode) => {
				keyValueNode.value = valNode;
				applyEndLoc(keyValueNode, valNode);
				let nextToken = ctx.nextToken({ needSameLine });
				if (isComma(nextToken)) {
					nextToken = ctx.nextToken({ needSameLine });
					if (nextToken && (isBare(nextToken) || isString$1(nextToken))) return this.processInlineTableKeyValue(nextToken, inlineTableNode, valueContainer, ctx);
					if (isRightBrace(nextToken)) {
						if (this.tomlVersion.lt(1, 1)) return ctx.reportParseError("invalid-trailing-comma-in-inline-table", nextToken);
					} else return ctx.reportParseError(nextToken ? "unexpected-token" : "unterminated-inline-table", nextToken);
				}
				if (isRightBrace(nextToken)) {
					applyEndLoc(inlineTableNode, nextToken);
					return valueContainer.set(inlineTableNode);
				}
				return ctx.reportParseError(nextToken ? "missing-comma" : "unterminated-inline-table", nextToken);
			}
		});
		ctx.needSameLine = "invalid-key-value-newline";
		return ["VALUE"];
	}
};
/**
* Check whether the given token is a dot.
*/
function isDot(token) {
	return isPunctuator(token) && token.value === ".";
}
/**
* Check whether the given token is an equal sign.
*/
function isEq(token) {
	return isPunctuator(token) && token.value === "=";
}
/**
* Check whether the given token is a left bracket.
*/
function isLeftBracket(token) {
	return isPunctuator(token) && token.value === "[";
}
/**
* Check whether the given token is a right bracket.
*/
function isRightBracket(token) {
	return isPunctuator(token) && token.value === "]";
}
/**
* Check whether the given token is a left brace.
*/
function isLeftBrace(token) {
	return isPunctuator(token) && token.value === "{";
}
/**
* Check whether the given token is a right brace.
*/
function isRightBrace(token) {
	return isPunctuator(token) && token.value === "}";
}
/**
* Check whether the given token is a comma.
*/
function isComma(token) {
	return isPunctuator(token) && token.value === ",";
}
/**
* Check whether the given token is a punctuator.
*/
function isPunctuator(token) {
	return Boolean(token && token.type === "Punctuator");
}
/**
* Check whether the given token is a bare token.
*/
function isBare(token) {
	return token.type === "Bare";
}
/**
* Check whether the given token is a string.
*/
function isString$1(token) {
	return token.type === "BasicString" || token.type === "LiteralString";
}
/**
* Check whether the given token is a multi-line string.
*/
function isMultiLineString(token) {
	return token.type === "MultiLineBasicString" || token.type === "MultiLineLiteralString";
}
/**
* Check whether the given token is a number.
*/
function isNumber(token) {
	return token.type === "Integer" || token.type === "Float";
}
/**
* Check whether the given token is a boolean.
*/
function isBoolean(token) {
	return token.type === "Boolean";
}
/**
* Check whether the given token is a date time.
*/
function isDateTime(token) {
	return token.type === "OffsetDateTime" || token.type === "LocalDateTime" || token.type === "LocalDate" || token.type === "LocalTime";
}
/**
* Apply end locations
*/
function applyEndLoc(node, child) {
	if (child) {
		node.range[1] = child.range[1];
		node.loc.end = clonePos(child.loc.end);
	}
}
/**
* clone the location.
*/
function cloneRange(range) {
	return [range[0], range[1]];
}
/**
* clone the location.
*/
function cloneLoc(loc) {
	return {
		start: clonePos(loc.start),
		end: clonePos(loc.end)
	};
}
/**
* clone the location.
*/
function clonePos(pos) {
	return {
		line: pos.line,
		column: pos.column
	};
}

//#endregion
//#region src/visitor-keys.ts
const tomlKeys = {
	Program: ["body"],
	TOMLTopLevelTable: ["body"],
	TOMLTable: ["key", "body"],
	TOMLKeyValue: ["key", "value"],
	TOMLKey: ["keys"],
	TOMLArray: ["elements"],
	TOMLInlineTable: ["body"],
	TOMLBare: [],
	TOMLQuoted: [],
	TOMLValue: []
};
const KEYS = unionWith(tomlKeys);

//#endregion
//#region src/parser.ts
/**
* Parse source code
*/
function parseForESLint(code, options) {
	return {
		ast: new TOMLParser(code, options).parse(),
		visitorKeys: KEYS,
		services: { isTOML: true }
	};
}
/**
* Parse TOML source code
*/
function parseTOML(code, options) {
	return parseForESLint(code, options).ast;
}

// Where things are in a Cargo file: lines of keys and tables, from toml-eslint-parser's syntax tree
// (which keeps every node's position). smol-toml stays the parser for values; this one only says
// where a key path is written, however it is spelt (inline, dotted, `[a.b]` tables, quoted keys).
function spanOf(node) {
    return {
        line: node.loc.start.line,
        endLine: node.loc.end.line,
        // toml-eslint-parser columns are 0-based; annotations and SARIF count from 1.
        column: node.loc.start.column + 1,
        endColumn: node.loc.end.column + 1
    };
}
function keyNames(key) {
    return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value));
}
function walkValue(value, path, out) {
    if (value.type === 'TOMLInlineTable') {
        for (const pair of value.body)
            walkPair(pair, path, out);
    }
}
function walkPair(pair, parent, out) {
    const path = [...parent, ...keyNames(pair.key)];
    out.push({ path, span: spanOf(pair), node: pair });
    walkValue(pair.value, path, out);
}
/** Parses `text` for positions; throws what the parser throws (the caller decides what it means). */
function tomlPositions(text) {
    if (text.length > MAX_TOML_CHARS)
        throw new Error('file too large to read for positions');
    const program = parseTOML(text);
    const nodes = [];
    const top = program.body[0];
    for (const item of top.body) {
        if (item.type === 'TOMLKeyValue') {
            walkPair(item, [], nodes);
            continue;
        }
        const path = item.resolvedKey;
        nodes.push({ path, span: spanOf(item), node: item });
        for (const pair of item.body)
            walkPair(pair, path, nodes);
    }
    const tablesByName = new Map();
    return {
        find(prefix) {
            let span = null;
            for (const entry of nodes) {
                if (!startsWith(entry.path, prefix))
                    continue;
                if (span === null)
                    span = { ...entry.span };
                else if (entry.span.endLine > span.endLine) {
                    span.endLine = entry.span.endLine;
                    span.endColumn = entry.span.endColumn;
                }
            }
            return span;
        },
        arrayTables(name) {
            // Asked once per finding located in a lockfile: the tables are collected once per name.
            const known = tablesByName.get(name);
            if (known !== undefined)
                return known;
            const tables = [];
            for (const item of top.body) {
                if (item.type !== 'TOMLTable' || item.kind !== 'array')
                    continue;
                if (item.resolvedKey.length !== 2 || item.resolvedKey[0] !== name)
                    continue;
                const values = {};
                for (const pair of item.body) {
                    const [key] = keyNames(pair.key);
                    if (pair.key.keys.length === 1 && key !== undefined && isString(pair.value)) {
                        values[key] = pair.value.value;
                    }
                }
                tables.push({ span: spanOf(item), values });
            }
            tablesByName.set(name, tables);
            return tables;
        }
    };
}
function isString(value) {
    return value.type === 'TOMLValue' && value.kind === 'string';
}
function startsWith(path, prefix) {
    if (path.length < prefix.length)
        return false;
    return prefix.every((part, i) => path[i] === part);
}

/** Thrown inside the reader when the text leaves the part of TOML it reads. */
class Outside extends Error {
}
/** Keys that would reach an object's prototype: left to the full parser. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * The `[[name]]` tables of `text` (one bare key, e.g. `package`), in file order, as the full
 * parser's `arrayTables(name)` gives them; null when the text is outside the part read here.
 */
function plainArrayTables(text, name) {
    if (text.length > MAX_TOML_CHARS)
        return null;
    try {
        return new Reader(text).arrayTables(name);
    }
    catch (error) {
        if (error instanceof Outside)
            return null;
        throw error;
    }
}
// The reader's pieces are sticky regular expressions: one native match per token instead of a
// call per character, which a short-lived CLI runs cold (half the reader's time on a large PR).
const SPACES = /[ \t]*/y;
/** A comment's text after `#`: printable ASCII and tabs, up to the end of its line. */
const COMMENT = /[\t\x20-\x7e]*/y;
const BARE_KEY = /[A-Za-z0-9_-]*/y;
/** A header's key may be dotted (`[[patch.unused]]`): no leading, trailing or doubled dot. */
const DOTTED_KEY = /[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*/y;
/** A basic string's body: printable ASCII but `"` and `\` (an escape is left to the full parser). */
const STRING_BODY = /[\x20\x21\x23-\x5b\x5d-\x7e]*/y;
const WORD = /[a-z0-9]*/y;
class Reader {
    text;
    pos = 0;
    line = 1;
    lineStart = 0;
    constructor(text) {
        this.text = text;
    }
    arrayTables(name) {
        const tables = [];
        // The table being read: its keys (a repeated one is invalid TOML) and, when it is one of
        // `name`'s, its entry, whose span ends where its last key/value ends.
        const topKeys = new Set();
        let keys = topKeys;
        let current = null;
        const headers = new Map();
        for (;;) {
            this.skipBlankAndComments();
            if (this.pos >= this.text.length)
                return tables;
            const start = this.here();
            if (this.peek() === '[') {
                const array = this.text[this.pos + 1] === '[';
                this.pos += array ? 2 : 1;
                this.skipSpaces();
                const key = this.bareKey(true);
                this.skipSpaces();
                this.expect(array ? ']]' : ']');
                // Only headers that cannot clash are read here: each key one kind (a standard table
                // once), none inside another's (`[a]` and `[a.b]`), none a top-level key's name.
                const kind = headers.get(key);
                if (kind === undefined) {
                    const clash = (other) => other.startsWith(`${key}.`) || key.startsWith(`${other}.`);
                    if ([...headers.keys()].some(clash) || topKeys.has(key.split('.')[0] ?? '')) {
                        throw new Outside();
                    }
                    headers.set(key, array ? 'array' : 'table');
                }
                else if (kind === 'table' || !array)
                    throw new Outside();
                keys = new Set();
                current = array && key === name ? { span: this.spanFrom(start), values: {} } : null;
                if (current !== null)
                    tables.push(current);
                this.endOfLine();
                continue;
            }
            // Lockfiles of version 1 keep their checksums under quoted keys in [metadata].
            const key = this.peek() === '"' ? this.basicString() : this.bareKey(false);
            if (keys.has(key) || UNSAFE_KEYS.has(key))
                throw new Outside();
            keys.add(key);
            this.skipSpaces();
            this.expect('=');
            this.skipSpaces();
            const value = this.value();
            if (current !== null) {
                // The span was made for this table alone (spanFrom): extended in place.
                current.span.endLine = this.line;
                current.span.endColumn = this.pos - this.lineStart + 1;
                if (value !== null)
                    current.values[key] = value;
            }
            this.endOfLine();
        }
    }
    peek() {
        return this.text[this.pos];
    }
    here() {
        return { line: this.line, column: this.pos - this.lineStart + 1 };
    }
    spanFrom(start) {
        return {
            line: start.line,
            column: start.column,
            endLine: this.line,
            endColumn: this.pos - this.lineStart + 1
        };
    }
    expect(token) {
        if (!this.text.startsWith(token, this.pos))
            throw new Outside();
        this.pos += token.length;
    }
    /** Matches `pattern` (sticky, never failing: `*`) at the position and moves past it. */
    skip(pattern) {
        pattern.lastIndex = this.pos;
        pattern.test(this.text);
        this.pos = pattern.lastIndex;
    }
    skipSpaces() {
        this.skip(SPACES);
    }
    newline() {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
    }
    /** A comment runs to the end of its line; printable ASCII and tabs only. */
    comment() {
        this.pos++;
        this.skip(COMMENT);
        const c = this.peek();
        if (c !== undefined && c !== '\n')
            throw new Outside();
    }
    skipBlankAndComments() {
        for (;;) {
            this.skipSpaces();
            const c = this.peek();
            if (c === '\n')
                this.newline();
            else if (c === '#')
                this.comment();
            else if (c === undefined || printable(c))
                return;
            else
                throw new Outside();
        }
    }
    /** After a header or a key/value: spaces, an optional comment, then a newline or the end. */
    endOfLine() {
        this.skipSpaces();
        if (this.peek() === '#')
            this.comment();
        const c = this.peek();
        if (c === undefined)
            return;
        if (c !== '\n')
            throw new Outside();
        this.newline();
    }
    /** Bare keys only; a header's may be dotted (`[[patch.unused]]`), a key/value's may not. */
    bareKey(dotted) {
        const start = this.pos;
        const pattern = dotted ? DOTTED_KEY : BARE_KEY;
        pattern.lastIndex = start;
        if (!pattern.test(this.text))
            throw new Outside();
        this.pos = pattern.lastIndex;
        // A dot right after the key (`[[a.]]`, `[[a..b]]`) is a key this reader does not take.
        if (this.pos === start || this.peek() === '.')
            throw new Outside();
        return this.text.slice(start, this.pos);
    }
    /** A value; its text when it is a string, else null. */
    value() {
        const c = this.peek();
        if (c === '"')
            return this.basicString();
        if (c === '[') {
            this.array();
            return null;
        }
        const start = this.pos;
        this.skip(WORD);
        const word = this.text.slice(start, this.pos);
        // Integers without sign or leading zero, and booleans; anything else goes to the full parser.
        if (word === 'true' || word === 'false' || /^(0|[1-9][0-9]*)$/.test(word))
            return null;
        throw new Outside();
    }
    /** `"…"` on one line, without escapes (and not `"""`). */
    basicString() {
        if (this.text.startsWith('"""', this.pos))
            throw new Outside();
        const start = ++this.pos;
        this.skip(STRING_BODY);
        if (this.peek() !== '"')
            throw new Outside();
        const value = this.text.slice(start, this.pos);
        this.pos++;
        return value;
    }
    /** `[ "a", "b", ]` over any number of lines, with comments between the strings. */
    array() {
        this.pos++;
        let needComma = false;
        for (;;) {
            this.skipBlankAndComments();
            const c = this.peek();
            if (c === ']') {
                this.pos++;
                return;
            }
            if (c === ',' && needComma) {
                this.pos++;
                needComma = false;
                continue;
            }
            if (c !== '"' || needComma)
                throw new Outside();
            this.basicString();
            needComma = true;
        }
    }
}
/** Printable ASCII (space to tilde): a Cargo-written lockfile holds nothing else outside newlines. */
function printable(c) {
    const code = c.charCodeAt(0);
    return code >= 0x20 && code <= 0x7e;
}

// Where a reviewer should look for each finding: the line of the head Cargo.toml that brought the
// crate in (its requirement, or the direct dependency through which the member's path reaches a
// transitive crate), or else the crate's [[package]] entry in Cargo.lock. Lines come from a TOML
// parser that keeps positions (for a Cargo-written lockfile, the one-pass reader of its plain
// part of TOML), never from searching the text. Pure: the head texts come in.
const LEVEL = {
    malicious: 'error',
    introduced: 'error',
    'still-affected': 'warning',
    // An error when `fail-on-too-new` makes it fail the job (LocateInput.failOnTooNew).
    'too-new': 'notice',
    yanked: 'notice',
    'not-published': 'notice',
    unmaintained: 'notice'
};
/** Most decisive first: the order annotations are emitted in. */
const KIND_ORDER = [
    'malicious',
    'introduced',
    'still-affected',
    'too-new',
    'yanked',
    'not-published',
    'unmaintained'
];
const MALICIOUS$1 = 'malicious';
/** Manifest sections in the order a direct dependency's line is preferred. */
const SECTION_ORDER$1 = [
    'dependencies',
    'build-dependencies',
    'dev-dependencies',
    'workspace.dependencies'
];
const LEGACY = {
    'dev-dependencies': 'dev_dependencies',
    'build-dependencies': 'build_dependencies'
};
/** Every finding of the report with its location, most decisive kind first, then by file and line. */
function locateFindings(input) {
    const files = new FilePositions(input.texts);
    const members = memberManifests(input.manifests, input.texts);
    const findings = [];
    for (const lockfile of input.lockfiles) {
        for (const change of lockfile.changes) {
            if (change.kind === 'removed' || !isCratesIoLockChange(change))
                continue;
            const kinds = lockKinds(change, input);
            if (kinds.length === 0)
                continue;
            const location = locateLockChange(change, lockfile, input, members, files);
            const path = change.dependency_path ?? [];
            for (const { kind, advisories, note } of kinds) {
                findings.push({
                    kind,
                    level: kind === 'too-new' && input.failOnTooNew === true ? 'error' : LEVEL[kind],
                    crate: change.name,
                    version: change.version,
                    previous: change.previous,
                    req: null,
                    file: lockfile.path,
                    via: path.length > 2 ? path.slice(1, -1) : [],
                    member: path.length >= 2 ? (path[0] ?? null) : null,
                    advisories,
                    note,
                    location
                });
            }
        }
    }
    for (const manifest of input.manifests) {
        for (const change of manifest.changes) {
            // A requirement a lockfile resolves is judged (and located) through that lockfile's change.
            if (change.kind === 'removed' || change.locked_by !== null)
                continue;
            if (!isCratesIoManifestChange(change))
                continue;
            for (const { kind, advisories } of advisoryKinds(change.advisories)) {
                findings.push({
                    kind,
                    level: LEVEL[kind],
                    crate: change.name,
                    version: null,
                    previous: null,
                    req: change.workspace ? change.workspace_req : change.req,
                    file: manifest.path,
                    via: [],
                    member: null,
                    advisories,
                    note: null,
                    location: locateRequirement(manifest.path, change, input, files)
                });
            }
        }
    }
    return findings.sort(compareFindings);
}
/** `h2 0.3.26 via aws-sdk-s3 → aws-smithy-runtime` (the path from the member's direct dependency). */
function findingSubject(finding) {
    const version = finding.version ?? (finding.req === null ? '' : `(requirement ${finding.req})`);
    const via = finding.via.length === 0 ? '' : ` via ${finding.via.join(' → ')}`;
    return `${finding.crate} ${version}${via}`.replace(/ {2,}/g, ' ').trim();
}
function compareFindings(a, b) {
    return (KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        compareStrings(a.location.path, b.location.path) ||
        (a.location.span?.line ?? 0) - (b.location.span?.line ?? 0) ||
        compareStrings(a.crate, b.crate) ||
        compareStrings(a.version ?? '', b.version ?? ''));
}
/** Non-ignored advisories by what they mean here; malicious ones apart (they lead). */
function advisoryKinds(findings) {
    const groups = [];
    const add = (kind, advisories) => {
        if (advisories.length > 0)
            groups.push({ kind, advisories, note: null });
    };
    const active = findings.filter((f) => f.ignored === null && (f.verdict === 'introduced' || f.verdict === 'still-affected'));
    const malicious = active.filter((f) => f.categories.includes(MALICIOUS$1));
    const rest = active.filter((f) => !f.categories.includes(MALICIOUS$1));
    add('malicious', malicious);
    add('introduced', rest.filter((f) => f.verdict === 'introduced'));
    add('still-affected', rest.filter((f) => f.verdict === 'still-affected'));
    return groups;
}
function lockKinds(change, input) {
    const groups = advisoryKinds(change.advisories);
    const age = change.publish_age;
    if (age?.too_new === true)
        groups.push({ kind: 'too-new', advisories: [], note: tooNewNote(age) });
    if (change.yanked === true) {
        groups.push({ kind: 'yanked', advisories: [], note: 'yanked from crates.io' });
    }
    const status = change.registry?.status;
    if (status === 'crate-not-found' || status === 'version-not-found') {
        groups.push({ kind: 'not-published', advisories: [], note: change.registry?.note ?? null });
    }
    // As the comment shows it: only for a crate the change adds, only when asked for.
    if (input.unmaintained === true && change.kind === 'added' && change.unmaintained !== null) {
        groups.push({
            kind: 'unmaintained',
            advisories: [],
            note: `unmaintained (${change.unmaintained})`
        });
    }
    return groups;
}
/** `published 2026-12-06T12:00:00Z, 1 day ago; younger than the cooldown of 1 week`. */
function tooNewNote(age) {
    const published = age.published ?? `before ${age.published_before ?? '?'}`;
    const ago = age.age_seconds === null ? '' : `, ${formatAge(age.age_seconds)} ago`;
    const min = age.min_publish_age_seconds;
    return `published ${published}${ago}; younger than the cooldown${min === null ? '' : ` of ${formatAge(min)}`} (min-publish-age)`;
}
/** Member package name → its changed manifest (head), for the lockfile that covers it. */
function memberManifests(manifests, texts) {
    const byName = new Map();
    for (const manifest of manifests) {
        const text = texts.get(manifest.path);
        if (text === undefined)
            continue;
        let name;
        try {
            name = parseManifest(text, manifest.path).packageName;
        }
        catch {
            continue;
        }
        if (name === null)
            continue;
        byName.set(name, [...(byName.get(name) ?? []), manifest]);
    }
    return byName;
}
function locateLockChange(change, lockfile, input, members, files) {
    const path = change.dependency_path;
    const [member, direct] = path ?? [];
    if (member !== undefined && direct !== undefined) {
        const covered = (manifest) => nearestLockfile(manifest.path, input.lockfiles) === lockfile;
        // The member's own requirement of the direct dependency, when this change touched it.
        for (const manifest of (members.get(member) ?? []).filter(covered)) {
            const declared = preferred(manifest.changes.filter((c) => c.name === direct));
            if (declared !== null)
                return locateRequirement(manifest.path, declared, input, files);
        }
        // A bump in the root's [workspace.dependencies] that the member inherits.
        for (const manifest of input.manifests.filter(covered)) {
            const declared = manifest.changes.find((c) => c.name === direct && c.section === 'workspace.dependencies' && c.kind !== 'removed');
            if (declared !== undefined)
                return locateRequirement(manifest.path, declared, input, files);
        }
    }
    return locatePackage(change, lockfile.path, files);
}
function preferred(changes) {
    const live = changes.filter((c) => c.kind !== 'removed');
    live.sort((a, b) => SECTION_ORDER$1.indexOf(a.section) - SECTION_ORDER$1.indexOf(b.section) ||
        (a.target === null ? 0 : 1) - (b.target === null ? 0 : 1));
    return live[0] ?? null;
}
function locateRequirement(manifestPath, change, input, files) {
    const positions = files.get(manifestPath);
    if (positions === null)
        return { path: manifestPath, span: null, via: 'file', related: [] };
    const span = requirementSpan(positions, change);
    const related = [];
    if (change.workspace) {
        // The inherited requirement is written in the root's [workspace.dependencies].
        for (const manifest of input.manifests) {
            if (manifest.path === manifestPath && change.section === 'workspace.dependencies')
                continue;
            const root = manifest.changes.find((c) => c.section === 'workspace.dependencies' && c.name === change.name);
            const rootPositions = root === undefined ? null : files.get(manifest.path);
            const rootSpan = root === undefined || rootPositions === null ? null : requirementSpan(rootPositions, root);
            if (rootSpan !== null)
                related.push({ path: manifest.path, span: rootSpan });
        }
    }
    return {
        path: manifestPath,
        span,
        via: span === null
            ? 'file'
            : change.section === 'workspace.dependencies'
                ? 'workspace'
                : 'manifest',
        related
    };
}
/** The lines of one declaration, under whichever spelling of its section the file uses. */
function requirementSpan(positions, change) {
    const sections = change.section === 'workspace.dependencies'
        ? [['workspace', 'dependencies']]
        : [
            [change.section],
            ...(LEGACY[change.section] === undefined ? [] : [[LEGACY[change.section] ?? '']])
        ];
    for (const section of sections) {
        const prefix = change.target === null ? section : ['target', change.target, ...section];
        const span = positions.find([...prefix, change.key]);
        if (span !== null)
            return span;
    }
    return null;
}
const CRATES_IO_SOURCES = new Set([
    'registry+https://github.com/rust-lang/crates.io-index',
    'sparse+https://index.crates.io/'
]);
function locatePackage(change, lockPath, files) {
    const entries = files.packages(lockPath).filter((entry) => entry.values.name === change.name && entry.values.version === change.version);
    const entry = entries.find((e) => e.values.source !== undefined && CRATES_IO_SOURCES.has(e.values.source)) ??
        entries[0];
    return entry === undefined
        ? { path: lockPath, span: null, via: 'file', related: [] }
        : { path: lockPath, span: entry.span, via: 'lockfile', related: [] };
}
/** Positions of each head file, parsed once; null for a file that is absent or does not parse. */
class FilePositions {
    texts;
    cache = new Map();
    lockPackages = new Map();
    constructor(texts) {
        this.texts = texts;
    }
    /** A lockfile's [[package]] tables: read in one pass when Cargo wrote it, else by the full parser. */
    packages(path) {
        let tables = this.lockPackages.get(path);
        if (tables === undefined) {
            const text = this.texts.get(path);
            tables =
                (text === undefined ? null : plainArrayTables(text, 'package')) ??
                    this.get(path)?.arrayTables('package') ??
                    [];
            this.lockPackages.set(path, tables);
        }
        return tables;
    }
    get(path) {
        if (!this.cache.has(path)) {
            const text = this.texts.get(path);
            let positions = null;
            if (text !== undefined) {
                try {
                    positions = tomlPositions(text);
                }
                catch {
                    positions = null;
                }
            }
            this.cache.set(path, positions);
        }
        return this.cache.get(path) ?? null;
    }
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/cargo-advisory-review/cargo-advisory-review';
/** The repository root the relative URIs start from (upload-sarif resolves it to the checkout). */
const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'cargoAdvisoryReview/v1';
const SARIF_LEVEL = {
    error: 'error',
    warning: 'warning',
    notice: 'note'
};
function region(span) {
    return {
        startLine: span.line,
        endLine: span.endLine,
        ...(span.line === span.endLine ? { startColumn: span.column, endColumn: span.endColumn } : {})
    };
}
function physical(path, span) {
    return {
        physicalLocation: {
            artifactLocation: { uri: encodeUriPath(path), uriBaseId: SRCROOT },
            ...(span === null ? {} : { region: region(span) })
        }
    };
}
/** A relative URI reference: each segment percent-encoded (paths may hold spaces or `#`). */
function encodeUriPath(path) {
    return path.split('/').map(encodeURIComponent).join('/');
}
function rule(advisory) {
    const url = linkedAdvisoryUrl(advisory);
    const summary = advisory.summary ?? advisory.id;
    return {
        id: advisory.id,
        shortDescription: { text: summary },
        fullDescription: { text: advisory.details ?? summary },
        ...(url === null ? {} : { helpUri: url }),
        help: {
            text: `${advisory.id}: ${summary}${url === null ? '' : ` (${url})`}`,
            markdown: renderAdvisory(advisory, null, 'full')
        },
        properties: {
            tags: ['security', 'dependency', ...advisory.categories],
            ...(advisory.aliases.length === 0 ? {} : { aliases: advisory.aliases })
        }
    };
}
/** The rules of the findings that carry no advisory, by kind. */
const REGISTRY_RULES = {
    'too-new': {
        id: 'too-new',
        name: 'YoungerThanCooldown',
        text: 'The version is younger than the cooldown (min-publish-age) its lockfile is under: crates.io has had less time to catch a malicious release.'
    },
    yanked: {
        id: 'yanked',
        name: 'YankedVersion',
        text: 'The version is yanked from crates.io: its authors withdrew it, and Cargo will not pick it for a new lockfile.'
    },
    'not-published': {
        id: 'not-on-crates-io',
        name: 'NotOnCratesIo',
        text: 'The crates.io index does not list this crate or this version (removed, or never published there).'
    },
    unmaintained: {
        id: 'unmaintained',
        name: 'UnmaintainedCrate',
        text: 'RustSec marks the crate as unmaintained.'
    }
};
function registryRule(kind) {
    const { id, name, text } = REGISTRY_RULES[kind];
    return {
        id,
        name,
        shortDescription: { text },
        fullDescription: { text },
        help: { text, markdown: text },
        properties: { tags: ['supply-chain', 'dependency', 'crates.io'] }
    };
}
const isAdvisoryKind = (kind) => kind === 'malicious' || kind === 'introduced' || kind === 'still-affected';
// node:crypto takes ~10 ms to load, and only a SARIF file needs it: loaded on first use.
let crypto;
function fingerprint(parts) {
    crypto ??= createRequire(import.meta.url)('node:crypto');
    return crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
/** The SARIF log (an object; JSON.stringify it). */
function renderSarif(findings, options) {
    const rules = [];
    const ruleIndex = new Map();
    const indexOf = (id, make) => {
        let index = ruleIndex.get(id);
        if (index === undefined) {
            index = rules.length;
            rules.push(make());
            ruleIndex.set(id, index);
        }
        return index;
    };
    const results = [];
    for (const finding of findings) {
        const { location } = finding;
        const common = (ruleId, text) => ({
            ruleId,
            level: SARIF_LEVEL[finding.level],
            kind: 'fail',
            message: { text },
            locations: [physical(location.path, location.span)],
            ...(location.related.length === 0
                ? {}
                : {
                    relatedLocations: location.related.map((related, id) => ({
                        id,
                        ...physical(related.path, related.span),
                        message: { text: 'The requirement the member inherits' }
                    }))
                }),
            partialFingerprints: {
                [FINGERPRINT]: fingerprint([
                    ruleId,
                    finding.crate,
                    finding.version ?? finding.req ?? '',
                    location.path
                ])
            },
            properties: {
                crate: finding.crate,
                version: finding.version,
                previous: finding.previous,
                ...(finding.member === null
                    ? {}
                    : { dependencyPath: [finding.member, ...finding.via, finding.crate] })
            }
        });
        if (!isAdvisoryKind(finding.kind)) {
            const kind = finding.kind;
            const { id } = REGISTRY_RULES[kind];
            const index = indexOf(id, () => registryRule(kind));
            const note = finding.note ?? REGISTRY_RULES[kind].text;
            results.push({ ...common(id, `${findingSubject(finding)}: ${note}`), ruleIndex: index });
            continue;
        }
        for (const advisory of finding.advisories) {
            const index = indexOf(advisory.id, () => rule(advisory));
            const verdict = finding.kind === 'still-affected'
                ? `is still affected by ${advisory.id}`
                : finding.kind === 'malicious'
                    ? `is malicious (${advisory.id})`
                    : `introduces ${advisory.id}`;
            const text = `${findingSubject(finding)} ${verdict}${advisory.summary === null ? '' : `: ${advisory.summary}`}`;
            results.push({ ...common(advisory.id, text), ruleIndex: index });
        }
    }
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: options.toolName,
                        version: options.toolVersion,
                        informationUri: INFORMATION_URI,
                        rules
                    }
                },
                results
            }
        ]
    };
}

// The offline source: a folder searched recursively for OSV JSON files, a single JSON file, or a
// `.zip` of them (OSV's crates.io `all.zip`, or a multi-ecosystem one). Read once per process and
// indexed by crates.io package name; a record is validated only when its crate is asked about,
// so a run pays for the handful of crates it touches, not for the whole database.
//
// Attribution: a file we cannot read as OSV records (bad JSON, no id, `affected` that is not a
// list of packages) could be about any crate, so the whole look-up is unknown and the message
// names the files. Records that name only other ecosystems are attributable, just not ours.
function recordValue(raw) {
    const document = raw.document;
    document.parsed ??= JSON.parse(document.text);
    return raw.position === null ? document.parsed : document.parsed[raw.position];
}
const MAX_NAMED_FILES = 5;
const PATH_HINT = 'Check advisory-source (--advisory-source): a folder, .json or .zip of OSV records.';
function jsonFiles(dir) {
    const out = [];
    // Symbolic links are not followed: a link cycle must not hang the run.
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory())
            out.push(...jsonFiles(path));
        else if (entry.isFile() && entry.name.endsWith('.json'))
            out.push(path);
    }
    return out.sort();
}
/**
 * The crates.io names a raw record is about, or why it cannot be attributed. Cheap on purpose: no
 * schema here, only what attribution needs.
 */
function cratesNamed(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { problem: 'not a JSON object' };
    }
    const record = value;
    if (typeof record.id !== 'string' || record.id === '')
        return { problem: 'no "id"' };
    if (record.affected === undefined || record.affected === null)
        return { crates: [] };
    if (!Array.isArray(record.affected))
        return { problem: '"affected" is not a list' };
    const crates = new Set();
    for (const entry of record.affected) {
        if (typeof entry !== 'object' || entry === null) {
            return { problem: 'an "affected" entry is not an object' };
        }
        const pkg = entry.package;
        // OSV allows an entry without a package (a GIT range alone): it names no crate.
        if (pkg === undefined || pkg === null)
            continue;
        const { ecosystem, name } = pkg;
        if (typeof ecosystem !== 'string' || typeof name !== 'string') {
            return { problem: 'an "affected" package has no ecosystem or name' };
        }
        if (ecosystem === CRATES_IO)
            crates.add(name);
    }
    return { crates: [...crates] };
}
function addDocument(index, text, origin) {
    index.files++;
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        index.unattributable.push(`${origin} (unreadable JSON: ${getErrorMessage(error)})`);
        return;
    }
    // One record per file (the exports), or an array (a rustsec.org packages/<crate>.json).
    const items = Array.isArray(value) ? value : [value];
    const document = { text };
    for (const [position, item] of items.entries()) {
        const named = cratesNamed(item);
        const where = items.length === 1 && !Array.isArray(value) ? origin : `${origin}[${position}]`;
        if ('problem' in named) {
            index.unattributable.push(`${where} (${named.problem})`);
            continue;
        }
        for (const name of named.crates) {
            const list = index.raw.get(name);
            const raw = { document, position: Array.isArray(value) ? position : null, origin: where };
            if (list === undefined)
                index.raw.set(name, [raw]);
            else
                list.push(raw);
        }
    }
}
/** Reads the whole source synchronously: ~1,200 small files read in a loop cost a tenth of what
 * as many awaited reads do, and nothing else runs while the look-up waits for them anyway. */
async function loadIndex(path) {
    const index = { raw: new Map(), unattributable: [], files: 0, checked: new Map() };
    if (statSync(path).isDirectory()) {
        for (const file of jsonFiles(path))
            addDocument(index, readFileSync(file, 'utf8'), file);
    }
    else if (path.endsWith('.zip')) {
        // The unzipper (fflate, ~90 KB) is loaded only for a zip: a folder or a file never needs it.
        const { unzipSync } = await import('./fflate.js');
        const entries = unzipSync(new Uint8Array(readFileSync(path)), {
            filter: (file) => file.name.endsWith('.json')
        });
        const decoder = new TextDecoder();
        for (const name of Object.keys(entries).sort()) {
            const data = entries[name];
            if (data !== undefined)
                addDocument(index, decoder.decode(data), `${path}:${name}`);
        }
    }
    else {
        addDocument(index, readFileSync(path, 'utf8'), path);
    }
    return index;
}
/** Validated records of one crate, memoised: each record is checked once per crate. */
function recordsOf(index, crate) {
    const known = index.checked.get(crate);
    if (known !== undefined)
        return known;
    const records = [];
    const problems = [];
    for (const raw of index.raw.get(crate) ?? []) {
        const checked = recordForCrate(recordValue(raw), crate, raw.origin);
        if ('record' in checked)
            records.push(checked.record);
        else
            problems.push(checked.problem);
    }
    const answer = problems.length === 0 ? { records } : { problem: problems.join('; ') };
    index.checked.set(crate, answer);
    return answer;
}
/**
 * One index per path per process, so the action and the CLI (and a test suite) read a folder once.
 * The key includes the path's size and modification time, so a changed zip or a folder with files
 * added or removed is read again.
 */
const indexes = new Map();
function cachedIndex(path) {
    const info = statSync(path);
    const key = `${resolve$1(path)}\0${String(info.size)}\0${String(info.mtimeMs)}`;
    let index = indexes.get(key);
    if (index === undefined) {
        index = loadIndex(path);
        indexes.set(key, index);
        // A source that could not be read is read again next time, as before it was cached.
        index.catch(() => indexes.delete(key));
    }
    return index;
}
function createPathSource(path, options = {}) {
    return {
        description: `path (${path})`,
        async lookup(crates) {
            const started = Date.now();
            const result = emptyLookupResult();
            const names = queryableNames(crates, result);
            const finish = () => {
                result.stats.ms = Date.now() - started;
                options.onProgress?.(names.length, names.length);
                return result;
            };
            let index;
            try {
                index = await cachedIndex(path);
            }
            catch (error) {
                applyOutage(result, names, {
                    cause: `cannot read advisories from ${path}: ${getErrorMessage(error)}`,
                    hint: PATH_HINT
                });
                return finish();
            }
            if (index.files === 0) {
                // An empty mirror knows nothing: that is not the same as "no advisories".
                applyOutage(result, names, {
                    cause: `no OSV JSON files in ${path}`,
                    hint: PATH_HINT
                });
                return finish();
            }
            if (index.unattributable.length > 0) {
                const count = index.unattributable.length;
                const shown = index.unattributable.slice(0, MAX_NAMED_FILES).join(', ');
                applyOutage(result, names, {
                    cause: `${String(count)} file${count === 1 ? '' : 's'} in ${path} ${count === 1 ? 'is' : 'are'} not OSV records we can attribute to a crate: ${shown}${count > MAX_NAMED_FILES ? `, and ${String(count - MAX_NAMED_FILES)} more` : ''}`,
                    hint: 'Fix or remove them: any crate’s advisories could be in them.'
                });
                return finish();
            }
            options.logger?.debug(`${path}: ${String(index.files)} files, ${String(index.raw.size)} crates`);
            for (const name of names) {
                const answer = recordsOf(index, name);
                if ('records' in answer)
                    result.records.set(name, answer.records);
                else
                    result.failed.set(name, answer.problem);
            }
            return finish();
        }
    };
}

// The OSV API source: one name-only query per crate in `POST /v1/querybatch` (≤1000 a request,
// chunks concurrently, per-query paging), then `GET /v1/vulns/{id}` once per distinct id with
// bounded concurrency. Two sequential phases whatever the number of crates.
const MAX_BATCH_QUERIES = 1000;
const MAX_CONCURRENT_BATCHES = 10;
/** A server that keeps handing out page tokens must not keep us forever. */
const MAX_PAGES = 50;
function validateBatch(expected) {
    return (value) => {
        const parsed = QueryBatchResponseSchema.safeParse(value);
        if (!parsed.success)
            return { ok: false, reason: 'not a querybatch response' };
        if (parsed.data.results.length !== expected) {
            return {
                ok: false,
                reason: `${String(parsed.data.results.length)} results for ${String(expected)} queries`
            };
        }
        return { ok: true, value: parsed.data };
    };
}
/** GET /v1/vulns/{id} must answer the record asked for; whether it is usable is judged per crate. */
function validateRecord(id) {
    return (value) => {
        if (typeof value !== 'object' || value === null || !('id' in value)) {
            return { ok: false, reason: 'not an OSV record' };
        }
        return value.id === id
            ? { ok: true, value }
            : { ok: false, reason: `asked for ${id}, got ${String(value.id).slice(0, 100)}` };
    };
}
function createOsvSource(url, options = {}) {
    const base = url.replace(/\/+$/, '');
    // As many record GETs in flight as osv-scanner allows (1000), so hydration is one round trip
    // for any realistic change; still a bound, not one socket per id without limit.
    const concurrency = options.concurrency ?? 1000;
    // One per source: a host given up on stays given up for the run (http.ts).
    const breaker = new FailureBreaker(originOf$1(base));
    return {
        description: `osv (${shownUrl(base)})`,
        async lookup(crates, hooks = {}) {
            const started = Date.now();
            const client = new HttpClient(base, { ...options, breaker });
            const result = emptyLookupResult();
            const names = queryableNames(crates, result);
            const idsOf = new Map(names.map((name) => [name, new Set()]));
            const chunks = [];
            for (let i = 0; i < names.length; i += MAX_BATCH_QUERIES) {
                chunks.push(names.slice(i, i + MAX_BATCH_QUERIES));
            }
            const batchDepths = await mapPool(chunks, MAX_CONCURRENT_BATCHES, async (chunk) => {
                let pending = chunk.map((name) => ({ name, token: undefined }));
                let depth = 0;
                for (let page = 0; pending.length > 0; page++) {
                    if (page >= MAX_PAGES) {
                        for (const { name } of pending) {
                            result.failed.set(name, `OSV kept paging after ${String(MAX_PAGES)} pages`);
                        }
                        break;
                    }
                    // A follow-up repeats the identical query plus its page_token, and only for those queries.
                    const queries = pending.map(({ name, token }) => ({
                        package: { name, ecosystem: CRATES_IO },
                        ...(token === undefined ? {} : { page_token: token })
                    }));
                    const outcome = await client.json(`${base}/v1/querybatch`, { method: 'POST', body: { queries } }, validateBatch(queries.length));
                    depth += outcome.attempts;
                    if (outcome.kind !== 'ok') {
                        // One request for up to 1000 crates: its failure is the source's, said once.
                        const reason = outcome.kind === 'failed' ? outcome.reason : 'querybatch not found';
                        client.breaker.trip({ cause: `OSV querybatch failed: ${reason}`, hint: SERVICE_HINT });
                        break;
                    }
                    const next = [];
                    outcome.value.results.forEach((answer, index) => {
                        const name = pending[index]?.name;
                        if (name === undefined)
                            return;
                        for (const vuln of answer.vulns)
                            idsOf.get(name)?.add(vuln.id);
                        if (answer.next_page_token != null && answer.next_page_token !== '') {
                            next.push({ name, token: answer.next_page_token });
                        }
                    });
                    pending = next;
                }
                return depth;
            });
            hooks.onListed?.([...idsOf].filter(([, ids]) => ids.size > 0).map(([name]) => name));
            // Progress: a crate settles when the last of its records is in.
            const settle = progressCounter(names.length, options.onProgress);
            const waitingOn = new Map();
            for (const [name, ids] of idsOf) {
                if (ids.size === 0 || result.failed.has(name))
                    settle();
                else
                    for (const id of ids)
                        waitingOn.set(id, [...(waitingOn.get(id) ?? []), name]);
            }
            const remaining = new Map([...idsOf].map(([name, ids]) => [name, ids.size]));
            const hydrated = new Map();
            const idFailures = new Map();
            const workerDepths = new Array(concurrency).fill(0);
            const ids = client.outage === null ? [...waitingOn.keys()] : [];
            await mapPool(ids, concurrency, async (id, worker) => {
                const target = `${base}/v1/vulns/${encodeURIComponent(id)}`;
                const outcome = await client.json(target, { method: 'GET', notFound: true }, validateRecord(id));
                workerDepths[worker] = (workerDepths[worker] ?? 0) + outcome.attempts;
                if (outcome.kind === 'failed')
                    idFailures.set(id, outcome.reason);
                else if (outcome.kind === 'not-found') {
                    // Listed by the query but unknown to GET: the advisory exists and we could not read it.
                    idFailures.set(id, `OSV listed ${id} but GET /v1/vulns/${id} answered 404`);
                }
                else
                    hydrated.set(id, parseRecord(outcome.value, shownUrl(base, target)));
                for (const name of waitingOn.get(id) ?? []) {
                    const left = (remaining.get(name) ?? 1) - 1;
                    remaining.set(name, left);
                    if (left === 0)
                        settle();
                }
            });
            for (const [name, ids] of idsOf) {
                if (result.failed.has(name))
                    continue;
                const failures = [...ids].filter((id) => idFailures.has(id));
                if (failures.length > 0) {
                    const first = failures[0] ?? '';
                    result.failed.set(name, `could not fetch ${failures.join(', ')} from OSV: ${idFailures.get(first) ?? ''}`);
                    continue;
                }
                // Every listed record must be usable and name the crate: skipping one would read as
                // "one advisory fewer", so the crate is unknown instead, naming the records and why.
                const records = [];
                const problems = [];
                for (const id of ids) {
                    const parsed = hydrated.get(id);
                    if (parsed === undefined)
                        problems.push(`${id} was not fetched`);
                    else if ('problem' in parsed)
                        problems.push(parsed.problem);
                    else if (!namesCrate(parsed.record, name)) {
                        problems.push(`advisory ${id} was listed for ${name} by OSV but does not name it (no crates.io affected entry for ${name})`);
                    }
                    else
                        records.push(parsed.record);
                }
                if (problems.length > 0)
                    result.failed.set(name, problems.join('; '));
                else
                    result.records.set(name, records);
            }
            client.close();
            if (client.outage !== null)
                applyOutage(result, names, client.outage);
            result.stats = {
                requests: client.requests,
                round_trips: Math.max(0, ...batchDepths) + Math.max(0, ...workerDepths),
                ms: Date.now() - started
            };
            return result;
        }
    };
}

// The rustsec.org source, as crates.io's Security tab reads it: `GET <base>/packages/<crate>.json`
// per crate (a JSON array of OSV records; 404 means the crate has none), with bounded concurrency.
// A 404 can only mean "none" if the server is a RustSec mirror at all: a wrong base path or a dead
// mirror answers 404 to everything. So the same round trip asks for a canary, `openssl`, which has
// had RUSTSEC-2016-0001 since the database began; without it the source is broken, not clean.
/**
 * rustsec.org builds `packages/<name>.json` from both collections of advisory-db: `crates/`
 * (crates.io packages, ids `RUSTSEC-YYYY-NNNN`) and `rust/` (the Rust toolchain: `rust/cargo/
 * CVE-2019-16760.md` is filed under `cargo`, ids `CVE-…`), and its OSV conversion labels every
 * record `crates.io`. The records carry no collection field, so the id tells them apart; OSV's
 * export (the `osv` and path sources) holds only `crates/`, all `RUSTSEC-` ids, so every source
 * agrees. `RUSTSEC-0000-0000` is advisory-db's placeholder for an unassigned id.
 */
function isCratesCollection(record) {
    return /^RUSTSEC-\d{4}-\d{4,}$/.test(record.id) && !record.id.startsWith('RUSTSEC-0000-');
}
const CANARY_CRATE = 'openssl';
const CANARY_ID = 'RUSTSEC-2016-0001';
function validateArray(value) {
    return Array.isArray(value)
        ? { ok: true, value: value }
        : { ok: false, reason: 'not a JSON array of advisories' };
}
function createRustsecSource(url, options = {}) {
    const base = url.replace(/\/+$/, '');
    const concurrency = options.concurrency ?? 32;
    // One per source: a host given up on stays given up for the run (http.ts).
    const breaker = new FailureBreaker(originOf$1(base));
    return {
        description: `rustsec (${shownUrl(base)})`,
        async lookup(crates) {
            const started = Date.now();
            const client = new HttpClient(base, { ...options, breaker });
            const result = emptyLookupResult();
            const names = queryableNames(crates, result);
            const wanted = new Set(names);
            // The canary goes first so it is in the first wave; it is asked once even if it is a crate.
            const asked = [CANARY_CRATE, ...names.filter((name) => name !== CANARY_CRATE)];
            const settle = progressCounter(names.length, options.onProgress);
            const depths = new Array(concurrency).fill(0);
            const answers = await mapPool(asked, concurrency, async (name, worker) => {
                const target = `${base}/packages/${encodeURIComponent(name)}.json`;
                const outcome = await client.json(target, { method: 'GET', notFound: true }, validateArray);
                depths[worker] = (depths[worker] ?? 0) + outcome.attempts;
                if (wanted.has(name))
                    settle();
                let answer;
                if (outcome.kind === 'failed')
                    answer = { failed: outcome.reason };
                else if (outcome.kind === 'not-found')
                    answer = { missing: true };
                else {
                    const records = [];
                    const problems = [];
                    for (const item of outcome.value) {
                        const checked = recordForCrate(item, name, shownUrl(base, target));
                        if (!('record' in checked))
                            problems.push(checked.problem);
                        // A toolchain advisory is about the tool, not the crate of that name.
                        else if (isCratesCollection(checked.record))
                            records.push(checked.record);
                    }
                    answer = problems.length === 0 ? { records } : { failed: problems.join('; ') };
                }
                if (name === CANARY_CRATE && client.outage === null) {
                    const broken = canaryProblem(answer);
                    if (broken !== null) {
                        client.breaker.trip({
                            cause: `${shownUrl(base)} is not a RustSec mirror that can be trusted: ${broken}`,
                            hint: `Check rustsec-url (--rustsec-url): it must serve <url>/packages/<crate>.json as https://rustsec.org does; ${OFFLINE_HINT}.`
                        });
                    }
                }
                return answer;
            });
            answers.forEach((answer, index) => {
                const name = asked[index];
                if (name === undefined || !wanted.has(name))
                    return;
                if ('failed' in answer)
                    result.failed.set(name, `rustsec.org look-up failed: ${answer.failed}`);
                else
                    result.records.set(name, 'records' in answer ? answer.records : []);
            });
            client.close();
            if (client.outage !== null)
                applyOutage(result, names, client.outage);
            result.stats = {
                requests: client.requests,
                round_trips: Math.max(0, ...depths),
                ms: Date.now() - started
            };
            return result;
        }
    };
}
/** Why the canary's answer shows the source cannot be trusted, or null when it is fine. */
function canaryProblem(answer) {
    if ('missing' in answer)
        return `${CANARY_CRATE} answered 404, yet it has had ${CANARY_ID} for years`;
    if ('failed' in answer)
        return `the look-up of ${CANARY_CRATE} failed: ${answer.failed}`;
    if (!answer.records.some((record) => record.id === CANARY_ID)) {
        return `${CANARY_CRATE}'s advisories do not include ${CANARY_ID}`;
    }
    return null;
}

// The advisory engine's public surface for the edges (action, CLI) and the orchestrator.
function createAdvisorySource(spec, options = {}) {
    switch (spec.kind) {
        case 'osv':
            return createOsvSource(spec.url, options);
        case 'rustsec':
            return createRustsecSource(spec.url, options);
        case 'path':
            return createPathSource(spec.path, options);
    }
}

// What the index answer means for one lockfile version: the report's `yanked`, `published` and
// `registry` fields, and the list of releases the fix advice may choose from. Pure.
function skippedNote(skipped) {
    const shown = skipped.slice(0, 3).join('; ');
    const more = skipped.length > 3 ? `; and ${String(skipped.length - 3)} more` : '';
    return `${String(skipped.length)} line${skipped.length === 1 ? '' : 's'} of the index file could not be read (${shown}${more})`;
}
function versionFacts(name, version, answer) {
    if (answer.kind === 'unknown') {
        return { yanked: null, published: null, registry: { status: 'unknown', note: answer.reason } };
    }
    if (answer.kind === 'crate-not-found') {
        return {
            yanked: null,
            published: null,
            registry: {
                status: 'crate-not-found',
                note: `the crates.io index has no crate named ${name} (HTTP ${String(answer.status)})`
            }
        };
    }
    const { file } = answer;
    const partial = file.skipped.length > 0 ? skippedNote(file.skipped) : null;
    const lines = file.versions.filter((entry) => sameVersion$1(entry.version, version));
    if (lines.length === 0) {
        // Absent from what we could read; if some lines were unreadable it may be one of them.
        const unread = file.unreadVersions.some((vers) => sameVersion$1(vers, version));
        if (unread || partial !== null || file.versions.length === 0) {
            const why = file.versions.length === 0 && partial === null
                ? 'the index file lists no versions'
                : partial;
            return {
                yanked: null,
                published: null,
                registry: { status: 'unknown', note: `${version} not among the lines read: ${why ?? ''}` }
            };
        }
        return {
            yanked: null,
            published: null,
            registry: {
                status: 'version-not-found',
                note: `the crates.io index lists ${name} but not version ${version}`
            }
        };
    }
    const yanked = new Set(lines.map((entry) => entry.yanked));
    const published = lines.find((entry) => entry.published !== null)?.published ?? null;
    if (yanked.has(true)) {
        // Listed twice, once yanked: a version any line yanks is yanked (never advised, never clean).
        const note = yanked.size === 1 ? partial : 'the index lists this version twice, once yanked';
        return { yanked: true, published, registry: { status: 'published', note } };
    }
    return {
        yanked: false,
        published,
        registry: { status: 'published', note: partial }
    };
}
/**
 * The releases fix advice may recommend: null when the index is unknown for this crate (advice
 * then falls back to the advisories' fixed versions); a line without `yanked` is not yanked, as
 * Cargo reads it (lines.ts).
 */
function publishedReleases(answer) {
    if (answer === undefined || answer.kind === 'unknown')
        return null;
    if (answer.kind === 'crate-not-found')
        return [];
    // One entry per version; a version listed twice is yanked if any of its lines yanks it.
    const byVersion = new Map();
    for (const entry of answer.file.versions) {
        const known = [...byVersion.values()].find((r) => sameVersion$1(r.version, entry.version));
        if (known === undefined) {
            byVersion.set(entry.version, { version: entry.version, yanked: entry.yanked });
        }
        else if (entry.yanked)
            known.yanked = true;
    }
    return [...byVersion.values()];
}
/** The answer as it may be believed: a file that is not this crate's index file is unknown. */
function believedAnswer(name, answer) {
    if (answer.kind !== 'found')
        return answer;
    const fault = indexFileFault(answer.file, name);
    return fault === null ? answer : { kind: 'unknown', reason: `crates.io index: ${fault}` };
}
/** Whether the index is asked about this change: a crates.io version the change adds or updates. */
function wantsIndex(change) {
    return change.source === CRATES_IO && change.kind !== 'removed' && change.version !== null;
}
/** The distinct crates to look up in the index, sorted. */
function indexCrates(lockfiles) {
    const names = new Set();
    for (const lockfile of lockfiles) {
        for (const change of lockfile.changes)
            if (wantsIndex(change))
                names.add(change.name);
    }
    return [...names].sort();
}
/**
 * Copies of the lockfile reports with `yanked`, `published` and `registry` on every change (null
 * where the index was not asked), and one problem line for the crates whose index file could not
 * be read (not incomplete: the advisories are still known).
 */
function withIndexFacts(lockfiles, answers) {
    const failed = new Map();
    const reports = lockfiles.map((lockfile) => ({
        ...lockfile,
        changes: lockfile.changes.map((change) => {
            const raw = answers?.get(change.name);
            const answer = raw === undefined ? undefined : believedAnswer(change.name, raw);
            if (!wantsIndex(change) || answer === undefined || change.version === null) {
                return { ...change, yanked: null, published: null, registry: null };
            }
            if (answer.kind === 'unknown')
                failed.set(change.name, answer.reason);
            return { ...change, ...versionFacts(change.name, change.version, answer) };
        })
    }));
    const problems = [];
    if (failed.size > 0) {
        const names = [...failed.keys()].sort();
        const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? ', …' : '');
        problems.push({
            kind: 'index-lookup-failed',
            message: `Yanked status unknown for ${String(names.length)} crate${names.length === 1 ? '' : 's'} (${shown}): ${failed.get(names[0] ?? '') ?? ''}`,
            incomplete: false
        });
    }
    return { lockfiles: reports, problems };
}
/** Per crate, the releases fix advice may choose from; crates whose index is unknown are absent. */
function publishedByCrate(answers) {
    const out = new Map();
    for (const [name, answer] of answers ?? []) {
        const releases = publishedReleases(believedAnswer(name, answer));
        if (releases !== null)
            out.set(name, releases);
    }
    return out;
}

// Cargo version requirements (the `semver` crate's VersionReq, which Cargo uses): parsing and
// matching, exactly as that crate parses and matches (what it refuses is unknown here, never
// judged), and the question a manifest change asks: does this requirement admit any version an
// advisory affects? Versions and their pre-release order are the `semver` package's.
const MAX_COMPARATORS = 32; // the semver crate's limit
const U64_MAX = 2n ** 64n - 1n;
class ReqError extends Error {
}
// ---- parsing: a port of the semver crate's `VersionReq::from_str` (parse.rs) ---------------------
const trimSpaces = (text) => text.replace(/^ +/, '');
function wildcard(text) {
    return text.startsWith('*') || text.startsWith('x') || text.startsWith('X') ? text.slice(1) : null;
}
/** A u64 without leading zeros; numbers past 2^53 − 1 are valid but cannot be evaluated here. */
function numeric(text, what) {
    const digits = /^[0-9]+/.exec(text)?.[0];
    if (digits === undefined) {
        throw new ReqError(text === ''
            ? `ends where the ${what} number should be`
            : `has ${JSON.stringify(text[0])} where the ${what} number should be`);
    }
    if (digits.length > 1 && digits.startsWith('0'))
        throw new ReqError(`has a leading zero in the ${what} number`);
    const value = BigInt(digits);
    if (value > U64_MAX)
        throw new ReqError(`has a ${what} number above 2^64 − 1`);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new ReqError(`has a ${what} number above 2^53 − 1, which this tool cannot compare`);
    }
    return [Number(value), text.slice(digits.length)];
}
/** Dot-separated identifiers of `[0-9A-Za-z-]`, none empty; pre-release numbers without leading zeros. */
function identifiers(text, what) {
    const match = /^[0-9A-Za-z.-]*/.exec(text)?.[0] ?? '';
    const ids = match.split('.');
    if (ids.some((id) => id === ''))
        throw new ReqError(`has an empty ${what} identifier`);
    if (what === 'pre-release') {
        for (const id of ids) {
            if (/^[0-9]+$/.test(id)) {
                if (id.length > 1 && id.startsWith('0'))
                    throw new ReqError('has a leading zero in a pre-release number');
                if (BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)) {
                    throw new ReqError('has a pre-release number above 2^53 − 1, which this tool cannot compare');
                }
            }
        }
    }
    return [ids, text.slice(match.length)];
}
const OPS = [
    ['=', 'exact'],
    ['>=', 'greater-eq'],
    ['>', 'greater'],
    ['<=', 'less-eq'],
    ['<', 'less'],
    ['~', 'tilde'],
    ['^', 'caret']
];
function comparator(input) {
    const found = OPS.find(([symbol]) => input.startsWith(symbol));
    let op = found?.[1] ?? 'caret';
    const defaultOp = found === undefined;
    const [major, afterMajor] = numeric(trimSpaces(input.slice(found?.[0].length ?? 0)), 'major');
    let text = afterMajor;
    let minor = null;
    let patch = null;
    let minorWildcard = false;
    if (text.startsWith('.')) {
        const rest = wildcard(text.slice(1));
        if (rest !== null) {
            minorWildcard = true;
            if (defaultOp)
                op = 'wildcard';
            text = rest;
        }
        else
            [minor, text] = numeric(text.slice(1), 'minor');
    }
    if (text.startsWith('.')) {
        const rest = wildcard(text.slice(1));
        if (rest !== null) {
            if (defaultOp)
                op = 'wildcard';
            text = rest;
        }
        else if (minorWildcard) {
            throw new ReqError('has a number after a wildcard');
        }
        else
            [patch, text] = numeric(text.slice(1), 'patch');
    }
    let pre = [];
    if (patch !== null && text.startsWith('-')) {
        let ids;
        [ids, text] = identifiers(text.slice(1), 'pre-release');
        pre = ids.map((id) => (/^[0-9]+$/.test(id) ? Number(id) : id));
    }
    // Build metadata is read and ignored: it never takes part in matching.
    if (patch !== null && text.startsWith('+'))
        [, text] = identifiers(text.slice(1), 'build metadata');
    return [{ op, major, minor, patch, pre }, trimSpaces(text)];
}
function readComparators(input) {
    let text = trimSpaces(input);
    const afterWildcard = wildcard(text);
    if (afterWildcard !== null) {
        const rest = trimSpaces(afterWildcard);
        if (rest === '')
            return [];
        throw new ReqError(rest.startsWith(',') ? 'combines `*` with other comparators' : 'has text after a wildcard');
    }
    const comparators = [];
    for (;;) {
        let cmp;
        try {
            ;
            [cmp, text] = comparator(text);
        }
        catch (error) {
            const rest = wildcard(text);
            if (rest !== null && /^ *(,|$)/.test(rest)) {
                throw new ReqError('combines `*` with other comparators');
            }
            throw error;
        }
        comparators.push(cmp);
        if (text === '')
            return comparators;
        if (!text.startsWith(','))
            throw new ReqError(`has ${JSON.stringify(text[0])} where a comma should be`);
        if (comparators.length === MAX_COMPARATORS) {
            throw new ReqError(`has more than ${String(MAX_COMPARATORS)} comparators`);
        }
        text = trimSpaces(text.slice(1));
    }
}
// ---- matching: a port of the semver crate's eval.rs (`matches_req`) -----------------------------
// Cargo's own rules, comparator by comparator, where translating to the `semver` package's ranges
// needed hand-written pre-release bounds anyway and cost a large pull request ~10 ms of range
// building. Tests hold it against that translation and against node-semver on releases.
/** Each comparator's pre-release as a `semver` version (`0.0.0-<pre>`), for its order. */
const preVersions = new WeakMap();
let noPre;
const NO_PRE = () => (noPre ??= makeVersion(0, 0, 0));
/**
 * Made when the requirement is read: a pre-release `semver` cannot hold (a version longer than
 * its 256 characters) makes the requirement unreadable here, never a throw while matching.
 */
function readPre(cmp) {
    try {
        preVersions.set(cmp, cmp.pre.length === 0 ? NO_PRE() : makeVersion(0, 0, 0, cmp.pre));
    }
    catch {
        throw new ReqError('has a pre-release longer than this tool can compare');
    }
}
/** `ver.pre` against `cmp.pre` in SemVer's order (no pre-release sorts above any). */
function comparePre(ver, cmp) {
    const pre = preVersions.get(cmp);
    if (pre === undefined)
        throw new Error('a comparator matched before it was read');
    return ver.comparePre(pre);
}
function matchesExact(cmp, ver) {
    if (ver.major !== cmp.major)
        return false;
    if (cmp.minor !== null && ver.minor !== cmp.minor)
        return false;
    if (cmp.patch !== null && ver.patch !== cmp.patch)
        return false;
    return comparePre(ver, cmp) === 0;
}
function matchesGreater(cmp, ver) {
    if (ver.major !== cmp.major)
        return ver.major > cmp.major;
    if (cmp.minor === null)
        return false;
    if (ver.minor !== cmp.minor)
        return ver.minor > cmp.minor;
    if (cmp.patch === null)
        return false;
    if (ver.patch !== cmp.patch)
        return ver.patch > cmp.patch;
    return comparePre(ver, cmp) > 0;
}
function matchesLess(cmp, ver) {
    if (ver.major !== cmp.major)
        return ver.major < cmp.major;
    if (cmp.minor === null)
        return false;
    if (ver.minor !== cmp.minor)
        return ver.minor < cmp.minor;
    if (cmp.patch === null)
        return false;
    if (ver.patch !== cmp.patch)
        return ver.patch < cmp.patch;
    return comparePre(ver, cmp) < 0;
}
function matchesTilde(cmp, ver) {
    if (ver.major !== cmp.major)
        return false;
    if (cmp.minor !== null && ver.minor !== cmp.minor)
        return false;
    if (cmp.patch !== null && ver.patch !== cmp.patch)
        return ver.patch > cmp.patch;
    return comparePre(ver, cmp) >= 0;
}
function matchesCaret(cmp, ver) {
    if (ver.major !== cmp.major)
        return false;
    if (cmp.minor === null)
        return true;
    if (cmp.patch === null)
        return cmp.major > 0 ? ver.minor >= cmp.minor : ver.minor === cmp.minor;
    if (cmp.major > 0) {
        if (ver.minor !== cmp.minor)
            return ver.minor > cmp.minor;
        if (ver.patch !== cmp.patch)
            return ver.patch > cmp.patch;
    }
    else if (cmp.minor > 0) {
        if (ver.minor !== cmp.minor)
            return false;
        if (ver.patch !== cmp.patch)
            return ver.patch > cmp.patch;
    }
    else if (ver.minor !== cmp.minor || ver.patch !== cmp.patch)
        return false;
    return comparePre(ver, cmp) >= 0;
}
/** eval.rs `matches_impl` (Cargo matches without `prerelease_matches`). */
function matchesComparator(cmp, ver) {
    switch (cmp.op) {
        case 'exact':
        case 'wildcard':
            return matchesExact(cmp, ver);
        case 'greater':
            return matchesGreater(cmp, ver);
        case 'greater-eq':
            return matchesExact(cmp, ver) || matchesGreater(cmp, ver);
        case 'less':
            return matchesLess(cmp, ver);
        case 'less-eq':
            return matchesExact(cmp, ver) || matchesLess(cmp, ver);
        case 'tilde':
            return matchesTilde(cmp, ver);
        case 'caret':
            return matchesCaret(cmp, ver);
    }
}
// A pull request asks about the same few requirements hundreds of times (the large one: 522 reads
// of 81 texts): each text is read once. The answers are never mutated; the map is cleared when
// full so hostile input cannot grow it.
const READ_CACHE_SIZE = 4096;
const readCache = new Map();
/** Reads a requirement as Cargo does; on failure, why Cargo refuses it (or we cannot evaluate it). */
function readCargoReq(text) {
    const known = readCache.get(text);
    if (known !== undefined)
        return known;
    const read = readUncached(text);
    if (readCache.size >= READ_CACHE_SIZE)
        readCache.clear();
    readCache.set(text, read);
    return read;
}
function readUncached(text) {
    if (text.length > 1000)
        return { error: 'is longer than 1000 characters' };
    try {
        const comparators = readComparators(text);
        for (const cmp of comparators)
            readPre(cmp);
        return { req: { comparators } };
    }
    catch (error) {
        if (error instanceof ReqError)
            return { error: error.message };
        throw error;
    }
}
/** Reads a requirement as Cargo does (`1.2` is `^1.2`); null when it is not one. */
function parseCargoReq(text) {
    const read = readCargoReq(text);
    return 'req' in read ? read.req : null;
}
/** eval.rs `matches_req`: every comparator, then the pre-release rule. */
function reqMatches(req, ver) {
    for (const cmp of req.comparators)
        if (!matchesComparator(cmp, ver))
            return false;
    if (ver.prerelease.length === 0)
        return true;
    // A pre-release is admitted only by a comparator of the same major.minor.patch with one.
    return req.comparators.some((cmp) => cmp.major === ver.major &&
        cmp.minor === ver.minor &&
        cmp.patch === ver.patch &&
        cmp.pre.length > 0);
}
/**
 * Versions among which the least admitted-and-affected version must be, if there is one: every
 * set involved (a comparator within releases or within one pre-release family, an affected
 * interval) is convex, so the least element of their intersection is the greatest of their least
 * elements, and those are all listed here.
 */
function candidates$1(req, matcher) {
    const out = [makeVersion(0, 0, 0), makeVersion(0, 0, 0, [0])];
    const push = (make) => {
        try {
            out.push(make());
        }
        catch {
            // A component past Number.MAX_SAFE_INTEGER: no crate version can be there.
        }
    };
    const triple = (major, minor, patch) => {
        push(() => makeVersion(major, minor, patch));
        push(() => makeVersion(major, minor, patch, [0]));
    };
    for (const cmp of req.comparators) {
        const minor = cmp.minor ?? 0;
        const patch = cmp.patch ?? 0;
        triple(cmp.major, 0, 0);
        triple(cmp.major + 1, 0, 0);
        triple(cmp.major, minor, 0);
        triple(cmp.major, minor + 1, 0);
        triple(cmp.major, minor, patch);
        triple(cmp.major, minor, patch + 1);
        if (cmp.pre.length > 0) {
            push(() => makeVersion(cmp.major, minor, patch, cmp.pre));
            push(() => makeVersion(cmp.major, minor, patch, [...cmp.pre, 0]));
        }
    }
    const fromVersion = (v) => {
        out.push(v);
        triple(v.major, v.minor, v.patch);
        triple(v.major, v.minor, v.patch + 1);
        if (v.prerelease.length > 0)
            push(() => makeVersion(v.major, v.minor, v.patch, [...v.prerelease, 0]));
    };
    for (const interval of matcher.intervals) {
        if (interval.lo !== null)
            fromVersion(interval.lo.version);
        if (interval.hi !== null)
            fromVersion(interval.hi.version);
    }
    for (const listed of matcher.versions) {
        const v = parseVersion(listed);
        if (v !== null)
            fromVersion(v);
    }
    return out;
}
function listedOrInRange(matcher, v) {
    return (matcher.intervals.some((interval) => intervalContains(interval, v)) ||
        matcher.versions.some((listed) => {
            const parsed = parseVersion(listed);
            return parsed !== null && compareVersions(parsed, v) === 0;
        }));
}
/** True when some version the requirement admits is affected. */
function admitsAffected(req, matcher) {
    return candidates$1(req, matcher).some((v) => reqMatches(req, v) && listedOrInRange(matcher, v));
}

function affectedByAny(matchers, raw) {
    return matchers.some((matcher) => isAffected(matcher, raw));
}
/** Cargo's `^new`: would a plain `cargo update` (no manifest edit) be allowed to pick `v`? */
function caretCompatible(current, candidate) {
    const req = parseCargoReq(`^${current}`);
    return req !== null && reqMatches(req, candidate);
}
function sortAscending(list) {
    return list.sort((a, b) => compareVersions(a.version, b.version));
}
/**
 * The candidates: published, non-yanked versions when the index answered, else the versions the
 * advisories name as fixed (the exclusive upper bound of an affected interval). Only versions at
 * or above the current one; pre-releases only when the current version is one (Cargo's own
 * resolution never moves a release to a pre-release).
 */
function candidates(current, matchers, published) {
    const raws = published === null
        ? matchers.flatMap((m) => m.intervals.flatMap((i) => (i.hi !== null && !i.hi.inclusive ? [i.hi.raw] : [])))
        : published.filter((p) => !p.yanked).map((p) => p.version);
    const seen = new Set();
    const out = [];
    for (const raw of raws) {
        const version = parseVersion(raw);
        if (version === null || seen.has(version.version))
            continue;
        seen.add(version.version);
        if (compareVersions(version, current) < 0)
            continue;
        if (current.prerelease.length === 0 && version.prerelease.length > 0)
            continue;
        out.push({ raw, version });
    }
    return sortAscending(out);
}
/** The malicious advisories mark every release: a malicious crate, not compromised releases. */
function everyRelease(malicious, published) {
    if (published !== null) {
        // Removed from crates.io (no versions listed) or every listed version marked.
        return published.every((p) => affectedByAny(malicious, p.version));
    }
    return malicious.some((m) => m.intervals.some((i) => formatInterval(i) === 'all versions'));
}
/**
 * For compromised releases: the version to move to, never one any shown advisory marks: the
 * version the change replaces when it is clean (and still published), else the nearest clean
 * release above, else the nearest below.
 */
function cleanRelease(current, matchers, published, previous) {
    const clean = (raw) => !affectedByAny(matchers, raw);
    const prev = previous === null ? null : parseVersion(previous);
    const listed = published === null
        ? null
        : published
            .filter((p) => !p.yanked)
            .flatMap((p) => {
            const version = parseVersion(p.version);
            return version === null ? [] : [{ raw: p.version, version }];
        });
    if (prev !== null && previous !== null && clean(previous)) {
        const stillThere = listed === null || listed.some((c) => compareVersions(c.version, prev) === 0);
        if (stillThere)
            return { raw: previous, version: prev };
    }
    const above = candidates(current, matchers, published).filter((c) => clean(c.raw));
    if (above[0] !== undefined)
        return above[0];
    const below = sortAscending((listed ?? []).filter((c) => compareVersions(c.version, current) < 0 && c.version.prerelease.length === 0 && clean(c.raw)));
    return below.at(-1) ?? null;
}
/** `cargo update -p name@current --precise target`, run in the lockfile's workspace. */
function updateCommand(name, current, target, manifestPath) {
    const where = manifestPath === null ? '' : ` --manifest-path ${manifestPath}`;
    return `cargo update -p ${name}@${current} --precise ${target}${where}`;
}
/**
 * Fix advice for crate `name` at `version`, against the matchers of its shown, non-ignored
 * advisories (`malicious`: those of them RustSec marks malicious). `published` is the crate's
 * versions from the crates.io index, or null without one. The requirements in force are checked
 * later (fix-requirements.ts): this is the advice as if every requirement admitted the version.
 */
function fixAdvice(name, version, matchers, published, malicious = [], notes = {}) {
    const current = parseVersion(version);
    const base = {
        crate: name,
        current: version,
        manifest_path: null,
        requirements: [],
        parents: [],
        unread: [],
        unmaintained_note: notes.unmaintained === true,
        archived_note: notes.archived === true,
        checked_published: published !== null,
        malicious: malicious.length > 0
    };
    if (malicious.length > 0) {
        const whole = current === null || everyRelease(malicious, published);
        const target = whole ? null : cleanRelease(current, matchers, published, notes.previous ?? null);
        return {
            ...base,
            kind: whole ? 'remove' : 'compromised',
            version: target?.raw ?? null,
            compatible: target === null ? null : caretCompatible(version, target.version),
            command: target === null ? null : updateCommand(name, version, target.raw, null),
            newest_compatible: null,
            none_reason: target === null ? (published === null ? 'no-fixed-version' : 'no-published-fix') : null
        };
    }
    const free = current === null
        ? []
        : candidates(current, matchers, published).filter((c) => !affectedByAny(matchers, c.raw));
    const smallest = free[0] ?? null;
    const compatible = free.filter((c) => caretCompatible(version, c.version));
    const newest = published === null ? null : (compatible.at(-1) ?? null);
    return {
        ...base,
        kind: smallest === null ? 'none' : 'update',
        version: smallest?.raw ?? null,
        compatible: smallest === null ? null : caretCompatible(version, smallest.version),
        command: smallest === null ? null : updateCommand(name, version, smallest.raw, null),
        newest_compatible: newest?.raw ?? null,
        none_reason: smallest !== null ? null : published === null ? 'no-fixed-version' : 'no-published-fix'
    };
}
/**
 * Versions among which the least admitted, unaffected release must be, if there is one: the
 * requirement's own bounds (and the next patch/minor/major after each) and every bound of every
 * affected interval (and the next patch after it). Between two consecutive such versions neither
 * "admitted" nor "affected" changes for releases, so the least element is one of them.
 */
function admittedCandidates(req, matchers) {
    const out = [makeVersion(0, 0, 0), makeVersion(0, 0, 1), makeVersion(0, 1, 0)];
    const push = (major, minor, patch, pre = []) => {
        try {
            out.push(makeVersion(major, minor, patch, pre));
        }
        catch {
            // A component past Number.MAX_SAFE_INTEGER: no crate version can be there.
        }
    };
    const around = (major, minor, patch) => {
        push(major, minor, patch);
        push(major, minor, patch + 1);
        push(major, minor + 1, 0);
        push(major + 1, 0, 0);
    };
    for (const cmp of req.comparators) {
        around(cmp.major, cmp.minor ?? 0, cmp.patch ?? 0);
        if (cmp.pre.length > 0)
            push(cmp.major, cmp.minor ?? 0, cmp.patch ?? 0, cmp.pre);
    }
    for (const matcher of matchers) {
        for (const interval of matcher.intervals) {
            for (const bound of [interval.lo, interval.hi]) {
                if (bound === null)
                    continue;
                const v = bound.version;
                around(v.major, v.minor, v.patch);
                if (v.prerelease.length > 0)
                    out.push(v);
            }
        }
        for (const listed of matcher.versions) {
            const v = parseVersion(listed);
            if (v !== null)
                around(v.major, v.minor, v.patch);
        }
    }
    return out.sort(compareVersions);
}
/** What a requirement admits against the shown, non-ignored advisories of its crate. */
function admittedVersions(requirement, matchers) {
    const req = requirement === null ? null : parseCargoReq(requirement);
    if (req === null)
        return { all_affected: null, smallest_unaffected: null };
    const admitted = admittedCandidates(req, matchers).filter((v) => reqMatches(req, v));
    const free = admitted.find((v) => !affectedByAny(matchers, v.version));
    return {
        all_affected: admitted.length > 0 && free === undefined,
        smallest_unaffected: free?.version ?? null
    };
}

/** A rust-version (`1.70`, `1.70.1`) as a comparable version; null when it is not one. */
function rustVersion(text) {
    const parts = text.split('.');
    while (parts.length < 3)
        parts.push('0');
    return parseVersion(parts.join('.'));
}
/**
 * RustVersions: the rust-versions Cargo's MSRV-aware pick honours (resolver 3): every workspace
 * member's `rust-version`, or `toolchain` when no member sets one (Cargo then uses `rustc -V` of
 * the toolchain that runs it, which a review cannot see); null without resolver 3.
 */
/** Whether a release needing `needs` builds on Rust `rust` (cargo `RustVersion::is_compatible_with`, a caret match). */
function compatible(needs, rust) {
    return needs.major === rust.major && compareVersions(needs, rust) <= 0;
}
/**
 * Cargo's pick for a fresh resolution: the highest admitted, non-yanked release; with
 * rust-versions, first the releases compatible with the most of them (a release without a
 * rust-version is compatible with all), then the highest (cargo `VersionPreferences::
 * sort_summaries`, `msrv_compat_count`): resolver 3's `fallback`. Null when no release is admitted.
 */
function freshPick(req, releases, msrv) {
    const limits = (msrv === null ? [] : typeof msrv === 'string' ? [msrv] : msrv)
        .map(rustVersion)
        .filter((v) => v !== null);
    const admitted = releases
        .filter((r) => !r.yanked)
        .map((r) => ({ release: r, version: parseVersion(r.version) }))
        .filter((r) => r.version !== null && reqMatches(req, r.version));
    const compatCount = (r) => {
        const needs = r.rust_version === null ? null : rustVersion(r.rust_version);
        if (needs === null)
            return limits.length;
        return limits.filter((limit) => compatible(needs, limit)).length;
    };
    const ranked = admitted
        .map((r) => ({ ...r, compat: compatCount(r.release) }))
        .sort((a, b) => b.compat - a.compat || compareVersions(b.version, a.version));
    return ranked[0]?.release.version ?? null;
}
/** The oldest toolchain that reads resolver 3 (stabilised in Rust 1.84). */
const RESOLVER_3_SINCE = '1.84';
/**
 * The pick under `rust`; with `toolchain`, the pick for every toolchain from 1.84 on: one
 * version when they all agree, else unknown (it depends on the Rust that runs Cargo).
 */
function freshPickFor(req, releases, rust) {
    if (rust !== null && typeof rust === 'object' && 'unknown' in rust) {
        return { unknown: `the rust-versions Cargo's pick honours are unknown: ${rust.unknown}` };
    }
    if (rust !== 'toolchain') {
        const version = freshPick(req, releases, rust);
        return version === null ? null : { version };
    }
    const since = rustVersion(RESOLVER_3_SINCE);
    const toolchains = new Set([RESOLVER_3_SINCE]);
    for (const r of releases) {
        const needs = r.rust_version === null ? null : rustVersion(r.rust_version);
        if (needs !== null && since !== null && compareVersions(needs, since) > 0) {
            toolchains.add(r.rust_version ?? '');
        }
    }
    const picks = new Map();
    for (const toolchain of toolchains) {
        const version = freshPick(req, releases, toolchain);
        if (version !== null && !picks.has(version))
            picks.set(version, toolchain);
    }
    // A toolchain newer than every rust-version: the plain highest.
    const newest = freshPick(req, releases, null);
    if (newest !== null && !picks.has(newest))
        picks.set(newest, 'the newest');
    if (picks.size === 0)
        return null;
    const [only] = picks.keys();
    if (picks.size === 1 && only !== undefined)
        return { version: only };
    const shown = [...picks].map(([version, toolchain]) => toolchain === 'the newest'
        ? `${version} with the newest Rust`
        : `${version} with Rust ${toolchain}`);
    return {
        unknown: `no workspace member sets rust-version, so under resolver 3 Cargo picks by the Rust toolchain that runs it, which is not known here: ${shown.join(', ')}`
    };
}
/** How Cargo resolves `req` on a side with this pin; null when the side has no requirement. */
function resolve(pin, req, releases) {
    if (pin === null || req === null)
        return null;
    if (pin.kind === 'unknown')
        return { kind: 'unknown', why: pin.why };
    if (pin.kind === 'lockfile') {
        const admitted = pin.versions
            .map((v) => ({ text: v, version: parseVersion(v) }))
            .filter((v) => v.version !== null)
            .filter((v) => reqMatches(req, v.version))
            .sort((a, b) => compareVersions(b.version, a.version));
        const locked = admitted[0];
        if (locked !== undefined)
            return { kind: 'lockfile', lockfile: pin.lockfile, version: locked.text };
    }
    const picked = 'releases' in releases
        ? freshPickFor(req, releases.releases, pin.rust_versions ?? (pin.msrv === null ? null : [pin.msrv]))
        : null;
    const pick = picked !== null && 'version' in picked ? picked.version : null;
    if (pin.kind === 'lockfile') {
        return { kind: 'stale-lockfile', lockfile: pin.lockfile, locked: pin.versions, version: pick };
    }
    if (pick !== null)
        return { kind: 'fresh-resolution', version: pick, msrv: pin.msrv };
    return {
        kind: 'unknown',
        why: 'unknown' in releases
            ? releases.unknown
            : picked !== null && 'unknown' in picked
                ? picked.unknown
                : 'no published, non-yanked version on the crates.io index admits it'
    };
}
/** The version a resolution judges by, null when it has none. */
function resolvedVersion(resolution) {
    if (resolution === null)
        return null;
    if (resolution.kind === 'unknown')
        return null;
    return resolution.version;
}
/**
 * Whether Cargo's pick is affected: by the picked version when known, else only when every
 * admitted version is on the same side of the advisory (then the pick does not matter); null
 * when it depends on a pick that is not known.
 */
function pickAffected(resolution, req, requirement, matcher) {
    const version = resolvedVersion(resolution);
    if (version !== null)
        return isAffected(matcher, version);
    if (req === null)
        return null;
    if (!admitsAffected(req, matcher))
        return false;
    return admittedVersions(requirement, [matcher]).all_affected === true ? true : null;
}
/** Whether resolving `requirement` with this pin needs the index: no lockfile, or a stale one. */
function needsPick(pin, requirement) {
    if (pin === null || requirement === null || pin.kind === 'unknown')
        return false;
    if (pin.kind === 'none')
        return true;
    const req = parseCargoReq(requirement);
    if (req === null)
        return false;
    return !pin.versions.some((v) => {
        const version = parseVersion(v);
        return version !== null && reqMatches(req, version);
    });
}

// Puts the selected advisories on each change: whether the new (and old) version is affected, or
// whether a manifest requirement admits an affected version; the verdict of each (change,
// advisory) and of each change; fix advice for affected versions; ignored ones and unknown
// look-ups marked. Pure.
/** Crates whose advisories the report needs. */
function cratesToLookUp(lockfiles, manifests) {
    const names = new Set();
    for (const lockfile of lockfiles) {
        for (const change of lockfile.changes)
            if (isCratesIoLockChange(change))
                names.add(change.name);
    }
    for (const manifest of manifests) {
        for (const change of manifest.changes) {
            if (change.kind !== 'removed' &&
                isCratesIoManifestChange(change) &&
                effectiveReq(change, 'head') !== null) {
                names.add(change.name);
            }
        }
    }
    return [...names].sort();
}
class IgnoreMatcher {
    used = new Map();
    byId = new Map();
    constructor(rules) {
        for (const rule of rules) {
            const key = rule.id.trim().toUpperCase();
            if (!this.byId.has(key))
                this.byId.set(key, rule);
        }
    }
    match(advisory) {
        for (const id of [advisory.info.id, ...advisory.info.aliases]) {
            const rule = this.byId.get(id.toUpperCase());
            if (rule === undefined)
                continue;
            const ids = this.used.get(rule) ?? new Set();
            ids.add(advisory.info.id);
            this.used.set(rule, ids);
            return { reason: rule.reason, matched: id };
        }
        return null;
    }
}
const MALICIOUS = 'malicious';
function lockFindings(change, advisories, ignore) {
    // A removed package has only its old version; it is the one evaluated.
    const current = change.kind === 'removed' ? change.previous : change.version;
    return advisories.map((advisory) => {
        const affected = current !== null && isAffected(advisory.matcher, current);
        const previousAffected = change.kind === 'updated'
            ? change.previous !== null && isAffected(advisory.matcher, change.previous)
            : null;
        return {
            ...advisory.info,
            ignored: ignore.match(advisory),
            affected,
            previous_affected: previousAffected,
            verdict: findingVerdict(change.kind, affected, previousAffected, advisory.info.categories.includes(MALICIOUS))
        };
    });
}
/**
 * Why a shown, non-ignored advisory cannot say whether these versions are affected (a part of the
 * record this tool cannot read, and the readable part does not affect them); null when every one can.
 */
function undecided(advisories, findings, versions) {
    const causes = advisories.flatMap((advisory, i) => {
        if (findings[i]?.ignored !== null)
            return [];
        const unknown = versions.filter((v) => affectedOrUnknown(advisory.matcher, v) === null);
        if (unknown.length === 0)
            return [];
        const values = advisory.matcher.unreadable.slice(0, 3).map((v) => JSON.stringify(v));
        return [
            `advisory ${advisory.info.id} names versions this tool cannot read (${values.join(', ')}), so whether ${unknown.join(' or ')} is affected is unknown`
        ];
    });
    return causes.length === 0 ? null : causes.join('; ');
}
const UNMAINTAINED = /\bunmaintained\b|\bno longer (?:actively )?maintained\b/i;
const ARCHIVED = /\barchived\b/i;
/** Fix advice for a new version that a shown, non-ignored advisory affects; else null. */
function lockFix(change, findings, advisories, published, unmaintained) {
    if (change.kind === 'removed' || change.version === null)
        return null;
    const active = advisories.filter((_, i) => findings[i]?.ignored === null);
    const hits = findings.filter((f) => f.ignored === null && f.affected);
    if (hits.length === 0)
        return null;
    const said = hits.map((f) => `${f.summary ?? ''}\n${f.details ?? ''}`).join('\n');
    return fixAdvice(change.name, change.version, active.map((a) => a.matcher), published, active.filter((a) => a.info.categories.includes(MALICIOUS)).map((a) => a.matcher), {
        previous: change.previous,
        unmaintained: unmaintained || UNMAINTAINED.test(said),
        archived: ARCHIVED.test(said)
    });
}
function admits$1(req, advisory) {
    if (req === null)
        return null;
    const parsed = parseCargoReq(req);
    return parsed === null ? null : admitsAffected(parsed, advisory.matcher);
}
const PICK_UNKNOWN = "Cargo's pick is unknown: ";
const CANNOT_EVALUATE = ', so it cannot be evaluated';
/** A `lookup_error` this step wrote for what it cannot judge (a pick, a version, a requirement),
 * as opposed to a look-up that failed. */
function isJudgedUnknown(cause) {
    return cause.startsWith(PICK_UNKNOWN) || cause.includes(CANNOT_EVALUATE);
}
function unreadableVersion(version) {
    if (version === null)
        return null;
    const problem = versionProblem(version);
    return problem === null
        ? null
        : `version ${JSON.stringify(version)} ${problem}${CANNOT_EVALUATE}`;
}
function previousRequirement(change) {
    const previousFromCratesIo = change.previous_origin === null || isCratesIoOrigin(change.previous_origin);
    return change.kind === 'changed' && previousFromCratesIo ? effectiveReq(change, 'base') : null;
}
function resolveChange(change, advisories, pins, releases) {
    const reqText = effectiveReq(change, 'head');
    const previousText = previousRequirement(change);
    const req = reqText === null ? null : parseCargoReq(reqText);
    const previous = previousText === null ? null : parseCargoReq(previousText);
    const head = resolve(pins.head, req, releases);
    const base = previous === null ? null : resolve(pins.base, previous, releases);
    const picks = advisories.map((advisory) => ({
        now: pickAffected(head, req, reqText, advisory.matcher),
        before: base === null ? false : pickAffected(base, previous, previousText, advisory.matcher)
    }));
    const undecided = picks.some((p) => p.now === null || p.before === null);
    return { head, base, picks, undecided };
}
function manifestFindings(change, advisories, ignore, resolved) {
    const req = effectiveReq(change, 'head');
    const previousReq = previousRequirement(change);
    return advisories.map((advisory, i) => {
        const admitsNow = admits$1(req, advisory);
        const admittedBefore = admits$1(previousReq, advisory);
        // Cargo's pick on each side decides; where it is not known (no index), what is admitted.
        const pick = resolved?.picks[i];
        const now = pick?.now ?? admitsNow === true;
        const before = pick === undefined || pick.before === null ? admittedBefore : pick.before;
        return {
            ...advisory.info,
            ignored: ignore.match(advisory),
            admits_affected: admitsNow,
            previous_admits_affected: admittedBefore,
            verdict: findingVerdict(change.kind, now, before, advisory.info.categories.includes(MALICIOUS))
        };
    });
}
/**
 * The lockfile that resolves the head requirement, with the versions it pins on each side: from
 * its change of this crate to the pinned version when there is one, else the pin held.
 */
function lockedBy(resolved, change, lockfiles) {
    const head = resolved.head;
    if (head?.kind !== 'lockfile')
        return null;
    const lockfile = lockfiles.find((l) => l.path === head.lockfile);
    const moved = lockfile?.changes.find((c) => c.name === change.name && isCratesIoLockChange(c) && c.version === head.version);
    if (moved !== undefined) {
        return { lockfile: head.lockfile, version: head.version, previous: moved.previous };
    }
    return {
        lockfile: head.lockfile,
        version: head.version,
        previous: resolvedVersion(resolved.base)
    };
}
/**
 * Verdicts per crate, not per pairing: within one lockfile, an advisory is introduced for a crate
 * (name and source) when it affects some head version and affected no base version, fixed when
 * the reverse, still affected when both; the versions both sides hold count on both. The changes
 * whose own version carries that verdict keep it, the others are not affected by it, so no id is
 * both fixed and introduced for one crate.
 */
function perCrateVerdicts(changes, checked, matcherOf) {
    const groups = new Map();
    for (const change of changes) {
        const key = `${change.name}\u0000${change.source ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), change]);
    }
    const out = new Map();
    for (const group of groups.values()) {
        const single = group.length === 1 && (group[0]?.unchanged_versions ?? []).length === 0;
        if (single)
            continue;
        const ids = new Set(group.flatMap((c) => c.advisories.map((a) => a.id)));
        const verdicts = new Map();
        for (const id of ids) {
            const finding = (c) => c.advisories.find((a) => a.id === id);
            const matcher = matcherOf(group[0]?.name ?? '', id);
            const keptAffected = matcher !== undefined &&
                (group[0]?.unchanged_versions ?? []).some((v) => isAffected(matcher, v));
            const headAffected = keptAffected || group.some((c) => c.kind !== 'removed' && finding(c)?.affected === true);
            const baseAffected = keptAffected ||
                group.some((c) => c.kind === 'removed'
                    ? finding(c)?.affected === true
                    : finding(c)?.previous_affected === true);
            const malicious = group.some((c) => finding(c)?.categories.includes(MALICIOUS) === true);
            verdicts.set(id, findingVerdict('updated', headAffected, baseAffected, malicious));
        }
        for (const change of group) {
            const advisories = change.advisories.map((a) => {
                const crate = verdicts.get(a.id) ?? 'not-affected';
                const nowAffected = change.kind !== 'removed' && a.affected;
                const wasAffected = change.kind === 'removed' ? a.affected : a.previous_affected === true;
                const mine = crate === 'fixed' ? wasAffected && !nowAffected : crate !== 'not-affected' && nowAffected;
                return { ...a, verdict: mine ? crate : 'not-affected' };
            });
            const judged = { advisories, lookup_error: change.lookup_error };
            out.set(change, {
                ...change,
                advisories,
                verdict: change.verdict === 'not-checked' ? 'not-checked' : changeVerdict(judged, checked)
            });
        }
    }
    return changes.map((change) => out.get(change) ?? change);
}
/** The pick is unknown only because the user turned the index off: shown, not incomplete. */
function indexOff(resolution) {
    return resolution.kind === 'unknown' && resolution.why === INDEX_OFF;
}
const INDEX_OFF = 'the crates.io index is not read (turned off)';
/** Returns copies of the reports with advisories and look-up errors filled in. */
function annotate(lockfiles, manifests, index, rules = [], resolving = null) {
    const ignore = new IgnoreMatcher(rules);
    const failedCrates = new Set();
    const unreadable = [];
    const lookup = (name) => {
        if (index === null)
            return { advisories: [], error: null };
        const error = index.failed.get(name);
        if (error !== undefined) {
            failedCrates.add(name);
            return { advisories: [], error };
        }
        return { advisories: index.advisories.get(name) ?? [], error: null };
    };
    const annotatedLockfiles = lockfiles.map((lockfile) => ({
        ...lockfile,
        changes: perCrateVerdicts(lockfile.changes.map((change) => {
            if (!isCratesIoLockChange(change)) {
                return {
                    ...change,
                    advisories: [],
                    lookup_error: null,
                    verdict: 'not-checked',
                    fix: null,
                    unmaintained: null
                };
            }
            const { advisories, error } = lookup(change.name);
            // A version Cargo would not read (or we cannot compare) is unknown, never "not affected".
            const bad = change.kind === 'removed' ? null : unreadableVersion(change.version);
            if (bad !== null) {
                unreadable.push(`${change.name} in ${lockfile.path}: ${bad}`);
                const judged = { advisories: [], lookup_error: error === null ? bad : `${bad}; ${error}` };
                return {
                    ...change,
                    ...judged,
                    verdict: changeVerdict(judged, index !== null),
                    fix: null,
                    unmaintained: index?.unmaintained?.get(change.name) ?? null
                };
            }
            const findings = lockFindings(change, advisories, ignore);
            const evaluated = [change.kind === 'removed' ? change.previous : change.version];
            if (change.kind === 'updated')
                evaluated.push(change.previous);
            const unknown = undecided(advisories, findings, evaluated.filter((v) => v !== null));
            if (unknown !== null)
                unreadable.push(`${change.name} in ${lockfile.path}: ${unknown}`);
            const judged = {
                advisories: findings,
                lookup_error: unknown === null ? error : error === null ? unknown : `${unknown}; ${error}`
            };
            return {
                ...change,
                ...judged,
                verdict: changeVerdict(judged, index !== null),
                fix: lockFix(change, findings, advisories, index?.published?.get(change.name) ?? null, index?.unmaintained?.has(change.name) === true),
                unmaintained: index?.unmaintained?.get(change.name) ?? null
            };
        }), index !== null, (name, id) => index?.advisories.get(name)?.find((a) => a.info.id === id)?.matcher)
    }));
    const stale = [];
    const unresolved = [];
    const annotatedManifests = manifests.map((manifest) => ({
        ...manifest,
        changes: manifest.changes.map((change) => {
            const req = effectiveReq(change, 'head');
            const pins = resolving?.pins.get(change);
            // An inherited requirement whose workspace root could not be read is unknown, never clean.
            if (change.kind !== 'removed' &&
                change.workspace &&
                req === null &&
                pins?.head?.kind === 'unknown') {
                const why = `the inherited requirement is unknown: ${pins.head.why}`;
                unresolved.push(`${change.name} in ${manifest.path}: ${why}`);
                return {
                    ...change,
                    advisories: [],
                    lookup_error: why,
                    verdict: 'unknown',
                    locked_by: null,
                    admitted: null,
                    resolution: { kind: 'unknown', why },
                    previous_resolution: null
                };
            }
            if (change.kind === 'removed' || !isCratesIoManifestChange(change) || req === null) {
                return {
                    ...change,
                    advisories: [],
                    lookup_error: null,
                    verdict: 'not-checked',
                    locked_by: null,
                    admitted: null
                };
            }
            const { advisories, error } = lookup(change.name);
            // A requirement Cargo would refuse (or we cannot compare) is unknown, never judged.
            const read = readCargoReq(req);
            if ('error' in read) {
                const bad = `requirement ${JSON.stringify(req)} ${read.error}${CANNOT_EVALUATE}`;
                unreadable.push(`${change.name} in ${manifest.path}: ${bad}`);
                const judged = { advisories: [], lookup_error: error === null ? bad : `${bad}; ${error}` };
                return {
                    ...change,
                    ...judged,
                    verdict: changeVerdict(judged, index !== null),
                    locked_by: null,
                    admitted: null
                };
            }
            // No pin on the head side (an unused [workspace.dependencies] entry): what it admits, shown.
            const resolved = resolving === null || pins?.head == null
                ? null
                : resolveChange(change, advisories, pins, resolving.releases(change.name));
            const findings = manifestFindings(change, advisories, ignore, resolved);
            let lookupError = error;
            // A pick the index was asked for and did not give (or an unreadable lockfile) is unknown.
            const unknownPick = [resolved?.head, resolved?.base].find((r) => r?.kind === 'unknown');
            if (error === null &&
                resolved?.undecided === true &&
                (resolving?.indexAsked === true || (unknownPick !== undefined && !indexOff(unknownPick)))) {
                const why = unknownPick?.kind === 'unknown'
                    ? `${PICK_UNKNOWN}${unknownPick.why}`
                    : `${PICK_UNKNOWN}the crates.io index gave no release to pick from`;
                lookupError = why;
                unresolved.push(`${change.name} in ${manifest.path}: ${why}`);
            }
            for (const r of [resolved?.head, resolved?.base]) {
                if (r?.kind !== 'stale-lockfile')
                    continue;
                const locked = r.locked.length === 0 ? 'nothing' : r.locked.join(', ');
                stale.push(`${r.lockfile} pins ${locked} for ${change.name}, which ${JSON.stringify(r === resolved?.head ? req : (previousRequirement(change) ?? ''))} in ${manifest.path} does not admit (\`cargo build --locked\` fails); judged by ${r.version === null ? "Cargo's pick, which is unknown without the crates.io index" : `${r.version}, what Cargo picks instead`}`);
            }
            const active = advisories.filter((_, i) => findings[i]?.ignored === null);
            // A record part this tool cannot read leaves the verdict unknown: for Cargo's picks when
            // they are known, else for what the requirement admits.
            const picked = [resolved?.head ?? null, resolved?.base ?? null]
                .map((r) => resolvedVersion(r))
                .filter((v) => v !== null);
            const unread = picked.length > 0
                ? undecided(advisories, findings, picked)
                : active
                    .filter((a) => a.matcher.unreadable.length > 0 &&
                    findings[advisories.indexOf(a)]?.admits_affected !== true)
                    .map((a) => a.info.id)
                    .join(', ') || null;
            const unknown = unread === null || picked.length > 0
                ? unread
                : `advisories ${unread} name versions this tool cannot read, so whether the requirement ${JSON.stringify(req)} admits an affected version is unknown`;
            if (unknown !== null) {
                unreadable.push(`${change.name} in ${manifest.path}: ${unknown}`);
                lookupError = lookupError === null ? unknown : `${unknown}; ${lookupError}`;
            }
            const judged = { advisories: findings, lookup_error: lookupError };
            const lockedByLockfile = resolved === null ? null : lockedBy(resolved, change, annotatedLockfiles);
            return {
                ...change,
                ...judged,
                verdict: changeVerdict(judged, index !== null),
                locked_by: lockedByLockfile,
                admitted: lockedByLockfile !== null || index === null || lookupError !== null
                    ? null
                    : admittedVersions(req, active.map((a) => a.matcher)),
                resolution: resolved?.head ?? null,
                previous_resolution: resolved?.base ?? null
            };
        })
    }));
    // One problem per cause: a source that is down for everyone is one line, not one per crate.
    const problems = [];
    const byCause = new Map();
    for (const name of [...failedCrates].sort()) {
        const cause = index?.failed.get(name) ?? '';
        byCause.set(cause, [...(byCause.get(cause) ?? []), name]);
    }
    for (const [cause, names] of byCause) {
        const shown = names.slice(0, 10).join(', ');
        const more = names.length > 10 ? ` and ${String(names.length - 10)} more` : '';
        problems.push({
            kind: 'lookup-failed',
            message: names.length === 1
                ? `Advisories for ${shown} are unknown: ${cause}`
                : `Advisories for ${String(names.length)} crates (${shown}${more}) are unknown: ${cause}`,
            incomplete: true
        });
    }
    for (const message of unreadable) {
        problems.push({ kind: 'unreadable-version', message, incomplete: true });
    }
    for (const message of unresolved) {
        problems.push({ kind: 'lookup-failed', message, incomplete: true });
    }
    for (const message of [...new Set(stale)]) {
        problems.push({ kind: 'stale-lockfile', message, incomplete: false });
    }
    for (const [rule, ids] of ignore.used) {
        problems.push({
            kind: 'ignored-advisory',
            message: `${[...ids].sort().join(', ')} ignored by ${rule.id} (${rule.origin})${rule.reason === null ? '' : `: ${rule.reason}`}`,
            incomplete: false
        });
    }
    return {
        lockfiles: annotatedLockfiles,
        manifests: annotatedManifests,
        problems,
        unusedRules: rules.filter((rule) => !ignore.used.has(rule))
    };
}

// One advisory, one count: a RUSTSEC record and the GHSA (or CVE) record it lists as an alias are
// the same advisory wherever ids are counted. The engine folds them per crate; across crates (the
// GHSA names another crate than its RUSTSEC record, or a source serves only one of them) the same
// advisory can still arrive under two ids, so counts fold once more here. As in the engine's
// fold, two RUSTSEC records naming the same GHSA stay two advisories (they cover different
// crates). Pure.
const isRustsec = (id) => id.startsWith('RUSTSEC-');
/** RUSTSEC ids count as themselves; any other id counts under the smallest RUSTSEC id it and a
 * RUSTSEC finding name each other by, else under the smallest other id it is named with. */
function aliasFolder(findings) {
    const byId = new Map();
    for (const finding of findings) {
        const aliases = byId.get(finding.id) ?? new Set();
        for (const alias of finding.aliases)
            aliases.add(alias);
        byId.set(finding.id, aliases);
    }
    const named = (a, b) => byId.get(a)?.has(b) === true || byId.get(b)?.has(a) === true;
    const ids = [...byId.keys()].sort(compareStrings);
    const rustsec = ids.filter(isRustsec);
    const others = ids.filter((id) => !isRustsec(id));
    const counted = new Map();
    for (const id of others) {
        const owner = rustsec.find((r) => named(r, id)) ?? others.find((o) => o === id || named(o, id)) ?? id;
        counted.set(id, owner);
    }
    return (id) => counted.get(id) ?? id;
}

// The report's counts (its `summary`), made of the Review's counting units: one per crate change
// (crate, source, old, new) however many lockfiles hold it, one per counted requirement change. Pure.
function sortedIds(ids) {
    return [...new Set(ids)].sort(compareStrings);
}
/** Every count of the report, in the Review's units (ReportSummary documents them), from the verdicts only. */
function summarize(lockfiles, manifests) {
    const unique = crateUnits(lockfiles).map((unit) => unit.change);
    const ids = {
        introduced: new Set(),
        'still-affected': new Set(),
        fixed: new Set(),
        'not-affected': new Set()
    };
    const ignored = new Set();
    let introducedCrates = 0;
    let stillCrates = 0;
    let fixedCrates = 0;
    const requirements = [...countedRequirements(manifests).values()].map((unit) => unit.change);
    const counted = aliasFolder([
        ...lockfiles.flatMap((l) => l.changes.flatMap((change) => change.advisories)),
        ...manifests.flatMap((m) => m.changes.flatMap((change) => change.advisories))
    ]);
    for (const change of [...unique, ...requirements]) {
        for (const finding of change.advisories) {
            if (finding.ignored === null)
                ids[finding.verdict].add(counted(finding.id));
            else if (finding.verdict !== 'not-affected')
                ignored.add(counted(finding.id));
        }
        const active = change.advisories.filter((a) => a.ignored === null);
        if (active.some((a) => a.verdict === 'introduced'))
            introducedCrates++;
        else if (active.some((a) => a.verdict === 'still-affected'))
            stillCrates++;
        if (active.some((a) => a.verdict === 'fixed'))
            fixedCrates++;
    }
    for (const manifest of manifests) {
        for (const change of manifest.changes) {
            for (const finding of change.advisories) {
                if (finding.ignored !== null && finding.verdict !== 'not-affected')
                    ignored.add(counted(finding.id));
            }
        }
    }
    const affectedIds = sortedIds([...ids.introduced, ...ids['still-affected']]);
    return {
        lockfiles_changed: lockfiles.filter((lockfile) => lockfile.changes.length > 0).length,
        crates_added: unique.filter((c) => c.kind === 'added').length,
        crates_updated: unique.filter((c) => c.kind === 'updated').length,
        crates_removed: unique.filter((c) => c.kind === 'removed').length,
        affected_versions: introducedCrates + stillCrates,
        affected_advisories: affectedIds.length,
        fixed_advisories: ids.fixed.size,
        ignored_advisories: ignored.size,
        manifests_changed: manifests.filter((manifest) => manifest.changes.length > 0).length,
        introduced_crates: introducedCrates,
        introduced_ids: sortedIds(ids.introduced),
        still_affected_crates: stillCrates,
        still_affected_ids: sortedIds(ids['still-affected']),
        fixed_crates: fixedCrates,
        fixed_ids: sortedIds(ids.fixed),
        affected_ids: affectedIds,
        ignored_ids: sortedIds(ignored),
        unknown_crates: unique.filter((c) => c.lookup_error !== null).length
    };
}

// Cargo.lock reader for every format Cargo has written (v1 with [root]/[metadata], v2, 3, 4).
// The result is a graph: each package's dependencies are resolved to package indexes.
/** More packages than any real lockfile (rust-lang/rust has ~1,000): refuse rather than grind. */
const MAX_LOCK_PACKAGES = 200_000;
// Plain objects (unknown keys stripped): the cheapest zod shape, and all the engine reads.
const PackageSchema = object({
    name: string(),
    version: string(),
    source: string().optional(),
    dependencies: array(string()).optional()
});
const LockfileSchema = object({
    version: number().optional(),
    package: array(PackageSchema).max(MAX_LOCK_PACKAGES).optional(),
    root: PackageSchema.optional(),
    metadata: record(string(), unknown()).optional()
});
/**
 * Parses a Cargo.lock. Throws CargoFileError (with line/column when known) on bad input. Each
 * (path, text) is parsed once per process (parse-once.ts): the graph is shared, never mutated.
 */
const parseLockfile = parsedOnce(readLockfile, 16);
function readLockfile(text, path) {
    const table = parseToml(text, path);
    // Count before validating so an absurd file fails with the limit, not a slow zod pass.
    const rawPackages = table['package'];
    if (Array.isArray(rawPackages) && rawPackages.length > MAX_LOCK_PACKAGES) {
        throw new CargoFileError(path, `lockfile lists ${String(rawPackages.length)} packages, more than the limit of ${String(MAX_LOCK_PACKAGES)}`);
    }
    const parsed = LockfileSchema.safeParse(table);
    if (!parsed.success)
        throw shapeError(path, text, parsed.error);
    const lock = parsed.data;
    // Array spread, not push(...): a call with 150,000 arguments overflows the stack.
    const raw = [
        ...(lock.root === undefined ? [] : [lock.root]),
        ...(lock.package ?? [])
    ];
    const format = detectFormat(lock, raw, path, text);
    const packages = raw.map((p, index) => ({
        name: p.name,
        version: p.version,
        source: normaliseSource(p.source),
        dependencies: [],
        index
    }));
    const byName = new Map();
    for (const pkg of packages) {
        const list = byName.get(pkg.name);
        if (list === undefined)
            byName.set(pkg.name, [pkg]);
        else
            list.push(pkg);
    }
    const unresolved = resolveDependencies(raw, packages, byName, format);
    return { path, format, packages, byName, unresolved };
}
function detectFormat(lock, packages, path, text) {
    const { version, metadata } = lock;
    if (version !== undefined) {
        if (version === 3 || version === 4)
            return version;
        const at = locateKey(text, ['version']);
        throw new CargoFileError(path, `lockfile format version ${String(version)} is not known (known: v1 and v2 without a version key, 3 and 4)`, at?.line ?? null, at?.column ?? null);
    }
    // v1 and v2 carry no version key: v1 keeps checksums in [metadata] (the oldest files also
    // have [root]) and writes every dependency as "name version (source)"; v2 moved checksums
    // inline and shortened the strings.
    if (lock.root !== undefined)
        return 1;
    if (metadata !== undefined && Object.keys(metadata).some((k) => k.startsWith('checksum '))) {
        return 1;
    }
    for (const p of packages) {
        const deps = p.dependencies;
        if (deps === undefined)
            continue;
        for (const d of deps)
            if (d.includes(' ('))
                return 1;
    }
    return 2;
}
function resolveDependencies(raw, packages, byName, format) {
    // The same dependency string appears under many packages: resolve each distinct one once.
    const resolved = new Map();
    const unresolved = [];
    for (const pkg of packages) {
        const deps = raw[pkg.index]?.dependencies;
        if (deps === undefined)
            continue;
        for (const dep of deps) {
            let found = resolved.get(dep);
            if (found === undefined) {
                found = resolveExact(dep, byName, raw) ?? resolveOne(dep, byName, format);
                resolved.set(dep, found);
            }
            if (found === null)
                unresolved.push(dep);
            else
                pkg.dependencies.push(found);
        }
    }
    return unresolved;
}
/**
 * Fast path for the common case, a name with one package: checks the string against that
 * package's own spelling without slicing it apart. Undefined means "ask resolveOne".
 */
function resolveExact(dep, byName, raw) {
    const space = dep.indexOf(' ');
    const candidates = byName.get(space < 0 ? dep : dep.slice(0, space));
    if (candidates?.length !== 1)
        return undefined;
    const only = candidates[0];
    if (only === undefined || space < 0)
        return only;
    if (!dep.startsWith(only.version, space + 1))
        return undefined;
    const end = space + 1 + only.version.length;
    if (end === dep.length)
        return only;
    const source = raw[only.index]?.source;
    if (source === undefined || dep.length !== end + source.length + 3)
        return undefined;
    return dep.startsWith(' (', end) && dep.startsWith(source, end + 2) && dep.endsWith(')')
        ? only
        : undefined;
}
/** Resolves `name`, `name version` or `name version (source)` to exactly one package, else null. */
function resolveOne(dep, byName, format) {
    const space = dep.indexOf(' ');
    const candidates = byName.get(space < 0 ? dep : dep.slice(0, space));
    if (candidates === undefined)
        return null;
    if (space < 0)
        return single(candidates);
    const rest = dep.slice(space + 1);
    const open = rest.indexOf(' (');
    const version = open < 0 ? rest : rest.slice(0, open);
    let matches = candidates.filter((c) => c.version === version);
    if (open >= 0) {
        if (!rest.endsWith(')'))
            return null;
        const source = normaliseSource(rest.slice(open + 2, -1));
        const exact = matches.filter((c) => c.source === source);
        // Cargo writes a git dependency's source without the `#commit` its package entry carries.
        matches =
            exact.length > 0 || source === null
                ? exact
                : matches.filter((c) => c.source !== null && withoutFragment(c.source) === source);
    }
    else if (matches.length > 1 && format === 1) {
        // v1 wrote the source for every registry/git dependency; a bare version is a path package.
        matches = matches.filter((c) => c.source === null);
    }
    // A merge can leave the same package entry twice (fd's 2022 lockfile has nix 0.25.0 twice).
    const first = matches[0];
    if (first !== undefined && matches.every((c) => c.source === first.source)) {
        if (matches.every((c) => c.version === first.version))
            return first;
    }
    return single(matches);
}
function withoutFragment(source) {
    const hash = source.indexOf('#');
    return hash < 0 ? source : source.slice(0, hash);
}
function single(list) {
    return list.length === 1 ? (list[0] ?? null) : null;
}

/**
 * Paths where the workspace root of `manifest` may be, nearest first: itself when it has
 * `[workspace]`, the `package.workspace` directory when given, else every ancestor's Cargo.toml.
 */
function workspaceRootCandidates(manifest) {
    if (manifest.isWorkspaceRoot)
        return [manifest.path];
    const dir = parentDir$2(manifest.path);
    if (manifest.workspacePath !== null) {
        const joined = joinRelative(dir, manifest.workspacePath);
        return joined === null ? [] : [joined === '' ? 'Cargo.toml' : `${joined}/Cargo.toml`];
    }
    return ancestors(dir);
}
/** Fills `workspace_req`, and the name and origin a `workspace = true` entry inherits from the root. */
function resolveWorkspace(manifest, root) {
    const inherited = new Map();
    if (root !== null) {
        for (const d of root.dependencies) {
            if (d.section === 'workspace.dependencies')
                inherited.set(d.key, d);
        }
    }
    return manifest.dependencies.map((d) => {
        if (!d.workspace)
            return { ...d, workspace_req: null };
        const from = inherited.get(d.key);
        if (from === undefined)
            return { ...d, workspace_req: null };
        return {
            ...d,
            name: d.package ?? from.name,
            origin: from.origin,
            workspace_req: from.req
        };
    });
}
function ancestors(dir) {
    const out = [];
    let at = dir;
    while (at !== '') {
        const slash = at.lastIndexOf('/');
        at = slash < 0 ? '' : at.slice(0, slash);
        out.push(at === '' ? 'Cargo.toml' : `${at}/Cargo.toml`);
    }
    return out;
}
function parentDir$2(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
/** Joins a relative path onto a repository directory; null when it is absolute or leaves the repository. */
function joinRelative(dir, relative) {
    if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative))
        return null;
    const parts = dir === '' ? [] : dir.split('/');
    for (const part of relative.replace(/\\/g, '/').split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (parts.length === 0)
                return null;
            parts.pop();
        }
        else
            parts.push(part);
    }
    return parts.join('/');
}

// Shortest dependency path from a workspace member (a package with no source) to each package.
/**
 * Returns a function giving, for a package index, the names along a shortest path from a member
 * (`[member, …, package]`; `[name]` for a member itself), or null when no member reaches it.
 * BFS from the members in sorted order over sorted edges: among equally short paths the one that
 * sorts first (by name, version, source at each step) wins, whatever the file order.
 */
function dependencyPaths(lock) {
    const { packages } = lock;
    const count = packages.length;
    // One global sort gives each package a rank; edges then sort by integer.
    const rank = new Int32Array(count);
    const byOrder = packages.slice().sort((a, b) => {
        return (compareStrings(a.name, b.name) ||
            compareStrings(a.version, b.version) ||
            compareStrings(a.source ?? '', b.source ?? ''));
    });
    byOrder.forEach((pkg, position) => {
        rank[pkg.index] = position;
    });
    const parent = new Int32Array(count).fill(UNREACHED);
    // The member each path starts from, so a long path can be shortened without walking it.
    const root = new Int32Array(count);
    const queue = [];
    for (const pkg of byOrder) {
        if (pkg.source !== null)
            continue;
        parent[pkg.index] = MEMBER;
        root[pkg.index] = pkg.index;
        queue.push(pkg.index);
    }
    const byRank = (a, b) => (rank[a] ?? 0) - (rank[b] ?? 0);
    for (let at = 0; at < queue.length; at++) {
        const current = queue[at] ?? 0;
        const next = [];
        for (const dep of packages[current]?.dependencies ?? []) {
            if (parent[dep.index] === UNREACHED)
                next.push(dep.index);
        }
        if (next.length > 1)
            next.sort(byRank);
        for (const index of next) {
            if (parent[index] !== UNREACHED)
                continue; // listed twice
            parent[index] = current;
            root[index] = root[current] ?? current;
            queue.push(index);
        }
    }
    return (index) => {
        if (index < 0 || index >= count || parent[index] === UNREACHED)
            return null;
        const names = [];
        let at = index;
        for (; at !== MEMBER && names.length < MAX_PATH_NAMES; at = parent[at] ?? MEMBER) {
            names.push(packages[at]?.name ?? '');
        }
        if (at !== MEMBER) {
            // A hostile lockfile can chain 100,000 packages: full paths for each would be quadratic.
            names.push(ELIDED, packages[root[index] ?? 0]?.name ?? '');
        }
        return names.reverse();
    };
}
/** Longest path kept whole (real lockfiles are a few dozen deep at most). */
const MAX_PATH_NAMES = 64;
/** Stands for the elided middle of a longer path, between the member and the last names. */
const ELIDED = '…';
const UNREACHED = -2;
const MEMBER = -1;

// Lockfile diff: packages paired per (name, normalised source) identity, versions as exact strings.
/** Changes between two lockfiles; a missing side (null) is an empty lockfile. Sorted. */
function diffLockfiles(base, head) {
    const headPath = lazyPaths(head);
    const basePath = lazyPaths(base);
    const none = [];
    const changes = [];
    const visit = (name, after) => {
        const before = base?.byName.get(name) ?? none;
        const was = before[0];
        const now = after[0];
        // The common case, one unchanged entry, costs two comparisons.
        if (before.length === 1 && after.length === 1 && was !== undefined && now !== undefined) {
            if (was.version === now.version && was.source === now.source)
                return;
        }
        const from = changes.length;
        diffName(before, after, changes, headPath, basePath);
        // No version of this name in the base lockfile: the crate is new to the tree.
        for (const made of changes.slice(from))
            made.new_to_tree = before.length === 0;
    };
    if (head !== null)
        for (const [name, after] of head.byName)
            visit(name, after);
    if (base !== null) {
        for (const name of base.byName.keys())
            if (head?.byName.has(name) !== true)
                visit(name, none);
    }
    return changes.sort(compareLockChanges);
}
/** Pairs the entries of one crate name per source: one gone + one new version is an update. */
function diffName(before, after, changes, headPath, basePath) {
    const identities = new Map();
    const entry = (source) => {
        let found = identities.get(source);
        if (found === undefined) {
            found = { gone: [], added: [] };
            identities.set(source, found);
        }
        return found;
    };
    const has = (list, pkg) => list.some((p) => p.version === pkg.version && p.source === pkg.source);
    for (const pkg of before)
        if (!has(after, pkg))
            entry(pkg.source).gone.push(pkg);
    for (const pkg of after)
        if (!has(before, pkg))
            entry(pkg.source).added.push(pkg);
    for (const [source, identity] of identities) {
        // The versions both sides hold: a crate's verdict is over all of its versions (annotate.ts).
        const kept = dedupe(before.filter((p) => p.source === source && has(after, p))).map((p) => p.version);
        const first = changes.length;
        const gone = dedupe(identity.gone);
        const added = dedupe(identity.added);
        const was = gone[0];
        const now = added[0];
        // Paired for display as Cargo's "Updating a -> b" (one removed, one added), else Adding/Removing.
        if (gone.length === 1 && added.length === 1 && was !== undefined && now !== undefined) {
            changes.push(change$1(now, 'updated', now.version, was.version, headPath(now)));
        }
        else {
            for (const pkg of added) {
                changes.push(change$1(pkg, 'added', pkg.version, null, headPath(pkg)));
            }
            for (const pkg of gone) {
                changes.push(change$1(pkg, 'removed', null, pkg.version, basePath(pkg)));
            }
        }
        if (kept.length > 0)
            for (const c of changes.slice(first))
                c.unchanged_versions = kept;
    }
}
/** A lockfile listing the same package twice (hand-edited or hostile) reports it once. */
function dedupe(list) {
    const seen = new Set();
    return list.filter((p) => !seen.has(p.version) && seen.add(p.version));
}
/** The BFS runs only for a side that has a change to explain, and once. */
function lazyPaths(lock) {
    let paths;
    return (pkg) => {
        if (lock === null)
            return null;
        paths ??= dependencyPaths(lock);
        return paths(pkg.index);
    };
}
function change$1(pkg, kind, version, previous, dependency_path) {
    return {
        name: pkg.name,
        source: pkg.source,
        kind,
        version,
        previous,
        dependency_path,
        advisories: [],
        lookup_error: null,
        // Judged later, once advisories are looked up (evaluate/annotate.ts).
        verdict: 'not-checked',
        fix: null,
        unmaintained: null
    };
}
/** By name, then source (path members first), then kind, then version. */
function compareLockChanges(a, b) {
    return (compareStrings(a.name, b.name) ||
        compareSources(a.source, b.source) ||
        compareStrings(a.kind, b.kind) ||
        compareStrings(a.version ?? a.previous ?? '', b.version ?? b.previous ?? ''));
}
function compareSources(a, b) {
    if (a === b)
        return 0;
    if (a === null)
        return -1;
    if (b === null)
        return 1;
    return compareStrings(a, b);
}

/**
 * The crates.io versions of `crate` the lockfile pins for `member` (a path package of that name),
 * or for every path package when `member` is null (a `[workspace.dependencies]` entry). Sorted,
 * distinct.
 */
function pinnedVersions(lock, member, crate) {
    const versions = new Set();
    for (const pkg of lock.packages) {
        if (pkg.source !== null)
            continue;
        if (member !== null && pkg.name !== member)
            continue;
        for (const dep of pkg.dependencies) {
            if (dep.name === crate && dep.source === CRATES_IO)
                versions.add(dep.version);
        }
    }
    return [...versions].sort();
}

// Which packages belong to a workspace, by Cargo's rules (cargo src/cargo/core/workspace.rs):
// `members` entries are globs in the `glob` crate's syntax, joined onto the root's directory and
// matched one path component at a time; `exclude` entries are path prefixes, overridden by a
// `members` entry that is itself a prefix of the package's path (`is_excluded`). Pure.
/**
 * Whether one path component matches one glob component: `*` (any run), `?` (one character),
 * `[abc]`, `[a-z]`, `[!abc]`; every other character literal. A malformed class is literal text,
 * as the `glob` crate reads an unclosed `[`.
 */
function componentMatches(pattern, name) {
    const memo = new Map();
    const at = (p, n) => {
        const key = `${String(p)}:${String(n)}`;
        const known = memo.get(key);
        if (known !== undefined)
            return known;
        let result;
        if (p === pattern.length)
            result = n === name.length;
        else {
            const c = pattern[p];
            if (c === '*')
                result = at(p + 1, n) || (n < name.length && at(p, n + 1));
            else if (c === '?')
                result = n < name.length && at(p + 1, n + 1);
            else if (c === '[') {
                const cls = readClass(pattern, p);
                if (cls === null)
                    result = n < name.length && name[n] === '[' && at(p + 1, n + 1);
                else
                    result = n < name.length && cls.test(name[n] ?? '') && at(cls.end, n + 1);
            }
            else
                result = n < name.length && name[n] === c && at(p + 1, n + 1);
        }
        memo.set(key, result);
        return result;
    };
    return at(0, 0);
}
/** A `[...]` class starting at `start`, or null when it is not closed. */
function readClass(pattern, start) {
    let i = start + 1;
    const negated = pattern[i] === '!';
    if (negated)
        i++;
    const ranges = [];
    // A `]` right after `[` or `[!` is a member, not the end.
    let first = true;
    while (i < pattern.length && (first || pattern[i] !== ']')) {
        const lo = pattern[i] ?? '';
        if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
            ranges.push([lo, pattern[i + 2] ?? '']);
            i += 3;
        }
        else {
            ranges.push([lo, lo]);
            i++;
        }
        first = false;
    }
    if (i >= pattern.length)
        return null;
    const test = (ch) => ranges.some(([lo, hi]) => ch >= lo && ch <= hi) !== negated;
    return { test, end: i + 1 };
}
/**
 * Whether a repository directory matches a `members` glob already joined onto the root's
 * directory (`crates/*`, `libs/**`): `**` as a whole component matches any number of
 * directories (none included), as the `glob` crate walks them.
 */
function memberGlobMatches(glob, dir) {
    const pattern = glob === '' ? [] : glob.split('/');
    const path = dir === '' ? [] : dir.split('/');
    const at = (p, n) => {
        if (p === pattern.length)
            return n === path.length;
        const part = pattern[p] ?? '';
        if (part === '**')
            return at(p + 1, n) || (n < path.length && at(p, n + 1));
        return n < path.length && componentMatches(part, path[n] ?? '') && at(p + 1, n + 1);
    };
    return at(0, 0);
}
function joined(rootDir, entry) {
    return joinRelative(rootDir, entry);
}
function isPrefix(prefix, dir) {
    return prefix === '' || dir === prefix || dir.startsWith(`${prefix}/`);
}
/**
 * Cargo's `is_excluded`: an `exclude` entry is a prefix of the package's directory, and no
 * `members` entry, taken literally (a glob is not expanded here), is one.
 */
function isExcluded(table, dir) {
    const prefixOf = (entries) => entries.some((entry) => {
        const path = joined(table.rootDir, entry);
        return path !== null && isPrefix(path, dir);
    });
    return prefixOf(table.exclude) && !prefixOf(table.members ?? []);
}
/**
 * Whether the package in `dir` is a member through `members` (or is the root itself): a glob
 * matches it and it is not excluded. Path-dependency members are decided by the caller.
 */
function isListedMember(table, dir) {
    if (dir === table.rootDir)
        return true;
    if (isExcluded(table, dir))
        return false;
    return (table.members ?? []).some((entry) => {
        const glob = joined(table.rootDir, entry);
        return glob !== null && memberGlobMatches(glob, dir);
    });
}

// `[resolver] incompatible-rust-versions` from Cargo's config files: "fallback" makes the pick
// MSRV-aware whatever the resolver version, "allow" turns it off under resolver 3 (cargo
// core/workspace.rs: the config wins, else resolver 3 decides). Pure; the files are read by the
// caller, nearest directory first, the nearest file that sets the key winning.
const ConfigSchema = looseObject({
    resolver: looseObject({ 'incompatible-rust-versions': _enum(['allow', 'fallback']).optional() })
        .optional()
});
/** The key as one config file sets it (null: not set), or why Cargo would refuse the file. */
function readIncompatibleRustVersions(text) {
    const read = readConfigToml(text);
    if ('error' in read)
        return { error: `not valid TOML${read.error.where}: ${read.error.message}` };
    const parsed = ConfigSchema.safeParse(read.document);
    if (!parsed.success) {
        return { error: 'resolver.incompatible-rust-versions is not "allow" or "fallback"' };
    }
    return { value: parsed.data.resolver?.['incompatible-rust-versions'] ?? null };
}
/** Whether Cargo's pick honours rust-version: the nearest setting, else resolver 3. */
function honoursRustVersion$1(setting, resolver3) {
    if (setting === 'fallback')
        return true;
    if (setting === 'allow')
        return false;
    return resolver3;
}

function parentDir$1(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
function manifestPath(dir) {
    return dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`;
}
function workspaceTable(root) {
    return {
        rootDir: parentDir$1(root.path),
        members: root.workspaceMembers,
        exclude: root.workspaceExclude
    };
}
function inside(rootDir, dir) {
    return rootDir === '' || dir === rootDir || dir.startsWith(`${rootDir}/`);
}
/**
 * The member manifests of the workspace `root` (a virtual root has no package of its own, so it
 * is not one), or why they are not known: a member Cargo would load could not be read.
 */
async function workspaceMembers(root, reader) {
    const table = workspaceTable(root);
    const found = new Map();
    const queue = [];
    const listed = await reader.list();
    const manifests = new Set(listed.filter((path) => path === 'Cargo.toml' || path.endsWith('/Cargo.toml')));
    // Every directory the listing shows (those holding some Cargo file, and their parents): a
    // `members` glob that matches one without a Cargo.toml makes Cargo refuse the workspace
    // ("failed to load manifest for workspace member"). Directories without any Cargo file are
    // not seen here.
    const dirs = new Set();
    for (const path of listed) {
        for (let dir = parentDir$1(path); inside(table.rootDir, dir); dir = parentDir$1(dir)) {
            if (dirs.has(dir))
                break;
            dirs.add(dir);
            if (dir === '')
                break;
        }
    }
    for (const dir of [...dirs].sort()) {
        if (!isListedMember(table, dir))
            continue;
        const path = manifestPath(dir);
        if (!manifests.has(path)) {
            return {
                unknown: `Cargo refuses the workspace of ${root.path}: its members match ${dir}, which has no Cargo.toml`
            };
        }
        queue.push(path);
    }
    while (queue.length > 0) {
        const path = queue.shift() ?? '';
        if (found.has(path))
            continue;
        const manifest = path === root.path ? root : await reader.manifest(path);
        if (manifest === 'none') {
            return { unknown: `workspace member ${path} (listed by ${root.path}) does not exist` };
        }
        if ('error' in manifest) {
            return { unknown: `workspace member ${path} could not be read: ${manifest.error}` };
        }
        if (manifest.isWorkspaceRoot && path !== root.path) {
            return {
                unknown: `Cargo refuses the workspace of ${root.path}: its member ${path} is a workspace root too`
            };
        }
        found.set(path, manifest);
        for (const d of resolveWorkspace(manifest, root)) {
            if (d.origin.kind !== 'path')
                continue;
            // An inherited path is relative to the root, a member's own to its directory.
            const base = d.workspace ? table.rootDir : parentDir$1(path);
            const dir = joinRelative(base, d.origin.path);
            if (dir === null || !inside(table.rootDir, dir))
                continue;
            const target = manifestPath(dir);
            if (!found.has(target))
                queue.push(target);
        }
    }
    const members = [...found.values()].filter((m) => m.packageName !== null);
    return { members };
}

// Manifest diff: declarations paired by (section, target, key).
/** Changes between two manifests' declarations; a missing side (null) declares nothing. Sorted. */
function diffManifests(base, head) {
    const before = new Map((base ?? []).map((d) => [dependencyIdentity(d), d]));
    const changes = [];
    for (const now of head ?? []) {
        const id = dependencyIdentity(now);
        const was = before.get(id);
        before.delete(id);
        if (was === undefined) {
            changes.push(change('added', now, now, null));
        }
        else if (was.name !== now.name || was.req !== now.req || was.workspace !== now.workspace) {
            changes.push(change('changed', now, now, was));
        }
    }
    for (const was of before.values())
        changes.push(change('removed', was, null, was));
    return changes.sort(compareManifestChanges);
}
function change(kind, shown, now, was) {
    // `shown` is head's declaration, or base's for a removal; `req`/`workspace_req` follow each side.
    return {
        name: shown.name,
        key: shown.key,
        section: shown.section,
        target: shown.target,
        kind,
        req: now?.req ?? null,
        previous_req: was?.req ?? null,
        workspace: shown.workspace,
        workspace_req: now?.workspace_req ?? null,
        previous_workspace_req: was?.workspace_req ?? null,
        origin: shown.origin,
        previous_origin: was?.origin ?? null,
        advisories: [],
        lookup_error: null,
        // Judged later, once advisories are looked up (evaluate/annotate.ts).
        verdict: 'not-checked',
        locked_by: null,
        admitted: null
    };
}
/** By name, then section, target and key, then kind. */
function compareManifestChanges(a, b) {
    return (compareStrings(a.name, b.name) ||
        compareStrings(a.section, b.section) ||
        compareStrings(a.target ?? '', b.target ?? '') ||
        compareStrings(a.key, b.key) ||
        compareStrings(a.kind, b.kind));
}

// computeChanges: reads every Cargo file of two trees, parses only the ones whose bytes differ, and
// diffs them. The only module of the engine that does I/O (through FileTree).
/** Files read at once: enough to hide latency of a remote tree, few enough to stay polite. */
const READ_CONCURRENCY = 8;
async function computeChanges(base, head, options = {}) {
    const logger = options.logger ?? silentLogger;
    const sides = { base: new SideReader(base), head: new SideReader(head) };
    const paths = await listPaths(base, head, options.paths);
    logger.debug(`comparing ${String(paths.length)} Cargo files between ${base.label} and ${head.label}`);
    const lockfiles = [];
    const manifests = [];
    const problems = [];
    const unusedLockfiles = [];
    const pins = new Map();
    const results = await mapPool(paths, READ_CONCURRENCY, (path) => comparePath(path, sides, logger));
    for (const result of results) {
        if (result === null)
            continue;
        problems.push(...result.problems);
        if (result.kind === 'lockfile')
            unusedLockfiles.push(...result.unused);
        else
            for (const [change, pin] of result.pins)
                pins.set(change, pin);
        if (result.report.changes.length === 0 && result.report.error === null)
            continue;
        if (result.kind === 'lockfile')
            lockfiles.push(result.report);
        else
            manifests.push(result.report);
    }
    return { lockfiles, manifests, problems, unusedLockfiles, pins };
}
async function comparePath(path, sides, logger) {
    const [before, after] = await Promise.all([sides.base.read(path), sides.head.read(path)]);
    if (before.kind === 'missing' && after.kind === 'missing')
        return null;
    // Unchanged bytes are never parsed: a deliberately broken test fixture costs nothing.
    if (before.kind === 'ok' && after.kind === 'ok' && before.text === after.text)
        return null;
    const problems = [];
    const isLockfile = path.endsWith('Cargo.lock');
    if (isLockfile) {
        // A member's own Cargo.lock inside an enclosing workspace is not what Cargo reads: listed, not
        // judged. Unused only on the base side: every entry is new to the lockfile Cargo now reads.
        const [unusedBase, unusedHead] = await Promise.all([
            sides.base.unusedLockfile(path, logger),
            sides.head.unusedLockfile(path, logger)
        ]);
        const unused = [];
        if (unusedBase !== null)
            unused.push({ path, side: 'base', workspace_root: unusedBase });
        if (unusedHead !== null) {
            unused.push({ path, side: 'head', workspace_root: unusedHead });
            logger.info(`${path} is not read by Cargo on ${sides.head.label} (a member of ${unusedHead}); not judged`);
            const report = {
                path,
                base_format: null,
                head_format: null,
                changes: [],
                error: null
            };
            return { kind: 'lockfile', report, problems: [], unused };
        }
        const parse = (read, side) => parseSide(read, side, path, problems, parseLockfile);
        const lockBase = unusedBase === null ? parse(before, 'base') : null;
        const lockHead = parse(after, 'head');
        for (const lock of [lockBase, lockHead]) {
            if (lock && lock.unresolved.length > 0) {
                logger.warning(`${path}: ${String(lock.unresolved.length)} dependency entries name no single package (e.g. "${lock.unresolved[0] ?? ''}"); dependency paths may be incomplete`);
            }
        }
        const failed = lockBase === undefined || lockHead === undefined;
        const report = {
            path,
            base_format: lockBase?.format ?? null,
            head_format: lockHead?.format ?? null,
            changes: failed ? [] : diffLockfiles(lockBase, lockHead),
            error: problems[0] ?? null
        };
        return { kind: 'lockfile', report, problems: problems.map(toProblem), unused };
    }
    const parse = (read, side) => parseSide(read, side, path, problems, parseManifest);
    const manifestBase = parse(before, 'base');
    const manifestHead = parse(after, 'head');
    let changes = [];
    const pins = new Map();
    if (manifestBase !== undefined && manifestHead !== undefined) {
        const [depsBase, depsHead, lockBase, lockHead] = await Promise.all([
            resolveSide(manifestBase, sides.base, logger),
            resolveSide(manifestHead, sides.head, logger),
            sides.base.lockFor(manifestBase, logger),
            sides.head.lockFor(manifestHead, logger)
        ]);
        changes = diffManifests(depsBase, depsHead);
        for (const change of changes) {
            pins.set(change, {
                base: lockBase === null ? null : lockBase(change),
                head: lockHead === null ? null : lockHead(change)
            });
        }
    }
    const report = { path, changes, error: problems[0] ?? null };
    return { kind: 'manifest', report, problems: problems.map(toProblem), pins };
}
/** Parsed file, null when the side has no such file, undefined when it could not be read (recorded). */
function parseSide(read, side, path, problems, parser) {
    if (read.kind === 'missing')
        return null;
    if (read.kind === 'error') {
        problems.push({ path, side, message: read.message, line: null, column: null });
        return undefined;
    }
    try {
        return parser(read.text, path);
    }
    catch (error) {
        problems.push(fileProblem(path, side, error));
        return undefined;
    }
}
function fileProblem(path, side, error) {
    if (error instanceof CargoFileError) {
        return {
            path,
            side,
            message: stripPosition(error),
            line: error.line,
            column: error.column
        };
    }
    return { path, side, message: getErrorMessage(error), line: null, column: null };
}
/** CargoFileError's message starts with `path:line:column: `; FileProblem keeps those apart. */
function stripPosition(error) {
    let prefix = error.path;
    if (error.line !== null)
        prefix += `:${String(error.line)}`;
    if (error.line !== null && error.column !== null)
        prefix += `:${String(error.column)}`;
    prefix += ': ';
    return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}
/** The one sentence for an unreadable file, wherever it is said (problems, gate, log). */
function fileProblemMessage(problem) {
    const position = problem.line === null
        ? ''
        : `:${String(problem.line)}${problem.column === null ? '' : `:${String(problem.column)}`}`;
    return `${problem.path}${position} (${problem.side}) could not be read: ${problem.message}; its changes are unknown`;
}
function toProblem(problem) {
    return { kind: 'unreadable-file', message: fileProblemMessage(problem), incomplete: true };
}
async function resolveSide(manifest, side, logger) {
    if (manifest === null)
        return null;
    if (!manifest.dependencies.some((d) => d.workspace))
        return resolveWorkspace(manifest, null);
    const root = await side.workspaceRoot(manifest, logger);
    return resolveWorkspace(manifest, root);
}
/** One side's reads and parsed workspace roots, each done once however many files ask. */
class SideReader {
    tree;
    reads = new Map();
    roots = new Map();
    locks = new Map();
    manifests = new Map();
    memberLists = new Map();
    listing = null;
    constructor(tree) {
        this.tree = tree;
    }
    /**
     * `[resolver] incompatible-rust-versions` as Cargo run in `dir` reads it: `.cargo/config` (used
     * when both exist) or `.cargo/config.toml` there and in every parent, the nearest setting winning.
     */
    async incompatibleRustVersions(dir) {
        for (const cargoDir of configDirectories(dir === '' ? 'Cargo.lock' : `${dir}/Cargo.lock`)) {
            for (const path of [`${cargoDir}/config`, `${cargoDir}/config.toml`]) {
                const read = await this.read(path);
                if (read.kind === 'missing')
                    continue;
                if (read.kind === 'error')
                    return { unknown: `${path} could not be read: ${read.message}` };
                const setting = readIncompatibleRustVersions(read.text);
                if ('error' in setting)
                    return { unknown: `${path}: ${setting.error}` };
                if (setting.value !== null)
                    return setting;
                break;
            }
        }
        return { value: null };
    }
    /** The members of the workspace `root`, found once per side. */
    membersOf(root) {
        let members = this.memberLists.get(root.path);
        if (members === undefined) {
            const reader = {
                list: () => (this.listing ??= this.tree.listCargoFiles()),
                manifest: (path) => this.manifestAt(path)
            };
            members = workspaceMembers(root, reader).catch((error) => ({
                unknown: `the members of ${root.path} could not be listed: ${getErrorMessage(error)}`
            }));
            this.memberLists.set(root.path, members);
        }
        return members;
    }
    manifestAt(path) {
        let manifest = this.manifests.get(path);
        if (manifest === undefined) {
            manifest = this.read(path).then((read) => {
                if (read.kind === 'missing')
                    return 'none';
                if (read.kind === 'error')
                    return { error: read.message };
                try {
                    return parseManifest(read.text, path);
                }
                catch (error) {
                    return { error: getErrorMessage(error) };
                }
            });
            this.manifests.set(path, manifest);
        }
        return manifest;
    }
    get label() {
        return this.tree.label;
    }
    /**
     * What Cargo's fresh pick honours for `manifest` in the workspace of `root` (cargo ops/resolve.rs
     * `resolve_with_previous`): under resolver 3, the rust-version of every workspace member (the
     * manifest alone when it has no workspace), `toolchain` when none sets one; null otherwise.
     */
    async rustVersions(manifest, root, dir) {
        const setting = await this.incompatibleRustVersions(dir);
        if ('unknown' in setting)
            return { msrv: null, rust_versions: { unknown: setting.unknown } };
        if (!honoursRustVersion$1(setting.value, honoursRustVersion(root))) {
            return { msrv: null, rust_versions: null };
        }
        let members = [manifest];
        if (root.isWorkspaceRoot) {
            const found = await this.membersOf(root);
            if ('unknown' in found)
                return { msrv: null, rust_versions: { unknown: found.unknown } };
            members = found.members;
        }
        const versions = members
            .map((m) => memberRustVersion(m, root))
            .filter((v) => v !== null);
        if (versions.length === 0)
            return { msrv: null, rust_versions: 'toolchain' };
        return { msrv: lowestRustVersion(versions), rust_versions: versions };
    }
    /**
     * Where Cargo looks for the lockfile of `manifest`: its workspace root's directory (a root
     * whose `exclude` names the member does not count), else its own; the root, or why unknown.
     */
    async lockHome(manifest, logger) {
        if (manifest.isWorkspaceRoot)
            return { dir: parentDir(manifest.path), root: manifest };
        const memberDir = parentDir(manifest.path);
        for (const candidate of workspaceRootCandidates(manifest)) {
            const root = await this.rootAt(candidate, logger);
            if (root === 'unknown') {
                return {
                    unknown: `its workspace root candidate ${candidate} could not be read on ${this.tree.label}`
                };
            }
            if (root === 'none')
                continue;
            const table = workspaceTable(root);
            // Excluded here, Cargo looks on at the farther ancestors (`find_workspace_root_with_loader`).
            if (isExcluded(table, memberDir))
                continue;
            if (!isListedMember(table, memberDir)) {
                // Neither listed nor excluded: a member only as a path dependency of one; otherwise
                // Cargo refuses to build it ("believes it's in a workspace when it's not").
                const members = await this.membersOf(root);
                if ('unknown' in members)
                    return { unknown: members.unknown };
                if (!members.members.some((m) => m.path === manifest.path)) {
                    return {
                        unknown: `Cargo refuses to resolve it: it is under the workspace root ${root.path}, which neither lists it in members (nor through a member's path dependency) nor excludes it`
                    };
                }
            }
            return { dir: table.rootDir, root };
        }
        return { dir: memberDir, root: manifest };
    }
    /** The lockfile manifest's Cargo reads, as a pin per requirement change; null without a manifest. */
    async lockFor(manifest, logger) {
        if (manifest === null)
            return null;
        const home = await this.lockHome(manifest, logger);
        if ('unknown' in home) {
            const why = home.unknown;
            return () => ({ kind: 'unknown', why });
        }
        const path = home.dir === '' ? 'Cargo.lock' : `${home.dir}/Cargo.lock`;
        const lock = await this.lockAt(path);
        // Members that cannot be read leave only a fresh pick unknown, never a lockfile's pin.
        const { msrv, rust_versions } = await this.rustVersions(manifest, home.root, home.dir);
        if (lock === 'none')
            return () => ({ kind: 'none', msrv, rust_versions });
        if ('error' in lock) {
            const why = `${path} could not be read on ${this.tree.label}: ${lock.error}`;
            return () => ({ kind: 'unknown', why });
        }
        return (change) => {
            const inherited = change.section === 'workspace.dependencies';
            const versions = pinnedVersions(lock, inherited ? null : manifest.packageName, change.name);
            // A [workspace.dependencies] entry no member uses is not resolved at all: nothing to judge.
            if (inherited && versions.length === 0)
                return null;
            return { kind: 'lockfile', lockfile: path, versions, msrv, rust_versions };
        };
    }
    /** The workspace root's manifest path when Cargo does not read this lockfile on this side, else null. */
    async unusedLockfile(path, logger) {
        const dir = parentDir(path);
        const manifestPath = dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`;
        const read = await this.read(manifestPath);
        if (read.kind !== 'ok')
            return null;
        let manifest;
        try {
            manifest = parseManifest(read.text, manifestPath);
        }
        catch {
            return null;
        }
        if (manifest.isWorkspaceRoot)
            return null;
        const home = await this.lockHome(manifest, logger);
        if ('unknown' in home || home.dir === dir)
            return null;
        return home.root.path;
    }
    lockAt(path) {
        let lock = this.locks.get(path);
        if (lock === undefined) {
            lock = this.read(path).then((read) => {
                if (read.kind === 'missing')
                    return 'none';
                if (read.kind === 'error')
                    return { error: read.message };
                try {
                    return parseLockfile(read.text, path);
                }
                catch (error) {
                    return { error: getErrorMessage(error) };
                }
            });
            this.locks.set(path, lock);
        }
        return lock;
    }
    read(path) {
        let read = this.reads.get(path);
        if (read === undefined) {
            read = this.tree
                .read(path)
                .catch((error) => ({ kind: 'error', message: getErrorMessage(error) }));
            this.reads.set(path, read);
        }
        return read;
    }
    /** The nearest workspace root of a member, null when none can be found or read. */
    async workspaceRoot(manifest, logger) {
        if (manifest.isWorkspaceRoot)
            return manifest;
        for (const candidate of workspaceRootCandidates(manifest)) {
            const root = await this.rootAt(candidate, logger);
            // An unreadable candidate may be the root: guessing a farther one could give wrong answers.
            if (root === 'unknown')
                return null;
            if (root !== 'none')
                return root;
        }
        logger.debug(`${this.tree.label}: no workspace root found for ${manifest.path}`);
        return null;
    }
    rootAt(path, logger) {
        let root = this.roots.get(path);
        if (root === undefined) {
            root = this.read(path).then((read) => {
                if (read.kind === 'missing')
                    return 'none';
                if (read.kind === 'error') {
                    logger.warning(`${this.tree.label}: workspace root candidate ${path} could not be read (${read.message}); inherited requirements are unknown`);
                    return 'unknown';
                }
                try {
                    const parsed = parseManifest(read.text, path);
                    return parsed.isWorkspaceRoot ? parsed : 'none';
                }
                catch (error) {
                    logger.warning(`${this.tree.label}: workspace root candidate ${path} could not be parsed (${getErrorMessage(error)}); inherited requirements are unknown`);
                    return 'unknown';
                }
            });
            this.roots.set(path, root);
        }
        return root;
    }
}
/** Resolver 3: written on the root, or implied by a root package's edition 2024. */
function honoursRustVersion(root) {
    const resolver = root.resolver ?? (root.packageName !== null && root.edition === '2024' ? '3' : null);
    return resolver === '3';
}
/** A member's own rust-version, inherited from `[workspace.package]` when it says so. */
function memberRustVersion(member, root) {
    return member.rustVersion === 'workspace' ? root.workspaceRustVersion : member.rustVersion;
}
/** The lowest of some rust-versions (for display), compared as versions. */
function lowestRustVersion(versions) {
    const padded = (v) => {
        const parts = v.split('.');
        while (parts.length < 3)
            parts.push('0');
        return parts.map((p) => Number.parseInt(p, 10));
    };
    let lowest = null;
    for (const v of versions) {
        if (lowest === null)
            lowest = v;
        else {
            const [a, b] = [padded(v), padded(lowest)];
            const cmp = a.map((x, i) => x - (b[i] ?? 0)).find((d) => d !== 0) ?? 0;
            if (cmp < 0)
                lowest = v;
        }
    }
    return lowest;
}
function parentDir(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
async function listPaths(base, head, only) {
    const all = only ?? [...(await base.listCargoFiles()), ...(await head.listCargoFiles())];
    return [...new Set(all.filter(isCargoFile))].sort(compareStrings);
}

/** `DIR/Cargo.toml` for a lockfile not at the repository root (`--manifest-path`), else null. */
function manifestPathOf(lockfile) {
    const slash = lockfile.lastIndexOf('/');
    return slash < 0 ? null : `${lockfile.slice(0, slash)}/Cargo.toml`;
}
/** Does the requirement admit `version`? A registry dependency without `version` is `*`. */
function admits(requirement, version) {
    const req = parseCargoReq(requirement ?? '*');
    const ver = parseVersion(version);
    return req === null || ver === null ? null : reqMatches(req, ver);
}
/** The lowest later, non-yanked release of the parent whose requirement admits `target`. */
function lowestAdmitting(current, releases, target) {
    const from = parseVersion(current);
    if (from === null)
        return null;
    const fits = releases.flatMap((r) => {
        const v = parseVersion(r.version);
        if (v === null || r.yanked || compareVersions(v, from) <= 0)
            return [];
        // Cargo's own resolution never moves a release to a pre-release; neither does the advice.
        if (from.prerelease.length === 0 && v.prerelease.length > 0)
            return [];
        return admits(r.requirement, target) === true ? [{ raw: r.version, v }] : [];
    });
    fits.sort((a, b) => compareVersions(a.v, b.v));
    return fits[0]?.raw ?? null;
}
function memberRequirements(holders, target, unread) {
    const out = [];
    for (const holder of holders) {
        if (holder.kind !== 'member')
            continue;
        if (holder.requirements === null) {
            unread.push(holder.name);
            continue;
        }
        for (const r of holder.requirements)
            if (admits(r.requirement, target) !== true)
                out.push(r);
    }
    return out;
}
/**
 * The advice checked against the requirements in force. `fix` is the engine's advice as if every
 * requirement admitted its version; `holders` hold the crate at `fix.current` in `lockfile`.
 */
function adviseWithRequirements(fix, holders, lockfile) {
    const manifestPath = manifestPathOf(lockfile);
    const target = fix.version;
    if (target === null || fix.kind === 'remove' || fix.kind === 'none') {
        return { ...fix, manifest_path: manifestPath };
    }
    const unread = [];
    const requirements = memberRequirements(holders, target, unread);
    const parents = [];
    const commands = [];
    let stillAdmitted = false;
    for (const holder of holders) {
        if (holder.kind !== 'crate')
            continue;
        if (holder.requirement === null) {
            unread.push(`${holder.name} ${holder.version}`);
            continue;
        }
        if (admits(holder.requirement, target) === true)
            continue;
        const release = holder.releases === null ? null : lowestAdmitting(holder.version, holder.releases, target);
        if (holder.releases === null)
            unread.push(`${holder.name} (releases)`);
        const command = release === null ? null : updateCommand(holder.name, holder.version, release, manifestPath);
        if (command !== null)
            commands.push(command);
        const next = holder.releases?.find((r) => r.version === release);
        // A release that no longer depends on the crate holds nothing: moving to it drops the crate
        // from the lockfile unless another holder keeps it (below), and Cargo then answers the crate's
        // own `-p crate@current` with "did not match any packages".
        const nextRequirement = next?.requirement ?? null;
        if (nextRequirement !== null && admits(nextRequirement, fix.current) === true) {
            stillAdmitted = true;
        }
        parents.push({
            name: holder.name,
            version: holder.version,
            requirement: holder.requirement,
            release,
            release_requirement: nextRequirement,
            command
        });
        // The parent's new release must be admitted by whoever holds the parent in this repository.
        if (release !== null)
            requirements.push(...memberRequirements(holder.holders, release, unread));
    }
    const own = updateCommand(fix.crate, fix.current, target, manifestPath);
    const stuck = parents.some((p) => p.release === null);
    // After the parents move, the crate itself still needs its own command when a requirement left
    // in force (a parent's new one, another holder's) still admits the locked version.
    const moved = new Set(parents.map((p) => p.name));
    const stillHeld = stillAdmitted || holders.some((h) => h.kind === 'member' || !moved.has(h.name));
    const parentsFree = parents.length > 0 && !stuck;
    const command = stuck
        ? null
        : parentsFree
            ? [...commands, ...(stillHeld ? [own] : [])].join(' && ')
            : own;
    const kind = fix.kind === 'compromised'
        ? 'compromised'
        : requirements.length > 0
            ? 'edit-requirements'
            : stuck
                ? 'no-parent-release'
                : parents.length > 0
                    ? 'update-parent'
                    : 'update';
    return {
        ...fix,
        kind,
        command,
        manifest_path: manifestPath,
        // Known to need no requirement change only when every holder was read.
        // With a holder unread, a move `^` does not allow (another major) is known not compatible.
        compatible: requirements.length > 0 ||
            parents.length > 0 ||
            (unread.length > 0 && fix.compatible === false)
            ? false
            : unread.length === 0
                ? true
                : null,
        requirements,
        parents,
        unread: [...new Set(unread)].sort()
    };
}

// Who holds an affected crate at its locked version, read for the fix advice: the lockfile's
// dependency lists name the packages that depend on it; a workspace member's requirement comes
// from its manifest in the head tree, a crates.io parent's from its index line (`deps`). Read only
// for changes that have a fix to check, so a clean change costs no request.
/** Manifests read to find the members of one lockfile's workspace, at most. */
const MAX_MEMBER_MANIFESTS = 400;
/** Parent crates looked up in the index for one run, at most. */
const MAX_PARENTS = 200;
/** The head lockfile at `path`, parsed; null when it cannot be read. */
async function readLockGraph(head, path) {
    const read = await head.read(path);
    if (read.kind !== 'ok')
        return null;
    try {
        return parseLockfile(read.text, path);
    }
    catch {
        return null;
    }
}
function dirOf(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
const MembersSchema = looseObject({
    workspace: looseObject({ members: array(string()).optional() }).optional()
});
/** Literal (not glob) `[workspace] members` of a root manifest, as manifest paths. */
function literalMembers(text, path) {
    try {
        const parsed = MembersSchema.safeParse(parseToml(text, path));
        const dir = dirOf(path);
        const members = parsed.success ? (parsed.data.workspace?.members ?? []) : [];
        return members
            .filter((m) => !/[*?[\]]/.test(m) && !m.split('/').includes('..'))
            .map((m) => `${dir === '' ? '' : `${dir}/`}${m.replace(/^\.\/|\/$/g, '')}/Cargo.toml`);
    }
    catch {
        return [];
    }
}
/** The manifests of one lockfile's workspace by package name, with the workspace root. */
async function workspaceManifests(head, lockfile) {
    const dir = dirOf(lockfile);
    const rootPath = dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`;
    const listed = await head.listCargoFiles().catch(() => []);
    const rootRead = await head.read(rootPath);
    const paths = new Set([rootPath]);
    if (rootRead.kind === 'ok')
        for (const p of literalMembers(rootRead.text, rootPath))
            paths.add(p);
    // Members under the lockfile's directory first; then the rest of the tree, for path
    // dependencies outside it (`../globset`). The first manifest of a name wins.
    const inside = (p) => dir === '' || p.startsWith(`${dir}/`);
    for (const p of listed)
        if (p.endsWith('Cargo.toml') && inside(p))
            paths.add(p);
    for (const p of listed)
        if (p.endsWith('Cargo.toml') && !inside(p))
            paths.add(p);
    const byName = new Map();
    let root = null;
    const reads = await Promise.all([...paths].slice(0, MAX_MEMBER_MANIFESTS).map(async (p) => [p, await head.read(p)]));
    for (const [p, read] of reads) {
        if (read.kind !== 'ok')
            continue;
        try {
            const manifest = parseManifest(read.text, p);
            if (p === rootPath && manifest.isWorkspaceRoot)
                root = manifest;
            const name = manifest.packageName;
            if (name === null)
                continue;
            const known = byName.get(name);
            if (known === undefined)
                byName.set(name, [manifest]);
            else if (inside(p) && known.every((m) => inside(m.path)))
                known.push(manifest);
        }
        catch {
            // An unreadable manifest holds nothing we can read: its member stays unread.
        }
    }
    return { byName, root };
}
/** A member's requirements on `crate` that hold `version` (all of them if none seems to). */
function requirementsOn(manifest, root, crate, version) {
    const all = resolveWorkspace(manifest, root).flatMap((d) => {
        if (d.name !== crate || d.origin.kind !== 'registry' || d.origin.registry !== null)
            return [];
        if (d.workspace) {
            return [
                {
                    crate,
                    manifest: root?.path ?? manifest.path,
                    section: 'workspace.dependencies',
                    requirement: d.workspace_req ?? '*'
                }
            ];
        }
        return [{ crate, manifest: manifest.path, section: d.section, requirement: d.req ?? '*' }];
    });
    const ver = parseVersion(version);
    const holding = all.filter((r) => {
        const req = parseCargoReq(r.requirement);
        return req !== null && ver !== null && reqMatches(req, ver);
    });
    return holding.length > 0 ? holding : all;
}
const IndexDepsSchema = array(looseObject({
    name: string(),
    req: string(),
    kind: string().nullish(),
    package: string().nullish()
}));
/** A parent's requirement on `crate` in one index line (null: the line has no such dependency). */
function indexRequirement(line, crate, current) {
    const parsed = IndexDepsSchema.safeParse(line.deps ?? []);
    if (!parsed.success)
        return undefined;
    const reqs = parsed.data
        .filter((d) => (d.package ?? d.name) === crate && d.kind !== 'dev')
        .map((d) => d.req);
    if (reqs.length === 0)
        return null;
    const ver = current === null ? null : parseVersion(current);
    const holding = reqs.find((r) => {
        const req = parseCargoReq(r);
        return req !== null && ver !== null && reqMatches(req, ver);
    });
    return holding ?? reqs[0] ?? null;
}
function lockGraph(graphs, head, path) {
    let graph = graphs.get(path);
    if (graph === undefined) {
        graph = readLockGraph(head, path);
        graphs.set(path, graph);
    }
    return graph;
}
/**
 * The crates.io parents, in the head lockfiles, of the changed crates an advisory source lists:
 * known as soon as the source has said which crates have advisories, before it has read them, so
 * their index files are read beside the records rather than in a round of their own after the
 * verdicts. A superset of what the advice asks (only changes with a fix to check need it); at most
 * MAX_PARENTS, sorted, those already `known` left out.
 */
async function parentsOfListed(head, lockfiles, listed, known, graphs) {
    const names = new Set();
    for (const lockfile of lockfiles) {
        const changes = lockfile.changes.filter((c) => c.kind !== 'removed' && listed.has(c.name));
        if (changes.length === 0)
            continue;
        const lock = await lockGraph(graphs, head, lockfile.path);
        if (lock === null)
            continue;
        for (const change of changes) {
            const pkg = findPackage(lock, change.name, change.version);
            if (pkg === null)
                continue;
            for (const parent of dependentsOf(lock, pkg)) {
                if (parent.source === CRATES_IO && !known.has(parent.name))
                    names.add(parent.name);
            }
        }
    }
    return [...names].sort().slice(0, MAX_PARENTS);
}
function dependentsOf(lock, target) {
    return lock.packages.filter((p) => p.dependencies.includes(target));
}
async function holdersOf(lock, pkg, members, context, depth) {
    const out = [];
    for (const parent of dependentsOf(lock, pkg)) {
        if (parent.source === null) {
            const manifests = members.byName.get(parent.name);
            out.push({
                kind: 'member',
                name: parent.name,
                requirements: manifests === undefined
                    ? null
                    : manifests.flatMap((m) => requirementsOn(m, members.root, pkg.name, pkg.version))
            });
            continue;
        }
        if (parent.source !== CRATES_IO) {
            out.push({
                kind: 'crate',
                name: parent.name,
                version: parent.version,
                requirement: null,
                releases: null,
                holders: []
            });
            continue;
        }
        const answer = context.answers.get(parent.name);
        const believed = answer === undefined ? undefined : believedAnswer(parent.name, answer);
        const lines = believed?.kind === 'found' ? believed.file.versions : null;
        const own = lines?.find((l) => l.version === parent.version);
        const requirement = own === undefined ? null : indexRequirement(own, pkg.name, pkg.version);
        const releases = lines === null
            ? null
            : lines.flatMap((l) => {
                const req = indexRequirement(l, pkg.name, null);
                return req === undefined
                    ? []
                    : [{ version: l.version, yanked: l.yanked, requirement: req }];
            });
        out.push({
            kind: 'crate',
            name: parent.name,
            version: parent.version,
            requirement: requirement ?? null,
            releases,
            // One level up: the parent's own holders in this repository (to admit its new release).
            holders: depth > 0 ? [] : await holdersOf(lock, parent, members, context, depth + 1)
        });
    }
    return out;
}
/** The lockfile reports with every fix checked against the requirements in force. */
async function withFixRequirements(lockfiles, options) {
    const wanted = lockfiles.filter((l) => l.changes.some((c) => c.fix !== null && c.fix.kind !== 'remove' && c.fix.kind !== 'none'));
    if (wanted.length === 0)
        return lockfiles.map((l) => ({ ...l }));
    const graphs = new Map();
    const parsed = options.graphs ?? new Map();
    const parentNames = new Set();
    for (const lockfile of wanted) {
        const lock = await lockGraph(parsed, options.head, lockfile.path);
        graphs.set(lockfile.path, lock);
        if (lock === null)
            continue;
        for (const change of lockfile.changes) {
            const pkg = findPackage(lock, change.name, change.version);
            const checked = change.fix !== null && change.fix.kind !== 'none' && change.fix.kind !== 'remove';
            if (!checked || pkg === null)
                continue;
            for (const parent of dependentsOf(lock, pkg)) {
                if (parent.source === CRATES_IO)
                    parentNames.add(parent.name);
            }
        }
    }
    const answers = new Map(options.answers ?? []);
    const missing = [...parentNames]
        .filter((n) => !answers.has(n))
        .sort()
        .slice(0, MAX_PARENTS);
    if (options.cratesIndex !== null && missing.length > 0) {
        try {
            const looked = await options.cratesIndex.lookup(missing);
            for (const [name, answer] of looked.answers)
                answers.set(name, answer);
        }
        catch (error) {
            options.logger.warning(`crates.io index (parents of affected crates): ${getErrorMessage(error)}`);
        }
    }
    const context = { answers };
    return Promise.all(lockfiles.map(async (lockfile) => {
        const lock = graphs.get(lockfile.path) ?? null;
        if (!wanted.includes(lockfile))
            return { ...lockfile };
        const members = await workspaceManifests(options.head, lockfile.path);
        const changes = await Promise.all(lockfile.changes.map(async (change) => {
            if (change.fix === null)
                return change;
            if (change.fix.kind === 'remove' || change.fix.kind === 'none') {
                return { ...change, fix: adviseWithRequirements(change.fix, [], lockfile.path) };
            }
            const pkg = lock === null ? null : findPackage(lock, change.name, change.version);
            const holders = lock === null || pkg === null
                ? [{ kind: 'member', name: lockfile.path, requirements: null }]
                : await holdersOf(lock, pkg, members, context, 0);
            return { ...change, fix: adviseWithRequirements(change.fix, holders, lockfile.path) };
        }));
        return { ...lockfile, changes };
    }));
}
function findPackage(lock, name, version) {
    return lock.byName.get(name)?.find((p) => p.version === version && p.source === CRATES_IO) ?? null;
}

// An index that knows none of the crates asked for is a wrong URL or a broken mirror, not news
// about each crate. When every answer is "no such crate", a few crates.io crates the head
// lockfiles hold and the change does not touch are asked too (crates.io knows them: Cargo
// resolved them from it); if the index knows none of those either, every answer becomes unknown
// with that one cause.
/** Crates asked to tell a broken index from crates that are really gone. */
const CONTROL_CRATES = 3;
async function controlCrates(head, lockfiles, asked) {
    const names = new Set();
    for (const lockfile of lockfiles) {
        const lock = await readLockGraph(head, lockfile.path);
        for (const pkg of lock?.packages ?? []) {
            if (pkg.source === CRATES_IO && !asked.has(pkg.name))
                names.add(pkg.name);
        }
    }
    return [...names].sort().slice(0, CONTROL_CRATES);
}
/**
 * The answers, or every one of them unknown when the index knows none of the lockfiles' crates.io
 * crates. With no other crate to ask, two or more "no such crate" answers are already that.
 */
async function checkIndexKnowsCrates(answers, cratesIndex, head, lockfiles, logger) {
    if (answers === null || answers.size === 0)
        return answers;
    if (![...answers.values()].every((a) => a.kind === 'crate-not-found'))
        return answers;
    const controls = await controlCrates(head, lockfiles, new Set(answers.keys()));
    let knowsOne;
    if (controls.length > 0) {
        try {
            const looked = await cratesIndex.lookup(controls);
            knowsOne = [...looked.answers.values()].some((a) => a.kind !== 'crate-not-found');
        }
        catch (error) {
            logger.debug(`crates.io index control look-up: ${getErrorMessage(error)}`);
            knowsOne = true; // could not tell: keep the answers as they are
        }
    }
    else
        knowsOne = answers.size < 2;
    if (knowsOne)
        return answers;
    const asked = [...answers.keys(), ...controls];
    const reason = `crates.io index (${cratesIndex.description}) knows none of the ${String(asked.length)} crates.io crates asked for (${asked.slice(0, 5).join(', ')}${asked.length > 5 ? ', …' : ''}): a wrong URL or a broken mirror`;
    logger.warning(reason);
    return new Map([...answers.keys()].map((name) => [name, { kind: 'unknown', reason }]));
}

// Reads the cooldown each lockfile is under from a tree (the BASE revision: a pull request cannot
// lift the policy it is judged by): Cargo's `.cargo/config` / `.cargo/config.toml` in the
// lockfile's directory and every parent up to the repository root.
/** A config file is small; a larger one is not read (its policy is unknown). */
const MAX_CONFIG_CHARS = 1024 * 1024;
async function readDirectory(tree, dir) {
    const legacy = `${dir}/config`;
    const current = `${dir}/config.toml`;
    const [old, now] = await Promise.all([tree.read(legacy), tree.read(current)]);
    // Cargo uses the legacy file when both exist.
    for (const [path, file] of [
        [legacy, old],
        [current, now]
    ]) {
        if (file.kind === 'missing')
            continue;
        if (file.kind === 'error') {
            return { path, read: { ok: false, reason: `could not be read: ${file.message}` } };
        }
        if (file.text.length > MAX_CONFIG_CHARS) {
            return { path, read: { ok: false, reason: 'larger than 1 MiB; not read' } };
        }
        return { path, read: readCooldownKeys(file.text) };
    }
    return { path: null, read: null };
}
/** The policy per lockfile path; each directory is read once however many lockfiles share it. */
async function readCooldownPolicies(tree, lockfiles) {
    const reads = new Map();
    const directory = (dir) => {
        let read = reads.get(dir);
        if (read === undefined) {
            read = readDirectory(tree, dir);
            reads.set(dir, read);
        }
        return read;
    };
    const policies = new Map();
    await Promise.all(lockfiles.map(async (lockfile) => {
        const dirs = await Promise.all(configDirectories(lockfile).map(directory));
        policies.set(lockfile, resolveCooldown(dirs));
    }));
    return policies;
}

/**
 * By this time crates.io's production index wrote `pubtime` for every publish. The field came in
 * rust-lang/crates.io#12315 (commit 581d2f43a, merged 2025-11-14) behind `INDEX_INCLUDE_PUBTIME`,
 * default off; the day production turned it on is not in that repository. The earliest public
 * statement that the live index carries it is renovatebot/renovate#40621 (2026-01-22: "crates.io
 * maintainers recently added `pubtime`", read from the index for libc). So a crate whose file has
 * no `pubtime` at all has published nothing since then: its versions are older than this.
 */
const PUBTIME_RECORDED_BY = '2026-01-22T00:00:00Z';
function seconds(from, to) {
    return Math.max(0, Math.floor((to - from) / 1000));
}
function isoTime(value) {
    // crates.io writes `yyyy-mm-ddThh:mm:ssZ`; anything else is not read as a time.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
        return null;
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : at;
}
/** The publication of `version` from its crate's index answer. */
function datePublication(version, answer, authoritative) {
    if (answer === undefined)
        return { status: 'unknown', note: 'the crates.io index was not read' };
    if (answer.kind === 'unknown')
        return { status: 'unknown', note: answer.reason };
    if (answer.kind === 'crate-not-found') {
        return { status: 'unknown', note: 'the crates.io index does not list this crate' };
    }
    const lines = answer.file.versions;
    const at = lines.findIndex((line) => sameVersion$1(line.version, version));
    const line = lines[at];
    if (line === undefined) {
        return { status: 'unknown', note: 'the crates.io index does not list this version' };
    }
    if (line.published !== null) {
        const time = isoTime(line.published);
        return time === null
            ? {
                status: 'unknown',
                note: `the index's pubtime ${JSON.stringify(line.published.slice(0, 40))} is not a time`
            }
            : { status: 'known', published: line.published, at: time };
    }
    if (!authoritative) {
        return {
            status: 'unknown',
            note: 'the index line has no pubtime, and this index is not crates.io’s own (a mirror may drop it)'
        };
    }
    // Lines are in publication order: a later line's pubtime bounds this one from above.
    for (const later of lines.slice(at + 1)) {
        const time = later.published === null ? null : isoTime(later.published);
        if (later.published !== null && time !== null) {
            return { status: 'before', before: later.published, at: time };
        }
    }
    if (lines.some((other) => other.published !== null)) {
        return {
            status: 'unknown',
            note: 'the index line has no pubtime, though lines published before it have one'
        };
    }
    return {
        status: 'not-recorded',
        before: PUBTIME_RECORDED_BY,
        at: Date.parse(PUBTIME_RECORDED_BY)
    };
}
function isPathOrGit(change) {
    return change.source === null || change.source.startsWith('git+');
}
/** The age fact of one change under `policy` (null for removals). */
function publishAge(change, policy, options) {
    if (change.kind === 'removed' || change.version === null)
        return null;
    const min = policy.kind === 'active' ? policy.seconds : null;
    const base = {
        published: null,
        published_before: null,
        age_seconds: null,
        min_publish_age_seconds: min
    };
    if (isPathOrGit(change)) {
        return { ...base, status: 'not-aged', too_new: min === null ? null : false, note: null };
    }
    if (change.source !== CRATES_IO) {
        return {
            ...base,
            status: 'unknown',
            too_new: null,
            note: 'not from crates.io: its registry’s publish times are not read'
        };
    }
    const dated = datePublication(change.version, options.answers?.get(change.name), options.authoritative);
    if (dated.status === 'unknown') {
        return { ...base, status: 'unknown', too_new: null, note: dated.note };
    }
    const age = seconds(dated.at, options.now);
    if (dated.status === 'known') {
        return {
            ...base,
            status: 'known',
            published: dated.published,
            age_seconds: age,
            too_new: min === null ? null : age < min,
            note: null
        };
    }
    // Only a lower bound: old enough if the bound is; otherwise it cannot be told.
    const bound = min === null ? null : age >= min ? false : null;
    const note = dated.status === 'before'
        ? `no pubtime on its index line; a version published after it has ${dated.before}`
        : 'publish time not recorded (older than the index’s record)';
    return {
        ...base,
        status: dated.status,
        published_before: dated.before,
        age_seconds: age,
        too_new: bound,
        note: min !== null && bound === null
            ? `${note}; at least ${formatAge(age)} old, which does not settle a cooldown of ${formatAge(min)}`
            : note
    };
}
/** The report's view of a lockfile's cooldown. */
function cooldownFacts(policy) {
    switch (policy.kind) {
        case 'none':
            return { status: 'none', min_publish_age_seconds: null, value: null, origin: null };
        case 'off':
            return { status: 'off', min_publish_age_seconds: null, value: null, origin: policy.origin };
        case 'active':
            return {
                status: 'active',
                min_publish_age_seconds: policy.seconds,
                value: policy.value,
                origin: policy.origin
            };
        case 'unknown':
            return {
                status: 'unknown',
                min_publish_age_seconds: null,
                value: null,
                origin: policy.reason
            };
    }
}
const NONE = { kind: 'none' };
/**
 * Copies of the lockfile reports with `publish_age` on every change and `cooldown` on every
 * lockfile, and the problems that make the report incomplete: a cooldown that could not be read,
 * and each version whose age is unknown under an active one.
 */
function withPublishAge(lockfiles, options) {
    const problems = [];
    // One entry per crate change (the counting unit of `publish_age_unknown_crates`), with every
    // lockfile it is in: the same update in two lockfiles is one crate, named once.
    const unknownAges = new Map();
    const reports = lockfiles.map((lockfile) => {
        const policy = options.policies.get(lockfile.path) ?? NONE;
        if (policy.kind === 'unknown' && lockfile.changes.some((c) => c.kind !== 'removed')) {
            problems.push({
                kind: 'publish-age-unknown',
                message: `The cooldown (min-publish-age) of ${lockfile.path} is unknown, so whether its new versions are too new is unknown: ${policy.reason}`,
                incomplete: true
            });
        }
        const changes = lockfile.changes.map((change) => {
            const age = publishAge(change, policy, options);
            if (age !== null && age.min_publish_age_seconds !== null && age.too_new === null) {
                const key = crateChangeKey(change);
                const seen = unknownAges.get(key);
                const note = age.note ?? 'unknown';
                if (seen === undefined) {
                    const label = `${change.name} ${change.version ?? ''}`;
                    unknownAges.set(key, { label, paths: [lockfile.path], notes: [note] });
                }
                else {
                    if (!seen.paths.includes(lockfile.path))
                        seen.paths.push(lockfile.path);
                    if (!seen.notes.includes(note))
                        seen.notes.push(note);
                }
            }
            return { ...change, publish_age: age };
        });
        return { ...lockfile, changes, cooldown: cooldownFacts(policy) };
    });
    if (unknownAges.size > 0) {
        const entries = [...unknownAges.values()].map((e) => `${e.label} (${e.paths.join(', ')}): ${e.notes.join('; ')}`);
        const shown = entries.slice(0, 5).join('; ');
        const more = entries.length > 5 ? `; and ${String(entries.length - 5)} more` : '';
        problems.push({
            kind: 'publish-age-unknown',
            message: `Publish age unknown under the cooldown for ${String(entries.length)} crate${entries.length === 1 ? '' : 's'}: ${shown}${more}`,
            incomplete: true
        });
    }
    return { lockfiles: reports, problems };
}
/** Distinct crate changes (the report's counting unit) that are too new, and whose age is unknown. */
function countPublishAges(lockfiles) {
    const tooNew = new Set();
    const unknown = new Set();
    for (const lockfile of lockfiles) {
        for (const change of lockfile.changes) {
            const age = change.publish_age;
            if (age === null || age === undefined || age.min_publish_age_seconds === null)
                continue;
            if (age.too_new === true)
                tooNew.add(crateChangeKey(change));
            else if (age.too_new === null)
                unknown.add(crateChangeKey(change));
        }
    }
    return { too_new_crates: tooNew.size, publish_age_unknown_crates: unknown.size };
}

// analyze(): the pure core end to end. Changes between two trees → one advisory look-up for every
// crates.io crate they touch → findings per change → the report.
/** The cooldown per lockfile: the input's for all, or each one's base Cargo config. */
async function cooldownPolicies(options, lockfiles) {
    const given = options.minPublishAge ?? null;
    if (given === null)
        return readCooldownPolicies(options.base, lockfiles);
    const policy = given.seconds === 0
        ? { kind: 'off', origin: given.origin }
        : { kind: 'active', seconds: given.seconds, value: given.value, origin: given.origin };
    return new Map(lockfiles.map((path) => [path, policy]));
}
async function lookUp(source, crates, logger, onListed) {
    // An object: flow analysis does not see the callback's assignment.
    const said = { listed: false };
    const hooks = {
        onListed: (names) => {
            said.listed = true;
            onListed(names);
        }
    };
    try {
        const result = await source.lookup(crates, hooks);
        // A source that does not say it early (local files, rustsec.org) says it now.
        if (!said.listed) {
            onListed([...result.records].filter(([, records]) => records.length > 0).map(([n]) => n));
        }
        return result;
    }
    catch (error) {
        // A source must not throw, but if it does every crate is unknown, not clean.
        const result = emptyLookupResult();
        applyOutage(result, crates, {
            cause: `the look-up failed: ${getErrorMessage(error)}`,
            hint: 'This is a bug in cargo-advisory-review; please report it.'
        });
        return result;
    }
    finally {
        logger.debug(`advisory look-up for ${plural(crates.length, 'crate')} done`);
    }
}
/** Never rejects: a look-up that throws makes every crate's index facts unknown. */
async function lookUpIndex(cratesIndex, crates, logger) {
    try {
        const { answers, stats } = await cratesIndex.lookup(crates);
        logger.info(`crates.io index (${cratesIndex.description}): ${String(crates.length)} crates, ${String(stats.requests)} requests, ${String(stats.round_trips)} round trips, ${String(stats.ms)} ms`);
        return answers;
    }
    catch (error) {
        const reason = `crates.io index (${cratesIndex.description}): ${getErrorMessage(error)}`;
        return new Map(crates.map((name) => [name, { kind: 'unknown', reason }]));
    }
}
/** Never rejects: what it could not read is left to the advice's own look-up. */
async function lookUpParents(cratesIndex, context) {
    try {
        const { head, lockfiles, listed, known, graphs } = context;
        const names = await parentsOfListed(head, lockfiles, listed, known, graphs);
        if (names.length === 0)
            return new Map();
        const { answers, stats } = await cratesIndex.lookup(names);
        context.logger.debug(`crates.io index, parents of crates with advisories: ${String(names.length)} crates, ${String(stats.requests)} requests`);
        return answers;
    }
    catch (error) {
        context.logger.debug(`crates.io index, parents of crates with advisories: ${getErrorMessage(error)}`);
        return new Map();
    }
}
async function analyze(options) {
    const logger = options.logger ?? silentLogger;
    const changes = await computeChanges(options.base, options.head, {
        logger,
        ...(options.paths === undefined ? {} : { paths: options.paths })
    });
    const problems = [...changes.problems, ...(options.extraProblems ?? [])];
    // The index look-up starts now and runs beside the advisory look-up: no extra round trip.
    const cratesIndex = options.cratesIndex ?? null;
    // Requirements no lockfile pins (or a stale one) resolve to the index's highest admitted release.
    const pickCrates = new Set();
    for (const manifest of changes.manifests) {
        for (const change of manifest.changes) {
            const pins = changes.pins.get(change);
            if (pins === undefined || !isCratesIoManifestChange(change))
                continue;
            if (needsPick(pins.head, change.kind === 'removed' ? null : effectiveReq(change, 'head')) ||
                needsPick(pins.base, change.kind === 'added' ? null : effectiveReq(change, 'base'))) {
                pickCrates.add(change.name);
            }
        }
    }
    const registryCrates = cratesIndex === null
        ? []
        : [...new Set([...indexCrates(changes.lockfiles), ...pickCrates])].sort();
    const registry = cratesIndex === null || registryCrates.length === 0
        ? Promise.resolve(null)
        : lookUpIndex(cratesIndex, registryCrates, logger);
    // The cooldown is read from the base beside the look-ups; only lockfiles with new versions.
    const now = options.now;
    const policies = now === undefined
        ? null
        : cooldownPolicies(options, changes.lockfiles
            .filter((lockfile) => lockfile.changes.some((change) => change.kind !== 'removed'))
            .map((lockfile) => lockfile.path));
    policies?.catch(() => undefined);
    // The fix advice reads the index files of the listed crates' parents: started as soon as the
    // source lists which crates have advisories, beside its record reads (one round, not two).
    const graphs = new Map();
    const early = { parents: null };
    const onListed = (listed) => {
        if (cratesIndex === null || early.parents !== null || listed.length === 0)
            return;
        early.parents = lookUpParents(cratesIndex, {
            head: options.head,
            lockfiles: changes.lockfiles,
            listed: new Set(listed),
            known: new Set(registryCrates),
            graphs,
            logger
        });
    };
    let index = null;
    let outage = null;
    if (options.source !== null) {
        const crates = cratesToLookUp(changes.lockfiles, changes.manifests);
        const result = crates.length === 0 ? null : await lookUp(options.source, crates, logger, onListed);
        const advisories = new Map();
        const unmaintained = new Map();
        if (result !== null) {
            const { requests, round_trips, ms } = result.stats;
            logger.info(`Advisory look-up: ${options.source.description}: ${plural(crates.length, 'crate')} (${String(result.failed.size)} unknown), ${plural(requests, 'request')}, ${plural(round_trips, 'round trip')}, ${String(ms)} ms`);
            for (const [name, records] of result.records) {
                advisories.set(name, selectAdvisories(name, records));
                const id = unmaintainedAdvisory(name, records);
                if (id !== null)
                    unmaintained.set(name, id);
            }
            if (result.outage !== null) {
                const { cause, hint } = result.outage;
                outage = {
                    reason: outageReason(result.outage),
                    problem: {
                        kind: 'source-unavailable',
                        message: `Advisories of ${crates.length === 1 ? 'the one crate' : `all ${plural(crates.length, 'crate')}`} are unknown: ${options.source.description} could not be used: ${cause}. ${hint}`,
                        incomplete: true,
                        hint
                    }
                };
            }
        }
        index = { advisories, failed: result?.failed ?? new Map(), unmaintained };
    }
    // Awaited only now (it ran beside the advisory look-up), before the verdicts: the fix advice
    // chooses among the releases the index lists.
    const firstAnswers = await registry;
    const answers = cratesIndex === null
        ? firstAnswers
        : await checkIndexKnowsCrates(firstAnswers, cratesIndex, options.head, changes.lockfiles, logger);
    if (index !== null && cratesIndex !== null) {
        index = { ...index, published: publishedByCrate(answers) };
    }
    const indexed = withIndexFacts(changes.lockfiles, cratesIndex === null ? null : (answers ?? new Map()));
    problems.push(...indexed.problems);
    const aged = now === undefined || policies === null
        ? indexed
        : withPublishAge(indexed.lockfiles, {
            now,
            answers: cratesIndex === null ? null : (answers ?? new Map()),
            authoritative: cratesIndex?.description === DEFAULT_CRATES_INDEX_URL,
            policies: await policies
        });
    if (aged !== indexed)
        problems.push(...aged.problems);
    for (const lockfile of aged.lockfiles) {
        for (const change of lockfile.changes) {
            const status = change.registry?.status;
            if (status === 'crate-not-found' || status === 'version-not-found') {
                logger.warning(`${change.name} ${change.version ?? ''} (${lockfile.path}): ${change.registry?.note ?? ''}`);
            }
        }
    }
    const releases = (name) => {
        if (cratesIndex === null)
            return { unknown: INDEX_OFF };
        const answer = answers?.get(name);
        if (answer === undefined)
            return { unknown: 'the crates.io index was not asked for this crate' };
        if (answer.kind === 'unknown')
            return { unknown: `crates.io index: ${answer.reason}` };
        if (answer.kind === 'crate-not-found')
            return { releases: [] };
        return {
            releases: answer.file.versions.map((entry) => ({
                version: entry.version,
                yanked: entry.yanked,
                rust_version: entry.rustVersion ?? null
            }))
        };
    };
    const annotated = annotate(aged.lockfiles, changes.manifests, index, options.ignore ?? [], {
        pins: changes.pins,
        releases,
        indexAsked: cratesIndex !== null
    });
    for (const unused of changes.unusedLockfiles) {
        problems.push({
            kind: 'other',
            message: `${unused.path} is not read by Cargo on the ${unused.side} side (its package is a member of the workspace of ${unused.workspace_root}, whose Cargo.lock Cargo uses)${unused.side === 'head' ? '; it is not judged' : ''}`,
            incomplete: false
        });
    }
    // The fixes as Cargo will take them: checked against the requirements that hold each crate.
    const parents = await early.parents;
    const lockfiles = await withFixRequirements(annotated.lockfiles, {
        head: options.head,
        cratesIndex,
        answers: parents == null ? answers : new Map([...parents, ...(answers ?? [])]),
        logger,
        graphs
    });
    for (const rule of annotated.unusedRules) {
        logger.info(`ignore rule ${rule.id} (${rule.origin}) matched no advisory in this change`);
    }
    if (outage === null)
        problems.push(...annotated.problems);
    else {
        // One cause, said once: the per-crate lines it would repeat are dropped (each change keeps its
        // lookup_error), other per-crate failures stay.
        const repeated = outage.reason;
        problems.push(outage.problem, ...annotated.problems.filter((problem) => !(problem.kind === 'lookup-failed' && problem.message.endsWith(repeated))));
    }
    return {
        schema_version: 1,
        tool: { name: 'cargo-advisory-review', version: options.toolVersion ?? '0.0.0' },
        base: options.base.label,
        head: options.head.label,
        advisory_source: options.source?.description ?? null,
        crates_index: cratesIndex?.description ?? null,
        complete: !problems.some((problem) => problem.incomplete),
        problems,
        summary: {
            ...summarize(lockfiles, annotated.manifests),
            ...(now === undefined ? {} : countPublishAges(lockfiles))
        },
        lockfiles,
        manifests: annotated.manifests,
        unused_lockfiles: changes.unusedLockfiles
    };
}

// The `fail-on-too-new` gate: fail when the change adds or updates a version younger than the
// cooldown its lockfile is under, or one whose age (or cooldown) could not be established under
// it (unknown is never clean). Without any cooldown there is nothing to check, and that is said.
function evaluateAgeGate(report) {
    const gate = { tooNew: [], unknown: [], active: false };
    for (const lockfile of report.lockfiles) {
        const cooldown = lockfile.cooldown;
        if (cooldown === undefined || cooldown.status === 'none' || cooldown.status === 'off')
            continue;
        if (!lockfile.changes.some((change) => change.kind !== 'removed'))
            continue;
        gate.active = true;
        if (cooldown.status === 'unknown') {
            gate.unknown.push(`${lockfile.path}: its cooldown is unknown: ${cooldown.origin ?? ''}`);
            continue;
        }
        for (const change of lockfile.changes) {
            const age = change.publish_age;
            if (age === null || age === undefined || age.min_publish_age_seconds === null)
                continue;
            const line = `${change.name} ${change.version ?? ''} (${lockfile.path})`;
            if (age.too_new === true) {
                gate.tooNew.push(`${line}: published ${age.published ?? '?'}, ${formatAge(age.age_seconds ?? 0)} ago, younger than ${formatAge(age.min_publish_age_seconds)}`);
            }
            else if (age.too_new === null) {
                gate.unknown.push(`${line}: ${age.note ?? 'publish age unknown'}`);
            }
        }
    }
    return gate;
}
/** The failure message, or null when nothing is too new or unknown. */
function ageGateFailure(gate, subject = 'The pull request') {
    const parts = [];
    const list = (lines) => lines
        .slice(0, 10)
        .map((line) => `  - ${line}`)
        .join('\n') + (lines.length > 10 ? `\n  - … and ${formatCount(lines.length - 10)} more` : '');
    if (gate.tooNew.length > 0) {
        parts.push(`${subject} adds versions younger than the cooldown (min-publish-age):\n${list(gate.tooNew)}`);
    }
    if (gate.unknown.length > 0) {
        parts.push(`Whether these versions are too new is unknown:\n${list(gate.unknown)}`);
    }
    return parts.length === 0 ? null : parts.join('\n');
}

/** The incomplete reason of a report made without an advisory source. */
const NOT_LOOKED_UP = 'advisories were not looked up (no advisory source)';
function describeChange(change, lockfiles, ids) {
    const versions = change.kind === 'added'
        ? `${change.version ?? ''} (new)`
        : `${change.previous ?? ''} → ${change.version ?? ''}`;
    return `${change.name} ${versions} (${lockfiles.join(', ')}): ${ids.join(', ')}`;
}
/** The gate's facts from the Review's units (crate changes with their lockfiles, counted requirements). */
function evaluateGate(report, units = crateUnits(report.lockfiles), requirements = [
    ...countedRequirements(report.manifests).values()
], unknownByCause = placeUnits(report).unknownByCause) {
    const reasons = [];
    for (const file of [...report.lockfiles, ...report.manifests]) {
        // The same sentence as its problem, so one unreadable file is one reason.
        if (file.error !== null)
            reasons.push(fileProblemMessage(file.error));
    }
    // The Review's one grouping of unknown advisories by cause, as the comment's overview reads it:
    // an outage is one cause like any other, with its crates counted the same way.
    for (const [cause, names] of unknownByCause) {
        reasons.push(unknownReason(cause, names) + outageHint(report, cause));
    }
    // The per-cause lines above say what the look-up problems (an outage included) say, once; so
    // do the file lines for the problem each unreadable lockfile or manifest also records.
    const unreadable = [...report.lockfiles, ...report.manifests]
        .filter((file) => file.error !== null)
        .map((file) => file.path);
    const outage = [...unknownByCause.keys()].some(isOutageReason);
    const saidAbove = (problem) => problem.kind === 'lookup-failed' ||
        (problem.kind === 'source-unavailable' && outage) ||
        // Each unreadable version is also its change's lookup_error, said above.
        problem.kind === 'unreadable-version' ||
        (problem.kind === 'unreadable-file' &&
            unreadable.some((path) => problem.message.startsWith(`${path}:`) || problem.message.startsWith(`${path} `)));
    for (const problem of report.problems) {
        if (problem.incomplete && !saidAbove(problem))
            reasons.push(problem.message);
    }
    const affected = [];
    const introduced = [];
    const affectedIds = new Set();
    const introducedIds = new Set();
    /** One counted change: its introduced and still-affected ids, and how messages name it. */
    const countedId = aliasFolder([
        ...units.flatMap((unit) => unit.change.advisories),
        ...requirements.flatMap((unit) => unit.change.advisories)
    ]);
    const count = (advisories, describe) => {
        const newly = [...new Set(withVerdict(advisories, 'introduced').map((a) => countedId(a.id)))];
        const kept = [...new Set(withVerdict(advisories, 'still-affected').map((a) => countedId(a.id)))];
        if (newly.length > 0) {
            introduced.push(describe(newly));
            for (const id of newly)
                introducedIds.add(id);
        }
        if (newly.length + kept.length > 0) {
            affected.push(describe([...newly, ...kept]));
            for (const id of [...newly, ...kept])
                affectedIds.add(id);
        }
    };
    for (const { change, lockfiles } of units) {
        if (change.kind !== 'removed') {
            count(change.advisories, (ids) => describeChange(change, lockfiles, ids));
        }
    }
    // Requirement changes no lockfile change resolves: judged by Cargo's pick, or (pick unknown)
    // counted when every admitted version is affected.
    for (const { change, manifests } of requirements) {
        const from = effectiveReq(change, 'base');
        const to = effectiveReq(change, 'head') ?? '*';
        const requirement = from === null ? `${to} (new)` : `${from} → ${to}`;
        const resolution = change.resolution ?? null;
        const judged = pickedByCargo(change) && resolution !== null && 'version' in resolution
            ? `Cargo picks ${resolution.version ?? '?'}`
            : 'every admitted version affected';
        count(change.advisories, (ids) => `${change.name} requirement ${requirement}, ${judged} (${manifests.join(', ')}): ${ids.join(', ')}`);
    }
    // Unknown is never clean: without an advisory source no version is known to be unaffected.
    if (report.advisory_source === null)
        reasons.push(NOT_LOOKED_UP);
    const unique = [...new Set(reasons)];
    const incomplete = !report.complete || unique.length > 0;
    if (incomplete && unique.length === 0)
        unique.push('the report says it is incomplete');
    const sorted = (ids) => [...ids].sort();
    return {
        affectedCount: affected.length,
        advisoryIds: sorted(affectedIds),
        affected,
        introducedCount: introduced.length,
        introducedIds: sorted(introducedIds),
        introduced,
        incomplete,
        incompleteReasons: unique
    };
}
/** One cause of unknown advisories: how many crates, which (the first ten), and why. */
function unknownReason(cause, names) {
    const shown = names.slice(0, 10).join(', ');
    const more = names.length > 10 ? ` and ${formatCount(names.length - 10)} more` : '';
    return `advisories of ${plural(names.length, 'crate')} are unknown (${shown}${more}): ${cause}`;
}
/** The failure message for the gate in this mode, or null when the gate passes. */
function gateFailure(gate, mode = 'introduced') {
    if (mode === 'off')
        return null;
    const parts = [];
    if (mode === 'introduced' && gate.introducedCount > 0) {
        parts.push(`This change introduces ${plural(gate.introducedIds.length, 'advisory', 'advisories')} in ${plural(gate.introducedCount, 'crate', 'crates')} (${gate.introducedIds.join(', ')}):\n` +
            gate.introduced.map((line) => `  - ${line}`).join('\n'));
    }
    if (mode === 'any' && gate.affectedCount > 0) {
        parts.push(`${plural(gate.affectedCount, 'added or updated crate version is', 'added or updated crate versions are')} affected by advisories (${gate.advisoryIds.join(', ')}):\n` +
            gate.affected.map((line) => `  - ${line}`).join('\n'));
    }
    if (gate.incomplete) {
        const shown = gate.incompleteReasons.slice(0, 10);
        const more = gate.incompleteReasons.length - shown.length;
        parts.push(`The analysis is incomplete, so advisories may be missing:\n` +
            shown.map((line) => `  - ${line}`).join('\n') +
            (more > 0 ? `\n  - … and ${formatCount(more)} more` : ''));
    }
    return parts.length === 0 ? null : parts.join('\n');
}
/** An outage's advice (`set --advisory-source …`), as its one problem carries it. */
function outageHint(report, cause) {
    if (!isOutageReason(cause))
        return '';
    const hint = report.problems.find((p) => p.kind === 'source-unavailable')?.hint?.trim() ?? '';
    return hint === '' ? '' : `. ${hint.replace(/\.$/, '')}`;
}

// The `fail-on-yanked` gate: fail when the change introduces a crates.io version that the index
// marks as yanked, that the index does not list, or whose status could not be read (unknown is
// never clean). Only added and updated versions count; a version already there is not judged.
function evaluateYankedGate(report) {
    const gate = { yanked: [], unlisted: [], unknown: [] };
    for (const lockfile of report.lockfiles) {
        for (const change of lockfile.changes) {
            const status = registryStatus(change);
            if (status === null || status === 'listed')
                continue;
            const line = `${change.name} ${change.version ?? ''} (${lockfile.path})`;
            const note = change.registry?.note ?? null;
            if (status === 'yanked')
                gate.yanked.push(line);
            else if (status === 'unknown')
                gate.unknown.push(`${line}: ${note ?? 'yanked status unknown'}`);
            else
                gate.unlisted.push(`${line}: ${note ?? status}`);
        }
    }
    return gate;
}
/** The failure message, or null when nothing introduced is yanked, unlisted or unknown. */
function yankedGateFailure(gate, subject = 'The pull request') {
    const parts = [];
    const list = (lines) => lines.map((line) => `  - ${line}`).join('\n');
    if (gate.yanked.length > 0) {
        parts.push(`${subject} introduces yanked crate versions:\n${list(gate.yanked)}`);
    }
    if (gate.unlisted.length > 0) {
        parts.push(`${subject} introduces crates.io versions the crates.io index does not list:\n${list(gate.unlisted)}`);
    }
    if (gate.unknown.length > 0) {
        parts.push(`Whether these versions are yanked is unknown:\n${list(gate.unknown.slice(0, 10))}${gate.unknown.length > 10 ? `\n  - … and ${formatCount(gate.unknown.length - 10)} more` : ''}`);
    }
    return parts.length === 0 ? null : parts.join('\n');
}

// The gates over the Review: `gate(review, policy)` is the run's one decision — pass, fail or
// incomplete, the outcome the comment's first line, the job summary and the CLI's first line
// state, and the failure messages the action and the CLI print. Unknown is never clean: an
// incomplete analysis is its own outcome unless something known already fails. Pure.
/** The action's and the CLI's defaults: no gate on. */
const NO_GATES = { failOnAffected: 'off', failOnYanked: false };
function nameOnly(line) {
    // The yanked gate's lines are `name version (lockfile)[: note]`.
    return line.replace(/ \([^)]*\)(: .*)?$/s, '');
}
/** The decision under `policy`; messages speak of `subject` (the action's PR, the CLI's change). */
function gate(review, policy = NO_GATES, subject = 'The pull request') {
    const { affected, yanked, ages } = review;
    const failOnTooNew = policy.failOnTooNew === true;
    const unique = (lines) => [...new Set(lines.map(nameOnly))];
    const outcome = {
        status: 'passes',
        modes: policy,
        introducedCrates: review.introducedCrates,
        maliciousCrates: review.maliciousCrates,
        introducedChanges: review.counts.introduced_crates,
        introducedAdvisories: review.counts.introduced_ids.length,
        affectedCount: affected.affectedCount,
        yanked: policy.failOnYanked ? unique(yanked.yanked) : [],
        unlisted: policy.failOnYanked ? unique(yanked.unlisted) : [],
        tooNew: failOnTooNew ? unique(ages.tooNew) : [],
        incompleteReasons: [
            ...affected.incompleteReasons,
            ...(policy.failOnYanked && yanked.unknown.length > 0
                ? [
                    `whether ${formatCount(unique(yanked.unknown).length)} new versions are yanked is unknown`
                ]
                : []),
            ...(failOnTooNew && ages.unknown.length > 0
                ? [
                    `the publish age of ${formatCount(unique(ages.unknown).length)} new versions under the cooldown is unknown`
                ]
                : [])
        ]
    };
    // Each gate that is on: known failures, then unknowns.
    const failing = (policy.failOnAffected === 'introduced' && affected.introducedCount > 0) ||
        (policy.failOnAffected === 'any' && affected.affectedCount > 0) ||
        (policy.failOnYanked && yanked.yanked.length + yanked.unlisted.length > 0) ||
        (failOnTooNew && ages.tooNew.length > 0);
    const unknown = (policy.failOnAffected !== 'off' && affected.incomplete) ||
        (policy.failOnYanked && yanked.unknown.length > 0) ||
        (failOnTooNew && ages.unknown.length > 0);
    const result = failing ? 'fail' : unknown ? 'incomplete' : 'pass';
    return {
        result,
        outcome: { ...outcome, status: status(review, outcome, result) },
        failures: {
            affected: gateFailure(affected, policy.failOnAffected),
            yanked: policy.failOnYanked ? yankedGateFailure(yanked, subject) : null,
            tooNew: failOnTooNew ? ageGateFailure(ages, subject) : null
        }
    };
}
/**
 * The first line's status follows the gates' result, so the first line and the exit code agree:
 * `fail` is `fails` (also without an advisory source: a yanked version fails on its own);
 * otherwise what is unknown comes first — `not-checked` when the only unknown is that no advisory
 * source was used — then what was introduced with no gate on it.
 */
function status(review, outcome, result) {
    const { report } = review;
    if (result === 'fail')
        return 'fails';
    // The gate's reasons say every unknown (an incomplete report always gives one).
    const unknowns = outcome.incompleteReasons.filter((reason) => reason !== NOT_LOOKED_UP);
    if (report.advisory_source === null && unknowns.length === 0)
        return 'not-checked';
    if (outcome.incompleteReasons.length > 0)
        return 'incomplete';
    if (outcome.introducedCrates.length > 0)
        return 'not-gated';
    return 'passes';
}

function buildReview(report) {
    const units = crateUnits(report.lockfiles);
    const requirements = [...countedRequirements(report.manifests).values()];
    // Sets, not arrays: a PR of thousands of crates would make `includes` quadratic.
    const introducedCrates = new Set();
    const maliciousCrates = new Set();
    const changes = [
        ...report.lockfiles.flatMap((l) => l.changes.filter((c) => c.kind !== 'removed')),
        ...requirements.map((unit) => unit.change)
    ];
    for (const change of changes) {
        const introduced = withVerdict(change.advisories, 'introduced');
        if (introduced.length === 0)
            continue;
        introducedCrates.add(change.name);
        if (introduced.some(isMaliciousFinding))
            maliciousCrates.add(change.name);
    }
    const places = placeUnits(report);
    return {
        ...places,
        report,
        countedRequirements: requirements,
        affected: evaluateGate(report, units, requirements, places.unknownByCause),
        yanked: evaluateYankedGate(report),
        ages: evaluateAgeGate(report),
        introducedCrates: [...introducedCrates],
        maliciousCrates: [...maliciousCrates],
        counts: report.summary
    };
}

// The JSON report: the Report model itself, serialised deterministically, in chunks, so that a
// report longer than the longest string V8 allows (2^29 − 24 characters; ~400,000 findings) is
// still written. The bytes equal what JSON.stringify of the key-sorted report makes, + "\n".
const CHUNK_CHARS = 1 << 16;
const byKey = ([a], [b]) => a < b ? -1 : a > b ? 1 : 0;
const omitted = (value) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
/** What JSON.stringify serialises in place of a value (its toJSON(), e.g. for a Date). */
function plain(value) {
    if (value !== null && typeof value === 'object' && 'toJSON' in value) {
        const toJSON = value.toJSON;
        if (typeof toJSON === 'function')
            return toJSON.call(value);
    }
    return value;
}
/**
 * Serialises `value` as JSON.stringify(value-with-sorted-keys, null, 2) would, handing the text to
 * `emit` in chunks of about 64 KiB; only leaves go through JSON.stringify, so no string ever holds
 * more than one chunk or one value of the model.
 */
function serializeJson(value, emit) {
    let parts = [];
    let size = 0;
    const put = (part) => {
        parts.push(part);
        size += part.length;
        if (size >= CHUNK_CHARS) {
            emit(parts.join(''));
            parts = [];
            size = 0;
        }
    };
    // A big report repeats itself (one advisory's text under every crate it lists): long strings
    // are escaped once, and each object shape's key order is worked out once.
    const escaped = new Map();
    const orders = new Map();
    const walk = (raw, indent) => {
        // Every string leaf loses the registered secrets (the action's token), whatever echoed it.
        const leaf = plain(raw);
        const item = typeof leaf === 'string' ? redactSecrets(leaf) : leaf;
        if (typeof item === 'string' && item.length > 256) {
            let text = escaped.get(item);
            if (text === undefined) {
                text = JSON.stringify(item);
                if (escaped.size > 4096)
                    escaped.clear();
                escaped.set(item, text);
            }
            put(text);
            return;
        }
        if (item === null || typeof item !== 'object') {
            put(JSON.stringify(omitted(item) ? null : item));
            return;
        }
        const inner = indent + '  ';
        if (Array.isArray(item)) {
            if (item.length === 0) {
                put('[]');
                return;
            }
            for (let i = 0; i < item.length; i += 1) {
                put(i === 0 ? `[\n${inner}` : `,\n${inner}`);
                const element = item[i];
                walk(omitted(plain(element)) ? null : element, inner);
            }
            put(`\n${indent}]`);
            return;
        }
        const record = item;
        let first = true;
        for (const key of keyOrder(record, orders)) {
            const v = record[key];
            if (omitted(plain(v)))
                continue;
            put(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
            first = false;
            walk(v, inner);
        }
        put(first ? '{}' : `\n${indent}}`);
    };
    walk(value, '');
    if (size > 0)
        emit(parts.join(''));
}
/** An object's keys in the report's order, memoised by the object's shape (its key list). */
function keyOrder(record, orders) {
    const keys = Object.keys(record);
    if (ascendingNames(keys))
        return keys;
    const shape = JSON.stringify(keys);
    let order = orders.get(shape);
    if (order === undefined) {
        // Through an object, as the sorted report always went: integer-like keys come first then.
        order = Object.keys(Object.fromEntries(keys.map((key) => [key, 0]).sort(byKey)));
        orders.set(shape, order);
    }
    return order;
}
/**
 * Keys already in the report's order, found without a look-up: no integer-like key (those come
 * first in any object's own order, which the memo works out) and each name after the one before.
 * A third of a large report's objects are built this way.
 */
function ascendingNames(keys) {
    let previous = '';
    for (const key of keys) {
        if (key <= previous || INDEX_LIKE.test(key))
            return false;
        previous = key;
    }
    return true;
}
/** What an object orders as an integer index (ECMAScript's array index, up to 2^32 − 2). */
const INDEX_LIKE = /^(?:0|[1-9][0-9]{0,9})$/;
/** Deterministic JSON: sorted keys, 2-space indent, trailing newline (for reports that fit a string). */
function renderJson(report) {
    // One string is wanted anyway, so the native serialiser writes it, from a key-sorted copy: half
    // the CPU of the chunked walk on a large report (serializeJson stays for what may not fit).
    return JSON.stringify(sortedCopy(report, new Map()), null, 2) + '\n';
}
/**
 * What serializeJson writes, as a value JSON.stringify writes the same way: toJSON() applied,
 * secrets redacted from strings, keys in serializeJson's order (`undefined`, functions and symbols
 * come through as they are, and JSON.stringify leaves them out, or writes null in an array).
 */
function sortedCopy(raw, orders) {
    const item = plain(raw);
    if (typeof item === 'string')
        return redactSecrets(item);
    if (item === null || typeof item !== 'object')
        return item;
    if (Array.isArray(item))
        return item.map((element) => sortedCopy(element, orders));
    const record = item;
    const order = keyOrder(record, orders);
    // No prototype: a key `__proto__` is an own key here, as serializeJson writes it.
    const out = Object.create(null);
    for (const key of order)
        out[key] = sortedCopy(record[key], orders);
    return out;
}
/** The JSON report, trailing newline included, in chunks (e.g. to a synchronous stdout write). */
function writeJsonTo(report, emit) {
    serializeJson(report, emit);
    emit('\n');
}
/** Writes the JSON report to a file, chunk by chunk. */
function writeJsonFile(report, path) {
    const fd = openSync(path, 'w');
    try {
        writeJsonTo(report, (chunk) => {
            writeSync(fd, chunk, null, 'utf8');
        });
    }
    finally {
        closeSync(fd);
    }
}

// Reads the head texts of the report's changed Cargo files and locates every finding in them.
// A file that cannot be read leaves its findings on the file, without a line.
async function findingsWithLocations(report, head, options = {}) {
    const paths = [...report.lockfiles, ...report.manifests].map((file) => file.path);
    const texts = new Map();
    await Promise.all(paths.map(async (path) => {
        const read = await head.read(path);
        if (read.kind === 'ok')
            texts.set(path, read.text);
    }));
    return locateFindings({
        lockfiles: report.lockfiles,
        manifests: report.manifests,
        texts,
        unmaintained: options.unmaintained ?? false,
        failOnTooNew: options.failOnTooNew ?? false
    });
}
/** The report with its `findings` (for the JSON report), and the findings to annotate. */
async function locateReport(report, head, options = {}) {
    const findings = await findingsWithLocations(report, head, options);
    return { report: { ...report, findings: reportFindings(findings) }, findings };
}
function reportLocation(path, span) {
    return {
        path,
        line: span?.line ?? null,
        end_line: span?.endLine ?? null,
        column: span?.column ?? null,
        end_column: span?.endColumn ?? null
    };
}
/** The findings as the JSON report's public shape. Pure. */
function reportFindings(findings) {
    return findings.map((finding) => ({
        kind: finding.kind,
        level: finding.level,
        crate: finding.crate,
        version: finding.version,
        previous: finding.previous,
        requirement: finding.req,
        changed_file: finding.file,
        advisory_ids: finding.advisories.map((advisory) => advisory.id),
        note: finding.note,
        dependency_path: finding.member === null ? null : [finding.member, ...finding.via, finding.crate],
        message: findingSubject(finding),
        located_by: finding.location.via,
        location: reportLocation(finding.location.path, finding.location.span),
        related_locations: finding.location.related.map((related) => reportLocation(related.path, related.span))
    }));
}

/**
 * Whether every fix version the report names comes from the advisories alone (the crates.io index
 * was off or failed for all of them): then the overview says so once instead of every crate.
 */
function fixesUnchecked(report) {
    const fixes = namedFixes(report);
    return fixes.length > 0 && fixes.every((fix) => !fix.checked_published);
}
/** The fix advice of every change that names a fixed version. */
function namedFixes(report) {
    return report.lockfiles.flatMap((l) => l.changes.flatMap((c) => (c.fix === null || c.fix.version === null ? [] : [c.fix])));
}
const MARKDOWN$1 = {
    code: (value, max = 200) => code(clip(value, max)),
    text: (value) => text(clip(value))
};
function sectionName(r) {
    return r.section === 'workspace.dependencies' ? '[workspace.dependencies]' : `[${r.section}]`;
}
/** "`[dependencies]` of `Cargo.toml` (and 3 more)". */
function requirementPlaces(list, m) {
    const first = list[0];
    if (first === undefined)
        return '';
    const more = list.length > 1 ? ` (and ${String(list.length - 1)} more)` : '';
    return `${m.code(`${first.crate} = "${first.requirement}"`)} in ${m.code(sectionName(first))} of ${m.code(first.manifest, 300)}${more}`;
}
function parentClause(p, crate, target, m) {
    const head = `${m.code(crate)} comes in through ${m.code(p.name)} ${m.text(p.version)}, whose requirement ${m.code(p.requirement)} does not admit ${m.text(target)}`;
    return p.release === null
        ? `${head}, and no release of ${m.code(p.name)} admits it yet`
        : p.release_requirement === null
            ? `${head}; its release ${m.text(p.release)} no longer depends on it`
            : `${head}; its release ${m.text(p.release)} does`;
}
/**
 * The advice in words: one value (`change.fix`) for the comment and the CLI alike. `short` is one
 * clause for name lists.
 */
function fixWords(fix, form, m = MARKDOWN$1) {
    const target = fix.version === null ? null : m.text(fix.version);
    const cmd = fix.command === null ? '' : m.code(fix.command, 600);
    const notes = [];
    if (fix.unmaintained_note)
        notes.push('the advisory says the crate is unmaintained');
    if (fix.archived_note)
        notes.push('the advisory says its repository is archived');
    const also = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    if (form === 'short') {
        switch (fix.kind) {
            case 'none':
                return `No fixed version is published${also}.`;
            case 'remove':
                return 'A malicious crate: remove it.';
            case 'compromised':
                return target === null
                    ? 'Compromised release: no clean release named.'
                    : `Compromised release: move to ${target}.`;
            case 'edit-requirements':
                return `Fix: ${target ?? '?'} (a requirement must change).`;
            case 'update-parent':
                return `Fix: ${target ?? '?'} (a parent crate must move).`;
            case 'no-parent-release':
                return `Fix: ${target ?? '?'}, which no release of its parent admits yet.`;
            case 'update':
                return `Fix: ${target ?? '?'}.`;
        }
    }
    const parts = [];
    switch (fix.kind) {
        case 'none':
            parts.push(`none: no fixed version is published${also}.`);
            break;
        case 'remove':
            parts.push('none: this is a malicious crate (every published version is marked): remove the dependency.');
            break;
        case 'compromised':
        case 'edit-requirements':
        case 'update-parent':
        case 'no-parent-release':
        case 'update': {
            if (fix.kind === 'compromised' && target === null) {
                parts.push('compromised releases, not a malicious crate: no release free of the advisories shown here was found to name; move to a release from before the compromise.');
                break;
            }
            if (fix.kind === 'compromised') {
                parts.push(`compromised releases, not a malicious crate: move to ${target ?? '?'}, a version no advisory shown here marks.`);
            }
            const stuck = fix.parents.filter((p) => p.release === null);
            for (const p of fix.parents)
                parts.push(`${parentClause(p, fix.crate, target ?? '?', m)}.`);
            if (fix.requirements.length > 0) {
                const verb = fix.kind === 'compromised' ? 'change' : 'raise';
                const byCrate = new Map();
                for (const r of fix.requirements)
                    byCrate.set(r.crate, [...(byCrate.get(r.crate) ?? []), r]);
                for (const [crate, list] of byCrate) {
                    const to = crate === fix.crate
                        ? (target ?? '?')
                        : m.text(fix.parents.find((p) => p.name === crate)?.release ?? '?');
                    parts.push(`${verb === 'raise' ? 'Raise' : 'Change'} the requirement ${requirementPlaces(list, m)} to admit ${to}.`);
                }
            }
            if (stuck.length === 0 && cmd !== '') {
                const alone = parts.length === 0;
                parts.push(alone ? `${cmd}.` : fix.requirements.length > 0 ? `Then: ${cmd}.` : `Run ${cmd}.`);
            }
            if (fix.kind === 'update' &&
                fix.newest_compatible !== null &&
                fix.newest_compatible !== fix.version) {
                parts.push(`The newest published compatible version without them is ${m.text(fix.newest_compatible)}.`);
            }
            if (fix.unread.length > 0) {
                const shown = fix.unread.slice(0, 3).map((u) => m.code(u));
                const more = fix.unread.length > 3 ? `, and ${String(fix.unread.length - 3)} more` : '';
                const who = `${shown.join(', ')}${more}`;
                parts.push(fix.kind === 'update' && fix.compatible === false
                    ? `${target ?? '?'} is not semver-compatible with ${m.text(fix.current)}: this works only if the requirements of ${who} admit it, and they could not be read.`
                    : `This assumes the requirements of ${who} admit ${target ?? '?'}: they could not be read.`);
            }
            break;
        }
    }
    return parts.join(' ');
}
/** The fix advice of an affected change as one paragraph (`short`: one clause for name lists).
 * `notedOnce`: the overview already says that no fix was checked against the index. */
function fixSentence(change, form = 'full', notedOnce = false) {
    const fix = change.fix;
    if (fix === null)
        return '';
    if (form === 'short')
        return fixWords(fix, 'short');
    const words = fixWords(fix, 'full');
    const named = fix.version !== null && !fix.checked_published && !notedOnce
        ? ' Named by the advisories; not checked against the crates.io index.'
        : '';
    return `**Fix:** ${words}${named}`;
}
/** What every "Fix" names, said once in the overview. */
const FIX_MEANING = 'A fix is the smallest version at or above the new one free of the advisories shown.';
/** The table's Fix column. */
function fixCell(change) {
    const fix = change.fix;
    if (fix === null)
        return '–';
    const version = text(clip(fix.version ?? '?'));
    switch (fix.kind) {
        case 'none':
            return 'none published';
        case 'remove':
            return 'none (malicious crate)';
        case 'compromised':
            return fix.version === null
                ? 'none named (compromised release)'
                : `${version} (compromised release)`;
        case 'edit-requirements':
            return `${version} (requirement change)`;
        case 'update-parent':
            return `${version} (parent must move)`;
        case 'no-parent-release':
            return `${version} (no parent release yet)`;
        case 'update':
            return fix.compatible === null
                ? `${version} (requirements not read)`
                : fix.compatible
                    ? version
                    : `${version} (not semver-compatible)`;
    }
}

/** What the index said, in words (`strong`: a finding, not only a missing fact); null: nothing. */
function registryFact(change) {
    const registry = change.registry;
    if (registry === null || registry === undefined)
        return null;
    switch (registry.status) {
        case 'published':
            return change.yanked === true ? { words: 'yanked', strong: true } : null;
        case 'crate-not-found':
            return { words: 'crate not on crates.io', strong: true };
        case 'version-not-found':
            return { words: 'version not on crates.io', strong: true };
        case 'unknown':
            return { words: 'yanked: unknown', strong: false };
    }
}
/** ` · **yanked**`-style suffix for the new version; empty when there is nothing to say. */
function registryLabel(change) {
    const fact = registryFact(change);
    if (fact === null)
        return '';
    return fact.strong ? ` · **${fact.words}**` : ` · ${fact.words}`;
}
/** The intro of the list of such versions. */
const REGISTRY_INTRO = 'The crates.io index marks these versions as yanked (withdrawn by their publisher; no longer ' +
    'chosen by new resolutions), or does not list them at all (a crates.io package the registry ' +
    'does not know: a removed crate, a typo, or a lockfile pointing elsewhere).';

/** "this pull request" for the action, "this change" for the CLI. */
function thisChange(context) {
    return context === 'cli' ? 'this change' : 'this pull request';
}

function picked(resolution) {
    if (resolution === null || resolution === undefined)
        return null;
    if (resolution.kind === 'fresh-resolution' || resolution.kind === 'stale-lockfile')
        return resolution.version;
    if (resolution.kind === 'lockfile')
        return resolution.version;
    return null;
}
/** Null when the head requirement is not judged by a pick (a lockfile pin, or an unknown pick). */
function resolutionSentence(change) {
    const head = change.resolution ?? null;
    const version = picked(head);
    if (head === null || version === null || head.kind === 'lockfile' || head.kind === 'unknown')
        return null;
    let sentence = head.kind === 'stale-lockfile'
        ? `${code(clip(head.lockfile, 300))} pins ${head.locked.length === 0 ? 'nothing' : head.locked.map((v) => text(clip(v))).join(', ')} for it, which this requirement does not admit (\`cargo build --locked\` fails): Cargo picks ${code(clip(version))} instead, and it is judged by that version.`
        : `Without a lockfile, Cargo resolves this requirement to ${code(clip(version))}, the highest published, non-yanked version it admits${head.msrv === null ? '' : ` for Rust ${text(clip(head.msrv))}`}; it is judged by that version.`;
    const before = picked(change.previous_resolution);
    if (before !== null && before !== version)
        sentence += ` Before: ${code(clip(before))}.`;
    return sentence;
}

// A version's publish age as a fact next to it ("published 2 days ago, 2026-12-05, new crate")
// and the versions younger than the repository's cooldown. No score: an age is a fact, and the
// cooldown is the repository's own rule.
/** `40 minutes`, `5 hours`, `2 days`: how long ago, in the unit a reader thinks in. */
function agoText(seconds) {
    const plural = (n, unit) => `${String(n)} ${unit}${n === 1 ? '' : 's'}`;
    if (seconds < 3600)
        return plural(Math.floor(seconds / 60), 'minute');
    if (seconds < 2 * 86_400)
        return plural(Math.floor(seconds / 3600), 'hour');
    return plural(Math.floor(seconds / 86_400), 'day');
}
function day(time) {
    return text(clip(time.slice(0, 10)));
}
/** The publish fact in words; null when there is none to give (removed, not asked). */
function publishedText(change) {
    const age = change.publish_age;
    if (age === null || age === undefined)
        return null;
    const fresh = change.new_to_tree === true ? ', new crate' : '';
    switch (age.status) {
        case 'known':
            return `${agoText(age.age_seconds ?? 0)} ago, ${day(age.published ?? '')}${fresh}`;
        case 'before':
            return `before ${day(age.published_before ?? '')}${fresh}`;
        case 'not-recorded':
            return `publish time not recorded (older than the index’s record)${fresh}`;
        case 'unknown':
            return `unknown${fresh}`;
        case 'not-aged':
            return 'not aged';
    }
}
/** The table cell (the table escapes pipes). */
function publishedCell(change) {
    return publishedText(change) ?? '–';
}
/**
 * Some version's publication is dated (the run had a clock and read the index): the table shows
 * the column and the comment the list. With the index off every age would read "unknown".
 */
function hasPublishAges(report) {
    const dated = new Set(['known', 'before', 'not-recorded']);
    return report.lockfiles.some((l) => l.changes.some((c) => c.publish_age != null && dated.has(c.publish_age.status)));
}
function judged(age) {
    return age !== null && age !== undefined && age.min_publish_age_seconds !== null;
}
/** Too new first, then those whose age under the cooldown is unknown. */
function tooNewEntries(all) {
    const tooNew = [];
    const unknown = [];
    for (const entry of all) {
        const age = entry.change.publish_age;
        if (!judged(age) || age.status === 'not-aged')
            continue;
        if (age.too_new === true)
            tooNew.push(entry);
        else if (age.too_new === null)
            unknown.push(entry);
    }
    const youngest = (a, b) => (a.change.publish_age?.age_seconds ?? 0) - (b.change.publish_age?.age_seconds ?? 0);
    tooNew.sort(youngest);
    return { tooNew, unknown };
}
/** The cooldown(s) the listed versions are judged by: `7 days (min-publish-age input)`. */
function cooldownText(report) {
    const seen = new Map();
    for (const lockfile of report.lockfiles) {
        const cooldown = lockfile.cooldown;
        if (cooldown?.status !== 'active' || cooldown.min_publish_age_seconds === null)
            continue;
        seen.set(formatAge(cooldown.min_publish_age_seconds), text(clip(cooldown.origin ?? '', 300)));
    }
    return [...seen].map(([age, origin]) => `${age} (${origin})`).join('; ');
}
/** One line: what is too new, or why its age is unknown. */
function tooNewLine(entry, head) {
    const age = entry.change.publish_age;
    if (!judged(age))
        return head;
    const when = publishedText(entry.change) ?? '';
    if (age.too_new === true) {
        return `${head}: published ${when}; younger than ${formatAge(age.min_publish_age_seconds ?? 0)}`;
    }
    return `${head}: age unknown: ${text(clip(age.note ?? 'not known', 300))}`;
}
const TOO_NEW_INTRO = 'Cargo’s `min-publish-age` keeps a new resolution away from versions younger than the ' +
    'cooldown, but never checks versions already written into a lockfile, such as these.';
/**
 * Every added or updated version with its publish fact, youngest first; versions without an age
 * (unknown, not recorded) after those with one, path and git packages ("not aged") last.
 */
function agedEntries(all) {
    const rank = (entry) => {
        const status = entry.change.publish_age?.status;
        return status === 'known' ? 0 : status === 'not-aged' ? 2 : 1;
    };
    return all
        .filter((entry) => entry.change.publish_age != null)
        .sort((a, b) => rank(a) - rank(b) ||
        (a.change.publish_age?.age_seconds ?? Infinity) -
            (b.change.publish_age?.age_seconds ?? Infinity));
}
/** One line of that list: `- \`tar\` 0.4.15 → 0.4.21: 2 days ago, 2026-12-05`. */
function agedLine(entry, head) {
    return `${head}: ${publishedText(entry.change) ?? '–'}`;
}

// The comment's document model: sections of entries, each entry prepared in every form (whole
// Markdown blocks), so the size fitting in markdown.ts can degrade by swapping forms, never by
// slicing text. What each section is worth, and how it gives way, is in catalogue.ts.
/** Forms are built on first use: a huge report never renders the details it has no room for. */
function lazyItem(make) {
    const cache = {};
    const get = (form) => (cache[form] ??= (make[form] ?? make.compact)());
    return {
        get full() {
            return get('full');
        },
        get compact() {
            return get('compact');
        },
        get brief() {
            return get('brief');
        },
        get name() {
            return get('name');
        }
    };
}
function simpleItem(line) {
    return { full: line, compact: line, brief: line, name: line };
}

// Phrases the comment's sections share: a crate change, paths and lockfiles, advisory ids.
function counts(n, singular, plural = singular + 's') {
    return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
function changeText(entry) {
    const { change } = entry;
    const version = text(clip(change.version ?? '?'));
    const previous = text(clip(change.previous ?? '?'));
    const registry = registryLabel(change);
    if (change.kind === 'added')
        return `${version} (new)${registry}`;
    if (change.kind === 'removed')
        return `${previous} (removed)`;
    return `${previous} → ${version}${isDowngrade(change) ? ' (downgrade)' : ''}${registry}`;
}
function pathText(path) {
    if (path === null || path.length === 0)
        return null;
    const shown = path.length > 12 ? [...path.slice(0, 6), '…', ...path.slice(-5)] : path;
    return shown.map((p) => (p === '…' && path.length > 12 ? '…' : code(clip(p)))).join(' → ');
}
function sourceText(source) {
    if (source === null)
        return 'a path or workspace package';
    return `source ${code(clip(source, 300))}`;
}
const MAX_PATHS = 5;
/** `a`, `b` and 3 more — paths named up to a few, then counted. */
function pathList(paths) {
    // A manifest can hold one requirement in two tables (`[dependencies]` and a target's): named once.
    const unique = [...new Set(paths)];
    const shown = unique.slice(0, MAX_PATHS).map((p) => code(clip(p, 300)));
    const rest = unique.length - shown.length;
    return rest > 0 ? `${shown.join(', ')} and ${counts(rest, 'more', 'more')}` : shown.join(', ');
}
function lockfilesText(entry) {
    return `${entry.lockfiles.length === 1 ? 'Lockfile' : 'Lockfiles'}: ${pathList(entry.lockfiles)}`;
}
function idLinks(advisories) {
    return advisories.map((a) => advisoryLink(a)).join(', ');
}
function idList(advisories) {
    return advisories.map((a) => text(clip(a.id))).join(', ');
}
/** Sorted by id, so the order never depends on the input order. */
function byId(list) {
    return [...list].sort((a, b) => compareText([a.id], [b.id]));
}
function crateName(entry) {
    const malicious = entry.malicious ? ' — **malicious crate**' : '';
    return `${code(clip(entry.change.name))}${malicious}`;
}

const pointer = (step) => ({ step, how: { to: 'pointer' } });
const entries = (step, from, to, note = true) => ({
    step,
    how: { from, to, note }
});
/**
 * Past the target: the lists that decide nothing become counts (1–4); still-affected blocks
 * become one line each (5); lists of packages not looked up become counts (6–7); requirements
 * and introduced crates lose their details text (8–9), their explanations (10–11) and become one
 * line each (12–13), saying so; last, still-affected lines give way to their table rows (14).
 */
const CATALOGUE = [
    { key: 'too-new', value: 'decides', pastTarget: [] },
    { key: 'table', value: 'decides', pastTarget: [] },
    {
        key: 'introduced',
        value: 'decides',
        pastTarget: [
            entries(9, 'full', 'compact'),
            entries(11, 'compact', 'brief'),
            entries(13, 'brief', 'name')
        ]
    },
    {
        key: 'still-affected',
        value: 'affected-before',
        pastTarget: [entries(5, 'full', 'name', false), pointer(14)]
    },
    { key: 'registry', value: 'decides', pastTarget: [] },
    { key: 'unknown', value: 'decides', pastTarget: [] },
    {
        key: 'requirements',
        value: 'decides',
        pastTarget: [
            entries(8, 'full', 'compact'),
            entries(10, 'compact', 'brief'),
            entries(12, 'brief', 'name')
        ]
    },
    { key: 'unmaintained', value: 'context', pastTarget: [] },
    { key: 'fixed', value: 'context', pastTarget: [] },
    { key: 'ignored', value: 'context', pastTarget: [] },
    { key: 'history', value: 'nothing', pastTarget: [pointer(4)] },
    { key: 'requirement-lines', value: 'nothing', pastTarget: [pointer(1)] },
    { key: 'other-sources', value: 'context', pastTarget: [pointer(6)] },
    { key: 'not-looked-up', value: 'context', pastTarget: [pointer(7)] },
    { key: 'no-advisories', value: 'nothing', pastTarget: [pointer(3)] },
    { key: 'publish-ages', value: 'nothing', pastTarget: [pointer(2)] },
    { key: 'problems', value: 'decides', pastTarget: [] }
];
/** Document order of the sections. */
const SECTION_ORDER = CATALOGUE.map((spec) => spec.key);
/** Every way of saying less, in the order the comment takes them. */
const SHORTENINGS = CATALOGUE.flatMap((spec) => spec.pastTarget.map((s) => ({ key: spec.key, step: s.step, how: s.how })))
    .sort((a, b) => a.step - b.step)
    .map(({ key, how }) => ({ key, how }));
/** Sections whose lists give way to a count (so a huge one need not be measured whole). */
const GIVES_WAY = new Set(SHORTENINGS.filter((s) => s.how.to === 'pointer' && s.key !== 'still-affected').map((s) => s.key));
/** Sections whose entries shorten in place (measured at their compact form). */
const SHORTENS = new Set(SHORTENINGS.filter((s) => s.how.to !== 'pointer' && s.key !== 'still-affected').map((s) => s.key));

// Turns the classified report into the comment's sections, decision first: the table, then the
// Security-tab blocks of introduced and still-affected advisories, then everything that decides
// nothing, collapsed. Each entry is prepared in every form of the document model (document.ts);
// what each section is worth and how it gives way is the catalogue's (catalogue.ts).
function lineHead(entry, ctx) {
    const where = ctx.severalLockfiles ? ` in ${pathList(entry.lockfiles)}` : '';
    return `- ${code(clip(entry.change.name))} ${changeText(entry)}${where}`;
}
/**
 * Advisory details are shown once, at the first entry (in document order) that shows the advisory
 * in full; later entries point up.
 */
class DetailsOnce {
    seen = new Set();
    facts = new Map();
    claim(ids) {
        const first = new Set(ids.filter((id) => !this.seen.has(id)));
        for (const id of first)
            this.seen.add(id);
        return first;
    }
    /** Where the same crate's block of this advisory was shown first (its facts are the same for
     * every version of one crate), or null when this entry is the first. */
    shownAt(id, crate, here) {
        const key = `${id}\u0000${crate}`;
        const first = this.facts.get(key);
        if (first === undefined)
            this.facts.set(key, here);
        return first === undefined || first === here ? null : first;
    }
}
/**
 * Crates with no advisories: one line each, or with several lockfiles one line per lockfile
 * naming its crates (the path is not repeated per crate).
 */
function cleanItems(entries, ctx) {
    if (ctx.cleanByName)
        return entries.map((e) => simpleItem(cleanName(e)));
    if (!ctx.severalLockfiles)
        return entries.map((e) => simpleItem(lineHead(e, ctx)));
    const byLockfile = new Map();
    for (const entry of entries) {
        const key = entry.lockfiles.join('\u0000');
        byLockfile.set(key, [...(byLockfile.get(key) ?? []), entry]);
    }
    return [...byLockfile.values()].map((group) => {
        const first = group[0];
        const where = first === undefined ? '' : pathList(first.lockfiles);
        const crates = group.map((e) => `${code(clip(e.change.name))} ${changeText(e)}`).join(', ');
        return simpleItem(`- ${where}: ${crates}`);
    });
}
/** A clean crate in the comment's one-paragraph list. */
function cleanName(entry) {
    const { change } = entry;
    const name = code(clip(change.name));
    // New crates and downgrades are what a reviewer looks for in a clean list; they keep versions.
    if (change.kind === 'added' || isDowngrade(change))
        return `${name} ${changeText(entry)}`;
    return change.kind === 'removed' ? `${name} (removed)` : name;
}
// ---- requirements ----
function requirementChange(req) {
    const { change } = req;
    const now = effectiveReq(change, 'head');
    const before = effectiveReq(change, 'base');
    const show = (value) => value === null ? 'no version requirement' : code(clip(value));
    if (change.kind === 'added')
        return `${show(now)} (added)`;
    if (change.kind === 'removed')
        return `${show(before)} (removed)`;
    return `${show(before)} → ${show(now)}`;
}
function originText(origin) {
    if (origin.kind === 'registry') {
        return origin.registry === null ? null : `registry ${code(clip(origin.registry))}`;
    }
    if (origin.kind === 'path')
        return `path ${code(clip(origin.path, 300))}`;
    const pin = origin.rev !== null
        ? `, rev ${code(clip(origin.rev))}`
        : origin.tag !== null
            ? `, tag ${code(clip(origin.tag))}`
            : origin.branch !== null
                ? `, branch ${code(clip(origin.branch))}`
                : '';
    return `git ${code(clip(origin.git, 300))}${pin}`;
}
/** Where: the manifests (sections, targets and keys named when they are not the plain ones). */
function requirementWhere(req) {
    const places = req.places.slice(0, MAX_PATHS).map(({ manifest, change }) => {
        const parts = [`${code('[' + change.section + ']')} of ${code(clip(manifest, 300))}`];
        if (change.target !== null)
            parts.push(`for target ${code(clip(change.target))}`);
        if (change.key !== change.name)
            parts.push(`as ${code(clip(change.key))}`);
        if (change.workspace)
            parts.push('inherited from the workspace');
        return parts.join(' ');
    });
    const rest = req.places.length - places.length;
    const origin = originText(req.change.origin);
    return (places.join(', ') +
        (rest > 0 ? ` and ${counts(rest, 'more place')}` : '') +
        (origin === null ? '' : `, from ${origin}`));
}
function requirementsOf(entry) {
    if (entry.requirements.length === 0)
        return null;
    return entry.requirements
        .map((r) => `requirement ${requirementChange(r)} in ${requirementWhere(r)}`)
        .join('; ');
}
// ---- crates ----
function crateHeader(entry, ctx) {
    // With one lockfile the overview names it; the crate need not.
    const facts = ctx.severalLockfiles ? [lockfilesText(entry)] : [];
    const path = pathText(entry.change.dependency_path);
    if (path !== null)
        facts.push(`dependency path: ${path}`);
    const reqs = requirementsOf(entry);
    if (reqs !== null)
        facts.push(reqs);
    const heading = `#### ${crateName(entry)} ${changeText(entry)}`;
    const line = facts.join(' · ');
    return line === '' ? heading : `${heading}\n\n${line.charAt(0).toUpperCase()}${line.slice(1)}`;
}
/** Malicious first, then by id. */
function shownOrder(list) {
    return byId(list).sort((a, b) => Number(isMaliciousFinding(b)) - Number(isMaliciousFinding(a)));
}
/**
 * An affected crate: the fix, its introduced and still-affected advisories in full (introduced
 * first), then one line each for what it fixes and for the rest of its history.
 */
function affectedItem(entry, once, ctx) {
    const { change } = entry;
    const introduced = shownOrder(withVerdict(change.advisories, 'introduced'));
    const kept = shownOrder(withVerdict(change.advisories, 'still-affected'));
    const fixed = byId(withVerdict(change.advisories, 'fixed'));
    const shown = [...introduced, ...kept];
    const rest = byId(change.advisories.filter((a) => !shown.includes(a) && !fixed.includes(a) && a.ignored === null));
    const ignored = change.advisories.filter((a) => a.ignored !== null && a.verdict !== 'not-affected');
    const first = once.claim(shown.map((a) => a.id));
    // The same crate's advisory in another version's entry: said once, referenced here.
    const here = `${code(clip(change.name))} ${changeText(entry)}`;
    const above = new Map(shown.map((a) => [a.id, once.shownAt(a.id, change.name, here)]));
    // The section says whether the version a crate replaces was affected too; a crate with both
    // kinds says it for each group.
    const mixed = introduced.length > 0 && kept.length > 0;
    const previous = text(clip(change.previous ?? '?'));
    const block = (form) => {
        const blocks = [crateHeader(entry, ctx), fixSentence(change, 'full', ctx.fixNotedOnce)].filter((b) => b !== '');
        for (const finding of shown) {
            if (mixed && finding === introduced[0])
                blocks.push(introduced.some((a) => a.previous_affected === true)
                    ? `*Introduced by ${thisChange(ctx.context)}: malware's new version counts whatever ${previous} was.*`
                    : `*Introduced by ${thisChange(ctx.context)}: ${previous} was not affected by these.*`);
            if (mixed && finding === kept[0])
                blocks.push(`*Still affected: ${previous} was affected by these too.*`);
            // What was there before decides nothing here: its details text stays on its page.
            const own = form === 'full' && finding.verdict === 'still-affected' && !ctx.stillAffectedDetails
                ? 'compact'
                : form;
            const at = above.get(finding.id) ?? null;
            blocks.push(at === null
                ? renderAdvisory(finding, null, own, !first.has(finding.id))
                : `${advisoryHeading(finding)} — as shown above, at ${at}.`);
        }
        // Ids only: the fixed list below links them, with their summaries. Paragraphs, not bullets:
        // after the advisory's list a blank line and a bullet would make that list loose.
        if (fixed.length > 0)
            blocks.push(`This change also fixes ${idList(fixed)}.`);
        if (ignored.length > 0)
            blocks.push(`Ignored by configuration: ${idLinks(ignored)} (see below).`);
        if (rest.length > 0) {
            const which = change.kind === 'updated' ? 'either version' : text(clip(change.version ?? '?'));
            blocks.push(`Also in its history, not affecting ${which}: ${idList(rest)}.`);
        }
        return blocks.join('\n\n');
    };
    // The crate, where it is, its fix and each advisory's facts: what a reviewer decides on.
    const brief = () => [
        `#### ${crateName(entry)} ${changeText(entry)}`,
        [...(ctx.severalLockfiles ? [lockfilesText(entry)] : []), fixSentence(change, 'full', true)]
            .filter((b) => b !== '')
            .join(' · '),
        ...shown.map((finding) => {
            const at = above.get(finding.id) ?? null;
            return at === null
                ? renderAdvisory(finding, null, 'compact', false, 'brief')
                : `${advisoryHeading(finding)} — as shown above, at ${at}.`;
        })
    ]
        .filter((b) => b !== '')
        .join('\n\n');
    return lazyItem({
        full: () => block('full'),
        compact: () => block('compact'),
        brief,
        name: () => {
            const parts = [];
            if (introduced.length > 0)
                parts.push(`introduces ${idLinks(introduced)}`);
            // Linked: past the comment's target this line is all a still-affected crate keeps.
            if (kept.length > 0)
                parts.push(`still affected by ${idLinks(kept)}`);
            // A paragraph, not a bullet: these sections separate entries by blank lines, and a list
            // item between blank lines makes the list loose.
            return `${lineHead(entry, ctx).replace(/^- /, '')}: ${parts.join('; ')}. ${fixSentence(change, 'short')}`.trimEnd();
        }
    });
}
function fixedItem(entry, ctx) {
    const fixed = byId(withVerdict(entry.change.advisories, 'fixed'));
    const still = entry.change.verdict === 'introduced' || entry.change.verdict === 'still-affected';
    const line = (links) => `${lineHead(entry, ctx)}: fixes ${links ? fixed.map((a) => `${advisoryLink(a)}${a.summary === null ? '' : ` (${text(clip(a.summary, 120))})`}`).join('; ') : idList(fixed)}${still ? '; still affected by others (see above)' : ''}`;
    return lazyItem({ full: () => line(true), compact: () => line(true), name: () => line(false) });
}
function ignoredItem(entry, findings, ctx) {
    const line = () => `${lineHead(entry, ctx)}: ${byId(findings)
        .map((f) => {
        const reason = f.ignored?.reason ?? null;
        return `${advisoryLink(f)} would be **${VERDICT_WORDS[f.verdict]}**${reason === null ? '' : ` (${text(clip(reason, 200))})`}`;
    })
        .join('; ')}`;
    return lazyItem({ full: line, compact: line, name: line });
}
function historyItem(entry, ctx) {
    const findings = byId(entry.change.advisories.filter((a) => a.ignored === null));
    const version = entry.change.kind === 'removed' ? entry.change.previous : entry.change.version;
    // Ids only: what decides nothing needs no link (its crate's page on crates.io has them all).
    const line = () => `${lineHead(entry, ctx)}: ${counts(findings.length, 'advisory', 'advisories')} in its history, none affecting ${text(clip(version ?? '?'))}: ${idList(findings)}`;
    return lazyItem({ full: line, compact: line, name: line });
}
function unmaintainedItem(entry) {
    const id = entry.change.unmaintained ?? '';
    const line = `- ${code(clip(entry.change.name))} ${changeText(entry)}: This crate has been marked as unmaintained. It is unlikely to receive further updates or fixes. See ${advisoryLink({ id})} for details and possible alternatives.`;
    return simpleItem(line);
}
function requirementItem(req, once) {
    const { change } = req;
    const shown = byId(change.advisories.filter((a) => a.ignored === null && (a.verdict === 'introduced' || a.verdict === 'still-affected'))).sort((a, b) => Number(b.verdict === 'introduced') - Number(a.verdict === 'introduced'));
    const rest = byId(change.advisories.filter((a) => !shown.includes(a)));
    const header = `#### ${code(clip(change.name))} ${requirementChange(req)}\n\n${requirementWhere(req)}`;
    const admitted = admittedSentence(req);
    const first = once.claim(shown.map((a) => a.id));
    const block = (form) => [
        header,
        ...(admitted === null ? [] : [admitted]),
        ...shown.map((f) => renderAdvisory(f, manifestStatus(change, f), form, !first.has(f.id))),
        ...(rest.length === 0
            ? []
            : [
                `- ${counts(rest.length, 'other advisory', 'other advisories')} in its history: ${idLinks(rest)}.`
            ])
    ].join('\n\n');
    return lazyItem({
        full: () => block('full'),
        compact: () => block('compact'),
        name: () => `- ${code(clip(change.name))} ${requirementChange(req)} in ${pathList(req.places.map((p) => p.manifest))}: admits versions affected by ${idList(shown)}`
    });
}
function admittedSentence(req) {
    const picked = resolutionSentence(req.change);
    if (picked !== null)
        return picked;
    const admitted = req.change.admitted;
    if (admitted === null || admitted.all_affected === null)
        return null;
    if (admitted.all_affected) {
        return '**Every version this requirement admits is affected.** No admitted version is free of these advisories.';
    }
    const smallest = admitted.smallest_unaffected === null
        ? ''
        : ` The smallest admitted version no advisory shown here affects: ${code(clip(admitted.smallest_unaffected))}.`;
    return `Only some of the versions this requirement admits are affected; Cargo may pick one that is not.${smallest}`;
}
function requirementLine(req) {
    const { change } = req;
    const head = `- ${code(clip(change.name))} ${requirementChange(req)} in ${requirementWhere(req)}`;
    let tail;
    if (change.locked_by !== null) {
        tail = `resolved by ${code(clip(change.locked_by.lockfile, 300))} to ${text(clip(change.locked_by.version ?? '?'))}, judged there`;
    }
    else if (change.lookup_error !== null) {
        tail = `advisories unknown, the look-up failed: ${text(clip(change.lookup_error, 300))}`;
    }
    else if (change.kind === 'removed') {
        return simpleItem(head);
    }
    else if (change.verdict === 'not-checked') {
        tail = 'not from crates.io, advisories are not looked up';
    }
    else if (change.advisories.length === 0) {
        tail = 'no advisories have been reported for this crate';
    }
    else {
        const fixed = withVerdict(change.advisories, 'fixed');
        tail =
            fixed.length > 0
                ? `no longer admits versions affected by ${idLinks(fixed)}`
                : `admits no version affected by its ${counts(change.advisories.length, 'advisory', 'advisories')}`;
    }
    return simpleItem(`${head}: ${tail}`);
}
// ---- unknown: grouped by cause ----
const MAX_UNKNOWN_NAMES = 20;
function unknownItems(byCause) {
    const total = new Set([...byCause.values()].flat()).size;
    return [...byCause.entries()].map(([cause, names]) => {
        const shown = names.slice(0, MAX_UNKNOWN_NAMES).map((n) => code(clip(n)));
        const more = names.length - shown.length;
        const list = `${shown.join(', ')}${more > 0 ? ` and ${counts(more, 'more', 'more')}` : ''}`;
        // Causes the evaluation gives (a pick, a version or a requirement it cannot judge) are no
        // look-up failure: no advice to retry or change the source.
        if (isJudgedUnknown(cause)) {
            return simpleItem(`- Not known for ${counts(names.length, 'crate')} (${text(clip(cause, 300))}): ${list}.`);
        }
        const every = byCause.size === 1 && names.length === total && names.length > 1;
        const hint = every
            ? ' Every crate is unknown: retry the run, or set `advisory-source` to another source or an offline copy (a folder or .zip of OSV records).'
            : '';
        return simpleItem(`- The advisory look-up failed (${text(clip(cause, 300))}) for ${counts(names.length, 'crate')}: ${list}.${hint}`);
    });
}
// ---- the table ----
const MAX_TABLE_CELL_IDS = 3;
/** A table cell: pipes escaped (GFM splits cells before it reads code spans). */
function cell(markdown) {
    return markdown.replace(/(?<!\\)\|/g, '\\|');
}
/** What the change does to the crate's advisories, in one cell: the ids it introduces (they
 * decide), how many it keeps and how many it fixes. One cell, not three columns, so that a
 * narrow table does not break crate names. */
function advisoriesCell(findings) {
    const parts = [];
    const introduced = byId(withVerdict(findings, 'introduced'));
    if (introduced.length > 0) {
        const shown = introduced.slice(0, MAX_TABLE_CELL_IDS).map((f) => text(clip(f.id)));
        const more = introduced.length - shown.length;
        parts.push(`introduces ${shown.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`);
    }
    const kept = withVerdict(findings, 'still-affected').length;
    if (kept > 0)
        parts.push(`still affected by ${counts(kept, 'advisory', 'advisories')}`);
    const fixed = withVerdict(findings, 'fixed').length;
    if (fixed > 0)
        parts.push(`fixes ${counts(fixed, 'advisory', 'advisories')}`);
    return parts.length === 0 ? '–' : parts.join('; ');
}
const RANK = { introduced: 0, 'still-affected': 1, fixed: 2 };
/** One row per crate version: the entries that reach the same version of the same crate from
 * different versions (in different lockfiles) share it, each change named, each advisory once
 * (under the strongest verdict it has in any of them). */
function tableRows(entries, published) {
    const groups = new Map();
    for (const [i, entry] of entries.entries()) {
        const { change } = entry;
        const key = change.kind === 'removed'
            ? `removed\u0000${String(i)}`
            : `${change.name}\u0000${change.source ?? ''}\u0000${change.version ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    return [...groups.values()].map((group) => tableRow(group, published));
}
function tableRow(group, published) {
    const first = group[0];
    if (first === undefined)
        return simpleItem('');
    const lockfiles = new Set(group.flatMap((e) => e.lockfiles)).size;
    const where = lockfiles > 1 ? ` (${counts(lockfiles, 'lockfile')})` : '';
    const findings = new Map();
    for (const finding of group
        .flatMap((e) => e.change.advisories)
        .filter((a) => a.ignored === null)
        .sort((a, b) => (RANK[a.verdict] ?? 3) - (RANK[b.verdict] ?? 3)))
        if (!findings.has(finding.id))
            findings.set(finding.id, finding);
    const distinct = (values) => [...new Set(values)].join('; ');
    const row = () => '| ' +
        [
            `${crateName(first)}${where}`,
            distinct(group.map(changeText)),
            advisoriesCell([...findings.values()]),
            distinct(group.map((e) => fixCell(e.change))),
            ...(published ? [publishedCell(first.change)] : [])
        ]
            .map(cell)
            .join(' | ') +
        ' |';
    return lazyItem({ full: row, compact: row, name: row });
}
// ---- problems ----
function fileProblemText(problem) {
    const where = problem.line === null
        ? ''
        : problem.column === null
            ? `, line ${problem.line}`
            : `, line ${problem.line}, column ${problem.column}`;
    return `${code(clip(problem.path, 300))} (${problem.side}${where}) could not be read: ${text(clip(problem.message, 500))}`;
}
const PROBLEM_LABEL = {
    'unreadable-file': 'Unreadable file',
    'lookup-failed': 'Look-up failed',
    'malformed-advisory': 'Malformed advisory',
    'file-list-truncated': 'File list truncated',
    'ignored-advisory': 'Ignored advisory',
    'unreadable-version': 'Unreadable version',
    'index-lookup-failed': 'crates.io index',
    other: 'Problem'
};
function fileErrors(report) {
    return [
        ...report.lockfiles.flatMap((l) => (l.error === null ? [] : [l.error])),
        ...report.manifests.flatMap((m) => (m.error === null ? [] : [m.error]))
    ];
}
function problemItems(report) {
    const errors = fileErrors(report);
    const items = errors.map((e) => simpleItem(`- **Unreadable file:** ${fileProblemText(e)}`));
    for (const problem of report.problems) {
        // A file error shown above in structured form is not repeated; failed look-ups are grouped
        // by cause under "Advisories unknown"; ignored advisories have their own list.
        if (problem.kind === 'unreadable-file' && errors.some((e) => problem.message.includes(e.path)))
            continue;
        // An unreadable version is its change's look-up error, listed under "Advisories unknown".
        if (problem.kind === 'lookup-failed' ||
            problem.kind === 'ignored-advisory' ||
            problem.kind === 'unreadable-version')
            continue;
        const label = PROBLEM_LABEL[problem.kind] ?? 'Problem';
        const incomplete = problem.incomplete ? ' (the analysis is incomplete)' : '';
        items.push(simpleItem(`- **${label}:** ${text(clip(problem.message, 500))}${incomplete}`));
    }
    return items;
}
/** The table's rows: every crate that decides or that this change fixes, then too-new ones. */
function tableEntries({ c, ages }) {
    const listed = [
        ...c.introduced,
        ...c.stillAffected,
        ...c.registry,
        ...c.fixed.filter((e) => !c.introduced.includes(e) && !c.stillAffected.includes(e) && !c.registry.includes(e))
    ];
    return [...listed, ...ages.tooNew.filter((e) => !listed.includes(e))];
}
function requirementsIntro({ report, c }) {
    if (c.requirements.some((r) => resolutionSentence(r.change) !== null))
        return 'No lockfile change resolves these requirements; each is judged by the version Cargo picks for it where that is known, else against every version it admits.';
    return report.lockfiles.every((l) => l.changes.length === 0)
        ? 'No lockfile changed, so each requirement is checked against every version it admits.'
        : 'No lockfile change resolves these requirements; each is checked against every version it admits.';
}
const n = formatCount;
/** Each section of the catalogue (catalogue.ts): its heading and its entries in every form. */
const SECTIONS = {
    // Versions younger than the cooldown come first, under their own heading, and have table rows.
    'too-new': ({ report, ctx, ages }) => [
        {
            heading: `### Younger than the cooldown (${n(ages.tooNew.length)}${ages.unknown.length > 0 ? `; age unknown: ${n(ages.unknown.length)}` : ''})`,
            intro: `Cooldown: ${cooldownText(report)}. ${TOO_NEW_INTRO}`,
            collapsed: null,
            separator: '\n',
            noun: 'crates'
        },
        [...ages.tooNew, ...ages.unknown].map((e) => simpleItem(tooNewLine(e, lineHead(e, ctx))))
    ],
    table: (b) => [
        {
            heading: b.published
                ? '| Crate | Change | Advisories | Fix | Published |\n| --- | --- | --- | --- | --- |'
                : '| Crate | Change | Advisories | Fix |\n| --- | --- | --- | --- |',
            intro: null,
            collapsed: null,
            separator: '\n',
            table: true,
            noun: 'crates'
        },
        tableRows(tableEntries(b), b.published)
    ],
    introduced: ({ c, ctx, once }) => [
        {
            heading: `### Introduced by ${thisChange(ctx.context)} (${n(c.introduced.length)})`,
            intro: c.introduced.some((e) => withVerdict(e.change.advisories, 'introduced').some((a) => a.previous_affected === true))
                ? 'These versions are affected; the versions they replace were not, or the crate is new, or the advisory marks the crate malicious (a new version of malware counts whatever the old one was).'
                : 'These versions are affected; the versions they replace were not, or the crate is new.',
            collapsed: null,
            separator: '\n\n',
            noun: 'crates'
        },
        c.introduced.map((e) => affectedItem(e, once, ctx))
    ],
    'still-affected': ({ c, ctx, once, options }) => [
        {
            heading: `### Still affected (${n(c.stillAffected.length)})`,
            intro: options.stillAffectedDetails
                ? 'These versions are affected, and so were the versions they replace.'
                : 'These versions are affected, and so were the versions they replace; the details of each advisory are on its page.',
            collapsed: null,
            separator: '\n\n',
            noun: 'crates'
        },
        c.stillAffected.map((e) => affectedItem(e, once, ctx))
    ],
    registry: ({ c, ctx }) => [
        {
            heading: `### Yanked or not on crates.io (${n(c.registry.length)})`,
            intro: REGISTRY_INTRO,
            collapsed: null,
            separator: '\n',
            noun: 'crates'
        },
        c.registry.map((e) => simpleItem(lineHead(e, ctx)))
    ],
    unknown: ({ c }) => [
        {
            heading: `### Advisories unknown (${n(new Set([...c.unknownByCause.values()].flat()).size)})`,
            intro: 'Whether these crates are affected is not known.',
            collapsed: null,
            separator: '\n',
            noun: 'causes'
        },
        unknownItems(c.unknownByCause)
    ],
    requirements: (b) => [
        {
            heading: `### Requirements that admit affected versions (${n(b.c.requirements.length)})`,
            intro: requirementsIntro(b),
            collapsed: null,
            separator: '\n\n',
            noun: 'requirements'
        },
        b.c.requirements.map((r) => requirementItem(r, b.once))
    ],
    unmaintained: ({ c, options }) => options.unmaintained !== 'notice'
        ? null
        : [
            {
                heading: `### Newly added crates marked unmaintained (${n(c.unmaintained.length)})`,
                intro: 'A notice, as crates.io shows it on the crate page; not counted.',
                collapsed: null,
                separator: '\n',
                noun: 'crates'
            },
            c.unmaintained.map(unmaintainedItem)
        ],
    fixed: ({ c, ctx, counted }) => {
        const ids = new Set(c.fixed.flatMap((e) => withVerdict(e.change.advisories, 'fixed').map((a) => counted(a.id))));
        return [
            {
                heading: '',
                intro: null,
                collapsed: `Fixed by ${thisChange(ctx.context)}: ${counts(ids.size, 'advisory', 'advisories')} in ${counts(c.fixed.length, 'crate')}`,
                separator: '\n',
                noun: 'crates'
            },
            c.fixed.map((e) => fixedItem(e, ctx))
        ];
    },
    ignored: ({ c, ctx, counted }) => [
        {
            heading: '',
            intro: null,
            collapsed: `Ignored by configuration, not counted (${n(new Set(c.ignored.flatMap((i) => i.findings.map((f) => counted(f.id)))).size)})`,
            separator: '\n',
            noun: 'crates'
        },
        c.ignored.map((i) => ignoredItem(i.entry, i.findings, ctx))
    ],
    history: ({ c, ctx }) => [
        {
            heading: '',
            intro: null,
            collapsed: `Not affected, with an advisory history (${n(c.history.length)})`,
            separator: '\n',
            noun: 'crates'
        },
        c.history.map((e) => historyItem(e, ctx))
    ],
    'requirement-lines': ({ c }) => [
        {
            heading: '',
            intro: null,
            collapsed: `Requirement changes (${n(c.requirementLines.length)})`,
            separator: '\n',
            noun: 'requirements'
        },
        c.requirementLines.map(requirementLine)
    ],
    'other-sources': ({ c, ctx }) => [
        {
            heading: '',
            intro: null,
            collapsed: `Not from crates.io, advisories not looked up (${n(c.otherSources.length)}): git, path, workspace and other-registry packages`,
            separator: '\n',
            noun: 'packages'
        },
        c.otherSources.map((e) => simpleItem(`${lineHead(e, ctx)}, ${sourceText(e.change.source)}`))
    ],
    'not-looked-up': ({ c, ctx }) => [
        {
            heading: '',
            intro: null,
            collapsed: `Advisories not looked up (${n(c.notLookedUp.length)})`,
            separator: '\n',
            noun: 'crates'
        },
        c.notLookedUp.map((e) => simpleItem(lineHead(e, ctx)))
    ],
    'no-advisories': ({ c, ctx }) => [
        {
            heading: '',
            intro: null,
            collapsed: `No advisories reported (${n(c.clean.length)})`,
            separator: ctx.cleanByName ? ', ' : '\n',
            noun: 'crates'
        },
        cleanItems(c.clean, ctx)
    ],
    'publish-ages': ({ c, ctx, published }) => {
        const aged = published ? agedEntries(c.all) : [];
        return [
            {
                heading: '',
                intro: null,
                collapsed: `Publish age of each added or updated version (${n(aged.length)})`,
                separator: '\n',
                noun: 'crates'
            },
            aged.map((e) => simpleItem(agedLine(e, lineHead(e, ctx))))
        ];
    },
    problems: ({ report }) => [
        {
            heading: '### Problems',
            intro: null,
            collapsed: null,
            separator: '\n',
            noun: 'problems'
        },
        problemItems(report)
    ]
};
/** The sections with entries, in the catalogue's order (so details are claimed in reading order). */
function buildSections(report, c, options = { unmaintained: 'hide', stillAffectedDetails: true, cleanByName: false }) {
    const build = {
        report,
        c,
        options,
        ctx: {
            severalLockfiles: new Set(c.all.flatMap((e) => e.lockfiles)).size > 1,
            stillAffectedDetails: options.stillAffectedDetails,
            cleanByName: options.cleanByName,
            context: options.context ?? 'action',
            fixNotedOnce: fixesUnchecked(report)
        },
        once: new DetailsOnce(),
        ages: tooNewEntries(c.all),
        published: hasPublishAges(report),
        counted: aliasFolder(c.all.flatMap((e) => e.change.advisories))
    };
    return SECTION_ORDER.flatMap((key) => {
        const built = SECTIONS[key](build);
        if (built === null || built[1].length === 0)
            return [];
        const [head, items] = built;
        return [{ table: false, ...head, key, items }];
    });
}

const capitalise = (value) => value.charAt(0).toUpperCase() + value.slice(1);
const MAX_NAMES = 5;
const MARKDOWN = { code, text };
const PLAIN = { code: cleanLine, text: cleanLine };
function someNames(names, style = MARKDOWN) {
    const unique = [...new Set(names)];
    const shown = unique.slice(0, MAX_NAMES).map((n) => style.code(clip(n, 100)));
    const rest = unique.length - shown.length;
    return rest > 0 ? `${shown.join(', ')} and ${formatCount(rest)} more` : shown.join(', ');
}
/** `⚠️ Incomplete: …` naming what is unknown, or null when the analysis is complete. */
function incompleteNotice(report, classified) {
    const unknown = incompleteParts(report, classified);
    if (unknown === null)
        return null;
    return `⚠️ **Incomplete:** ${unknown.join('; ')}. ${MAY_EXIST}`;
}
const MAY_EXIST = 'Advisories may exist that this comment does not show.';
/** What is unknown, one clause each, or null when the analysis is complete. */
function incompleteParts(report, classified, style = MARKDOWN) {
    const unknown = [];
    const files = fileErrors(report);
    if (files.length > 0) {
        const their = files.length === 1 ? 'its' : 'their';
        unknown.push(`${counts(files.length, 'file')} could not be read (${someNames(files.map((f) => f.path), style)}), so ${their} changes are unknown`);
    }
    // The Review's one grouping of unknown advisories by cause (the gate's reasons read it too).
    const groups = [...classified.unknownByCause];
    const failed = [...new Set(groups.flatMap(([, names]) => names))];
    if (failed.length > 0) {
        const [only] = groups;
        unknown.push(groups.length === 1 && only !== undefined
            ? `the advisory look-up failed for ${counts(failed.length, 'crate')} (${style.text(clip(only[0], 200))})`
            : `the advisory look-up failed for ${counts(failed.length, 'crate')} (${someNames(failed, style)})`);
    }
    if (report.advisory_source === null)
        unknown.push('advisories were not looked up');
    const truncated = report.problems.filter((p) => p.kind === 'file-list-truncated');
    if (truncated.length > 0)
        unknown.push('the list of changed files was truncated, so some files were not read');
    // An outage is the cause the failed look-ups name above: not "1 other problem" as well.
    const others = report.problems.filter((p) => p.incomplete &&
        p.kind !== 'file-list-truncated' &&
        p.kind !== 'lookup-failed' &&
        p.kind !== 'unreadable-file' &&
        // Each is also its change's look-up error, said above: one unknown, one line.
        p.kind !== 'unreadable-version' &&
        !(p.kind === 'source-unavailable' && failed.length > 0));
    if (others.length > 0)
        unknown.push(`${counts(others.length, 'other problem')} (listed under Problems)`);
    if (unknown.length === 0 && report.complete)
        return null;
    if (unknown.length === 0)
        unknown.push('see Problems below');
    return unknown;
}
/**
 * The decision: "This pull request introduces 2 advisories in 1 crate; it fixes 3." — from the
 * summary's counts, which the outputs and the gate read too.
 */
function verdictSentence(report, context = 'action') {
    const parts = verdictParts(report, context);
    return parts.whole ?? `**${parts.clauses.join('; ')}.**`;
}
/** The verdict's clauses (the first says what is introduced), or a whole sentence of its own. */
function verdictParts(report, context = 'action') {
    const change = thisChange(context);
    const s = report.summary;
    if (report.advisory_source === null)
        return { whole: '**Advisories were not looked up.**', clauses: [] };
    const lockChanges = s.crates_added + s.crates_updated + s.crates_removed;
    // A requirement Cargo resolves without a lockfile change counts too: affected, or a fix.
    if (lockChanges === 0 && s.affected_versions === 0 && s.fixed_advisories === 0) {
        return {
            whole: s.manifests_changed > 0
                ? `**No locked crate changes in ${change};** its requirement changes are listed below.`
                : `**No locked crate changes in ${change}.**`,
            clauses: []
        };
    }
    const parts = [];
    parts.push(s.introduced_crates > 0
        ? `${capitalise(change)} introduces ${counts(s.introduced_ids.length, 'advisory', 'advisories')} in ${counts(s.introduced_crates, 'crate')}`
        : `${capitalise(change)} introduces no advisory`);
    if (s.still_affected_crates > 0) {
        const noun = s.introduced_crates > 0 ? 'more crate' : 'crate';
        const ids = s.introduced_crates === 0
            ? ` (${counts(s.still_affected_ids.length, 'advisory', 'advisories')})`
            : '';
        parts.push(`${counts(s.still_affected_crates, noun)} ${s.still_affected_crates === 1 ? 'is' : 'are'} still affected, as before${ids}`);
    }
    if (s.unknown_crates > 0) {
        parts.push(`${counts(s.unknown_crates, 'crate')} ${s.unknown_crates === 1 ? 'is' : 'are'} unknown`);
    }
    if (s.fixed_advisories > 0)
        parts.push(`it fixes ${formatCount(s.fixed_advisories)}`);
    return { whole: null, clauses: parts };
}
/** One paragraph of facts: changes per lockfile, ignored advisories, the source. */
function overview(report, classified) {
    const sentences = [];
    const changed = report.lockfiles.filter((l) => l.changes.length > 0);
    const describe = (changes) => {
        const added = changes.filter((c) => c.kind === 'added').length;
        const updated = changes.filter((c) => c.kind === 'updated').length;
        const removed = changes.filter((c) => c.kind === 'removed').length;
        return `${counts(added, 'crate')} added, ${formatCount(updated)} updated, ${formatCount(removed)} removed`;
    };
    if (changed.length > 0 && changed.length <= 8) {
        sentences.push(changed.map((l) => `In ${code(clip(l.path, 200))}: ${describe(l.changes)}.`).join(' '));
    }
    else if (changed.length > 8) {
        sentences.push(`${counts(changed.length, 'lockfile')} change: ${describe(changed.flatMap((l) => l.changes))} in total.`);
    }
    const unresolved = classified.requirements.length +
        classified.requirementLines.filter((r) => r.change.locked_by === null).length;
    if (unresolved > 0) {
        sentences.push(`${counts(unresolved, 'requirement change')} ${unresolved === 1 ? 'is' : 'are'} not resolved by a lockfile change.`);
    }
    const registry = classified.all.filter((e) => e.registryFinding).length;
    if (registry > 0) {
        sentences.push(`${counts(registry, 'new version')} ${registry === 1 ? 'is' : 'are'} yanked or not on crates.io.`);
    }
    const s = report.summary;
    if (s.ignored_advisories > 0) {
        sentences.push(`${counts(s.ignored_advisories, 'advisory', 'advisories')} ${s.ignored_advisories === 1 ? 'is' : 'are'} ignored by configuration and not counted.`);
    }
    if (report.advisory_source !== null) {
        sentences.push(`Advisories from ${text(clip(report.advisory_source, 200))}.`);
    }
    if (namedFixes(report).length > 0)
        sentences.push(FIX_MEANING);
    if (fixesUnchecked(report)) {
        sentences.push('Fix versions are named by the advisories; none was checked against the crates.io index.');
    }
    return sentences.join(' ');
}

const MARKS = {
    fails: '❌',
    incomplete: '⚠️',
    'not-gated': '⚠️',
    passes: '✅',
    'not-checked': '⏸️'
};
const LABELS = {
    fails: 'Fails',
    incomplete: 'Incomplete',
    'not-gated': 'Not gated',
    passes: 'Passes',
    'not-checked': 'Not checked'
};
/** The gate's name where the reader sets it: the action's input or the CLI's flag. */
function gateName(context, gate) {
    return context === 'cli' ? `--fail-on-${gate}` : `fail-on-${gate}`;
}
/** What fails, one clause per gate that failed. */
function failures(outcome, context, style) {
    const change = thisChange(context);
    const clauses = [];
    const mode = outcome.modes.failOnAffected;
    if (outcome.maliciousCrates.length > 0 && mode !== 'off') {
        clauses.push(`${change} adds ${counts(outcome.maliciousCrates.length, 'malicious crate')} (${someNames(outcome.maliciousCrates, style)})`);
    }
    if (mode !== 'off' && outcome.introducedCrates.length > outcome.maliciousCrates.length) {
        clauses.push(introducedClause(outcome, context, style));
    }
    else if (mode === 'any' && outcome.affectedCount > 0 && outcome.introducedCrates.length === 0) {
        clauses.push(`${counts(outcome.affectedCount, 'added or updated crate version')} ${outcome.affectedCount === 1 ? 'is' : 'are'} still affected (${style.code(`${gateName(context, 'affected')}${context === 'cli' ? '=' : ': '}any`)})`);
    }
    if (outcome.yanked.length > 0) {
        clauses.push(`${change} adds ${counts(outcome.yanked.length, 'yanked version')} (${someNames(outcome.yanked, style)})`);
    }
    if (outcome.unlisted.length > 0) {
        clauses.push(`${change} adds ${counts(outcome.unlisted.length, 'version')} crates.io does not list (${someNames(outcome.unlisted, style)})`);
    }
    if (outcome.tooNew.length > 0) {
        clauses.push(`${change} adds ${counts(outcome.tooNew.length, 'version')} younger than the cooldown (${someNames(outcome.tooNew, style)})`);
    }
    return clauses;
}
function introducedClause(outcome, context, style) {
    return `${thisChange(context)} introduces ${counts(outcome.introducedAdvisories, 'advisory', 'advisories')} in ${counts(outcome.introducedChanges, 'crate')} (${someNames(outcome.introducedCrates, style)})`;
}
/** After the label the sentence goes on: "Passes: this pull request …". */
const lowerFirst = (value) => value.charAt(0).toLowerCase() + value.slice(1);
/**
 * The first line. `fails` and `not-gated` name what decided; `incomplete` names what is unknown;
 * `passes` carries the verdict's other clauses (still affected, fixed) so nothing is said twice.
 */
function headline(report, classified, outcome, context, style = 'markdown') {
    const words = style === 'markdown' ? MARKDOWN : PLAIN;
    const label = LABELS[outcome.status];
    const lead = style === 'markdown' ? `${MARKS[outcome.status]} **${label}:**` : `${label}:`;
    const verdict = verdictParts(report, context);
    const rest = verdict.clauses.slice(1);
    let body;
    switch (outcome.status) {
        case 'not-checked':
            body = 'advisories were not looked up.';
            break;
        case 'fails': {
            const clauses = failures(outcome, context, words);
            // The verdict's clauses that the failure did not already state.
            const named = outcome.modes.failOnAffected !== 'off' && outcome.introducedCrates.length > 0;
            // Mid-sentence, the change is already named: "…; it introduces no advisory".
            const own = verdict.clauses.map((clause, i) => i === 0 ? clause.replace(/^(This pull request|This change) /, 'it ') : clause);
            clauses.push(...(named ? rest : own));
            // Without an advisory source a yanked or too-new version still fails: say what was not done.
            if (report.advisory_source === null)
                clauses.push('advisories were not looked up');
            if (outcome.incompleteReasons.some((reason) => reason !== NOT_LOOKED_UP)) {
                clauses.push('and the analysis is incomplete (below)');
            }
            body = `${clauses.join('; ')}.`;
            break;
        }
        case 'incomplete': {
            const parts = incompleteParts(report, classified, words) ?? ['see Problems below'];
            body = `${parts.join('; ')}. ${MAY_EXIST.replace('this comment', context === 'cli' ? 'this report' : 'this comment')}`;
            break;
        }
        case 'not-gated':
            body = `${[
                `${introducedClause(outcome, context, words)}, which no gate fails on (${words.code(gateName(context, 'affected'))} is off)`,
                ...rest
            ].join('; ')}.`;
            break;
        case 'passes':
            body =
                verdict.whole !== null
                    ? verdict.whole.replace(/\*\*/g, '')
                    : `${[verdict.clauses[0] ?? '', ...rest].join('; ')}.`;
            break;
    }
    return `${lead} ${lowerFirst(body)}`;
}
/** The headline states the verdict's clauses itself, except when it says what is unknown. */
function verdictRepeats(outcome) {
    return outcome.status !== 'incomplete';
}

/** The Review the caller built, or the report's. */
function reviewOf(report, options) {
    return options.review ?? buildReview(report);
}
const DECIDING = ['introduced', 'still-affected', 'requirements'];
/**
 * When the whole report does not fit, the document starts from headings and counts, and entries
 * are given back in this order while there is room (each step takes a prefix of its section):
 * the table rows, problems, unknowns and deciding entries by name; then those entries with their
 * advisories; then the lists of fixes and ignored advisories; then the history and plain lists;
 * details come last. So the text degrades predictably: details go first, then the collapsed
 * lists, then entries are listed by name, and only then do the lists end in "… and N more".
 */
const STEPS = [
    {
        keys: ['too-new', 'table', 'problems', 'unknown', ...DECIDING, 'registry', 'unmaintained'],
        from: null,
        to: 'name'
    },
    { keys: DECIDING, from: 'name', to: 'compact' },
    { keys: ['fixed', 'ignored'], from: null, to: 'name' },
    { keys: ['fixed', 'ignored'], from: 'name', to: 'full' },
    { keys: ['history', 'requirement-lines'], from: null, to: 'name' },
    { keys: ['history', 'requirement-lines'], from: 'name', to: 'full' },
    {
        keys: ['other-sources', 'not-looked-up', 'no-advisories', 'publish-ages'],
        from: null,
        to: 'name'
    },
    { keys: DECIDING, from: 'compact', to: 'full' }
];
/** What a comment says when deciding entries were shortened to fit. */
function detailsNote(fullReport) {
    return `*To fit, some entries below are shortened: each keeps its crate, version, advisory ids and fix; the details are on each advisory's page and in ${fullReport}.*`;
}
/** A list that gave way: its heading and count, and where it is in full. */
function pointerSection(section, fullReport) {
    return `${section.collapsed ?? section.heading}: listed in ${fullReport}.`;
}
function renderSection(section, forms) {
    const items = [];
    section.items.forEach((item, i) => {
        const form = forms[i] ?? null;
        if (form !== null)
            items.push(item[form]);
    });
    const omitted = section.items.length - items.length;
    let body = items.join(section.separator);
    if (omitted > 0) {
        const more = `- … and ${formatCount(omitted)} more ${section.noun}, listed in the full report.`;
        // A table ends at a blank line and a paragraph of names at its end: the note reads as neither.
        const gap = section.table || section.separator === ', ' ? '\n\n' : section.separator;
        body = body === '' ? more : `${body}${gap}${more}`;
    }
    if (section.table) {
        return items.length === 0 ? body : `${section.heading}\n${body}`;
    }
    const parts = [];
    if (section.heading !== '')
        parts.push(section.heading);
    if (section.intro !== null)
        parts.push(section.intro);
    if (section.collapsed !== null) {
        parts.push(`<details><summary>${section.collapsed}</summary>\n\n${body}\n\n</details>`);
    }
    else if (body !== '') {
        parts.push(body);
    }
    return parts.join('\n\n');
}
function assemble(head, sections, layout, pointers = null) {
    const blocks = [...head];
    sections.forEach((section, i) => {
        blocks.push(pointers?.keys.has(section.key) === true
            ? pointerSection(section, pointers.fullReport)
            : renderSection(section, layout[i] ?? []));
    });
    return blocks.join('\n\n') + '\n';
}
function render(report, target, options) {
    const classified = reviewOf(report, options);
    const build = (stillAffectedDetails) => buildSections(report, classified, {
        unmaintained: options.unmaintained ?? 'hide',
        stillAffectedDetails,
        cleanByName: target.cleanByName,
        context: target.context
    }).sort((a, b) => SECTION_ORDER.indexOf(a.key) - SECTION_ORDER.indexOf(b.key));
    const outcome = options.outcome ?? gate(classified, options.gates ?? NO_GATES).outcome;
    // The first line states the outcome; an incomplete one names what is unknown there, once.
    const notice = outcome.status === 'fails' ? incompleteNotice(report, classified) : null;
    const head = (shortened) => [
        ...(target.marker ? [COMMENT_MARKER] : []),
        TITLE,
        headline(report, classified, outcome, target.context),
        ...(notice === null ? [] : [notice]),
        ...(verdictRepeats(outcome) ? [] : [verdictSentence(report, target.context)]),
        ...[overview(report, classified)].filter((facts) => facts !== ''),
        ...(shortened ? [target.shortenedNote] : [])
    ];
    const fits = (doc) => target.measure(doc) <= target.max;
    const sizes = new Map();
    const sizeOf = (item, form) => {
        const known = sizes.get(item) ?? {};
        sizes.set(item, known);
        return (known[form] ??= target.measure(item[form]));
    };
    // Everything, when it fits. Past the target, still-affected advisories' details text (where the
    // target may leave it out) and then the lists that decide nothing give way, one by one, to a
    // link to their page or a pointer to the full report. Summing the entries first avoids building
    // a document far too large.
    let sections = [];
    const keys = new Set();
    for (const details of target.stillAffectedDetails === 'if-room' ? [true, false] : [true]) {
        sections = build(details);
        // Lists give way below, so entries up to GitHub's own limit are worth assembling.
        const bound = Math.max(target.max, MAX_COMMENT_CHARS);
        let total = 0;
        // Where the target makes them give way (the comment), lists that become a pointer do not
        // count against the bound, and entries that shorten count as their compact form.
        const shrinks = target.stillAffectedDetails === 'if-room';
        for (const section of sections) {
            if (shrinks && GIVES_WAY.has(section.key))
                continue;
            const form = shrinks && SHORTENS.has(section.key) ? 'compact' : 'full';
            for (const item of section.items) {
                total += sizeOf(item, form);
                if (total > bound)
                    break;
            }
            if (total > bound)
                break;
        }
        if (total > bound)
            continue;
        const forms = sections.map((section) => section.items.map(() => 'full'));
        const note = detailsNote(target.fullReport);
        let noted = false;
        const doc = () => assemble(noted ? [...head(false), note] : head(false), sections, forms, {
            keys,
            fullReport: target.fullReport
        });
        // Past the target, the catalogue's ways of saying less, in its order. Lists that gave way
        // with the details shown stay pointers without them; entries shorten only on the second pass
        // (once still-affected details text has given way), each from the last entry up.
        let full = doc();
        let size = target.measure(full);
        for (const { key, how } of SHORTENINGS) {
            if (size <= target.target)
                break;
            const at = sections.findIndex((section) => section.key === key);
            const section = sections[at];
            const sectionForms = forms[at];
            if (section === undefined || sectionForms === undefined)
                continue;
            if (how.to === 'pointer') {
                keys.add(key);
            }
            else {
                if (details)
                    break;
                const before = size;
                const noteSize = how.note && !noted ? target.measure(note) + 2 : 0;
                size += noteSize;
                let changed = false;
                for (let i = section.items.length - 1; i >= 0 && size > target.target; i -= 1) {
                    const item = section.items[i];
                    if (item === undefined || sectionForms[i] !== how.from)
                        continue;
                    sectionForms[i] = how.to;
                    size += sizeOf(item, how.to) - sizeOf(item, how.from);
                    changed ||= item[how.to] !== item[how.from];
                }
                if (!changed) {
                    size = before;
                    continue;
                }
                if (noteSize > 0)
                    noted = true;
            }
            full = doc();
            size = target.measure(full);
        }
        const last = !details || target.stillAffectedDetails !== 'if-room';
        if (target.measure(full) <= target.target || (last && fits(full)))
            return full;
    }
    // Headings and counts, then entries given back step by step. The running size over-estimates
    // (the "and N more" lines only shrink as entries come back), so the result fits.
    const shortHead = head(true);
    const layout = sections.map((s) => s.items.map(() => null));
    const skeleton = assemble(shortHead, sections, layout);
    let size = target.measure(skeleton);
    for (const step of STEPS) {
        sections.forEach((section, index) => {
            const forms = layout[index];
            if (!step.keys.includes(section.key) || forms === undefined)
                return;
            const separator = target.measure(section.separator);
            for (const [i, item] of section.items.entries()) {
                const current = forms[i] ?? null;
                if (current === step.to)
                    continue;
                if (current !== step.from)
                    break;
                // A table's first row brings its header, and a blank line before the "and N more" note.
                const header = section.table && i === 0 ? target.measure(section.heading) + 2 : 0;
                const delta = sizeOf(item, step.to) - (current === null ? -separator - header : sizeOf(item, current));
                if (size + delta > target.max)
                    break;
                forms[i] = step.to;
                size += delta;
            }
        });
    }
    const doc = assemble(shortHead, sections, layout);
    if (fits(doc))
        return doc;
    // Cannot happen while the estimate holds, but the limit is a promise.
    return fits(skeleton) ? skeleton : (target.marker ? COMMENT_MARKER + '\n\n' : '') + TITLE + '\n';
}
function safeUrl(url) {
    if (url === null || url === undefined)
        return null;
    return /^https?:\/\/[^\s]+$/.test(url) ? linkDestination(url) : null;
}
/** The PR comment: at most 65,536 code points, starting with the hidden marker. */
function renderComment(report, options = {}) {
    const context = options.context ?? 'action';
    const url = safeUrl(options.detailsUrl);
    const where = url === null
        ? 'the job summary of this workflow run has the full report'
        : `the [job summary](${url}) has the full report`;
    return render(report, {
        // GitHub's limit; the target below is what a comment aims at, and exceeds only when what
        // decides (introduced advisories in full, a row per affected crate) does not fit in it.
        max: MAX_COMMENT_CHARS,
        measure: codePoints,
        target: COMMENT_TARGET_CHARS,
        fullReport: context === 'cli'
            ? 'the full report (`--format json`)'
            : url === null
                ? 'the job summary of this workflow run'
                : `the [job summary](${url})`,
        shortenedNote: context === 'cli'
            ? "*This report was shortened to fit GitHub's comment size limit; `--format json` (or `--output <file>`) gives the full report.*"
            : `*This comment was shortened to fit GitHub's size limit; ${where}.*`,
        marker: true,
        context,
        stillAffectedDetails: 'if-room',
        cleanByName: true
    }, options);
}
/** The job summary: the full report, at most 1 MiB of UTF-8, shortened the same way past that. */
function renderSummary(report, options = {}) {
    return render(report, {
        max: MAX_SUMMARY_BYTES,
        target: MAX_SUMMARY_BYTES,
        fullReport: 'the JSON report (output `report-path`)',
        measure: utf8Bytes,
        shortenedNote: '*This summary was shortened to fit the job-summary limit; the JSON report (output `report-path`) has everything.*',
        marker: false,
        context: 'action',
        stillAffectedDetails: 'always',
        cleanByName: false
    }, options);
}
/** The first line in plain text, for the failure message and the CLI: the comment's words. */
function outcomeLine(report, outcome, context = 'action', review = buildReview(report)) {
    return headline(report, review, outcome, context, 'plain');
}

export { REGISTRY_INTRO as R, publishedText as a, buildReview as b, cooldownText as c, cargoRange as d, registryFact as e, formatCount as f, gate as g, headline as h, isMaliciousFinding as i, isDowngrade as j, fixWords as k, createAdvisorySource as l, analyze as m, locateReport as n, renderJson as o, plural as p, renderComment as q, renderSarif as r, findingSubject as s, tooNewEntries as t, outcomeLine as u, renderSummary as v, writeJsonFile as w };
//# sourceMappingURL=analysis.js.map
