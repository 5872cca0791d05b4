import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'events',
  'url',
  'util',
  'buffer',
  'tls',
  'zlib',
  'worker_threads',
];
const nodeBuiltinPatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'reports/**',
      '.stryker-tmp/**',
      '.cache/**',
      '.test-env/**',
    ],
  },
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!zod$|\\./[^/]+$)', message: 'shared/ imports only zod and other shared/ modules.' }],
        },
      ],
    },
  },
  {
    // The renderer runs in a browser sandbox: nothing from Node, Electron or electron/.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the main side through the client only.' }],
          patterns: [
            { group: nodeBuiltinPatterns, message: 'The renderer imports nothing from Node.' },
            {
              group: ['**/electron/**', 'dockerode', 'ws'],
              message: 'The renderer imports nothing from electron/ or server-side libraries.',
            },
          ],
        },
      ],
    },
  },
  // Inside electron/, folders say where code runs. engine/ talks to Docker Engines under plain Node and
  // imports only shared/; server/ (handlers, router, web server) adds engine/; desktop/ (Electron main and
  // preload) is the only code that imports electron. Tests follow the same rules as the code they sit with.
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/desktop/ imports electron.' }],
          patterns: [
            {
              group: ['**/server/**', '**/desktop/**', '**/renderer/**', '**/test-support/fake-*'],
              message: 'electron/engine/ imports only shared/ (and Node, npm packages): it must run wherever an engine is reached.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/desktop/ imports electron.' }],
          patterns: [
            {
              group: ['**/desktop/**', '**/renderer/**'],
              message: 'electron/server/ imports engine/ and shared/ only: it also runs without Electron (npm run web).',
            },
          ],
        },
      ],
    },
  },
  {
    // A server test may drive the renderer's own client against the real server (both ends of the wire).
    files: ['electron/server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/desktop/ imports electron.' }],
          patterns: [{ group: ['**/desktop/**'], message: 'electron/server/ never depends on the desktop app.' }],
        },
      ],
    },
  },
  {
    files: ['electron/desktop/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/renderer/**'], message: 'electron/desktop/ shares types with the renderer through shared/ only.' }],
        },
      ],
    },
  },
  {
    // No import cycles anywhere.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
