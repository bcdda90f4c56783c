import { StreamFrameReader } from '#common/rpc/index.ts'

/**
 * Reads the host's messages from the down stream at `url` (see RpcChannel in the host) until it
 * ends: true if it was had and ran to its end, false if it could not be had or broke.
 */
export async function readDownStream(
  url: string,
  deliver: (message: string | Uint8Array<ArrayBuffer>) => void,
): Promise<boolean> {
  try {
    const response = await fetch(url, { cache: 'no-store' })
    if (!response.ok || !response.body) return false
    const reader = new StreamFrameReader()
    const body = response.body.getReader()
    for (;;) {
      const { value, done } = await body.read()
      if (done) return true
      reader.push(value, deliver)
    }
  } catch {
    return false
  }
}
