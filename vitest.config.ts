import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['tests/{unit,contract,integration,security}/**/*.test.ts'],
    environment: 'node',
    // Real sockets and servers: give slow CI machines room, never as a speed assertion.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Node's own import() for the shell suite, which loads the built bundle with `electron`
    // resolved by a module hook (tests/support/electron-stand-in).
    server: { deps: { external: [/\/tests\/support\/native-import\.ts$/] } },
  },
})
