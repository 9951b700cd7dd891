import { weightedPick } from '../../../domain/identifiers';
import type { FinanceAsset } from '../../../subgraphs/finance/model';
import type { PoolParty } from '../../pool';
import { PAYMENT_PLATFORMS } from './catalogue';
import { bankDeposit, digitalCurrency, onlinePayment, wealthProduct } from './deposits';
import type { Draw } from './draw';
import { debtOwed, providentFund, socialInsurance, stillEmployed, wages } from './employment';
import { fundUnits, futuresMargin, insurancePolicy, securitiesAccount } from './investments';

/** Holdings per debtor as domain.md gives them ("A synthetic province"); shares not given there are practice guesses. */
function personHoldings(draw: Draw, party: PoolParty): (FinanceAsset | null)[] {
  const { random } = draw;
  const held: (FinanceAsset | null)[] = [];
  if (random.chance(0.85)) {
    const first = weightedPick(random, PAYMENT_PLATFORMS);
    held.push(onlinePayment(draw, party, first));
    const second = weightedPick(random, PAYMENT_PLATFORMS);
    if (second !== first && random.chance(0.6)) held.push(onlinePayment(draw, party, second));
  }
  // About 60% are employed; the provident fund (30% overall) comes mostly with a job.
  const record = draw.organisations.length > 0 && random.chance(0.6) ? socialInsurance(draw, party) : null;
  if (record) {
    held.push(record);
    if (stillEmployed(record, draw.asOf) && random.chance(0.3)) held.push(wages(draw, party, record));
  }
  if (random.chance(record ? 0.45 : 0.075)) held.push(providentFund(draw, party, record?.contributionBase));
  if (random.chance(0.02)) held.push(debtOwed(draw, party));
  if (random.chance(0.15)) held.push(insurancePolicy(draw, party));
  if (random.chance(0.03)) held.push(digitalCurrency(draw, party));
  return held;
}

export function holdingsOf(draw: Draw, party: PoolParty): FinanceAsset[] {
  const { random } = draw;
  const person = party.kind === 'PERSON';
  const held: (FinanceAsset | null)[] = [];
  if (random.chance(0.95)) {
    for (let n = 1 + (random.chance(0.4) ? 1 : 0) + (random.chance(0.15) ? 1 : 0); n > 0; n--) held.push(bankDeposit(draw, party));
  }
  if (person) held.push(...personHoldings(draw, party));
  else if (random.chance(0.1)) held.push(debtOwed(draw, party));
  if (random.chance(0.05)) held.push(...securitiesAccount(draw, party));
  if (random.chance(0.04)) held.push(fundUnits(draw, party));
  if (random.chance(0.05)) held.push(wealthProduct(draw, party));
  if (random.chance(0.01)) held.push(futuresMargin(draw, party));
  return held.filter((asset): asset is FinanceAsset => asset !== null);
}
