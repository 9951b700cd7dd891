import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import { isDuplicateKey } from '../mongo';
import { badUserInput, domainError, ErrorCode } from '../../../platform/errors';
import type { RegisterDescriptor } from './findings';
import { controllableValue } from './findings';
import type { AssetDocument, ControlDocument } from './model';
import type { ControlMeasure } from '../../../domain/assets';
import { KeyedSerialiser } from '../serialise';
import { IN_QUEUE, requeue } from './queue';

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

const MAX_ATTEMPTS = 100;
const MONEY_MEASURES: readonly ControlMeasure[] = ['FREEZE', 'DEDUCT', 'WITHHOLD'];
/** This process's requests for one asset's queue take their places in turn (see kit/serialise.ts). */
const placing = new KeyedSerialiser();

/** The control's id follows from the domain's idempotency tuple, so the same request can never be recorded twice. */
export function controlIdOf(prefix: string, request: Pick<ControlRequest, 'caseNumber' | 'partyId' | 'assetId' | 'measure' | 'documentNumber'>): string {
  const tuple = [request.caseNumber, request.partyId, request.assetId, request.measure, request.documentNumber].join('|');
  return `${prefix}-${createHash('sha256').update(tuple).digest('hex').slice(0, 16)}`;
}

/** Checks that write nothing: the asset exists, belongs to the party, takes this measure, within the debt. */
function refuseBadRequest(descriptor: RegisterDescriptor, asset: AssetDocument | null, request: ControlRequest): boolean {
  // An asset that does not exist and one of somebody else read alike: the refusal tells nothing of either.
  if (!asset || !asset.ownerIds.includes(request.partyId)) {
    throw domainError(ErrorCode.OWNER_MISMATCH, `${request.assetId} is not registered in this register as held by ${request.partyId}`, { field: 'input.assetId' });
  }
  const register = descriptor.categories[asset.category];
  if (!register?.measures.includes(request.measure)) {
    throw badUserInput('measure', `${request.measure} is not a measure the ${asset.category} register takes (it takes ${register?.measures.join(', ')})`);
  }
  const money = MONEY_MEASURES.includes(request.measure);
  if (money && (request.amount === null || request.amount <= 0)) throw badUserInput('input.amount', `is required for ${request.measure} and must be positive`);
  if (money && (request.amount as number) > request.debtPlusCosts) throw badUserInput('input.amount', 'exceeds the debt plus costs');
  // An indivisible asset worth more than the debt may still be sealed whole; the register flags it.
  return !money && controllableValue(asset, request.partyId) > request.debtPlusCosts;
}

/**
 * Records a request in the register. The receipt time and the place in the queue are fixed by one
 * insert: a retry finds its original (never re-stamped), a second measure by the same case on the same
 * asset is refused, and concurrent requests take consecutive places because {assetId, seq} is unique.
 */
async function placeControl(
  descriptor: RegisterDescriptor,
  assets: Collection<AssetDocument>,
  controls: Collection<ControlDocument>,
  request: ControlRequest,
  options: { clock: () => Date; executeAtOnce: boolean },
): Promise<ControlDocument> {
  const original = await controls.findOne({ idempotencyKey: request.idempotencyKey });
  if (original) return original;
  const asset = await assets.findOne({ _id: request.assetId });
  const exceedsDebt = refuseBadRequest(descriptor, asset, request);
  const id = controlIdOf(descriptor.controlIdPrefix, request);
  const requestedAt = options.clock();

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const sameRequest = await controls.findOne({ _id: id });
    if (sameRequest) return sameRequest;
    const claimant = await controls.findOne({ assetId: request.assetId, claim: request.caseNumber });
    // The claimant may be this very request, recorded by a retry that raced it: that is the original.
    if (claimant && (claimant._id === id || claimant.idempotencyKey === request.idempotencyKey)) return claimant;
    if (claimant) {
      throw domainError(ErrorCode.ALREADY_CONTROLLED, `case ${request.caseNumber} already has a measure on ${request.assetId}`, { field: 'assetId' });
    }
    const last = await controls.find({ assetId: request.assetId }).sort({ seq: -1 }).limit(1).toArray();
    // Receipt is stamped after the tail was read, so receipt times follow the queue order; a later
    // attempt of a request that lost its place gets a later time, never the time it first arrived.
    const receivedAt = options.clock();
    // An online register executes at once, for what the asset holds: less than asked makes it PARTIAL.
    const available = Math.max(0, ((asset as AssetDocument).estimatedValue ?? 0) - (asset as AssetDocument).securedClaims);
    const executedAmount = options.executeAtOnce && request.amount !== null ? Math.min(request.amount, available) : null;
    const control: ControlDocument = {
      _id: id,
      assetId: request.assetId,
      category: (asset as AssetDocument).category,
      caseNumber: request.caseNumber,
      partyId: request.partyId,
      courtCode: request.courtCode,
      measure: request.measure,
      status: 'PENDING',
      rank: 0,
      seq: (last[0]?.seq ?? -1) + 1,
      state: IN_QUEUE,
      claim: request.caseNumber,
      requestState: !options.executeAtOnce ? 'RECEIVED' : executedAmount !== null && request.amount !== null && executedAmount < request.amount ? 'PARTIAL' : 'EXECUTED',
      executedAmount,
      documentNumber: request.documentNumber,
      idempotencyKey: request.idempotencyKey,
      amount: request.amount,
      exceedsDebt,
      officer: request.officer,
      requestedAt,
      acknowledgedAt: receivedAt,
      executedAt: options.executeAtOnce ? receivedAt : null,
      expiresAt: null,
    };
    try {
      await controls.insertOne(control);
      await requeue(controls, request.assetId, receivedAt);
      return (await controls.findOne({ _id: id })) ?? control;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const retried = await controls.findOne({ idempotencyKey: request.idempotencyKey });
      if (retried) return retried;
      // Otherwise another request took this place in the queue (or this case's claim): look again.
    }
  }
  throw domainError(ErrorCode.INTERNAL_SERVER_ERROR, `could not place the request on ${request.assetId} after ${MAX_ATTEMPTS} attempts`);
}

/**
 * Records a request in the register (see placeControl). This process's requests for one asset take their
 * places in turn; the collection is part of the key, so registers of different databases never wait on each other.
 */
export function receiveControl(...args: Parameters<typeof placeControl>): Promise<ControlDocument> {
  const [, , controls, request] = args;
  return placing.run(`${controls.namespace}/${request.assetId}`, () => placeControl(...args));
}
