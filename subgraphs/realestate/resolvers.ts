import type { ResolverMap } from '../kit/resolverMaps';
import { nowOf } from '../../platform/clock';
import { parcelCode } from '../../domain/identifiers';
import { REGISTER_COLLECTIONS } from '../kit/register/model';
import { lookAtParty, type CasePartyRef } from '../kit/register/resolvers';
import { caseNumberArg, idempotencyKeyArg, partyIdArg, textArg, unitNumberArg } from '../kit/validate';
import { courtScoped, requireCaseBasis } from '../kit/auth/legalBasis';
import type { RealEstateContext } from './loaders';
import { entryOf, type LandUseRightDocument, type TitleTransferEntry, type UnitDocument } from './model';
import { transferTitle, type TitleTransferRequest } from './titleTransfer';

const owned = (doc: { ownerIds: string[]; owners?: { partyId: string; shareBasisPoints: number }[] }) =>
  (doc.owners ?? doc.ownerIds.map((partyId) => ({ partyId, shareBasisPoints: 10_000 }))).map((owner) => ({
    partyId: owner.partyId,
    sharePercent: owner.shareBasisPoints / 100,
  }));

/** A transfer as the API shows it: the unit's history entry with the unit it belongs to. */
type TransferView = TitleTransferEntry & { unitId: string };

/**
 * Every field checked, then the court's notice for the case: only its officer or a division head of its
 * court may order the transfer, and the transfer itself checks that this case holds the active seal.
 */
function transferRequestArg(ctx: RealEstateContext, input: TitleTransferRequest & { basis: string }): TitleTransferRequest {
  const request = {
    unitId: unitNumberArg('input.unitId', input.unitId),
    caseNumber: caseNumberArg('input.caseNumber', input.caseNumber),
    buyerId: partyIdArg('input.buyerId', input.buyerId),
    rulingNumber: textArg('input.rulingNumber', input.rulingNumber, 100),
    taxClearanceCertificate: input.taxClearanceCertificate,
    idempotencyKey: idempotencyKeyArg('input.idempotencyKey', input.idempotencyKey),
  };
  const basis = requireCaseBasis(ctx, input.basis, request.caseNumber);
  return { ...request, idempotencyKey: courtScoped(basis.courtCode, request.idempotencyKey) };
}

export const realEstateResolvers: ResolverMap<RealEstateContext> = {
  Mutation: {
    transferRealEstateTitle: async (_: unknown, args: { input: TitleTransferRequest & { basis: string } }, ctx: RealEstateContext): Promise<TransferView> => {
      const request = transferRequestArg(ctx, args.input);
      const registers = {
        units: ctx.register.repository.db.collection<UnitDocument>(REGISTER_COLLECTIONS.assets),
        controls: ctx.register.repository.controls,
        titleTransfers: ctx.titleTransfers,
      };
      const transfer = await transferTitle(registers, request, nowOf(ctx));
      return { ...entryOf(transfer), unitId: transfer.unitId };
    },
  },
  CaseParty: {
    realEstate: (ref: CasePartyRef, _: unknown, ctx: RealEstateContext) =>
      lookAtParty(
        ctx, ref, { answeredBy: 'REALESTATE', categories: ['REAL_ESTATE'], operation: 'CaseParty.realEstate' },
        async () => (await ctx.register.assetsByOwner.load(ref.partyId)).filter((asset) => asset.category === 'REAL_ESTATE'),
        (units) => units.length,
      ),
  },
  RealEstateUnit: {
    parcelCode: (unit: UnitDocument) => parcelCode(unit._id),
    owners: owned,
    titleTransfers: (unit: UnitDocument): TransferView[] => (unit.titleTransfers ?? []).map((entry) => ({ ...entry, unitId: unit._id })),
  },
  RealEstateTitleTransfer: {
    unit: (transfer: TransferView, _: unknown, ctx: RealEstateContext) => ctx.register.assetById.load(transfer.unitId),
    previousOwners: (transfer: TransferView) => owned({ ownerIds: [], owners: transfer.previousOwners }),
    endedControls: (transfer: TransferView, _: unknown, ctx: RealEstateContext) => ctx.register.controlById.loadMany(transfer.endedControlIds),
  },
  LandUseRight: {
    owners: owned,
    termEndsOn: (land: LandUseRightDocument) => land.termEndsOn,
  },
};
