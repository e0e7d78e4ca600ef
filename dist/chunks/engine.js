import { s as findingSubject, n as locateReport, r as renderSarif, p as plural } from './analysis.js';
export { m as analyze, b as buildReview, l as createAdvisorySource, g as gate, u as outcomeLine, q as renderComment, o as renderJson, v as renderSummary, w as writeJsonFile } from './analysis.js';
import { f as firstLine, g as getErrorMessage, l as looseObject, c as array, s as string, u as union, n as number, b as bigint, m as TOOL_VERSION, T as TOOL_NAME, j as redactSecrets, H as text } from './common.js';
export { A as cratesIndexOrNull, I as shortComment } from './common.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { h as httpStatus, e as errorHeaders } from './octokit.js';
import 'node:module';
import 'node:fs';
import './_commonjsHelpers.js';
import 'node:events';
import 'fs';
import 'os';
import 'http';
import 'https';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';

// Findings as annotations (plain text, not Markdown): the workflow commands the action prints and
// the check run's output share these. GitHub keeps 10 errors, 10 warnings and 10 notices per step,
// so the step's list puts the most decisive first and ends with one notice counting the rest.
/** What the runner keeps per level per step. */
const STEP_ANNOTATIONS_PER_LEVEL = 10;
const TITLE = {
    malicious: 'Malicious crate',
    introduced: 'Advisory introduced',
    'still-affected': 'Still affected',
    'too-new': 'Younger than the cooldown',
    yanked: 'Yanked version',
    'not-published': 'Not on crates.io',
    unmaintained: 'Unmaintained crate'
};
function advisoryLine(advisory) {
    return `${advisory.id}${advisory.summary === null ? '' : `: ${advisory.summary}`} (${advisory.url})`;
}
/** One annotation per finding, in the findings' order (most decisive first). */
function findingAnnotation(finding) {
    const subject = findingSubject(finding);
    const ids = finding.advisories.map((a) => a.id);
    const lines = [
        finding.previous === null ? subject : `${subject} (was ${finding.previous})`,
        ...finding.advisories.map(advisoryLine),
        ...(finding.note === null ? [] : [finding.note]),
        ...(finding.location.via === 'lockfile' || finding.file === finding.location.path
            ? []
            : [`Changed in ${finding.file}.`])
    ];
    const span = finding.location.span;
    return {
        level: finding.level,
        title: `${TITLE[finding.kind]}: ${finding.crate}${ids.length === 0 ? '' : ` (${ids.join(', ')})`}`,
        message: lines.join('\n'),
        file: finding.location.path,
        ...(span === null
            ? {}
            : {
                startLine: span.line,
                endLine: span.endLine,
                ...(span.line === span.endLine
                    ? { startColumn: span.column, endColumn: span.endColumn }
                    : {})
            })
    };
}
/**
 * The annotations one step prints: at most 10 per level, errors and warnings first as they come,
 * then notices; when any are left out, the last notice says how many and where they are.
 */
function stepAnnotations(findings, where, perLevel = STEP_ANNOTATIONS_PER_LEVEL) {
    const all = findings.map(findingAnnotation);
    const of = (level) => all.filter((a) => a.level === level);
    const errors = of('error');
    const warnings = of('warning');
    const notices = of('notice');
    const hiddenBefore = Math.max(0, errors.length - perLevel) + Math.max(0, warnings.length - perLevel);
    const overflow = hiddenBefore > 0 || notices.length > perLevel;
    const noticeRoom = overflow ? perLevel - 1 : perLevel;
    const shown = [
        ...errors.slice(0, perLevel),
        ...warnings.slice(0, perLevel),
        ...notices.slice(0, noticeRoom)
    ];
    if (!overflow)
        return shown;
    const hidden = all.length - shown.length;
    return [
        ...shown,
        {
            level: 'notice',
            title: `${String(hidden)} more ${hidden === 1 ? 'finding' : 'findings'}`,
            message: `${String(hidden)} more ${hidden === 1 ? 'finding is' : 'findings are'} not annotated here (GitHub keeps ${String(perLevel)} per level per step): see ${where}.`,
            file: ''
        }
    ];
}

// A check run on the pull request's head commit carrying every annotation. Under
// `pull_request_target` the job's own annotations attach to the base branch's commit and never
// show on the PR's diff; a check run on the head SHA does (GitHub REST "Check runs": create, update,
// list for a ref; at most 50 annotations per request, further ones appended by updates).
// Needs `checks: write`; without it the log says once how to grant it and the job goes on.
/** GitHub takes at most this many annotations per create or update request. */
const ANNOTATIONS_PER_REQUEST = 50;
const LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' };
/** GitHub's limits on one annotation's text fields (characters). */
const MAX_TITLE = 255;
const MAX_MESSAGE = 64 * 1024;
const checkRunJson = looseObject({
    id: union([number(), bigint()]).transform(Number),
    html_url: string().nullable().optional()
});
const listJson = looseObject({ check_runs: array(checkRunJson) });
const annotationJson = looseObject({
    path: string(),
    start_line: number(),
    end_line: number(),
    annotation_level: string().nullable(),
    title: string().nullable().optional(),
    message: string().nullable()
});
/** Pages of an existing run's annotations read on a re-run (100 each). */
const MAX_ANNOTATION_PAGES = 30;
function annotationKey(a) {
    return JSON.stringify([
        a.path,
        a.start_line,
        a.end_line,
        a.annotation_level,
        a.title ?? '',
        a.message ?? ''
    ]);
}
/**
 * An update appends its annotations to the run's (GitHub's docs): on a re-run, the ones the run
 * already has are not sent again.
 */
async function alreadyThere(octokit, repo, id) {
    const keys = new Set();
    let pages = 0;
    for await (const response of octokit.paginate.iterator(octokit.rest.checks.listAnnotations, {
        ...repo,
        check_run_id: id,
        per_page: 100
    })) {
        for (const item of array(annotationJson).parse(response.data))
            keys.add(annotationKey(item));
        if (++pages >= MAX_ANNOTATION_PAGES)
            break;
    }
    return { keys, pages };
}
function toApi(annotation) {
    const line = annotation.startLine ?? 1;
    return {
        path: annotation.file,
        start_line: line,
        end_line: annotation.endLine ?? line,
        ...(annotation.startColumn !== undefined && annotation.endColumn !== undefined
            ? { start_column: annotation.startColumn, end_column: annotation.endColumn }
            : {}),
        annotation_level: LEVEL[annotation.level],
        title: annotation.title.slice(0, MAX_TITLE),
        message: annotation.message.slice(0, MAX_MESSAGE)
    };
}
/** Creates the run (or updates the one of this name on the head SHA); never throws. */
async function publishCheckRun(octokit, repo, options) {
    // Only annotations on a file: the overflow notice of the step has none, and the run has room.
    let annotations = options.annotations.filter((a) => a.file !== '').map(toApi);
    const batches = [];
    const output = (batch) => ({
        title: options.title,
        summary: options.summary,
        ...(batch === undefined ? {} : { annotations: batch })
    });
    let requests = 0;
    try {
        requests += 1;
        const listed = listJson.parse((await octokit.rest.checks.listForRef({
            ...repo,
            ref: options.headSha,
            check_name: options.name,
            filter: 'latest',
            per_page: 1
        })).data);
        const existing = listed.check_runs[0];
        if (existing !== undefined) {
            const known = await alreadyThere(octokit, repo, existing.id);
            requests += Math.max(1, known.pages);
            annotations = annotations.filter((a) => !known.keys.has(annotationKey(a)));
        }
        for (let at = 0; at < annotations.length; at += ANNOTATIONS_PER_REQUEST) {
            batches.push(annotations.slice(at, at + ANNOTATIONS_PER_REQUEST));
        }
        const body = {
            ...repo,
            name: options.name,
            status: 'completed',
            conclusion: options.conclusion,
            output: output(batches[0])
        };
        requests += 1;
        const run = checkRunJson.parse(existing === undefined
            ? (await octokit.rest.checks.create({ ...body, head_sha: options.headSha })).data
            : (await octokit.rest.checks.update({ ...body, check_run_id: existing.id })).data);
        for (const batch of batches.slice(1)) {
            requests += 1;
            await octokit.rest.checks.update({ ...repo, check_run_id: run.id, output: output(batch) });
        }
        return {
            action: existing === undefined ? 'created' : 'updated',
            id: run.id,
            url: run.html_url ?? null,
            requests
        };
    }
    catch (error) {
        const status = httpStatus(error);
        const message = firstLine(getErrorMessage(error));
        if (status === 403 && !/rate limit/i.test(message)) {
            const accepted = errorHeaders(error)['x-accepted-github-permissions'];
            return {
                action: 'forbidden',
                reason: `No check run on the head commit (HTTP 403: ${message}): the token needs \`checks: write\`` +
                    `${accepted ? ` [GitHub accepts: ${accepted}]` : ''}. Add \`checks: write\` to the workflow's ` +
                    '`permissions:` to see the findings on the pull request\'s "Files changed" under `pull_request_target`; ' +
                    'the comment and the job summary have them meanwhile.'
            };
        }
        return {
            action: 'failed',
            reason: `No check run on the head commit${status === null ? '' : ` (HTTP ${String(status)})`}: ${message}`
        };
    }
}

// The findings on their lines, in the three places GitHub shows them: the step's annotations
// (workflow commands, no token needed), a check run on the PR's head commit (under
// `pull_request_target` the step's annotations attach to the base branch's commit instead), and a
// SARIF file for code scanning. None of them fails the job: the gate decides that.
/**
 * The report with its `findings` located in the head files, and those findings. Never rejects: a
 * failure is a warning, and the report then has no `findings` (not an empty list).
 */
async function locateForPublishing(report, head, options, core) {
    try {
        return await locateReport(report, head, options);
    }
    catch (error) {
        core.warning(`Could not locate the findings: ${getErrorMessage(error)}`);
        return { report, findings: [] };
    }
}
/** Never rejects: whatever goes wrong here is a warning, never the job's failure. */
async function publishFindings(options) {
    try {
        await publish(options);
    }
    catch (error) {
        options.core.warning(`Could not annotate the findings: ${getErrorMessage(error)}`);
    }
}
async function publish(options) {
    const { core, report, findings } = options;
    for (const annotation of stepAnnotations(findings, options.where)) {
        core.annotate(annotation.level, annotation.message, fieldsOf(annotation));
    }
    if (options.sarifFile !== null) {
        const path = resolve(options.workspace, options.sarifFile);
        try {
            await mkdir(dirname(path), { recursive: true });
            const sarif = renderSarif(findings, { toolName: TOOL_NAME, toolVersion: TOOL_VERSION });
            await writeFile(path, JSON.stringify(sarif, null, 2) + '\n');
            core.info(`SARIF: ${plural(sarif.runs[0]?.results.length ?? 0, 'result')} written to ${path}`);
        }
        catch (error) {
            core.warning(`Could not write the SARIF file ${path}: ${getErrorMessage(error)}`);
        }
    }
    const { checkRun } = options;
    const wanted = checkRun.mode === 'always' ||
        (checkRun.mode === 'auto' && checkRun.eventName === 'pull_request_target');
    if (wanted && checkRun.headSha !== null) {
        // GitHub shows these as plain text; no known secret may leave in them.
        const annotations = findings.map((finding) => {
            const annotation = findingAnnotation(finding);
            return {
                ...annotation,
                title: redactSecrets(annotation.title),
                message: redactSecrets(annotation.message)
            };
        });
        const outcome = await publishCheckRun(checkRun.octokit, checkRun.repo, {
            name: TOOL_NAME,
            headSha: checkRun.headSha,
            ...checkRunText(report, findings),
            conclusion: options.gateFailed
                ? 'failure'
                : !report.complete || annotations.some((a) => a.level !== 'notice')
                    ? 'neutral'
                    : 'success',
            annotations
        });
        if ('reason' in outcome)
            core.warning(outcome.reason);
        else {
            core.info(`Check run ${outcome.action} on ${checkRun.headSha.slice(0, 12)}: ${plural(annotations.length, 'annotation')}, ${plural(outcome.requests, 'request')}${outcome.url === null ? '' : ` ${outcome.url}`}`);
        }
    }
}
function fieldsOf(annotation) {
    const { title, file, startLine, endLine, startColumn, endColumn } = annotation;
    return {
        title,
        ...(file === '' ? {} : { file }),
        ...(startLine === undefined ? {} : { startLine, endLine }),
        ...(startColumn === undefined ? {} : { startColumn, endColumn })
    };
}
/** The check run's title and its short summary: the counts, and never "clean" when incomplete. */
function checkRunText(report, findings) {
    const count = (kinds) => findings.filter((f) => kinds.includes(f.kind)).length;
    const errors = count(['malicious', 'introduced']);
    const warnings = count(['still-affected']);
    const tooNew = count(['too-new']);
    const notices = findings.length - errors - warnings - tooNew;
    const parts = [
        ...(errors > 0 ? [`${plural(errors, 'finding')} introduced`] : []),
        ...(warnings > 0 ? [`${String(warnings)} still affected`] : []),
        ...(tooNew > 0 ? [`${String(tooNew)} younger than the cooldown`] : []),
        ...(notices > 0 ? [plural(notices, 'notice')] : [])
    ];
    const title = !report.complete
        ? `Incomplete: ${parts.length === 0 ? 'some advisories are unknown' : parts.join(', ')}`
        : parts.length === 0
            ? 'No changed crate is affected by a known advisory'
            : parts.join(', ');
    const { summary } = report;
    const lines = [
        `**${title}**`,
        '',
        `- Crate changes: ${String(summary.crates_added)} added, ${String(summary.crates_updated)} updated, ${String(summary.crates_removed)} removed`,
        `- Introduced: ${text(summary.introduced_ids.join(', ')) || 'none'}`,
        `- Still affected: ${text(summary.still_affected_ids.join(', ')) || 'none'}`,
        ...(report.complete
            ? []
            : [
                `- Incomplete: ${text(report.problems
                    .filter((p) => p.incomplete)
                    .map((p) => p.message)
                    .join('; '))}`
            ]),
        '',
        'Each finding is annotated on the line that brought the crate in; the pull request comment has the advisories in full.'
    ];
    return {
        title: redactSecrets(title).slice(0, 255),
        summary: redactSecrets(lines.join('\n')).slice(0, 60_000)
    };
}

export { locateForPublishing, publishFindings };
//# sourceMappingURL=engine.js.map
