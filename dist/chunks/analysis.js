import { statSync, readFileSync, readdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { createRequire } from 'module';
import { q as queryableNames, k as applyOutage, g as getErrorMessage, m as emptyLookupResult, o as recordForCrate, v as CRATES_IO, H as HttpClient, w as mapPool, x as progressCounter, y as namesCrate, z as shownUrl, A as SERVICE_HINT, Q as QueryBatchResponseSchema, B as parseRecord, O as OFFLINE_HINT, E as sameVersion$1, F as semver, G as compareStrings, I as object, b as array, a as string, J as record, K as number, u as unknown, L as parseToml, N as CargoFileError, P as shapeError, R as locateKey, l as looseObject, U as boolean, V as union, W as silentLogger, i as isCargoFile, X as outageReason, Y as isOutageReason, r as redactSecrets, Z as text, j as clip, _ as link, $ as code, a0 as clipLines, a1 as sanitizeMarkdown, a2 as linkDestination, a3 as COMMENT_MARKER, a4 as TITLE, a5 as utf8Bytes, a6 as MAX_SUMMARY_BYTES, a7 as COMMENT_TARGET_CHARS, a8 as codePoints, a9 as MAX_COMMENT_CHARS } from './common.js';

var require$1 = createRequire('/');
// DEFLATE is a complex format; to read this code, you should probably check the RFC first:
// https://tools.ietf.org/html/rfc1951
// You may also wish to take a look at the guide I made about this program:
// https://gist.github.com/101arrowz/253f31eb5abc3d9275ab943003ffecad
// Some of the following code is similar to that of UZIP.js:
// https://github.com/photopea/UZIP.js
// However, the vast majority of the codebase has diverged from UZIP.js to increase performance and reduce bundle size.
// Sometimes 0 will appear where -1 would be more appropriate. This is because using a uint
// is better for memory in most engines (I *think*).
var _a;
// Mediocre shim
var Worker;
var isMarkedAsUntransferable;
try {
    (_a = require$1('worker_threads'), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable);
}
catch (e) {
}

// aliases for shorter compressed code (most minifers don't do this)
var u8 = Uint8Array, u16 = Uint16Array, i32 = Int32Array;
// fixed length extra bits
var fleb = new u8([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0, /* unused */ 0, 0, /* impossible */ 0]);
// fixed distance extra bits
var fdeb = new u8([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, /* unused */ 0, 0]);
// code length index map
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
// get base, reverse index map from extra bits
var freb = function (eb, start) {
    var b = new u16(31);
    for (var i = 0; i < 31; ++i) {
        b[i] = start += 1 << eb[i - 1];
    }
    // numbers here are at max 18 bits
    var r = new i32(b[30]);
    for (var i = 1; i < 30; ++i) {
        for (var j = b[i]; j < b[i + 1]; ++j) {
            r[j] = ((j - b[i]) << 5) | i;
        }
    }
    return { b: b, r: r };
};
var _a = freb(fleb, 2), fl = _a.b, revfl = _a.r;
// we can ignore the fact that the other numbers are wrong; they never happen anyway
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0), fd = _b.b; _b.r;
// map of value to reverse (assuming 16 bits)
var rev = new u16(32768);
for (var i = 0; i < 32768; ++i) {
    // reverse table algorithm from SO
    var x = ((i & 0xAAAA) >> 1) | ((i & 0x5555) << 1);
    x = ((x & 0xCCCC) >> 2) | ((x & 0x3333) << 2);
    x = ((x & 0xF0F0) >> 4) | ((x & 0x0F0F) << 4);
    rev[i] = (((x & 0xFF00) >> 8) | ((x & 0x00FF) << 8)) >> 1;
}
// create huffman tree from u8 "map": index -> code length for code index
// mb (max bits) must be at most 15
// TODO: optimize/split up?
var hMap = (function (cd, mb, r) {
    var s = cd.length;
    // index
    var i = 0;
    // u16 "map": index -> # of codes with bit length = index
    var l = new u16(mb);
    // length of cd must be 288 (total # of codes)
    for (; i < s; ++i) {
        if (cd[i])
            ++l[cd[i] - 1];
    }
    // u16 "map": index -> minimum code for bit length = index
    var le = new u16(mb);
    for (i = 1; i < mb; ++i) {
        le[i] = (le[i - 1] + l[i - 1]) << 1;
    }
    var co;
    if (r) {
        // u16 "map": index -> number of actual bits, symbol for code
        co = new u16(1 << mb);
        // bits to remove for reverser
        var rvb = 15 - mb;
        for (i = 0; i < s; ++i) {
            // ignore 0 lengths
            if (cd[i]) {
                // num encoding both symbol and bits read
                var sv = (i << 4) | cd[i];
                // free bits
                var r_1 = mb - cd[i];
                // start value
                var v = le[cd[i] - 1]++ << r_1;
                // m is end value
                for (var m = v | ((1 << r_1) - 1); v <= m; ++v) {
                    // every 16 bit value starting with the code yields the same result
                    co[rev[v] >> rvb] = sv;
                }
            }
        }
    }
    else {
        co = new u16(s);
        for (i = 0; i < s; ++i) {
            if (cd[i]) {
                co[i] = rev[le[cd[i] - 1]++] >> (15 - cd[i]);
            }
        }
    }
    return co;
});
// fixed length tree
var flt = new u8(288);
for (var i = 0; i < 144; ++i)
    flt[i] = 8;
for (var i = 144; i < 256; ++i)
    flt[i] = 9;
for (var i = 256; i < 280; ++i)
    flt[i] = 7;
for (var i = 280; i < 288; ++i)
    flt[i] = 8;
// fixed distance tree
var fdt = new u8(32);
for (var i = 0; i < 32; ++i)
    fdt[i] = 5;
// fixed length map
var flrm = /*#__PURE__*/ hMap(flt, 9, 1);
// fixed distance map
var fdrm = /*#__PURE__*/ hMap(fdt, 5, 1);
// find max of array
var max = function (a) {
    var m = a[0];
    for (var i = 1; i < a.length; ++i) {
        if (a[i] > m)
            m = a[i];
    }
    return m;
};
// read d, starting at bit p and mask with m
var bits = function (d, p, m) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8)) >> (p & 7)) & m;
};
// read d, starting at bit p continuing for at least 16 bits
var bits16 = function (d, p) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) >> (p & 7));
};
// get end of byte
var shft = function (p) { return ((p + 7) / 8) | 0; };
// typed array slice - allows garbage collector to free original reference,
// while being more compatible than .slice
var slc = function (v, s, e) {
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    // can't use .constructor in case user-supplied
    return new u8(v.subarray(s, e));
};
// error codes
var ec = [
    'unexpected EOF',
    'invalid block type',
    'invalid length/literal',
    'invalid distance',
    'stream finished',
    'no stream handler',
    , // determined by compression function
    'no callback',
    'invalid UTF-8 data',
    'extra field too long',
    'date not in range 1980-2099',
    'filename too long',
    'stream finishing',
    'invalid zip data'
    // determined by unknown compression method
];
var err = function (ind, msg, nt) {
    var e = new Error(msg || ec[ind]);
    e.code = ind;
    if (Error.captureStackTrace)
        Error.captureStackTrace(e, err);
    if (!nt)
        throw e;
    return e;
};
// expands raw DEFLATE data
var inflt = function (dat, st, buf, dict) {
    // source length       dict length
    var sl = dat.length, dl = dict ? dict.length : 0;
    if (!sl || st.f && !st.l)
        return buf || new u8(0);
    var noBuf = !buf;
    // have to estimate size
    var resize = noBuf || st.i != 2;
    // no state
    var noSt = st.i;
    // Assumes roughly 33% compression ratio average
    if (noBuf)
        buf = new u8(sl * 3);
    // ensure buffer can fit at least l elements
    var cbuf = function (l) {
        var bl = buf.length;
        // need to increase size to fit
        if (l > bl) {
            // Double or set to necessary, whichever is greater
            var nbuf = new u8(Math.max(bl * 2, l));
            nbuf.set(buf);
            buf = nbuf;
        }
    };
    //  last chunk         bitpos           bytes
    var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
    // total bits
    var tbts = sl * 8;
    do {
        if (!lm) {
            // BFINAL - this is only 1 when last chunk is next
            final = bits(dat, pos, 1);
            // type: 0 = no compression, 1 = fixed huffman, 2 = dynamic huffman
            var type = bits(dat, pos + 1, 3);
            pos += 3;
            if (!type) {
                // go to end of byte boundary
                var s = shft(pos) + 4, l = dat[s - 4] | (dat[s - 3] << 8), t = s + l;
                if (t > sl) {
                    if (noSt)
                        err(0);
                    break;
                }
                // ensure size
                if (resize)
                    cbuf(bt + l);
                // Copy over uncompressed data
                buf.set(dat.subarray(s, t), bt);
                // Get new bitpos, update byte count
                st.b = bt += l, st.p = pos = t * 8, st.f = final;
                continue;
            }
            else if (type == 1)
                lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
            else if (type == 2) {
                //  literal                            lengths
                var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
                var tl = hLit + bits(dat, pos + 5, 31) + 1;
                pos += 14;
                // length+distance tree
                var ldt = new u8(tl);
                // code length tree
                var clt = new u8(19);
                for (var i = 0; i < hcLen; ++i) {
                    // use index map to get real code
                    clt[clim[i]] = bits(dat, pos + i * 3, 7);
                }
                pos += hcLen * 3;
                // code lengths bits
                var clb = max(clt), clbmsk = (1 << clb) - 1;
                // code lengths map
                var clm = hMap(clt, clb, 1);
                for (var i = 0; i < tl;) {
                    var r = clm[bits(dat, pos, clbmsk)];
                    // bits read
                    pos += r & 15;
                    // symbol
                    var s = r >> 4;
                    // code length to copy
                    if (s < 16) {
                        ldt[i++] = s;
                    }
                    else {
                        //  copy   count
                        var c = 0, n = 0;
                        if (s == 16)
                            n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i - 1];
                        else if (s == 17)
                            n = 3 + bits(dat, pos, 7), pos += 3;
                        else if (s == 18)
                            n = 11 + bits(dat, pos, 127), pos += 7;
                        while (n--)
                            ldt[i++] = c;
                    }
                }
                //    length tree                 distance tree
                var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
                // max length bits
                lbt = max(lt);
                // max dist bits
                dbt = max(dt);
                lm = hMap(lt, lbt, 1);
                dm = hMap(dt, dbt, 1);
            }
            else
                err(1);
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
        }
        // Make sure the buffer can hold this + the largest possible addition
        // Maximum chunk size (practically, theoretically infinite) is 2^17
        if (resize)
            cbuf(bt + 131072);
        var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
        var lpos = pos;
        for (;; lpos = pos) {
            // bits read, code
            var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
            pos += c & 15;
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
            if (!c)
                err(2);
            if (sym < 256)
                buf[bt++] = sym;
            else if (sym == 256) {
                lpos = pos, lm = null;
                break;
            }
            else {
                var add = sym - 254;
                // no extra bits needed if less
                if (sym > 264) {
                    // index
                    var i = sym - 257, b = fleb[i];
                    add = bits(dat, pos, (1 << b) - 1) + fl[i];
                    pos += b;
                }
                // dist
                var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
                if (!d)
                    err(3);
                pos += d & 15;
                var dt = fd[dsym];
                if (dsym > 3) {
                    var b = fdeb[dsym];
                    dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
                }
                if (pos > tbts) {
                    if (noSt)
                        err(0);
                    break;
                }
                if (resize)
                    cbuf(bt + 131072);
                var end = bt + add;
                if (bt < dt) {
                    var shift = dl - dt, dend = Math.min(dt, end);
                    if (shift + bt < 0)
                        err(3);
                    for (; bt < dend; ++bt)
                        buf[bt] = dict[shift + bt];
                }
                for (; bt < end; ++bt)
                    buf[bt] = buf[bt - dt];
            }
        }
        st.l = lm, st.p = lpos, st.b = bt, st.f = final;
        if (lm)
            final = 1, st.m = lbt, st.d = dm, st.n = dbt;
    } while (!final);
    // don't reallocate for streams or user buffers
    return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
// empty
var et = /*#__PURE__*/ new u8(0);
// read 2 bytes
var b2 = function (d, b) { return d[b] | (d[b + 1] << 8); };
// read 4 bytes
var b4 = function (d, b) { return (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0; };
// read 8 bytes
var b8 = function (d, b) { return b4(d, b) + (b4(d, b + 4) * 4294967296); };
function inflateSync(data, opts) {
    return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
// text decoder
var td = typeof TextDecoder != 'undefined' && /*#__PURE__*/ new TextDecoder();
// text decoder stream
var tds = 0;
try {
    td.decode(et, { stream: true });
    tds = 1;
}
catch (e) { }
// decode UTF8
var dutf8 = function (d) {
    for (var r = '', i = 0;;) {
        var c = d[i++];
        var eb = (c > 127) + (c > 223) + (c > 239);
        if (i + eb > d.length)
            return { s: r, r: slc(d, i - 1) };
        if (!eb)
            r += String.fromCharCode(c);
        else if (eb == 3) {
            c = ((c & 15) << 18 | (d[i++] & 63) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63)) - 65536,
                r += String.fromCharCode(55296 | (c >> 10), 56320 | (c & 1023));
        }
        else if (eb & 1)
            r += String.fromCharCode((c & 31) << 6 | (d[i++] & 63));
        else
            r += String.fromCharCode((c & 15) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63));
    }
};
/**
 * Converts a Uint8Array to a string
 * @param dat The data to decode to string
 * @param latin1 Whether or not to interpret the data as Latin-1. This should
 *               not need to be true unless encoding to binary string.
 * @returns The original UTF-8/Latin-1 string
 */
function strFromU8(dat, latin1) {
    if (latin1) {
        var r = '';
        for (var i = 0; i < dat.length; i += 16384)
            r += String.fromCharCode.apply(null, dat.subarray(i, i + 16384));
        return r;
    }
    else if (td) {
        return td.decode(dat);
    }
    else {
        var _a = dutf8(dat), s = _a.s, r = _a.r;
        if (r.length)
            err(8);
        return s;
    }
}
// skip local zip header
var slzh = function (d, b) { return b + 30 + b2(d, b + 26) + b2(d, b + 28); };
// read zip header
var zh = function (d, b, z) {
    var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl;
    var _a = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a[0], su = _a[1], off = _a[2];
    return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
};
// read zip64 header sizes
var z64hs = function (d, b, l, z, sc, su, off) {
    var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
    var nf = nsc + nsu + noff;
    if (z && nf) {
        for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
            if (b2(d, b) == 1) {
                return [
                    nsc ? b8(d, b + 4 + 8 * nsu) : sc,
                    nsu ? b8(d, b + 4) : su,
                    noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
                    1
                ];
            }
        }
        // z == 2 for unknown whether or not zip64
        if (z < 2)
            err(13);
    }
    return [sc, su, off, 0];
};
/**
 * Synchronously decompresses a ZIP archive. Prefer using `unzip` for better
 * performance with more than one file.
 * @param data The raw compressed ZIP file
 * @param opts The ZIP extraction options
 * @returns The decompressed files
 */
function unzipSync(data, opts) {
    var files = {};
    var e = data.length - 22;
    for (; b4(data, e) != 0x6054B50; --e) {
        if (!e || data.length - e > 65558)
            err(13);
    }
    var c = b2(data, e + 8);
    if (!c)
        return {};
    var o = b4(data, e + 16);
    var z = b4(data, e - 20) == 0x7064B50;
    if (z) {
        var ze = b4(data, e - 12);
        z = b4(data, ze) == 0x6064B50;
        if (z) {
            c = b4(data, ze + 32);
            o = b4(data, ze + 48);
        }
    }
    var fltr = opts && opts.filter;
    for (var i = 0; i < c; ++i) {
        var _a = zh(data, o, z), c_2 = _a[0], sc = _a[1], su = _a[2], fn = _a[3], no = _a[4], off = _a[5], b = slzh(data, off);
        o = no;
        if (!fltr || fltr({
            name: fn,
            size: sc,
            originalSize: su,
            compression: c_2
        })) {
            if (!c_2)
                files[fn] = slc(data, b, b + sc);
            else if (c_2 == 8)
                files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) });
            else
                err(14, 'unknown compression type ' + c_2);
        }
    }
    return files;
}

// The offline source: a folder searched recursively for OSV JSON files, a single JSON file, or a
// `.zip` of them (OSV's crates.io `all.zip`, or a multi-ecosystem one). Read once per process and
// indexed by crates.io package name; a record is validated only when its crate is asked about,
// so a run pays for the handful of crates it touches, not for the whole database.
//
// Attribution: a file we cannot read as OSV records (bad JSON, no id, `affected` that is not a
// list of packages) could be about any crate, so the whole look-up is unknown and the message
// names the files. Records that name only other ecosystems are attributable, just not ours.
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
    for (const [position, item] of items.entries()) {
        const named = cratesNamed(item);
        const where = items.length === 1 && !Array.isArray(value) ? origin : `${origin}[${position}]`;
        if ('problem' in named) {
            index.unattributable.push(`${where} (${named.problem})`);
            continue;
        }
        for (const name of named.crates) {
            const list = index.raw.get(name);
            const raw = { value: item, origin: where };
            if (list === undefined)
                index.raw.set(name, [raw]);
            else
                list.push(raw);
        }
    }
}
/** Reads the whole source synchronously: ~1,200 small files read in a loop cost a tenth of what
 * as many awaited reads do, and nothing else runs while the look-up waits for them anyway. */
function loadIndex(path) {
    const index = { raw: new Map(), unattributable: [], files: 0, checked: new Map() };
    if (statSync(path).isDirectory()) {
        for (const file of jsonFiles(path))
            addDocument(index, readFileSync(file, 'utf8'), file);
    }
    else if (path.endsWith('.zip')) {
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
        const checked = recordForCrate(raw.value, crate, raw.origin);
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
    const key = `${resolve(path)}\0${String(info.size)}\0${String(info.mtimeMs)}`;
    let index = indexes.get(key);
    if (index === undefined) {
        index = loadIndex(path);
        indexes.set(key, index);
    }
    return index;
}
function createPathSource(path, options = {}) {
    return {
        description: `path (${path})`,
        lookup(crates) {
            const started = Date.now();
            const result = emptyLookupResult();
            const names = queryableNames(crates, result);
            const finish = () => {
                result.stats.ms = Date.now() - started;
                options.onProgress?.(names.length, names.length);
                return Promise.resolve(result);
            };
            let index;
            try {
                index = cachedIndex(path);
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
    return {
        description: `osv (${shownUrl(base)})`,
        async lookup(crates) {
            const started = Date.now();
            const client = new HttpClient(base, options);
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
    return {
        description: `rustsec (${shownUrl(base)})`,
        async lookup(crates) {
            const started = Date.now();
            const client = new HttpClient(base, options);
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
                        if ('record' in checked)
                            records.push(checked.record);
                        else
                            problems.push(checked.problem);
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
    if (yanked.size !== 1 || yanked.has(null)) {
        const why = yanked.size !== 1
            ? 'the index lists this version twice, differently'
            : 'the index line does not say whether it is yanked';
        return { yanked: null, published, registry: { status: 'unknown', note: why } };
    }
    return {
        yanked: lines[0]?.yanked ?? null,
        published,
        registry: { status: 'published', note: partial }
    };
}
/**
 * The releases fix advice may recommend: null when the index is unknown for this crate (advice
 * then falls back to the advisories' fixed versions); a version whose yanked status a line does
 * not state counts as yanked, so it is never recommended.
 */
function publishedReleases(answer) {
    if (answer === undefined || answer.kind === 'unknown')
        return null;
    if (answer.kind === 'crate-not-found')
        return [];
    return answer.file.versions.map((entry) => ({
        version: entry.version,
        yanked: entry.yanked !== false
    }));
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
            const answer = answers?.get(change.name);
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
        const releases = publishedReleases(answer);
        if (releases !== null)
            out.set(name, releases);
    }
    return out;
}

// SemVer 2.0 parsing and precedence for crate versions and OSV events, via the `semver` package.
// Build metadata is stripped before parsing: it never takes part in precedence (`0.14.2+1.5.1`).
// What counts as a version is Cargo's rule (the `semver` crate's `Version::parse`, which Cargo uses
// for every lockfile version): no `v`, `=` or spaces, all three numbers, no leading zeros, no
// empty identifiers. Numbers are u64 there; past 2^53 − 1 the `semver` package (and a JavaScript
// number) cannot order them, so such a version is refused here and its package is unknown.
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
    if (versionProblem(text) !== null)
        return null;
    const plus = text.indexOf('+');
    const core = plus === -1 ? text : text.slice(0, plus);
    try {
        return new semver.SemVer(core, { loose: false });
    }
    catch {
        return null;
    }
}
function compareVersions(a, b) {
    return a.compare(b);
}
/** A version made from parts, e.g. the bound `2.0.0-0` of `^1.2`. */
function makeVersion(major, minor, patch, pre = []) {
    const text = `${String(major)}.${String(minor)}.${String(patch)}${pre.length > 0 ? `-${pre.join('.')}` : ''}`;
    return new semver.SemVer(text, { loose: false });
}

// Which versions an advisory affects, per the OSV schema's evaluation, made exact:
// events are sorted by SemVer precedence with a stable sort (same-version events keep file order, so
// RustSec's empty `introduced X, fixed X` affects nothing), `introduced: "0"` is the start,
// `last_affected` is inclusive, `limit` bounds a range, an invalid event is ignored.
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
    const parsed = [];
    let limits = [];
    let unlimited = false;
    for (const event of events) {
        const keys = ['introduced', 'fixed', 'last_affected', 'limit'].filter((key) => event[key] !== undefined);
        const key = keys[0];
        // The schema allows exactly one kind per event; anything else is not an event we can read.
        if (keys.length !== 1 || key === undefined)
            continue;
        const raw = event[key] ?? '';
        if (key === 'limit') {
            if (raw === '*')
                unlimited = true;
            const version = parseVersion(raw);
            if (version !== null)
                limits.push({ version, raw, inclusive: false });
            continue;
        }
        if (key === 'introduced' && raw === '0') {
            parsed.push({ kind: key, at: 'min', raw });
            continue;
        }
        const version = parseVersion(raw);
        if (version !== null)
            parsed.push({ kind: key, at: version, raw });
    }
    // Array.prototype.sort is stable: events at the same version keep their order in the file.
    parsed.sort((a, b) => compareAt(a.at, b.at));
    if (unlimited)
        limits = [];
    const limit = limits.reduce((max, bound) => (max === null || compareVersions(bound.version, max.version) > 0 ? bound : max), null);
    return { events: parsed, limit: unlimited || limit === null ? 'none' : limit };
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
function rangeIntervals(events) {
    const { events: sorted, limit } = parseEvents(events);
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
    const matcher = { intervals: [], versions: [], notation: [] };
    for (const entry of entries) {
        matcher.versions.push(...entry.versions);
        for (const range of entry.ranges) {
            if (!RANGE_TYPES.has(range.type))
                continue;
            for (const interval of rangeIntervals(range.events)) {
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
        const other = parseVersion(listed);
        return other !== null && compareVersions(other, parsed) === 0;
    }) || versionAffected(matcher, parsed));
}

// Cargo version requirements (the `semver` crate's VersionReq, which Cargo uses): parsing, exactly
// as that crate parses (what it refuses is unknown here, never judged), matching through the
// `semver` package after translating the syntax, and the question a manifest change asks: does this
// requirement admit any version an advisory affects?
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
// ---- matching: through the `semver` package -----------------------------------------------------
const NODE_OPS = {
    exact: '=',
    // `1.*` is `=1` to Cargo (eval.rs matches both with matches_exact), and to `semver` an X-range.
    wildcard: '=',
    greater: '>',
    'greater-eq': '>=',
    less: '<',
    'less-eq': '<=',
    tilde: '~',
    caret: '^'
};
/** Cargo's comparator in `semver`'s syntax (`1.2` → `^1.2`, a missing part left out). */
function releaseText(cmp) {
    const parts = [cmp.major, cmp.minor, cmp.patch].filter((part) => part !== null);
    const pre = cmp.pre.length > 0 ? `-${cmp.pre.join('.')}` : '';
    return `${NODE_OPS[cmp.op]}${parts.join('.')}${pre}`;
}
/**
 * The pre-release versions one comparator admits (eval.rs, before the pre-release rule), in
 * `semver`'s syntax read with `includePrerelease`; null when it admits none. Hand-written because
 * `semver` widens partial comparators differently: `^1.2` is `>=1.2.0 <2.0.0-0` there, so it
 * refuses `1.2.0-alpha`, which Cargo's `matches_caret` admits; `=1` and `~1.2` admit pre-releases
 * in `semver` but never in Cargo (`matches_exact`/`matches_tilde` compare the empty pre-release).
 * With major.minor.patch written, the two agree.
 */
function preReleaseText(cmp) {
    if (cmp.patch !== null)
        return releaseText(cmp);
    const { major, minor } = cmp;
    switch (cmp.op) {
        case 'exact':
        case 'wildcard':
        case 'tilde':
            return null;
        case 'greater':
        case 'greater-eq':
            return minor === null
                ? `>=${String(major + 1)}.0.0-0`
                : `>=${String(major)}.${String(minor + 1)}.0-0`;
        case 'less':
        case 'less-eq':
            return minor === null ? `<${String(major)}.0.0-0` : `<${String(major)}.${String(minor)}.0-0`;
        case 'caret':
            if (minor === null)
                return `>=${String(major)}.0.0-0 <${String(major + 1)}.0.0-0`;
            return major > 0
                ? `>=${String(major)}.${String(minor)}.0-0 <${String(major + 1)}.0.0-0`
                : `>=0.${String(minor)}.0-0 <0.${String(minor + 1)}.0-0`;
    }
}
/**
 * Matching through `semver`: on releases Cargo and `semver` agree once the syntax is translated
 * (`,` → ` `); a pre-release must first pass Cargo's rule (some comparator of the same
 * major.minor.patch has a pre-release, as in `semver`), then every comparator's pre-release set.
 */
function toRanges(comparators) {
    const releases = new semver.Range(comparators.map(releaseText).join(' ') || '*', {
        loose: false,
        includePrerelease: false
    });
    const pre = comparators.map(preReleaseText);
    const preReleases = comparators.length === 0 || pre.some((text) => text === null)
        ? null
        : new semver.Range(pre.join(' '), { loose: false, includePrerelease: true });
    return { releases, preReleases };
}
/** Reads a requirement as Cargo does; on failure, why Cargo refuses it (or we cannot evaluate it). */
function readCargoReq(text) {
    if (text.length > 1000)
        return { error: 'is longer than 1000 characters' };
    try {
        const comparators = readComparators(text);
        return { req: { comparators, ...toRanges(comparators) } };
    }
    catch (error) {
        if (error instanceof ReqError)
            return { error: error.message };
        // `semver` refuses a bound past Number.MAX_SAFE_INTEGER (e.g. `>=9007199254740991`'s next).
        if (error instanceof TypeError)
            return { error: 'has a number too close to 2^53 − 1, which this tool cannot compare' };
        throw error;
    }
}
/** Reads a requirement as Cargo does (`1.2` is `^1.2`); null when it is not one. */
function parseCargoReq(text) {
    const read = readCargoReq(text);
    return 'req' in read ? read.req : null;
}
function reqMatches(req, ver) {
    if (ver.prerelease.length === 0)
        return req.releases.test(ver);
    const allowed = req.comparators.some((cmp) => cmp.major === ver.major &&
        cmp.minor === ver.minor &&
        cmp.patch === ver.patch &&
        cmp.pre.length > 0);
    return allowed && req.preReleases !== null && req.preReleases.test(ver);
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
/**
 * Fix advice for crate `name` at `version`, against the matchers of its shown, non-ignored
 * advisories. `published` is the crate's versions from the crates.io index, or null without one.
 */
function fixAdvice(name, version, matchers, published, malicious = false) {
    const current = parseVersion(version);
    const free = current === null
        ? []
        : candidates(current, matchers, published).filter((c) => !affectedByAny(matchers, c.raw));
    const smallest = free[0] ?? null;
    const compatible = free.filter((c) => caretCompatible(version, c.version));
    const newest = published === null ? null : (compatible.at(-1) ?? null);
    return {
        version: smallest?.raw ?? null,
        compatible: smallest === null ? null : caretCompatible(version, smallest.version),
        command: smallest === null ? null : `cargo update -p ${name}@${version} --precise ${smallest.raw}`,
        newest_compatible: newest?.raw ?? null,
        checked_published: published !== null,
        none_reason: smallest !== null ? null : published === null ? 'no-fixed-version' : 'no-published-fix',
        malicious
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
// or does not touch an affected version — computed once here; the summary counts, the gate, the
// comment and the JSON report all read it. Pure.
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
 */
function findingVerdict(kind, affected, previous) {
    if (kind === 'removed')
        return affected ? 'fixed' : 'not-affected';
    if (affected)
        return previous === true ? 'still-affected' : 'introduced';
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
 * Requirement changes no lockfile resolves (a library without Cargo.lock), counted like crate
 * changes when whatever Cargo resolves them to is affected: every version they admit is. Where only
 * some are, Cargo may pick one that is not; the comment says so and nothing counts it. One per
 * (crate, origin, old requirement, new requirement), however many manifests hold it.
 */
function countedRequirements(manifests) {
    const units = new Map();
    for (const manifest of manifests) {
        for (const change of manifest.changes) {
            if (change.locked_by !== null || change.kind === 'removed')
                continue;
            if (change.admitted?.all_affected !== true)
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
function sortedIds(ids) {
    return [...new Set(ids)].sort(compareStrings);
}
/** Every count of the report, in the unit ReportSummary documents, from the verdicts only. */
function summarize(lockfiles, manifests) {
    const changes = new Map();
    for (const lockfile of lockfiles) {
        for (const change of lockfile.changes) {
            const key = crateChangeKey(change);
            if (!changes.has(key))
                changes.set(key, change);
        }
    }
    const unique = [...changes.values()];
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
    for (const change of [...unique, ...requirements]) {
        for (const finding of change.advisories) {
            if (finding.ignored === null)
                ids[finding.verdict].add(finding.id);
            else if (finding.verdict !== 'not-affected')
                ignored.add(finding.id);
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
                    ignored.add(finding.id);
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
            verdict: findingVerdict(change.kind, affected, previousAffected)
        };
    });
}
const MALICIOUS = 'malicious';
/** Fix advice for a new version that a shown, non-ignored advisory affects; else null. */
function lockFix(change, findings, advisories, published) {
    if (change.kind === 'removed' || change.version === null)
        return null;
    const active = advisories.filter((_, i) => findings[i]?.ignored === null);
    const hits = findings.filter((f) => f.ignored === null && f.affected);
    if (hits.length === 0)
        return null;
    const matchers = active.map((a) => a.matcher);
    return fixAdvice(change.name, change.version, matchers, published, hits.some((f) => f.categories.includes(MALICIOUS)));
}
function admits(req, advisory) {
    if (req === null)
        return null;
    const parsed = parseCargoReq(req);
    return parsed === null ? null : admitsAffected(parsed, advisory.matcher);
}
function unreadableVersion(version) {
    if (version === null)
        return null;
    const problem = versionProblem(version);
    return problem === null
        ? null
        : `version ${JSON.stringify(version)} ${problem}, so it cannot be evaluated`;
}
function manifestFindings(change, advisories, ignore, locked) {
    const req = effectiveReq(change, 'head');
    const previousFromCratesIo = change.previous_origin === null || isCratesIoOrigin(change.previous_origin);
    const previousReq = change.kind === 'changed' && previousFromCratesIo ? effectiveReq(change, 'base') : null;
    return advisories.map((advisory) => {
        const admitsNow = admits(req, advisory);
        const admittedBefore = admits(previousReq, advisory);
        // With a lockfile, the version it pins decides; the requirement is only shown.
        const pinned = locked?.advisories.find((finding) => finding.id === advisory.info.id);
        return {
            ...advisory.info,
            ignored: ignore.match(advisory),
            admits_affected: admitsNow,
            previous_admits_affected: admittedBefore,
            verdict: pinned?.verdict ?? findingVerdict(change.kind, admitsNow === true, admittedBefore)
        };
    });
}
/**
 * The lockfile change that resolves this requirement: in the nearest lockfile at or above the
 * manifest, the change of this crate whose new version the requirement admits (or its only one).
 */
function lockedBy(manifestPath, change, lockfiles) {
    const lockfile = nearestLockfile(manifestPath, lockfiles);
    if (lockfile === null || lockfile.error !== null)
        return null;
    const same = lockfile.changes.filter((c) => c.name === change.name && isCratesIoLockChange(c));
    if (same.length === 0)
        return null;
    const req = effectiveReq(change, 'head');
    const parsed = req === null ? null : parseCargoReq(req);
    const admitted = same.find((c) => {
        const version = parseVersion(c.version ?? '');
        return parsed !== null && version !== null && reqMatches(parsed, version);
    });
    const chosen = admitted ?? (same.length === 1 ? same[0] : undefined);
    return chosen === undefined ? null : { lockfile, change: chosen };
}
/** Returns copies of the reports with advisories and look-up errors filled in. */
function annotate(lockfiles, manifests, index, rules = []) {
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
        changes: lockfile.changes.map((change) => {
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
            const judged = { advisories: findings, lookup_error: error };
            return {
                ...change,
                ...judged,
                verdict: changeVerdict(judged, index !== null),
                fix: lockFix(change, findings, advisories, index?.published?.get(change.name) ?? null),
                unmaintained: index?.unmaintained?.get(change.name) ?? null
            };
        })
    }));
    const annotatedManifests = manifests.map((manifest) => ({
        ...manifest,
        changes: manifest.changes.map((change) => {
            const req = effectiveReq(change, 'head');
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
                const bad = `requirement ${JSON.stringify(req)} ${read.error}, so it cannot be evaluated`;
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
            const locked = lockedBy(manifest.path, change, annotatedLockfiles);
            const findings = manifestFindings(change, advisories, ignore, locked?.change ?? null);
            const judged = { advisories: findings, lookup_error: error };
            const active = advisories.filter((_, i) => findings[i]?.ignored === null);
            return {
                ...change,
                ...judged,
                verdict: changeVerdict(judged, index !== null),
                locked_by: locked === null
                    ? null
                    : {
                        lockfile: locked.lockfile.path,
                        version: locked.change.version,
                        previous: locked.change.previous
                    },
                admitted: locked !== null || index === null || error !== null
                    ? null
                    : admittedVersions(req, active.map((a) => a.matcher))
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

const CVSS_RANK = { CVSS_V4: 3, CVSS_V3: 2, CVSS_V2: 1 };
function isRustsecId(id) {
    return id.startsWith('RUSTSEC-');
}
function isWithdrawn(record) {
    return record.withdrawn !== null && record.withdrawn.trim() !== '';
}
function isUnmaintained(record) {
    return record.affected.some((entry) => entry.database_specific?.informational === 'unmaintained');
}
function hidden(record) {
    return isWithdrawn(record) || isUnmaintained(record);
}
function informational(entries) {
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
function advisoryUrl$1(id) {
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
            informational: informational(primaryEntries),
            affected_ranges: matcher.notation,
            fixed_ranges: fixedRanges(matcher),
            categories: sortedUnique(categories(primaryEntries)),
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
            url: advisoryUrl$1(primary.id)
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
        .filter((record) => !isWithdrawn(record))
        .filter((record) => {
        const entries = entriesForCrate(record, crate);
        return (entries.some((entry) => entry.database_specific?.informational === 'unmaintained') &&
            !entries.some((entry) => entry.ranges.some((range) => range.events.some((event) => event.fixed !== undefined))));
    })
        .map((record) => record.id)
        .sort();
    return ids[0] ?? null;
}

// Cargo.lock reader for every format Cargo has written (v1 with [root]/[metadata], v2, 3, 4).
// The result is a graph: each package's dependencies are resolved to package indexes.
/** More packages than any real lockfile (rust-lang/rust has ~1,000): refuse rather than grind. */
const MAX_LOCK_PACKAGES = 200_000;
// Plain objects (unknown keys stripped): the cheapest zod shape, and all the engine reads.
const PackageSchema$1 = object({
    name: string(),
    version: string(),
    source: string().optional(),
    dependencies: array(string()).optional()
});
const LockfileSchema = object({
    version: number().optional(),
    package: array(PackageSchema$1).max(MAX_LOCK_PACKAGES).optional(),
    root: PackageSchema$1.optional(),
    metadata: record(string(), unknown()).optional()
});
/** Parses a Cargo.lock. Throws CargoFileError (with line/column when known) on bad input. */
function parseLockfile(text, path) {
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
const PackageSchema = looseObject({
    name: string().optional(),
    workspace: string().optional()
});
const ManifestSchema = looseObject({
    ...SECTION_KEYS,
    package: PackageSchema.optional(),
    project: PackageSchema.optional(),
    workspace: looseObject({ dependencies: DependencyTableSchema.optional() }).optional(),
    target: record(string(), SectionsSchema).optional()
});
/** The three kinds of dependency table; legacy underscore spellings are read under the hyphenated name. */
const SECTIONS = [
    ['dependencies', null],
    ['dev-dependencies', 'dev_dependencies'],
    ['build-dependencies', 'build_dependencies']
];
/** Parses a Cargo.toml. Throws CargoFileError (with line/column when known) on bad input. */
function parseManifest(text, path) {
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
        dependencies
    };
}
function collectSections(sections, target, out) {
    for (const [section, legacy] of SECTIONS) {
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

/**
 * Paths where the workspace root of `manifest` may be, nearest first: itself when it has
 * `[workspace]`, the `package.workspace` directory when given, else every ancestor's Cargo.toml.
 */
function workspaceRootCandidates(manifest) {
    if (manifest.isWorkspaceRoot)
        return [manifest.path];
    const dir = parentDir(manifest.path);
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
function parentDir(path) {
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
        return cmp$2(a.name, b.name) || cmp$2(a.version, b.version) || cmp$2(a.source ?? '', b.source ?? '');
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
function cmp$2(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

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
        diffName(before, after, changes, headPath, basePath);
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
    for (const identity of identities.values()) {
        const gone = dedupe(identity.gone);
        const added = dedupe(identity.added);
        const was = gone[0];
        const now = added[0];
        if (gone.length === 1 && added.length === 1 && was !== undefined && now !== undefined) {
            changes.push(change$1(now, 'updated', now.version, was.version, headPath(now)));
            continue;
        }
        for (const pkg of added) {
            changes.push(change$1(pkg, 'added', pkg.version, null, headPath(pkg)));
        }
        for (const pkg of gone) {
            changes.push(change$1(pkg, 'removed', null, pkg.version, basePath(pkg)));
        }
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
    return (cmp$1(a.name, b.name) ||
        compareSources(a.source, b.source) ||
        cmp$1(a.kind, b.kind) ||
        cmp$1(a.version ?? a.previous ?? '', b.version ?? b.previous ?? ''));
}
function compareSources(a, b) {
    if (a === b)
        return 0;
    if (a === null)
        return -1;
    if (b === null)
        return 1;
    return cmp$1(a, b);
}
function cmp$1(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

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
    return (cmp(a.name, b.name) ||
        cmp(a.section, b.section) ||
        cmp(a.target ?? '', b.target ?? '') ||
        cmp(a.key, b.key) ||
        cmp(a.kind, b.kind));
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
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
    const results = await mapPool(paths, READ_CONCURRENCY, (path) => comparePath(path, sides, logger));
    for (const result of results) {
        if (result === null)
            continue;
        problems.push(...result.problems);
        if (result.report.changes.length === 0 && result.report.error === null)
            continue;
        if (result.kind === 'lockfile')
            lockfiles.push(result.report);
        else
            manifests.push(result.report);
    }
    return { lockfiles, manifests, problems };
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
        const parse = (read, side) => parseSide(read, side, path, problems, parseLockfile);
        const lockBase = parse(before, 'base');
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
        return { kind: 'lockfile', report, problems: problems.map(toProblem) };
    }
    const parse = (read, side) => parseSide(read, side, path, problems, parseManifest);
    const manifestBase = parse(before, 'base');
    const manifestHead = parse(after, 'head');
    let changes = [];
    if (manifestBase !== undefined && manifestHead !== undefined) {
        const [depsBase, depsHead] = await Promise.all([
            resolveSide(manifestBase, sides.base, logger),
            resolveSide(manifestHead, sides.head, logger)
        ]);
        changes = diffManifests(depsBase, depsHead);
    }
    const report = { path, changes, error: problems[0] ?? null };
    return { kind: 'manifest', report, problems: problems.map(toProblem) };
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
function toProblem(problem) {
    const position = problem.line === null
        ? ''
        : `:${String(problem.line)}${problem.column === null ? '' : `:${String(problem.column)}`}`;
    return {
        kind: 'unreadable-file',
        message: `${problem.path}${position} (${problem.side}) could not be read: ${problem.message}; its changes are unknown`,
        incomplete: true
    };
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
    constructor(tree) {
        this.tree = tree;
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
async function listPaths(base, head, only) {
    const all = only ?? [...(await base.listCargoFiles()), ...(await head.listCargoFiles())];
    return [...new Set(all.filter(isCargoFile))].sort(compareStrings);
}

// Counts in messages: "1 crate", "2 crates", "1,274 files".
function plural$1(n, singular, pluralForm = `${singular}s`) {
    return `${n.toLocaleString('en-US')} ${n === 1 ? singular : pluralForm}`;
}

// analyze(): the pure core end to end. Changes between two trees → one advisory look-up for every
// crates.io crate they touch → findings per change → the report.
async function lookUp(source, crates, logger) {
    try {
        return await source.lookup(crates);
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
        logger.debug(`advisory look-up for ${plural$1(crates.length, 'crate')} done`);
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
async function analyze(options) {
    const logger = options.logger ?? silentLogger;
    const changes = await computeChanges(options.base, options.head, {
        logger,
        ...(options.paths === undefined ? {} : { paths: options.paths })
    });
    const problems = [...changes.problems, ...(options.extraProblems ?? [])];
    // The index look-up starts now and runs beside the advisory look-up: no extra round trip.
    const cratesIndex = options.cratesIndex ?? null;
    const registryCrates = cratesIndex === null ? [] : indexCrates(changes.lockfiles);
    const registry = cratesIndex === null || registryCrates.length === 0
        ? Promise.resolve(null)
        : lookUpIndex(cratesIndex, registryCrates, logger);
    let index = null;
    let outage = null;
    if (options.source !== null) {
        const crates = cratesToLookUp(changes.lockfiles, changes.manifests);
        const result = crates.length === 0 ? null : await lookUp(options.source, crates, logger);
        const advisories = new Map();
        const unmaintained = new Map();
        if (result !== null) {
            const { requests, round_trips, ms } = result.stats;
            logger.info(`Advisory look-up: ${options.source.description}: ${plural$1(crates.length, 'crate')} (${String(result.failed.size)} unknown), ${plural$1(requests, 'request')}, ${plural$1(round_trips, 'round trip')}, ${String(ms)} ms`);
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
                        message: `Advisories of all ${String(crates.length)} crates are unknown: ${options.source.description} could not be used: ${cause}. ${hint}`,
                        incomplete: true
                    }
                };
            }
        }
        index = { advisories, failed: result?.failed ?? new Map(), unmaintained };
    }
    // Awaited only now (it ran beside the advisory look-up), before the verdicts: the fix advice
    // chooses among the releases the index lists.
    const answers = await registry;
    if (index !== null && cratesIndex !== null) {
        index = { ...index, published: publishedByCrate(answers) };
    }
    const indexed = withIndexFacts(changes.lockfiles, cratesIndex === null ? null : (answers ?? new Map()));
    problems.push(...indexed.problems);
    for (const lockfile of indexed.lockfiles) {
        for (const change of lockfile.changes) {
            const status = change.registry?.status;
            if (status === 'crate-not-found' || status === 'version-not-found') {
                logger.warning(`${change.name} ${change.version ?? ''} (${lockfile.path}): ${change.registry?.note ?? ''}`);
            }
        }
    }
    const annotated = annotate(indexed.lockfiles, changes.manifests, index, options.ignore ?? []);
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
        summary: summarize(annotated.lockfiles, annotated.manifests),
        lockfiles: annotated.lockfiles,
        manifests: annotated.manifests
    };
}

function describeChange(change, lockfiles, ids) {
    const versions = change.kind === 'added'
        ? `${change.version ?? ''} (new)`
        : `${change.previous ?? ''} → ${change.version ?? ''}`;
    return `${change.name} ${versions} (${lockfiles.join(', ')}): ${ids.join(', ')}`;
}
function evaluateGate(report) {
    const reasons = [];
    // Crate changes in the report's unit, with the lockfiles that hold each.
    const grouped = new Map();
    const unknownByCause = new Map();
    // One outage is one reason (its source-unavailable problem), not one per crate.
    const outage = report.problems.some((problem) => problem.kind === 'source-unavailable');
    const counted = (cause) => cause !== null && !(outage && isOutageReason(cause));
    for (const lockfile of report.lockfiles) {
        if (lockfile.error !== null) {
            reasons.push(`${lockfile.path} (${lockfile.error.side}) could not be read: ${lockfile.error.message}`);
        }
        for (const change of lockfile.changes) {
            const key = crateChangeKey(change);
            const entry = grouped.get(key) ?? { change, lockfiles: [] };
            entry.lockfiles.push(lockfile.path);
            grouped.set(key, entry);
            if (counted(change.lookup_error)) {
                const names = unknownByCause.get(change.lookup_error) ?? [];
                if (!names.includes(change.name))
                    names.push(change.name);
                unknownByCause.set(change.lookup_error, names);
            }
        }
    }
    for (const manifest of report.manifests) {
        if (manifest.error !== null) {
            reasons.push(`${manifest.path} (${manifest.error.side}) could not be read: ${manifest.error.message}`);
        }
        for (const change of manifest.changes) {
            if (!counted(change.lookup_error))
                continue;
            const names = unknownByCause.get(change.lookup_error) ?? [];
            if (!names.includes(change.name))
                names.push(change.name);
            unknownByCause.set(change.lookup_error, names);
        }
    }
    for (const [cause, names] of unknownByCause) {
        const shown = names.slice(0, 10).join(', ');
        const more = names.length > 10 ? ` and ${String(names.length - 10)} more` : '';
        reasons.push(`advisories of ${shown}${more} are unknown: ${cause}`);
    }
    // The per-cause look-up lines above say what the look-up problems say, once.
    for (const problem of report.problems) {
        if (problem.incomplete && problem.kind !== 'lookup-failed')
            reasons.push(problem.message);
    }
    const affected = [];
    const introduced = [];
    const affectedIds = new Set();
    const introducedIds = new Set();
    /** One counted change: its introduced and still-affected ids, and how messages name it. */
    const count = (advisories, describe) => {
        const newly = withVerdict(advisories, 'introduced').map((a) => a.id);
        const kept = withVerdict(advisories, 'still-affected').map((a) => a.id);
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
    for (const { change, lockfiles } of grouped.values()) {
        if (change.kind !== 'removed') {
            count(change.advisories, (ids) => describeChange(change, lockfiles, ids));
        }
    }
    // Requirement changes no lockfile resolves, where every admitted version is affected.
    for (const { change, manifests } of countedRequirements(report.manifests).values()) {
        const from = effectiveReq(change, 'base');
        const to = effectiveReq(change, 'head') ?? '*';
        const requirement = from === null ? `${to} (new)` : `${from} → ${to}`;
        count(change.advisories, (ids) => `${change.name} requirement ${requirement}, every admitted version affected (${manifests.join(', ')}): ${ids.join(', ')}`);
    }
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
function plural(n, one, many) {
    return `${String(n)} ${n === 1 ? one : many}`;
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
            (more > 0 ? `\n  - … and ${String(more)} more` : ''));
    }
    return parts.length === 0 ? null : parts.join('\n');
}

function evaluateYankedGate(report) {
    const gate = { yanked: [], unlisted: [], unknown: [] };
    for (const lockfile of report.lockfiles) {
        for (const change of lockfile.changes) {
            const registry = change.registry;
            if (registry === null || registry === undefined)
                continue;
            const line = `${change.name} ${change.version ?? ''} (${lockfile.path})`;
            if (registry.status === 'published' && change.yanked === true)
                gate.yanked.push(line);
            else if (registry.status === 'crate-not-found' || registry.status === 'version-not-found')
                gate.unlisted.push(`${line}: ${registry.note ?? registry.status}`);
            else if (registry.status === 'unknown' || change.yanked !== false)
                gate.unknown.push(`${line}: ${registry.note ?? 'yanked status unknown'}`);
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
        parts.push(`Whether these versions are yanked is unknown:\n${list(gate.unknown.slice(0, 10))}${gate.unknown.length > 10 ? `\n  - … and ${String(gate.unknown.length - 10)} more` : ''}`);
    }
    return parts.length === 0 ? null : parts.join('\n');
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
        const keys = Object.keys(record);
        const shape = JSON.stringify(keys);
        let order = orders.get(shape);
        if (order === undefined) {
            // Through an object, as the sorted report always went: integer-like keys come first then.
            order = Object.keys(Object.fromEntries(keys.map((key) => [key, 0]).sort(byKey)));
            orders.set(shape, order);
        }
        let first = true;
        for (const key of order) {
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
/** Deterministic JSON: sorted keys, 2-space indent, trailing newline (for reports that fit a string). */
function renderJson(report) {
    const chunks = [];
    writeJsonTo(report, (chunk) => chunks.push(chunk));
    return chunks.join('');
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

// GitHub renders a comment's single line breaks as hard breaks, so an advisory's details written
// hard-wrapped at 72 columns would show as a ragged half-column. Paragraph lines are joined with a
// space; code (fenced or indented), lists' own markers, tables, headings, quotes, HTML blocks and
// link definitions keep their lines.
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Lines that start a block of their own, so they never join the line before. */
const BLOCK_START = /^ {0,3}(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|\||<|\[[^\]]+\]:|(?:[-*_]\s*){3,}$|=+\s*$|-+\s*$)/;
/** Lines after which nothing joins: headings, table rows, HTML, link definitions, explicit breaks. */
const NO_CONTINUATION = /^ {0,3}(?:#{1,6}(?:\s|$)|\||<|\[[^\]]+\]:)|\|\s*$|(?: {2}|\\)$/;
function reflowParagraphs(markdown) {
    const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
    const out = [];
    let fence = null;
    let indentedCode = false;
    let joinable = false;
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
            out.push(line);
            joinable = false;
            continue;
        }
        if (blank) {
            out.push(line);
            joinable = false;
            continue;
        }
        // Indented code starts only where a paragraph could not continue (after a blank line).
        if (!joinable && indented && (out.at(-1) ?? '').trim() === '') {
            indentedCode = true;
            out.push(line);
            continue;
        }
        if (joinable && !BLOCK_START.test(line) && out.length > 0) {
            out[out.length - 1] = `${out.at(-1) ?? ''} ${line.trimStart()}`;
        }
        else {
            out.push(line);
        }
        joinable = !NO_CONTINUATION.test(out.at(-1) ?? '');
    }
    return out.join('\n');
}

/** Headings inside details sit below the comment's own (h3 sections, h4 crates). */
const DETAILS_HEADING_OFFSET = 4;
const RUSTSEC_ID = /^RUSTSEC-\d{4}-\d{4,}$/;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const GHSA_ID = /^GHSA(?:-[a-z0-9]{4}){3}$/;
const CVSS_VECTOR = /^CVSS:(\d+\.\d+)(?:\/[A-Za-z]+:[A-Za-z]+)+$/;
/** Where the id links: the model's `url` when it is the expected rustsec.org / osv.dev page for this id. */
function advisoryUrl(info) {
    if (!SAFE_ID.test(info.id))
        return null;
    const rustsec = `https://rustsec.org/advisories/${info.id}.html`;
    const osv = `https://osv.dev/vulnerability/${info.id}`;
    // Trust the model's url only in the two shapes it may take; otherwise derive it from the id.
    if (info.url === rustsec || info.url === osv)
        return info.url;
    return RUSTSEC_ID.test(info.id) ? rustsec : osv;
}
function advisoryLink(info) {
    const url = advisoryUrl(info);
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
        ...info.affected_ranges.map((r) => clip(r)),
        ...info.affected_versions.map((v) => `=${clip(v)}`)
    ];
    return parts.length === 0 ? null : parts.map(code).join('; ');
}
function heading(info) {
    const summary = info.summary === null || info.summary.trim() === '' ? '' : `: ${text(clip(info.summary, 300))}`;
    return `**${advisoryLink(info)}${summary}**`;
}
function kindNote(info) {
    if (info.categories.includes('malicious'))
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
        ? `Fixed in: ${info.fixed_ranges.map((r) => code(clip(r))).join('; ')}`
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
    const { text: source, clipped } = clipLines(reflowParagraphs(info.details));
    const body = sanitizeMarkdown(source, DETAILS_HEADING_OFFSET);
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
detailsAbove = false) {
    const ignored = ignoredNote(info);
    const facts = [
        ...(status === null ? [] : [status]),
        ...(ignored === null ? [] : [ignored]),
        ...listFacts(info)
    ];
    const repeated = form === 'full' && detailsAbove && info.details !== null;
    if (repeated)
        facts.push('Details: shown above, at its first entry.');
    const blocks = [heading(info), facts.map((f) => `- ${f}`).join('\n')];
    if (form === 'full' && !repeated) {
        const details = detailsBlock(info);
        if (details !== null)
            blocks.push(details);
    }
    return blocks.join('\n\n');
}

/** The change brings in a version the index marks yanked, or that crates.io does not list. */
function isRegistryFinding(change) {
    const status = change.registry?.status;
    return ((status === 'published' && change.yanked === true) ||
        status === 'crate-not-found' ||
        status === 'version-not-found');
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

// Groups the report for reading: the same crate change in several lockfiles is one entry naming
// the lockfiles (the report's counting unit), the same requirement change in several manifests is
// one entry; each entry goes where its verdict puts it. Nothing here judges: verdicts come from
// the engine.
function compareText(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
        const x = a[i] ?? '';
        const y = b[i] ?? '';
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
function isMalicious(findings) {
    return findings.some((f) => f.ignored === null && f.categories.includes('malicious'));
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
function classify(report) {
    const groups = new Map();
    const located = report.lockfiles
        .flatMap((l) => l.changes.map((change) => ({ lockfile: l.path, change })))
        .sort((a, b) => compareText([a.change.name, a.change.version ?? '', a.change.previous ?? '', a.lockfile], [b.change.name, b.change.version ?? '', b.change.previous ?? '', b.lockfile]));
    for (const { lockfile, change } of located) {
        const key = crateChangeKey(change);
        const group = groups.get(key);
        if (group === undefined)
            groups.set(key, { change, lockfiles: [lockfile], requirements: [] });
        else
            group.lockfiles.push(lockfile);
    }
    const all = [...groups.values()];
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
        all
    };
    // A requirement resolved by a lockfile change goes with that change's entry.
    const byLock = new Map();
    for (const entry of all) {
        for (const lockfile of entry.lockfiles) {
            byLock.set(`${lockfile}\u0000${entry.change.name}\u0000${entry.change.version ?? ''}`, entry);
        }
    }
    for (const requirement of groupRequirements(report.manifests)) {
        const lock = requirement.change.locked_by;
        const owner = lock === null
            ? undefined
            : byLock.get(`${lock.lockfile}\u0000${requirement.change.name}\u0000${lock.version ?? ''}`);
        if (owner !== undefined)
            owner.requirements.push(requirement);
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
        const { change } = entry;
        const active = change.advisories.filter((a) => a.ignored === null);
        const ignored = change.advisories.filter((a) => a.ignored !== null && a.verdict !== 'not-affected');
        if (ignored.length > 0)
            result.ignored.push({ entry, findings: ignored });
        if (change.kind === 'added' && change.unmaintained !== null)
            result.unmaintained.push(entry);
        if (withVerdict(active, 'fixed').length > 0)
            result.fixed.push(entry);
        const affected = change.verdict === 'introduced' || change.verdict === 'still-affected';
        if (!affected && isRegistryFinding(change))
            result.registry.push(entry);
        if (change.verdict === 'unknown')
            result.unknown.push(entry);
        else if (change.verdict === 'introduced')
            result.introduced.push(entry);
        else if (change.verdict === 'still-affected')
            result.stillAffected.push(entry);
        else if (change.verdict === 'not-checked') {
            if (change.source === CRATES_IO)
                result.notLookedUp.push(entry);
            else
                result.otherSources.push(entry);
        }
        else if (change.verdict === 'fixed')
            continue;
        else if (active.length > 0)
            result.history.push(entry);
        else if (ignored.length === 0)
            result.clean.push(entry);
    }
    const maliciousFirst = (list) => {
        list.sort((a, b) => Number(isMalicious(b.change.advisories)) - Number(isMalicious(a.change.advisories)));
    };
    maliciousFirst(result.introduced);
    maliciousFirst(result.stillAffected);
    return result;
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
/** The fix advice of an affected change as one paragraph (`short`: one clause for name lists).
 * `notedOnce`: the overview already says that no fix was checked against the index. */
function fixSentence(change, form = 'full', notedOnce = false) {
    const fix = change.fix;
    if (fix === null)
        return '';
    const current = text(clip(change.version ?? '?'));
    if (fix.version === null) {
        if (fix.malicious) {
            return form === 'short'
                ? 'No fixed version: a malicious crate.'
                : '**Fix:** none. RustSec marks this crate as malicious and names no fixed version: remove the dependency.';
        }
        const why = fix.none_reason === 'no-published-fix'
            ? `no published, non-yanked version at or above ${current} is free of the advisories shown here`
            : `no advisory shown here names a version at or above ${current} that fixes them all`;
        return form === 'short' ? 'No fixed version yet.' : `**Fix:** none yet: ${why}.`;
    }
    const version = text(clip(fix.version));
    if (form === 'short')
        return `Fix: ${version}${fix.compatible === true ? '' : ' (not semver-compatible)'}.`;
    const command = code(clip(fix.command ?? '', 400));
    // What "the fix" means is said once, in the overview (FIX_MEANING).
    const parts = [
        fix.compatible === true
            ? `**Fix:** ${command} (semver-compatible).`
            : `**Fix:** ${command}, once the requirement allows ${version} (not semver-compatible).`
    ];
    if (fix.newest_compatible !== null && fix.newest_compatible !== fix.version) {
        parts.push(`The newest published compatible version without them is ${text(clip(fix.newest_compatible))}.`);
    }
    if (!fix.checked_published && !notedOnce) {
        parts.push('Named by the advisories; not checked against the crates.io index.');
    }
    return parts.join(' ');
}
/** What every "Fix" names, said once in the overview. */
const FIX_MEANING = 'A fix is the smallest version at or above the new one free of the advisories shown.';
/** The table's Fix column. */
function fixCell(change) {
    const fix = change.fix;
    if (fix === null)
        return '–';
    if (fix.version === null)
        return fix.malicious ? 'none (malicious)' : 'none yet';
    const version = text(clip(fix.version));
    return fix.compatible === true
        ? `${version} (compatible)`
        : `${version} (needs a requirement change)`;
}

/** "this pull request" for the action, "this change" for the CLI. */
function thisChange(context) {
    return context === 'cli' ? 'this change' : 'this pull request';
}

/** Forms are built on first use: a huge report never renders the details it has no room for. */
function lazyItem(make) {
    const cache = {};
    const get = (form) => (cache[form] ??= make[form]());
    return {
        get full() {
            return get('full');
        },
        get compact() {
            return get('compact');
        },
        get name() {
            return get('name');
        }
    };
}
function simpleItem(line) {
    return { full: line, compact: line, name: line };
}
/** Document order of the sections. */
const SECTION_ORDER = [
    'table',
    'introduced',
    'still-affected',
    'registry',
    'unknown',
    'requirements',
    'unmaintained',
    'fixed',
    'ignored',
    'history',
    'requirement-lines',
    'other-sources',
    'not-looked-up',
    'no-advisories',
    'problems'
];
function counts(n, singular, plural = singular + 's') {
    return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
function isDowngrade(change) {
    const from = semver.valid(change.previous ?? '');
    const to = semver.valid(change.version ?? '');
    return from !== null && to !== null && semver.lt(to, from);
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
    const shown = paths.slice(0, MAX_PATHS).map((p) => code(clip(p, 300)));
    const rest = paths.length - shown.length;
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
    const malicious = isMalicious(entry.change.advisories) ? ' — **malicious crate**' : '';
    return `${code(clip(entry.change.name))}${malicious}`;
}
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
    claim(ids) {
        const first = new Set(ids.filter((id) => !this.seen.has(id)));
        for (const id of first)
            this.seen.add(id);
        return first;
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
    return byId(list).sort((a, b) => Number(b.categories.includes('malicious')) - Number(a.categories.includes('malicious')));
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
    // The section says whether the version a crate replaces was affected too; a crate with both
    // kinds says it for each group.
    const mixed = introduced.length > 0 && kept.length > 0;
    const previous = text(clip(change.previous ?? '?'));
    const block = (form) => {
        const blocks = [crateHeader(entry, ctx), fixSentence(change, 'full', ctx.fixNotedOnce)].filter((b) => b !== '');
        for (const finding of shown) {
            if (mixed && finding === introduced[0])
                blocks.push(`*Introduced by ${thisChange(ctx.context)}: ${previous} was not affected by these.*`);
            if (mixed && finding === kept[0])
                blocks.push(`*Still affected: ${previous} was affected by these too.*`);
            // What was there before decides nothing here: its details text stays on its page.
            const own = form === 'full' && finding.verdict === 'still-affected' && !ctx.stillAffectedDetails
                ? 'compact'
                : form;
            blocks.push(renderAdvisory(finding, null, own, !first.has(finding.id)));
        }
        const lines = [];
        // Ids only: the fixed list below links them, with their summaries.
        if (fixed.length > 0)
            lines.push(`- This change also fixes ${idList(fixed)}.`);
        if (ignored.length > 0)
            lines.push(`- Ignored by configuration: ${idLinks(ignored)} (see below).`);
        if (rest.length > 0) {
            const which = change.kind === 'updated' ? 'either version' : text(clip(change.version ?? '?'));
            lines.push(`- Also in its history, not affecting ${which}: ${idList(rest)}.`);
        }
        if (lines.length > 0)
            blocks.push(lines.join('\n'));
        return blocks.join('\n\n');
    };
    return lazyItem({
        full: () => block('full'),
        compact: () => block('compact'),
        name: () => {
            const parts = [];
            if (introduced.length > 0)
                parts.push(`introduces ${idList(introduced)}`);
            if (kept.length > 0)
                parts.push(`still affected by ${idList(kept)}`);
            return `${lineHead(entry, ctx)}: ${parts.join('; ')}. ${fixSentence(change, 'short')}`.trimEnd();
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
        return `${advisoryLink(f)} would be **${f.verdict}**${reason === null ? '' : ` (${text(clip(reason, 200))})`}`;
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
    const line = `- ${code(clip(entry.change.name))} ${changeText(entry)}: This crate has been marked as unmaintained. It is unlikely to receive further updates or fixes. See ${advisoryLink({ id, url: '' })} for details and possible alternatives.`;
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
/** Crates whose advisories are unknown, by cause: lockfile changes and unresolved requirements. */
function unknownByCause(c) {
    const byCause = new Map();
    const add = (cause, name) => {
        const names = byCause.get(cause) ?? [];
        if (!names.includes(name))
            names.push(name);
        byCause.set(cause, names);
    };
    for (const entry of c.unknown)
        add(entry.change.lookup_error ?? 'unknown error', entry.change.name);
    for (const req of [...c.requirementLines, ...c.requirements]) {
        if (req.change.lookup_error !== null && req.change.locked_by === null)
            add(req.change.lookup_error, req.change.name);
    }
    return byCause;
}
function unknownItems(byCause) {
    const total = new Set([...byCause.values()].flat()).size;
    return [...byCause.entries()].map(([cause, names]) => {
        const shown = names.slice(0, MAX_UNKNOWN_NAMES).map((n) => code(clip(n)));
        const more = names.length - shown.length;
        const list = `${shown.join(', ')}${more > 0 ? ` and ${counts(more, 'more', 'more')}` : ''}`;
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
/** The count, and for what the pull request introduces the ids too (they decide). */
function countCell(findings, ids) {
    if (findings.length === 0)
        return '–';
    if (!ids)
        return String(findings.length);
    const sorted = byId(findings);
    const shown = sorted.slice(0, MAX_TABLE_CELL_IDS).map((f) => text(clip(f.id)));
    const more = sorted.length - shown.length;
    return `${String(sorted.length)}: ${shown.join(', ')}${more > 0 ? ` +${String(more)}` : ''}`;
}
function tableRow(entry) {
    const { change } = entry;
    const where = entry.lockfiles.length > 1 ? ` (${counts(entry.lockfiles.length, 'lockfile')})` : '';
    const row = () => '| ' +
        [
            `${crateName(entry)}${where}`,
            changeText(entry),
            countCell(withVerdict(change.advisories, 'introduced'), true),
            countCell(withVerdict(change.advisories, 'still-affected'), false),
            countCell(withVerdict(change.advisories, 'fixed'), false),
            fixCell(change)
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
        if (problem.kind === 'lookup-failed' || problem.kind === 'ignored-advisory')
            continue;
        const label = PROBLEM_LABEL[problem.kind] ?? 'Problem';
        const incomplete = problem.incomplete ? ' (the analysis is incomplete)' : '';
        items.push(simpleItem(`- **${label}:** ${text(clip(problem.message, 500))}${incomplete}`));
    }
    return items;
}
function buildSections(report, c, options = { unmaintained: 'hide', stillAffectedDetails: true, cleanByName: false }) {
    const ctx = {
        severalLockfiles: new Set(c.all.flatMap((e) => e.lockfiles)).size > 1,
        stillAffectedDetails: options.stillAffectedDetails,
        cleanByName: options.cleanByName,
        context: options.context ?? 'action',
        fixNotedOnce: fixesUnchecked(report)
    };
    const once = new DetailsOnce();
    const sections = [];
    const add = (section, items) => {
        if (items.length > 0)
            sections.push({ table: false, ...section, items });
    };
    const n = (count) => count.toLocaleString('en-US');
    const unknown = unknownByCause(c);
    const rows = [
        ...c.introduced,
        ...c.stillAffected,
        ...c.registry,
        ...c.fixed.filter((e) => !c.introduced.includes(e) && !c.stillAffected.includes(e) && !c.registry.includes(e))
    ];
    add({
        key: 'table',
        heading: '| Crate | Change | Introduced | Still affected | Fixed | Fix |\n| --- | --- | --- | --- | --- | --- |',
        intro: null,
        collapsed: null,
        separator: '\n',
        table: true,
        noun: 'crates'
    }, rows.map(tableRow));
    add({
        key: 'introduced',
        heading: `### Introduced by ${thisChange(ctx.context)} (${n(c.introduced.length)})`,
        intro: 'These versions are affected; the versions they replace were not, or the crate is new.',
        collapsed: null,
        separator: '\n\n',
        noun: 'crates'
    }, c.introduced.map((e) => affectedItem(e, once, ctx)));
    add({
        key: 'still-affected',
        heading: `### Still affected (${n(c.stillAffected.length)})`,
        intro: options.stillAffectedDetails
            ? 'These versions are affected, and so were the versions they replace.'
            : 'These versions are affected, and so were the versions they replace; the details of each advisory are on its page.',
        collapsed: null,
        separator: '\n\n',
        noun: 'crates'
    }, c.stillAffected.map((e) => affectedItem(e, once, ctx)));
    add({
        key: 'registry',
        heading: `### Yanked or not on crates.io (${n(c.registry.length)})`,
        intro: REGISTRY_INTRO,
        collapsed: null,
        separator: '\n',
        noun: 'crates'
    }, c.registry.map((e) => simpleItem(lineHead(e, ctx))));
    add({
        key: 'unknown',
        heading: `### Advisories unknown (${n(new Set([...unknown.values()].flat()).size)})`,
        intro: 'Whether these crates are affected is not known.',
        collapsed: null,
        separator: '\n',
        noun: 'causes'
    }, unknownItems(unknown));
    const noLockfileChange = report.lockfiles.every((l) => l.changes.length === 0);
    add({
        key: 'requirements',
        heading: `### Requirements that admit affected versions (${n(c.requirements.length)})`,
        intro: noLockfileChange
            ? 'No lockfile changed, so each requirement is checked against every version it admits.'
            : 'No lockfile change resolves these requirements; each is checked against every version it admits.',
        collapsed: null,
        separator: '\n\n',
        noun: 'requirements'
    }, c.requirements.map((r) => requirementItem(r, once)));
    if (options.unmaintained === 'notice') {
        add({
            key: 'unmaintained',
            heading: `### Newly added crates marked unmaintained (${n(c.unmaintained.length)})`,
            intro: 'A notice, as crates.io shows it on the crate page; not counted.',
            collapsed: null,
            separator: '\n',
            noun: 'crates'
        }, c.unmaintained.map(unmaintainedItem));
    }
    const fixedIds = new Set(c.fixed.flatMap((e) => withVerdict(e.change.advisories, 'fixed').map((a) => a.id)));
    add({
        key: 'fixed',
        heading: '',
        intro: null,
        collapsed: `Fixed by ${thisChange(ctx.context)}: ${counts(fixedIds.size, 'advisory', 'advisories')} in ${counts(c.fixed.length, 'crate')}`,
        separator: '\n',
        noun: 'crates'
    }, c.fixed.map((e) => fixedItem(e, ctx)));
    add({
        key: 'ignored',
        heading: '',
        intro: null,
        collapsed: `Ignored by configuration, not counted (${n(new Set(c.ignored.flatMap((i) => i.findings.map((f) => f.id))).size)})`,
        separator: '\n',
        noun: 'crates'
    }, c.ignored.map((i) => ignoredItem(i.entry, i.findings, ctx)));
    add({
        key: 'history',
        heading: '',
        intro: null,
        collapsed: `Not affected, with an advisory history (${n(c.history.length)})`,
        separator: '\n',
        noun: 'crates'
    }, c.history.map((e) => historyItem(e, ctx)));
    add({
        key: 'requirement-lines',
        heading: '',
        intro: null,
        collapsed: `Requirement changes (${n(c.requirementLines.length)})`,
        separator: '\n',
        noun: 'requirements'
    }, c.requirementLines.map(requirementLine));
    add({
        key: 'other-sources',
        heading: '',
        intro: null,
        collapsed: `Not from crates.io, advisories not looked up (${n(c.otherSources.length)}): git, path, workspace and other-registry packages`,
        separator: '\n',
        noun: 'packages'
    }, c.otherSources.map((e) => simpleItem(`${lineHead(e, ctx)}, ${sourceText(e.change.source)}`)));
    add({
        key: 'not-looked-up',
        heading: '',
        intro: null,
        collapsed: `Advisories not looked up (${n(c.notLookedUp.length)})`,
        separator: '\n',
        noun: 'crates'
    }, c.notLookedUp.map((e) => simpleItem(lineHead(e, ctx))));
    add({
        key: 'no-advisories',
        heading: '',
        intro: null,
        collapsed: `No advisories reported (${n(c.clean.length)})`,
        separator: ctx.cleanByName ? ', ' : '\n',
        noun: 'crates'
    }, cleanItems(c.clean, ctx));
    add({
        key: 'problems',
        heading: '### Problems',
        intro: null,
        collapsed: null,
        separator: '\n',
        noun: 'problems'
    }, problemItems(report));
    return sections;
}

const capitalise = (value) => value.charAt(0).toUpperCase() + value.slice(1);
const MAX_NAMES = 5;
function someNames(names) {
    const unique = [...new Set(names)];
    const shown = unique.slice(0, MAX_NAMES).map((n) => code(clip(n, 100)));
    const rest = unique.length - shown.length;
    return rest > 0
        ? `${shown.join(', ')} and ${rest.toLocaleString('en-US')} more`
        : shown.join(', ');
}
/** `⚠️ Incomplete: …` naming what is unknown, or null when the analysis is complete. */
function incompleteNotice(report, classified) {
    const unknown = [];
    const files = fileErrors(report);
    if (files.length > 0) {
        const their = files.length === 1 ? 'its' : 'their';
        unknown.push(`${counts(files.length, 'file')} could not be read (${someNames(files.map((f) => f.path))}), so ${their} changes are unknown`);
    }
    const failed = [
        ...classified.unknown.map((u) => u.change.name),
        ...[...classified.requirementLines, ...classified.requirements]
            .filter((m) => m.change.lookup_error !== null)
            .map((m) => m.change.name)
    ];
    const causes = new Set([
        ...classified.unknown.map((u) => u.change.lookup_error),
        ...classified.requirementLines
            .filter((m) => m.change.lookup_error !== null)
            .map((m) => m.change.lookup_error)
    ]);
    if (failed.length > 0) {
        const names = new Set(failed);
        unknown.push(causes.size === 1
            ? `the advisory look-up failed for ${counts(names.size, 'crate')} (${text(clip([...causes][0] ?? '', 200))})`
            : `the advisory look-up failed for ${counts(names.size, 'crate')} (${someNames(failed)})`);
    }
    if (report.advisory_source === null)
        unknown.push('advisories were not looked up');
    const truncated = report.problems.filter((p) => p.kind === 'file-list-truncated');
    if (truncated.length > 0)
        unknown.push('the list of changed files was truncated, so some files were not read');
    const others = report.problems.filter((p) => p.incomplete &&
        p.kind !== 'file-list-truncated' &&
        p.kind !== 'lookup-failed' &&
        p.kind !== 'unreadable-file');
    if (others.length > 0)
        unknown.push(`${counts(others.length, 'other problem')} (listed under Problems)`);
    if (unknown.length === 0 && report.complete)
        return null;
    if (unknown.length === 0)
        unknown.push('see Problems below');
    return `⚠️ **Incomplete:** ${unknown.join('; ')}. Advisories may exist that this comment does not show.`;
}
/**
 * The decision: "This pull request introduces 2 advisories in 1 crate; it fixes 3." — from the
 * summary's counts, which the outputs and the gate read too.
 */
function verdictSentence(report, context = 'action') {
    const change = thisChange(context);
    const s = report.summary;
    if (report.advisory_source === null)
        return '**Advisories were not looked up.**';
    const lockChanges = s.crates_added + s.crates_updated + s.crates_removed;
    // A requirement whose every admitted version is affected counts even without a lockfile.
    if (lockChanges === 0 && s.affected_versions === 0) {
        return s.manifests_changed > 0
            ? `**No locked crate changes in ${change};** its requirement changes are listed below.`
            : `**No locked crate changes in ${change}.**`;
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
        parts.push(`it fixes ${s.fixed_advisories.toLocaleString('en-US')}`);
    return `**${parts.join('; ')}.**`;
}
/** One paragraph of facts: changes per lockfile, ignored advisories, the source. */
function overview(report, classified) {
    const sentences = [];
    const changed = report.lockfiles.filter((l) => l.changes.length > 0);
    const describe = (changes) => {
        const added = changes.filter((c) => c.kind === 'added').length;
        const updated = changes.filter((c) => c.kind === 'updated').length;
        const removed = changes.filter((c) => c.kind === 'removed').length;
        return `${counts(added, 'crate')} added, ${updated.toLocaleString('en-US')} updated, ${removed.toLocaleString('en-US')} removed`;
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
    const registry = classified.all.filter((e) => isRegistryFinding(e.change)).length;
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

const DECIDING = ['introduced', 'still-affected', 'requirements'];
/** Lists that decide nothing, in the order they give way to a pointer past the target size.
 * Requirement changes and packages from other sources stay: a new git source decides trust. */
const UNDECIDING = ['no-advisories', 'history'];
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
        keys: ['table', 'problems', 'unknown', ...DECIDING, 'registry', 'unmaintained'],
        from: null,
        to: 'name'
    },
    { keys: DECIDING, from: 'name', to: 'compact' },
    { keys: ['fixed', 'ignored'], from: null, to: 'name' },
    { keys: ['fixed', 'ignored'], from: 'name', to: 'full' },
    { keys: ['history', 'requirement-lines'], from: null, to: 'name' },
    { keys: ['history', 'requirement-lines'], from: 'name', to: 'full' },
    { keys: ['other-sources', 'not-looked-up', 'no-advisories'], from: null, to: 'name' },
    { keys: DECIDING, from: 'compact', to: 'full' }
];
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
        const more = `- … and ${omitted.toLocaleString('en-US')} more ${section.noun}, listed in the full report.`;
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
    const classified = classify(report);
    const build = (stillAffectedDetails) => buildSections(report, classified, {
        unmaintained: options.unmaintained ?? 'hide',
        stillAffectedDetails,
        cleanByName: target.cleanByName,
        context: target.context
    }).sort((a, b) => SECTION_ORDER.indexOf(a.key) - SECTION_ORDER.indexOf(b.key));
    const notice = incompleteNotice(report, classified);
    const head = (shortened) => [
        ...(target.marker ? [COMMENT_MARKER] : []),
        TITLE,
        ...(notice === null ? [] : [notice]),
        verdictSentence(report, target.context),
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
        let total = 0;
        for (const item of sections.flatMap((section) => section.items)) {
            total += sizeOf(item, 'full');
            if (total > target.max)
                break;
        }
        if (total > target.max)
            continue;
        const everything = sections.map((section) => section.items.map(() => 'full'));
        // Lists that gave way with the details shown stay pointers without them: details come first.
        let full = assemble(head(false), sections, everything, { keys, fullReport: target.fullReport });
        for (const key of UNDECIDING) {
            if (target.measure(full) <= target.target)
                break;
            if (!sections.some((section) => section.key === key))
                continue;
            keys.add(key);
            full = assemble(head(false), sections, everything, { keys, fullReport: target.fullReport });
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
                const delta = sizeOf(item, step.to) - (current === null ? -separator : sizeOf(item, current));
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

export { REGISTRY_INTRO as R, analyze as a, evaluateYankedGate as b, createAdvisorySource as c, renderJson as d, evaluateGate as e, renderSummary as f, gateFailure as g, classify as h, registryFact as i, isDowngrade as j, plural$1 as p, renderComment as r, verdictSentence as v, writeJsonFile as w, yankedGateFailure as y };
//# sourceMappingURL=analysis.js.map
