import { createHash } from 'node:crypto';
import { badUserInput, domainError, ErrorCode } from '../../../platform/errors';
import type { RegisterDescriptor } from './findings';
import { controllableValue } from './findings';
import type { AssetDocument, ControlDocument } from './model';
import type { ControlMeasure } from '../../../domain/assets';
import { IN_QUEUE, placedAt } from './queue';

/** A court's request to an agency to control one asset, as the assistance notice (协助执行通知书) carries it. */
export interface ControlRequest {
  caseNumber: string;
  courtCode: string;
  partyId: string;
  assetId: string;
  measure: ControlMeasure;
  documentNumber: string;
  /** The client's key for retrying this very request, scoped to its court; a retry returns the original. */
  idempotencyKey: string;
  officer: { name: string; phone: string };
  /** Amount to control, for measures on money (fen). */
  amount: number | null;
  /** The debt plus enforcement costs of the court's own case record, which no measure may exceed (domain.md). */
  debtPlusCosts: number;
}

const MONEY_MEASURES: readonly ControlMeasure[] = ['FREEZE', 'DEDUCT', 'WITHHOLD'];

/** The control's id follows from the domain's idempotency tuple, so the same request can never be recorded twice. */
export function controlIdOf(
  prefix: string,
  request: Pick<ControlRequest, 'caseNumber' | 'partyId' | 'assetId' | 'measure' | 'documentNumber'>,
): string {
  const tuple = [request.caseNumber, request.partyId, request.assetId, request.measure, request.documentNumber].join('|');
  return `${prefix}-${createHash('sha256').update(tuple).digest('hex').slice(0, 16)}`;
}

/** Checks that write nothing: the asset exists, belongs to the party, takes this measure, within the debt. */
export function refuseBadRequest(descriptor: RegisterDescriptor, asset: AssetDocument | null, request: ControlRequest): boolean {
  // An asset that does not exist and one of somebody else read alike: the refusal tells nothing of either.
  if (!asset || !asset.ownerIds.includes(request.partyId)) {
    throw domainError(ErrorCode.OWNER_MISMATCH, `${request.assetId} is not registered in this register as held by ${request.partyId}`, {
      field: 'input.assetId',
    });
  }
  const register = descriptor.categories[asset.category];
  if (!register?.measures.includes(request.measure)) {
    throw badUserInput(
      'measure',
      `${request.measure} is not a measure the ${asset.category} register takes (it takes ${register?.measures.join(', ')})`,
    );
  }
  const money = MONEY_MEASURES.includes(request.measure);
  if (money && (request.amount === null || request.amount <= 0))
    throw badUserInput('input.amount', `is required for ${request.measure} and must be positive`);
  if (money && (request.amount as number) > request.debtPlusCosts) throw badUserInput('input.amount', 'exceeds the debt plus costs');
  // An indivisible asset worth more than the debt may still be sealed whole; the register flags it.
  return !money && controllableValue(asset, request.partyId) > request.debtPlusCosts;
}

/** One request as the register received it: the receipt is stamped on arrival, before any wait. */
export interface Receipt {
  request: ControlRequest;
  receivedAt: Date;
  /** An online register executes at once, for what the asset holds: less than asked makes it PARTIAL. */
  executeAtOnce: boolean;
}

/** A new measure at the end of the asset's queue: place `seq`, rank and status from the queue it joins. */
export function newControl(
  descriptor: RegisterDescriptor,
  asset: AssetDocument,
  receipt: Receipt,
  place: { seq: number; rank: number; exceedsDebt: boolean },
): ControlDocument {
  const { request, receivedAt, executeAtOnce } = receipt;
  const available = Math.max(0, (asset.estimatedValue ?? 0) - asset.securedClaims);
  const executedAmount = executeAtOnce && request.amount !== null ? Math.min(request.amount, available) : null;
  const requestState = !executeAtOnce
    ? 'RECEIVED'
    : executedAmount !== null && request.amount !== null && executedAmount < request.amount
      ? 'PARTIAL'
      : 'EXECUTED';
  const control: ControlDocument = {
    _id: controlIdOf(descriptor.controlIdPrefix, request),
    assetId: request.assetId,
    category: asset.category,
    caseNumber: request.caseNumber,
    partyId: request.partyId,
    courtCode: request.courtCode,
    measure: request.measure,
    status: 'PENDING',
    rank: place.rank,
    seq: place.seq,
    state: IN_QUEUE,
    claim: request.caseNumber,
    requestState,
    executedAmount,
    documentNumber: request.documentNumber,
    idempotencyKey: request.idempotencyKey,
    amount: request.amount,
    exceedsDebt: place.exceedsDebt,
    officer: request.officer,
    requestedAt: receivedAt,
    acknowledgedAt: receivedAt,
    executedAt: executeAtOnce ? receivedAt : null,
    expiresAt: null,
  };
  return { ...control, ...placedAt(control, place.rank, receivedAt) };
}
