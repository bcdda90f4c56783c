import { checkJson } from '#common/payload/check-json.ts'
import { decodeBase64, decodeHex } from '#common/payload/decode-bytes.ts'
import type { ComposerMode } from '#common/contract/index.ts'

/** Why the composer's text cannot be sent in this mode, with where, or null when it can. */
export function composerProblem(mode: ComposerMode, text: string): string | null {
  switch (mode) {
    case 'text':
      return null
    case 'json': {
      // Template variables become values when sent; check the JSON around them.
      const result = checkJson(
        text.replace(/\{\{\s*(?:uuid|timestamp|isoTime|counter|randomInt)\s*\}\}/g, '0'),
      )
      return result.ok ? null : `Not valid JSON: ${result.message}`
    }
    case 'hex': {
      const result = decodeHex(text)
      return result.ok ? null : result.message
    }
    case 'base64': {
      const result = decodeBase64(text)
      return result.ok ? null : result.message
    }
    default:
      return mode satisfies never
  }
}
