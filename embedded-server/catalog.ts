import type { DemoEndpoint, DemoEndpointParam } from '#common/contract/demo-server.ts'

const SSE_FAULTS: DemoEndpointParam[] = [
  {
    name: 'retry',
    description: 'Send a `retry:` field with this reconnection time in ms first',
    example: '1000',
  },
  {
    name: 'dropAfter',
    description: 'End the response after N events (the client should reconnect)',
    example: '3',
  },
  {
    name: 'status',
    description: 'Answer with this status instead: 500, or 204 (stop reconnecting)',
    example: '204',
  },
  {
    name: 'contentType',
    description: 'Answer with this Content-Type instead of text/event-stream',
    example: 'text/plain',
  },
  { name: 'slow', description: 'Drip the stream one byte every N ms', example: '20' },
  {
    name: 'tricky',
    description:
      'Valid but tricky framing: a BOM, CR / LF / CRLF mixed, comments, unknown fields, multi-line data, an id with NUL that must be ignored',
    example: '1',
  },
]

const WS_OPTIONS: DemoEndpointParam[] = [
  { name: 'ping', description: 'Send a ping every N seconds', example: '5' },
  { name: 'closeAfter', description: 'Close after the server has sent N messages', example: '3' },
  { name: 'code', description: 'Close code used by closeAfter (default 1000)', example: '4000' },
  { name: 'reason', description: 'Close reason used by closeAfter', example: 'done' },
  {
    name: 'terminateAfter',
    description: 'Drop the TCP connection without a close frame after N messages',
    example: '3',
  },
]

const GENERATOR: DemoEndpointParam[] = [
  {
    name: 'rate',
    description: 'Messages per second; 0 sends as fast as the socket drains (default 10)',
    example: '100',
  },
  { name: 'count', description: 'Stop after N messages (default: never)', example: '20' },
  { name: 'size', description: 'Payload size in bytes (default 64)', example: '1024' },
]

/** Every endpoint, with its parameters: the source of `GET /` and `GET /api/endpoints`. */
export const DEMO_ENDPOINTS: readonly DemoEndpoint[] = [
  {
    path: '/sse/clock',
    protocol: 'sse',
    methods: ['GET'],
    title: 'Clock',
    description: 'The current time, every second: the classic first SSE example.',
    params: SSE_FAULTS,
    example: '/sse/clock',
  },
  {
    path: '/sse/stream',
    protocol: 'sse',
    methods: ['GET'],
    title: 'Event generator',
    description:
      'N events per second of a chosen size, with named event types and ids; resumes from Last-Event-ID.',
    params: [
      ...GENERATOR,
      {
        name: 'event',
        description: 'Event type, or a comma-separated rotation of types',
        example: 'tick,tock',
      },
      { name: 'ids', description: 'Give every event an id (its sequence number)', example: '1' },
      ...SSE_FAULTS,
    ],
    example: '/sse/stream?rate=5&event=tick,tock&ids=1',
  },
  {
    path: '/sse/feed',
    protocol: 'sse',
    methods: ['GET'],
    title: 'Shared feed (SSE)',
    description:
      'The shared sequence-numbered feed, identical to /ws/feed; resumes from Last-Event-ID.',
    params: SSE_FAULTS,
    example: '/sse/feed',
  },
  {
    path: '/sse/llm',
    protocol: 'sse',
    methods: ['POST', 'GET'],
    title: 'LLM token stream',
    description:
      'POST {"prompt": "…"} and get tokens as an OpenAI-style chat completion stream ending in [DONE]; GET ?prompt= works too.',
    params: [
      {
        name: 'prompt',
        description: 'The prompt (GET only; POST sends it in the JSON body)',
        example: 'hello',
      },
      { name: 'delay', description: 'Milliseconds between tokens (default 40)', example: '10' },
      ...SSE_FAULTS,
    ],
    example: '/sse/llm?prompt=hello',
  },
  {
    path: '/ws/echo',
    protocol: 'ws',
    methods: [],
    title: 'Echo',
    description: 'Echoes every text and binary message, frame for frame.',
    params: WS_OPTIONS,
    example: '/ws/echo',
  },
  {
    path: '/ws/chat',
    protocol: 'ws',
    methods: [],
    title: 'Chat room',
    description:
      'A broadcast room: every client sees every message; join and leave notices as JSON (a burst of joins is one notice, with how many).',
    params: [
      { name: 'room', description: 'Room name (default "lobby")', example: 'lobby' },
      ...WS_OPTIONS,
    ],
    example: '/ws/chat?room=lobby',
  },
  {
    path: '/ws/stream',
    protocol: 'ws',
    methods: [],
    title: 'Message generator',
    description:
      'N messages per second of a chosen size, as text JSON or binary frames. Messages of 1 KiB or more are compressed when the client offers permessage-deflate, which caps the rate; switch compression off to measure throughput.',
    params: [
      ...GENERATOR,
      { name: 'binary', description: 'Send binary frames instead of text', example: '1' },
      ...WS_OPTIONS,
    ],
    example: '/ws/stream?rate=5',
  },
  {
    path: '/ws/feed',
    protocol: 'ws',
    methods: [],
    title: 'Shared feed (WebSocket)',
    description:
      'The shared sequence-numbered feed, identical to /sse/feed, to compare the protocols.',
    params: WS_OPTIONS,
    example: '/ws/feed',
  },
  {
    path: '/stream',
    protocol: 'sse',
    methods: ['GET'],
    title: 'Article: /stream',
    description: 'The EventSource article’s Koa endpoint: `data: <date>` every second.',
    params: [],
    example: '/stream',
  },
  {
    path: '/websocket',
    protocol: 'ws',
    methods: [],
    title: 'Article: /websocket',
    description: 'The article’s ws endpoint: {"id", "firstName"} every 2 s.',
    params: [],
    example: '/websocket',
  },
]

/** Subprotocols the WebSocket endpoints accept; the client's first offered one from this list wins. */
export const KNOWN_SUBPROTOCOLS: readonly string[] = ['chat.v1', 'json.v2', 'echo.v1']
