import { MongoClient } from 'mongodb';
import { databaseName } from '../subgraphs/kit/config';
import type { ControlDocument } from '../subgraphs/kit/register/model';

/** A query for a seeded case whose debtor owns sealed real estate, so the first click shows the federation at work. */
export async function exampleQuery(mongoUri: string): Promise<string> {
  const client = new MongoClient(mongoUri);
  try {
    const control = await client.db(databaseName('realestate')).collection<ControlDocument>('controls').findOne({ status: 'WAITING' });
    const caseNumber = control?.caseNumber ?? '（2026）浙0102执1号';
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
  } finally {
    await client.close();
  }
}
