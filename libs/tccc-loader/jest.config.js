module.exports = {
  ...require('../../jest.preset'),
  displayName: 'tccc-loader',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
