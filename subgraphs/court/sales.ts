import type { Collection, Db } from 'mongodb';
import { nowOf } from '../../platform/clock';
import { badUserInput, domainError, ErrorCode } from '../../platform/errors';
import { identityOf } from '../../platform/identity';
import { forbidden } from '../kit/auth/rules';
import { attestTransferNotice } from '../kit/auth/transferNotice';
import { isDuplicateKey, type IndexDeclaration } from '../kit/mongo';
import type { ResolverMap } from '../kit/resolverMaps';
import { amountArg, caseNumberArg, partyIdArg, textArg, unitNumberArg } from '../kit/validate';
import { isCaseOfYours, requireLegalBasis } from './access';
import type { CourtContext } from './loaders';
import type { CaseDocument, CaseNode } from './model';

/** 成交确认: the court's own record of a ruling confirming a sale; the registry acts on its signed notice. */
export interface SaleDocument {
  /** `<case number>/<unit>`: one confirmed sale per case and unit. */
  _id: string;
  courtCode: string;
  caseNumber: string;
  unitId: string;
  buyerId: string;
  price: number; // fen
  rulingNumber: string;
  confirmedAt: Date;
}

type SaleDraft = Omit<SaleDocument, '_id' | 'courtCode' | 'confirmedAt'>;

const SALES = 'sales';
export const saleIndexes: readonly IndexDeclaration[] = [{ collection: SALES, key: { caseNumber: 1, confirmedAt: 1 } }];

const salesOf = (db: Db): Collection<SaleDocument> => db.collection<SaleDocument>(SALES);

// The nodes a case passes before its sale is confirmed: confirming moves it on, never back.
const BEFORE_SALE: CaseNode[] = ['FILED', 'NOTICE_SERVED', 'INVESTIGATION_AND_CONTROL', 'CREDIT_SANCTIONS', 'VALUATION', 'AUCTION'];

function saleDraftArg(input: SaleDraft): SaleDraft {
  return {
    caseNumber: caseNumberArg('input.caseNumber', input.caseNumber),
    unitId: unitNumberArg('input.unitId', input.unitId),
    buyerId: partyIdArg('input.buyerId', input.buyerId),
    price: amountArg('input.price', input.price),
    rulingNumber: textArg('input.rulingNumber', input.rulingNumber, 100),
  };
}

function sameSale(found: SaleDocument, draft: SaleDraft): SaleDocument {
  if (found.buyerId === draft.buyerId && found.price === draft.price && found.rulingNumber === draft.rulingNumber) return found;
  throw domainError(
    ErrorCode.INVALID_TRANSITION,
    `the sale of ${draft.unitId} in ${draft.caseNumber} was already confirmed by ruling ${found.rulingNumber}`,
    {
      field: 'input.unitId',
      state: 'SALE_CONFIRMED',
    },
  );
}

/** The case's timeline gains the ruling once; its node moves to SALE_CONFIRMED unless it is already past it. */
async function recordOnCase(cases: Collection<CaseDocument>, sale: SaleDocument): Promise<void> {
  const note = `${sale.rulingNumber}: ${sale.unitId}`;
  const theCase = await cases.findOne({ _id: sale.caseNumber }, { projection: { timeline: 1 } });
  if (theCase?.timeline.some((entry) => entry.node === 'SALE_CONFIRMED' && entry.note === note)) return;
  await cases.updateOne({ _id: sale.caseNumber }, { $push: { timeline: { node: 'SALE_CONFIRMED', enteredAt: sale.confirmedAt, note } } });
  await cases.updateOne({ _id: sale.caseNumber, currentNode: { $in: BEFORE_SALE } }, { $set: { currentNode: 'SALE_CONFIRMED' } });
}

/**
 * Records the ruling through a case of the caller's, checked before anything is written and refused in the
 * same words whether the case is another court's or does not exist. The unique id decides a race; the
 * loser, and any retry, gets the original (and completes the timeline if the first stopped half way).
 */
async function confirmSale(input: SaleDraft, ctx: CourtContext): Promise<SaleDocument> {
  const draft = saleDraftArg(input);
  const theCase = await ctx.caseByNumber.load(draft.caseNumber);
  if (!theCase || !isCaseOfYours(identityOf(ctx), theCase))
    throw forbidden(`no legal basis to act through ${draft.caseNumber}: not a case of yours`);
  const sales = salesOf(ctx.db);
  const sale: SaleDocument = {
    _id: `${draft.caseNumber}/${draft.unitId}`,
    courtCode: theCase.courtCode,
    ...draft,
    confirmedAt: nowOf(ctx),
  };
  const original = await sales.findOne({ _id: sale._id });
  if (original) {
    await recordOnCase(ctx.repository.cases, sameSale(original, draft));
    return original;
  }
  if (theCase.status !== 'OPEN') {
    throw domainError(
      ErrorCode.INVALID_TRANSITION,
      `cannot confirm a sale in case ${draft.caseNumber}: it is ${theCase.status}, not OPEN`,
      { field: 'input.caseNumber', state: theCase.status },
    );
  }
  // 被执行人不得竞买: the debtor may not buy its own property at the auction.
  if (theCase.respondentIds.includes(draft.buyerId))
    throw badUserInput('input.buyerId', `is a respondent of ${draft.caseNumber}, who may not buy at its auction`);
  try {
    await sales.insertOne(sale);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await sales.findOne({ _id: sale._id });
    if (!winner) throw error;
    return sameSale(winner, draft);
  }
  await recordOnCase(ctx.repository.cases, sale);
  return sale;
}

export const saleResolvers: ResolverMap<CourtContext> = {
  Mutation: {
    confirmSale: (_: unknown, args: { input: SaleDraft }, ctx: CourtContext) => confirmSale(args.input, ctx),
  },
  EnforcementCase: {
    confirmedSales: (doc: CaseDocument, _: unknown, ctx: CourtContext) => {
      requireLegalBasis(ctx, doc);
      return salesOf(ctx.db).find({ caseNumber: doc._id }).sort({ confirmedAt: 1, _id: 1 }).toArray();
    },
  },
  ConfirmedSale: {
    id: (sale: SaleDocument) => sale._id,
    transferNotice: (sale: SaleDocument) => attestTransferNotice(sale),
  },
};
