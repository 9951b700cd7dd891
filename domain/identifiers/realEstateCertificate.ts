/** 不动产权证书号: 浙(2024)杭州市不动产权第0123456号 — province, year, issuing place, 7-digit number. */
import { BASIC_COURTS, CITIES, courtByDivisionCode } from './courts';
import { randomDigits, type Random } from './random';

/**
 * Cities register for their districts; counties and county-level cities run their own
 * registries and put their own name on the certificate (e.g. 义乌市, 桐庐县).
 */
const ISSUING_PLACES = new Set([
  ...CITIES.map((city) => city.nameZh),
  ...BASIC_COURTS.filter((court) => !court.divisionName.endsWith('区')).map((court) => court.divisionName),
]);

/** Unified real-estate registration started in 2015. */
export const MIN_CERTIFICATE_YEAR = 2015;
const EXAMPLE = 'e.g. 浙(2024)杭州市不动产权第0123456号';

/** The registries print ASCII parentheses; full-width ones typed by users are folded back. */
export function normaliseCertificateNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

export function checkCertificateNumber(input: string): string | null {
  const s = normaliseCertificateNumber(input);
  const m = /^(\p{Script=Han})\((\d{4})\)(\p{Script=Han}+?)不动产权第(\d+)号$/u.exec(s);
  if (!m) return `must be 浙(year)place不动产权第NNNNNNN号, ${EXAMPLE}`;
  const [, province, yearText, place, number] = m;
  if (province !== '浙') return `province ${province} is not Zhejiang (浙)`;
  const year = Number(yearText);
  if (year < MIN_CERTIFICATE_YEAR || year > 2100) return `year ${year} must be between ${MIN_CERTIFICATE_YEAR} and 2100`;
  if (!ISSUING_PLACES.has(place)) return `issuing place ${place} is not a Zhejiang city or county registry`;
  if (number.length !== 7) return `certificate number ${number} must be 7 digits`;
  return null;
}

export interface CertificateNumberOptions {
  /** Division of the property; picks the registry that issues for it. Default: a random basic court's. */
  readonly divisionCode?: string;
  readonly year?: number;
}

export function generateCertificateNumber(random: Random, options: CertificateNumberOptions = {}): string {
  const court = options.divisionCode === undefined ? random.pick(BASIC_COURTS) : courtByDivisionCode(options.divisionCode);
  if (!court) throw new RangeError(`no Zhejiang county-level division ${String(options.divisionCode)}`);
  const place = ISSUING_PLACES.has(court.divisionName) ? court.divisionName : court.cityNameZh;
  const year = options.year ?? random.int(MIN_CERTIFICATE_YEAR, 2025);
  const number = random.chance(0.5) ? `00${randomDigits(random, 5)}` : randomDigits(random, 7);
  return `浙(${year})${place}不动产权第${number}号`;
}
