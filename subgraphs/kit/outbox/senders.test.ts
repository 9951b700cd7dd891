import { appendFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { FileSmsSender } from './fileSender';
import { HttpSmsSender, SmsTransportError } from './httpSender';
import { idsInFile } from '../../../test/outboxTesting';

const dir = mkdtempSync(join(tmpdir(), 'sms-senders-'));
const sms = (id: string) => ({ id, to: '13800138000', text: `短信 ${id}` });

describe('FileSmsSender', () => {
  it('writes an id once, across calls and across reopening the file', async () => {
    const file = join(dir, 'once.jsonl');
    const first = await FileSmsSender.open(file);
    await first.send([sms('a'), sms('b'), sms('a')]);
    await first.send([sms('b'), sms('c')]);
    await first.close();
    const reopened = await FileSmsSender.open(file);
    expect(reopened.has('c')).toBe(true);
    const outcome = await reopened.send([sms('a'), sms('d')]);
    await reopened.close();
    expect([...outcome.values()]).toEqual(['SENT', 'SENT']);
    expect(idsInFile(file)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('cuts a line torn by a crash, so the message is written again whole', async () => {
    const file = join(dir, 'torn.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'x', to: '1', text: 't', at: 'now' })}\n`);
    appendFileSync(file, '{"id":"y","to":"13');
    const sender = await FileSmsSender.open(file);
    await sender.send([sms('y')]);
    await sender.close();
    expect(idsInFile(file)).toEqual(['x', 'y']);
  });
});

describe('HttpSmsSender', () => {
  it('posts each message with its id as the idempotency key and maps the answers', async () => {
    const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        const id = (JSON.parse(body) as { id: string }).id;
        res.statusCode = id === 'bad-number' ? 422 : id === 'again' ? 409 : 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    try {
      const sender = new HttpSmsSender({ url, token: 'secret' });
      const outcome = await sender.send([sms('ok'), sms('bad-number'), sms('again')]);
      expect(Object.fromEntries(outcome)).toEqual({ ok: 'SENT', 'bad-number': 'REJECTED', again: 'SENT' });
      expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['ok', 'bad-number', 'again']);
      expect(seen[0].headers.authorization).toBe('Bearer secret');
      expect(JSON.parse(seen[0].body)).toEqual({ id: 'ok', to: '13800138000', text: '短信 ok' });
    } finally {
      server.close();
    }
  });

  it('throws on a transport failure so the dispatcher retries later', async () => {
    const failing = new HttpSmsSender({ url: 'http://127.0.0.1:9/sms', fetch: async () => new Response('', { status: 503 }) });
    await expect(failing.send([sms('z')])).rejects.toBeInstanceOf(SmsTransportError);
  });
});
