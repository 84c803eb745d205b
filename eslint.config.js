// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Import boundaries: shared is pure; renderer and electron never import each other. */
const zones = [
  { target: './shared', from: ['./renderer', './electron', './data', './test'], message: 'shared/ is pure: it imports nothing outside shared/.' },
  { target: './renderer', from: ['./electron', './test'], message: 'renderer/ never imports electron/.' },
  { target: './electron', from: ['./renderer', './test'], message: 'electron/ never imports renderer/.' },
  { target: './data', from: ['./renderer', './electron', './test'], message: 'data/ uses shared/ only.' },
  // Layers inside shared/: import and the analyses both stand on model/ (the catalogue reader too) and db/.
  { target: './shared/ingest', from: ['./shared/analytics', './shared/charts', './shared/report'], message: 'import does not depend on the analyses, charts or reports.' },
  { target: './shared/analytics', from: ['./shared/ingest', './shared/charts', './shared/report'], message: 'the analyses read the workspace, never the import code.' },
];

const nodeOnly = {
  patterns: [
    { group: ['electron', 'electron/*'], message: '`electron` may be imported only under electron/ and test/.' },
    { group: ['node:*'], message: '`node:*` may be imported only under electron/, data/generator and test/.' },
  ],
  paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'url'].map((name) => ({
    name,
    message: 'Node built-ins only under electron/ and test/.',
  })),
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'data/sample/**', 'test/e2e/artifacts/**', 'coverage/**', 'bench-results/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { import: importPlugin },
    languageOptions: { globals: { ...globals.es2022 } },
    // The TypeScript resolver maps './x.js' to './x.ts' as tsc does; without it every relative import is
    // unresolved and the boundary and cycle rules below silently check nothing.
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import/resolver': {
        typescript: { noWarnOnMultipleProjects: true, project: ['shared/tsconfig.json', 'renderer/tsconfig.json', 'electron/tsconfig.json', 'data/tsconfig.json', 'test/tsconfig.json'] },
        node: { extensions: ['.ts', '.tsx', '.js'] },
      },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      // No import circles, type-only ones included: each module's dependencies read one way.
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-unresolved': ['error', { ignore: ['^virtual:', '\\?(url|worker|raw)$'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "Literal[value=/^https?:\\/\\/(?!127\\.0\\.0\\.1|localhost|www\\.w3\\.org)/]", message: 'No network addresses in the product: it runs air-gapped.' }],
    },
  },
  {
    files: ['shared/**', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', nodeOnly] },
  },
  {
    files: ['data/**'],
    ignores: ['data/generator/**'],
    rules: { 'no-restricted-imports': ['error', nodeOnly] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['electron/**', 'test/**', 'data/generator/**', '*.config.*', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
