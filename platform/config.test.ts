import { isDevelopmentMode, isProduction, keyConfig } from './config';
import { loadPrivateKey } from './signing';

describe('development mode', () => {
  it.each([
    ['NODE_ENV unset', {}],
    ['NODE_ENV=Production', { NODE_ENV: 'Production' }],
    ['NODE_ENV=prod', { NODE_ENV: 'prod' }],
    ['NODE_ENV=staging', { NODE_ENV: 'staging' }],
    ['NODE_ENV=development alone', { NODE_ENV: 'development' }],
    ['DEVELOPMENT_MODE=false', { DEVELOPMENT_MODE: 'false' }],
  ])('is off with %s, so no development key stands in for a missing one', (_label, env) => {
    expect(isProduction(env)).toBe(true);
    expect(() => loadPrivateKey('GATEWAY_IDENTITY', keyConfig('GATEWAY_IDENTITY', env))).toThrow(
      'GATEWAY_IDENTITY_PRIVATE_KEY (or GATEWAY_IDENTITY_PRIVATE_KEY_FILE) must be set: development keys stand in only with DEVELOPMENT_MODE=true (as npm start and the tests set it)',
    );
  });

  it('is on only with DEVELOPMENT_MODE=true (or 1), as npm start and the tests set it', () => {
    expect(isDevelopmentMode({ DEVELOPMENT_MODE: 'true' })).toBe(true);
    expect(isDevelopmentMode({ DEVELOPMENT_MODE: '1', NODE_ENV: 'test' })).toBe(true);
  });

  it('refuses a value that is not true or false, naming the variable', () => {
    expect(() => isDevelopmentMode({ DEVELOPMENT_MODE: 'yes' })).toThrow('DEVELOPMENT_MODE must be true or false, got "yes"');
  });

  it('refuses to be combined with NODE_ENV=production', () => {
    expect(() => isDevelopmentMode({ DEVELOPMENT_MODE: 'true', NODE_ENV: 'production' })).toThrow(/contradict/);
  });
});
