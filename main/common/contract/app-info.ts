/** Which shell hosts the API: the Electron main process, or the Node host of browser mode. */
export type Shell = 'electron' | 'browser'

export interface AppInfo {
  /** Package name, `realtime-playground`. */
  name: string
  /** Human name, "Realtime Playground". */
  productName: string
  version: string
  shell: Shell
  /** Where the app keeps its data (sessions, recordings). */
  dataDir: string
  versions: {
    node: string
    /** Only in the Electron shell. */
    electron: string | null
    /** Only in the Electron shell; in browser mode the renderer knows its own browser. */
    chromium: string | null
  }
}
