import type { IncomingHttpHeaders } from 'node:http';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { Db } from 'mongodb';
import type { Clock } from '../../platform/clock';
import type { Identity } from '../../platform/identity';
import { entityLoader } from '../kit/loaders';
import { callerOf, type Caller } from './caller';
import type { MassCaseDocument, ParticipantDocument } from './model';
import type { VictimsOptions } from './options';
import { VictimsRepository } from './repository';
import type { VictimsServices } from './services';

/**
 * One request's context. The caller is worked out lazily, so a resolver that needs none (an entity
 * reference) is not refused for a bad x-caller header, and the refusal comes back as a GraphQL error.
 */
export class VictimsContext {
  readonly repo: VictimsRepository;
  readonly massCaseByNumber: DataLoader<string, MassCaseDocument | null>;
  readonly participantById: DataLoader<string, ParticipantDocument | null>;
  /** Filled in by defineSubgraph (platform/clock.ts) as the context is made; never absent when a resolver runs. */
  clock!: Clock;
  /** Filled in by defineSubgraph likewise: who asks, as the gateway verified it. */
  identity!: Identity;
  /** The mass cases this request carries the court's notice for (access.ts): their figures show in full. */
  readonly noticed = new Set<string>();
  private readonly callerResult: Caller | GraphQLError;

  constructor(
    readonly db: Db,
    headers: IncomingHttpHeaders,
    verifiedRoles: readonly string[] | undefined,
    readonly options: VictimsOptions,
    readonly services: VictimsServices,
  ) {
    this.repo = new VictimsRepository(db);
    this.massCaseByNumber = entityLoader(this.repo.massCases);
    this.participantById = entityLoader(this.repo.participants);
    this.callerResult = callerOf(headers, verifiedRoles);
  }

  caller(): Caller {
    if (this.callerResult instanceof GraphQLError) throw this.callerResult;
    return this.callerResult;
  }
}

/** The roles of the gateway-verified identity the kit hands the context factory, where the kit does. */
export function verifiedRolesOf(scope: object): readonly string[] | undefined {
  const identity = (scope as { identity?: { roles?: unknown } }).identity;
  return Array.isArray(identity?.roles) ? identity.roles.filter((r): r is string => typeof r === 'string') : undefined;
}
