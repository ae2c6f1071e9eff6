module.exports = {
  ...require('../../jest.preset'),
  displayName: 'crypto',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
