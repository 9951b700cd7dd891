import { parse } from 'graphql';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { domainError, ErrorCode } from '../platform/errors';
import { unansweredEntities } from './unanswered';

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on CaseParty { __typename realEstateTotals { agency } findings: realEstateFindings { agency } }
  ... on EnforcementCase { realEstateControls { id } }
} }`;
const representations = [
  { __typename: 'CaseParty', caseNumber: 'c1', partyId: 'p1' },
  { __typename: 'EnforcementCase', id: 'c1' },
];
const unavailable = domainError(ErrorCode.AGENCY_UNAVAILABLE, 'agency realestate did not answer within 5000 ms', { agency: 'realestate' });
const options = (query: string, variables: Record<string, unknown>) =>
  ({ request: { query, variables }, document: parse(query), context: {} }) as unknown as GraphQLDataSourceProcessOptions<object>;

describe('an entity fetch an agency did not answer', () => {
  it('answers null for every field asked of each entity, by its response name, with the error naming the agency', () => {
    expect(unansweredEntities(options(ENTITIES, { representations }), unavailable)).toEqual({
      data: {
        _entities: [
          { __typename: 'CaseParty', realEstateTotals: null, findings: null },
          { __typename: 'EnforcementCase', realEstateControls: null },
        ],
      },
      errors: [
        { message: 'agency realestate did not answer within 5000 ms', extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'realestate' } },
      ],
    });
  });

  it('is left to fail as it did for a root field, a mutation, or any other error', () => {
    expect(unansweredEntities(options('query { caseParty(caseNumber: "c", partyId: "p") { partyId } }', {}), unavailable)).toBeNull();
    expect(unansweredEntities(options('mutation { requestRealEstateControl(input: {}) { id } }', {}), unavailable)).toBeNull();
    expect(unansweredEntities(options(ENTITIES, { representations }), domainError(ErrorCode.FORBIDDEN, 'no'))).toBeNull();
  });
});
