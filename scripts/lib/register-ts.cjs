// Lets `node -r scripts/lib/register-ts.cjs some.ts` run TypeScript sources without a build step
// (the benchmark, the emulator's process-entry test). Same @swc/core settings as the jest transform
// (jest.preset.js): legacy decorators with metadata, for NestJS. Workspace packages
// (@seatgate/crypto, …) resolve through node_modules to their builds in dist/.
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
