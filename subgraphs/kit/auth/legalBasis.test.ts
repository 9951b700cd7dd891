import { generateKeyPairSync } from 'node:crypto';
import { attestLegalBasis, legalBasisProblem } from './legalBasis';

const court = generateKeyPairSync('ed25519');
const claim = { caseNumber: '（2026）浙0102执1号', partyId: '330102199001011237', userId: 'officer-1' };
const now = new Date('2026-11-25T08:00:00Z');

describe("the court's attestation of a legal basis", () => {
  it('attests one caller, case and party, the same token within a window', () => {
    const token = attestLegalBasis(claim, now, court.privateKey);
    expect(attestLegalBasis(claim, new Date(now.getTime() + 60_000), court.privateKey)).toBe(token);
    expect(legalBasisProblem(token, claim, now, court.publicKey)).toBeNull();
  });

  it.each([
    ['no token', () => undefined, claim, /attested no legal basis/],
    ['another user', () => attestLegalBasis(claim, now, court.privateKey), { ...claim, userId: 'officer-2' }, /another user/],
    [
      'another case',
      () => attestLegalBasis(claim, now, court.privateKey),
      { ...claim, caseNumber: '（2026）浙0102执2号' },
      /another case or party/,
    ],
    [
      'another party',
      () => attestLegalBasis(claim, now, court.privateKey),
      { ...claim, partyId: '11010519491231002X' },
      /another case or party/,
    ],
    [
      'a key other than the court’s',
      () => attestLegalBasis(claim, now, generateKeyPairSync('ed25519').privateKey),
      claim,
      /does not verify/,
    ],
    [
      'a forged payload',
      () =>
        `${Buffer.from(JSON.stringify({ c: claim.caseNumber, p: claim.partyId, u: claim.userId, exp: 9e9 })).toString('base64url')}.${attestLegalBasis(claim, now, court.privateKey).split('.')[1]}`,
      claim,
      /does not verify/,
    ],
  ])('refuses %s', (_label, token, expected, problem) => {
    expect(legalBasisProblem(token(), expected, now, court.publicKey)).toMatch(problem);
  });

  it('expires between five and ten minutes after it was given', () => {
    const token = attestLegalBasis(claim, now, court.privateKey);
    expect(legalBasisProblem(token, claim, new Date(now.getTime() + 5 * 60_000), court.publicKey)).toBeNull();
    expect(legalBasisProblem(token, claim, new Date(now.getTime() + 10 * 60_000 + 1), court.publicKey)).toMatch(/expired/);
  });
});

test('a token checked with one key is not taken as checked by another', () => {
  const token = attestLegalBasis(claim, now, court.privateKey);
  expect(legalBasisProblem(token, claim, now, court.publicKey)).toBeNull();
  expect(legalBasisProblem(token, claim, now, generateKeyPairSync('ed25519').publicKey)).toMatch(/does not verify/);
});
