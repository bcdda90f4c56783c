import type { AuthConfig, NameValue } from '../contract/index.ts'
import { encodeBase64 } from '../payload/base64.ts'

/** The header an auth setting adds to a request, or null for none. */
export function authHeader(auth: AuthConfig | undefined): NameValue | null {
  switch (auth?.type) {
    case undefined:
    case 'none':
      return null
    case 'bearer':
      return { name: 'Authorization', value: `Bearer ${auth.token}` }
    case 'basic':
      return {
        name: 'Authorization',
        value: `Basic ${encodeBase64(new TextEncoder().encode(`${auth.username}:${auth.password}`))}`,
      }
    case 'api-key':
      return { name: auth.header.trim(), value: auth.value }
    default:
      return auth satisfies never
  }
}
