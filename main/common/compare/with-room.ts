/**
 * `array` if it holds `needed` items; else a new one of at least `needed` and twice its length,
 * with its first `kept` items copied over.
 */
export function withRoom<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
  array: T,
  needed: number,
  kept: number,
): T {
  if (needed <= array.length) return array
  const make = array.constructor as new (length: number) => T
  const grown = new make(Math.max(needed, array.length * 2))
  grown.set(array.subarray(0, kept))
  return grown
}
