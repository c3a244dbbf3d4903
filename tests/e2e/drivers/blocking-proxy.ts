import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 that forwards nothing: it records the first request line of each
 * connection (`CONNECT host:443` for https/wss, `GET http://host/...` for plain http) and answers
 * 403. Pointing a browser's proxy settings here means every request that would leave the machine
 * is both stopped and seen, whichever context (page, content script, background page) made it.
 */
export interface BlockedProxyRequest {
  /** `https://host:port` for CONNECT tunnels, the absolute URL for plain http requests. */
  readonly url: string;
  readonly requestLine: string;
  readonly at: number;
}

export interface BlockingProxy {
  readonly port: number;
  readonly requests: readonly BlockedProxyRequest[];
  close(): Promise<void>;
}

function urlOf(requestLine: string): string {
  const [method, target] = requestLine.split(' ');
  if (method === 'CONNECT' && target) return `https://${target}`;
  return target ?? requestLine;
}

export async function startBlockingProxy(onRequest?: (request: BlockedProxyRequest) => void): Promise<BlockingProxy> {
  const requests: BlockedProxyRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      const lineEnd = head.indexOf('\r\n');
      if (lineEnd === -1 && head.length < 8192) return;
      socket.off('data', onData);
      const requestLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
      const request = { url: urlOf(requestLine), requestLine, at: Date.now() };
      requests.push(request);
      onRequest?.(request);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}
