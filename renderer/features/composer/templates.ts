/** The sources template variables draw from, passed in so tests can pin them. */
export interface TemplateContext {
  nextCounter(): number
  uuid(): string
  now(): number
  random(): number
}

export const TEMPLATE_VARIABLES = ['uuid', 'timestamp', 'isoTime', 'counter', 'randomInt'] as const

/**
 * Fills `{{uuid}}`, `{{timestamp}}` (epoch ms), `{{isoTime}}`, `{{counter}}` (1, 2, 3… per tab) and
 * `{{randomInt}}` (0–999 999). Unknown `{{names}}` stay as typed.
 */
export function expandTemplates(text: string, context: TemplateContext): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    switch (name) {
      case 'uuid':
        return context.uuid()
      case 'timestamp':
        return String(Math.floor(context.now()))
      case 'isoTime':
        return new Date(context.now()).toISOString()
      case 'counter':
        return String(context.nextCounter())
      case 'randomInt':
        return String(Math.floor(context.random() * 1_000_000))
      default:
        return whole
    }
  })
}
