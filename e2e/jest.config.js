// End-to-end: the built gateway (apps/gateway/dist, `npm test` builds first) as real processes.
module.exports = {
  ...require('../jest.preset'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{api,browser,demo,deploy,ops}/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
};
