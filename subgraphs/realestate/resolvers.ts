import type { ResolverMap } from '../kit/resolverMaps';
import { nowOf } from '../../platform/clock';
import { badUserInput } from '../../platform/errors';
import { parcelCode } from '../../domain/identifiers';
import { REGISTER_COLLECTIONS } from '../kit/register/model';
import { lookAtParty, type CasePartyRef } from '../kit/register/resolvers';
import { idempotencyKeyArg, pageSizeArg, textArg } from '../kit/validate';
import { courtScoped, requireCaseBasis } from '../kit/auth/legalBasis';
import { checkTransferNotice } from '../kit/auth/transferNotice';
import { workListPage, type WorkList } from '../kit/workList';
import type { RealEstateContext } from './loaders';
import type {
  LandUseRightDocument,
  TitleTransferDocument,
  TitleTransferEntry,
  TitleTransferState,
  TransferPerformed,
  UnitDocument,
} from './model';
import { performTitleTransfer, requestTitleTransfer, type Registers, type TitleTransferRequest } from './titleTransfer';

const owned = (doc: { ownerIds: string[]; owners?: { partyId: string; shareBasisPoints: number }[] }) =>
  (doc.owners ?? doc.ownerIds.map((partyId) => ({ partyId, shareBasisPoints: 10_000 }))).map((owner) => ({
    partyId: owner.partyId,
    sharePercent: owner.shareBasisPoints / 100,
  }));

/** A transfer as the API shows it: requested or performed, with the unit it belongs to. */
interface TransferView {
  id: string;
  unitId: string;
  state: TitleTransferState;
  caseNumber: string;
  rulingNumber: string;
  buyerId: string;
  price: number | null;
  requestedAt: Date | null;
  previousOwners: TransferPerformed['previousOwners'];
  transferredAt: Date | null;
  taxSettledOn: string | null;
  taxPaid: number | null;
  endedControlIds: string[];
}

function viewOf(transfer: TitleTransferDocument): TransferView {
  const { _id: id, unitId, state, caseNumber, rulingNumber, buyerId, price, requestedAt, performed } = transfer;
  const done = performed ?? { previousOwners: [], transferredAt: null, taxSettledOn: null, taxPaid: null, endedControlIds: [] };
  return { id, unitId, state, caseNumber, rulingNumber, buyerId, price, requestedAt, ...done };
}

/** A unit's history entry: every entry is a performed transfer (entries written before requests existed have no price). */
const viewOfEntry = (unitId: string, entry: TitleTransferEntry): TransferView => ({
  ...entry,
  unitId,
  state: 'TRANSFERRED',
  price: entry.price ?? null,
  requestedAt: entry.requestedAt ?? null,
});

const registersOf = (ctx: RealEstateContext): Registers => ({
  units: ctx.register.repository.db.collection<UnitDocument>(REGISTER_COLLECTIONS.assets),
  controls: ctx.register.repository.controls,
  titleTransfers: ctx.titleTransfers,
});

interface TransferRequestInput {
  transferNotice: string;
  basis: string;
  idempotencyKey: string;
}

/**
 * The court's two notices, both checked before anything is read: the notice for the case names the
 * caller (its officer or a division head of its court), the transfer notice what the court confirmed.
 */
function transferRequestArg(ctx: RealEstateContext, input: TransferRequestInput): TitleTransferRequest {
  const idempotencyKey = idempotencyKeyArg('input.idempotencyKey', input.idempotencyKey);
  const notice = checkTransferNotice(input.transferNotice, nowOf(ctx));
  if (typeof notice === 'string') throw badUserInput('input.transferNotice', notice);
  const basis = requireCaseBasis(ctx, input.basis, notice.caseNumber);
  return { basis, notice, idempotencyKey: courtScoped(basis.courtCode, idempotencyKey) };
}

/** The registry's pending work: requested transfers, oldest first. */
const REQUESTED: WorkList<TitleTransferDocument> = { parts: [{ name: 'REQUESTED', filter: { state: 'REQUESTED' } }], time: 'requestedAt' };

export const realEstateResolvers: ResolverMap<RealEstateContext> = {
  Mutation: {
    requestRealEstateTitleTransfer: async (
      _: unknown,
      args: { input: TransferRequestInput },
      ctx: RealEstateContext,
    ): Promise<TransferView> => viewOf(await requestTitleTransfer(registersOf(ctx), transferRequestArg(ctx, args.input), nowOf(ctx))),
    transferRealEstateTitle: async (
      _: unknown,
      args: { id: string; taxClearanceCertificate: string },
      ctx: RealEstateContext,
    ): Promise<TransferView> =>
      viewOf(await performTitleTransfer(registersOf(ctx), textArg('id', args.id, 200), args.taxClearanceCertificate, nowOf(ctx))),
  },
  Query: {
    realEstateTitleTransferRequests: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: RealEstateContext) => {
      const page = await workListPage(ctx.titleTransfers, REQUESTED, pageSizeArg('first', args.first ?? 50, 500), args.after);
      return { ...page, nodes: page.nodes.map(viewOf) };
    },
  },
  CaseParty: {
    realEstate: (ref: CasePartyRef, _: unknown, ctx: RealEstateContext) =>
      lookAtParty(
        ctx,
        ref,
        { answeredBy: 'REALESTATE', categories: ['REAL_ESTATE'], operation: 'CaseParty.realEstate' },
        async () => (await ctx.register.assetsByOwner.load(ref.partyId)).filter((asset) => asset.category === 'REAL_ESTATE'),
        (units) => units.length,
      ),
  },
  RealEstateUnit: {
    parcelCode: (unit: UnitDocument) => parcelCode(unit._id),
    owners: owned,
    titleTransfers: (unit: UnitDocument): TransferView[] => (unit.titleTransfers ?? []).map((entry) => viewOfEntry(unit._id, entry)),
  },
  RealEstateTitleTransfer: {
    unit: (transfer: TransferView, _: unknown, ctx: RealEstateContext) => ctx.register.assetById.load(transfer.unitId),
    previousOwners: (transfer: TransferView) => owned({ ownerIds: [], owners: transfer.previousOwners }),
    endedControls: (transfer: TransferView, _: unknown, ctx: RealEstateContext) =>
      ctx.register.controlById.loadMany(transfer.endedControlIds),
  },
  LandUseRight: {
    owners: owned,
    termEndsOn: (land: LandUseRightDocument) => land.termEndsOn,
  },
};
