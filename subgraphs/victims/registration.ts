import { badUserInput } from '../../platform/errors';
import { checkBankCard, checkCitizenId, checkPhone, normaliseBankCard, normaliseCitizenId, normalisePhone } from '../../domain/identifiers';
import { insertIgnoringDuplicates, type Outbox } from '../kit/outbox';
import { isDuplicateKey } from '../kit/mongo';
import { caseNumberArg } from '../kit/validate';
import { participantIdOf } from './ids';
import type { ParticipantDocument } from './model';
import { registeredSms } from './reminders';
import type { VictimsRepository } from './repository';

export interface RegistrationInput {
  caseNumber: string;
  citizenId: string;
  name: string;
  phone: string;
  bankCard: string;
}

export type ValidRegistration = Omit<ParticipantDocument, 'registeredAt' | 'bankCardUpdatedAt'>;

/** Han characters, Latin letters, the middle dot of transliterated names (e.g. 阿依古丽·买买提). */
const NAME = /^[\p{Script=Han}A-Za-z·• ]{1,40}$/u;

export function nameArg(field: string, value: string): string {
  const name = value.trim();
  if (!NAME.test(name)) throw badUserInput(field, 'must be 1 to 40 Chinese characters or letters');
  return name;
}

export function bankCardArg(field: string, value: string): string {
  const card = normaliseBankCard(value);
  const problem = checkBankCard(card);
  if (problem) throw badUserInput(field, problem);
  return card;
}

/** Every field checked, in form order, before anything is read or written; the first bad one is named. */
export function validateRegistration(input: RegistrationInput, today: Date, prefix = 'input'): ValidRegistration {
  const caseNumber = caseNumberArg(`${prefix}.caseNumber`, input.caseNumber);
  const citizenId = normaliseCitizenId(input.citizenId);
  const idProblem = checkCitizenId(citizenId, today);
  if (idProblem) throw badUserInput(`${prefix}.citizenId`, idProblem);
  const name = nameArg(`${prefix}.name`, input.name);
  const phone = normalisePhone(input.phone);
  const phoneProblem = checkPhone(phone);
  if (phoneProblem) throw badUserInput(`${prefix}.phone`, phoneProblem);
  const bankCard = bankCardArg(`${prefix}.bankCard`, input.bankCard);
  return { _id: participantIdOf(caseNumber, citizenId), caseNumber, citizenId, name, phone, bankCard };
}

function recipient(p: ValidRegistration) {
  return { participantId: p._id, caseNumber: p.caseNumber, phone: p.phone };
}

/**
 * One participant. A second registration of the same person in the same case is recognised by its id
 * and changes nothing (a new card goes through updateBankCard). The SMS is enqueued on both paths:
 * a registration whose process died before the SMS gets it on the retry, and never twice.
 */
export async function registerParticipant(
  repo: VictimsRepository,
  outbox: Outbox,
  valid: ValidRegistration,
  now: Date,
): Promise<{ participant: ParticipantDocument; duplicate: boolean }> {
  const doc: ParticipantDocument = { ...valid, registeredAt: now };
  let duplicate = false;
  try {
    await repo.participants.insertOne(doc);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    duplicate = true;
  }
  const participant = duplicate ? await repo.participants.findOne({ _id: valid._id }) : doc;
  if (!participant) throw new Error(`participant ${valid._id} vanished after a duplicate insert`);
  await outbox.enqueue([registeredSms(recipient(participant))]);
  return { participant, duplicate };
}

/** Many at once (seed, benchmark, a bulk import from a registration drive): the same rules, inserts of 1,000. */
export async function registerParticipants(
  repo: VictimsRepository,
  outbox: Outbox,
  valid: readonly ValidRegistration[],
  now: Date,
): Promise<{ registered: number; duplicates: number }> {
  let duplicates = 0;
  for (let start = 0; start < valid.length; start += 1000) {
    const chunk = valid.slice(start, start + 1000);
    duplicates += (
      await insertIgnoringDuplicates(
        repo.participants,
        chunk.map((p) => ({ ...p, registeredAt: now })),
      )
    ).size;
    await outbox.enqueue(chunk.map((p) => registeredSms(recipient(p))));
  }
  return { registered: valid.length - duplicates, duplicates };
}
