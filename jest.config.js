/** Unit tests sit beside the code; end-to-end tests in test/. Type checking is done once by `tsc`, so ts-jest only transpiles. */
// The tests run on the published development keys, as `npm start` does; outside this mode every service
// refuses to start without real keys (platform/config.ts). Set here so workers and the children they spawn inherit it.
process.env.DEVELOPMENT_MODE = 'true';
// The harnesses start every subgraph's background services, as main.ts does: their files (access-log
// checkpoints, SMS) go to this run's own directories, apart from the developer's own under .data/.
process.env.ACCESS_LOG_CHECKPOINT_DIR ??= require('node:path').join(
  require('node:os').tmpdir(),
  `enforcement-access-log-checkpoints-${process.pid}`,
);
process.env.SMS_DIR ??= require('node:path').join(require('node:os').tmpdir(), `enforcement-sms-${process.pid}`);

module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/domain',
    '<rootDir>/platform',
    '<rootDir>/subgraphs',
    '<rootDir>/gateway',
    '<rootDir>/seed',
    '<rootDir>/schema',
    '<rootDir>/test',
    '<rootDir>/tools',
  ],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
