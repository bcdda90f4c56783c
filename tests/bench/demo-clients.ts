/**
 * Child process of the benchmark: many WebSocket clients of the demo server. argv:
 *   feed <url> <clients> <seconds>: clients of /ws/feed; counts deliveries per second (after a
 *     second's warm-up) and sequence numbers each client missed. Prints JSON.
 *   idle <url> <clients>: opens that many idle clients, prints "open", and holds them until stdin
 *     closes.
 */
import { once } from 'node:events'
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

if (mode === 'feed') {
  const sockets = await open(count)
  let counting = false
  let deliveries = 0
  let lost = 0
  for (const socket of sockets) {
    let last = -1
    socket.on('message', (data: Buffer) => {
      // {"seq":N,... : the seq is the first number.
      const seq = Number(data.toString('latin1', 7, data.indexOf(0x2c, 7)))
      if (counting) {
        deliveries++
        if (last >= 0 && seq !== last + 1) lost += seq - last - 1
      }
      last = seq
    })
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
  for (const socket of sockets) socket.terminate()
  process.exit(0)
} else {
  const sockets = await open(count)
  process.stdout.write('open\n')
  process.stdin.resume()
  await once(process.stdin, 'end')
  for (const socket of sockets) socket.terminate()
  process.exit(0)
}
