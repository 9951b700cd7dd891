import { domainError, ErrorCode } from '../../platform/errors';
import { isDuplicateKey } from '../kit/mongo';
import { pairId } from './ids';
import type { ObjectionDocument, ParticipantDocument, RulingDocument } from './model';
import { chineseDate } from '../../domain/chinaTime';
import type { VictimsRepository } from './repository';

/**
 * Objections to a verified claim (异议), recorded within the deadline of the latest verification. One per
 * participant and verification: a second is recognised as the first. Its ruling is an insert keyed by the
 * objection, so two officers ruling at once cannot both succeed.
 */
export async function recordObjection(
  repo: VictimsRepository,
  participant: ParticipantDocument,
  reason: string,
  claimedAmount: number | undefined,
  now: Date,
): Promise<ObjectionDocument> {
  const verification = await repo.latestVerification(participant.caseNumber);
  if (!verification?.objectionDeadline)
    throw domainError(ErrorCode.INVALID_TRANSITION, `${participant.caseNumber} has not been verified yet: nothing to object to`);
  if (now > verification.objectionDeadline) {
    throw domainError(ErrorCode.INVALID_TRANSITION, `the objection period ended on ${chineseDate(verification.objectionDeadline)}`, {
      deadline: verification.objectionDeadline.toISOString(),
    });
  }
  const id = pairId(verification._id, participant._id);
  const claim = await repo.claims.findOne({ _id: id });
  const objection: ObjectionDocument = {
    _id: id,
    verificationId: verification._id,
    caseNumber: participant.caseNumber,
    participantId: participant._id,
    reason,
    ...(claimedAmount !== undefined && { claimedAmount }),
    verifiedClaim: claim?.claim ?? 0,
    claimStatus: claim?.status ?? 'NOT_IN_LEDGER',
    recordedAt: now,
    deadline: verification.objectionDeadline,
  };
  try {
    await repo.objections.insertOne(objection);
    return objection;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return (await repo.objections.findOne({ _id: id })) ?? objection;
  }
}

export async function resolveObjection(
  repo: VictimsRepository,
  objection: ObjectionDocument,
  allowedClaim: number,
  note: string | undefined,
  now: Date,
): Promise<RulingDocument> {
  const ruling: RulingDocument = {
    _id: objection._id,
    caseNumber: objection.caseNumber,
    verificationId: objection.verificationId,
    participantId: objection.participantId,
    allowedClaim,
    ...(note && { note }),
    ruledAt: now,
  };
  try {
    await repo.rulings.insertOne(ruling);
  } catch (error) {
    if (isDuplicateKey(error)) throw domainError(ErrorCode.INVALID_TRANSITION, `objection ${objection._id} is already resolved`);
    throw error;
  }
  return ruling;
}

/** The objections of a case with their rulings, keyed by participant, for the latest verification only. */
export async function objectionsOf(repo: VictimsRepository, caseNumber: string, verificationId: string) {
  const [objections, rulings] = await Promise.all([
    repo.objections.find({ caseNumber }).toArray(),
    repo.rulings.find({ caseNumber }).toArray(),
  ]);
  const rulingById = new Map(rulings.map((r) => [r._id, r]));
  const byParticipant = new Map<string, { objection: ObjectionDocument; ruling: RulingDocument | null }>();
  for (const objection of objections) {
    if (objection.verificationId === verificationId)
      byParticipant.set(objection.participantId, { objection, ruling: rulingById.get(objection._id) ?? null });
  }
  return byParticipant;
}
