import { createRandom, generateBankCard, generateCitizenId, generatePhone } from '../../domain/identifiers';
import { OUTBOX_PREFIX } from './model';
import { codeOf, dataOf, DECLARE, IMPORT, REGISTER, startVictims, type VictimsHarness } from '../../test/victimsHarness';

const CASE = '（2025）浙0102执100号';
const random = createRandom('victims-registration');
const person = () => ({
  caseNumber: CASE,
  citizenId: generateCitizenId(random),
  name: '王小明',
  phone: generatePhone(random),
  bankCard: generateBankCard(random),
});
let h: VictimsHarness;

beforeAll(async () => {
  h = await startVictims('victims_registration');
  dataOf(await h.query(DECLARE, { c: CASE, n: '某理财产品非法集资案', basis: h.notice(CASE) }));
});
afterAll(() => h?.stop());

describe('registration', () => {
  it('registers a participant once, recognising a repeat, and sends one SMS', async () => {
    const input = person();
    const first = dataOf(
      await h.query<{ registerParticipant: { duplicate: boolean; participant: { id: string; bankCard: string } } }>(REGISTER, {
        i: input,
        basis: h.notice(CASE),
      }),
    );
    expect(first.registerParticipant.duplicate).toBe(false);
    expect(first.registerParticipant.participant.bankCard).toMatch(/^\d{4} \*{4} \*{4} \d{4}$/);
    const again = dataOf(
      await h.query<{ registerParticipant: { duplicate: boolean; participant: { id: string } } }>(REGISTER, {
        i: { ...input, phone: generatePhone(random) },
        basis: h.notice(CASE),
      }),
    );
    expect(again.registerParticipant).toMatchObject({ duplicate: true, participant: { id: first.registerParticipant.participant.id } });
    expect(await h.db.collection('participants').countDocuments({ citizenId: input.citizenId })).toBe(1);
    expect(
      await h.db
        .collection(OUTBOX_PREFIX)
        .countDocuments({ _id: `victims:${first.registerParticipant.participant.id}:REGISTERED` } as object),
    ).toBe(1);
    expect((await h.sms()).get(`victims:${first.registerParticipant.participant.id}:REGISTERED`)).toContain(CASE);
  });

  it.each([
    ['citizenId', { citizenId: '330102199001011230' }],
    ['name', { name: '' }],
    ['phone', { phone: '12345678901' }],
    ['bankCard', { bankCard: '6222021234567890123' }],
    ['caseNumber', { caseNumber: '2025 case 1' }],
  ])('refuses a bad %s, naming the field, and writes nothing', async (field, change) => {
    const before = await h.db.collection('participants').countDocuments();
    const result = await h.query(REGISTER, { i: { ...person(), ...change }, basis: h.notice(CASE) });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.field).toBe(`input.${field}`);
    expect(await h.db.collection('participants').countDocuments()).toBe(before);
  });

  it('refuses a registration for a case that is not a mass-victim case', async () => {
    expect(
      codeOf(
        await h.query(REGISTER, { i: { ...person(), caseNumber: '（2025）浙0102执101号' }, basis: h.notice('（2025）浙0102执101号') }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('lets a participant register only themself', async () => {
    const input = person();
    const result = await h.query(REGISTER, { i: input }, { caller: { role: 'PARTICIPANT', participantId: 'P0123456789abcdef' } });
    expect(codeOf(result)).toBe('FORBIDDEN');
  });
});

describe('ledger import', () => {
  const line = (p: ReturnType<typeof person>, paid = 1_000_000) => `${p.citizenId},${p.name},${paid},100000,50000`;

  it('imports all lines, then recognises a re-import and reports changed amounts without overwriting', async () => {
    const a = person();
    const b = person();
    const csv = `citizenId,name,principalPaidIn,principalReturned,interestAndRebates\n${line(a)}\n${line(b)}\n`;
    expect(dataOf(await h.query(IMPORT, { c: CASE, csv, basis: h.notice(CASE) })).importLedger).toEqual({
      entries: 2,
      imported: 2,
      unchanged: 0,
      conflicts: [],
    });
    const changed = dataOf(
      await h.query<{ importLedger: { unchanged: number; conflicts: { line: number }[] } }>(IMPORT, {
        c: CASE,
        csv: `${line(a)}\n${line(b, 2_000_000)}`,
        basis: h.notice(CASE),
      }),
    );
    expect(changed.importLedger.unchanged).toBe(1);
    expect(changed.importLedger.conflicts.map((c) => c.line)).toEqual([2]);
    expect((await h.db.collection('ledger_entries').findOne({ citizenId: b.citizenId }))?.principalPaidIn).toBe(1_000_000);
  });

  it('refuses the whole file when a line is bad, naming the line, and imports nothing', async () => {
    const before = await h.db.collection('ledger_entries').countDocuments();
    const good = person();
    const result = await h.query(IMPORT, {
      c: CASE,
      csv: `${line(good)}\n330102199001011230,李四,100,0,0\n${line(good)}`,
      basis: h.notice(CASE),
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/^csv: line 2: citizenId/);
    expect((result.errors?.[0].extensions?.problems as unknown[]).length).toBe(2);
    expect(await h.db.collection('ledger_entries').countDocuments()).toBe(before);
  });
});

describe('federation', () => {
  it('extends EnforcementCase with massCase, null for an ordinary case', async () => {
    const result = dataOf(
      await h.query<{ _entities: { massCase: { name: string } | null }[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { massCase { name } } } }`,
        {
          r: [
            { __typename: 'EnforcementCase', caseNumber: CASE },
            { __typename: 'EnforcementCase', caseNumber: '（2025）浙0102执101号' },
          ],
        },
      ),
    );
    expect(result._entities).toEqual([{ massCase: { name: '某理财产品非法集资案' } }, { massCase: null }]);
  });
});
