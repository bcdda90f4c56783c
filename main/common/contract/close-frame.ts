import { ApiError } from './errors.ts'

/**
 * Why `code` cannot be sent in a close frame, or null. [RFC 6455 §7.4] 1004, 1005, 1006 and 1015
 * are reserved and never sent; 1016–2999 belong to future standards; 3000–4999 are for libraries
 * and applications. Browsers allow only 1000 and 3000–4999; this app, its demo server and `ws`
 * allow what the RFC allows.
 */
export function closeCodeProblem(code: number): string | null {
  const reserved = code === 1004 || code === 1005 || code === 1006 || code === 1015
  const valid = (code >= 1000 && code <= 1014 && !reserved) || (code >= 3000 && code <= 4999)
  if (valid) return null
  const why = reserved
    ? 'it is reserved by RFC 6455 for reporting, never for sending'
    : 'RFC 6455 allows 1000–1014 (except 1004–1006) and 3000–4999'
  return `Close code ${code} cannot be sent: ${why}`
}

/** Why `reason` does not fit in a close frame, or null. */
export function closeReasonProblem(reason: string): string | null {
  const bytes = new TextEncoder().encode(reason).length
  // [RFC 6455 §5.5] a control frame carries at most 125 bytes: 2 for the code, 123 for the reason.
  return bytes > 123 ? `The close reason is ${bytes} bytes; at most 123 fit in a close frame` : null
}

/** Checks a close code and reason the user wants to send; INVALID_ARGUMENT if they cannot be. */
export function checkCloseFrame(code: number | undefined, reason: string | undefined): void {
  const codeProblem = code === undefined ? null : closeCodeProblem(code)
  if (codeProblem) throw new ApiError('INVALID_ARGUMENT', codeProblem)
  if (reason === undefined) return
  if (code === undefined)
    throw new ApiError('INVALID_ARGUMENT', 'A close reason needs a close code')
  const reasonProblem = closeReasonProblem(reason)
  if (reasonProblem) throw new ApiError('INVALID_ARGUMENT', reasonProblem)
}
