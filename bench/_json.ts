import { readFileSync } from 'node:fs'
import { renderJson } from '../src/review/json.js'
const report = JSON.parse(readFileSync('/tmp/startup-before.json', 'utf8'))
const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0)
const orders = new Map<string, string[]>()
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(sortedCopy)
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  const shape = keys.join('\0')
  let order = orders.get(shape)
  if (order === undefined) {
    order = Object.keys(Object.fromEntries(keys.map((k) => [k, 0] as [string, number]).sort(byKey)))
    orders.set(shape, order)
  }
  const out: Record<string, unknown> = {}
  for (const key of order) out[key] = sortedCopy(record[key])
  return out
}
const which = process.argv[2]
const t0 = process.cpuUsage()
const text = which === 'native' ? JSON.stringify(sortedCopy(report), null, 2) + '\n' : renderJson(report)
const t1 = process.cpuUsage(t0)
const text2 = which === 'native' ? JSON.stringify(sortedCopy(report), null, 2) + '\n' : renderJson(report)
const t2 = process.cpuUsage(t0)
console.log(which, ((t1.user + t1.system) / 1000).toFixed(1), 'warm', ((t2.user + t2.system - t1.user - t1.system) / 1000).toFixed(1), text === readFileSync('/tmp/startup-before.json', 'utf8'), text2.length)
