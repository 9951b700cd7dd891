import type { PatentKind } from '../../domain/identifiers';
import type { AssetDocument } from '../kit/register/model';

/** Documents of the market regulator's database: equity, custodied shares and IP in one collection. */

/** 股权出质: a registered pledge of equity; the pledgee ranks ahead of a court. */
export interface EquityPledge {
  pledgee: string;
  amount: number; // fen
  registeredOn: Date;
}

/** 股权: one holder's equity in a limited company, keyed by the company's USCC + ':' + the holder's id. */
export interface CompanyEquityDocument extends AssetDocument {
  category: 'COMPANY_EQUITY';
  companyId: string;
  companyName: string;
  registeredCapital: number; // fen, the company's
  subscribedCapital: number; // fen, the holder's (认缴)
  paidInCapital: number; // fen, the holder's (实缴)
  sharePercent: number;
  pledge: EquityPledge | null;
  /** When the freeze was published in the enterprise credit information publicity system; null unless frozen. */
  freezeDisclosedOn: Date | null;
}

/** 非上市股份: shares of an unlisted company held in custody, keyed by custodian code, holder account and company. */
export interface UnlistedSharesDocument extends AssetDocument {
  category: 'UNLISTED_SHARES';
  companyId: string;
  companyName: string;
  custodian: string;
  holderAccount: string;
  shareCount: number;
  valuePerShare: number; // fen
}

export type IntellectualPropertyKind = PatentKind | 'TRADEMARK' | 'SOFTWARE_COPYRIGHT';

/** 知识产权: a patent, trademark or software copyright, keyed by its registration number. */
export interface IntellectualPropertyDocument extends AssetDocument {
  category: 'INTELLECTUAL_PROPERTY';
  kind: IntellectualPropertyKind;
  title: string;
  registeredOn: Date;
  expiresOn: Date;
  /** An exclusive licence (独占许可) binds a buyer at auction and lowers the value. */
  licensed: boolean;
}

export type MarketAsset = CompanyEquityDocument | UnlistedSharesDocument | IntellectualPropertyDocument;
