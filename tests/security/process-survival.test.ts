import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { packageRoot } from '../../main/host/paths.ts'

it('a process that hosts the app outlives a failed promise nobody awaited, and logs it', () => {
  const guard = join(packageRoot(), 'main', 'host', 'process-guard.ts')
  const script = `
    const { survivePromiseFailures } = await import(${JSON.stringify(guard)})
    survivePromiseFailures((line) => console.error(line))
    void Promise.reject(new RangeError('Invalid string length'))
    setTimeout(() => console.log('still serving'), 50)
  `
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  })
  expect(run.status).toBe(0)
  expect(run.stdout).toBe('still serving\n')
  expect(run.stderr).toContain('RangeError: Invalid string length')
  expect(run.stderr).toContain('the app goes on')
})
