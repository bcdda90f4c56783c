/** Whether the page runs on a Mac (⌘ shortcuts): the one place the renderer asks. */
export function onMac(): boolean {
  return navigator.platform.startsWith('Mac')
}
