/**
 * Characters that change how text looks without showing themselves: bidirectional controls (a
 * right-to-left override makes `invoice_\u202Egpj.exe` read as `invoice_exe.jpg`), NUL and the other
 * control characters, zero-width spaces, byte order marks, soft hyphens, line and paragraph
 * separators. Zero-width joiners stay: emoji sequences are made of them.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g

/**
 * The text with each invisible character shown as a marker such as ⟨U+202E⟩, for display only:
 * copying and exporting keep the true text.
 */
export function revealInvisibles(text: string): string {
  return text.replace(
    INVISIBLE,
    (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  )
}
