import { describe, expect, it } from 'vitest'
import { createDebugLog } from '../../../main/host/debug-log.ts'

describe('createDebugLog', () => {
  const linesFor = (DEBUG: string | undefined): string[] => {
    const lines: string[] = []
    createDebugLog('ipc', { DEBUG }, (line) => lines.push(line))('dropped one')
    return lines
  }

  it('writes when DEBUG names the scope, all scopes, or everything', () => {
    for (const setting of [
      'realtime-playground:ipc',
      'realtime-playground:*',
      'x, realtime-playground:ipc',
      '*',
    ]) {
      expect(linesFor(setting), setting).toEqual(['realtime-playground:ipc dropped one'])
    }
  })

  it('stays silent otherwise', () => {
    for (const setting of [undefined, '', 'realtime-playground:sse', 'ipc']) {
      expect(linesFor(setting), String(setting)).toEqual([])
    }
  })
})
