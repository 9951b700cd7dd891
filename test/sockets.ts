import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { isIP, type Socket } from 'node:net';

/** Every address an outgoing TCP socket of this process connected or resolved to, while recording. */
export interface SocketRecorder {
  addresses: string[];
  stop(): void;
}

export function isLoopback(address: string): boolean {
  const plain = address.replace(/^::ffff:/, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

export function recordOutgoingSockets(): SocketRecorder {
  const addresses: string[] = [];
  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    // 'lookup' catches a name resolved to a remote address even if the connection then fails.
    socket.once('lookup', (_error: Error | null, address: string) => address && addresses.push(address));
    socket.once('connect', () => socket.remoteAddress && addresses.push(socket.remoteAddress));
  };
  subscribe('net.client.socket', onSocket);
  return { addresses, stop: () => unsubscribe('net.client.socket', onSocket) };
}
