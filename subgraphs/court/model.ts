/** Documents of the court's own database. Ids are the identifiers the court already uses. */

export type CaseType =
  'FIRST_ENFORCEMENT' | 'RESUMED' | 'PRESERVATION' | 'OBJECTION' | 'REVIEW' | 'SUPERVISION' | 'COORDINATION' | 'REQUEST_FOR_INSTRUCTIONS';

export type CaseNode =
  | 'FILED'
  | 'NOTICE_SERVED'
  | 'INVESTIGATION_AND_CONTROL'
  | 'CREDIT_SANCTIONS'
  | 'VALUATION'
  | 'AUCTION'
  | 'SALE_CONFIRMED'
  | 'TITLE_TRANSFER'
  | 'PROCEEDS_PAID'
  | 'CLOSED';

export type CaseStatus = 'OPEN' | 'FULLY_ENFORCED' | 'CLOSED_FOR_NOW' | 'TERMINATED' | 'WITHDRAWN' | 'REJECTED';

export type PartyRole = 'APPLICANT' | 'RESPONDENT';

export interface CaseNodeEntry {
  node: CaseNode;
  enteredAt: Date;
  note?: string;
}

export interface CaseDocument {
  _id: string; // the case number, e.g. （2024）浙0102执1234号
  year: number;
  courtCode: string;
  type: CaseType;
  sequence: number;
  officerId: string;
  applicantIds: string[];
  respondentIds: string[];
  amountOwed: number; // fen
  filedAt: Date;
  status: CaseStatus;
  currentNode: CaseNode;
  timeline: CaseNodeEntry[];
}

export interface PartyDocument {
  _id: string; // citizen ID or USCC
  kind: 'PERSON' | 'ORGANISATION';
  name: string;
}

export interface OfficerDocument {
  _id: string;
  name: string;
  courtCode: string;
}

export const COLLECTIONS = { cases: 'cases', parties: 'parties', officers: 'officers' } as const;
