// One lint setup for every workspace (CI runs it through `npm run lint`).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'apps/gateway/src/generated/**',
      'e2e/artifacts/**',
      'e2e/bench/results/**',
      '.seatgate/**',
      '**/*.d.ts',
      '**/*.d.cts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
          message: 'no focused tests',
        },
      ],
    },
  },
  {
    // Repositories own the database: services and controllers reach it through repositories and
    // UnitOfWork (database/unit-of-work.ts), never through Prisma or its generated types.
    files: ['apps/gateway/src/**/*.service.ts', 'apps/gateway/src/**/*.controller.ts'],
    ignores: ['apps/gateway/src/prisma/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/prisma/**', '**/generated/**'],
              message:
                'services and controllers use repositories (and UnitOfWork for transactions), not Prisma; import domain types from the owning repository',
            },
          ],
        },
      ],
    },
  },
  {
    // Every table has one owning module (docs/architecture.md): another module uses what the owner
    // exports (a service or a directory such as SeatDirectory), never its repository. The
    // typescript-eslint twin of no-restricted-imports, so that it adds to that rule's settings
    // rather than replacing them.
    files: ['apps/gateway/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(.+/)?[^/]+\\.repository$',
              message:
                "another module's repository: use what its module exports (e.g. SeatDirectory, AppDirectory, AuditService)",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
