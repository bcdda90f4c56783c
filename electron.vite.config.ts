import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          // The Electron main process.
          index: resolve(root, 'main/electron/main.ts'),
          // `npm start`: Electron when it can run, browser mode when it cannot.
          launch: resolve(root, 'main/electron/launch.ts'),
          // The `realtime-playground` command line (browser mode, demo server, client).
          cli: resolve(root, 'main/host/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'main/electron/preload.ts') },
        // A sandboxed preload is a classic script: CommonJS, not ESM.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
})
