import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { InvestigationConfig } from '../config';
import { badUserInput, domainError, ErrorCode, notFound } from '../../../platform/errors';
import { isDuplicateKey } from '../mongo';
import { workingDaysAfter } from '../../../domain/workingDays';
import type { AssetDocument, InvestigationDocument } from './model';

/**
 * 网络查控 investigation: the court asks a register what a party holds; agency staff answer within a
 * number of working days. The deadline runs DUE → OVERDUE → ESCALATED until the answer MET it.
 */
export type DeadlineStatus = 'DUE' | 'OVERDUE' | 'ESCALATED' | 'MET';

export interface InvestigationRequest {
  caseNumber: string;
  courtCode: string;
  partyId: string;
  idempotencyKey: string;
  officer: { name: string; phone: string };
}

export function investigationIdOf(prefix: string, idempotencyKey: string): string {
  return `${prefix}-Q-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`;
}

/** A retry returns the original; the same key sent for another case or party is a client's mistake, not a retry. */
function original(found: InvestigationDocument, request: InvestigationRequest): InvestigationDocument {
  if (found.caseNumber !== request.caseNumber || found.partyId !== request.partyId) {
    throw badUserInput('input.idempotencyKey', `was already used for another investigation (${found._id})`);
  }
  return found;
}

/** Recorded by one insert whose _id follows from the key, so racing retries record it once and keep its first time. */
export async function requestInvestigation(
  investigations: Collection<InvestigationDocument>,
  prefix: string,
  request: InvestigationRequest,
  now: Date,
  config: InvestigationConfig,
): Promise<InvestigationDocument> {
  const id = investigationIdOf(prefix, request.idempotencyKey);
  const found = await investigations.findOne({ _id: id });
  if (found) return original(found, request);
  const dueAt = workingDaysAfter(now, config.feedbackWorkingDays, config.calendar);
  const investigation: InvestigationDocument = {
    _id: id,
    ...request,
    state: 'REQUESTED',
    requestedAt: now,
    dueAt,
    escalatesAt: workingDaysAfter(dueAt, config.escalationWorkingDays, config.calendar),
    answeredAt: null,
    feedback: null,
    assetIds: null,
  };
  try {
    await investigations.insertOne(investigation);
    return investigation;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return original((await investigations.findOne({ _id: id })) as InvestigationDocument, request);
  }
}

/** The answer records what the register holds for the party at that moment, as the agency's reply states it. */
export async function answerInvestigation(
  investigations: Collection<InvestigationDocument>,
  assets: Collection<AssetDocument>,
  id: string,
  feedback: string,
  now: Date,
): Promise<InvestigationDocument> {
  const investigation = await investigations.findOne({ _id: id });
  if (!investigation) throw notFound('investigation', id);
  const refuse = (state: string) =>
    domainError(ErrorCode.INVALID_TRANSITION, `cannot answer investigation ${id}: it is ${state}`, { state });
  if (investigation.state !== 'REQUESTED') throw refuse(investigation.state);
  const held = await assets
    .find({ ownerIds: investigation.partyId }, { projection: { _id: 1 } })
    .sort({ _id: 1 })
    .toArray();
  const answer = { state: 'ANSWERED' as const, answeredAt: now, feedback, assetIds: held.map((asset) => asset._id) };
  // The state in the filter refuses an answer to an answered request. Two answers racing on FerretDB v1,
  // whose updates are not atomic, may both land, the later winning: harmless, both state the same register.
  const result = await investigations.updateOne({ _id: id, state: 'REQUESTED' }, { $set: answer });
  if (result.modifiedCount === 0) throw refuse('ANSWERED');
  return { ...investigation, ...answer };
}

/** Where the deadline stands at `now`. An answer meets the request whenever it came; answeredAt shows if it was late. */
export function deadlineStatus(investigation: InvestigationDocument, now: Date): DeadlineStatus {
  if (investigation.state === 'ANSWERED') return 'MET';
  if (now <= investigation.dueAt) return 'DUE';
  return now <= investigation.escalatesAt ? 'OVERDUE' : 'ESCALATED';
}
