import { connect } from 'node:net'

/**
 * Sends `request` as written (two Host headers, say, which no HTTP client will send) and resolves
 * with the whole response text once the server closes or `waitMs` passes.
 */
export function rawHttp(port: number, request: string, waitMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let response = ''
    const timer = setTimeout(() => {
      socket.destroy()
      resolve(response)
    }, waitMs)
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (response += chunk))
    socket.on('end', () => {
      clearTimeout(timer)
      resolve(response)
    })
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}
