import { COURT_STAFF, DIVISION_HEAD, either, staffOf, type Rule, type RootRules } from '../auth/rules';
import { names, type RegisterDescriptor } from './findings';

/**
 * Who may call a register's kit operations (domain.md, "Who may see what"): the court asks, renews and
 * (a division head) releases; only the register's own agency staff work its queue. Each register's
 * database holds only the requests addressed to it, so "staff of this agency" is "addressed to them".
 */
export function registerRules(descriptor: RegisterDescriptor, own: RootRules = {}): RootRules {
  const name = descriptor.name;
  const { camel } = names(descriptor);
  const staff = staffOf(descriptor.agency);
  const query: Record<string, Rule> = {
    [`${camel}Requests`]: staff,
    [`${camel}Investigations`]: staff,
    // Expiring measures are what the court renews and the agency lifts, so both may list them.
    [`${camel}Expiring`]: either(COURT_STAFF, staff),
  };
  const mutation: Record<string, Rule> = {
    [`request${name}Control`]: COURT_STAFF,
    [`renew${name}Control`]: COURT_STAFF,
    [`request${name}Investigation`]: COURT_STAFF,
    [`release${name}Control`]: DIVISION_HEAD,
    [`acknowledge${name}Control`]: staff,
    [`execute${name}Control`]: staff,
    [`reject${name}Control`]: staff,
    [`answer${name}Investigation`]: staff,
  };
  return { Query: { ...query, ...own.Query }, Mutation: { ...mutation, ...own.Mutation } };
}
