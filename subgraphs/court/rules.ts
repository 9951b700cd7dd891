import { COURT_STAFF, either, everyone, roles, staffOf, type RootRules } from '../kit/auth/rules';

/**
 * Who may call the court's operations. Case and party data is the officers' and division heads' (the
 * resolvers then check the legal basis, see access.ts); the police and the procuratorate are agency
 * staff whose agency claim says which of the two they are.
 */
export const courtRules: RootRules = {
  Query: {
    enforcementCase: COURT_STAFF,
    casesOfCourt: COURT_STAFF,
    party: COURT_STAFF,
    caseParty: COURT_STAFF,
    courts: everyone,
    refusalReferral: either(COURT_STAFF, staffOf('POLICE'), staffOf('PROCURATORATE')),
    refusalReferralsForPolice: staffOf('POLICE'),
    refusalReferralsForSupervision: staffOf('PROCURATORATE'),
    caseStatistics: roles('ANALYST', 'SUPERVISOR', 'DIVISION_HEAD'),
    accessAudit: roles('SUPERVISOR'),
  },
  Mutation: {
    confirmSale: COURT_STAFF,
    referRefusalToExecute: COURT_STAFF,
    receiptRefusalReferral: staffOf('POLICE'),
    decideRefusalReferral: staffOf('POLICE'),
    superviseRefusalReferral: staffOf('PROCURATORATE'),
  },
};
