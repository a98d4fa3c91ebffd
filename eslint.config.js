// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noNodeOrElectron = [
  { name: 'electron', message: 'renderer/ runs in a browser: talk to the host through window.lockstep (renderer/host).' },
];
const nodePatterns = [{ group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'renderer/ cannot import Node modules.' }];
const noReact = [
  { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@tiptap/react', 'react-i18next', 'radix-ui', 'recharts'], message: 'this layer never imports React or UI state.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/**', 'coverage/**', 'test-results/**', '**/.tmp/**', 'tools/electronegativity/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { paths: noNodeOrElectron, patterns: nodePatterns }],
    },
  },
  {
    files: ['renderer/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noNodeOrElectron,
        patterns: [
          ...nodePatterns,
          ...noReact,
          { group: ['dexie', 'y-webrtc', '**/storage/**', '**/sync/**', '**/features/**', '**/state/**', '**/ui/**'], message: 'domain/ is pure: no storage, sync or UI.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/sync/**/*.ts', 'renderer/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noNodeOrElectron,
        patterns: [...nodePatterns, ...noReact, { group: ['**/features/**', '**/state/**', '**/ui/**'], message: 'sync and storage never import UI.' }],
      }],
    },
  },
  {
    files: ['renderer/features/**/*.{ts,tsx}', 'renderer/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...noNodeOrElectron, { name: 'zustand', message: 'only renderer/state/store.ts creates the store; import useAppStore from there.' }],
        patterns: [...nodePatterns, { group: ['dexie'], message: 'UI reads plans through domain read models, not the database.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }] }],
    },
  },
  {
    files: ['electron/main/signaling/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the signaling server is plain Node + ws so it runs standalone.' }], patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: noNodeOrElectron, patterns: [...nodePatterns, ...noReact, { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ is imported by both sides and imports neither.' }] }],
    },
  },
);
