import { parse } from 'graphql';
import { AGENCIES } from '../../domain/agencies';
import { checkAgencyEnum, loadTypeDefs } from './subgraph';

describe("the schema's Agency enum", () => {
  it('is the one agency list of domain/agencies.ts, in its order', () => {
    expect(() => checkAgencyEnum(loadTypeDefs([], ['assets']))).not.toThrow();
  });

  it('stops a subgraph whose enum lacks an agency or orders it otherwise, naming both lists', () => {
    const without = parse(`enum Agency { ${AGENCIES.slice(1).join(' ')} }`);
    expect(() => checkAgencyEnum(without)).toThrow(
      /Agency enum \(REALESTATE, .*\) must list domain\/agencies\.ts's AGENCIES \(COURT, REALESTATE/,
    );
    const reordered = parse(`enum Agency { ${[...AGENCIES].reverse().join(' ')} }`);
    expect(() => checkAgencyEnum(reordered)).toThrow(/must list/);
  });
});
