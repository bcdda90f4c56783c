import { describe, expect, it } from 'vitest'
import { defaultDraft, type ConnectionDraft } from '../../../../main/common/contract/index.ts'
import {
  artilleryTemplate,
  envName,
  exportArtillery,
} from '../../../../main/common/scenario/artillery-export.ts'
import { variableTable } from '../../../../main/common/templates/templates.ts'

const draft = (url: string, scenario: ConnectionDraft['scenario']): ConnectionDraft => ({
  ...defaultDraft(url),
  scenario,
})

describe('artilleryTemplate', () => {
  it("writes the app's names in Artillery's syntax, never leaving }}} behind", () => {
    expect(artilleryTemplate('{"n": {{counter}}, "id": "{{$guid}}", "o": {"x": {{ x }}}}')).toBe(
      '{"n": {{ counter }}, "id": "{{ uuid }}", "o": {"x": {{ x }} }}',
    )
  })
})

describe('exportArtillery', () => {
  it('writes a ws script with phases, the ensure check and steps the processor runs', () => {
    const exported = exportArtillery(
      'Echo / staging',
      draft('ws://h:1/ws', [
        { type: 'connect' },
        { type: 'send', mode: 'text', text: 'hi {{name}}' },
        { type: 'wait', ms: 250 },
        { type: 'expect', condition: { kind: 'text-contains', text: 'hi' }, withinMs: 500 },
      ]),
      variableTable([
        {
          scope: 'session',
          rows: [
            { name: 'name', value: 'Ada', enabled: true },
            { name: 'token', value: 'very-secret', enabled: true, secret: true },
          ],
        },
      ]),
      { arrivalRate: 5, durationSeconds: 60, maxVusers: 50 },
    )
    expect(exported.scriptName).toBe('Echo-staging.artillery.yml')
    expect(exported.script).toContain(`  phases:
    - duration: 60
      arrivalRate: 5
      maxVusers: 50`)
    expect(exported.script).toContain('  processor: "./Echo-staging.processor.cjs"')
    expect(exported.script).toContain('    name: "Ada"')
    expect(exported.script).toContain('- expression: "realtime_playground.steps_failed == 0"')
    expect(exported.script).toContain(`      - send: "hi {{ name }}"
      - think: 0.25
      - function: "rpStep_4"`)
    // A secret is named for the environment, never written.
    expect(exported.script + exported.processor).not.toContain('very-secret')
    expect(exported.script).toContain(envName('token'))
    expect(exported.processor).toMatch(/^'use strict'\n/)
  })

  it.each([
    [
      'a WebSocket scenario that does not connect first',
      draft('ws://h/', [{ type: 'wait', ms: 1 }]),
      'make "connect" the first step',
    ],
    [
      'a second connect',
      draft('ws://h/', [{ type: 'connect' }, { type: 'connect' }]),
      'Step 2: Artillery keeps one connection per virtual user',
    ],
    [
      'a send over SSE',
      draft('http://h/', [{ type: 'connect' }, { type: 'send', mode: 'text', text: 'x' }]),
      'Step 2: an SSE stream is one-way',
    ],
    [
      'a JSONPath that does not parse',
      draft('ws://h/', [
        { type: 'connect' },
        { type: 'expect', condition: { kind: 'json-exists', path: 'type' }, withinMs: 1 },
      ]),
      'Step 2: "type" must start with $',
    ],
  ])('refuses %s, naming the step', (_case, input, sentence) => {
    expect(() => exportArtillery('x', input, variableTable([]))).toThrow(sentence)
  })
})
