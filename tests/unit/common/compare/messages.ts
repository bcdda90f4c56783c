import { logOfMessages, type ComparedMessage } from '#common/compare/index.ts'

/** Messages for the compare tests: JSON text by default, one every 10 ms. */
export function text(data: string, seq: number, ts = seq * 10): ComparedMessage {
  return { seq, ts, direction: 'in', kind: 'text', size: data.length, data }
}

export function json(value: unknown, seq: number, ts = seq * 10): ComparedMessage {
  return text(JSON.stringify(value), seq, ts)
}

export function side(messages: ComparedMessage[], skipped = 0) {
  return { messages: logOfMessages(messages), skipped }
}
