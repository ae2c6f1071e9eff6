// Shared jest settings: TypeScript through swc (decorator metadata on, for NestJS), and workspace
// packages resolved to their sources so that tests never need a build first.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
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
