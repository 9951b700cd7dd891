import { MongoClient } from 'mongodb';
import { databaseName } from '../subgraphs/kit/config';
import type { CaseDocument } from '../subgraphs/court/model';
import type { ControlDocument } from '../subgraphs/kit/register/model';

/** The case `npm start` opens GraphiQL on, and whose officer the development officer's token names. */
export interface ExampleCase {
  caseNumber: string;
  court: string;
  officerId: string;
  query: string;
}

/** Claims for an empty database: the seed's first basic court and its first officer. */
export const FALLBACK_CASE = { caseNumber: '（2026）浙0102执1号', court: '浙0102', officerId: '330102-0001' };

/**
 * A seeded open case whose respondent owns real estate the case has sealed (its measure waits behind
 * another's), so the first click shows the federation at work: the officer the development token names
 * is the case's own, so the court gives its notice (basis) and every register answers the case's fields.
 */
export async function exampleCase(mongoUri: string): Promise<ExampleCase> {
  const client = new MongoClient(mongoUri);
  try {
    // An open case: the officer's token gives a legal basis only for open cases assigned to them.
    const waiting = await client
      .db(databaseName('realestate'))
      .collection<ControlDocument>('controls')
      .find({ status: 'WAITING' })
      .limit(200)
      .toArray();
    const found = await client
      .db(databaseName('court'))
      .collection<CaseDocument>('cases')
      .findOne({ _id: { $in: waiting.map((control) => control.caseNumber) }, status: 'OPEN' });
    const { caseNumber, court, officerId } = found
      ? { caseNumber: found._id, court: found.courtCode, officerId: found.officerId }
      : FALLBACK_CASE;
    return { caseNumber, court, officerId, query: exampleQuery(caseNumber) };
  } finally {
    await client.close();
  }
}

function exampleQuery(caseNumber: string): string {
  return `query CaseWithAssets {
  enforcementCase(caseNumber: "${caseNumber}") {
    caseNumber type status currentNode amountOwed filedOn
    # The court's notice for you in this case (valid 5 to 10 minutes): pass it as \`basis\` with
    # the case number to a look-up by identifier (motorVehicleByPlate, bankDepositByAccount, …)
    # and in the input of a measure (requestRealEstateControl, …).
    basis
    court { name }
    officer { name }
    applicants { party { name kind } }
    respondents {
      party { id name kind }
      realEstate {
        id address area estimatedValue
        mortgages { mortgagee amount }
        controls { caseNumber measure status rank expiresAt }
      }
    }
    realEstateControls { assetId measure status rank expiresAt }
  }
}`;
}
