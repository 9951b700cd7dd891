/**
 * Province-level prefixes of the national administrative division codes (GB/T 2260).
 * Identifiers keep the code of the place where they were issued, so divisions abolished
 * since (e.g. 330104 江干区) must still pass: only the province prefix is checked.
 * 81-83 appear on residence permits of Hong Kong, Macao and Taiwan residents.
 */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** Reason a 6-digit division code is malformed, or null. `label` names the field in the reason. */
export function checkDivisionCode(code: string, label = 'division code'): string | null {
  if (!/^\d{6}$/.test(code)) return `${label} must be 6 digits (got ${code})`;
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return `${label} ${code} does not start with a province code`;
  return null;
}
