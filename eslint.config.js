/**
 * Lint: typescript-eslint's strict and stylistic type-checked rules over everything TypeScript and JavaScript in the
 * project (the JavaScript files with their JSDoc types, through tsconfig.js.json, which `npm run typecheck` checks too).
 * Settings that differ from the presets, each for a reason:
 * - numbers in template literals are fine (`${count} calls`);
 * - no-undef is off for JavaScript as the presets already turn it off for TypeScript: the compiler (checkJs, in
 *   tsconfig.js.json) reports an undefined name, and knows Node's globals, which no-undef would need listed;
 * - tests read GraphQL responses, which are JSON of the shape the query asked for: `any` there is the honest type,
 *   and `!` after an `expect(…).toBeDefined()`-style check is how a test says "this exists".
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/__generated__/', 'examples/__generated__/', 'console/src/__generated__/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The JavaScript files are in tsconfig.js.json (checkJs): tsconfig.json has no allowJs, which would make tsx
        // resolve a package's .js entry to a .ts file beside it.
        projectService: { allowDefaultProject: ['*.js', '.*.cjs', 'bench/*.mjs', 'test/contract/*.mjs'], defaultProject: 'tsconfig.js.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
