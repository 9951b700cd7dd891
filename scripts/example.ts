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

/** A seeded case whose debtor owns sealed real estate, so the first click shows the federation at work. */
export async function exampleCase(mongoUri: string): Promise<ExampleCase> {
  const client = new MongoClient(mongoUri);
  try {
    // An open case: the officer's token gives a legal basis only for open cases assigned to them.
    const waiting = await client.db(databaseName('realestate')).collection<ControlDocument>('controls').find({ status: 'WAITING' }).limit(200).toArray();
    const found = await client.db(databaseName('court')).collection<CaseDocument>('cases')
      .findOne({ _id: { $in: waiting.map((control) => control.caseNumber) }, status: 'OPEN' });
    const { caseNumber, court, officerId } = found ? { caseNumber: found._id, court: found.courtCode, officerId: found.officerId } : FALLBACK_CASE;
    return { caseNumber, court, officerId, query: exampleQuery(caseNumber) };
  } finally {
    await client.close();
  }
}

function exampleQuery(caseNumber: string): string {
  return `query CaseWithAssets {
  enforcementCase(caseNumber: "${caseNumber}") {
    caseNumber type status currentNode amountOwed filedOn
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
