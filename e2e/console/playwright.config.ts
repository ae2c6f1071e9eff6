// Browser tests of the admin console against a running Seatgate (see README.md). `npm test` starts
// one for them (e2e/console/serve-stack.ts) and runs this after jest.
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

export default defineConfig({
  testDir: __dirname,
  testMatch: /.*\.e2e\.ts$/,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // one file at a time: two workers saved about a minute on 2 cores, and twice a confirmation's
  // button click was lost under that load (noted in the closing note of 2026-11-29)
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: join(__dirname, '../artifacts/console/test-results'),
  use: {
    baseURL: process.env.SEATGATE_URL,
    browserName: 'chromium',
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; never a downloaded browser
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
