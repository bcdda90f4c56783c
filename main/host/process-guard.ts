/**
 * Keeps a process that hosts the app (the desktop shell, `app`, `serve`) alive when a promise that
 * nobody awaits fails: Node's default ends the process, and with it every connection and recording
 * the user has open. The failure is a bug, so it is logged with its stack; the app goes on.
 * Returns the function that stops guarding.
 */
export function survivePromiseFailures(log: (line: string) => void): () => void {
  const onRejection = (reason: unknown): void => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
    log(`A task failed and nothing handled it (a bug; the app goes on): ${detail}`)
  }
  process.on('unhandledRejection', onRejection)
  return () => process.off('unhandledRejection', onRejection)
}
