module.exports = {
  ...require('../../jest.preset'),
  displayName: 'ccc-emulator',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
