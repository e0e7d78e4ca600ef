// Version ranges as a Cargo user writes them. The engine's computed bounds carry semver's `-0`
// (`<0.21.0-0`: below every pre-release of 0.21.0); Cargo's requirements never match a
// pre-release unless they name one, so `<0.21.0` says the same to a reader.

/** `>=0.20.2, <0.21.0-0` → `>=0.20.2, <0.21.0`. */
export function cargoRange(range: string): string {
  return range.replace(/(\d+\.\d+\.\d+)-0(?![\w.+-])/g, '$1')
}

/** A verdict as words, never the model's enum value. */
export const VERDICT_WORDS = {
  introduced: 'introduced',
  'still-affected': 'still affected',
  fixed: 'fixed',
  'not-affected': 'not affected'
} as const
