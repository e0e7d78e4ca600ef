// What run() needs once the first GitHub requests are on their way: the advisory engine, the
// analysis, the gate and the renderer. run.ts loads this module with import(), so the bundle puts
// it in its own chunk and start-up pays only for the inputs, the event and the GitHub client.
export { createAdvisorySource } from '../advisories/index.js'
export { cratesIndexOrNull } from '../advisories/crates-index/index.js'
export { analyze } from '../review/analyze.js'
export { renderJson, writeJsonFile } from '../review/json.js'
export { outcomeLine, renderComment, renderSummary } from '../render/markdown.js'
export { gate } from '../review/outcome.js'
export { buildReview } from '../review/review.js'
export { shortComment } from '../render/action-texts.js'
export { locateForPublishing, publishFindings } from './findings.js'
