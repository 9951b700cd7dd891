import { generateUnitNumber, type Random } from '../../domain/identifiers';
import type { CaseDocument } from '../../subgraphs/court/model';
import { taxAuthorityName } from '../../subgraphs/taxation/authority';
import { clearanceId, type ClearanceDocument } from '../../subgraphs/taxation/model';
import { addDays, logNormal, type World } from '../world';
import { day } from './taxRefunds';

/** Cases past the sale of a unit; only these can have had the transfer taxes assessed. */
const TRANSFERRING = new Set(['TITLE_TRANSFER', 'PROCEEDS_PAID']);

/**
 * Taxes on transferring an auctioned unit (the seller's VAT, income and land VAT, the buyer's deed tax),
 * assessed once the case reached title transfer and paid by the time proceeds go out.
 * The unit numbers are drawn here, in the respondent's county: this generator cannot see the registry's units.
 */
function clearance(random: Random, world: World, enforcementCase: CaseDocument): ClearanceDocument {
  const respondent = world.partyById.get(enforcementCase.respondentIds[0]);
  const countyCode = respondent?.home.divisionCode ?? '330102';
  const unitId = generateUnitNumber(random, { countyCode });
  const reached = enforcementCase.timeline.find((entry) => TRANSFERRING.has(entry.node))?.enteredAt ?? enforcementCase.filedAt;
  const assessedOn = day(reached);
  const taxDue = Math.round(logNormal(random, 60_000, 300_000)) * 100;
  const settled = enforcementCase.currentNode === 'PROCEEDS_PAID' || random.chance(0.5);
  const settledOn = day(addDays(assessedOn, random.int(3, 20)));
  return {
    _id: clearanceId(enforcementCase._id, unitId),
    caseNumber: enforcementCase._id,
    unitId,
    taxAuthority: taxAuthorityName(countyCode),
    assessedOn,
    taxDue,
    taxPaid: settled ? taxDue : random.chance(0.5) ? 0 : Math.round(taxDue / 200) * 100,
    settledOn: settled ? (settledOn > world.asOf ? day(world.asOf) : settledOn) : null,
  };
}

/** A few clearances for about half the open cases at title transfer or payout; at least one when any case is open. */
export function generateClearances(world: World, random: Random): ClearanceDocument[] {
  const open = world.cases.filter((c) => c.status === 'OPEN');
  const picked = open.filter((c) => TRANSFERRING.has(c.currentNode) && random.chance(0.5));
  if (picked.length === 0 && open.length > 0) picked.push(random.pick(open));
  return picked.map((c) => clearance(random, world, c));
}
