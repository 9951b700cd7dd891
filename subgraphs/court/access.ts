import { identityOf, type Identity, type IdentityScope } from '../../platform/identity';
import { forbidden } from '../kit/auth/rules';
import type { CaseDocument } from './model';

/**
 * The legal basis (domain.md, "Who may see what"): an officer sees a party's data only through an
 * open case assigned to them, a division head through an open case of their court.
 */
export function hasLegalBasis(identity: Identity, doc: CaseDocument): boolean {
  return doc.status === 'OPEN' && isCaseOfYours(identity, doc);
}

/** The case is the caller's whatever its state: their court's, and assigned to them unless they head its division. */
export function isCaseOfYours(identity: Identity, doc: CaseDocument): boolean {
  if (identity.court !== doc.courtCode) return false;
  if (identity.roles.includes('DIVISION_HEAD')) return true;
  return identity.roles.includes('OFFICER') && doc.officerId === identity.officerId;
}

export function requireLegalBasis(ctx: IdentityScope, doc: CaseDocument): Identity {
  const identity = identityOf(ctx);
  if (!hasLegalBasis(identity, doc)) throw forbidden(`no legal basis for the parties of ${doc._id}: not an open case of yours`);
  return identity;
}

/** A case's own facts (number, node, amount) are the business of the court that holds it, not of other courts. */
export function requireOwnCourt(ctx: IdentityScope, courtCode: string): Identity {
  const identity = identityOf(ctx);
  if (identity.court !== courtCode) throw forbidden(`the cases of ${courtCode} belong to another court`);
  return identity;
}
