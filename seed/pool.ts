import { BASIC_COURTS, generateCitizenId, generateUscc, weightedPick, type Court, type Random } from '../domain/identifiers';
import { companyName, personName } from './names';

/** One party of the synthetic province; every agency's generator draws from the same pool. */
export interface PoolParty {
  id: string;
  kind: 'PERSON' | 'ORGANISATION';
  name: string;
  /** The basic court whose division the party lives or is registered in. */
  home: Court;
}

// Hangzhou, Ningbo and Wenzhou carry about 45% of the volume (domain.md).
const CITY_WEIGHT: Record<string, number> = { '01': 20, '02': 14, '03': 11 };

export function pickBasicCourt(random: Random): Court {
  return weightedPick(
    random,
    BASIC_COURTS.map((court) => [court, (CITY_WEIGHT[court.cityCode ?? ''] ?? 6) / 10] as const),
  );
}

export function createParty(random: Random, taken: Set<string>, kind?: PoolParty['kind']): PoolParty {
  const home = pickBasicCourt(random);
  const partyKind = kind ?? (random.chance(0.65) ? 'PERSON' : 'ORGANISATION');
  for (;;) {
    const id =
      partyKind === 'PERSON'
        ? generateCitizenId(random, { areaCode: home.divisionCode, birthYears: [1950, 2000] })
        : generateUscc(random, { divisionCode: home.divisionCode, kind: 'COMPANY' });
    if (taken.has(id)) continue; // a collision would merge two synthetic people into one
    taken.add(id);
    return { id, kind: partyKind, name: partyKind === 'PERSON' ? personName(random) : companyName(random, home.cityNameZh), home };
  }
}
