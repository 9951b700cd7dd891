import type { MongoClient } from 'mongodb';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Commands the driver reports (connectDatabase turns monitoring on); the handshake and heartbeats are not commands of ours. */
const NOT_OURS = new Set(['hello', 'ismaster', 'isMaster', 'saslStart', 'saslContinue', 'endSessions']);

/** The commands a `/metrics` answer counts, over every command name: how a benchmark or a test reads it. */
export function commandsCounted(metricsText: string): number {
  return [...metricsText.matchAll(/^mongodb_commands_total\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/**
 * Counts and times every database command a subgraph sends, by command name (find, insert, update,
 * aggregate, …): how many commands one request costs is how its cost grows with the data on a server
 * that scans, and the first thing to look at when an agency's answers slow down.
 */
export function countDatabaseCommands(client: MongoClient, registry: Registry): void {
  const commands = new Counter({
    name: 'mongodb_commands_total',
    help: 'Database commands sent, by command name.',
    labelNames: ['command'],
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'mongodb_command_seconds',
    help: 'Time from sending a database command to its answer, by command name and outcome.',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  client.on('commandStarted', (event) => {
    if (!NOT_OURS.has(event.commandName)) commands.inc({ command: event.commandName });
  });
  client.on('commandSucceeded', (event) => {
    if (!NOT_OURS.has(event.commandName)) seconds.observe({ command: event.commandName, outcome: 'ok' }, event.duration / 1000);
  });
  client.on('commandFailed', (event) => {
    if (!NOT_OURS.has(event.commandName)) seconds.observe({ command: event.commandName, outcome: 'error' }, event.duration / 1000);
  });
}
