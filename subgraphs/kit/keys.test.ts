import { subgraphNamed } from '../registry';


// Loaded as the schema is built, before the subgraph listens: a production court or register without
// its legal-basis key stops at start rather than failing every look at a party.
describe.each([
  ['the court', subgraphNamed('court'), /LEGAL_BASIS_PRIVATE_KEY/],
  ['a register', subgraphNamed('finance'), /LEGAL_BASIS_PUBLIC_KEY/],
])('%s in production', (_label, subgraph, missing) => {
  it('refuses to start without the legal-basis key', () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => subgraph.buildSchema()).toThrow(missing);
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});
