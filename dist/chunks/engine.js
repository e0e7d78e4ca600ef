export { a as analyze, c as createAdvisorySource, e as evaluateGate, b as evaluateYankedGate, g as gateFailure, r as renderComment, d as renderJson, f as renderSummary, w as writeJsonFile, y as yankedGateFailure } from './analysis.js';
export { c as cratesIndexOrNull, s as shortComment } from './common.js';
import 'node:fs';
import 'node:path';
import 'module';
import './_commonjsHelpers.js';
//# sourceMappingURL=engine.js.map
