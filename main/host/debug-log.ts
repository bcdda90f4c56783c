/**
 * A debug log in the `debug` package's convention: silent unless `DEBUG` names the scope
 * (`DEBUG=realtime-playground:*`, or `DEBUG=realtime-playground:ipc`). For events that never
 * happen in normal use and matter when they do, such as a dropped IPC message.
 */
export function createDebugLog(
  scope: string,
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = (line) => console.debug(line),
): (message: string) => void {
  const name = `realtime-playground:${scope}`
  const enabled = (env.DEBUG ?? '')
    .split(/[\s,]+/)
    .some((pattern) => pattern === name || pattern === 'realtime-playground:*' || pattern === '*')
  return enabled ? (message) => write(`${name} ${message}`) : () => {}
}
