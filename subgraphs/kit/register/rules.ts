import { COURT_STAFF, DIVISION_HEAD, either, staffOf, type Rule, type RootRules } from '../auth/rules';
import { names, type RegisterDescriptor } from './findings';

/**
 * Who may call a register's kit operations (domain.md, "Who may see what"): the court asks, renews and
 * (a division head) releases; only the register's own agency staff work its queue. Each register's
 * database holds only the requests addressed to it, so "staff of this agency" is "addressed to them".
 */
export function registerRules(descriptor: RegisterDescriptor, own: RootRules = {}): RootRules {
  const { query: q, mutation: m } = names(descriptor);
  const staff = staffOf(descriptor.agency);
  const query: Record<string, Rule> = {
    [q.requests]: staff,
    [q.investigations]: staff,
    // Expiring measures are what the court renews and the agency lifts, so both may list them.
    [q.expiring]: either(COURT_STAFF, staff),
  };
  const mutation: Record<string, Rule> = {
    [m.request]: COURT_STAFF,
    [m.renew]: COURT_STAFF,
    [m.requestInvestigation]: COURT_STAFF,
    [m.release]: DIVISION_HEAD,
    [m.acknowledge]: staff,
    [m.execute]: staff,
    [m.reject]: staff,
    [m.answerInvestigation]: staff,
  };
  return { Query: { ...query, ...own.Query }, Mutation: { ...mutation, ...own.Mutation } };
}
