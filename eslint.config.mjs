// ESLint flat config: typescript-eslint's recommended rules, plus the import restriction that keeps the pure modules pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureModuleRestriction = {
  paths: [
    { name: 'vscode', message: 'The pure modules take their I/O as parameters: no vscode import.' },
    { name: 'vscode-languageserver', message: 'The pure language service returns plain LSP data: no connection types.' },
    { name: 'vscode-languageserver/node', message: 'The pure language service returns plain LSP data: no connection types.' },
    { name: 'fs', message: 'The pure modules do no I/O.' },
    { name: 'node:fs', message: 'The pure modules do no I/O.' },
    { name: 'fs/promises', message: 'The pure modules do no I/O.' },
    { name: 'node:fs/promises', message: 'The pure modules do no I/O.' },
  ],
  patterns: [{ group: ['vscode-languageclient', 'vscode-languageclient/*'], message: 'The pure modules do not talk to a language client.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', '.e2e-runs/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['server/src/service/**/*.ts', 'client/src/request/**/*.ts', 'client/src/importers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', pureModuleRestriction],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly' } },
  },
);
