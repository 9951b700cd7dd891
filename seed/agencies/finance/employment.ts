import { randomDigits } from '../../../domain/identifiers';
import type { ProvidentFundDocument, ReceivableDocument, ReceivableKind, SocialInsuranceDocument } from '../../../subgraphs/finance/model';
import type { PoolParty } from '../../pool';
import { addDays, logNormal } from '../../world';
import { recently, uniqueId, yuan, type Draw } from './draw';

// Zhejiang's 2024 contribution base limits, ¥ per month (practice figures; they change each year).
const BASE_FLOOR = 4_462;
const BASE_CEILING = 24_930;

function monthBefore(asOf: Date, months: number): string {
  const month = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - months, 1));
  return month.toISOString().slice(0, 7);
}

/** A person's enrolment under an employer from the pool; most are paid up to last month, some stopped paying. */
export function socialInsurance(draw: Draw, owner: PoolParty): SocialInsuranceDocument {
  const { random, asOf } = draw;
  const employer = random.pick(draw.organisations);
  const baseYuan = Math.min(BASE_CEILING, Math.max(BASE_FLOOR, Math.round(logNormal(random, 7_000, 15_000))));
  const monthsSince = random.chance(0.85) ? 1 : random.int(2, 24);
  draw.taken.add(owner.id);
  return {
    _id: owner.id, // the social security number is the citizen ID
    category: 'SOCIAL_INSURANCE',
    ownerIds: [owner.id],
    employerName: employer.name,
    employerId: employer.id,
    contributionBase: baseYuan * 100,
    lastPaidMonth: monthBefore(asOf, monthsSince),
    estimatedValue: null,
    securedClaims: 0,
    // The last contribution was booked during the month it paid for.
    registerUpdatedAt: addDays(new Date(`${monthBefore(asOf, monthsSince - 1)}-01T00:00:00.000Z`), -random.int(1, 20)),
  };
}

/** Still paid up to last month: the job goes on, so wages keep falling due. */
export function stillEmployed(record: SocialInsuranceDocument, asOf: Date): boolean {
  return record.lastPaidMonth === monthBefore(asOf, 1);
}

export function providentFund(draw: Draw, owner: PoolParty, contributionBase?: number): ProvidentFundDocument {
  const { random } = draw;
  // Employer and employee pay 12% of the wage each (practice; 5-12% is allowed).
  const base = contributionBase ?? Math.round(logNormal(random, 7_000, 15_000)) * 100;
  return {
    _id: uniqueId(draw, () => `${owner.home.divisionCode.slice(0, 4)}${randomDigits(random, 8)}`),
    category: 'PROVIDENT_FUND',
    ownerIds: [owner.id],
    fundCentre: `${owner.home.cityNameZh}住房公积金管理中心`,
    monthlyContribution: Math.round(base * 0.24),
    withdrawalConditionMet: random.chance(0.2),
    estimatedValue: yuan(random, 30_000, 150_000),
    securedClaims: 0,
    registerUpdatedAt: recently(draw),
  };
}

function receivable(
  draw: Draw,
  owner: PoolParty,
  kind: ReceivableKind,
  thirdParty: { id: string; name: string },
  amount: number,
  dueOn: Date,
): ReceivableDocument | null {
  const id = `${kind}:${thirdParty.id}:${owner.id}`;
  if (thirdParty.id === owner.id || draw.taken.has(id)) return null;
  draw.taken.add(id);
  return {
    _id: id,
    category: 'RECEIVABLE',
    ownerIds: [owner.id],
    kind,
    thirdPartyName: thirdParty.name,
    thirdPartyId: thirdParty.id,
    estimatedValue: amount,
    securedClaims: 0,
    dueOn,
    registerUpdatedAt: recently(draw),
  };
}

/** Wages the employer named by the social-insurance record owes: one to three months not yet paid out. */
export function wages(draw: Draw, owner: PoolParty, record: SocialInsuranceDocument): ReceivableDocument | null {
  const { random, asOf } = draw;
  const payday = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() + (asOf.getUTCDate() > 15 ? 1 : 0), 15));
  const employer = { id: record.employerId, name: record.employerName };
  return receivable(draw, owner, 'WAGES', employer, record.contributionBase * random.int(1, 3), payday);
}

/** A trade debt (organisations) or a loan (persons) owed by another party of the pool. */
export function debtOwed(draw: Draw, owner: PoolParty): ReceivableDocument | null {
  const { random, asOf } = draw;
  const trade = owner.kind === 'ORGANISATION';
  const debtor = random.pick(trade ? draw.organisations : draw.parties);
  const amount = trade ? yuan(random, 200_000, 2_000_000) : yuan(random, 50_000, 300_000);
  return receivable(draw, owner, trade ? 'TRADE_DEBT' : 'LOAN', debtor, amount, addDays(asOf, random.int(-180, 180)));
}
