import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'events', 'url', 'util', 'buffer', 'tls', 'zlib', 'worker_threads'];
const nodeBuiltinPatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'artifacts/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Layering: shared/ is the contract; it may import only the schema library and itself.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!zod$|\\./[^/]+$)', message: 'shared/ imports only zod and other shared/ modules.' },
        ],
      }],
    },
  },
  {
    // The renderer runs in a browser sandbox: nothing from Node, Electron or electron/.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer reaches the main side through the client only.' }],
        patterns: [
          { group: nodeBuiltinPatterns, message: 'The renderer imports nothing from Node.' },
          { group: ['**/electron/**', 'dockerode', 'ws'], message: 'The renderer imports nothing from electron/ or server-side libraries.' },
        ],
      }],
    },
  },
  {
    // Services hold the business logic and must run under plain Node: no Electron.
    files: ['electron/services/**/*.ts', 'electron/rpc/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only electron/main/ and electron/preload/ may import electron.' }],
      }],
    },
  },
);
