import { BadParam } from '../params.ts'

/** Reads the prompt from a chat-completion-style body: `{ prompt }` or `{ messages: [...] }`. */
export function promptFromBody(body: string): string {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    throw new BadParam(`The body is not valid JSON: ${(error as Error).message}`)
  }
  if (typeof value !== 'object' || value === null)
    throw new BadParam('The body must be a JSON object')
  const { prompt, messages } = value as { prompt?: unknown; messages?: unknown }
  if (typeof prompt === 'string') return prompt
  if (Array.isArray(messages)) {
    const last = messages.findLast(
      (message): message is { content: string } =>
        typeof message === 'object' &&
        message !== null &&
        typeof (message as { content?: unknown }).content === 'string',
    )
    if (last) return last.content
  }
  throw new BadParam('The body needs a "prompt" string (or "messages" with a "content" string)')
}

/** The demo model's reply, split into tokens the way a tokenizer would: words with their leading space. */
export function replyTokens(prompt: string): string[] {
  const shown = prompt.length > 80 ? `${prompt.slice(0, 77)}...` : prompt
  const reply =
    `You asked: "${shown}". This reply is streamed by the Realtime Playground demo server, ` +
    'one token at a time, the way chat completion APIs stream theirs.'
  return reply.match(/\s*\S+/g) ?? []
}

/** One `chat.completion.chunk` as OpenAI-style APIs send it. */
export function completionChunk(
  id: string,
  created: number,
  delta: { role?: 'assistant'; content?: string },
  finishReason: 'stop' | null = null,
): string {
  return JSON.stringify({
    id,
    object: 'chat.completion.chunk',
    created,
    model: 'demo-llm-1',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  })
}
