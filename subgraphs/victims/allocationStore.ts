import { insertIgnoringDuplicates } from '../kit/outbox';
import { pairId } from './ids';
import type { AllocationChunkDocument, AllocationDocument, RoundDocument } from './model';
import type { VictimsRepository } from './repository';

/** Participants per stored slice: about 120 kB a document. */
export const ALLOCATION_CHUNK = 2000;

export function packAllocations(
  round: RoundDocument,
  rows: readonly AllocationDocument[],
  size = ALLOCATION_CHUNK,
): AllocationChunkDocument[] {
  const sorted = [...rows].sort((a, b) => (a.participantId < b.participantId ? -1 : 1));
  const chunks: AllocationChunkDocument[] = [];
  for (let start = 0, index = 0; start < sorted.length; start += size, index++) {
    const slice = sorted.slice(start, start + size);
    chunks.push({
      _id: `${round._id}:${index}`,
      roundId: round._id,
      caseNumber: round.caseNumber,
      index,
      first: slice[0].participantId,
      last: slice[slice.length - 1].participantId,
      participantIds: slice.map((a) => a.participantId),
      claims: slice.map((a) => a.claim),
      amounts: slice.map((a) => a.amount),
      cumulativePaid: slice.map((a) => a.cumulativePaid),
      cumulativeHeld: slice.map((a) => a.cumulativeHeld),
      holds: slice.map((a) => a.hold),
    });
  }
  return chunks;
}

/** Inserts with derived ids, a few slices per command: a re-run of the round meets them as duplicates. */
export async function writeAllocations(repo: VictimsRepository, chunks: readonly AllocationChunkDocument[]): Promise<void> {
  for (let start = 0; start < chunks.length; start += 5) await insertIgnoringDuplicates(repo.allocations, chunks.slice(start, start + 5));
}

function unpack(chunk: AllocationChunkDocument, i: number): AllocationDocument {
  const participantId = chunk.participantIds[i];
  return {
    _id: pairId(chunk.roundId, participantId),
    roundId: chunk.roundId,
    caseNumber: chunk.caseNumber,
    participantId,
    claim: chunk.claims[i],
    amount: chunk.amounts[i],
    cumulativePaid: chunk.cumulativePaid[i],
    cumulativeHeld: chunk.cumulativeHeld[i],
    hold: chunk.holds[i],
  };
}

export async function forEachAllocation(repo: VictimsRepository, roundId: string, visit: (a: AllocationDocument) => void): Promise<void> {
  await repo.forEach(repo.allocations, { roundId }, (chunk) => {
    for (let i = 0; i < chunk.participantIds.length; i++) visit(unpack(chunk, i));
  });
}

/** One person's share: the slice whose range holds the id (an index range query on MongoDB). */
export async function allocationOf(repo: VictimsRepository, roundId: string, participantId: string): Promise<AllocationDocument | null> {
  const chunk = await repo.allocations.findOne({ roundId, first: { $lte: participantId }, last: { $gte: participantId } });
  const i = chunk ? chunk.participantIds.indexOf(participantId) : -1;
  return chunk && i >= 0 ? unpack(chunk, i) : null;
}
