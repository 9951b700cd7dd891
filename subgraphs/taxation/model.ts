import type { AssetDocument } from '../kit/register/model';

/** Documents of the tax bureau's own database: refunds in the shared asset collection, plus taxpayers and clearances. */

export type TaxRefundType = 'VAT_RETENTION_REFUND' | 'INDIVIDUAL_INCOME_TAX_REFUND' | 'EXPORT_REBATE';

/** APPROVED refunds wait to be paid out of the treasury (退库) and can be frozen; PAID ones have left it. */
export type TaxRefundStatus = 'APPROVED' | 'PAID';

/** 退税: a refund the bureau has approved and owes the taxpayer, keyed by its refund number. */
export interface TaxRefundDocument extends AssetDocument {
  category: 'TAX_REFUND';
  /** 纳税人识别号: the citizen ID or USCC of the owner. */
  taxpayerNumber: string;
  taxType: TaxRefundType;
  /** The period the refund is for: a year for income tax (汇算), a month YYYY-MM for VAT and export rebates. */
  taxPeriod: string;
  amountPayable: number; // fen
  approvedOn: Date;
  status: TaxRefundStatus;
}

export type TaxationAsset = TaxRefundDocument;

export type TaxpayerStatus = 'NORMAL' | 'ABNORMAL' | 'DEREGISTERED';

/** 纳税信用等级: graded for organisations only. */
export type TaxCreditRating = 'A' | 'B' | 'M' | 'C' | 'D';

/** 税务登记: one registered taxpayer, keyed by the taxpayer number (= the party id). */
export interface TaxpayerDocument {
  _id: string;
  taxpayerStatus: TaxpayerStatus;
  creditRating: TaxCreditRating | null;
  /** 欠税: taxes assessed and not paid, in fen. */
  taxOwed: number;
  lastFiledOn: Date | null;
  registeredAuthority: string;
}

/** 完税: the taxes on transferring an auctioned unit's title, keyed by `${caseNumber}|${unitId}`. */
export interface ClearanceDocument {
  _id: string;
  caseNumber: string;
  unitId: string;
  taxAuthority: string;
  assessedOn: Date;
  taxDue: number; // fen
  taxPaid: number; // fen
  settledOn: Date | null;
}

export const TAXATION_COLLECTIONS = { taxpayers: 'taxpayers', clearances: 'clearances' } as const;

export function clearanceId(caseNumber: string, unitId: string): string {
  return `${caseNumber}|${unitId}`;
}
