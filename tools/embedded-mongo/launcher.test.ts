import { existsSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { binaryHash, embeddedBackend, ensureEmbeddedMongoBinary, postgresqlBin, startMongo } from './launcher';

// Assigning undefined to process.env would store the string "undefined".
function restoreUri(saved: string | undefined): void {
  if (saved === undefined) delete process.env.MONGODB_URI;
  else process.env.MONGODB_URI = saved;
}

test('binary hash is stable and names the cached binary', async () => {
  const hash = await binaryHash();
  expect(hash).toMatch(/^[0-9a-f]{16}$/);
  expect(await binaryHash()).toBe(hash);
  const binary = await ensureEmbeddedMongoBinary();
  expect(binary).toContain(`/.cache/embedded-mongo/${hash}/embedded-mongo`);
  expect(await ensureEmbeddedMongoBinary()).toBe(binary);
});

describe('with MONGODB_URI unset', () => {
  const saved = process.env.MONGODB_URI;
  beforeEach(() => delete process.env.MONGODB_URI);
  afterEach(() => restoreUri(saved));

  test('a second temporary server is independent and cleans up its data dir', async () => {
    const server = await startMongo({ temporary: true });
    try {
      expect(server.embedded).toBe(true);
      expect(server.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
      // globalSetup's server is still running, so a clash would fail here.
      expect(server.uri).not.toBe(saved);

      const client = await MongoClient.connect(server.uri);
      try {
        await client.db('launcher_probe').collection('t').insertOne({ ok: 1 });
        expect(await client.db('launcher_probe').collection('t').countDocuments()).toBe(1);
      } finally {
        await client.close();
      }
    } finally {
      await server.stop();
    }
    expect(server.dataDir && existsSync(server.dataDir)).toBe(false);
    await expect(server.stop()).resolves.toBeUndefined(); // idempotent
  });
});

test('with MONGODB_URI set, startMongo starts nothing', async () => {
  const saved = process.env.MONGODB_URI;
  process.env.MONGODB_URI = 'mongodb://example.invalid:27017/';
  try {
    const server = await startMongo({ temporary: true });
    expect(server).toMatchObject({ uri: 'mongodb://example.invalid:27017/', embedded: false });
    expect(server.dataDir).toBeUndefined();
    await server.stop();
  } finally {
    restoreUri(saved);
  }
});

describe('the embedded backend', () => {
  test('is PostgreSQL unless EMBEDDED_DATABASE says sqlite, and nothing else', () => {
    expect(embeddedBackend({})).toBe('postgresql');
    expect(embeddedBackend({ EMBEDDED_DATABASE: 'sqlite' })).toBe('sqlite');
    expect(() => embeddedBackend({ EMBEDDED_DATABASE: 'mysql' })).toThrow(/EMBEDDED_DATABASE must be postgresql or sqlite/);
  });

  test('finds PostgreSQL where Debian installs it, or says what to install and the ways around it', () => {
    expect(postgresqlBin({ PATH: '' })).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
    expect(() => postgresqlBin({ PATH: '/nowhere' }, '/nowhere')).toThrow(
      /apt-get install postgresql.*POSTGRESQL_BIN.*EMBEDDED_DATABASE=sqlite.*MONGODB_URI/,
    );
    expect(() => postgresqlBin({ POSTGRESQL_BIN: '/nowhere' })).toThrow(/POSTGRESQL_BIN=\/nowhere holds no initdb and postgres/);
  });
});
