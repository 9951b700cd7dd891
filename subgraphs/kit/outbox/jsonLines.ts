import { createReadStream, promises as fs } from 'node:fs';

/**
 * Reads an append-only JSON-lines file, calling `visit` for every complete line, and cuts off a line torn
 * by a crash mid-write so that the next append starts on a clean line. Shared by the file-based stand-ins
 * for external systems (the SMS file, the victims payment file) that rebuild their idempotency set on open.
 */
export async function readJsonLines<T>(path: string, visit: (value: T) => void): Promise<void> {
  let size: number;
  try {
    size = (await fs.stat(path)).size;
  } catch {
    return;
  }
  let carry = '';
  let completeBytes = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (carry + (chunk as string)).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      completeBytes += Buffer.byteLength(line, 'utf8') + 1;
      if (line.trim() !== '') visit(JSON.parse(line) as T);
    }
  }
  if (completeBytes < size) await fs.truncate(path, completeBytes);
}
