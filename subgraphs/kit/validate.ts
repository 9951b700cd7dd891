import { badUserInput } from './errors';
import { checkCitizenId, checkUscc, courtByCode, formatCaseNumber, parseCaseNumber } from './identifiers';

/**
 * Argument checks shared by every subgraph. Each returns the value in its canonical form
 * or throws BAD_USER_INPUT naming the argument, before anything is read or written.
 */

export function caseNumberArg(field: string, value: string): string {
  const parsed = parseCaseNumber(value);
  if (typeof parsed === 'string') throw badUserInput(field, parsed);
  return formatCaseNumber(parsed);
}

/** A party is a person (citizen ID) or an organisation (USCC); both are 18 characters. */
export function partyIdArg(field: string, value: string): string {
  const id = value.trim().toUpperCase();
  if (checkUscc(id) === null) return id;
  const asCitizen = checkCitizenId(id);
  if (asCitizen === null) return id;
  const looksLikeCitizenId = /^\d{17}[\dX]$/.test(id);
  throw badUserInput(field, looksLikeCitizenId ? `not a valid citizen ID: ${asCitizen}` : `not a valid citizen ID or unified social credit code: ${checkUscc(id) ?? asCitizen}`);
}

export function courtCodeArg(field: string, value: string): string {
  if (!courtByCode(value)) throw badUserInput(field, `no court has the code "${value}"`);
  return value;
}

/** A calendar date from the Date scalar, as midnight UTC (legal dates are stored that way). */
export function dateArg(field: string, value: string): Date {
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw badUserInput(field, 'must be a date YYYY-MM-DD');
  return date;
}

export function pageSizeArg(field: string, value: number, max = 100): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw badUserInput(field, `must be between 1 and ${max}`);
  return value;
}
