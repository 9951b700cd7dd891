import { generateBankCard, generateCitizenId, generatePhone, type Random } from '../../domain/identifiers';
import { packAllocations } from '../../subgraphs/victims/allocationStore';
import { participantIdOf, roundIdOf, verificationIdOf } from '../../subgraphs/victims/ids';
import type {
  ClaimDocument,
  LedgerEntryDocument,
  MassCaseDocument,
  ParticipantDocument,
  RoundDocument,
  VerificationDocument,
} from '../../subgraphs/victims/model';
import { computeRound, type Holding, type Objections } from '../../subgraphs/victims/rounds';
import { COLLECTIONS } from '../../subgraphs/victims/model';
import { objectionDeadline, reconcile } from '../../subgraphs/victims/verification';
import { personName } from '../names';
import { addDays, logNormal, type AgencyData, type World } from '../world';

/** One fundraising participant as the seed and the benchmark invent them: identity, contact, card, ledger amounts. */
export interface SyntheticParticipant {
  citizenId: string;
  name: string;
  phone: string;
  bankCard: string;
  principalPaidIn: number;
  principalReturned: number;
  interestAndRebates: number;
}

/**
 * People who paid into a scheme: principal log-normal (median ¥60,000, p90 ¥400,000), some principal
 * paid back, and the "interest" and rebates that kept them paying in (in practice up to a fifth of it).
 */
export function syntheticParticipants(random: Random, count: number, taken: Set<string> = new Set()): SyntheticParticipant[] {
  const people: SyntheticParticipant[] = [];
  while (people.length < count) {
    const citizenId = generateCitizenId(random, { birthYears: [1940, 2000] });
    if (taken.has(citizenId)) continue;
    taken.add(citizenId);
    const paidIn = Math.max(1000, Math.round(logNormal(random, 60_000, 400_000))) * 100;
    const returned = random.chance(0.3) ? Math.round(paidIn * random.next() * 0.3) : 0;
    people.push({
      citizenId,
      name: personName(random),
      phone: generatePhone(random),
      bankCard: generateBankCard(random),
      principalPaidIn: paidIn,
      principalReturned: returned,
      interestAndRebates: Math.round(paidIn * random.next() * 0.2),
    });
  }
  return people;
}

export function ledgerCsvLine(p: SyntheticParticipant): string {
  return `${p.citizenId},${p.name},${p.principalPaidIn},${p.principalReturned},${p.interestAndRebates}`;
}

const SCHEMES = ['理财产品非法集资案', '养老项目集资诈骗案', 'P2P网贷平台非法吸收公众存款案', '投资合作社非法集资案'];

/**
 * One or two open first-enforcement cases as mass-victim cases, a few hundred participants each, drawn as
 * new people (they need not be parties of the province). Most registered, a few with a name that differs
 * from the ledger or not in it at all, and some in the ledger who never came: a verification already run,
 * and in the first case a first round of 30 % announced (no batches yet), so a first look at the graph
 * shows claims, issues, the objection deadline, payments due, reserve and escrow.
 */
export function generateVictims(world: World, random: Random): AgencyData {
  const candidates = world.cases.filter((c) => c.status === 'OPEN' && c.type === 'FIRST_ENFORCEMENT');
  const chosen = candidates.slice(0, Math.min(2, candidates.length));
  const data: AgencyData = Object.fromEntries(
    [
      COLLECTIONS.massCases,
      COLLECTIONS.participants,
      COLLECTIONS.ledger,
      COLLECTIONS.verifications,
      COLLECTIONS.claims,
      COLLECTIONS.issues,
      COLLECTIONS.rounds,
      COLLECTIONS.allocations,
    ].map((name) => [name, []]),
  );
  const taken = new Set<string>();
  chosen.forEach((enforcementCase, index) => {
    const caseNumber = enforcementCase._id;
    const declaredAt = addDays(world.asOf, -random.int(60, 200));
    const massCase: MassCaseDocument = {
      _id: caseNumber,
      name: `${random.pick(['某某', '恒信', '鑫源', '华泰'])}${SCHEMES[index % SCHEMES.length]}`,
      declaredAt,
      objectionDays: 15,
    };
    const people = syntheticParticipants(random, index === 0 ? 300 : 200, taken);
    const ledger: LedgerEntryDocument[] = [];
    const participants = new Map<string, ParticipantDocument>();
    for (const p of people) {
      const id = participantIdOf(caseNumber, p.citizenId);
      const notInLedger = random.chance(0.03);
      if (!notInLedger) {
        ledger.push({
          _id: id,
          caseNumber,
          citizenId: p.citizenId,
          name: p.name,
          principalPaidIn: p.principalPaidIn,
          principalReturned: p.principalReturned,
          interestAndRebates: p.interestAndRebates,
          importedAt: addDays(declaredAt, 20),
        });
      }
      if (notInLedger || random.chance(0.92)) {
        // A typing slip at the counter: the name registered is not the ledger's.
        const name = random.chance(0.02) ? `${p.name.slice(0, 1)}${personName(random).slice(1)}` : p.name;
        participants.set(id, {
          _id: id,
          caseNumber,
          citizenId: p.citizenId,
          name,
          phone: p.phone,
          bankCard: p.bankCard,
          registeredAt: addDays(declaredAt, random.int(1, 40)),
        });
      }
    }
    const verificationId = verificationIdOf(caseNumber, 1);
    const verifiedAt = addDays(declaredAt, 50);
    const { claims, issues } = reconcile(verificationId, caseNumber, participants, ledger);
    const counts = { VERIFIED: 0, NAME_MISMATCH: 0, NOT_IN_LEDGER: 0, UNREGISTERED: 0 };
    const amounts = { ...counts };
    for (const c of claims) {
      counts[c.status] += 1;
      amounts[c.status] += c.claim;
    }
    const verification: VerificationDocument = {
      _id: verificationId,
      caseNumber,
      number: 1,
      startedAt: verifiedAt,
      state: 'DONE',
      verifiedAt,
      objectionDeadline: objectionDeadline(verifiedAt, 15),
      counts,
      amounts,
    };
    data[COLLECTIONS.massCases].push(massCase);
    data[COLLECTIONS.participants].push(...participants.values());
    data[COLLECTIONS.ledger].push(...ledger);
    data[COLLECTIONS.verifications].push(verification);
    data[COLLECTIONS.claims].push(...claims);
    data[COLLECTIONS.issues].push(...issues);
    if (index === 0) data[COLLECTIONS.rounds].push(...firstRound(caseNumber, verification, claims, addDays(verifiedAt, 30), data));
  });
  return data;
}

/** Round 1 over the verified claims, a pool of 30 % of them, as announceRound would have written it. */
function firstRound(
  caseNumber: string,
  verification: VerificationDocument,
  claims: readonly ClaimDocument[],
  announcedAt: Date,
  data: AgencyData,
): RoundDocument[] {
  const total = claims.reduce((sum, c) => sum + c.claim, 0);
  const pool = Math.floor((total * 0.3) / 100) * 100;
  const round: RoundDocument = {
    _id: roundIdOf(caseNumber, 1),
    caseNumber,
    number: 1,
    pool,
    cumulativePool: pool,
    verificationId: verification._id,
    announcedAt,
    state: 'RUNNING',
  };
  const noObjections: Objections = new Map();
  const nothingBefore: ReadonlyMap<string, Holding> = new Map();
  const { allocations, totals } = computeRound(round, claims, noObjections, nothingBefore);
  data[COLLECTIONS.allocations].push(...packAllocations(round, allocations));
  return [{ ...round, state: 'DONE', totals }];
}
