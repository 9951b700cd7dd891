// ESLint (typescript-eslint's recommended rules, without type information so a run costs seconds);
// `npm test` runs it after tsc. Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' };

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.cache/', 'dist/', 'coverage/', 'tools/embedded-mongo/bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `_`-named bindings are deliberate: a field taken out of a rest spread, an argument a signature requires.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Apollo's resolver-map type is taken from its dist in one place only (subgraphs/kit/resolverMaps.ts).
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@apollo/*/dist/*'], message: 'import the type from subgraphs/kit/resolverMaps.ts' }] },
      ],
    },
  },
  { files: ['subgraphs/kit/resolverMaps.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
