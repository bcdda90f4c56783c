import type { DemoEndpoint } from '#common/contract/index.ts'
import { defaultDraft, type ConnectionDraft } from '#common/contract/index.ts'

/** The URL of a demo endpoint's example, in its protocol's scheme. */
export function endpointUrl(endpoint: DemoEndpoint, serverUrl: string): string {
  const base = endpoint.protocol === 'ws' ? serverUrl.replace(/^http/, 'ws') : serverUrl
  return `${base}${endpoint.example}`
}

/** A ready-to-connect draft for a demo endpoint: a POST with a prompt for the LLM stream. */
export function endpointDraft(endpoint: DemoEndpoint, serverUrl: string): ConnectionDraft {
  const draft = defaultDraft(endpointUrl(endpoint, serverUrl))
  if (endpoint.methods[0] === 'POST') {
    draft.url = `${serverUrl}${endpoint.path}`
    draft.sse.method = 'POST'
    draft.sse.body = JSON.stringify(
      { prompt: 'Explain Server-Sent Events in one sentence' },
      null,
      2,
    )
  }
  return draft
}
