import { accessLogCheckpointDir, accessLogCheckpointSeconds, accessLogKey } from './key';

describe('ACCESS_LOG_KEY', () => {
  it('is required outside development mode, like the signing keys', () => {
    expect(() => accessLogKey({ NODE_ENV: 'production' })).toThrow(/ACCESS_LOG_KEY/);
  });

  it('must be long enough to key a hash worth the name', () => {
    expect(() => accessLogKey({ DEVELOPMENT_MODE: 'true', ACCESS_LOG_KEY: 'short' })).toThrow(/32/);
    expect(accessLogKey({ NODE_ENV: 'production', ACCESS_LOG_KEY: 'k'.repeat(32) })).toBe('k'.repeat(32));
  });

  it('falls back to a development key in development mode', () => {
    expect(accessLogKey({ DEVELOPMENT_MODE: 'true' })).toEqual(expect.any(String));
  });
});

describe('ACCESS_LOG_CHECKPOINT_DIR', () => {
  it('is required outside development mode: checkpoints kept only in the database anchor nothing', () => {
    expect(() => accessLogCheckpointDir({ NODE_ENV: 'production', ACCESS_LOG_KEY: 'k'.repeat(32) })).toThrow(
      /ACCESS_LOG_CHECKPOINT_DIR must be set/,
    );
    expect(accessLogCheckpointDir({ ACCESS_LOG_CHECKPOINT_DIR: '/var/lib/enforcement/checkpoints' })).toBe(
      '/var/lib/enforcement/checkpoints',
    );
  });

  it('defaults to .data/access-log-checkpoints in development mode, checkpointing every minute', () => {
    expect(accessLogCheckpointDir({ DEVELOPMENT_MODE: 'true' })).toMatch(/\.data\/access-log-checkpoints$/);
    expect(accessLogCheckpointSeconds({})).toBe(60);
    expect(() => accessLogCheckpointSeconds({ ACCESS_LOG_CHECKPOINT_SECONDS: '0' })).toThrow(/positive integer/);
  });
});
