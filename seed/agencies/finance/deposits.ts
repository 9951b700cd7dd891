import { BANK_PREFIXES, generateBankCard, generatePhone, randomChars, randomDigits, weightedPick } from '../../../domain/identifiers';
import type {
  BankDepositDocument,
  DigitalCurrencyDocument,
  OnlinePaymentDocument,
  PaymentPlatform,
  WealthProductDocument,
} from '../../../subgraphs/finance/model';
import type { PoolParty } from '../../pool';
import { addDays } from '../../world';
import { BANK_NAMES, ECNY_OPERATORS, PAYMENT_PLATFORMS, WALLET_BALANCE_CAPS, WEALTH_PRODUCT_NAMES } from './catalogue';
import { cityOf, recently, uniqueId, yuan, type Draw } from './draw';

/** domain.md: 70% of balances are under ¥1,000; the rest follow a log-normal tail, larger for organisations. */
function depositBalance(draw: Draw, person: boolean): number {
  const { random } = draw;
  if (random.chance(0.7)) return Math.floor(random.next() ** 2 * 1000_00);
  return 1000_00 + (person ? yuan(random, 10_000, 200_000) : yuan(random, 50_000, 2_000_000));
}

export function bankDeposit(draw: Draw, owner: PoolParty): BankDepositDocument {
  const { random } = draw;
  const code = random.pick(BANK_PREFIXES).bank;
  const bank = BANK_NAMES[code];
  const person = owner.kind === 'PERSON';
  return {
    _id: uniqueId(draw, () => generateBankCard(random, { bank: code })),
    category: 'BANK_DEPOSIT',
    ownerIds: [owner.id],
    bank,
    branch: `${bank}${cityOf(owner)}${owner.home.divisionName}支行`,
    accountType: random.chance(0.85) ? (person ? 'DEBIT_CARD' : 'CURRENT') : 'TIME_DEPOSIT',
    estimatedValue: depositBalance(draw, person),
    securedClaims: 0,
    registerUpdatedAt: recently(draw),
  };
}

export function wealthProduct(draw: Draw, owner: PoolParty): WealthProductDocument {
  const { random, asOf } = draw;
  const code = random.pick(BANK_PREFIXES).bank;
  const boughtOn = addDays(asOf, -random.int(10, 360));
  const id = uniqueId(draw, () => `${code}${String(boughtOn.getUTCFullYear()).slice(2)}${randomDigits(random, 4)}:${owner.id}`);
  return {
    _id: id,
    category: 'WEALTH_PRODUCT',
    ownerIds: [owner.id],
    bank: BANK_NAMES[code],
    productCode: id.split(':')[0],
    productName: `${BANK_NAMES[code]}${random.pick(WEALTH_PRODUCT_NAMES)}${random.int(1, 30)}号人民币理财产品`,
    // Bought in round thousands of yuan, at least ¥10,000 (practice: smaller purchases are rare).
    estimatedValue: Math.max(10, Math.round(yuan(random, 100_000, 1_000_000) / 100_000)) * 100_000,
    securedClaims: 0,
    maturesOn: addDays(asOf, random.int(7, 720)),
    registerUpdatedAt: boughtOn,
  };
}

/** A person keeps one mobile number across platforms, so a phone lookup finds all their accounts. */
export function phoneOf(draw: Draw, owner: PoolParty): string {
  const known = draw.phones.get(owner.id);
  if (known) return known;
  const phone = generatePhone(draw.random);
  draw.phones.set(owner.id, phone);
  return phone;
}

const USER_IDS: Record<PaymentPlatform, (draw: Draw) => string> = {
  ALIPAY: ({ random }) => `2088${randomDigits(random, 12)}`,
  WECHAT_PAY: ({ random }) => `wxid_${randomChars(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 14)}`,
  UNIONPAY: ({ random }) => `c${randomDigits(random, 11)}`,
  JD_PAY: ({ random }) => `jd_${randomChars(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 12)}`,
};

export function onlinePayment(
  draw: Draw,
  owner: PoolParty,
  platform = weightedPick(draw.random, PAYMENT_PLATFORMS),
): OnlinePaymentDocument {
  const { random } = draw;
  const userId = uniqueId(draw, () => USER_IDS[platform](draw));
  return {
    _id: `${platform}:${userId}`,
    category: 'ONLINE_PAYMENT',
    ownerIds: [owner.id],
    platform,
    userId,
    boundPhone: phoneOf(draw, owner),
    estimatedValue: random.chance(0.6) ? random.int(0, 100_00) : yuan(random, 500, 10_000),
    securedClaims: 0,
    registerUpdatedAt: recently(draw),
  };
}

export function digitalCurrency(draw: Draw, owner: PoolParty): DigitalCurrencyDocument {
  const { random } = draw;
  const walletLevel = weightedPick(random, [
    [4, 40],
    [3, 30],
    [2, 25],
    [1, 5],
  ] as const);
  return {
    // e-CNY wallet ids are 16 digits with no published check digit; they start with 0.
    _id: uniqueId(draw, () => `0${randomDigits(random, 15)}`),
    category: 'DIGITAL_CURRENCY',
    ownerIds: [owner.id],
    operatingBank: random.pick(ECNY_OPERATORS),
    walletLevel,
    estimatedValue: Math.min(WALLET_BALANCE_CAPS[walletLevel] ?? 0, yuan(random, 300, 5_000)),
    securedClaims: 0,
    registerUpdatedAt: recently(draw, 90),
  };
}
