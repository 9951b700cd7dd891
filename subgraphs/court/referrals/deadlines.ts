import { readPositiveInt } from '../../../platform/config';
import type { RefusalReferralDocument } from './model';

const DAY_MS = 86_400_000;

/**
 * Time limits of a referral, in elapsed days (holidays are not modelled).
 * The receipt period and the escalation threshold are local practice, so they come from the environment;
 * the others are rules (domain.md): decide within 7 days of receipt (30 if complex), and the creditor may
 * prosecute privately after 15 days without a decision.
 */
export interface ReferralLimits {
  receiptDays: number;
  decisionDays: number;
  complexDecisionDays: number;
  /** A deadline overdue by more than this many days is ESCALATED. */
  escalationDays: number;
  silenceDays: number;
}

export function referralLimits(env: Record<string, string | undefined> = process.env): ReferralLimits {
  return {
    receiptDays: readPositiveInt(env.REFERRAL_RECEIPT_DAYS, 3, 'REFERRAL_RECEIPT_DAYS'),
    decisionDays: 7,
    complexDecisionDays: 30,
    escalationDays: readPositiveInt(env.REFERRAL_ESCALATION_DAYS, 7, 'REFERRAL_ESCALATION_DAYS'),
    silenceDays: 15,
  };
}

export const REFERRAL_LIMITS = referralLimits();

export type DeadlineKind = 'RECEIPT' | 'DECISION';
export type DeadlineStatus = 'DUE' | 'OVERDUE' | 'ESCALATED' | 'MET';

export interface Deadline {
  kind: DeadlineKind;
  dueAt: Date;
  status: DeadlineStatus;
  metAt: Date | null;
}

const addDays = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

function deadline(kind: DeadlineKind, dueAt: Date, metAt: Date | null, now: Date, limits: ReferralLimits): Deadline {
  let status: DeadlineStatus = 'MET';
  // A late answer still meets its deadline; metAt after dueAt shows it was late.
  if (!metAt) status = now <= dueAt ? 'DUE' : now > addDays(dueAt, limits.escalationDays) ? 'ESCALATED' : 'OVERDUE';
  return { kind, dueAt, status, metAt };
}

export function decisionDueAt(referral: RefusalReferralDocument, limits: ReferralLimits = REFERRAL_LIMITS): Date | null {
  if (!referral.receiptAt) return null;
  return addDays(referral.receiptAt, referral.complex ? limits.complexDecisionDays : limits.decisionDays);
}

/**
 * The receipt deadline runs from the referral; the decision deadline exists once the police have given a
 * receipt. A deadline the police never met stays overdue after the procuratorate steps in: supervision
 * does not make the police's silence timely.
 */
export function deadlinesOf(referral: RefusalReferralDocument, now: Date, limits: ReferralLimits = REFERRAL_LIMITS): Deadline[] {
  const deadlines = [deadline('RECEIPT', addDays(referral.referredAt, limits.receiptDays), referral.receiptAt, now, limits)];
  const decisionDue = decisionDueAt(referral, limits);
  if (decisionDue) deadlines.push(deadline('DECISION', decisionDue, referral.decidedAt, now, limits));
  return deadlines;
}

export function overdueCount(referrals: readonly RefusalReferralDocument[], now: Date, limits: ReferralLimits = REFERRAL_LIMITS): number {
  return referrals.flatMap((r) => deadlinesOf(r, now, limits)).filter((d) => d.status === 'OVERDUE' || d.status === 'ESCALATED').length;
}

/**
 * 自诉: the creditor may prosecute privately once the police have refused to file (supervised or not),
 * or when more than 15 days have passed since the referral without the police deciding.
 */
export function privateProsecutionAvailable(
  referral: RefusalReferralDocument,
  now: Date,
  limits: ReferralLimits = REFERRAL_LIMITS,
): boolean {
  if (referral.decision === 'FILED') return false;
  if (referral.decision === 'REFUSED') return true;
  return now.getTime() > addDays(referral.referredAt, limits.silenceDays).getTime();
}
