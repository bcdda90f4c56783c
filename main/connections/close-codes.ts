import { ApiError } from '#common/contract/index.ts'

/**
 * Checks a close code and reason the user wants to send. [RFC 6455 §7.4] 1004, 1005, 1006 and 1015
 * are reserved and never sent; 1016–2999 belong to future standards; 3000–4999 are for
 * libraries and applications. Browsers allow only 1000 and 3000–4999; this app allows what the
 * RFC allows.
 */
export function checkCloseFrame(code: number | undefined, reason: string | undefined): void {
  if (code !== undefined) {
    const reserved = code === 1004 || code === 1005 || code === 1006 || code === 1015
    const valid = (code >= 1000 && code <= 1014 && !reserved) || (code >= 3000 && code <= 4999)
    if (!valid) {
      const why = reserved
        ? 'it is reserved by RFC 6455 for reporting, never for sending'
        : 'RFC 6455 allows 1000–1014 (except 1004–1006) and 3000–4999'
      throw new ApiError('INVALID_ARGUMENT', `Close code ${code} cannot be sent: ${why}`)
    }
  }
  if (reason !== undefined) {
    if (code === undefined)
      throw new ApiError('INVALID_ARGUMENT', 'A close reason needs a close code')
    const bytes = Buffer.byteLength(reason)
    // [RFC 6455 §5.5] a control frame carries at most 125 bytes: 2 for the code, 123 for the reason.
    if (bytes > 123)
      throw new ApiError(
        'INVALID_ARGUMENT',
        `The close reason is ${bytes} bytes; at most 123 fit in a close frame`,
      )
  }
}
