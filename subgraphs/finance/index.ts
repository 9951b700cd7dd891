import { join } from 'node:path';
import { COURT_STAFF, DIVISION_HEAD } from '../kit/auth/rules';
import { defineRegisterSubgraph } from '../kit/register/subgraph';
import { deductionIndexes } from './deductions';
import { FINANCE_REGISTER } from './register';
import { financeResolvers } from './resolvers';

/**
 * Banks, payment institutions, brokers, futures companies, fund managers, insurers, the housing provident
 * fund centre and the human-resources and social-security department, as the network enforcement platform reaches them.
 */
export default defineRegisterSubgraph(FINANCE_REGISTER, {
  name: 'finance',
  defaultPort: 4106,
  schemaFiles: ['schema.graphql', 'money.graphql', 'holdings.graphql', 'deductions.graphql'].map((file) => join(__dirname, file)),
  resolvers: financeResolvers,
  indexes: deductionIndexes,
  rules: { Query: { bankDepositByAccount: COURT_STAFF }, Mutation: { deductFrozenFunds: DIVISION_HEAD } },
});
