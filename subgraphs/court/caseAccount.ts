import { createHash } from 'node:crypto';
import { luhnCheckDigit } from '../../domain/identifiers';

/**
 * 一案一账户: the account that receives the money of one case, held by the court at its settlement bank.
 * Money taken from a debtor goes only there (domain.md). In the synthetic province the number follows
 * from the case number (a 19-digit card number of the court's bank, Luhn-valid), so every subgraph and
 * test that knows the case names the same account; a deployment reads it from the court's finance system.
 */
const COURT_BANK_PREFIX = '621700';

export function caseAccountOf(caseNumber: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(caseNumber).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(12, '0')
    .slice(-12);
  const payload = `${COURT_BANK_PREFIX}${digits}`;
  return payload + luhnCheckDigit(payload);
}
