import type { KeyObject } from 'node:crypto';
import { nowOf, type ClockScope } from '../../../platform/clock';
import { privateKey, publicKey, signToken, verifyToken } from '../../../platform/signing';
import { identityOf, type IdentityScope } from '../../../platform/identity';
import { forbidden } from './rules';

/**
 * The legal basis (domain.md, "Who may see what") is the court's to judge: only it knows which cases are
 * open and whose they are. It states its judgement for one caller, one case and one party in a token
 * signed with LEGAL_BASIS (`CaseParty.legalBasis`, hidden from clients), and every register requires that
 * token with the CaseParty before it shows anything of the party. A register therefore answers a caller
 * the court vouched for, not merely a caller with the right role: a gateway bug or a forged entity
 * request naming someone else's case gets nothing.
 */
export interface BasisClaim {
  caseNumber: string;
  partyId: string;
  userId: string;
}

/*
 * Valid to the end of the next five-minute window. Ed25519 signs deterministically, so within a window
 * the court hands the same token for the same look and each register checks it once (the caches below).
 */
const WINDOW_SECONDS = 300;
const CACHE_LIMIT = 10_000;

const signedBy = new WeakMap<KeyObject, Map<string, string>>();
// Per key: a token is only ever taken as checked by the key it was checked with.
const checkedBy = new WeakMap<KeyObject, Map<string, BasisClaim & { exp: number }>>();

/** The cache of `key`, made on first use. */
function cacheOf<V>(caches: WeakMap<KeyObject, Map<string, V>>, key: KeyObject): Map<string, V> {
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  return cache;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear(); // tokens expire within minutes: starting over costs one signature each
  cache.set(key, value);
  return value;
}

/** The end of the five-minute window after the current one: every attestation's expiry. */
const expiryOf = (now: Date): number => (Math.floor(now.getTime() / 1000 / WINDOW_SECONDS) + 2) * WINDOW_SECONDS;

/** `payload` signed with `key`, once per window: a payload holds its expiry, so the cache never hands out a stale token. */
function signOnce(payload: Record<string, unknown>, key: KeyObject): string {
  const cacheKey = JSON.stringify(payload);
  const signed = cacheOf(signedBy, key);
  return signed.get(cacheKey) ?? remember(signed, cacheKey, signToken(payload, key));
}

export function attestLegalBasis(claim: BasisClaim, now: Date, key: KeyObject = privateKey('LEGAL_BASIS')): string {
  return signOnce({ c: claim.caseNumber, p: claim.partyId, u: claim.userId, exp: expiryOf(now) }, key);
}

/** Why the token does not attest `expected` at `now`, or null when it does. */
export function legalBasisProblem(
  token: unknown,
  expected: BasisClaim,
  now: Date,
  key: KeyObject = publicKey('LEGAL_BASIS'),
): string | null {
  if (typeof token !== 'string' || token === '') return 'the court attested no legal basis';
  const checked = cacheOf(checkedBy, key);
  let claim = checked.get(token);
  if (!claim) {
    const verified = verifyToken(token, key);
    if ('problem' in verified) return `the court's attestation ${verified.problem}`;
    const { c, p, u, exp } = (verified.payload ?? {}) as Record<string, unknown>;
    if (typeof c !== 'string' || typeof p !== 'string' || typeof u !== 'string' || typeof exp !== 'number')
      return "the court's attestation is incomplete";
    claim = remember(checked, token, { caseNumber: c, partyId: p, userId: u, exp });
  }
  if (claim.exp * 1000 <= now.getTime()) return "the court's attestation has expired";
  if (claim.caseNumber !== expected.caseNumber || claim.partyId !== expected.partyId)
    return "the court's attestation is for another case or party";
  if (claim.userId !== expected.userId) return "the court's attestation is for another user";
  return null;
}

/**
 * The court's notice for acting through one case (协助执行通知书 in digital form): who may act (the caller,
 * of which court), through which case, on whom (its respondents), for how much at most (the debt plus
 * costs of the court's own record) and into which account money goes. The court gives it only to an
 * officer assigned to the open case or a division head of its court (`EnforcementCase.basis`); every
 * register verifies it before it writes anything or answers a look-up by identifier, and takes the court,
 * the ceiling and the account from it, never from the client.
 */
export interface CaseBasis {
  userId: string;
  courtCode: string;
  caseNumber: string;
  respondentIds: string[];
  debtPlusCosts: number;
  caseAccount: string;
  /**
   * A case of the caller's that is no longer OPEN: its measures must still be lifted (解除), so the court
   * gives a notice for releasing them and reading them, and for nothing else.
   */
  releaseOnly?: boolean;
}

/** What a notice is used for: acting through the case, or only releasing (and reading) its measures. */
export type NoticePurpose = 'act' | 'release';

/** A case as an entity reaches a register: its number and, in the key, the court's notice for the caller. */
export interface EnforcementCaseRef {
  caseNumber: string;
  basis?: string | null;
}

/** Signs the court's notice for one caller and case; the same within a five-minute window (see above). */
export function attestCaseBasis(basis: CaseBasis, now: Date, key: KeyObject = privateKey('LEGAL_BASIS')): string {
  const { userId: u, courtCode: ct, caseNumber: c, respondentIds: r, debtPlusCosts: d, caseAccount: a } = basis;
  return signOnce({ k: 'case', u, ct, c, r, d, a, ...(basis.releaseOnly && { s: 'release' }), exp: expiryOf(now) }, key);
}

const checkedCases = new WeakMap<KeyObject, Map<string, CaseBasis & { exp: number }>>();

function caseBasisOfToken(token: string, key: KeyObject): (CaseBasis & { exp: number }) | string {
  const checked = cacheOf(checkedCases, key);
  const known = checked.get(token);
  if (known) return known;
  const verified = verifyToken(token, key);
  if ('problem' in verified) return `the court's notice ${verified.problem}`;
  const { k, u, ct, c, r, d, a, s, exp } = (verified.payload ?? {}) as Record<string, unknown>;
  const complete =
    k === 'case' &&
    typeof u === 'string' &&
    typeof ct === 'string' &&
    typeof c === 'string' &&
    typeof a === 'string' &&
    Array.isArray(r) &&
    r.every((id) => typeof id === 'string') &&
    typeof d === 'number' &&
    typeof exp === 'number' &&
    (s === undefined || s === 'release');
  if (!complete) return "the court's notice is not a notice for a case";
  const releaseOnly = s === 'release';
  return remember(checked, token, {
    userId: u,
    courtCode: ct,
    caseNumber: c,
    respondentIds: r as string[],
    debtPlusCosts: d,
    caseAccount: a,
    releaseOnly,
    exp,
  });
}

/** The court's notice in `token` if it is one for this caller, `caseNumber` and purpose (acting, unless said) at `now`; otherwise why not. */
export function checkCaseBasis(
  token: unknown,
  expected: { caseNumber: string; userId: string; purpose?: NoticePurpose },
  now: Date,
  key: KeyObject = publicKey('LEGAL_BASIS'),
): CaseBasis | string {
  const checked = typeof token === 'string' && token !== '' ? caseBasisOfToken(token, key) : 'the court gave no notice for this case';
  if (typeof checked === 'string') return checked;
  const { exp, ...basis } = checked;
  if (exp * 1000 <= now.getTime()) return "the court's notice has expired";
  if (basis.caseNumber !== expected.caseNumber) return "the court's notice is for another case";
  if (basis.userId !== expected.userId) return "the court's notice is for another user";
  if (basis.releaseOnly && (expected.purpose ?? 'act') === 'act')
    return "the case is no longer open: the court's notice allows only releasing its measures";
  return basis;
}

/**
 * The court's notice for acting through `caseNumber`, verified for this caller, or FORBIDDEN. The refusal
 * reads the same whether the case does not exist, is closed or is another's: the court gives no notice then.
 */
export function requireCaseBasis(
  ctx: IdentityScope & ClockScope,
  token: unknown,
  caseNumber: string,
  purpose: NoticePurpose = 'act',
): CaseBasis {
  const basis = checkCaseBasis(token, { caseNumber, userId: identityOf(ctx).userId, purpose }, nowOf(ctx));
  if (typeof basis === 'string') throw forbidden(`no legal basis to act through ${caseNumber}: ${basis}`);
  return basis;
}

/** A client's idempotency key within its court: another court's key never finds this court's request, nor the reverse. */
export function courtScoped(courtCode: string, idempotencyKey: string): string {
  return `${courtCode}|${idempotencyKey}`;
}

/** Refuses unless `partyId` is a respondent of the noticed case: measures, investigations and look-ups reach only debtors. */
export function requireRespondent(basis: CaseBasis, partyId: string): void {
  if (!basis.respondentIds.includes(partyId)) throw forbidden(`${partyId} is not a respondent of ${basis.caseNumber}`);
}

/** Refuses a look at a CaseParty the court did not attest for this caller. */
export function requireAttestedBasis(
  ctx: IdentityScope & ClockScope,
  ref: { caseNumber: string; partyId: string; legalBasis?: unknown },
): void {
  const problem = legalBasisProblem(
    ref.legalBasis,
    { caseNumber: ref.caseNumber, partyId: ref.partyId, userId: identityOf(ctx).userId },
    nowOf(ctx),
  );
  if (problem) throw forbidden(`no legal basis for party ${ref.partyId} in ${ref.caseNumber}: ${problem}`);
}
