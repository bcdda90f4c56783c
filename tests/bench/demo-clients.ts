/**
 * Child process of the benchmark: many WebSocket clients of the demo server. argv:
 *   feed <url> <clients> <seconds>: clients of /ws/feed; counts deliveries per second (after a
 *     second's warm-up) and sequence numbers each client missed. Prints JSON.
 *   idle <url> <clients>: opens that many idle clients, prints "open", and holds them until stdin
 *     closes.
 * The feed's clients read the frames themselves (see readFrames): 1,000 `ws` clients in this one
 * process took a whole core at 2 M messages a second, and were what the figure measured.
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { request } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket } from 'ws'

const [mode, url, countText, secondsText] = process.argv.slice(2)
const count = Number(countText)

async function open(n: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = []
  for (let i = 0; i < n; i += 200) {
    const wave = Array.from(
      { length: Math.min(200, n - i) },
      () => new WebSocket(url!, { perMessageDeflate: false }),
    )
    await Promise.all(wave.map((socket) => once(socket, 'open')))
    sockets.push(...wave)
  }
  return sockets
}

/** A WebSocket opened by hand: the socket after the upgrade, and the bytes that came with it. */
function upgrade(url: string): Promise<{ socket: Duplex; head: Buffer }> {
  const target = new URL(url.replace(/^ws/, 'http'))
  return new Promise((resolve, reject) => {
    const req = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    })
    req.on('upgrade', (_response, socket, head) => resolve({ socket, head }))
    req.on('response', (response) => reject(new Error(`No upgrade: ${response.statusCode}`)))
    req.on('error', reject)
    req.end()
  })
}

/**
 * Reads a server's unmasked frames off `socket` and calls `text` with each text frame's
 * `{"seq":N,...` number, read from the bytes (no string, no buffer per message).
 */
function readFrames(socket: Duplex, head: Buffer, text: (seq: number) => void): void {
  let pending: Buffer = Buffer.alloc(0)
  const take = (chunk: Buffer): void => {
    const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk
    let at = 0
    for (;;) {
      if (bytes.length - at < 2) break
      const opcode = bytes[at]! & 0x0f
      let length = bytes[at + 1]! & 0x7f
      let header = 2
      if (length === 126) {
        if (bytes.length - at < 4) break
        length = bytes.readUInt16BE(at + 2)
        header = 4
      } else if (length === 127) {
        if (bytes.length - at < 10) break
        length = Number(bytes.readBigUInt64BE(at + 2))
        header = 10
      }
      if (bytes.length - at < header + length) break
      if (opcode === 1) {
        let seq = 0
        for (let i = at + header + 7; bytes[i]! >= 0x30 && bytes[i]! <= 0x39; i++)
          seq = seq * 10 + bytes[i]! - 0x30
        text(seq)
      }
      at += header + length
    }
    pending = bytes.subarray(at)
  }
  if (head.length > 0) take(head)
  socket.on('data', take)
}

if (mode === 'feed') {
  const sockets: Duplex[] = []
  let counting = false
  let deliveries = 0
  let lost = 0
  for (let i = 0; i < count; i += 200) {
    const wave = await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, () => upgrade(url!)),
    )
    for (const { socket, head } of wave) {
      sockets.push(socket)
      let last = -1
      readFrames(socket, head, (seq) => {
        if (counting) {
          deliveries++
          if (last >= 0 && seq !== last + 1) lost += seq - last - 1
        }
        last = seq
      })
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1000))
  counting = true
  const started = performance.now()
  await new Promise((resolve) => setTimeout(resolve, Number(secondsText) * 1000))
  counting = false
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(
    `${JSON.stringify({ clients: count, perSecond: deliveries / seconds, lost })}\n`,
  )
  for (const socket of sockets) socket.destroy()
  process.exit(0)
} else {
  const sockets = await open(count)
  process.stdout.write('open\n')
  process.stdin.resume()
  await once(process.stdin, 'end')
  for (const socket of sockets) socket.terminate()
  process.exit(0)
}
