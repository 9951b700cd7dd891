import { COURT_STAFF, DIVISION_HEAD, either, roles, type RootRules } from '../kit/auth/rules';

/**
 * The outer gate, by the gateway-verified role; the resolvers then apply the victims rules to the caller
 * (a participant named by x-caller reaches only their own data). Paying out needs a division head
 * (domain.md: payouts are approved by one); analysts and supervisors reach the aggregate views only.
 */
const AGGREGATE_READERS = either(COURT_STAFF, roles('ANALYST', 'SUPERVISOR'));

export const victimsRules: RootRules = {
  Query: {
    massCase: AGGREGATE_READERS,
    massCases: AGGREGATE_READERS,
    distributionRound: AGGREGATE_READERS,
    participant: COURT_STAFF,
    me: COURT_STAFF,
    verificationIssues: COURT_STAFF,
    objections: COURT_STAFF,
  },
  Mutation: {
    declareMassCase: COURT_STAFF,
    registerParticipant: COURT_STAFF,
    importLedger: COURT_STAFF,
    verifyCase: COURT_STAFF,
    recordObjection: COURT_STAFF,
    resolveObjection: COURT_STAFF,
    announceRound: COURT_STAFF,
    createPayoutBatches: COURT_STAFF,
    runPayoutBatch: DIVISION_HEAD,
    recordPaymentResult: COURT_STAFF,
    updateBankCard: COURT_STAFF,
    resendPayment: DIVISION_HEAD,
  },
};
