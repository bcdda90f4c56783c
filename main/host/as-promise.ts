/** A synchronous call as an API method: its value, or the ApiError it threw, as a promise. */
export function asPromise<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}
