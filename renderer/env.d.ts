/// <reference types="vite/client" />
import { PRELOAD_GLOBAL, type PreloadPort } from '#common/rpc/preload-port.ts'

declare global {
  interface Window {
    /** Present only in the Electron shell, exposed by the preload. */
    [PRELOAD_GLOBAL]?: PreloadPort
  }
}
