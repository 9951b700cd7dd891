import {
  buildASTSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { readCommittedSupergraph } from '../schema/supergraph';
import type { Identity, Role } from '../platform/identity';
import type { Agency } from '../domain/agencies';
import { names } from '../subgraphs/kit/register/findings';
import { REGISTERS } from '../subgraphs/registry';
import { startHarness, type GraphQLResponse, type Harness } from './harness';
import { ANALYST, divisionHeadOf, staffOf, SUPERVISOR, TEST_OFFICER } from './identities';

/**
 * The role × operation matrix: every root field of the composed API schema must have an entry here, and
 * each of the five roles is sent a minimal call to it. A field added without a rule fails the first test.
 */
interface Allowed {
  roles: Role[];
  /** Whose staff AGENCY_STAFF stands for: the agency the field belongs to (only its own staff may call it). */
  staff: Agency;
}

const COURT: Role[] = ['OFFICER', 'DIVISION_HEAD'];
const allow = (staff: Agency, ...roles: Role[]): Allowed => ({ roles, staff });

// The register template's operations, for every register in the registry, named by the kit's one names().
const registerEntries = REGISTERS.flatMap((register): [string, Allowed][] => {
  const { query, mutation } = names(register);
  const agency = register.agency;
  return [
    [mutation.request, allow(agency, ...COURT)],
    [mutation.renew, allow(agency, ...COURT)],
    [mutation.requestInvestigation, allow(agency, ...COURT)],
    [mutation.release, allow(agency, 'DIVISION_HEAD')],
    [mutation.acknowledge, allow(agency, 'AGENCY_STAFF')],
    [mutation.execute, allow(agency, 'AGENCY_STAFF')],
    [mutation.reject, allow(agency, 'AGENCY_STAFF')],
    [mutation.answerInvestigation, allow(agency, 'AGENCY_STAFF')],
    [query.requests, allow(agency, 'AGENCY_STAFF')],
    [query.investigations, allow(agency, 'AGENCY_STAFF')],
    [query.expiring, allow(agency, ...COURT, 'AGENCY_STAFF')],
  ];
});

const ALLOWED: Record<string, Allowed> = {
  ...Object.fromEntries(registerEntries),
  enforcementCase: allow('POLICE', ...COURT),
  casesOfCourt: allow('POLICE', ...COURT),
  party: allow('POLICE', ...COURT),
  caseParty: allow('POLICE', ...COURT),
  courts: allow('POLICE', 'OFFICER', 'DIVISION_HEAD', 'AGENCY_STAFF', 'ANALYST', 'SUPERVISOR'),
  refusalReferral: allow('POLICE', ...COURT, 'AGENCY_STAFF'),
  refusalReferralsForPolice: allow('POLICE', 'AGENCY_STAFF'),
  refusalReferralsForSupervision: allow('PROCURATORATE', 'AGENCY_STAFF'),
  referRefusalToExecute: allow('POLICE', ...COURT),
  receiptRefusalReferral: allow('POLICE', 'AGENCY_STAFF'),
  decideRefusalReferral: allow('POLICE', 'AGENCY_STAFF'),
  superviseRefusalReferral: allow('PROCURATORATE', 'AGENCY_STAFF'),
  confirmSale: allow('POLICE', ...COURT),
  requestRealEstateTitleTransfer: allow('REALESTATE', ...COURT),
  transferRealEstateTitle: allow('REALESTATE', 'AGENCY_STAFF'),
  realEstateTitleTransferRequests: allow('REALESTATE', 'AGENCY_STAFF'),
  settleTransferTax: allow('TAXATION', 'AGENCY_STAFF'),
  taxRefund: allow('TAXATION', ...COURT),
  taxClearance: allow('TAXATION', ...COURT, 'AGENCY_STAFF'),
  deductFrozenFunds: allow('FINANCE', 'DIVISION_HEAD'),
  bankDepositByAccount: allow('FINANCE', ...COURT),
  companyEquityOfCompany: allow('MARKET', ...COURT),
  intellectualPropertyByNumber: allow('MARKET', ...COURT),
  motorVehicleByPlate: allow('VEHICLES', ...COURT),
  motorVehicleByVin: allow('VEHICLES', ...COURT),
  aircraftByMark: allow('VEHICLES', ...COURT),
  recordVehicleSighting: allow('VEHICLES', 'AGENCY_STAFF'),
  impoundVehicle: allow('VEHICLES', 'AGENCY_STAFF'),
  merchantVesselByMmsi: allow('VESSELS', ...COURT),
  merchantVesselByImo: allow('VESSELS', ...COURT),
  fishingVesselByHullName: allow('VESSELS', ...COURT),
  vesselsToLocate: allow('VESSELS', 'AGENCY_STAFF'),
  recordVesselDetention: allow('VESSELS', 'AGENCY_STAFF'),
  caseStatistics: allow('POLICE', 'DIVISION_HEAD', 'ANALYST', 'SUPERVISOR'),
  accessAudit: allow('POLICE', 'SUPERVISOR'),
  // Mass-victim cases: court staff run them; analysts and supervisors see the aggregate views only; paying out needs a division head.
  massCase: allow('VICTIMS', ...COURT, 'ANALYST', 'SUPERVISOR'),
  massCases: allow('VICTIMS', ...COURT, 'ANALYST', 'SUPERVISOR'),
  distributionRound: allow('VICTIMS', ...COURT, 'ANALYST', 'SUPERVISOR'),
  participant: allow('VICTIMS', ...COURT),
  me: allow('VICTIMS', ...COURT),
  verificationIssues: allow('VICTIMS', ...COURT),
  objections: allow('VICTIMS', ...COURT),
  declareMassCase: allow('VICTIMS', ...COURT),
  registerParticipant: allow('VICTIMS', ...COURT),
  importLedger: allow('VICTIMS', ...COURT),
  verifyCase: allow('VICTIMS', ...COURT),
  recordObjection: allow('VICTIMS', ...COURT),
  resolveObjection: allow('VICTIMS', ...COURT),
  announceRound: allow('VICTIMS', ...COURT),
  createPayoutBatches: allow('VICTIMS', ...COURT),
  runPayoutBatch: allow('VICTIMS', 'DIVISION_HEAD'),
  recordPaymentResult: allow('VICTIMS', ...COURT),
  updateBankCard: allow('VICTIMS', ...COURT),
  resendPayment: allow('VICTIMS', 'DIVISION_HEAD'),
};

/** Valid-looking values by argument name; anything else gets a placeholder of its type. */
const SAMPLE_ARGS: Record<string, unknown> = {
  caseNumber: '（2026）浙0102执1号',
  courtCode: '浙0102',
  partyId: '330102199001011237',
  plate: '浙A·12345',
  policeStation: '杭州市公安局上城区分局',
};

function sample(name: string, type: GraphQLInputType): unknown {
  if (name in SAMPLE_ARGS) return SAMPLE_ARGS[name];
  if (isNonNullType(type)) return sample(name, type.ofType);
  if (isListType(type)) return [sample(name, type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(required.map((field) => [field.name, sample(field.name, field.type)]));
  }
  const scalars: Record<string, unknown> = {
    Int: 1,
    Float: 1,
    Boolean: false,
    Cents: 100,
    Date: '2026-01-01',
    DateTime: '2026-01-01T00:00:00.000Z',
  };
  return scalars[type.name] ?? 'x';
}

const api = buildASTSchema(parse(readCommittedSupergraph()), { assumeValidSDL: true });
const inaccessible = (field: GraphQLField<unknown, unknown>) =>
  field.astNode?.directives?.some((d) => d.name.value === 'inaccessible') ?? false;
const rootFields = (['query', 'mutation'] as const).flatMap((kind) => {
  const type: GraphQLObjectType | null | undefined = kind === 'query' ? api.getQueryType() : api.getMutationType();
  return Object.values(type?.getFields() ?? {})
    .filter((field) => !inaccessible(field))
    .map((field) => ({ kind, field }));
});

/** The smallest operation calling one root field with its required arguments. */
function operationFor(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
): { document: string; variables: Record<string, unknown> } {
  const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declared = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    document: `${kind} Matrix${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, sample(arg.name, arg.type)])),
  };
}

const ROLES: Role[] = ['OFFICER', 'DIVISION_HEAD', 'AGENCY_STAFF', 'ANALYST', 'SUPERVISOR'];
function identityFor(role: Role, allowed: Allowed): Identity {
  if (role === 'OFFICER') return TEST_OFFICER;
  if (role === 'DIVISION_HEAD') return divisionHeadOf(TEST_OFFICER.court ?? '浙0102');
  if (role === 'AGENCY_STAFF') return staffOf(allowed.staff);
  return role === 'ANALYST' ? ANALYST : SUPERVISOR;
}

/**
 * Refused by the role gate (kit/auth/rules.ts: "<roles> may not call <field>"), or not signed in. A
 * refusal for want of a legal basis (the sample case is nobody's) comes after the gate and is the
 * business of the relation table (legalBasis.e2e), not of this one.
 */
const refused = (response: GraphQLResponse) =>
  response.errors?.some(
    (e) => e.extensions?.code === 'UNAUTHENTICATED' || (e.extensions?.code === 'FORBIDDEN' && / may not /.test(e.message)),
  ) ?? false;
/** Reached a subgraph's resolver: a gateway-side validation error would pass for "not refused" without testing anything. */
const reachedResolver = (response: GraphQLResponse) =>
  !response.errors || response.errors.every((e) => e.extensions?.serviceName !== undefined);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'roles' });
});
afterAll(() => h?.stop());

describe('the role × operation matrix', () => {
  it('has a rule for every root field of the API schema, and none for a field that is gone', () => {
    const names = rootFields.map(({ field }) => field.name);
    expect(names.filter((name) => !ALLOWED[name])).toEqual([]);
    expect(Object.keys(ALLOWED).filter((name) => !names.includes(name))).toEqual([]);
  });

  it.each(rootFields.map(({ kind, field }) => [field.name, kind, field] as const))(
    '%s refuses exactly the roles it does not allow',
    async (name, kind, field) => {
      const allowed = ALLOWED[name];
      if (!allowed) throw new Error(`${name} has no entry in ALLOWED`);
      const { document, variables } = operationFor(kind, field);
      const outcomes = await Promise.all(
        ROLES.map(async (role) => {
          const response = await h.query(document, variables, { as: identityFor(role, allowed) });
          const expected = allowed.roles.includes(role);
          if (expected && !reachedResolver(response))
            throw new Error(`${name} as ${role} did not reach a resolver: ${JSON.stringify(response.errors)}`);
          return { role, allowed: !refused(response) };
        }),
      );
      expect(outcomes).toEqual(ROLES.map((role) => ({ role, allowed: allowed.roles.includes(role) })));
    },
  );
});

describe('agency staff', () => {
  it('of another agency cannot work a register’s requests', async () => {
    const response = await h.query(
      'mutation { executeRealEstateControl(id: "x", feedback: "done") { id } }',
      {},
      { as: staffOf('VEHICLES') },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await h.query('{ realEstateRequests { nodes { id } } }', {}, { as: staffOf('VEHICLES') });
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
