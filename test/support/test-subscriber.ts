/**
 * A WebSub subscriber's callback server on loopback, as the hub tests need
 * one: it answers verifications (echoing, refusing, or echoing wrongly), and
 * records every delivery with its headers and bytes, answering each with a
 * status the test chooses (503 for "down", 410 for "gone").
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Verification {
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: IncomingHttpHeaders;
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** Every Link header value, in order (Node joins repeated headers; they are split back here). */
  links: string[];
  body: Buffer;
}

export interface TestSubscriber {
  origin: string;
  port: number;
  callback(path?: string): string;
  /** How verifications are answered: echo the challenge, 404, or a wrong body. */
  verify: 'echo' | 'refuse' | 'wrong';
  /** Status for deliveries. */
  answer: number;
  verifications: Verification[];
  received: Received[];
  /** Stops listening (a subscriber that is down), and starts again on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSubscriber(port = 0): Promise<TestSubscriber> {
  let server: Server;
  const state: Pick<TestSubscriber, 'verify' | 'answer' | 'verifications' | 'received'> = {
    verify: 'echo',
    answer: 200,
    verifications: [],
    received: [],
  };
  const listen = async (onPort: number) => {
    server = createServer((req, res) => {
      const [path = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
      if (req.method === 'GET') {
        const query = new URLSearchParams(rawQuery);
        state.verifications.push({ path, query, rawQuery, headers: req.headers });
        if (state.verify === 'refuse') return void res.writeHead(404).end('no');
        const challenge = query.get('hub.challenge') ?? '';
        return void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(state.verify === 'echo' ? challenge : `${challenge}!`);
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const links = String(req.headers.link ?? '')
          .split(/,\s*(?=<)/)
          .filter(Boolean);
        state.received.push({ path, headers: req.headers, links, body: Buffer.concat(chunks) });
        res.writeHead(state.answer, { 'content-length': '0' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(onPort, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const boundPort = await listen(port);
  const origin = `http://127.0.0.1:${boundPort}`;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return Object.assign(state, {
    origin,
    port: boundPort,
    callback: (path = '/cb') => `${origin}${path}`,
    stop,
    restart: async () => void (await listen(boundPort)),
    close: async () => {
      if (server.listening) await stop();
    },
  });
}
