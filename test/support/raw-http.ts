import { connect } from 'node:net';

export interface RawAnswer {
  /** 0 when the connection ended before a status line. */
  status: number;
  head: string;
  body: string;
}

/**
 * Writes `request` byte for byte on a fresh connection (fetch and node:http
 * refuse to send malformed targets, which is what an attacker sends) and reads
 * one answer: until its Content-Length is in, or the server closes.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 20_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = received.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        body: split === -1 ? '' : text.slice(split + 4),
      });
    };
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, split))?.[1];
      if (split !== -1 && length !== undefined && received.length - split - 4 >= Number(length)) done();
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', () => done());
    socket.write(request);
  });
}

export interface EndlessOutcome {
  /** Body bytes the server took before it closed the connection. */
  sent: number;
  /** The status it answered with, if any reached us. */
  status: number;
}

/**
 * POSTs a body that never ends (chunked, as fast as the server reads) and
 * reports how much of it the server read before closing; gives up at
 * `giveUpBytes` (a server that reads forever).
 */
export function postEndlessBody(port: number, path: string, giveUpBytes: number): Promise<EndlessOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    let sent = 0;
    let answer = '';
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ sent, status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0) });
    };
    socket.on('data', (data) => (answer += data.toString('latin1')));
    socket.on('error', finish);
    socket.on('close', finish);
    const pump = () => {
      while (!finished && !socket.destroyed) {
        if (sent >= giveUpBytes) return finish();
        sent += chunk.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
    };
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\n`, pump);
  });
}
