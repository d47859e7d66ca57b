import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const determinismBans = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Simulated code draws randomness from ctx.rng / Rng streams.' },
    { object: 'Date', property: 'now', message: 'Simulated code reads virtual time (ctx.now()).' },
    { object: 'performance', property: 'now', message: 'Simulated code reads virtual time (ctx.now()).' },
    { object: 'crypto', property: 'randomUUID', message: 'Use a seeded Rng.' },
    { object: 'crypto', property: 'randomBytes', message: 'Use a seeded Rng.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Use ctx.timer / ctx.sleep (virtual time).' },
    { name: 'setInterval', message: 'Use ctx.timer / ctx.sleep (virtual time).' },
    { name: 'setImmediate', message: 'Use the scheduler.' },
    { name: 'queueMicrotask', message: 'Use the scheduler.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: 'FunctionDeclaration[async=true], FunctionExpression[async=true], ArrowFunctionExpression[async=true]', message: 'Simulated code is synchronous: processes are generators driven by the scheduler.' },
    { selector: 'AwaitExpression', message: 'Simulated code is synchronous: processes are generators driven by the scheduler.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', '**/*.html'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  { files: ['sim/**/*.ts', 'src/cluster/**/*.ts'], rules: determinismBans },
);
