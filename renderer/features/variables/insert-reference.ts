/**
 * `text` with `{{name}}` put in place of the selection `[start, end)` of a field, and where the
 * caret goes after it. An unfinished `{{` or `{{na` just before the caret is completed, not doubled.
 */
export function insertReference(
  text: string,
  name: string,
  start = text.length,
  end = start,
): { text: string; caret: number } {
  const partial = /\{\{\s*[\w.$-]*$/.exec(text.slice(0, start))
  const from = partial ? start - partial[0].length : start
  const reference = `{{${name}}}`
  return {
    text: `${text.slice(0, from)}${reference}${text.slice(end)}`,
    caret: from + reference.length,
  }
}
