import { eventsOf, readBatch } from '#common/batch/index.ts'
import type { ScenarioEvent } from '#common/contract/index.ts'
import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import {
  ApiError,
  defaultDraft,
  type ConnectionEvent,
  type DemoServerEvent,
  type Shell,
} from '#common/contract/index.ts'

import {
  createApiClient,
  createRpcClient,
  type ApiClient,
  type Transport,
} from '#common/rpc/index.ts'
import packageJson from '../../package.json' with { type: 'json' }
import { DEFAULT_COMPARE_OPTIONS } from '#common/compare/index.ts'

export interface ContractConnection {
  /** A transport connected to a served AppApi. */
  transport: Transport
  close(): Promise<void>
}

/**
 * The AppApi behaviour every transport must deliver, registered once per transport (the in-memory
 * pair, the browser host's WebSocket, and Electron IPC where it can run).
 */
export function registerAppApiContract(
  transportName: string,
  connect: () => Promise<ContractConnection>,
  host: { shell: Shell } = { shell: 'browser' },
): void {
  describe(`AppApi over ${transportName}`, () => {
    let connection: ContractConnection
    let api: ApiClient

    beforeEach(async () => {
      connection = await connect()
      api = createApiClient(connection.transport, { timers: globalThis, timeoutMs: 5_000 })
    })

    afterEach(async () => {
      api.close()
      await connection.close()
    })

    describe('getAppInfo', () => {
      it('names the product and its version from package.json', async () => {
        const info = await api.getAppInfo()
        expect(info).toMatchObject({
          name: 'realtime-playground',
          productName: 'Realtime Playground',
          version: packageJson.version,
        })
      })

      it('tells the shell and the Node version of the host', async () => {
        const info = await api.getAppInfo()
        expect(info.shell).toBe(host.shell)
        expect(info.versions.node).toBe(process.versions.node)
        expect(info.versions.electron).toBe(process.versions.electron ?? null)
      })

      it('refuses arguments with INVALID_ARGUMENT', async () => {
        const call = (api.getAppInfo as (...args: unknown[]) => Promise<unknown>)('extra')
        await expect(call).rejects.toBeInstanceOf(ApiError)
        await expect(call).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      })
    })

    it('answers a method outside AppApi with UNKNOWN_METHOD', async () => {
      type Rogue = { deleteEverything(): Promise<void> }
      const rogue = createRpcClient<Rogue, object>(['deleteEverything'], connection.transport, {
        timers: globalThis,
        timeoutMs: 5_000,
      })
      await expect(rogue.deleteEverything()).rejects.toMatchObject({
        code: 'UNKNOWN_METHOD',
        message: '"deleteEverything" is not a method of the API',
      })
      rogue.close()
    })

    describe('the demo server', () => {
      afterEach(() => api.stopDemoServer())

      it('is not running until started', async () => {
        expect(await api.getDemoServerStatus()).toEqual({ running: false })
      })

      it('starts, lists its endpoints and says so in a demoServer event', async () => {
        const events: DemoServerEvent[] = []
        api.on('demoServer', (event) => events.push(event))
        const status = await api.startDemoServer({ port: 0 })
        expect(status.url).toBe(`http://127.0.0.1:${status.port}`)
        expect(status.endpoints.map((endpoint) => endpoint.path)).toContain('/ws/echo')
        expect(await api.getDemoServerStatus()).toEqual(status)
        await vi.waitFor(() => expect(events.map((event) => event.kind)).toEqual(['started']))
      })

      it('pushes a client-connected event with counts when a client connects', async () => {
        const events: DemoServerEvent[] = []
        api.on('demoServer', (event) => events.push(event))
        const { url } = await api.startDemoServer({ port: 0 })
        const client = new WebSocket(`${url.replace('http:', 'ws:')}/ws/echo`)
        await vi.waitFor(() =>
          expect(events.map((event) => event.kind)).toContain('client-connected'),
        )
        expect(events.find((event) => event.kind === 'client-connected')).toMatchObject({
          client: { endpoint: '/ws/echo' },
          status: { clients: { '/ws/echo': 1 } },
        })
        client.close()
      })

      it('returns the running server when started again, and refuses to move it', async () => {
        const first = await api.startDemoServer({ port: 0 })
        expect(await api.startDemoServer()).toEqual(first)
        await expect(api.startDemoServer({ port: first.port + 1 })).rejects.toMatchObject({
          code: 'ALREADY_RUNNING',
        })
      })

      it('stops, and says so', async () => {
        const events: DemoServerEvent[] = []
        api.on('demoServer', (event) => events.push(event))
        await api.startDemoServer({ port: 0 })
        await api.stopDemoServer()
        expect(await api.getDemoServerStatus()).toEqual({ running: false })
        await vi.waitFor(() =>
          expect(events.map((event) => event.kind)).toEqual(['started', 'stopped']),
        )
      })

      it('refuses a port that is taken with PORT_UNAVAILABLE', async () => {
        const blocker = createServer()
        await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
        const { port } = blocker.address() as { port: number }
        await expect(api.startDemoServer({ port })).rejects.toMatchObject({
          code: 'PORT_UNAVAILABLE',
          message: `Port ${port} is already in use; choose another port, or 0 for a free one`,
        })
        blocker.close()
      })

      it('refuses options it does not know or cannot use with INVALID_ARGUMENT', async () => {
        const start = (options: unknown): Promise<unknown> => api.startDemoServer(options as never)
        await expect(start({ port: 'eighty' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
        await expect(start({ port: 70_000 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
        await expect(start({ colour: 'blue' })).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
          message: 'startDemoServer() does not take the option "colour"',
        })
        await expect(start('8080')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      })
    })

    describe('connections', () => {
      afterEach(() => api.stopDemoServer())

      it('connects, streams batched events, sends, and closes, all through the transport', async () => {
        const { url } = await api.startDemoServer({ port: 0 })
        const states: string[] = []
        const events: ConnectionEvent[] = []
        api.on('connection', (snapshot) => states.push(snapshot.state))
        api.on('messages', (bytes) => {
          const batch = readBatch(bytes)
          events.push(...eventsOf(batch))
          // An ack in flight when the client closes is refused: expected at a test's end.
          api.ackMessages(batch.connectionId, batch.batch).catch(() => {})
        })
        const snapshot = await api.connect({ url: `${url.replace('http:', 'ws:')}/ws/echo` })
        expect(snapshot).toMatchObject({ state: 'connecting', protocol: 'ws' })
        await vi.waitFor(() => expect(states).toContain('open'))
        await api.send(snapshot.id, { kind: 'json', text: '{"hello": "transport"}', compact: true })
        await vi.waitFor(() =>
          expect(
            events
              .filter((event) => event.type === 'message')
              .map((event) => `${event.direction} ${event.data}`),
          ).toEqual(['out {"hello":"transport"}', 'in {"hello":"transport"}']),
        )
        await api.disconnect(snapshot.id, 1000, 'bye')
        await vi.waitFor(() => expect(states.at(-1)).toBe('closed'))
        expect((await api.listConnections()).map((connection) => connection.state)).toEqual([
          'closed',
        ])
        await api.removeConnection(snapshot.id)
        expect(await api.listConnections()).toEqual([])
      })

      it('runs a scenario on a connection the view sees, step by step, and stops one', async () => {
        const { url } = await api.startDemoServer({ port: 0 })
        const scenarioEvents: ScenarioEvent[] = []
        const seen = new Set<string>()
        api.on('scenario', (event) => scenarioEvents.push(event))
        api.on('messages', (bytes) => {
          const batch = readBatch(bytes)
          seen.add(batch.connectionId)
          // An ack in flight when the client closes is refused: expected at a test's end.
          api.ackMessages(batch.connectionId, batch.batch).catch(() => {})
        })
        const { scenarioId } = await api.startScenario(
          { url: `${url.replace('http:', 'ws:')}/ws/echo` },
          [
            { type: 'connect' },
            { type: 'send', mode: 'text', text: 'hi {{who}}' },
            {
              type: 'expect',
              condition: { kind: 'text-contains', text: 'hi you' },
              withinMs: 2000,
            },
          ],
          [{ name: 'who', value: 'you', enabled: true }],
        )
        await vi.waitFor(() => expect(scenarioEvents.at(-1)?.type).toBe('done'))
        const connection = scenarioEvents.find((event) => event.type === 'connection')
        expect(connection).toMatchObject({ scenarioId })
        expect(seen.has(connection?.type === 'connection' ? connection.connectionId : '')).toBe(
          true,
        )
        expect(
          scenarioEvents.flatMap((event) => (event.type === 'step' ? [event.result.status] : [])),
        ).toEqual(['passed', 'passed', 'passed'])

        const waiting = await api.startScenario(
          { url: `${url.replace('http:', 'ws:')}/ws/echo` },
          [{ type: 'connect' }, { type: 'wait', ms: 60_000 }],
          [],
        )
        await vi.waitFor(() =>
          expect(
            scenarioEvents.some(
              (event) => event.scenarioId === waiting.scenarioId && event.type === 'step',
            ),
          ).toBe(true),
        )
        await api.stopScenario(waiting.scenarioId)
        await vi.waitFor(() =>
          expect(scenarioEvents.at(-1)).toMatchObject({
            scenarioId: waiting.scenarioId,
            type: 'done',
            report: { passed: false },
          }),
        )
        await expect(api.startScenario({ url: 'ws://127.0.0.1:9/' }, [], [])).rejects.toMatchObject(
          { code: 'INVALID_ARGUMENT' },
        )
      })

      it('carries the manager’s errors as ApiError codes', async () => {
        await expect(api.connect({ url: 'gopher://old.example' })).rejects.toMatchObject({
          code: 'UNSUPPORTED_SCHEME',
        })
        await expect(api.connect({ url: 'ws//nope' })).rejects.toMatchObject({
          code: 'INVALID_URL',
        })
        await expect(api.send('c999', { kind: 'text', text: 'x' })).rejects.toMatchObject({
          code: 'NOT_FOUND',
        })
        const connect = (request: unknown): Promise<unknown> => api.connect(request as never)
        await expect(connect({ url: 'ws://h', auth: { type: 'bearer' } })).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
          message: 'connect(): request.auth.token must be a string, got undefined',
        })
      })
    })

    describe('sessions', () => {
      afterEach(() => api.stopDemoServer())

      it('saves, lists, reads back and deletes a session, with undo', async () => {
        const draft = defaultDraft('ws://127.0.0.1:9/ws')
        const saved = await api.saveSession({
          name: 'Local',
          draft,
          savedMessages: [{ id: 'm1', name: 'Hi', mode: 'text', text: 'hi' }],
        })
        expect((await api.listSessions()).sessions.map((session) => session.name)).toEqual([
          'Local',
        ])
        const session = await api.getSession(saved.id)
        expect(session).toMatchObject({ name: 'Local', protocol: 'ws', draft })
        expect(session.savedMessages.map((message) => message.text)).toEqual(['hi'])
        await api.deleteSession(saved.id)
        expect((await api.listSessions()).sessions).toEqual([])
        await api.restoreSession(saved.id)
        expect((await api.listSessions()).sessions).toHaveLength(1)
      })

      it('records a connection into a run, announced, and pages its events in order', async () => {
        const { url } = await api.startDemoServer({ port: 0 })
        const wsUrl = `${url.replace('http:', 'ws:')}/ws/echo`
        const { id: sessionId } = await api.saveSession({
          name: 'Echo',
          draft: defaultDraft(wsUrl),
          savedMessages: [],
        })
        const announced: string[] = []
        api.on('sessionRuns', (event) => announced.push(event.sessionId))
        const states: string[] = []
        api.on('connection', (snapshot) => states.push(snapshot.state))
        api.on('messages', (bytes) => {
          const batch = readBatch(bytes)
          // An ack in flight when the client closes is refused: expected at a test's end.
          api.ackMessages(batch.connectionId, batch.batch).catch(() => {})
        })
        const snapshot = await api.connect({ url: wsUrl }, { keepIn: sessionId })
        await vi.waitFor(() => expect(states).toContain('open'))
        for (const text of ['a', 'b', 'c']) await api.send(snapshot.id, { kind: 'text', text })
        await vi.waitFor(async () =>
          expect((await api.listRuns(sessionId))[0]?.messageCount).toBe(6),
        )
        await api.disconnect(snapshot.id)
        await vi.waitFor(async () =>
          expect((await api.listRuns(sessionId))[0]?.endedAt).not.toBeNull(),
        )
        expect(announced).toContain(sessionId)

        const [run] = await api.listRuns(sessionId)
        const first = await api.getRunEvents(run!.id, 0, 3)
        const rest = await api.getRunEvents(run!.id, first.nextAfterSeq!, 100)
        expect(rest.nextAfterSeq).toBeNull()
        const events = [...first.events, ...rest.events]
        expect(events.map((event) => event.type)).toEqual([
          'connecting',
          'open',
          ...Array<string>(6).fill('message'),
          'close',
        ])
        const messages = (direction: 'in' | 'out'): string[] =>
          events.flatMap((event) =>
            event.type === 'message' && event.direction === direction ? [event.data ?? ''] : [],
          )
        expect(messages('out')).toEqual(['a', 'b', 'c'])
        expect(messages('in')).toEqual(['a', 'b', 'c'])
        const seqs = events.flatMap((event) => (event.type === 'message' ? [event.seq] : []))
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      })

      it('saves a comparison with a session, lists it, and deletes it', async () => {
        const { id: sessionId } = await api.saveSession({
          name: 'Compared',
          draft: defaultDraft('ws://127.0.0.1:9/ws'),
          savedMessages: [],
        })
        const spec = {
          left: { kind: 'file' as const, label: 'golden.ndjson' },
          right: null,
          options: {
            ...DEFAULT_COMPARE_OPTIONS,
            align: 'key' as const,
            keyLeft: '$.id',
            keyRight: '$.id',
          },
        }
        const saved = await api.saveComparison(sessionId, { name: 'Golden', spec })
        expect(await api.listComparisons(sessionId)).toEqual([saved])
        await expect(
          api.saveComparison(sessionId, {
            name: 'x',
            spec: { ...spec, options: { ...spec.options, align: 'diagonal' } },
          } as never),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
        await api.deleteComparison(saved.id)
        expect(await api.listComparisons(sessionId)).toEqual([])
      })

      it('keeps the open tabs, and refuses a malformed import with INVALID_IMPORT', async () => {
        expect(await api.getWorkspace()).toBeNull()
        const tab = {
          kind: 'connection' as const,
          draft: defaultDraft('ws://127.0.0.1:9/ws'),
          sessionId: null,
          composer: { mode: 'text' as const, text: 'draft' },
          savedMessages: [],
          connectionId: null,
          savedSnapshot: null,
        }
        await api.saveWorkspace({ tabs: [tab], activeIndex: 0 })
        expect(await api.getWorkspace()).toEqual({ tabs: [tab], activeIndex: 0 })
        await expect(api.importSessions('{"log": {', 'har')).rejects.toMatchObject({
          code: 'INVALID_IMPORT',
          message: expect.stringMatching(/line 1, column \d+/) as unknown,
        })
        expect((await api.listSessions()).sessions).toEqual([])
      })

      it('keeps the global variables and environments, refusing an unknown active one', async () => {
        const sets = {
          globals: [{ name: 'host', value: '127.0.0.1', enabled: true }],
          environments: [{ id: 'e1', name: 'local', variables: [] }],
          activeEnvironmentId: 'e1',
        }
        await api.saveVariables(sets)
        expect(await api.getVariables()).toEqual(sets)
        await expect(
          api.saveVariables({ ...sets, activeEnvironmentId: 'nope' }),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      })
    })

    it('answers concurrent calls each with its own result', async () => {
      const infos = await Promise.all(Array.from({ length: 20 }, () => api.getAppInfo()))
      expect(new Set(infos.map((info) => info.version))).toEqual(new Set([packageJson.version]))
    })
  })
}
