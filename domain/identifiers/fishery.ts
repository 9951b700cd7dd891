/**
 * Numbers the fishery administration (渔政) issues. Their exact layout varies by province and
 * year; this supergraph fixes one plausible form, modelled on Zhejiang certificates:
 *   渔船所有权登记证书编号 (fishing vessel registry number): （浙岱）船登（权）（2019）HY-200123号
 *   海洋渔业捕捞许可证编号 (fishing licence number):        （浙岱）船捕（2023）HY-100123号
 * i.e. province + fishing port abbreviation, the certificate kind, the year of issue, HY (海洋, marine)
 * and six digits. There is no check digit. ASCII parentheses are accepted and normalised, as for case numbers.
 */
import { normaliseCaseNumber } from './caseNumber';
import { randomDigits, type Random } from './random';
import { FISHING_PORTS } from './vessel';

const KINDS = { registry: '船登（权）', licence: '船捕' } as const;
type FisheryNumberKind = keyof typeof KINDS;

const EXAMPLES: Record<FisheryNumberKind, string> = {
  registry: '（浙岱）船登（权）（2019）HY-200123号',
  licence: '（浙岱）船捕（2023）HY-100123号',
};

/** Same normalisation as case numbers: whitespace dropped, parentheses full-width. */
export const normaliseFisheryNumber = normaliseCaseNumber;

function checkFisheryNumber(kind: FisheryNumberKind, s: string): string | null {
  const m = /^（浙(.)）(.+?)（(\d{4})）HY-(\d{6})号$/u.exec(s);
  if (!m) return `must look like ${EXAMPLES[kind]}`;
  const [, port, issuedAs, year] = m;
  if (!Object.prototype.hasOwnProperty.call(FISHING_PORTS, port)) return `port ${port} is not a Zhejiang fishing port`;
  if (issuedAs !== KINDS[kind]) return `must be a ${KINDS[kind]} number (got ${issuedAs})`;
  const y = Number(year);
  return y >= 1980 && y <= 2100 ? null : `year ${year} is out of range`;
}

export function checkFishingRegistryNumber(s: string): string | null {
  return checkFisheryNumber('registry', s);
}

export function checkFishingLicenceNumber(s: string): string | null {
  return checkFisheryNumber('licence', s);
}

export interface FisheryNumberOptions {
  /** Port abbreviation as on the hull (e.g. 岱); a licence carries its vessel's. */
  readonly port: string;
  readonly year: number;
}

function generateFisheryNumber(kind: FisheryNumberKind, random: Random, options: FisheryNumberOptions): string {
  if (!Object.prototype.hasOwnProperty.call(FISHING_PORTS, options.port)) throw new RangeError(`no fishing port ${options.port}`);
  // Registry numbers run from 200000, licences from 100000, as on the example certificates.
  const first = kind === 'registry' ? '2' : '1';
  return `（浙${options.port}）${KINDS[kind]}（${options.year}）HY-${first}${randomDigits(random, 5)}号`;
}

export function generateFishingRegistryNumber(random: Random, options: FisheryNumberOptions): string {
  return generateFisheryNumber('registry', random, options);
}

export function generateFishingLicenceNumber(random: Random, options: FisheryNumberOptions): string {
  return generateFisheryNumber('licence', random, options);
}
