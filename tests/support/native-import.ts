/** Node's own import(), outside Vitest's module runner. */
export const nativeImport = (url: string): Promise<unknown> => import(url)
