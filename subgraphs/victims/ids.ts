import { createHash } from 'node:crypto';

/**
 * Identifiers of the victims subgraph, all derived from what they identify, so a retry computes the
 * same id and its insert meets the earlier one as a duplicate.
 */

/**
 * A participant is a person in one mass case. The id is a hash, not the citizen ID, because it travels
 * in URLs, SMS and the caller header; and a ledger entry of someone not yet registered has it already.
 */
export function participantIdOf(caseNumber: string, citizenId: string): string {
  return `P${createHash('sha256').update(`${caseNumber}|${citizenId}`).digest('hex').slice(0, 16)}`;
}

export const PARTICIPANT_ID = /^P[0-9a-f]{16}$/;

export function verificationIdOf(caseNumber: string, number: number): string {
  return `${caseNumber}#V${number}`;
}

export function roundIdOf(caseNumber: string, number: number): string {
  return `${caseNumber}#R${number}`;
}

export function batchIdOf(roundId: string, number: number): string {
  return `${roundId}#B${number}`;
}

/** The case a round id begins with, or null when it is not one. */
export function caseOfRoundId(roundId: string): string | null {
  return /^(.+)#R\d+$/.exec(roundId)?.[1] ?? null;
}

/** The case a verification id begins with, or null when it is not one. */
export function caseOfVerificationId(verificationId: string): string | null {
  return /^(.+)#V\d+$/.exec(verificationId)?.[1] ?? null;
}

export function roundOfBatchId(batchId: string): string | null {
  const at = batchId.lastIndexOf('#B');
  return at > 0 && /^\d+$/.test(batchId.slice(at + 2)) ? batchId.slice(0, at) : null;
}

/** Payments and allocations are per round and participant; claims and objections per verification and participant. */
export function pairId(parent: string, participantId: string): string {
  return `${parent}|${participantId}`;
}

export function splitPairId(id: string): { parent: string; participantId: string } | null {
  const at = id.lastIndexOf('|');
  if (at <= 0) return null;
  const participantId = id.slice(at + 1);
  return PARTICIPANT_ID.test(participantId) ? { parent: id.slice(0, at), participantId } : null;
}

/** What the payment channel is asked to pay: one order per attempt, so a resend is a new order and a re-run is not. */
export function orderIdOf(paymentId: string, attempt: number): string {
  return `${paymentId}:${attempt}`;
}
