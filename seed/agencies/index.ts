import type { AgencyGenerator } from '../world';
import { generateRealEstate } from './realestate';
import { generateVehicles } from './vehicles';
import { generateVessels } from './vessels';
import { generateTaxation } from './taxation';
import { generateMarket } from './market';
import { generateFinance } from './finance';
import { generateVictims } from './victims';

/** The generator of every agency subgraph besides the court, by subgraph name. */
export const AGENCY_GENERATORS: Record<string, AgencyGenerator> = {
  realestate: generateRealEstate,
  vehicles: generateVehicles,
  vessels: generateVessels,
  taxation: generateTaxation,
  finance: generateFinance,
  market: generateMarket,
  victims: generateVictims,
};
