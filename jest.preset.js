// Shared jest settings: TypeScript through swc (decorator metadata on, for NestJS), and workspace
// packages resolved to their sources so that tests never need a build first.
const path = require('node:path');

const root = __dirname;

// The long soaks (`*.soak.*`: a 5,000-user job across a restart, a 100,000-row import, the demo
// from a clean copy) run only with SEATGATE_SOAK=1, which CI sets; `npm test` says so when it
// leaves them out.
const soak = process.env.SEATGATE_SOAK === '1';

module.exports = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', ...(soak ? [] : ['\\.soak\\.'])],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@seatgate/crypto$': path.join(root, 'libs/crypto/src/index.ts'),
    '^@seatgate/contracts$': path.join(root, 'libs/contracts/src/index.ts'),
    '^@seatgate/tccc-loader$': path.join(root, 'libs/tccc-loader/src/index.ts'),
    '^@seatgate/ccc-emulator$': path.join(root, 'apps/ccc-emulator/src/index.ts'),
  },
};
