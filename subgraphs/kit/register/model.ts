/**
 * The documents every agency register keeps: assets of several categories in one collection
 * (so the assets of a party are one query, whatever the categories) and the control measures on them.
 */
import type { AssetCategory, ControlMeasure } from '../../../domain/assets';

/** ACTIVE/WAITING/PENDING follow from the queue; the rest are where a measure ended. */
export type ControlStatus = 'ACTIVE' | 'WAITING' | 'PENDING' | 'LAPSED' | 'RELEASED' | 'DISPOSED' | 'REJECTED';
/** Where a request stands with the agency (domain.md, "A request to an agency"). */
export type RequestState = 'RECEIVED' | 'ACKNOWLEDGED' | 'EXECUTED' | 'PARTIAL' | 'REJECTED';
/** IN_QUEUE while the measure binds the asset or waits to; the others end it. */
export type ControlState = 'IN_QUEUE' | 'RELEASED' | 'LAPSED' | 'DISPOSED' | 'REJECTED';

/** Fields every asset document has; each agency adds its category-specific ones. */
export interface AssetDocument {
  _id: string; // the register's identifier of the asset
  category: AssetCategory;
  ownerIds: string[];
  estimatedValue: number | null; // fen
  /** Claims ranking ahead of a court on this asset (mortgage, pledge), in fen. */
  securedClaims: number;
  /** Shares of co-owned assets in basis points; absent where the register records one holder per asset. */
  owners?: { partyId: string; shareBasisPoints: number }[];
  /** Deductions already taken off the balance, so a retried deduction lowers it only once. */
  appliedDeductions?: string[];
  registerUpdatedAt: Date;
}

export interface ControlDocument {
  _id: string;
  assetId: string;
  category: AssetCategory;
  caseNumber: string;
  partyId: string;
  courtCode: string;
  measure: ControlMeasure;
  /** Receipt order on the asset, unique per asset: the queue is ordered by it (requests received in one millisecond, in the order the register took them). */
  seq: number;
  state: ControlState;
  /** The case number while the measure is in the queue (unique per asset: one measure per case), closed:<id> after. */
  claim: string;
  requestState: RequestState;
  /** Snapshot of the place in the queue; readers derive it from the queue (see queue.ts). */
  status: ControlStatus;
  rank: number;
  documentNumber: string;
  idempotencyKey: string;
  amount: number | null; // fen, for measures on money
  executedAmount?: number | null;
  /** Freezes: what has been deducted under this measure, and the transfer references it went out under (finance/deductions.ts). */
  deducted?: number;
  deductionReferences?: string[];
  /** An indivisible asset worth more than the debt plus costs, sealed whole. */
  exceedsDebt?: boolean;
  officer?: { name: string; phone: string } | null;
  feedback?: string | null;
  rejectReason?: string | null;
  requestedAt: Date;
  /** Receipt by the agency's system: fixes the rank and is never re-stamped. */
  acknowledgedAt: Date | null;
  /** When agency staff took the request up. */
  handledAt?: Date | null;
  executedAt: Date | null;
  /** When the measure became first and its period started. */
  activatedAt?: Date | null;
  expiresAt: Date | null;
  releasedAt?: Date | null;
  releaseDocumentNumber?: string | null;
  renewals?: { renewedAt: Date; documentNumber: string; expiresAt: Date }[];
}

export type InvestigationState = 'REQUESTED' | 'ANSWERED';

/** 查询: a court's question to the register about what a party holds in it, and the agency's answer. */
export interface InvestigationDocument {
  /** Follows from the idempotency key, so a retried request can only ever be recorded once. */
  _id: string;
  idempotencyKey: string;
  caseNumber: string;
  courtCode: string;
  partyId: string;
  officer: { name: string; phone: string };
  state: InvestigationState;
  requestedAt: Date;
  /** Fixed at the request from the configuration of the day, so a later change moves no running deadline. */
  dueAt: Date;
  escalatesAt: Date;
  answeredAt: Date | null;
  feedback: string | null;
  /** The party's assets in this register when the agency answered: null until then. */
  assetIds: string[] | null;
}

export const REGISTER_COLLECTIONS = { assets: 'assets', controls: 'controls', investigations: 'investigations' } as const;
