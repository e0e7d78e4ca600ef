export { b as analyze, a as createAdvisorySource, e as evaluateGate, g as gateFailure, d as renderComment, r as renderJson, f as renderSummary, w as writeJsonFile } from './analysis.js';
export { d as cratesIndexOrNull, G as shortComment } from './common.js';
import 'node:fs';
import 'node:path';
import 'module';
import './_commonjsHelpers.js';

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
function yankedGateFailure(gate) {
    const parts = [];
    const list = (lines) => lines.map((line) => `  - ${line}`).join('\n');
    if (gate.yanked.length > 0) {
        parts.push(`The pull request introduces yanked crate versions:\n${list(gate.yanked)}`);
    }
    if (gate.unlisted.length > 0) {
        parts.push(`The pull request introduces crates.io versions the crates.io index does not list:\n${list(gate.unlisted)}`);
    }
    if (gate.unknown.length > 0) {
        parts.push(`Whether these versions are yanked is unknown:\n${list(gate.unknown.slice(0, 10))}${gate.unknown.length > 10 ? `\n  - … and ${String(gate.unknown.length - 10)} more` : ''}`);
    }
    return parts.length === 0 ? null : parts.join('\n');
}

export { evaluateYankedGate, yankedGateFailure };
//# sourceMappingURL=engine.js.map
