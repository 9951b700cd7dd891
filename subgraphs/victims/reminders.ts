import { chineseDate } from '../../domain/chinaTime';
import { maskBankCard } from '../../domain/identifiers';
import { outboxKey, type OutboxMessage } from '../kit/outbox';

/**
 * The SMS of each stage (登记、核对、兑付). Keys name participant and stage, so whatever re-runs a stage
 * (a retried mutation, a resumed batch) enqueues nothing twice. No name or full card number in the text:
 * an SMS may be read by whoever holds the phone.
 */

const SIGNATURE = '【浙江法院】';

/** ¥12,345.67 from fen. */
export function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `¥${yuan.toLocaleString('en-US')}.${cents}`;
}

interface Recipient {
  participantId: string;
  caseNumber: string;
  phone: string;
}

function message(to: Recipient, stage: string, kind: string, text: string): OutboxMessage {
  return { id: outboxKey('victims', to.participantId, stage), kind: `victims.${kind}`, to: to.phone, text: `${SIGNATURE}${text}` };
}

export function registeredSms(to: Recipient): OutboxMessage {
  return message(
    to,
    'REGISTERED',
    'registered',
    `您已在${to.caseNumber}涉众案件中完成登记（登记号${to.participantId}）。核对结果将另行通知。`,
  );
}

export type VerifiedOutcome = 'VERIFIED' | 'NAME_MISMATCH' | 'NOT_IN_LEDGER';

export function verifiedSms(
  to: Recipient,
  verificationNumber: number,
  outcome: VerifiedOutcome,
  claim: number,
  deadline: Date,
): OutboxMessage {
  const until = `如有异议，请于${chineseDate(deadline)}前向法院提出。`;
  const text =
    outcome === 'VERIFIED'
      ? `经与台账核对，您在${to.caseNumber}案中的债权确认金额为${formatYuan(claim)}。${until}`
      : outcome === 'NAME_MISMATCH'
        ? `您登记的姓名与台账不一致，债权暂未确认，请携身份证件到法院核实。${until}`
        : `台账中未找到您的记录，债权暂未确认。${until}`;
  return message(to, `VERIFIED-V${verificationNumber}`, 'verified', text);
}

export function paidSms(to: Recipient, roundNumber: number, attempt: number, amount: number, bankCard: string): OutboxMessage {
  return message(
    to,
    `PAID-R${roundNumber}-A${attempt}`,
    'paid',
    `${to.caseNumber}案第${roundNumber}轮分配款${formatYuan(amount)}已汇入您的银行卡${maskBankCard(bankCard)}，请查收。`,
  );
}

export function failedSms(to: Recipient, roundNumber: number, attempt: number, amount: number, bankCard: string): OutboxMessage {
  return message(
    to,
    `FAILED-R${roundNumber}-A${attempt}`,
    'failed',
    `${to.caseNumber}案第${roundNumber}轮分配款${formatYuan(amount)}汇入银行卡${maskBankCard(bankCard)}未成功，请尽快向法院提供新的本人银行卡。`,
  );
}
