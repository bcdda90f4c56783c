/**
 * Child process of the benchmark: one bare client (ws, or fetch + eventsource-parser) against the
 * demo server. argv: protocol url count. Prints its ClientResult as JSON.
 */
import { bareSse, bareWebSocket } from './bench-clients.ts'

const [protocol, url, count] = process.argv.slice(2)
const result =
  protocol === 'ws' ? await bareWebSocket(url!, Number(count)) : await bareSse(url!, Number(count))
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
