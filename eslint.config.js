import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import { defineConfig, globalIgnores } from 'eslint/config'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * design.md §3's dependency rules, as import restrictions per folder. Each zone lists everything
 * its files may not import (a later zone replaces the rule for its files, so every zone repeats
 * the Electron ban).
 */
const ELECTRON = {
  regex: '^electron(/.*)?$',
  message: 'Only main/electron/ may import electron (design.md §3).',
}
const MAIN_HOST = {
  regex: '(^|/)(main/)?host/',
  message: 'Connections, sessions and the demo server must not depend on main/host (design.md §3).',
}
const zones = [
  { files: ['**/*.{ts,vue,js}'], ignores: ['main/electron/**', 'tests/**'], patterns: [ELECTRON] },
  {
    files: ['main/common/**'],
    patterns: [
      {
        regex: '^(?!\\.{1,2}/)',
        message: 'main/common imports nothing outside itself (no node:, DOM or packages).',
      },
      { regex: '^\\.\\./\\.\\./', message: 'main/common imports nothing outside itself.' },
    ],
  },
  {
    files: ['renderer/**'],
    patterns: [
      ELECTRON,
      { regex: '^node:', message: 'The renderer runs in a browser: no Node modules.' },
      {
        regex: '^(\\.\\./)+(main|embedded-server)/',
        message: 'The renderer imports only main/common, as #common/*.',
      },
      { regex: '^#(?!common/)', message: 'The renderer imports only main/common, as #common/*.' },
    ],
  },
  {
    files: ['main/connections/**', 'main/sessions/**', 'main/scenarios/**', 'embedded-server/**'],
    patterns: [ELECTRON, MAIN_HOST],
  },
]

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.config.js'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'vue/no-v-html': 'error',
      // Optional props typed in TypeScript default to undefined; that is their default.
      'vue/require-default-prop': 'off',
      'vue/multi-word-component-names': ['error', { ignores: ['App'] }],
    },
  },
  ...zones.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    // Asymmetric matchers (expect.any, expect.stringContaining) are typed `any` by design.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
)
