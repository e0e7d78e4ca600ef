// Counts in messages: "1 crate", "2 crates", "1,274 files". One number format for every output
// (comment, summary, text, gate, log), written by hand: the first toLocaleString of a process
// loads ICU's number data (~30 ms of a CLI run).

/** An integer with a comma every three digits, as en-US writes it: 1274 → "1,274". */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n)
  const digits = String(Math.abs(n))
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return n < 0 ? `-${grouped}` : grouped
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`
}
