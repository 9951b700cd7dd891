import { subgraphNamed } from '../registry';

// Loaded as the schema is built, before the subgraph listens: a production court or register without
// its legal-basis key stops at start rather than failing every look at a party.
describe.each([
  ['the court', subgraphNamed('court'), /LEGAL_BASIS_PRIVATE_KEY/],
  ['a register', subgraphNamed('finance'), /LEGAL_BASIS_PUBLIC_KEY/],
])('%s outside development mode', (_label, subgraph, missing) => {
  it('refuses to start without the legal-basis key', () => {
    const saved = process.env.DEVELOPMENT_MODE;
    delete process.env.DEVELOPMENT_MODE;
    try {
      expect(() => subgraph.buildSchema()).toThrow(missing);
    } finally {
      process.env.DEVELOPMENT_MODE = saved;
    }
  });
});
