// --sarif FILE: the findings of the report as SARIF 2.1.0, each on the line that brought it in.
import { writeFile } from 'node:fs/promises'
import type { Logger } from '../core/model.js'
import { plural } from '../core/plural.js'
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js'
import type { Finding } from '../evaluate/locate.js'
import { renderSarif } from '../render/sarif.js'

export async function writeSarifFile(
  findings: readonly Finding[],
  path: string,
  logger: Logger
): Promise<void> {
  const sarif = renderSarif(findings, { toolName: TOOL_NAME, toolVersion: TOOL_VERSION })
  await writeFile(path, JSON.stringify(sarif, null, 2) + '\n', 'utf8')
  logger.info(`SARIF: ${plural(sarif.runs[0]?.results.length ?? 0, 'result')} written to ${path}`)
}
