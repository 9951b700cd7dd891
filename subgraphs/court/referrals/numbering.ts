/**
 * Referral numbers follow the case number the way court documents number their annexes:
 * （2026）浙0102执1234号拒执移送之一, 之二, … Officers read and quote them, so they are the referral's id.
 */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五; beyond 999 (never reached by one case) Arabic digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`no Chinese numeral for ${n}`);
  if (n > 999) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  let text = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) text += `${tens === 1 && !hundreds ? '' : DIGITS[tens]}十`;
  else if (hundreds && units) text += '零';
  if (units) text += DIGITS[units];
  return text;
}

export function referralNumber(caseNumber: string, ordinal: number): string {
  return `${caseNumber}拒执移送之${chineseNumeral(ordinal)}`;
}
