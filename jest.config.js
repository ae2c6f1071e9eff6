// One jest run over every workspace that has tests; `npm test` (scripts/test.mjs) drives it.
module.exports = {
  // a global option: per-project testTimeout is ignored when jest runs projects
  testTimeout: 120_000,
  projects: [
    '<rootDir>/libs/crypto',
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/tccc-loader',
    '<rootDir>/apps/ccc-emulator',
    '<rootDir>/apps/gateway',
    '<rootDir>/e2e',
  ],
};
