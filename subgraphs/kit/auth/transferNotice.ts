import type { KeyObject } from 'node:crypto';
import { privateKey, publicKey, signToken, verifyToken } from '../../../platform/signing';

/**
 * 协助执行通知书 for a title transfer: after its ruling confirming a sale, the court tells the registry
 * which unit goes to whom in which case. Unlike the notice for acting through a case (legalBasis.ts),
 * which names one user and lasts minutes, this one is addressed to the registry and lasts while the
 * buyer settles the taxes, so it names no user: the court officer who passes it on still needs their own
 * notice for the case. The registry takes the buyer and the ruling from it, never from the client.
 */
export interface TransferNotice {
  courtCode: string;
  caseNumber: string;
  unitId: string;
  buyerId: string;
  rulingNumber: string;
  /** The price of the confirmed sale, in fen. */
  price: number;
  confirmedAt: Date;
}

/** How long the registry honours the notice: time for the buyer to settle the transfer taxes. */
export const TRANSFER_NOTICE_DAYS = 90;

/** Signs the court's transfer notice; its expiry runs from the confirmation, so signing again gives the same token. */
export function attestTransferNotice(notice: TransferNotice, key: KeyObject = privateKey('LEGAL_BASIS')): string {
  const { courtCode: ct, caseNumber: c, unitId: un, buyerId: b, rulingNumber: rn, price: pr } = notice;
  const at = Math.floor(notice.confirmedAt.getTime() / 1000);
  return signToken({ k: 'transfer', ct, c, un, b, rn, pr, at, exp: at + TRANSFER_NOTICE_DAYS * 86_400 }, key);
}

/** The notice in `token` if the court signed it and it is still in force at `now`; otherwise why not. */
export function checkTransferNotice(token: unknown, now: Date, key: KeyObject = publicKey('LEGAL_BASIS')): TransferNotice | string {
  if (typeof token !== 'string' || token === '') return 'the court gave no transfer notice';
  const verified = verifyToken(token, key);
  if ('problem' in verified) return `the court's transfer notice ${verified.problem}`;
  const { k, ct, c, un, b, rn, pr, at, exp } = (verified.payload ?? {}) as Record<string, unknown>;
  const texts = [ct, c, un, b, rn].every((value) => typeof value === 'string');
  if (k !== 'transfer' || !texts || typeof pr !== 'number' || typeof at !== 'number' || typeof exp !== 'number')
    return 'is not a transfer notice of the court';
  if (exp * 1000 <= now.getTime()) return `the court's transfer notice has expired (it is valid ${TRANSFER_NOTICE_DAYS} days)`;
  return {
    courtCode: ct as string,
    caseNumber: c as string,
    unitId: un as string,
    buyerId: b as string,
    rulingNumber: rn as string,
    price: pr,
    confirmedAt: new Date(at * 1000),
  };
}
