import { weightedPick, type Random } from '../../domain/identifiers';
import { taxAuthorityName } from '../../subgraphs/taxation/authority';
import type { TaxCreditRating, TaxpayerDocument, TaxpayerStatus } from '../../subgraphs/taxation/model';
import { rankedControls, touchRegister } from '../controls';
import { ensureEachCategoryHeld } from '../coverage';
import type { PoolParty } from '../pool';
import { addDays, logNormal, type AgencyData, type World } from '../world';
import { generateClearances } from './taxClearances';
import { day, freezesAfterApproval, RefundBook } from './taxRefunds';

// Debtors skew towards trouble: more abnormal (非正常户) and low-rated companies than the taxpayer population.
const ORG_STATUS: readonly (readonly [TaxpayerStatus, number])[] = [
  ['NORMAL', 85],
  ['ABNORMAL', 10],
  ['DEREGISTERED', 5],
];
const ORG_RATING: readonly (readonly [TaxCreditRating, number])[] = [
  ['A', 15],
  ['B', 50],
  ['M', 25],
  ['C', 10],
];
// Arrears chance by status, tuned so that about 10% of organisations owe tax.
const ARREARS_CHANCE: Record<TaxpayerStatus, number> = { NORMAL: 0.07, ABNORMAL: 0.4, DEREGISTERED: 0 };

function organisationRecord(random: Random, party: PoolParty, asOf: Date): TaxpayerDocument {
  const taxpayerStatus = weightedPick(random, ORG_STATUS);
  const owes = random.chance(ARREARS_CHANCE[taxpayerStatus]);
  const creditRating = taxpayerStatus === 'ABNORMAL' ? 'D' : owes ? random.pick(['C', 'D'] as const) : weightedPick(random, ORG_RATING);
  // Companies file monthly or quarterly; those that stopped did so long ago.
  const filedDaysAgo =
    taxpayerStatus === 'NORMAL' ? random.int(1, 40) : taxpayerStatus === 'ABNORMAL' ? random.int(200, 1500) : random.int(300, 2000);
  return {
    _id: party.id,
    taxpayerStatus,
    creditRating,
    taxOwed: owes ? Math.round(logNormal(random, 80_000, 800_000)) * 100 : 0,
    lastFiledOn: day(addDays(asOf, -filedDaysAgo)),
    registeredAuthority: taxAuthorityName(party.home.divisionCode),
  };
}

/** Persons file once a year, in the reconciliation window (汇算, 1 March to 30 June). */
function personRecord(random: Random, party: PoolParty, asOf: Date): TaxpayerDocument {
  const latestWindow = asOf.getUTCMonth() >= 6 ? asOf.getUTCFullYear() : asOf.getUTCFullYear() - 1;
  const year = random.chance(0.8) ? latestWindow : latestWindow - 1;
  return {
    _id: party.id,
    taxpayerStatus: 'NORMAL',
    creditRating: null,
    taxOwed: 0,
    lastFiledOn: addDays(new Date(Date.UTC(year, 2, 1)), random.int(0, 121)),
    registeredAuthority: taxAuthorityName(party.home.divisionCode),
  };
}

/** Retention refunds need a normal taxpayer rated A, B or M; export rebates are drawn from the same group (stricter than practice). */
function refundEligible(record: TaxpayerDocument): boolean {
  return record.taxpayerStatus === 'NORMAL' && (record.creditRating === null || ['A', 'B', 'M'].includes(record.creditRating));
}

/** A refund for a respondent of an open case when the random draw gave none of them one. */
function guaranteeCoverage(world: World, random: Random, records: Map<string, TaxpayerDocument>, book: RefundBook): void {
  ensureEachCategoryHeld(world, random, book.refunds, {
    TAX_REFUND: {
      // Every organisation has a record by now; a person is refunded whether or not they filed.
      prefer: (party) => {
        const record = records.get(party.id);
        return party.kind === 'PERSON' || (record !== undefined && refundEligible(record));
      },
      make: (holder) => {
        const record = records.get(holder.id) ?? personRecord(random, holder, world.asOf);
        records.set(holder.id, record);
        return book.draw(record, holder.kind === 'PERSON' ? 'INDIVIDUAL_INCOME_TAX_REFUND' : 'VAT_RETENTION_REFUND');
      },
    },
  });
}

/**
 * Taxpayer records for every organisation and about 60% of persons; refunds payable to about 8% of
 * organisations (retention refunds, export rebates) and 10% of persons (income tax); arrears for about 10% of organisations.
 */
export function generateTaxation(world: World, random: Random): AgencyData {
  const records = new Map<string, TaxpayerDocument>();
  const book = new RefundBook(random, world.asOf);
  for (const party of world.parties) {
    if (party.kind === 'ORGANISATION') {
      const record = organisationRecord(random, party, world.asOf);
      records.set(party.id, record);
      // 0.105 of the eligible three quarters makes about 8% of all organisations.
      if (refundEligible(record) && random.chance(0.105)) {
        const both = random.chance(0.15);
        const retention = both || random.chance(0.65);
        if (retention) book.add(record, 'VAT_RETENTION_REFUND');
        if (both || !retention) book.add(record, 'EXPORT_REBATE');
      }
    } else if (random.chance(0.6)) {
      const record = personRecord(random, party, world.asOf);
      records.set(party.id, record);
      if (random.chance(1 / 6)) book.add(record, 'INDIVIDUAL_INCOME_TAX_REFUND');
    }
  }
  guaranteeCoverage(world, random, records, book);
  const assets = book.refunds;
  const controls = rankedControls(world, random, assets, {
    prefix: 'TX',
    probability: 0.7,
    measureFor: (asset) => (asset.category === 'TAX_REFUND' ? 'FREEZE' : null),
    amountFor: (asset, amountOwed) => Math.min(asset.estimatedValue ?? 0, amountOwed),
  });
  freezesAfterApproval(assets, controls, world.asOf);
  touchRegister(assets, controls);
  return { assets, controls, taxpayers: [...records.values()], clearances: generateClearances(world, random) };
}
