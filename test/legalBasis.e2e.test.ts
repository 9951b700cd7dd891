import { generateKeyPairSync } from 'node:crypto';
import { attestLegalBasis } from '../subgraphs/kit/auth/legalBasis';
import realestate from '../subgraphs/realestate/index';
import taxation from '../subgraphs/taxation/index';
import { startAgency, type AgencyHarness } from './agencyHarness';
import { TEST_OFFICER } from './identities';

/*
 * A register answers for a party only with the court's attestation that this caller has a legal basis
 * in this case (kit/auth/legalBasis.ts): the gateway fetches it from the court with every CaseParty.
 * Here the subgraphs are called as the gateway would, with representations a buggy or subverted
 * caller could build.
 */
const ref = { caseNumber: '（2026）浙0102执1号', partyId: '330102199001011237' };
const FIELDS: Record<string, string> = {
  realEstateFindings: 'realEstateFindings { agency }',
  realEstateTotals: 'realEstateTotals { agency }',
  realEstate: 'realEstate { id }',
  taxRecord: 'taxRecord { taxpayerNumber }',
};

let registry: AgencyHarness;
let tax: AgencyHarness;
beforeAll(async () => {
  registry = await startAgency(realestate, 'legal_basis', {});
  tax = await startAgency(taxation, 'legal_basis', {});
});
afterAll(async () => {
  await registry?.stop();
  await tax?.stop();
});

const harnessOf = (field: string) => (field === 'taxRecord' ? () => tax : () => registry);
const ask = (field: string, legalBasis: unknown) =>
  harnessOf(field)().query<{ _entities: unknown[] }>(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on CaseParty { ${FIELDS[field]} } } }`,
    { r: [{ __typename: 'CaseParty', ...ref, ...(legalBasis === undefined ? {} : { legalBasis }) }] },
    { as: TEST_OFFICER },
  );
const now = new Date();

describe.each(Object.keys(FIELDS))('CaseParty.%s', (field) => {
  it('answers with the court’s attestation for this caller, case and party', async () => {
    const response = await ask(field, attestLegalBasis({ ...ref, userId: TEST_OFFICER.userId }, now));
    expect(response.errors).toBeUndefined();
  });

  it.each([
    ['without an attestation', undefined, /attested no legal basis/],
    ['with an attestation for another officer', attestLegalBasis({ ...ref, userId: 'another-officer' }, now), /another user/],
    [
      'with an attestation for another case',
      attestLegalBasis({ ...ref, caseNumber: '（2026）浙0102执2号', userId: TEST_OFFICER.userId }, now),
      /another case/,
    ],
    [
      'with an attestation signed by someone else',
      attestLegalBasis({ ...ref, userId: TEST_OFFICER.userId }, now, generateKeyPairSync('ed25519').privateKey),
      /does not verify/,
    ],
  ])('refuses %s: FORBIDDEN, saying why', async (_label, legalBasis, why) => {
    const response = await ask(field, legalBasis);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toMatch(why);
  });
});
