import { chinaDateTime } from '../../domain/chinaTime';
import type { Db } from 'mongodb';
import { Outbox, type EnqueueResult } from '../kit/outbox';
import type { ControlDocument } from '../kit/register/model';
import { RegisterRepository } from '../kit/register/repository';
import type { ImpoundDocument } from './model';

export const IMPOUND_NOTICE = 'vehicles.impounded';

export interface ImpoundNotice {
  /** One message per impound and seal, so a retried impound can never queue a second one. */
  messageId: string;
  phone: string;
  text: string;
}

/** The SMS to the officer of each seal the vehicle is held for: the active seal's case, then the waiting ones. */
export function impoundNotices(impound: ImpoundDocument, seals: readonly ControlDocument[]): ImpoundNotice[] {
  const active = seals.find((seal) => seal._id === impound.activeControlId);
  // Officers read times in Beijing time; the SMS carries no time zone.
  const when = chinaDateTime(impound.since);
  return seals.flatMap((seal) => {
    // Seals recorded without the officer's contact (e.g. migrated paper notices) have nobody to tell.
    if (!seal.officer) return [];
    const waiting = seal._id !== impound.activeControlId;
    const text = waiting
      ? `【法院执行】${seal.officer.name}：您承办的${seal.caseNumber}轮候查封的车辆${impound.plate}已于${when}被交警查获并扣押，停放于${impound.lot}。首封案件为${active?.caseNumber ?? '另案'}。`
      : `【法院执行】${seal.officer.name}：您承办的${seal.caseNumber}查封的车辆${impound.plate}已于${when}被交警查获并扣押，停放于${impound.lot}，请及时处置。`;
    return [{ messageId: `impound:${impound.sightingId}:${seal._id}`, phone: seal.officer.phone, text }];
  });
}

/** Queues the notices in this database's outbox; their ids make a retried impound queue nothing new. */
export async function notifyOfficers(db: Db, impound: ImpoundDocument): Promise<EnqueueResult> {
  const seals = await new RegisterRepository(db).controls.find({ _id: { $in: impound.controlIds } }).toArray();
  const order = new Map(impound.controlIds.map((id, i) => [id, i]));
  const notices = impoundNotices(
    impound,
    seals.sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0)),
  );
  return new Outbox(db).enqueue(
    notices.map((notice) => ({ id: notice.messageId, kind: IMPOUND_NOTICE, to: notice.phone, text: notice.text })),
  );
}
