import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, createAppUrlCheck } from '../../../../main/host/desktop/app-url.ts'
import { createIpcGuard } from '../../../../main/host/desktop/ipc-guard.ts'

describe('createIpcGuard', () => {
  const contents = { id: 1 }
  const top = { url: APP_ENTRY_URL, parent: null }
  const setup = () => {
    const lines: string[] = []
    const guard = createIpcGuard({
      contents,
      isAppUrl: createAppUrlCheck(APP_ENTRY_URL),
      log: (line) => lines.push(line),
    })
    return { guard, lines }
  }

  it('accepts a string from the window’s top frame on the app’s page', () => {
    const { guard, lines } = setup()
    expect(guard.accepts({ sender: contents, senderFrame: top }, '{}')).toBe(true)
    expect(guard.dropped).toBe(0)
    expect(lines).toEqual([])
  })

  it('drops and counts everything else, saying why', () => {
    const { guard, lines } = setup()
    const cases = [
      [{ sender: contents, senderFrame: top }, { not: 'a string' }],
      [{ sender: { id: 2 }, senderFrame: top }, '{}'],
      [{ sender: contents, senderFrame: null }, '{}'],
      [{ sender: contents, senderFrame: { url: APP_ENTRY_URL, parent: top } }, '{}'],
      [{ sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } }, '{}'],
    ] as const
    for (const [event, message] of cases) expect(guard.accepts(event, message)).toBe(false)
    expect(guard.dropped).toBe(5)
    expect(lines.at(-1)).toBe(
      'dropped an IPC message: sent by a frame at https://evil.example/ (5 dropped so far)',
    )
  })
})
