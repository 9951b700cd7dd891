import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from 'mongodb';
import type { Identity } from '../platform/identity';
import { identityHeaders } from '../platform/internalToken';
import { FileSmsSender, OutboxDispatcher } from '../subgraphs/kit/outbox';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/server';
import { OUTBOX_PREFIX } from '../subgraphs/victims/model';
import type { Caller } from '../subgraphs/victims/caller';
import { createVictimsSubgraph } from '../subgraphs/victims/index';
import { attestCaseBasis } from '../subgraphs/kit/auth/legalBasis';
import { parseCaseNumber } from '../domain/identifiers';
import { FilePaymentChannel, type FilePaymentChannelOptions } from '../subgraphs/victims/paymentChannel';
import { freshDatabase, testMongoUri } from './database';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface VictimsHarness {
  running: RunningSubgraph;
  db: Db;
  dataDir: string;
  /** Dispatches the outbox into the SMS file and returns every SMS delivered so far, by id. */
  sms(): Promise<Map<string, string>>;
  /** Moves the subgraph's clock (deadlines) forward. */
  advance(ms: number): void;
  /**
   * The court's notice for acting through `caseNumber`, as the court would give it to `as` (the officer
   * assigned to the open case, or a division head of its court) at the subgraph's time: no court runs here.
   */
  notice(caseNumber: string, as?: Identity): string;
  /** As an officer unless `as` names another caller (x-caller) or `identity` another verified identity. */
  query<T = Record<string, unknown>>(
    document: string,
    variables?: Record<string, unknown>,
    as?: { caller?: Caller; identity?: Identity },
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export const OFFICER: Identity = { userId: 'victims-officer', roles: ['OFFICER'], court: '浙0102', officerId: '330102-0001' };
export const ANALYST: Identity = { userId: 'victims-analyst', roles: ['ANALYST'] };
export const DIVISION_HEAD: Identity = { userId: 'victims-head', roles: ['DIVISION_HEAD'], court: '浙0102' };

/** The court's notice as the court signs it (development LEGAL_BASIS key); victims reads only its user and case. */
function noticeOf(caseNumber: string, as: Identity, now: Date): string {
  const parsed = parseCaseNumber(caseNumber);
  if (typeof parsed === 'string') throw new Error(`notice for ${caseNumber}: ${parsed}`);
  return attestCaseBasis(
    { userId: as.userId, courtCode: parsed.courtCode, caseNumber, respondentIds: [], debtPlusCosts: 0, caseAccount: '' },
    now,
  );
}

/** The victims subgraph alone on port 0, its own database (`t_<name>`), data directory and clock. */
export async function startVictims(name: string, channel: FilePaymentChannelOptions = {}): Promise<VictimsHarness> {
  const uri = testMongoUri();
  const dbName = `t_${name}`;
  const { client } = await freshDatabase(dbName, { maxPoolSize: 5 });
  const dataDir = mkdtempSync(join(tmpdir(), `${dbName}-`));
  let offset = 0;
  const subgraph = createVictimsSubgraph({ objectionDays: 15, dataDir }, (db) =>
    FilePaymentChannel.open(join(dataDir, db.databaseName, 'payments.jsonl'), channel),
  );
  const running = await startSubgraph(
    subgraph,
    { name: 'victims', host: '127.0.0.1', port: 0, mongoUri: uri, dbName, maxPoolSize: 20 },
    {
      clock: () => new Date(Date.now() + offset),
      // sms() dispatches the outbox itself, into a file of this harness's: no second dispatcher beside it.
      background: false,
    },
  );
  return {
    running,
    db: client.db(dbName),
    dataDir,
    advance: (ms) => void (offset += ms),
    notice: (caseNumber, as = OFFICER) => noticeOf(caseNumber, as, new Date(Date.now() + offset)),
    async sms() {
      const file = join(dataDir, 'sms.jsonl');
      const sender = await FileSmsSender.open(file);
      const dispatcher = new OutboxDispatcher(client.db(dbName), sender, {
        prefix: OUTBOX_PREFIX,
        messagesPerSecond: 10_000,
        owner: 'test',
      });
      await dispatcher.drain();
      await dispatcher.stop();
      await sender.close();
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      return new Map(lines.map((l) => JSON.parse(l) as { id: string; text: string }).map((m) => [m.id, m.text]));
    },
    async query<T>(document: string, variables?: Record<string, unknown>, as: { caller?: Caller; identity?: Identity } = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(await identityHeaders(as.identity ?? OFFICER, 'victims')),
      };
      if (as.caller) headers['x-caller'] = JSON.stringify(as.caller);
      const response = await fetch(running.url, { method: 'POST', headers, body: JSON.stringify({ query: document, variables }) });
      return (await response.json()) as GraphQLResult<T>;
    },
    async stop() {
      await running.stop();
      await client.close();
    },
  };
}

/** The data of a result, or a thrown error carrying its GraphQL errors. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(JSON.stringify(result.errors ?? 'no data'));
  return result.data;
}

export function codeOf(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}

export const DECLARE = `mutation($c: String!, $n: String!, $basis: String!) { declareMassCase(caseNumber: $c, name: $n, basis: $basis) { caseNumber objectionDays } }`;
export const REGISTER = `mutation($i: RegistrationInput!, $basis: String) { registerParticipant(input: $i, basis: $basis) { duplicate participant { id name citizenId phone bankCard } } }`;
export const IMPORT = `mutation($c: String!, $csv: String!, $basis: String!) { importLedger(caseNumber: $c, csv: $csv, basis: $basis) { entries imported unchanged conflicts { line citizenId reason } } }`;
export const VERIFY = `mutation($c: String!, $basis: String!) { verifyCase(caseNumber: $c, basis: $basis) { id number objectionDeadline verified nameMismatches notInLedger unregistered allowedClaims mismatchClaims unregisteredClaims } }`;
export const ANNOUNCE = `mutation($c: String!, $p: Cents!, $basis: String!) { announceRound(caseNumber: $c, pool: $p, basis: $basis) { id number pool cumulativePool totalClaims undistributed released summary { payees payable reserved reservedCount escrow escrowCount } } }`;
