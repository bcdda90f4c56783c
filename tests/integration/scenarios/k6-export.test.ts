import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { defaultDraft, type ConnectionDraft } from '#common/contract/index.ts'
import { exportK6, K6_TYPES_VERSION } from '#common/scenario/k6-export.ts'
import { variableTable } from '#common/templates/templates.ts'
import { tempDir } from '../../support/temp-dir.ts'

/**
 * k6 cannot be installed here (its binary comes from GitHub), so the exported script is checked
 * against k6's own type declarations (@types/k6, pinned) by the TypeScript compiler: every k6 API
 * it calls exists with those arguments.
 */
const draft: ConnectionDraft = {
  ...defaultDraft('ws://127.0.0.1:8080/ws/echo'),
  headers: [{ name: 'Authorization', value: 'Bearer {{token}}', enabled: true }],
  ws: { ...defaultDraft().ws, subprotocols: 'chat.v1, json' },
  scenario: [
    { type: 'connect' },
    { type: 'send', mode: 'json', text: '{"type": "ping", "id": "{{$guid}}", "n": {{counter}}}' },
    {
      type: 'expect',
      condition: { kind: 'json-equals', path: '$.type', value: '"ping"' },
      withinMs: 1000,
      capture: { variable: 'id', path: '$.id' },
    },
    {
      type: 'repeat',
      times: 2,
      steps: [
        { type: 'send', mode: 'hex', text: 'de ad' },
        { type: 'expect', condition: { kind: 'binary-length', length: 2 }, withinMs: 1000 },
      ],
    },
    { type: 'expect-none', condition: { kind: 'text-contains', text: 'error' }, withinMs: 100 },
    { type: 'disconnect', code: 1000 },
  ],
}

describe('exportK6', () => {
  it(`writes a script that type-checks against @types/k6 ${K6_TYPES_VERSION}`, () => {
    const { script, scriptName } = exportK6(
      'echo',
      draft,
      variableTable([
        {
          scope: 'environment',
          rows: [{ name: 'token', value: 'secret!', enabled: true, secret: true }],
        },
      ]),
      { arrivalRate: 5, durationSeconds: 30 },
    )
    expect(scriptName).toBe('echo.k6.js')
    expect(script).not.toContain('secret!')
    expect(script).toContain('"name": "Sec-WebSocket-Protocol",\n        "value": "chat.v1, json"')
    expect(script).toContain('"realtime_playground_steps_failed": [\n      "count==0"')
    const file = join(tempDir('rp-k6-'), scriptName)
    writeFileSync(file, script)
    const typesRoot = dirname(
      dirname(createRequire(import.meta.url).resolve('@types/k6/package.json')),
    )
    const program = ts.createProgram([file], {
      allowJs: true,
      checkJs: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: ['k6'],
      typeRoots: [typesRoot],
      strict: false,
    })
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(problems).toEqual([])
  })

  it('refuses SSE, and a scenario that does not connect first', () => {
    expect(() =>
      exportK6('x', { ...draft, url: 'http://h/' }, variableTable([]), {
        arrivalRate: 1,
        durationSeconds: 1,
      }),
    ).toThrow('The k6 export is for WebSocket scenarios')
    expect(() =>
      exportK6('x', { ...draft, scenario: [{ type: 'wait', ms: 1 }] }, variableTable([]), {
        arrivalRate: 1,
        durationSeconds: 1,
      }),
    ).toThrow('Make "connect" the first step')
  })
})
