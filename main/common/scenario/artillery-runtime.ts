/**
 * The JavaScript of an exported Artillery processor, after its data: what runs inside Artillery's
 * virtual users. Plain CommonJS for the Node that runs Artillery; it reads `SCENARIO` (the steps,
 * their JSONPaths already parsed, see artillery-export.ts) and keeps the semantics of the app's
 * engine (run-scenario.ts): expectations read the received messages in order from a cursor, so a
 * message that arrived before the step is not missed, and a failure fails the virtual user with
 * the same sentence.
 */
import { RUNTIME_CORE } from './runtime-core.ts'

/** The counter of failed steps the processor keeps, which the script's ensure check reads. */
export const FAILED_METRIC = 'realtime_playground.steps_failed'

export const ARTILLERY_RUNTIME = String.raw`
const { randomUUID } = require('node:crypto')
const newId = randomUUID
${RUNTIME_CORE}
/**
 * A step's function: runs it; a failure is counted (the script's ensure check fails the run on it),
 * reported as an error with its sentence, and the virtual user's later steps are skipped.
 */
function stepFunction(run) {
  return (context, ee, next) => {
    if (context.vars.__rpFailed) return next()
    Promise.resolve()
      .then(() => run(context, ee))
      .then(() => next(), (error) => {
        context.vars.__rpFailed = true
        ee.emit('counter', FAILED_METRIC, 1)
        // The ws engine ignores an error passed to next: it is reported here instead.
        if (context.ws) ee.emit('error', error.message)
        next(error)
      })
  }
}

/** Counts failed steps; every virtual user adds 0 first, so the metric exists when all pass. */
const FAILED_METRIC = '${FAILED_METRIC}'


/** WebSocket: the connection Artillery opens, with the URL, headers and subprotocols filled. */
function rpConnect(wsArgs, context, done) {
  try {
    loadSecrets(context, process.env)
    setDynamic(context)
    wsArgs.target = fill(SCENARIO.request.url, context)
    wsArgs.subprotocols = SCENARIO.request.subprotocols.map((protocol) => fill(protocol, context))
    wsArgs.options = { ...wsArgs.options, headers: {} }
    for (const header of SCENARIO.request.headers) wsArgs.options.headers[fill(header.name, context)] = fill(header.value, context)
    done()
  } catch (error) {
    done(error)
  }
}

/** WebSocket: from the connection on, every message goes to the inbox. */
const rpListen = stepFunction((context, ee) => {
  ee.emit('counter', FAILED_METRIC, 0)
  // ws 7 (Artillery's) gives text as a string and binary as a Buffer; ws 8 says which it is.
  context.ws.on('message', (data, isBinary) => {
    const binary = isBinary === undefined ? typeof data !== 'string' : isBinary
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length
    receive(context, binary
      ? { kind: 'binary', size }
      : { kind: 'text', data: typeof data === 'string' ? data : data.toString('utf8'), size })
  })
  context.ws.on('close', (code) => receive(context, { kind: 'close', code }))
})

const rpDynamic = stepFunction((context) => setDynamic(context))

/** SSE: the whole scenario in one step, over fetch (Artillery has no SSE engine). */
const rpSse = stepFunction(async (context, ee) => {
  ee.emit('counter', FAILED_METRIC, 0)
  loadSecrets(context, process.env)
  setDynamic(context)
  const request = SCENARIO.request
  const abort = new AbortController()
  const headers = { Accept: 'text/event-stream' }
  for (const header of request.headers) headers[fill(header.name, context)] = fill(header.value, context)
  const response = await fetch(fill(request.url, context), {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: fill(request.body, context) } : {}),
    signal: abort.signal,
  })
  if (!response.ok) throw new Error('The server answered ' + response.status + ' ' + response.statusText)
  const reading = (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    let event = { data: [], event: 'message', id: undefined }
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true })
        let end
        while ((end = buffer.search(/\r\n|\r|\n/)) !== -1) {
          const line = buffer.slice(0, end)
          buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1))
          if (line === '') {
            if (event.data.length > 0) {
              ee.emit('counter', 'sse.events_received', 1)
              receive(context, { kind: 'sse', data: event.data.join('\n'), event: event.event, id: event.id })
            }
            event = { data: [], event: 'message', id: undefined }
            continue
          }
          const colon = line.indexOf(':')
          const field = colon === -1 ? line : line.slice(0, colon)
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
          if (field === 'data') event.data.push(value)
          else if (field === 'event') event.event = value
          else if (field === 'id') event.id = value
        }
      }
      receive(context, { kind: 'close', code: 1000 })
    } catch {
      // Aborted at the end of the scenario.
    }
  })()
  try {
    await runSteps(context, SCENARIO.steps)
  } finally {
    abort.abort()
    await reading
  }
})

module.exports = { rpConnect, rpListen, rpDynamic, rpSse }
for (const [name, step] of Object.entries(SCENARIO.functions)) {
  module.exports[name] = stepFunction((context) => {
    if (step.type === 'expect') return expectMessage(context, step)
    if (step.type === 'expect-none') return expectNone(context, step)
    if (step.type === 'send-binary') return new Promise((resolve, reject) =>
      context.ws.send(Buffer.from(step.data, step.encoding === 'hex' ? 'hex' : 'base64'), (error) => (error ? reject(error) : resolve())))
    if (step.type === 'disconnect') return new Promise((resolve) => {
      context.ws.once('close', () => resolve())
      context.ws.close(step.code)
    })
  })
}
`
