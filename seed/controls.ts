import { createHash } from 'node:crypto';
import type { Random } from '../domain/identifiers';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import type { ControlMeasure } from '../domain/assets';
import { controlPeriodYears, expiryOf } from '../domain/timeLimits';
import { addDays, addYears, type World } from './world';

export interface ControlPlan {
  /** Prefix of control ids, e.g. RE for the real-estate registry. */
  prefix: string;
  /** The measure a case takes on an asset of this category, or null for none. */
  measureFor: (asset: AssetDocument) => ControlMeasure | null;
  /** Probability that an open case controls a respondent's asset. */
  probability: number;
  /** Amount controlled, for measures on money (fen); null otherwise. */
  amountFor?: (asset: AssetDocument, caseAmountOwed: number) => number | null;
}

function controlId(prefix: string, idempotencyKey: string): string {
  return `${prefix}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`;
}

/**
 * Control measures of open (and 终本) cases on their respondents' assets, ranked per asset by the
 * time the agency received them: the first is ACTIVE with its legal expiry, the rest WAITING in order.
 */
export function rankedControls(world: World, random: Random, assets: readonly AssetDocument[], plan: ControlPlan): ControlDocument[] {
  const byOwner = new Map<string, AssetDocument[]>();
  for (const asset of assets) for (const owner of asset.ownerIds) byOwner.set(owner, [...(byOwner.get(owner) ?? []), asset]);

  const requests: ControlDocument[] = [];
  for (const enforcementCase of world.cases) {
    if (enforcementCase.status !== 'OPEN' && enforcementCase.status !== 'CLOSED_FOR_NOW') continue;
    const requestedAt = addDays(enforcementCase.filedAt, random.int(10, 40));
    if (requestedAt > world.asOf) continue;
    for (const partyId of enforcementCase.respondentIds) {
      for (const asset of byOwner.get(partyId) ?? []) {
        const measure = plan.measureFor(asset);
        // A measure received longer ago than its period has lapsed or been renewed; leave those out.
        if (!measure || requestedAt < addYears(world.asOf, -controlPeriodYears(asset.category)) || !random.chance(plan.probability))
          continue;
        const documentNumber = `${enforcementCase._id}之一`;
        const idempotencyKey = [enforcementCase._id, partyId, asset._id, measure, documentNumber].join('|');
        const receivedAt = addDays(requestedAt, random.chance(0.7) ? 0 : 1);
        requests.push({
          _id: controlId(plan.prefix, idempotencyKey),
          assetId: asset._id,
          category: asset.category,
          caseNumber: enforcementCase._id,
          partyId,
          courtCode: enforcementCase.courtCode,
          measure,
          seq: 0,
          state: 'IN_QUEUE',
          claim: enforcementCase._id,
          requestState: 'EXECUTED',
          status: 'ACTIVE',
          rank: 0,
          documentNumber,
          idempotencyKey,
          amount: plan.amountFor?.(asset, enforcementCase.amountOwed) ?? null,
          officer: null,
          feedback: '已协助执行 executed',
          requestedAt,
          acknowledgedAt: receivedAt,
          executedAt: receivedAt,
          expiresAt: null,
        });
      }
    }
  }
  const queues = new Map<string, ControlDocument[]>();
  for (const request of requests) queues.set(request.assetId, [...(queues.get(request.assetId) ?? []), request]);
  const controls: ControlDocument[] = [];
  for (const queue of queues.values()) {
    queue.sort((a, b) => (a.acknowledgedAt as Date).getTime() - (b.acknowledgedAt as Date).getTime() || a._id.localeCompare(b._id));
    // The seed's measures are all executed: the first is in force, the rest wait their turn.
    queue.forEach((control, rank) =>
      controls.push(
        rank === 0
          ? { ...control, seq: rank, activatedAt: control.executedAt, expiresAt: expiryOf(control.category, control.executedAt as Date) }
          : { ...control, seq: rank, status: 'WAITING', rank },
      ),
    );
  }
  return controls;
}

/** The register changed an asset when a measure was recorded on it; keep its timestamp in step. */
export function touchRegister(assets: AssetDocument[], controls: readonly ControlDocument[]): void {
  const latest = new Map<string, number>();
  for (const control of controls) {
    const at = (control.acknowledgedAt as Date).getTime();
    latest.set(control.assetId, Math.max(latest.get(control.assetId) ?? 0, at));
  }
  for (const asset of assets) {
    const at = latest.get(asset._id);
    if (at && at > asset.registerUpdatedAt.getTime()) asset.registerUpdatedAt = new Date(at);
  }
}
