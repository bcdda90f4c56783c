import { draftProtocol, toRequest } from '../contract/draft-request.ts'
import type { ConnectionDraft } from '../contract/session.ts'
import type { VariableTable } from '../templates/templates.ts'
import type { LoadShape } from './artillery-export.ts'
import { envName } from './artillery-export.ts'
import { ScenarioInputError } from './conditions.ts'
import { runtimeSteps } from './portable-steps.ts'
import { RUNTIME_CORE } from './runtime-core.ts'

/** The k6 version whose type declarations (`@types/k6`) the script is checked against. */
export const K6_TYPES_VERSION = '2.3.0'

/**
 * A WebSocket scenario as a k6 script (`k6/websockets`): one file, one iteration per arrival, the
 * steps run by the same runtime as the Artillery export, a failed step counted in
 * `realtime_playground_steps_failed`, and a threshold on it so `k6 run` exits non-zero. The
 * subprotocols go as a `Sec-WebSocket-Protocol` header (the constructor takes none); secret
 * variables come from `RP_<NAME>` (`-e RP_TOKEN=…`). k6 does not tell a close's code, so a close
 * reads as 1000 there. k6 cannot be installed here: the script is type-checked against @types/k6.
 */
export function exportK6(
  name: string,
  draft: ConnectionDraft,
  variables: VariableTable,
  load: LoadShape,
): { script: string; scriptName: string } {
  if ((draftProtocol(draft) ?? 'ws') !== 'ws')
    throw new ScenarioInputError(
      'The k6 export is for WebSocket scenarios: export SSE to Artillery',
    )
  const steps = draft.scenario
  if (steps[0]?.type !== 'connect')
    throw new ScenarioInputError(
      'Make "connect" the first step: the script opens the connection first',
    )
  if (steps.slice(1).some((step) => step.type === 'connect'))
    throw new ScenarioInputError(
      'The script keeps one connection per iteration: one "connect" only',
    )
  const request = toRequest(draft)
  const subprotocols = request.ws?.subprotocols ?? []
  const data = {
    request: {
      url: request.url,
      headers: [
        ...(request.headers ?? []),
        ...(subprotocols.length > 0
          ? [{ name: 'Sec-WebSocket-Protocol', value: subprotocols.join(', ') }]
          : []),
      ],
    },
    secrets: [...variables.values()].filter((v) => v.secret).map((v) => v.name),
    variables: Object.fromEntries(
      [...variables.values()].filter((v) => !v.secret).map((v) => [v.name, v.value]),
    ),
    steps: runtimeSteps(steps.slice(1)),
  }
  const options = {
    scenarios: {
      realtime_playground: {
        executor: 'constant-arrival-rate',
        rate: load.arrivalRate,
        timeUnit: '1s',
        duration: `${load.durationSeconds}s`,
        preAllocatedVUs: Math.max(1, load.maxVusers ?? load.arrivalRate * 2),
        ...(load.maxVusers !== undefined ? { maxVUs: load.maxVusers } : {}),
      },
    },
    thresholds: { realtime_playground_steps_failed: ['count==0'] },
  }
  const slug = name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'scenario'
  const secretNote =
    data.secrets.length > 0
      ? ` ${data.secrets.map((secret) => `-e ${envName(secret)}=…`).join(' ')}`
      : ''
  const script = `// @ts-check
// "${name.replace(/\n/g, ' ')}" for k6, exported by Realtime Playground:
//   k6 run${secretNote} ${slug}.k6.js
import { WebSocket } from 'k6/websockets'
import { setTimeout, clearTimeout } from 'k6/timers'
import { Counter } from 'k6/metrics'

const SCENARIO = ${JSON.stringify(data, null, 2)}

export const options = ${JSON.stringify(options, null, 2)}

const stepsFailed = new Counter('realtime_playground_steps_failed')

/** A version 4 UUID for {{uuid}}. */
function newId() {
  const hex = [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16)
  const text = hex.join('')
  return text.slice(0, 8) + '-' + text.slice(8, 12) + '-' + text.slice(12, 16) + '-' + text.slice(16, 20) + '-' + text.slice(20)
}
${RUNTIME_CORE}
/** Bytes of a hex or base64 message. */
function bytesOf(step) {
  if (step.mode === 'hex') {
    const bytes = new Uint8Array(step.text.length / 2)
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(step.text.slice(i * 2, i * 2 + 2), 16)
    return bytes.buffer
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const clean = step.text.replace(/=+$/, '')
  const bytes = []
  for (let i = 0, bits = 0, value = 0; i < clean.length; i++) {
    value = (value << 6) | alphabet.indexOf(clean[i])
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >> bits) & 255)
    }
  }
  return new Uint8Array(bytes).buffer
}

export default async function () {
  const context = { vars: { ...SCENARIO.variables } }
  stepsFailed.add(0)
  try {
    loadSecrets(context, __ENV)
    setDynamic(context)
    /** @type {Record<string, string>} */
    const headers = {}
    for (const header of SCENARIO.request.headers) headers[fill(header.name, context)] = fill(header.value, context)
    const ws = new WebSocket(fill(SCENARIO.request.url, context), null, { headers })
    ws.binaryType = 'arraybuffer'
    const opened = new Promise((resolve, reject) => {
      ws.onopen = () => resolve(undefined)
      ws.onerror = (event) => reject(new Error('The connection failed: ' + (event ? event.error : '')))
    })
    ws.onmessage = (event) => {
      if (!event) return
      const data = event.data
      receive(context, typeof data === 'string'
        ? { kind: 'text', data, size: data.length }
        : { kind: 'binary', size: /** @type {ArrayBuffer} */ (data).byteLength })
    }
    let closed = false
    ws.onclose = () => {
      closed = true
      receive(context, { kind: 'close', code: 1000 })
    }
    await opened
    await runSteps(context, SCENARIO.steps, async (_context, step) => {
      if (step.type === 'send') {
        setDynamic(context)
        ws.send(step.mode === 'hex' || step.mode === 'base64' ? bytesOf(step) : fill(step.text, context))
      } else {
        ws.close(step.code)
        const until = Date.now() + 5000
        while (!closed && (await nextMessage(context, until)));
      }
    })
    if (!closed) ws.close()
  } catch (error) {
    // Counted for the threshold, and thrown so k6 prints the step's sentence.
    stepsFailed.add(1)
    throw error
  }
}
`
  return { script, scriptName: `${slug}.k6.js` }
}
