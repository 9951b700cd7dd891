import type { Db, MongoClient } from 'mongodb';
import { createIndexes } from '../subgraphs/kit/mongo';
import type { AssetDocument } from '../subgraphs/kit/register/model';
import type { Receipt } from '../subgraphs/kit/register/receive';
import { registerIndexes } from '../subgraphs/kit/register/repository';

/** One real-estate unit and its owner, for the register's unit tests (kit/register/*.test.ts). */
export const UNIT = 'RE-unit-1';
export const OWNER = '330102198001011234';

const unit: AssetDocument = {
  _id: UNIT,
  category: 'REAL_ESTATE',
  ownerIds: [OWNER],
  estimatedValue: 300_000_00,
  securedClaims: 0,
  registerUpdatedAt: new Date(Date.UTC(2026, 0, 1)),
};

/** A fresh register database `t_<name>` with the register's indexes, holding the unit. */
export async function registerWithUnit(client: MongoClient, name: string): Promise<Db> {
  const db = client.db(`t_${name}`);
  await db.dropDatabase();
  await createIndexes(db, registerIndexes);
  await db.collection<AssetDocument>('assets').insertOne(unit);
  return db;
}

/** The n-th case's seal of the unit, as the register received it at `receivedAt` (by default from its owner). */
export const sealReceipt = (n: number, receivedAt: Date, partyId = OWNER): Receipt => ({
  request: {
    caseNumber: `（2026）浙0102执${5000 + n}号`,
    courtCode: '浙0102',
    partyId,
    assetId: UNIT,
    measure: 'SEAL',
    documentNumber: `doc-${n}`,
    idempotencyKey: `浙0102:key-${n}`,
    officer: { name: '王法官', phone: '13805711234' },
    amount: null,
    debtPlusCosts: 400_000_00,
  },
  receivedAt,
  executeAtOnce: false,
});
