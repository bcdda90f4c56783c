/**
 * The part of an exported load test's script that keeps the app's scenario semantics (see
 * run-scenario.ts), shared by the Artillery processor and the k6 script: conditions, the inbox of
 * received messages and its cursor, expectations, variables. Plain JavaScript, run by the load
 * tool; it reads `SCENARIO` (the steps, JSONPaths parsed, see portable-steps.ts) and calls
 * `newId()`, which each tool's part defines. No Node or k6 API here.
 */
export const RUNTIME_CORE = String.raw`
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
function loadSecrets(context, environment) {
  for (const name of SCENARIO.secrets) {
    const variable = 'RP_' + name.toUpperCase().replace(/[^A-Z0-9]/g, '_')
    const value = environment[variable]
    if (value === undefined) throw new Error('Set ' + variable + ' to the secret variable ' + name)
    context.vars[name] = value
  }
}

let counter = 0

/** The app's dynamic variables, fresh for what follows. */
function setDynamic(context) {
  const now = Date.now()
  Object.assign(context.vars, {
    uuid: newId(),
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
 * Steps run in order by the runtime (SSE in Artillery, everything in k6); 'act' does what only
 * the tool can (send, disconnect). False once a disconnect ended the run.
 */
async function runSteps(context, steps, act) {
  for (const step of steps) {
    if (step.type === 'expect') await expectMessage(context, step)
    else if (step.type === 'expect-none') await expectNone(context, step)
    else if (step.type === 'wait') await new Promise((resolve) => setTimeout(resolve, step.ms))
    else if (step.type === 'repeat') {
      for (let i = 0; i < step.times; i++) if (!(await runSteps(context, step.steps, act))) return false
    } else if (step.type === 'send' || step.type === 'disconnect') {
      if (act) await act(context, step)
      if (step.type === 'disconnect') return false
    }
  }
  return true
}

`
