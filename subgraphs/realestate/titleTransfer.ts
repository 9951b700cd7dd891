import type { Collection } from 'mongodb';
import { badUserInput, domainError, ErrorCode, notFound } from '../../platform/errors';
import { isDuplicateKey } from '../kit/mongo';
import type { ControlDocument } from '../kit/register/model';
import { IN_QUEUE, ranked } from '../kit/register/queue';
import { disposeAsset } from '../kit/register/transitions';
import { isSettled, readTaxClearanceCertificate, type TaxClearanceStatement } from '../kit/taxClearance';
import { entryOf, type TitleTransferDocument, type UnitDocument } from './model';

/** The court's order to transfer an auctioned unit, checked and in canonical form (see resolvers.ts). */
export interface TitleTransferRequest {
  unitId: string;
  caseNumber: string;
  buyerId: string;
  rulingNumber: string;
  taxClearanceCertificate: string;
  idempotencyKey: string;
}

interface Registers {
  units: Collection<UnitDocument>;
  controls: Collection<ControlDocument>;
  titleTransfers: Collection<TitleTransferDocument>;
}

const CERTIFICATE = 'input.taxClearanceCertificate';

/** The registry checks the tax bureau's signature itself: no call to the bureau, which may be offline. */
function settledClearance(request: TitleTransferRequest): TaxClearanceStatement & { settledOn: string } {
  const clearance = readTaxClearanceCertificate(request.taxClearanceCertificate);
  if ('problem' in clearance) throw badUserInput(CERTIFICATE, clearance.problem);
  if (clearance.unitId !== request.unitId) throw badUserInput(CERTIFICATE, `is for unit ${clearance.unitId}, not ${request.unitId}`);
  if (clearance.caseNumber !== request.caseNumber) throw badUserInput(CERTIFICATE, `is for case ${clearance.caseNumber}, not ${request.caseNumber}`);
  if (!isSettled(clearance) || clearance.settledOn === null) {
    const { taxDue, taxPaid } = clearance;
    throw domainError(ErrorCode.TAX_NOT_CLEARED, `${CERTIFICATE}: the transfer taxes are not settled (${taxPaid} of ${taxDue} fen paid)`, { field: CERTIFICATE, taxDue, taxPaid });
  }
  return { ...clearance, settledOn: clearance.settledOn };
}

/** Only the first seizure (首封) holds the power to dispose of the unit: its case must hold the active seal. */
function activeSealOf(queue: ControlDocument[], request: TitleTransferRequest): { seal: ControlDocument; ended: string[] } {
  const order = ranked(queue);
  const active = order.find((entry) => entry.status === 'ACTIVE');
  if (active?.control.caseNumber === request.caseNumber) return { seal: active.control, ended: order.map((entry) => entry.control._id) };
  const own = order.find((entry) => entry.control.caseNumber === request.caseNumber);
  const where = own ? `its seal is ${own.status}${own.status === 'WAITING' ? ` (rank ${own.rank})` : ''}` : 'it has no seal in force';
  throw domainError(
    ErrorCode.INVALID_TRANSITION,
    `case ${request.caseNumber} cannot transfer the title of ${request.unitId}: ${where}; only the case holding the active seal may dispose of the unit`,
    { field: 'input.caseNumber', state: own?.status ?? null },
  );
}

/** Writes the unit's new owner and history and ends its measures; each step is safe to repeat. */
async function complete(registers: Registers, transfer: TitleTransferDocument, now: Date): Promise<TitleTransferDocument> {
  if (transfer.completedAt) return transfer;
  await registers.units.updateOne({ _id: transfer.unitId }, {
    $set: { owners: [{ partyId: transfer.buyerId, shareBasisPoints: 10_000 }], ownerIds: [transfer.buyerId], registerUpdatedAt: transfer.transferredAt },
    // The entry is built from the stored transfer, so a retry racing the original adds the very same one, which the set keeps once.
    $addToSet: { titleTransfers: entryOf(transfer) },
  });
  await disposeAsset(registers.controls, transfer.unitId, transfer.transferredAt, { soldBy: transfer.sealId, ended: transfer.endedControlIds });
  await registers.titleTransfers.updateOne({ _id: transfer._id }, { $set: { completedAt: now } });
  return { ...transfer, completedAt: now };
}

function sameTransfer(found: TitleTransferDocument, request: TitleTransferRequest): TitleTransferDocument {
  if (found.unitId !== request.unitId || found.caseNumber !== request.caseNumber) {
    throw badUserInput('input.idempotencyKey', `was already used for the transfer of ${found.unitId} in case ${found.caseNumber}`);
  }
  return found;
}

/**
 * 协助执行转移登记: after the sale is confirmed and the taxes settled, the registry moves the title to the
 * buyer, the case's seal ends DISPOSED and the waiting ones lapse. Everything is checked before anything
 * is written; the transfer is then decided by one unique insert per seal, and a retry with the same key
 * returns it (finishing it first if it stopped half way).
 */
export async function transferTitle(registers: Registers, request: TitleTransferRequest, now: Date): Promise<TitleTransferDocument> {
  const retried = await registers.titleTransfers.findOne({ idempotencyKey: request.idempotencyKey });
  if (retried) return complete(registers, sameTransfer(retried, request), now);
  const unit = await registers.units.findOne({ _id: request.unitId });
  if (!unit || unit.category !== 'REAL_ESTATE') throw notFound('real-estate unit', request.unitId);
  const clearance = settledClearance(request);
  const { seal, ended } = activeSealOf(await registers.controls.find({ assetId: unit._id, state: IN_QUEUE }).toArray(), request);
  const transfer: TitleTransferDocument = {
    _id: `TT-${seal._id}`,
    sealId: seal._id,
    unitId: unit._id,
    idempotencyKey: request.idempotencyKey,
    caseNumber: request.caseNumber,
    rulingNumber: request.rulingNumber,
    buyerId: request.buyerId,
    previousOwners: unit.owners,
    transferredAt: now,
    taxSettledOn: clearance.settledOn,
    taxPaid: clearance.taxPaid,
    endedControlIds: ended,
    completedAt: null,
  };
  try {
    await registers.titleTransfers.insertOne(transfer);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await registers.titleTransfers.findOne({ $or: [{ idempotencyKey: request.idempotencyKey }, { _id: transfer._id }] });
    if (winner?.idempotencyKey === request.idempotencyKey) return complete(registers, winner, now);
    throw domainError(ErrorCode.INVALID_TRANSITION, `${request.unitId} was already transferred under ruling ${winner?.rulingNumber ?? '(unknown)'}`, { field: 'input.unitId' });
  }
  return complete(registers, transfer, now);
}
