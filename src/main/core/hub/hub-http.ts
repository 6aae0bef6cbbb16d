import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/read-body';
import { plainText, refuse } from '../public/plain-text';
import type { PublicRoute } from '../public/public-listener';
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
}

/** The public listener's two routes for sharing: the hub's endpoint and the shared feed. */
export function createHubRoutes(deps: HubHttpDeps): { hub: PublicRoute; sharedFeed: PublicRoute } {
  const served = () => deps.topic() ?? 'none right now';

  async function hub(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      return refuse(req, res, 405, `POST a form-encoded subscription request here; this hub serves ${served()}.`, {
        allow: 'POST',
      });
    }
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type && !type.startsWith('application/x-www-form-urlencoded')) {
      return refuse(
        req,
        res,
        415,
        `Send the request as application/x-www-form-urlencoded; this hub serves ${served()}.`,
      );
    }
    const body = await readBody(req, deps.maxRequestBytes);
    if (body === 'aborted') return;
    if (body === 'too large') return refuse(req, res, 413, 'The request is larger than this hub accepts.');
    // A thrown error here becomes a 500 on a closed connection (the fail-closed server).
    const answer = deps.intake.receive(new URLSearchParams(body.toString('utf8')));
    plainText(
      res,
      answer.status,
      answer.body,
      answer.retryAfterSeconds ? { 'retry-after': answer.retryAfterSeconds } : {},
    );
  }

  function sharedFeed(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(req, res, 405, 'The shared feed answers GET and HEAD.', { allow: 'GET, HEAD' });
    }
    // A GET carries no body; one that does is refused, its body read no further than refuse's bound.
    if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding']) {
      return refuse(req, res, 400, 'A request for the shared feed carries no body.');
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
