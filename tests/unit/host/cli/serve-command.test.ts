import { describe, expect, it } from 'vitest'
import { DEMO_ENDPOINTS } from '../../../../embedded-server/index.ts'
import { formatEndpoints } from '../../../../main/host/cli/serve-command.ts'

describe('formatEndpoints', () => {
  const lines = formatEndpoints(DEMO_ENDPOINTS, 'http://127.0.0.1:8080').split('\n')

  it('prints one line per endpoint with a full URL in its protocol’s scheme', () => {
    expect(lines).toHaveLength(DEMO_ENDPOINTS.length)
    expect(lines.find((line) => line.includes('/sse/clock'))).toContain(
      'http://127.0.0.1:8080/sse/clock',
    )
    expect(lines.find((line) => line.includes('/ws/echo'))).toContain('ws://127.0.0.1:8080/ws/echo')
  })

  it('aligns the descriptions in one column', () => {
    const columns = new Set(
      DEMO_ENDPOINTS.map((endpoint, i) => lines[i]!.indexOf(endpoint.description)),
    )
    expect(columns.size).toBe(1)
  })
})
