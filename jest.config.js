// One jest run over every workspace that has tests; `npm test` (scripts/test.mjs) drives it.
const { availableParallelism } = require('node:os');

module.exports = {
  // Most suites wait on PostgreSQL, child processes and timers, not the CPU: jest's default (cores
  // minus one) ran one suite at a time on 2 cores. Two workers there took the suite (soaks included)
  // from 19.7 to 11–12 minutes (11.2 and 11.8 in two runs). More than 4 is untried. The soaks run
  // after the rest, one at a time (scripts/test.mjs): in a third run the 5,000-user job's soak saw a
  // login wait two quota slots, not one, with another suite's processes beside it.
  maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
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
