// The tool's version, from package.json (bundled by Rollup's JSON plugin).
import packageJson from '../../package.json' with { type: 'json' }

export const TOOL_NAME = 'cargo-advisory-review'
export const TOOL_VERSION: string = packageJson.version
