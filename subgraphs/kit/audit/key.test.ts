import { accessLogKey } from './key';

describe('ACCESS_LOG_KEY', () => {
  it('is required in production, like the signing keys', () => {
    expect(() => accessLogKey({ NODE_ENV: 'production' })).toThrow(/ACCESS_LOG_KEY/);
  });

  it('must be long enough to key a hash worth the name', () => {
    expect(() => accessLogKey({ ACCESS_LOG_KEY: 'short' })).toThrow(/32/);
    expect(accessLogKey({ NODE_ENV: 'production', ACCESS_LOG_KEY: 'k'.repeat(32) })).toBe('k'.repeat(32));
  });

  it('falls back to a development key elsewhere', () => {
    expect(accessLogKey({})).toEqual(expect.any(String));
  });
});
