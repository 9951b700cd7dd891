import { courtByDivisionCode } from '../../domain/identifiers';

/**
 * The local bureau of the State Taxation Administration for a county-level division, named as
 * district bureaus carry their city (国家税务总局杭州市上城区税务局) and county ones do not (国家税务总局桐庐县税务局).
 */
export function taxAuthorityName(divisionCode: string): string {
  const court = courtByDivisionCode(divisionCode);
  if (!court || court.level !== 'BASIC') return '国家税务总局浙江省税务局';
  const place = court.divisionName.endsWith('区') ? `${court.cityNameZh}${court.divisionName}` : court.divisionName;
  return `国家税务总局${place}税务局`;
}
