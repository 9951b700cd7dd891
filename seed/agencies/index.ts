import type { AgencyGenerator } from '../world';
import { generateRealEstate } from './realestate';

/** The generator of every agency subgraph besides the court, by subgraph name. */
export const AGENCY_GENERATORS: Record<string, AgencyGenerator> = {
  realestate: generateRealEstate,
};
