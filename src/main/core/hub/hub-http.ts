import type { IncomingMessage, ServerResponse } from 'node:http';
import { plainText } from '../public/plain-text';
import { readBoundedBody } from '../public/read-bounded-body';
import type { HubIntake } from './hub-intake';
import { atomContentType } from './shared-atom';
import { linkHeaderValues } from './topic-urls';

export interface ServedDocument {
  body: Buffer;
  etag: string;
  lastModified: string;
}

export interface HubHttpDeps {
  intake: HubIntake;
  maxRequestBytes: number;
  topic(): string | null;
  whyNoTopic(): string;
  externalHubs(): readonly string[];
  documentFor(topic: string): ServedDocument;
  log(message: string, error?: unknown): void;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The public listener's two routes for sharing: the hub's endpoint and the shared feed. */
export function createHubRoutes(deps: HubHttpDeps): { hub: RouteHandler; sharedFeed: RouteHandler } {
  const served = () => deps.topic() ?? 'none right now';

  function hub(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') {
      req.resume();
      return plainText(res, 405, `POST a form-encoded subscription request here; this hub serves ${served()}.`, {
        allow: 'POST',
      });
    }
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type && !type.startsWith('application/x-www-form-urlencoded')) {
      req.resume();
      return plainText(res, 415, `Send the request as application/x-www-form-urlencoded; this hub serves ${served()}.`);
    }
    void readBoundedBody(req, deps.maxRequestBytes).then(
      (body) => {
        if (body === 'aborted') return;
        if (body === 'too large') {
          res.setHeader('connection', 'close');
          return plainText(res, 413, 'The request is larger than this hub accepts.');
        }
        const answer = deps.intake.receive(new URLSearchParams(body.toString('utf8')));
        plainText(
          res,
          answer.status,
          answer.body,
          answer.retryAfterSeconds ? { 'retry-after': answer.retryAfterSeconds } : {},
        );
      },
      (error: unknown) => {
        deps.log('hub: a request could not be handled', error);
        if (!res.headersSent) plainText(res, 500, 'The hub could not handle this request.');
      },
    );
  }

  function sharedFeed(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return plainText(res, 405, 'The shared feed answers GET and HEAD.', { allow: 'GET, HEAD' });
    }
    const topic = deps.topic();
    if (topic === null) return plainText(res, 503, `The shared feed has no public address: ${deps.whyNoTopic()}`);
    const document = deps.documentFor(topic);
    const headers = {
      'content-type': atomContentType,
      link: linkHeaderValues(topic, deps.externalHubs()),
      etag: document.etag,
      'last-modified': document.lastModified,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    const tags = req.headers['if-none-match'];
    if (tags && tags.split(',').some((tag) => tag.trim() === document.etag || tag.trim() === '*')) {
      res.writeHead(304, headers);
      return void res.end();
    }
    res.writeHead(200, { ...headers, 'content-length': document.body.length });
    // HEAD: the same headers (Link included, for discovery), no body.
    res.end(req.method === 'HEAD' ? undefined : document.body);
  }

  return { hub, sharedFeed };
}
