import { gatewayConfig } from './config';

const DEV = { DEVELOPMENT_MODE: 'true' };

describe('how long the gateway waits for an agency', () => {
  it('is 5 s for a query, a person waiting at a screen, and 30 s for a mutation, by default', () => {
    expect(gatewayConfig(DEV).subgraphTimeouts).toEqual({ readMs: 5_000, writeMs: 30_000 });
  });

  it('is set for all agencies, and for one agency by its own variables', () => {
    const config = gatewayConfig({
      ...DEV,
      SUBGRAPH_READ_TIMEOUT_MS: '8000',
      VESSELS_READ_TIMEOUT_MS: '2000',
      FINANCE_WRITE_TIMEOUT_MS: '60000',
    });
    expect(config.subgraphTimeouts).toEqual({ readMs: 8_000, writeMs: 30_000 });
    expect(config.agencyTimeouts).toEqual({ VESSELS: { readMs: 2_000 }, FINANCE: { writeMs: 60_000 } });
  });

  it('refuses a timeout that is not a positive whole number of milliseconds, naming the variable', () => {
    expect(() => gatewayConfig({ ...DEV, SUBGRAPH_READ_TIMEOUT_MS: '5s' })).toThrow(/SUBGRAPH_READ_TIMEOUT_MS must be a positive integer/);
    expect(() => gatewayConfig({ ...DEV, VESSELS_READ_TIMEOUT_MS: '0' })).toThrow(/VESSELS_READ_TIMEOUT_MS must be a positive integer/);
  });

  it('refuses the old SUBGRAPH_TIMEOUT_MS, naming the two that replace it', () => {
    expect(() => gatewayConfig({ ...DEV, SUBGRAPH_TIMEOUT_MS: '30000' })).toThrow(
      /SUBGRAPH_READ_TIMEOUT_MS .* and SUBGRAPH_WRITE_TIMEOUT_MS/,
    );
  });
});
