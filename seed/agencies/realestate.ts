import { createHash } from 'node:crypto';
import { generateCertificateNumber, generateUnitNumber, type Random } from '../../subgraphs/kit/identifiers';
import type { ControlDocument, RealEstateUse, UnitDocument } from '../../subgraphs/realestate/model';
import type { PoolParty } from '../pool';
import { addDays, addYears, type AgencyData, type World } from '../world';

const STREETS = ['解放路', '人民路', '中山路', '建设路', '文化路', '新华路', '环城北路', '滨江大道', '学院路', '江南大道'];
const MORTGAGEES = ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '交通银行', '招商银行', '浙商银行', '杭州银行', '宁波银行'];
// Yuan per square metre by city code (practice figures for a plausible spread, not market data).
const PRICE_PER_SQM: Record<string, number> = { '01': 38_000, '02': 26_000, '03': 23_000, '09': 18_000 };
/** Real estate and other property rights: 3 years per control period (domain.md). */
const REAL_ESTATE_CONTROL_YEARS = 3;

function unitFor(random: Random, owner: PoolParty, coOwner: PoolParty | null, asOf: Date, taken: Set<string>): UnitDocument {
  const home = owner.home;
  const use: RealEstateUse = owner.kind === 'PERSON' ? (random.chance(0.85) ? 'RESIDENTIAL' : 'PARKING') : random.pick(['COMMERCIAL', 'OFFICE', 'INDUSTRIAL'] as const);
  let id = generateUnitNumber(random, { countyCode: home.divisionCode });
  while (taken.has(id)) id = generateUnitNumber(random, { countyCode: home.divisionCode });
  taken.add(id);
  const area = use === 'PARKING' ? random.int(12, 20) : use === 'RESIDENTIAL' ? random.int(45, 180) : random.int(80, 2000);
  const price = (PRICE_PER_SQM[home.cityCode ?? ''] ?? 15_000) * (0.7 + random.next() * 0.6) * (use === 'INDUSTRIAL' ? 0.3 : 1);
  const value = Math.round(area * price) * 100;
  const registeredOn = addDays(asOf, -random.int(400, 6000));
  const owners = coOwner
    ? [{ partyId: owner.id, shareBasisPoints: 5000 }, { partyId: coOwner.id, shareBasisPoints: 5000 }]
    : [{ partyId: owner.id, shareBasisPoints: 10_000 }];
  return {
    _id: id,
    category: 'REAL_ESTATE',
    certificateNumber: generateCertificateNumber(random, { divisionCode: home.divisionCode, year: Math.max(2015, registeredOn.getUTCFullYear()) }),
    address: `${home.cityNameZh}${home.divisionName}${random.pick(STREETS)}${random.int(1, 999)}号${random.int(1, 30)}幢${random.int(1, 3)}单元${random.int(101, 3202)}室`,
    districtCode: home.divisionCode,
    area: Math.round(area * 100) / 100,
    use,
    owners,
    ownerIds: owners.map((o) => o.partyId),
    mortgages: random.chance(0.4)
      ? [{ mortgagee: random.pick(MORTGAGEES), amount: Math.round(value * (0.4 + random.next() * 0.3) / 100) * 100, registeredOn }]
      : [],
    estimatedValue: value,
    registerUpdatedAt: registeredOn,
  };
}

function controlId(idempotencyKey: string): string {
  return `RE-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`;
}

/**
 * Units for about a quarter of persons and a fifth of organisations; then seals for open cases
 * whose respondents own units, ranked per unit by the time the registry received them.
 */
export function generateRealEstate(world: World, random: Random): AgencyData {
  const taken = new Set<string>();
  const units: UnitDocument[] = [];
  const persons = world.parties.filter((p) => p.kind === 'PERSON');
  for (const party of world.parties) {
    const owns = party.kind === 'PERSON' ? random.chance(0.25) : random.chance(0.2);
    if (!owns) continue;
    for (let n = random.chance(0.2) ? 2 : 1; n > 0; n--) {
      const coOwner = party.kind === 'PERSON' && random.chance(0.3) ? random.pick(persons) : null;
      units.push(unitFor(random, party, coOwner && coOwner.id !== party.id ? coOwner : null, world.asOf, taken));
    }
  }

  const unitById = new Map(units.map((unit) => [unit._id, unit]));
  const unitsByOwner = new Map<string, UnitDocument[]>();
  for (const unit of units) for (const owner of unit.ownerIds) unitsByOwner.set(owner, [...(unitsByOwner.get(owner) ?? []), unit]);

  const requests: ControlDocument[] = [];
  const controlWindowStart = addYears(world.asOf, -REAL_ESTATE_CONTROL_YEARS);
  for (const enforcementCase of world.cases) {
    if (enforcementCase.status !== 'OPEN' && enforcementCase.status !== 'CLOSED_FOR_NOW') continue;
    const requestedAt = addDays(enforcementCase.filedAt, random.int(10, 40));
    if (requestedAt < controlWindowStart || requestedAt > world.asOf) continue;
    for (const partyId of enforcementCase.respondentIds) {
      for (const unit of unitsByOwner.get(partyId) ?? []) {
        if (!random.chance(0.8)) continue;
        const documentNumber = `${enforcementCase._id}之一`;
        const idempotencyKey = [enforcementCase._id, partyId, unit._id, 'SEAL', documentNumber].join('|');
        requests.push({
          _id: controlId(idempotencyKey),
          assetId: unit._id,
          category: unit.category,
          caseNumber: enforcementCase._id,
          partyId,
          courtCode: enforcementCase.courtCode,
          measure: 'SEAL',
          status: 'ACTIVE',
          rank: 0,
          documentNumber,
          idempotencyKey,
          requestedAt,
          acknowledgedAt: addDays(requestedAt, 1),
          executedAt: addDays(requestedAt, 1),
          expiresAt: null,
        });
      }
    }
  }
  // First come, first ranked: the earliest receipt holds the seal, the rest wait in order.
  const controls: ControlDocument[] = [];
  const byUnit = new Map<string, ControlDocument[]>();
  for (const request of requests) byUnit.set(request.assetId, [...(byUnit.get(request.assetId) ?? []), request]);
  for (const queue of byUnit.values()) {
    queue.sort((a, b) => (a.acknowledgedAt as Date).getTime() - (b.acknowledgedAt as Date).getTime() || a._id.localeCompare(b._id));
    queue.forEach((control, rank) => {
      const executedAt = control.executedAt as Date;
      controls.push(rank === 0
        ? { ...control, expiresAt: addYears(executedAt, REAL_ESTATE_CONTROL_YEARS) }
        : { ...control, status: 'WAITING', rank, executedAt: null });
    });
    const unit = unitById.get(queue[0].assetId);
    const last = queue[queue.length - 1].acknowledgedAt as Date;
    if (unit && last > unit.registerUpdatedAt) unit.registerUpdatedAt = last;
  }
  return { units, controls };
}
