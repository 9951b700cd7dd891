import { accessLogKey } from './key';

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
