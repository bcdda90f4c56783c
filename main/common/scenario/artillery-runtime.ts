/**
 * The JavaScript of an exported Artillery processor, after its data: what runs inside Artillery's
 * virtual users. Plain CommonJS for the Node that runs Artillery; it reads `SCENARIO` (the steps,
 * their JSONPaths already parsed, see artillery-export.ts) and keeps the semantics of the app's
 * engine (run-scenario.ts): expectations read the received messages in order from a cursor, so a
 * message that arrived before the step is not missed, and a failure fails the virtual user with
 * the same sentence.
 */
export const ARTILLERY_RUNTIME = String.raw`
const { randomUUID } = require('node:crypto')

/** Every value a parsed JSONPath reaches. */
function select(root, segments) {
  let current = [root]
  for (const segment of segments) {
    const next = []
    for (const value of current) {
      if (typeof value !== 'object' || value === null) continue
      if (segment.type === 'property') {
        if (!Array.isArray(value) && Object.hasOwn(value, segment.name)) next.push(value[segment.name])
      } else if (segment.type === 'index') {
        if (Array.isArray(value) && segment.index < value.length) next.push(value[segment.index])
      } else if (segment.type === 'wildcard') {
        next.push(...(Array.isArray(value) ? value : Object.values(value)))
      } else {
        const stack = [value]
        while (stack.length > 0) {
          const node = stack.pop()
          if (typeof node !== 'object' || node === null) continue
          if (!Array.isArray(node) && Object.hasOwn(node, segment.name)) next.push(node[segment.name])
          const children = Array.isArray(node) ? node : Object.values(node)
          for (let k = children.length - 1; k >= 0; k--) stack.push(children[k])
        }
      }
    }
    current = next
  }
  return current
}

function sameJson(a, b) {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]))
}

/** The values at a path in a message: its JSON payload's, or one of its own fields. */
function valuesAt(message, path) {
  if (message.kind === 'close') return []
  if (path.field) {
    const value = { id: message.id, event: message.event, seq: message.seq, data: message.data }[path.field]
    return value === undefined ? [] : [value]
  }
  if (message.data === undefined) return []
  try {
    return select(JSON.parse(message.data), path.segments)
  } catch {
    return []
  }
}

function test(condition, message) {
  switch (condition.kind) {
    case 'json-equals':
      return valuesAt(message, condition.path).some((value) => sameJson(value, condition.value))
    case 'json-exists':
      return valuesAt(message, condition.path).length > 0
    case 'json-matches':
      return valuesAt(message, condition.path).some((value) =>
        new RegExp(condition.pattern).test(typeof value === 'string' ? value : JSON.stringify(value)),
      )
    case 'text-contains':
      return message.data !== undefined && message.data.includes(condition.text)
    case 'text-matches':
      return message.data !== undefined && new RegExp(condition.pattern).test(message.data)
    case 'event-name':
      return message.kind === 'sse' && message.event === condition.name
    case 'binary-length':
      return message.kind === 'binary' && message.size === condition.length
    case 'close-code':
      return message.kind === 'close' && message.code === condition.code
    default:
      return message.kind !== 'close'
  }
}

/** The received messages of a virtual user, and the cursor expectations read from. */
function inbox(context) {
  if (!context.vars.__rpInbox) context.vars.__rpInbox = { received: [], cursor: 0, wake: null, seq: 0 }
  return context.vars.__rpInbox
}

function receive(context, message) {
  const box = inbox(context)
  message.seq = ++box.seq
  box.received.push(message)
  if (box.wake) box.wake()
}

/** Resolves true at the next message, false at 'until' (ms since the epoch). */
function nextMessage(context, until) {
  const box = inbox(context)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      box.wake = null
      resolve(false)
    }, Math.max(0, until - Date.now()))
    box.wake = () => {
      box.wake = null
      clearTimeout(timer)
      resolve(true)
    }
  })
}

async function expectMessage(context, step) {
  const box = inbox(context)
  const until = Date.now() + step.withinMs
  for (;;) {
    for (; box.cursor < box.received.length; box.cursor++) {
      const message = box.received[box.cursor]
      if (!test(step.condition, message)) continue
      box.cursor++
      if (step.capture) {
        const [value] = valuesAt(message, step.capture)
        if (value === undefined)
          throw new Error('The message matched, but ' + step.capture.text + ' is not in it: nothing to capture as ' + step.capture.variable)
        context.vars[step.capture.variable] = typeof value === 'string' ? value : JSON.stringify(value)
      }
      return
    }
    if (!(await nextMessage(context, until)))
      throw new Error('No message matched ' + step.title + ' within ' + step.withinMs + ' ms')
  }
}

async function expectNone(context, step) {
  const box = inbox(context)
  const until = Date.now() + step.withinMs
  for (;;) {
    for (let i = box.cursor; i < box.received.length; i++)
      if (test(step.condition, box.received[i])) throw new Error('A message matched ' + step.title)
    if (!(await nextMessage(context, until))) return
  }
}

/** Secret variables come from the environment (RP_<NAME>): the script never holds them. */
function loadSecrets(context) {
  for (const name of SCENARIO.secrets) {
    const value = process.env['RP_' + name.toUpperCase().replace(/[^A-Z0-9]/g, '_')]
    if (value === undefined) throw new Error('Set RP_' + name.toUpperCase().replace(/[^A-Z0-9]/g, '_') + ' to the secret variable ' + name)
    context.vars[name] = value
  }
}

let counter = 0

/** The app's dynamic variables, fresh for what follows. */
function setDynamic(context) {
  const now = Date.now()
  Object.assign(context.vars, {
    uuid: randomUUID(),
    timestamp: String(now),
    isoTime: new Date(now).toISOString(),
    counter: String(++counter),
    randomInt: String(Math.floor(Math.random() * 1000000)),
  })
}

/** {{name}} filled from the virtual user's variables; a name nothing defines is an error. */
function fill(text, context) {
  return text.replace(/\{\{\s*([\w.$-]+)\s*\}\}/g, (whole, name) => {
    const value = context.vars[name]
    if (value === undefined) throw new Error('{{' + name + '}} is not defined')
    return String(value)
  })
}

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
const FAILED_METRIC = 'realtime_playground.steps_failed'


/** WebSocket: the connection Artillery opens, with the URL, headers and subprotocols filled. */
function rpConnect(wsArgs, context, done) {
  try {
    loadSecrets(context)
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
  loadSecrets(context)
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

/** SSE steps, in order (WebSocket steps are Artillery's own flow instead). */
async function runSteps(context, steps) {
  for (const step of steps) {
    if (step.type === 'expect') await expectMessage(context, step)
    else if (step.type === 'expect-none') await expectNone(context, step)
    else if (step.type === 'wait') await new Promise((resolve) => setTimeout(resolve, step.ms))
    else if (step.type === 'repeat') for (let i = 0; i < step.times; i++) await runSteps(context, step.steps)
    else if (step.type === 'disconnect') return
  }
}

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
