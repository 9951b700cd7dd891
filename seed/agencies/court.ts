import { CASE_TYPE_WEIGHTS, CASE_TYPES, COURTS, formatCaseNumber, weightedPick, type Court, type Random } from '../../domain/identifiers';
import type { CaseDocument, CaseNode, CaseNodeEntry, CaseStatus, OfficerDocument, PartyDocument } from '../../subgraphs/court/model';
import { personName } from '../names';
import { createParty, pickBasicCourt, type PoolParty } from '../pool';
import { addDays, DAY_MS, logNormal } from '../world';

const OPEN_NODES: readonly CaseNode[] = [
  'FILED',
  'NOTICE_SERVED',
  'INVESTIGATION_AND_CONTROL',
  'CREDIT_SANCTIONS',
  'VALUATION',
  'AUCTION',
  'SALE_CONFIRMED',
  'TITLE_TRANSFER',
  'PROCEEDS_PAID',
];
const CASES_PER_OFFICER = 50;

export interface CourtData {
  parties: PoolParty[];
  cases: CaseDocument[];
  officers: OfficerDocument[];
}

/** Intake spread over the last four years, growing towards the present. */
function filingDate(random: Random, asOf: Date): Date {
  const daysBack = Math.floor(Math.sqrt(random.next()) * 4 * 365);
  const day = addDays(asOf, -(4 * 365 - daysBack) - 1);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
}

function caseCourt(random: Random): Court {
  const roll = random.next();
  if (roll < 0.005) return COURTS.find((court) => court.level === 'MARITIME') as Court;
  if (roll < 0.05) return random.pick(COURTS.filter((court) => court.level === 'INTERMEDIATE'));
  return pickBasicCourt(random);
}

/** Status and node follow the case's age: six months to enforce where property exists, then closure. */
function outcome(random: Random, ageDays: number): { status: CaseStatus; node: CaseNode } {
  if (ageDays < 180) {
    const index = Math.min(OPEN_NODES.length - 1, Math.floor((ageDays / 180) * 6 + random.next() * 2));
    return { status: 'OPEN', node: OPEN_NODES[index] };
  }
  const status = weightedPick<CaseStatus>(random, [
    ['FULLY_ENFORCED', 45],
    ['CLOSED_FOR_NOW', 40],
    ['OPEN', 10],
    ['TERMINATED', 3],
    ['WITHDRAWN', 2],
  ]);
  return { status, node: status === 'OPEN' ? random.pick(OPEN_NODES.slice(4)) : 'CLOSED' };
}

function timeline(random: Random, filedAt: Date, node: CaseNode, asOf: Date): CaseNodeEntry[] {
  const path =
    node === 'CLOSED'
      ? [...OPEN_NODES.slice(0, random.int(3, OPEN_NODES.length)), 'CLOSED' as const]
      : OPEN_NODES.slice(0, OPEN_NODES.indexOf(node) + 1);
  const span = Math.max(1, asOf.getTime() - filedAt.getTime());
  return path.map((entry, index) => ({
    node: entry,
    enteredAt: new Date(filedAt.getTime() + Math.floor((span * index) / path.length) + (index === 0 ? 0 : random.int(0, DAY_MS - 1))),
  }));
}

export function generateCourt(random: Random, caseCount: number, asOf: Date): CourtData {
  const taken = new Set<string>();
  const parties: PoolParty[] = [];
  const debtors: PoolParty[] = [];
  const creditors: PoolParty[] = [];
  const officers = new Map<string, OfficerDocument[]>();
  const sequences = new Map<string, number>();
  const newParty = (kind?: PoolParty['kind']) => {
    const party = createParty(random, taken, kind);
    parties.push(party);
    return party;
  };
  // 30% of debtors appear in several cases, the busiest far more often than the rest (Zipf-like).
  const reuse = (list: PoolParty[]) => list[Math.floor(random.next() ** 3 * list.length)];

  const cases: CaseDocument[] = [];
  for (let i = 0; i < caseCount; i++) {
    const court = caseCourt(random);
    const filedAt = filingDate(random, asOf);
    const type = weightedPick(random, CASE_TYPE_WEIGHTS);
    const year = filedAt.getUTCFullYear();
    const counterKey = `${court.code}|${type}|${year}`;
    const sequence = (sequences.get(counterKey) ?? 0) + 1;
    sequences.set(counterKey, sequence);

    const staff = officers.get(court.code) ?? [];
    if (staff.length === 0 || sequence > staff.length * CASES_PER_OFFICER) {
      staff.push({
        _id: `${court.divisionCode}-${String(staff.length + 1).padStart(4, '0')}`,
        name: personName(random),
        courtCode: court.code,
      });
      officers.set(court.code, staff);
    }

    const respondentIds = new Set<string>();
    for (let d = random.chance(0.2) ? 2 : 1; d > 0; d--) {
      const debtor = debtors.length > 10 && random.chance(0.3) ? reuse(debtors) : newParty();
      if (!debtors.includes(debtor)) debtors.push(debtor);
      respondentIds.add(debtor.id);
    }
    const creditor =
      creditors.length > 20 && random.chance(0.4) ? reuse(creditors) : newParty(random.chance(0.5) ? 'ORGANISATION' : 'PERSON');
    if (!creditors.includes(creditor)) creditors.push(creditor);
    if (respondentIds.has(creditor.id)) respondentIds.delete(creditor.id);
    if (respondentIds.size === 0) respondentIds.add(newParty().id);

    const { status, node } = outcome(random, (asOf.getTime() - filedAt.getTime()) / DAY_MS);
    const amountYuan = logNormal(random, 50_000, 500_000);
    cases.push({
      _id: formatCaseNumber({ year, courtCode: court.code, type, sequence }),
      year,
      courtCode: court.code,
      type: CASE_TYPES[type],
      sequence,
      officerId: random.pick(staff)._id,
      applicantIds: [creditor.id],
      respondentIds: [...respondentIds],
      amountOwed: Math.max(100_00, Math.round(amountYuan) * 100),
      filedAt,
      status,
      currentNode: node,
      timeline: timeline(random, filedAt, node, asOf),
    });
  }
  return { parties, cases, officers: [...officers.values()].flat() };
}

export function partyDocuments(parties: readonly PoolParty[]): PartyDocument[] {
  return parties.map((party) => ({ _id: party.id, kind: party.kind, name: party.name }));
}
