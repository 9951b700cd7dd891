import { generateUscc, randomDigits, type Random } from '../../domain/identifiers';
import type { CompanyEquityDocument, EquityPledge, UnlistedSharesDocument } from '../../subgraphs/market/model';
import { companyName } from '../names';
import { pickBasicCourt, type PoolParty } from '../pool';
import { addDays, logNormal } from '../world';

const PLEDGEES = [
  '中国工商银行',
  '中国农业银行',
  '中国建设银行',
  '浙商银行',
  '杭州银行',
  '宁波银行',
  '浙江省融资担保有限公司',
  '温州民商银行',
];
/** Equity custody centres of the province, by the city code they serve (others go to the provincial centre). */
const CUSTODIANS: Readonly<Record<string, { code: string; name: string }>> = {
  '02': { code: 'NBEX', name: '宁波股权交易中心' },
  '': { code: 'ZJEX', name: '浙江股权交易中心' },
};

/** A company's shareholder register as the seed fills it: capital fixed once, shares handed out until 100%. */
export interface CompanyBook {
  id: string;
  name: string;
  registeredCapital: number; // fen
  remainingBasisPoints: number;
}

export function newBook(random: Random, company: { id: string; name: string }): CompanyBook {
  // Registered capital in whole 10,000s of yuan, as registrations usually state it (万元).
  const capital = Math.max(1, Math.round(logNormal(random, 100, 1000))) * 10_000_00;
  return { id: company.id, name: company.name, registeredCapital: capital, remainingBasisPoints: 10_000 };
}

/** A company outside the pool, for when every pooled company's register is full. */
export function freshCompany(random: Random, suffix = '有限公司'): { id: string; name: string } {
  const home = pickBasicCourt(random);
  return {
    id: generateUscc(random, { divisionCode: home.divisionCode, kind: 'COMPANY' }),
    name: companyName(random, home.cityNameZh).replace(/有限公司$/, suffix),
  };
}

function pledge(random: Random, value: number, registeredOn: Date): EquityPledge | null {
  if (!random.chance(0.15)) return null;
  return { pledgee: random.pick(PLEDGEES), amount: Math.round((value * (0.3 + random.next() * 0.5)) / 100) * 100, registeredOn };
}

/** The holder's equity in the company, or null when the register has no shares left to give. */
export function companyEquity(random: Random, holder: PoolParty, book: CompanyBook, asOf: Date): CompanyEquityDocument | null {
  if (book.remainingBasisPoints < 100 || book.id === holder.id) return null;
  const wanted = random.chance(0.15) ? book.remainingBasisPoints : random.int(5, 70) * 100;
  const basisPoints = Math.min(book.remainingBasisPoints, wanted);
  book.remainingBasisPoints -= basisPoints;
  const subscribed = Math.round((book.registeredCapital * basisPoints) / 10_000);
  // Under subscription (认缴制) much capital is never paid in; unpaid capital matters for piercing.
  const paidIn = Math.round(subscribed * random.pick([0, 0, 0.2, 0.5, 1, 1]));
  const value = Math.round((subscribed * (0.2 + random.next() * 2.3)) / 100) * 100;
  const registeredOn = addDays(asOf, -random.int(100, 4000));
  const pledged = pledge(random, value, addDays(registeredOn, random.int(10, 90)));
  return {
    _id: `${book.id}:${holder.id}`,
    category: 'COMPANY_EQUITY',
    companyId: book.id,
    companyName: book.name,
    registeredCapital: book.registeredCapital,
    subscribedCapital: subscribed,
    paidInCapital: paidIn,
    sharePercent: basisPoints / 100,
    pledge: pledged,
    freezeDisclosedOn: null,
    ownerIds: [holder.id],
    estimatedValue: value,
    securedClaims: pledged?.amount ?? 0,
    registerUpdatedAt: pledged?.registeredOn ?? registeredOn,
  };
}

/** Shares of an unlisted joint-stock company (股份有限公司) held in custody. */
export function unlistedShares(random: Random, holder: PoolParty, accounts: Map<string, string>, asOf: Date): UnlistedSharesDocument {
  const custodian = CUSTODIANS[holder.home.cityCode ?? ''] ?? CUSTODIANS[''];
  const accountKey = `${custodian.code}|${holder.id}`;
  // One account per holder at a centre, whatever the number of companies held through it.
  const account = accounts.get(accountKey) ?? `${custodian.code === 'NBEX' ? '2' : '1'}${randomDigits(random, 9)}`;
  accounts.set(accountKey, account);
  const company = freshCompany(random, '股份有限公司');
  const shareCount = random.int(10, 5000) * 1000;
  const valuePerShare = random.int(100, 800);
  return {
    _id: `${custodian.code}:${account}:${company.id}`,
    category: 'UNLISTED_SHARES',
    companyId: company.id,
    companyName: company.name,
    custodian: custodian.name,
    holderAccount: account,
    shareCount,
    valuePerShare,
    ownerIds: [holder.id],
    estimatedValue: shareCount * valuePerShare,
    securedClaims: 0,
    registerUpdatedAt: addDays(asOf, -random.int(60, 2500)),
  };
}
