import { badUserInput } from '../../platform/errors';
import {
  checkCitizenId,
  checkPhone,
  checkUnitNumber,
  checkUscc,
  courtByCode,
  formatCaseNumber,
  normaliseUnitNumber,
  parseCaseNumber,
} from '../../domain/identifiers';

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
  throw badUserInput(
    field,
    looksLikeCitizenId
      ? `not a valid citizen ID: ${asCitizen}`
      : `not a valid citizen ID or unified social credit code: ${checkUscc(id) ?? asCitizen}`,
  );
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

/** Free text such as a document number or feedback, trimmed, of 1 to `max` characters. */
/** C0 control characters but tab and line breaks, and DEL: never in a name, a document or a key (PostgreSQL refuses U+0000 outright). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function textArg(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) throw badUserInput(field, `must be 1 to ${max} characters`);
  if (CONTROL.test(trimmed)) throw badUserInput(field, 'must not contain control characters');
  return trimmed;
}

/** An amount of money in fen (分): a whole number of at least `min` — 1 unless zero means something, as a tax not yet paid does. */
export function amountArg(field: string, value: number, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min) throw badUserInput(field, `must be a whole number of fen of at least ${min}`);
  return value;
}

/** A client's key for retrying a request; long enough that two clients do not pick the same one. */
export function idempotencyKeyArg(field: string, value: string): string {
  const key = value.trim();
  if (key.length < 8 || key.length > 128) throw badUserInput(field, 'must be 8 to 128 characters');
  if (CONTROL.test(key)) throw badUserInput(field, 'must not contain control characters');
  return key;
}

/** The officer an agency contacts about a request, as the paper notice names them. */
export function officerArg(field: string, officer: { name: string; phone: string }): { name: string; phone: string } {
  const phoneProblem = checkPhone(officer.phone);
  if (phoneProblem) throw badUserInput(`${field}.phone`, phoneProblem);
  return { name: textArg(`${field}.name`, officer.name, 40), phone: officer.phone.trim() };
}

/**
 * An asset identifier (plate, VIN, account number, …) in its canonical form: `normalise` writes it the
 * way the register stores it, then `check` gives the reason it is malformed, or null.
 */
export function identifierArg(
  field: string,
  value: string,
  check: (id: string) => string | null,
  normalise: (id: string) => string = (id) => id.trim(),
): string {
  const id = normalise(value);
  const reason = check(id);
  if (reason !== null) throw badUserInput(field, reason);
  return id;
}

/** 不动产单元号, in its canonical form. */
export function unitNumberArg(field: string, value: string): string {
  return identifierArg(field, value, checkUnitNumber, normaliseUnitNumber);
}
