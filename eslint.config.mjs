// Lint enforces the layers of STYLE.md so nobody has to remember them:
//   src/core    plain TypeScript: no vscode, no host, no webview; only the transport imports undici
//   src/shared  read by host and webview: no vscode, no node, no DOM-only code, no core/host
//   webview     browser code: imports only src/shared (and browser packages)
//   src/host    the only place (with src/extension.ts) that imports vscode
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const vscodeBan = { name: 'vscode', message: 'Only src/host and src/extension.ts may import vscode.' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'stream', 'url', 'util', 'events'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.e2e/**', 'artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/transport/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan, { name: 'undici', message: 'Only src/core/transport imports undici; providers receive a Transport.' }],
        patterns: [{ group: ['**/host/**', '**/webview/**', '**/extension'], message: 'core depends on nothing above it.' }],
      }],
    },
  },
  {
    files: ['src/core/transport/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [{ group: ['**/host/**', '**/webview/**', '**/extension'], message: 'core depends on nothing above it.' }],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [
          { group: nodeBuiltins, message: 'src/shared runs in the webview too: no Node APIs.' },
          // `../webview/*` from a view's folder is src/shared/webview (what every view says), not the webview code
          { group: ['**/core/**', '**/host/**', '**/webview/**', '!../webview/*'], message: 'src/shared depends on nothing else.' },
        ],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [
          { group: nodeBuiltins, message: 'webview code runs in the browser.' },
          { group: ['**/src/core/**', '**/src/host/**', '**/src/extension'], message: 'webview imports only src/shared.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'bench/**', 'scripts/**', 'esbuild.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-restricted-exports': 'off' },
  },
);
