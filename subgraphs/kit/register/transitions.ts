import type { Collection } from 'mongodb';
import { badUserInput, domainError, ErrorCode, notFound } from '../../../platform/errors';
import { isDuplicateKey } from '../mongo';
import type { ControlDocument, RequestState } from './model';
import { IN_QUEUE, isExecuted, ranked, requeue } from './queue';
import { controlPeriodYears } from '../../../domain/timeLimits';

/**
 * The agency's side of a request (domain.md): RECEIVED → ACKNOWLEDGED → EXECUTED | PARTIAL | REJECTED,
 * and for an executed measure: renew, release (the next in the queue moves up), lapse, dispose.
 * Every transition checks the current state first and refuses anything else with INVALID_TRANSITION.
 */
export type RejectReason = 'NO_SUCH_ASSET' | 'OWNER_MISMATCH' | 'DOCUMENT_DEFECT' | 'OUTSIDE_DUTY';

async function load(controls: Collection<ControlDocument>, id: string): Promise<ControlDocument> {
  const control = await controls.findOne({ _id: id });
  if (!control) throw notFound('control measure', id);
  return control;
}

function refuse(control: ControlDocument, action: string): never {
  const where = control.state === IN_QUEUE ? control.requestState : control.state;
  throw domainError(ErrorCode.INVALID_TRANSITION, `cannot ${action} control ${control._id}: it is ${where}`, { state: where });
}

async function transition(
  controls: Collection<ControlDocument>,
  id: string,
  action: string,
  allowed: (control: ControlDocument) => boolean,
  change: (control: ControlDocument) => Partial<ControlDocument>,
  now: Date,
): Promise<ControlDocument> {
  const control = await load(controls, id);
  if (!allowed(control)) refuse(control, action);
  // Leaving a state is claimed by a unique insert first: on FerretDB two compare-and-set updates
  // can both succeed, so the filter below alone would let a racing execute and reject both win.
  const from = `${control._id}|${control.state}|${control.requestState}|${control.renewals?.length ?? 0}`;
  const claims = controls.db.collection<TransitionClaim>(TRANSITION_CLAIMS);
  const $set = change(control);
  try {
    await claims.insertOne({ _id: from, action, set: $set, at: now });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // Another transition claimed this state. Finish it if it stopped before updating, then refuse this one.
    const winner = await claims.findOne({ _id: from });
    if (winner) await controls.updateOne({ _id: id, state: control.state, requestState: control.requestState }, { $set: winner.set });
    refuse(await load(controls, id), action);
  }
  // Holding the claim makes this the only way out of that state; if a racing loser already applied this
  // change on our behalf (it finishes claims it finds unapplied), the update below matches nothing, and that is success.
  await controls.updateOne({ _id: id, state: control.state, requestState: control.requestState }, { $set });
  await requeue(controls, control.assetId, now);
  return load(controls, id);
}

/** Who left a state, and how: the unique _id decides a race; the stored change lets a crashed winner be finished. */
interface TransitionClaim {
  _id: string;
  action: string;
  set: Partial<ControlDocument>;
  at: Date;
}
const TRANSITION_CLAIMS = 'controlTransitions';

const pending = (states: RequestState[]) => (c: ControlDocument) => c.state === IN_QUEUE && states.includes(c.requestState);

export const acknowledgeControl = (controls: Collection<ControlDocument>, id: string, now: Date) =>
  transition(controls, id, 'acknowledge', pending(['RECEIVED']), () => ({ requestState: 'ACKNOWLEDGED', handledAt: now }), now);

/** Executed in full, or PARTIAL when the register could control less than asked (e.g. a balance below the amount). */
export const executeControl = (
  controls: Collection<ControlDocument>,
  id: string,
  feedback: string,
  executedAmount: number | null,
  now: Date,
) =>
  transition(
    controls,
    id,
    'execute',
    pending(['RECEIVED', 'ACKNOWLEDGED']),
    (c) => {
      // Checked before the transition is claimed: nothing is written for an amount the request did not ask for.
      if (c.amount !== null && executedAmount !== null && executedAmount > c.amount) {
        throw badUserInput('executedAmount', `exceeds the ${c.amount} fen the court asked to control`);
      }
      return {
        requestState: c.amount !== null && executedAmount !== null && executedAmount < c.amount ? 'PARTIAL' : 'EXECUTED',
        executedAmount: executedAmount ?? c.amount,
        executedAt: now,
        feedback,
      };
    },
    now,
  );

export const rejectControl = (controls: Collection<ControlDocument>, id: string, reason: RejectReason, feedback: string, now: Date) =>
  transition(
    controls,
    id,
    'reject',
    pending(['RECEIVED', 'ACKNOWLEDGED']),
    (c) => ({
      requestState: 'REJECTED',
      state: 'REJECTED',
      status: 'REJECTED',
      claim: `closed:${c._id}`,
      rejectReason: reason,
      feedback,
      executedAt: null,
    }),
    now,
  );

/** Releasing the active measure hands the asset to the next in the queue; releasing a waiting one just leaves it. */
export const releaseControl = (controls: Collection<ControlDocument>, id: string, documentNumber: string, now: Date) =>
  transition(
    controls,
    id,
    'release',
    (c) => c.state === IN_QUEUE && isExecuted(c),
    (c) => ({
      state: 'RELEASED',
      status: 'RELEASED',
      claim: `closed:${c._id}`,
      releasedAt: now,
      releaseDocumentNumber: documentNumber,
    }),
    now,
  );

/**
 * Renewal (续封/续冻) extends the active measure by up to its original period from its current expiry,
 * any number of times; a pre-seal of off-plan property may be renewed once, by one year.
 */
export const renewControl = (controls: Collection<ControlDocument>, id: string, documentNumber: string, now: Date) =>
  transition(
    controls,
    id,
    'renew',
    (c) =>
      c.state === IN_QUEUE &&
      c.rank === 0 &&
      isExecuted(c) &&
      c.expiresAt !== null &&
      c.expiresAt > now &&
      !(c.measure === 'PRE_SEAL' && (c.renewals ?? []).length > 0),
    (c) => {
      const expiresAt = new Date(c.expiresAt as Date);
      expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + (c.measure === 'PRE_SEAL' ? 1 : controlPeriodYears(c.category)));
      return { expiresAt, renewals: [...(c.renewals ?? []), { renewedAt: now, documentNumber, expiresAt }] };
    },
    now,
  );

/** Measures whose period ended unrenewed lapse; the next in each queue moves up. Run by the register's timer. */
export async function lapseExpired(controls: Collection<ControlDocument>, now: Date): Promise<number> {
  const expired = await controls.find({ state: IN_QUEUE, expiresAt: { $lt: now } }).toArray();
  for (const control of expired) {
    await controls.updateOne(
      { _id: control._id, state: IN_QUEUE },
      { $set: { state: 'LAPSED', status: 'LAPSED', claim: `closed:${control._id}` } },
    );
  }
  for (const assetId of new Set(expired.map((c) => c.assetId))) await requeue(controls, assetId, now);
  return expired.length;
}

/**
 * The asset was disposed of whole (e.g. sold at auction): the active measure ends DISPOSED, waiting ones lapse.
 * `sale` names the measure whose case sold it and the measures on the asset at the time, so that a retry
 * finishing the sale later, when the queue has moved on, ends the same measures the same way and never
 * sweeps away one that a new owner's creditor asked for since.
 */
export async function disposeAsset(
  controls: Collection<ControlDocument>,
  assetId: string,
  now: Date,
  sale?: { soldBy: string; ended: readonly string[] },
): Promise<void> {
  // Who is first is read off the queue's order, not a stored rank that a requeue may not have caught up with.
  const queue = await controls.find({ assetId, state: IN_QUEUE }).toArray();
  for (const { control, status } of ranked(queue)) {
    if (sale && !sale.ended.includes(control._id)) continue;
    const state = (sale ? control._id === sale.soldBy : status === 'ACTIVE') ? 'DISPOSED' : 'LAPSED';
    await controls.updateOne(
      { _id: control._id, state: IN_QUEUE },
      { $set: { state, status: state, claim: `closed:${control._id}`, releasedAt: now } },
    );
  }
}
