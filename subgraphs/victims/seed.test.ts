import { generateCourt } from '../../seed/agencies/court';
import { generateVictims } from '../../seed/agencies/victims';
import { DEFAULT_AS_OF } from '../../seed/province';
import type { World } from '../../seed/world';
import { checkBankCard, checkCitizenId, checkPhone, createRandom } from '../../domain/identifiers';
import { COLLECTIONS, type MassCaseDocument, type ParticipantDocument } from './model';
import { ANNOUNCE, dataOf, startVictims } from '../../test/victimsHarness';

function world(): World {
  const court = generateCourt(createRandom('7:court'), 300, DEFAULT_AS_OF);
  return { asOf: DEFAULT_AS_OF, parties: court.parties, partyById: new Map(court.parties.map((p) => [p.id, p])), cases: court.cases };
}

describe('seed generator', () => {
  const data = generateVictims(world(), createRandom('7:victims'));

  it('declares open first-enforcement cases with a few hundred valid participants, the same every run', () => {
    const cases = data[COLLECTIONS.massCases] as MassCaseDocument[];
    expect(cases.length).toBeGreaterThanOrEqual(1);
    expect(cases.length).toBeLessThanOrEqual(2);
    const participants = data[COLLECTIONS.participants] as ParticipantDocument[];
    expect(participants.length).toBeGreaterThan(300);
    expect(participants.filter((p) => checkCitizenId(p.citizenId) || checkBankCard(p.bankCard) || checkPhone(p.phone))).toEqual([]);
    expect(JSON.stringify(generateVictims(world(), createRandom('7:victims')))).toBe(JSON.stringify(data));
  });

  it('loads into the subgraph, which shows the verified case and its first round, and distributes a second', async () => {
    const h = await startVictims('victims_seed');
    try {
      for (const [name, docs] of Object.entries(data)) if (docs.length > 0) await h.db.collection(name).insertMany(docs);
      const caseNumber = (data[COLLECTIONS.massCases][0] as MassCaseDocument)._id;
      const view = dataOf(
        await h.query<{
          massCase: {
            summary: { registered: number; verified: number; payable: number; reserved: number; escrow: number };
            rounds: { pool: number }[];
          };
        }>(
          `query($c: String!, $basis: String) { massCase(caseNumber: $c, basis: $basis) { summary { registered verified payable reserved escrow } rounds { pool } } }`,
          { c: caseNumber, basis: h.notice(caseNumber) },
        ),
      );
      expect(view.massCase.summary.registered).toBeGreaterThan(250);
      expect(view.massCase.summary.verified).toBeGreaterThan(200);
      const s = view.massCase.summary;
      expect(s.payable + s.reserved + s.escrow).toBe(view.massCase.rounds[0].pool);
      const round = dataOf(
        await h.query<{ announceRound: { number: number; summary: { payable: number; reserved: number; escrow: number } } }>(ANNOUNCE, {
          c: caseNumber,
          p: 100_000_000,
          basis: h.notice(caseNumber),
        }),
      ).announceRound;
      expect(round.number).toBe(2);
      // Round 2 pays its pool plus nothing held before is lost: new holdings and payments add up to it.
      expect(round.summary.payable + round.summary.reserved + round.summary.escrow - s.reserved - s.escrow).toBe(100_000_000);
    } finally {
      await h.stop();
    }
  });
});
