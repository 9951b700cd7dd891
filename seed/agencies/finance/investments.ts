import { randomDigits } from '../../../domain/identifiers';
import type {
  BrokerCashDocument,
  FundUnitsDocument,
  FuturesMarginDocument,
  InsurancePolicyDocument,
  SecuritiesDocument,
} from '../../../subgraphs/finance/model';
import type { PoolParty } from '../../pool';
import { addDays } from '../../world';
import { BROKERS, FUNDS, FUTURES_COMPANIES, INSURANCE_PRODUCTS, INSURERS, SECURITIES } from './catalogue';
import { recently, uniqueId, yuan, type Draw } from './draw';

/** 一码通 account: 12 digits issued by the securities depository (中国结算); no check digit is published. */
function securitiesAccountNumber(draw: Draw): string {
  return `${draw.random.int(1, 9)}${randomDigits(draw.random, 11)}`;
}

/** Listed shares trade in lots of 100. */
const lots = (shares: number) => Math.max(100, Math.round(shares / 100) * 100);

export function brokerCash(draw: Draw, owner: PoolParty, broker = draw.random.pick(BROKERS)): BrokerCashDocument {
  const { random } = draw;
  return {
    _id: uniqueId(draw, () => `${random.int(1000, 9999)}${randomDigits(random, 8)}`),
    category: 'BROKER_CASH',
    ownerIds: [owner.id],
    broker,
    estimatedValue: random.chance(0.4) ? random.int(0, 1000_00) : yuan(random, 5_000, 100_000),
    securedClaims: 0,
    registerUpdatedAt: recently(draw),
  };
}

/** One 一码通 account with one to four listed shares, and the cash account beside it at the same broker. */
export function securitiesAccount(draw: Draw, owner: PoolParty): (SecuritiesDocument | BrokerCashDocument)[] {
  const { random } = draw;
  const account = uniqueId(draw, () => securitiesAccountNumber(draw));
  const broker = random.pick(BROKERS);
  const pledges = random.chance(owner.kind === 'PERSON' ? 0.05 : 0.25);
  const codes = new Set(Array.from({ length: random.int(1, 4) }, () => random.pick(SECURITIES)));
  const holdings = [...codes].map(([securityCode, securityName, price]): SecuritiesDocument => {
    const quantity = lots(yuan(random, 50_000, 500_000) / 100 / price);
    const pledgedQuantity = pledges ? lots(quantity * (0.3 + random.next() * 0.5)) : 0;
    const value = quantity * price * 100;
    const id = `${account}:${securityCode}`;
    draw.taken.add(id); // fund ids share the shape account:code and must not collide with these
    return {
      _id: id,
      category: 'SECURITIES',
      ownerIds: [owner.id],
      broker,
      securityCode,
      securityName,
      quantity,
      pledgedQuantity,
      estimatedValue: value,
      // The pledgee (质权人) ranks ahead of a court for the pledged part.
      securedClaims: Math.floor((value * pledgedQuantity) / quantity),
      registerUpdatedAt: recently(draw),
    };
  });
  return [...holdings, brokerCash(draw, owner, broker)];
}

export function fundUnits(draw: Draw, owner: PoolParty): FundUnitsDocument {
  const { random } = draw;
  const [fundManager, fundCode, fundName, netAssetValue] = random.pick(FUNDS);
  const units = Math.round((yuan(random, 30_000, 300_000) / 100 / netAssetValue) * 100) / 100;
  return {
    _id: uniqueId(draw, () => `${randomDigits(random, 12)}:${fundCode}`),
    category: 'FUND_UNITS',
    ownerIds: [owner.id],
    fundManager,
    fundCode,
    fundName,
    units,
    netAssetValue,
    estimatedValue: Math.round(units * netAssetValue * 100),
    securedClaims: 0,
    registerUpdatedAt: recently(draw, 3),
  };
}

export function futuresMargin(draw: Draw, owner: PoolParty): FuturesMarginDocument {
  const { random } = draw;
  const company = random.int(0, FUTURES_COMPANIES.length - 1);
  return {
    // The company's member number leads, so account numbers of different companies cannot collide.
    _id: uniqueId(draw, () => `${String(company + 1).padStart(4, '0')}${randomDigits(random, 8)}`),
    category: 'FUTURES_MARGIN',
    ownerIds: [owner.id],
    futuresCompany: FUTURES_COMPANIES[company],
    estimatedValue: yuan(random, 50_000, 1_000_000),
    securedClaims: 0,
    registerUpdatedAt: recently(draw, 5),
  };
}

export function insurancePolicy(draw: Draw, owner: PoolParty): InsurancePolicyDocument {
  const { random, asOf } = draw;
  const issuedOn = addDays(asOf, -random.int(100, 5000));
  return {
    _id: uniqueId(draw, () => `${issuedOn.getUTCFullYear()}${owner.home.divisionCode}${randomDigits(random, 10)}`),
    category: 'INSURANCE_CASH_VALUE',
    ownerIds: [owner.id],
    insurer: random.pick(INSURERS),
    productName: random.pick(INSURANCE_PRODUCTS),
    estimatedValue: yuan(random, 15_000, 150_000),
    securedClaims: 0,
    registerUpdatedAt: issuedOn,
  };
}
