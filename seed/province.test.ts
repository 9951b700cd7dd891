import { MongoClient } from 'mongodb';
import { checkCaseNumber, checkCertificateNumber, checkCitizenId, checkUnitNumber, checkUscc, courtByCode } from '../domain/identifiers';
import type { CaseDocument, PartyDocument } from '../subgraphs/court/model';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import type { UnitDocument } from '../subgraphs/realestate/model';
import { generateProvince, seedProvince } from './province';
import { testMongoUri } from '../test/database';

const province = generateProvince(3, 600);
const cases = province.court.cases as CaseDocument[];
const parties = province.court.parties as PartyDocument[];
const units = (province.realestate.assets as UnitDocument[]).filter((asset) => asset.category === 'REAL_ESTATE');
const controls = province.realestate.controls as ControlDocument[];
const assets = province.realestate.assets as AssetDocument[];

describe('the synthetic province', () => {
  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(generateProvince(3, 600))).toBe(JSON.stringify(province));
    expect(JSON.stringify(generateProvince(4, 600).court.cases)).not.toBe(JSON.stringify(province.court.cases));
  });

  it('uses only valid, checksummed identifiers', () => {
    expect(cases.filter((c) => checkCaseNumber(c._id) !== null)).toEqual([]);
    expect(parties.filter((p) => (p.kind === 'PERSON' ? checkCitizenId(p._id) : checkUscc(p._id)) !== null)).toEqual([]);
    expect(units.filter((u) => checkUnitNumber(u._id) !== null || checkCertificateNumber(u.certificateNumber) !== null)).toEqual([]);
    expect(cases.every((c) => courtByCode(c.courtCode))).toBe(true);
  });

  it('is consistent across agencies: every reference points at something that exists', () => {
    const partyIds = new Set(parties.map((p) => p._id));
    const caseNumbers = new Set(cases.map((c) => c._id));
    const assetIds = new Set(assets.map((a) => a._id));
    expect(cases.flatMap((c) => [...c.applicantIds, ...c.respondentIds]).filter((id) => !partyIds.has(id))).toEqual([]);
    expect(assets.flatMap((a) => a.ownerIds).filter((id) => !partyIds.has(id))).toEqual([]);
    expect(new Set(assets.map((a) => a._id)).size).toBe(assets.length);
    expect(controls.filter((c) => !caseNumbers.has(c.caseNumber) || !assetIds.has(c.assetId))).toEqual([]);
    expect(new Set(cases.map((c) => c._id)).size).toBe(cases.length);
  });

  it('ranks the seals on each unit 0, 1, 2, … in order of receipt, with one active', () => {
    const byUnit = new Map<string, ControlDocument[]>();
    for (const c of controls) byUnit.set(c.assetId, [...(byUnit.get(c.assetId) ?? []), c]);
    for (const queue of byUnit.values()) {
      const ranked = [...queue].sort((a, b) => a.rank - b.rank);
      expect(ranked.map((c) => c.rank)).toEqual(ranked.map((_, i) => i));
      expect(ranked.map((c) => c.status)).toEqual(ranked.map((_, i) => (i === 0 ? 'ACTIVE' : 'WAITING')));
      const receipts = ranked.map((c) => (c.acknowledgedAt as Date).getTime());
      expect(receipts).toEqual([...receipts].sort((a, b) => a - b));
    }
    expect([...byUnit.values()].some((queue) => queue.length > 1)).toBe(true);
  });

  it('roughly follows the domain mix: two-thirds 执 cases, about a quarter of persons own real estate', () => {
    const share = cases.filter((c) => c.type === 'FIRST_ENFORCEMENT').length / cases.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.76);
    const persons = parties.filter((p) => p.kind === 'PERSON');
    const owners = new Set(units.flatMap((u) => u.owners.slice(0, 1).map((o) => o.partyId)));
    const owning = persons.filter((p) => owners.has(p._id)).length / persons.length;
    expect(owning).toBeGreaterThan(0.18);
    expect(owning).toBeLessThan(0.32);
  });
});

describe('writing the province', () => {
  it('does not duplicate anything when run twice, and puts back what was changed since', async () => {
    const uri = testMongoUri();
    const databaseName = (subgraph: string) => `t_seed_${subgraph}`;
    const client = new MongoClient(uri);
    try {
      for (const name of ['court', 'realestate']) await client.db(databaseName(name)).dropDatabase();
      const first = await seedProvince({ mongoUri: uri, databaseName, seed: 5, cases: 120 });
      const cases = client.db(databaseName('court')).collection<{ _id: string; status: string }>('cases');
      const seeded = await cases.findOne({});
      if (!seeded) throw new Error('no case seeded');
      await cases.updateOne({ _id: seeded._id }, { $set: { status: 'CHANGED BY HAND' } });
      await seedProvince({ mongoUri: uri, databaseName, seed: 5, cases: 120 });
      expect(await cases.findOne({ _id: seeded._id })).toEqual(seeded);
      for (const [subgraph, collections] of Object.entries(first)) {
        for (const [collection, count] of Object.entries(collections)) {
          expect(await client.db(databaseName(subgraph)).collection(collection).countDocuments()).toBe(count);
        }
      }
    } finally {
      await client.close();
    }
  });
});
