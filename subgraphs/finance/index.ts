import { join } from 'node:path';
import { registerIndexes } from '../kit/register/repository';
import { createRegisterLoaders } from '../kit/register/loaders';
import { defineSubgraph } from '../kit/subgraph';
import { registerRules } from '../kit/register/rules';
import { COURT_STAFF, DIVISION_HEAD } from '../kit/auth/rules';
import { FINANCE_REGISTER } from './register';
import { registerTypeDefs } from '../kit/register/typeDefs';
import { deductionIndexes } from './deductions';
import { financeResolvers } from './resolvers';

/**
 * Banks, payment institutions, brokers, futures companies, fund managers, insurers, the housing provident
 * fund centre and the human-resources and social-security department, as the network enforcement platform reaches them.
 */
export default defineSubgraph({
  name: 'finance',
  defaultPort: 4106,
  typeDefs: registerTypeDefs(FINANCE_REGISTER, ['schema.graphql', 'money.graphql', 'holdings.graphql', 'deductions.graphql'].map((file) => join(__dirname, file))),
  resolvers: financeResolvers,
  createContext: ({ db }) => ({ register: createRegisterLoaders(db) }),
  indexes: [...registerIndexes, ...deductionIndexes],
  rules: registerRules(FINANCE_REGISTER, { Query: { bankDepositByAccount: COURT_STAFF }, Mutation: { deductFrozenFunds: DIVISION_HEAD } }),
  keys: { checks: ['LEGAL_BASIS'] },
});
