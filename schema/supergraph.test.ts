import { composeSupergraph, readCommittedSupergraph } from './supergraph';

describe('the committed supergraph', () => {
  it('is what the registry composes to today (run `npm run compose` and commit when this fails)', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph().supergraphSdl);
  });
});
