/** Merchant and fishing vessel identifiers: ship id, IMO number, MMSI, fishing hull name. */
import { randomDigits, type Random } from './random';

/** 船舶识别号: CN + 11 digits; there is no check digit to verify. */
export function checkShipId(s: string): string | null {
  if (!s.startsWith('CN')) return 'must start with CN';
  return /^CN\d{11}$/.test(s) ? null : `must be CN followed by 11 digits (got ${s.length - 2} characters after CN)`;
}

/** The digits start with a build year, as issued ids do in practice. */
export function generateShipId(random: Random): string {
  return `CN${random.int(1990, 2024)}${randomDigits(random, 7)}`;
}

/** Last digit = Σ(first six × weights 7..2) mod 10. */
export function imoCheckDigit(first6: string): string {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(first6.charAt(i)) * (7 - i);
  return String(sum % 10);
}

/** Digits only: callers strip an "IMO" prefix, so stored values compare equal. */
export function checkImo(s: string): string | null {
  if (!/^\d{7}$/.test(s)) return `must be 7 digits without the IMO prefix (got ${s})`;
  const check = imoCheckDigit(s);
  if (s.charAt(6) !== check) return `check digit should be ${check} (got ${s.charAt(6)})`;
  return null;
}

export function generateImo(random: Random): string {
  // Numbers handed out since the 1990s start with 9.
  const first6 = `9${randomDigits(random, 5)}`;
  return first6 + imoCheckDigit(first6);
}

/** Maritime identification digits allotted to mainland China. */
export const CHINA_MMSI_PREFIXES = ['412', '413', '414'] as const;

/** Only Chinese-flagged vessels are controlled here, so foreign MIDs are refused. */
export function checkMmsi(s: string): string | null {
  if (!/^\d{9}$/.test(s)) return `must be 9 digits (got ${s})`;
  if (!(CHINA_MMSI_PREFIXES as readonly string[]).includes(s.slice(0, 3)))
    return `must start with a Chinese prefix ${CHINA_MMSI_PREFIXES.join('/')}`;
  return null;
}

export function generateMmsi(random: Random): string {
  return `${random.pick(CHINA_MMSI_PREFIXES)}${randomDigits(random, 6)}`;
}

/** Port abbreviations on Zhejiang fishing hulls, by the city (court city code) they belong to. */
export const FISHING_PORTS: Readonly<Record<string, string>> = {
  舟: '09',
  岱: '09',
  普: '09',
  嵊: '09',
  甬: '02',
  象: '02',
  奉: '02',
  温: '03',
  瑞: '03',
  苍: '03',
  平: '03',
  洞: '03',
  乐: '03',
  台: '10',
  岭: '10',
  玉: '10',
  椒: '10',
  临: '10',
  三: '10',
};

/** 浙岱渔03456: 浙 + port + 渔 + 5 digits. */
export function checkFishingHullName(s: string): string | null {
  const m = /^(.)(.)(.)(.*)$/u.exec(s);
  if (!m) return 'must be like 浙岱渔03456';
  const [, province, port, fishing, digits] = m;
  if (province !== '浙') return 'must start with 浙';
  if (!Object.prototype.hasOwnProperty.call(FISHING_PORTS, port)) {
    return `port ${port} is not a Zhejiang fishing port (${Object.keys(FISHING_PORTS).join(' ')})`;
  }
  if (fishing !== '渔') return 'the third character must be 渔';
  return /^\d{5}$/.test(digits) ? null : `must end with 5 digits (got ${digits})`;
}

export interface FishingHullOptions {
  /** Court city code (e.g. '09' Zhoushan) whose ports to use; default any. */
  readonly cityCode?: string;
}

export function generateFishingHullName(random: Random, options: FishingHullOptions = {}): string {
  const ports = Object.keys(FISHING_PORTS).filter((port) => options.cityCode === undefined || FISHING_PORTS[port] === options.cityCode);
  if (ports.length === 0) throw new RangeError(`no fishing port in city ${String(options.cityCode)}`);
  return `浙${random.pick(ports)}渔${randomDigits(random, 5)}`;
}
