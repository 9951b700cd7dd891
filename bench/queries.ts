import { readCommittedSupergraph } from '../schema/supergraph';

/** Every agency's findings field on CaseParty, as composed, so a new agency is benchmarked without editing this file. */
export const FINDINGS = [...new Set([...readCommittedSupergraph().matchAll(/^\s+(\w+Findings)\(categories:/gm)].map((m) => m[1]))];

export const PANORAMA = `fragment Findings on AgencyFindings {
  agency answeredAt
  categories { category agency count totalEstimatedValue controllableValue registerUpdatedAt assets { id category ownerIds } }
}
query Panorama($caseNumber: String!, $partyId: ID!) {
  caseParty(caseNumber: $caseNumber, partyId: $partyId) {
    ${FINDINGS.map((field) => `${field} { ...Findings }`).join('\n    ')}
    panorama {
      categories { category agency count totalEstimatedValue }
      totalEstimatedValue totalControllableValue amountOwedInOpenCases openCasesAsRespondent categoriesWithAssets
    }
  }
}`;

export const CASE_PAGE = `query CasePage($court: String!, $after: String, $first: Int = 50) {
  casesOfCourt(courtCode: $court, filter: { status: OPEN }, first: $first, after: $after) {
    nodes { caseNumber status respondents { party { id name } ${FINDINGS.map((f) => `${f} { categories { category count assets { id controls { id status rank } } } }`).join(' ')} } }
  }
}`;

export const CASE_LOOKUP = `query CaseLookup($caseNumber: String!) {
  enforcementCase(caseNumber: $caseNumber) {
    caseNumber year type status currentNode amountOwed filedOn
    court { code name level }
    officer { id name }
    applicants { party { id name kind } }
    respondents { party { id name kind } }
    timeline { node enteredAt note }
  }
}`;

export const SEAL = `mutation Seal($input: ControlRequestInput!) {
  requestRealEstateControl(input: $input) { id status rank requestState caseNumber }
}`;
