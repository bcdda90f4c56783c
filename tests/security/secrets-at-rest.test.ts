import { eventsOf, readBatch } from '#common/batch/index.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  defaultDraft,
  type ConnectionEvent,
  type ConnectionRequest,
} from '#common/contract/index.ts'
import {
  createInMemoryTransportPair,
  createApiClient,
  serveApi,
  type ApiClient,
} from '#common/rpc/index.ts'
import { createAppApi, type AppApiHost } from '../../main/host/app-api.ts'
import { exportLog } from '../../renderer/features/message-log/export-log.ts'
import { startHttpTestServer, startWsTestServer, type TestServer } from '../support/test-servers.ts'
import { tempDir } from '../support/temp-dir.ts'

/**
 * Header and auth values that are secret never reach the disk or a file: not in the recorded
 * handshake, not in an export, not from a HAR import, not in the log export. The SQLite file's
 * bytes (and its WAL) are searched, not what the API answers.
 */
const SECRETS = {
  bearer: 'tok-BEARER-31337',
  apiKey: 'key-APIKEY-27182',
  cookie: 'sid=COOKIE-16180',
  custom: 'custom-MARKED-14142',
}

let dataDir: string
let app: AppApiHost
let api: ApiClient
let server: TestServer
const liveEvents: ConnectionEvent[] = []

beforeEach(async () => {
  dataDir = tempDir()
  app = createAppApi({ shell: 'browser', dataDir })
  const [serverEnd, clientEnd] = createInMemoryTransportPair()
  serveApi(app.api, app.events, serverEnd)
  api = createApiClient(clientEnd, { timers: globalThis })
  liveEvents.length = 0
  api.on('messages', (bytes) => {
    const batch = readBatch(bytes)
    liveEvents.push(...eventsOf(batch))
    // An ack in flight when the client closes is refused: expected at a test's end.
    api.ackMessages(batch.connectionId, batch.batch).catch(() => {})
  })
  server = await startWsTestServer((socket) => socket.send('hello'))
})

afterEach(async () => {
  api.close()
  await server.close()
  await app.close()
})

/** Every byte of the data folder's files (the database, its WAL, backups, run journals). */
function bytesOnDisk(): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n')
}

function expectNoSecret(text: string, where: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    expect(text.includes(value), `${name} in ${where}`).toBe(false)
  }
}

/** Records a connection of a session whose draft has `draftUrl` (as typed, before filling). */
async function recordOneRun(request: ConnectionRequest, draftUrl = request.url): Promise<string> {
  const { id: sessionId } = await api.saveSession({
    name: 'Secret',
    draft: defaultDraft(draftUrl),
    savedMessages: [],
  })
  const { id } = await api.connect(request, { keepIn: sessionId })
  await vi.waitFor(() =>
    expect(liveEvents.some((event) => event.type === 'message' && event.direction === 'in')).toBe(
      true,
    ),
  )
  await api.disconnect(id)
  await vi.waitFor(async () => expect((await api.listRuns(sessionId))[0]?.endedAt).not.toBeNull())
  return sessionId
}

describe('secrets at rest', () => {
  it('stay out of the recorded handshake, the database file and the session export', async () => {
    const sessionId = await recordOneRun({
      url: server.url,
      headers: [
        { name: 'Cookie', value: SECRETS.cookie },
        { name: 'X-Custom', value: SECRETS.custom, secret: true },
        { name: 'Authorization', value: `Bearer ${SECRETS.bearer}` },
      ],
    })
    const [run] = await api.listRuns(sessionId)
    const { events } = await api.getRunEvents(run!.id, 0, 100)
    const open = events.find((event) => event.type === 'open')
    expect(open?.type === 'open' && open.handshake.requestHeaders).toEqual(
      expect.arrayContaining([
        { name: 'Cookie', value: '(redacted)' },
        { name: 'X-Custom', value: '(redacted)' },
        { name: 'Authorization', value: '(redacted)' },
      ]),
    )
    expectNoSecret(bytesOnDisk(), 'the data folder')
    expectNoSecret(await api.exportSession(sessionId), 'the session export')
  })

  it('stay out of the live log and its export, whatever auth carried them', async () => {
    await recordOneRun({
      url: server.url,
      auth: { type: 'api-key', header: 'X-Api-Key', value: SECRETS.apiKey },
    })
    const open = liveEvents.find((event) => event.type === 'open')
    expect(JSON.stringify(open)).toContain('X-Api-Key')
    expectNoSecret(await exportLog(liveEvents, 'ndjson').text(), 'the log export')
    expectNoSecret(bytesOnDisk(), 'the data folder')
  })

  it('stay out of the recording when a secret variable filled the URL and a plain header', async () => {
    // What the renderer sends when `{{key}}` (a secret variable) filled the query and a header
    // not marked secret: the values to redact come with the request.
    const sessionId = await recordOneRun(
      {
        url: `${server.url}?key=${SECRETS.custom}`,
        headers: [{ name: 'X-Plain', value: `v=${SECRETS.apiKey}` }],
        redact: [SECRETS.custom, SECRETS.apiKey],
      },
      `${server.url}?key={{key}}`,
    )
    const [run] = await api.listRuns(sessionId)
    const { events } = await api.getRunEvents(run!.id, 0, 100)
    expectNoSecret(JSON.stringify(events), 'the recorded events')
    expectNoSecret(JSON.stringify(liveEvents), 'the live events')
    expectNoSecret(JSON.stringify(await api.listConnections()), 'the connection snapshots')
    expectNoSecret(bytesOnDisk(), 'the data folder')
  })

  it('stay out of the data folder when kept as secret variables without encryption', async () => {
    await api.saveVariables({
      globals: [{ name: 'key', value: SECRETS.apiKey, enabled: true, secret: true }],
      environments: [
        {
          id: 'prod',
          name: 'production',
          variables: [{ name: 'token', value: SECRETS.bearer, enabled: true, secret: true }],
        },
      ],
      activeEnvironmentId: 'prod',
    })
    const draft = defaultDraft('ws://127.0.0.1:9/')
    draft.variables = [{ name: 'cookie', value: SECRETS.cookie, enabled: true, secret: true }]
    await api.saveSession({ name: 'Vars', draft, savedMessages: [] })
    expect((await api.getVariables()).environments[0]!.variables[0]!.value).toBe('')
    expectNoSecret(bytesOnDisk(), 'the data folder')
  })

  it('stay out of a run imported from a HAR file, and out of the draft it makes', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            time: 3,
            request: {
              method: 'GET',
              url: 'wss://api.example/ws',
              headers: [
                { name: 'Authorization', value: `Bearer ${SECRETS.bearer}` },
                { name: 'Cookie', value: SECRETS.cookie },
              ],
            },
            response: { status: 101, headers: [{ name: 'Set-Cookie', value: SECRETS.cookie }] },
            _webSocketMessages: [{ type: 'receive', time: 1767225600, opcode: 1, data: 'hi' }],
          },
        ],
      },
    }
    const [imported] = await api.importSessions(JSON.stringify(har), 'har')
    const exported = await api.exportSession(imported!.id)
    expectNoSecret(exported, 'the export of an imported HAR')
    expectNoSecret(bytesOnDisk(), 'the data folder')
  })

  it('stay out of a refused handshake, even where the server echoes them in its answer', async () => {
    const refusing = await startHttpTestServer((request, response) => {
      response.writeHead(401, { 'WWW-Authenticate': 'Bearer', 'Set-Cookie': SECRETS.cookie })
      response.end(`no entry for ${request.headers.authorization ?? ''}`)
    })
    try {
      const { id: sessionId } = await api.saveSession({
        name: 'Refused',
        draft: defaultDraft(refusing.url),
        savedMessages: [],
      })
      const { id } = await api.connect(
        {
          url: refusing.url.replace('http:', 'ws:'),
          headers: [{ name: 'Authorization', value: `Bearer ${SECRETS.bearer}` }],
        },
        { keepIn: sessionId },
      )
      await vi.waitFor(() => expect(liveEvents.some((event) => event.type === 'close')).toBe(true))
      const error = liveEvents.find((event) => event.type === 'error')
      expect(error?.type === 'error' && error.handshake).toMatchObject({
        status: 401,
        body: 'no entry for (redacted)',
        requestHeaders: expect.arrayContaining([{ name: 'Authorization', value: '(redacted)' }]),
        responseHeaders: expect.arrayContaining([{ name: 'Set-Cookie', value: '(redacted)' }]),
      })
      const snapshot = (await api.listConnections()).find((connection) => connection.id === id)
      expect(snapshot?.handshake?.body).toBe('no entry for (redacted)')
      await vi.waitFor(async () =>
        expect((await api.listRuns(sessionId))[0]?.endedAt).not.toBeNull(),
      )
      expectNoSecret(JSON.stringify(liveEvents), 'the live events')
      expectNoSecret(bytesOnDisk(), 'the data folder')
      expectNoSecret(await api.exportSession(sessionId), 'the session export')
    } finally {
      await refusing.close()
    }
  })

  it('stay out of the disk for a client certificate: its key, bundle and passphrase', async () => {
    const draft = defaultDraft('wss://mtls.example/ws')
    draft.tls = {
      ca: '-----BEGIN CERTIFICATE-----\nnot secret\n-----END CERTIFICATE-----',
      cert: '-----BEGIN CERTIFICATE-----\nnot secret either\n-----END CERTIFICATE-----',
      key: `-----BEGIN PRIVATE KEY-----\n${SECRETS.custom}\n-----END PRIVATE KEY-----`,
      pfx: Buffer.from(SECRETS.apiKey).toString('base64'),
      passphrase: SECRETS.bearer,
    }
    const { id } = await api.saveSession({ name: 'mTLS', draft, savedMessages: [] })
    await api.saveWorkspace({
      activeIndex: 0,
      tabs: [
        {
          kind: 'connection',
          draft,
          sessionId: id,
          composer: { mode: 'text', text: '' },
          savedMessages: [],
          connectionId: null,
          savedSnapshot: null,
        },
      ],
    })
    const onDisk = bytesOnDisk()
    expectNoSecret(onDisk, 'the data folder')
    expect(onDisk.includes(draft.tls.pfx), 'the bundle').toBe(false)
    expect(onDisk).toContain('not secret either')
    expectNoSecret(await api.exportSession(id), 'the session export')
  })
})
