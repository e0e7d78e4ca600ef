// One string order for every sorted list: code units, the same on every machine (unlike
// localeCompare), so reports are byte-stable.
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
