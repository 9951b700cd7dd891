import type { Collection } from 'mongodb';
import { badUserInput, domainError, ErrorCode, notFound } from '../../platform/errors';
import type { CaseBasis } from '../kit/auth/legalBasis';
import type { TransferNotice } from '../kit/auth/transferNotice';
import { isDuplicateKey } from '../kit/mongo';
import type { ControlDocument } from '../kit/register/model';
import { IN_QUEUE, ranked } from '../kit/register/queue';
import { disposeAsset } from '../kit/register/transitions';
import { isSettled, readTaxClearanceCertificate, type TaxClearanceStatement } from '../kit/taxClearance';
import { entryOf, type TitleTransferDocument, type TransferPerformed, type UnitDocument } from './model';

/**
 * 协助执行转移登记 in two steps, as on paper: the court that holds the active seal serves its transfer
 * notice (after its ruling confirming the sale, subgraphs/court/sales.ts), and the registry's staff
 * perform the transfer once the taxes are settled. Each step checks everything before it writes.
 */
export interface Registers {
  units: Collection<UnitDocument>;
  controls: Collection<ControlDocument>;
  titleTransfers: Collection<TitleTransferDocument>;
}

/** The court's request, checked: its notice for the case, its transfer notice and its court-scoped key. */
export interface TitleTransferRequest {
  basis: CaseBasis;
  notice: TransferNotice;
  idempotencyKey: string;
}

const CERTIFICATE = 'taxClearanceCertificate';

/** The registry checks the tax bureau's signature itself: no call to the bureau, which may be offline. */
function settledClearance(transfer: TitleTransferDocument, certificate: string): TaxClearanceStatement & { settledOn: string } {
  const clearance = readTaxClearanceCertificate(certificate);
  if ('problem' in clearance) throw badUserInput(CERTIFICATE, clearance.problem);
  if (clearance.unitId !== transfer.unitId) throw badUserInput(CERTIFICATE, `is for unit ${clearance.unitId}, not ${transfer.unitId}`);
  if (clearance.caseNumber !== transfer.caseNumber)
    throw badUserInput(CERTIFICATE, `is for case ${clearance.caseNumber}, not ${transfer.caseNumber}`);
  if (!isSettled(clearance) || clearance.settledOn === null) {
    const { taxDue, taxPaid } = clearance;
    throw domainError(ErrorCode.TAX_NOT_CLEARED, `${CERTIFICATE}: the transfer taxes are not settled (${taxPaid} of ${taxDue} fen paid)`, {
      field: CERTIFICATE,
      taxDue,
      taxPaid,
    });
  }
  return { ...clearance, settledOn: clearance.settledOn };
}

/** Only the first seizure (首封) holds the power to dispose of the unit: its case must hold the active seal. */
async function activeSealOf(
  registers: Registers,
  unitId: string,
  caseNumber: string,
  field: string,
): Promise<{ seal: ControlDocument; ended: string[] }> {
  const order = ranked(await registers.controls.find({ assetId: unitId, state: IN_QUEUE }).toArray());
  const active = order.find((entry) => entry.status === 'ACTIVE');
  if (active?.control.caseNumber === caseNumber) return { seal: active.control, ended: order.map((entry) => entry.control._id) };
  const own = order.find((entry) => entry.control.caseNumber === caseNumber);
  const where = own ? `its seal is ${own.status}${own.status === 'WAITING' ? ` (rank ${own.rank})` : ''}` : 'it has no seal in force';
  throw domainError(
    ErrorCode.INVALID_TRANSITION,
    `case ${caseNumber} cannot transfer the title of ${unitId}: ${where}; only the case holding the active seal may dispose of the unit`,
    { field, state: own?.status ?? null },
  );
}

function sameRequest(found: TitleTransferDocument, notice: TransferNotice): TitleTransferDocument {
  if (found.unitId !== notice.unitId || found.caseNumber !== notice.caseNumber) {
    throw badUserInput('input.idempotencyKey', `was already used for the transfer of ${found.unitId} in case ${found.caseNumber}`);
  }
  return found;
}

/**
 * The court's step: the transfer notice must be its own court's for the case of its notice, the unit a
 * respondent's (else OWNER_MISMATCH, as for a unit that does not exist), and the case must hold the
 * active seal. The buyer and the ruling come from the signed notice. One request per seal (a unique id);
 * a retry with the same key returns the original.
 */
export async function requestTitleTransfer(registers: Registers, request: TitleTransferRequest, now: Date): Promise<TitleTransferDocument> {
  const { basis, notice, idempotencyKey } = request;
  if (notice.caseNumber !== basis.caseNumber || notice.courtCode !== basis.courtCode) {
    throw badUserInput('input.transferNotice', `is the court's notice for ${notice.caseNumber}, not for ${basis.caseNumber}`);
  }
  const retried = await registers.titleTransfers.findOne({ idempotencyKey });
  if (retried) return sameRequest(retried, notice);
  const earlier = await registers.titleTransfers.findOne({ unitId: notice.unitId, caseNumber: notice.caseNumber });
  if (earlier) throw alreadyRequested(earlier);
  const unit = await registers.units.findOne({ _id: notice.unitId });
  if (!unit || unit.category !== 'REAL_ESTATE' || !unit.ownerIds.some((owner) => basis.respondentIds.includes(owner))) {
    throw domainError(ErrorCode.OWNER_MISMATCH, `${notice.unitId} is not a real-estate unit of a respondent of ${basis.caseNumber}`, {
      field: 'input.transferNotice',
    });
  }
  const { seal } = await activeSealOf(registers, unit._id, notice.caseNumber, 'input.transferNotice');
  const transfer: TitleTransferDocument = {
    _id: `TT-${seal._id}`,
    sealId: seal._id,
    unitId: unit._id,
    idempotencyKey,
    courtCode: notice.courtCode,
    caseNumber: notice.caseNumber,
    rulingNumber: notice.rulingNumber,
    buyerId: notice.buyerId,
    price: notice.price,
    requestedAt: now,
    state: 'REQUESTED',
    performed: null,
    completedAt: null,
  };
  try {
    await registers.titleTransfers.insertOne(transfer);
    return transfer;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await registers.titleTransfers.findOne({ $or: [{ idempotencyKey }, { _id: transfer._id }] });
    if (!winner) throw error;
    if (winner.idempotencyKey === idempotencyKey) return sameRequest(winner, notice);
    throw alreadyRequested(winner);
  }
}

function alreadyRequested(earlier: TitleTransferDocument): Error {
  return domainError(
    ErrorCode.INVALID_TRANSITION,
    `the transfer of ${earlier.unitId} in ${earlier.caseNumber} was already requested under ruling ${earlier.rulingNumber} (${earlier._id})`,
    {
      field: 'input.transferNotice',
      state: earlier.state,
    },
  );
}

/** Writes the unit's new owner and history and ends its measures; each step is safe to repeat. */
async function complete(registers: Registers, transfer: TitleTransferDocument, now: Date): Promise<TitleTransferDocument> {
  const performed = transfer.performed;
  if (transfer.completedAt || !performed) return transfer;
  await registers.units.updateOne(
    { _id: transfer.unitId },
    {
      $set: {
        owners: [{ partyId: transfer.buyerId, shareBasisPoints: 10_000 }],
        ownerIds: [transfer.buyerId],
        registerUpdatedAt: performed.transferredAt,
      },
      // The entry is built from the stored transfer, so a retry racing the original adds the very same one, which the set keeps once.
      $addToSet: { titleTransfers: entryOf(transfer, performed) },
    },
  );
  await disposeAsset(registers.controls, transfer.unitId, performed.transferredAt, {
    soldBy: transfer.sealId,
    ended: performed.endedControlIds,
  });
  await registers.titleTransfers.updateOne({ _id: transfer._id }, { $set: { completedAt: now } });
  return { ...transfer, completedAt: now };
}

/**
 * The registry's step: with the tax bureau's clearance for this unit and case, settled, and the case still
 * holding the active seal, the title goes to the buyer; the seal ends DISPOSED and the waiting ones lapse.
 * One conditional update decides between clerks pressing at once; performing it again returns it
 * (finishing it first if it stopped half way).
 */
export async function performTitleTransfer(
  registers: Registers,
  id: string,
  certificate: string,
  now: Date,
): Promise<TitleTransferDocument> {
  const transfer = await registers.titleTransfers.findOne({ _id: id });
  if (!transfer) throw notFound('title transfer', id);
  if (transfer.state === 'TRANSFERRED') return complete(registers, transfer, now);
  const clearance = settledClearance(transfer, certificate);
  const unit = await registers.units.findOne({ _id: transfer.unitId });
  if (!unit) throw notFound('real-estate unit', transfer.unitId);
  let ended: string[];
  try {
    ({ ended } = await activeSealOf(registers, unit._id, transfer.caseNumber, 'id'));
  } catch (error) {
    // A press at the same moment performed it and ended the seal: that transfer is this press's answer too.
    const meanwhile = await registers.titleTransfers.findOne({ _id: id });
    if (meanwhile?.state === 'TRANSFERRED') return complete(registers, meanwhile, now);
    throw error;
  }
  const performed: TransferPerformed = {
    previousOwners: unit.owners,
    transferredAt: now,
    taxSettledOn: clearance.settledOn,
    taxPaid: clearance.taxPaid,
    endedControlIds: ended,
  };
  await registers.titleTransfers.updateOne({ _id: id, state: 'REQUESTED' }, { $set: { state: 'TRANSFERRED', performed } });
  const decided = await registers.titleTransfers.findOne({ _id: id });
  if (!decided) throw notFound('title transfer', id);
  return complete(registers, decided, now);
}
