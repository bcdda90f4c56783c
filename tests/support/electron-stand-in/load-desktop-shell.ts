import { existsSync, readFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compileFunction } from 'node:vm'
import type { PreloadPort } from '#common/rpc/index.ts'
import { packageRoot } from '../../../main/host/paths.ts'
import { nativeImport } from '../native-import.ts'
import { tempDir } from '../temp-dir.ts'
import {
  createElectronStandIn,
  type ElectronStandIn,
  type StandInOptions,
  type StandInWindow,
} from './electron-stand-in.ts'
import type { StandInFrame } from './web-contents.ts'

/**
 * Loads the built main bundle (`package.json` `main`) under Node, its `import … from 'electron'`
 * resolved to a fresh stand-in, and returns that stand-in once the shell has started. Each call
 * loads a new instance of the bundle with its own stand-in and data folder.
 */
const STAND_IN_KEY = Symbol.for('realtime-playground.electron-stand-in')
const MAIN_EXPORTS = [
  'app',
  'protocol',
  'session',
  'ipcMain',
  'BrowserWindow',
  'webContents',
  'shell',
  'safeStorage',
  'nativeTheme',
  'Menu',
  'screen',
] as const

let instances = 0
let hooksRegistered = false

export function builtFile(...parts: string[]): string {
  const path = join(packageRoot(), 'out', ...parts)
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: the shell suite drives the built app. Run "npm run build".`,
    )
  }
  return path
}

export async function loadDesktopShell(
  options: Partial<StandInOptions> = {},
): Promise<ElectronStandIn> {
  const bundle = pathToFileURL(builtFile('main', 'index.js'))
  const standIn = createElectronStandIn({ userData: tempDir('rp-shell-'), ...options })
  ;(globalThis as Record<symbol, unknown>)[STAND_IN_KEY] = standIn.modules
  if (!hooksRegistered) {
    hooksRegistered = true
    registerHooks({
      resolve(specifier, context, nextResolve) {
        if (specifier !== 'electron') return nextResolve(specifier, context)
        // A module per bundle instance, bound to the stand-in current when that bundle loads.
        const source =
          `const electron = globalThis[Symbol.for(${JSON.stringify(STAND_IN_KEY.description)})];` +
          MAIN_EXPORTS.map((name) => `export const ${name} = electron.${name};`).join('') +
          `export default electron; // instance ${instances}`
        return { url: `data:text/javascript,${encodeURIComponent(source)}`, shortCircuit: true }
      },
    })
  }
  instances += 1
  bundle.searchParams.set('instance', String(instances))
  await nativeImport(bundle.href)
  return standIn
}

/**
 * Runs the built preload for `window` the way Electron runs a sandboxed preload: a classic script
 * whose `require` offers Electron's renderer modules and nothing from Node. Returns what it
 * exposed to the page's main world.
 */
export async function runPreload(
  standIn: ElectronStandIn,
  window: StandInWindow,
): Promise<Record<string, unknown>> {
  const path = builtFile('preload', 'index.cjs')
  await window.webContents.whenLoaded()
  const mainWorld: Record<string, unknown> = {}
  const contents = window.webContents
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        mainWorld[key] = api
      },
    },
    ipcRenderer: {
      send(channel: string, ...args: unknown[]) {
        standIn.sendFromRenderer(contents, contents.mainFrame, channel, ...args)
      },
      on(channel: string, listener: (event: object, ...args: unknown[]) => void) {
        let set = contents.rendererListeners.get(channel)
        if (!set) contents.rendererListeners.set(channel, (set = new Set()))
        set.add(listener)
        return this
      },
      off(channel: string, listener: (event: object, ...args: unknown[]) => void) {
        contents.rendererListeners.get(channel)?.delete(listener)
        return this
      },
    },
  }
  const sandboxedRequire = (id: string): unknown => {
    if (id === 'electron' || id === 'electron/renderer') return electron
    throw new Error(`module not found: ${id} (a sandboxed preload cannot require it)`)
  }
  const module = { exports: {} }
  const script = compileFunction(readFileSync(path, 'utf8'), ['require', 'module', 'exports'], {
    filename: path,
  }) as (require: (id: string) => unknown, module: object, exports: object) => void
  script(sandboxedRequire, module, module.exports)
  return mainWorld
}

/** The port the preload exposes, as the renderer's bridge finds it. */
export function preloadPort(mainWorld: Record<string, unknown>): PreloadPort {
  const port = mainWorld.realtimePlayground as PreloadPort | undefined
  if (!port) throw new Error('The preload exposed no realtimePlayground port')
  return port
}

/** Sends a raw IPC message on the RPC channel from any frame, as a hostile page could. */
export function sendFromFrame(
  standIn: ElectronStandIn,
  window: StandInWindow,
  frame: StandInFrame | null,
  message: unknown,
  channel = 'realtime-playground:rpc',
): void {
  standIn.sendFromRenderer(window.webContents, frame, channel, message)
}
