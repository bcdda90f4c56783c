import type { DemoEndpoint } from '#common/contract/demo-server.ts'

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** `GET /`: the endpoint list for people, every example a link (or a ws:// URL to copy). */
export function renderHomePage(endpoints: readonly DemoEndpoint[], baseUrl: string): string {
  const wsBase = baseUrl.replace(/^http/, 'ws')
  const rows = endpoints
    .map((endpoint) => {
      const url = `${endpoint.protocol === 'ws' ? wsBase : baseUrl}${endpoint.example}`
      const example =
        endpoint.protocol === 'sse' && endpoint.methods.includes('GET')
          ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`
          : `<code>${escapeHtml(url)}</code>`
      const params = endpoint.params
        .map(
          (param) =>
            `<li><code>${escapeHtml(param.name)}</code> ${escapeHtml(param.description)}</li>`,
        )
        .join('')
      return `<section>
  <h2><span class="badge ${endpoint.protocol}">${endpoint.protocol.toUpperCase()}</span> ${escapeHtml(endpoint.path)}
    <small>${escapeHtml(endpoint.methods.join(', '))}</small></h2>
  <p>${escapeHtml(endpoint.description)}</p>
  <p>Try: ${example}</p>
  ${params ? `<details><summary>Parameters</summary><ul>${params}</ul></details>` : ''}
</section>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">
<title>Realtime Playground demo server</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem}
section{border-top:1px solid #8884;padding:.5rem 0}h2{font-size:1rem;margin:.5rem 0}
small{color:#888;font-weight:normal}.badge{font-size:.7rem;padding:1px 6px;border-radius:8px;color:#fff}
.sse{background:#0f8a6f}.ws{background:#7a4fd8}code{font-size:.9em}
</style></head><body>
<h1>Realtime Playground demo server</h1>
<p>SSE and WebSocket endpoints to test against. JSON list: <a href="/api/endpoints">/api/endpoints</a>.</p>
${rows}
</body></html>`
}
