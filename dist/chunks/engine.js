export { a as analyze, c as createAdvisorySource, e as evaluateGate, g as gateFailure, r as renderComment, b as renderJson, d as renderSummary, w as writeJsonFile } from './analysis.js';
export { s as shortComment } from './common.js';
import 'node:fs';
import 'node:path';
import 'module';
import './_commonjsHelpers.js';
//# sourceMappingURL=engine.js.map
