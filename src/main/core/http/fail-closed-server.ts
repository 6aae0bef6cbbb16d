import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Log } from '../context';
import { answerAndClose } from './answer-and-close';

/** A request that is malformed in a way the handler noticed: answered with 400 and this sentence. */
export class BadRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequest';
  }
}

export interface ServerLimits {
  /** Longest request target (path and query) accepted; 414 beyond. */
  maxUrlBytes: number;
  /** Largest header block (Node answers 431 beyond). */
  maxHeaderBytes: number;
  /** Time a client has to send its headers, and its whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Idle time before a kept-alive connection is closed. */
  keepAliveTimeoutMs: number;
  /** Open connections at once (more are refused until some close). */
  maxConnections: number;
}

export const publicLimits: ServerLimits = {
  maxUrlBytes: 8 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 30_000,
  maxConnections: 1024,
};

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** How a listener words its error answers (plain text on the public listener, JSON envelopes on the host). */
export type ErrorAnswer = (status: number, message: string) => { contentType: string; body: string };

export interface FailClosedOptions {
  limits: ServerLimits;
  log: Log;
  errorAnswer: ErrorAnswer;
}

/**
 * An HTTP server whose handler can't take the process down: every value a
 * client controls is bounded before the handler sees it (target length,
 * header size, time to send, connections), and anything the handler throws or
 * rejects with becomes an answer (400 for a BadRequest or a bad %-sequence,
 * 500 otherwise) on a connection that is then closed. Both listeners, and any
 * route later put in front of them, are built on it.
 */
export function createFailClosedServer(handler: RequestHandler, options: FailClosedOptions): Server {
  const { limits, log, errorAnswer } = options;
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    const bad = error instanceof BadRequest || error instanceof URIError;
    if (!bad) log(`a request to ${String(req.url).slice(0, 200)} failed`, error);
    if (res.headersSent) return void req.socket.destroy();
    const message = bad ? error.message : 'Something went wrong inside Tidings.';
    const answer = errorAnswer(bad ? 400 : 500, message);
    answerAndClose(req, res, bad ? 400 : 500, { 'content-type': answer.contentType }, answer.body);
  };
  const server = createServer({ maxHeaderSize: limits.maxHeaderBytes }, (req, res) => {
    if ((req.url ?? '').length > limits.maxUrlBytes) {
      const answer = errorAnswer(414, 'The request address is too long.');
      return answerAndClose(req, res, 414, { 'content-type': answer.contentType }, answer.body);
    }
    try {
      const pending = handler(req, res);
      if (pending) pending.catch((error: unknown) => fail(req, res, error));
    } catch (error) {
      fail(req, res, error);
    }
  });
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}

/**
 * Listens on host:port, rejecting when the port can't be had. Later server
 * errors (out of file descriptors on accept) are logged: an 'error' event with
 * no listener would end the process.
 */
export function listen(server: Server, port: number, host: string, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (error) => log('the listener on ' + host + ' had an error', error));
      resolve();
    });
  });
}
