import { badUserInput } from '../../../platform/errors';
import { caseNumberArg, partyIdArg, textArg } from '../../kit/validate';
import type { PoliceDecision, RefusalReferralDocument } from './model';

export interface EvidenceInput {
  title: string;
  description: string;
  documentNumber?: string | null;
}

export interface RefusalReferralInput {
  caseNumber: string;
  suspectId: string;
  policeStation: string;
  facts: string;
  evidence: EvidenceInput[];
  complex?: boolean | null;
  idempotencyKey: string;
}

/** A referral as checked: canonical values only, ready to be written. */
export type ReferralDraft = Pick<
  RefusalReferralDocument,
  'caseNumber' | 'suspectId' | 'policeStation' | 'facts' | 'evidence' | 'complex' | 'idempotencyKey'
>;

const MAX_EVIDENCE = 100;

function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : textArg(field, value, max);
}

/** The whole input checked before anything is read or written; the first problem names its field. */
export function referralInputArg(input: RefusalReferralInput): ReferralDraft {
  const caseNumber = caseNumberArg('input.caseNumber', input.caseNumber);
  const suspectId = partyIdArg('input.suspectId', input.suspectId);
  const policeStation = textArg('input.policeStation', input.policeStation, 60);
  const facts = textArg('input.facts', input.facts, 5000);
  if (input.evidence.length === 0) throw badUserInput('input.evidence', 'a referral needs at least one item of evidence');
  if (input.evidence.length > MAX_EVIDENCE) throw badUserInput('input.evidence', `at most ${MAX_EVIDENCE} items`);
  const evidence = input.evidence.map((item, i) => ({
    title: textArg(`input.evidence[${i}].title`, item.title, 100),
    description: textArg(`input.evidence[${i}].description`, item.description, 2000),
    documentNumber: optionalText(`input.evidence[${i}].documentNumber`, item.documentNumber, 100),
  }));
  const idempotencyKey = input.idempotencyKey.trim();
  if (idempotencyKey.length < 8 || idempotencyKey.length > 128) throw badUserInput('input.idempotencyKey', 'must be 8 to 128 characters');
  return { caseNumber, suspectId, policeStation, facts, evidence, complex: input.complex ?? false, idempotencyKey };
}

export interface DecisionArgs {
  decision: PoliceDecision;
  reason?: string | null;
  policeCaseNumber?: string | null;
}

/** Filing needs the police case number; a refusal needs its reason, since it is reported to the court. */
export function decisionArg(args: DecisionArgs): { decision: PoliceDecision; reason: string | null; policeCaseNumber: string | null } {
  const reason = optionalText('reason', args.reason, 2000);
  const policeCaseNumber = optionalText('policeCaseNumber', args.policeCaseNumber, 60);
  if (args.decision === 'FILED' && !policeCaseNumber) throw badUserInput('policeCaseNumber', 'is required to file a case (立案)');
  if (args.decision === 'REFUSED' && !reason)
    throw badUserInput('reason', 'is required to refuse to file (不予立案) and is reported to the court');
  return { decision: args.decision, reason, policeCaseNumber };
}

export function referralIdArg(field: string, value: string): string {
  return textArg(field, value, 120);
}
