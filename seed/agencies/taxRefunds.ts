import { formatTaxRefundNumber, type Random } from '../../domain/identifiers';
import type { ControlDocument } from '../../subgraphs/kit/register/model';
import { expiryOf } from '../../domain/timeLimits';
import type { TaxpayerDocument, TaxRefundDocument, TaxRefundType } from '../../subgraphs/taxation/model';
import { addDays, DAY_MS, logNormal } from '../world';

const HOUR_MS = 3_600_000;

/** Legal dates are stored as midnight UTC. */
export function day(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function refundAmount(random: Random, taxType: TaxRefundType): number {
  if (taxType === 'INDIVIDUAL_INCOME_TAX_REFUND') return Math.min(8_000, Math.max(100, Math.round(logNormal(random, 800, 3_000)))) * 100;
  const [median, p90] = taxType === 'VAT_RETENTION_REFUND' ? [300_000, 3_000_000] : [150_000, 1_500_000];
  return Math.round(logNormal(random, median, p90)) * 100;
}

export class RefundBook {
  readonly refunds: TaxRefundDocument[] = [];
  private readonly sequences = new Map<string, number>();

  constructor(
    private readonly random: Random,
    private readonly asOf: Date,
  ) {}

  add(record: TaxpayerDocument, taxType: TaxRefundType): TaxRefundDocument {
    const refund = this.draw(record, taxType);
    this.refunds.push(refund);
    return refund;
  }

  /**
   * A refund not yet in `refunds`, for a caller that adds it itself (ensureEachCategoryHeld); its number
   * is taken all the same. Refunds are paid within weeks of approval, so only recent approvals are still payable.
   */
  draw(record: TaxpayerDocument, taxType: TaxRefundType): TaxRefundDocument {
    const random = this.random;
    const approvedOn = day(addDays(this.asOf, -random.int(1, 60)));
    const year = approvedOn.getUTCFullYear();
    const sequence = (this.sequences.get(`${record._id}|${year}`) ?? 0) + 1;
    this.sequences.set(`${record._id}|${year}`, sequence);
    const amount = refundAmount(random, taxType);
    const month = addDays(approvedOn, -random.int(20, 50));
    const refund: TaxRefundDocument = {
      _id: formatTaxRefundNumber({ taxpayerNumber: record._id, year, sequence }),
      category: 'TAX_REFUND',
      taxpayerNumber: record._id,
      taxType,
      taxPeriod: taxType === 'INDIVIDUAL_INCOME_TAX_REFUND' ? String(year - 1) : month.toISOString().slice(0, 7),
      amountPayable: amount,
      approvedOn,
      status: 'APPROVED',
      ownerIds: [record._id],
      estimatedValue: amount,
      // A refund is first set off against the taxpayer's own arrears (征管法实施细则 art. 79), ahead of any court.
      securedClaims: Math.min(record.taxOwed, amount),
      registerUpdatedAt: approvedOn,
    };
    if (taxType === 'INDIVIDUAL_INCOME_TAX_REFUND') record.lastFiledOn = day(addDays(approvedOn, -random.int(1, 10)));
    return refund;
  }
}

/**
 * A freeze cannot precede the refund it binds: the court's periodic re-query finds the refund once approved.
 * Each measure moves to no earlier than the day after approval, keeping the order (and so the ranks) it had.
 */
export function freezesAfterApproval(refunds: readonly TaxRefundDocument[], controls: ControlDocument[], asOf: Date): void {
  const approved = new Map(refunds.map((refund) => [refund._id, refund.approvedOn.getTime()]));
  const byAsset = new Map<string, ControlDocument[]>();
  for (const control of controls) byAsset.set(control.assetId, [...(byAsset.get(control.assetId) ?? []), control]);
  for (const [assetId, queue] of byAsset) {
    // The earliest a request can go out is the day after approval; each one behind goes out at least an hour after the receipt ahead of it.
    let earliest = (approved.get(assetId) ?? 0) + DAY_MS;
    for (const control of queue.sort((a, b) => a.rank - b.rank)) {
      const shift = Math.max(0, earliest - control.requestedAt.getTime());
      const at = (date: Date | null) => (date ? new Date(Math.min(asOf.getTime(), date.getTime() + shift)) : null);
      Object.assign(control, {
        requestedAt: at(control.requestedAt),
        acknowledgedAt: at(control.acknowledgedAt),
        executedAt: at(control.executedAt),
      });
      if (control.rank === 0) control.expiresAt = expiryOf(control.category, control.executedAt as Date);
      earliest = (control.acknowledgedAt as Date).getTime() + HOUR_MS;
    }
  }
}
