/**
 * A real WebSub hub and publisher on loopback HTTP, with the knobs real hubs
 * differ on (WEBSUB.md): verify before or after answering, the lease granted
 * (up to WordPress.com's ten years), the answer to a subscription request
 * (202/204/200/4xx/503+Retry-After/307/308), the signature method (or none, or
 * a corrupted one), full or diff payloads, the Content-Type deliveries carry,
 * dropping a subscription on a failed delivery, going silent, and denial.
 * Topics are served here too, as Atom, RSS, JSON Feed or HTML h-feed pages,
 * advertising the hub in Link headers (quirky ones too) and/or the document,
 * and optionally behind 301/302 redirects. `websubRocksKnobs` makes it behave
 * as the websub.rocks hub does.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { atom, rss, type EntrySpec } from './feeds';
import { hfeed, jsonFeed } from './topic-documents';
import { loopbackLookup } from '../../src/main/core/tunnel/loopback-lookup';

/**
 * What the hub sends to callbacks: plain node:http, so `*.localhost` callbacks
 * (a localtunnel server on this machine) resolve to loopback like a browser would.
 */
function send(
  url: string,
  options: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: Buffer; timeoutMs: number },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(url),
      { method: options.method, headers: options.headers, lookup: loopbackLookup, timeout: options.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

export type SignatureMethod = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface HubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface HubKnobs {
  /** 'before': verify intent before answering the POST (websub.rocks, PuSH 0.3 sync hubs); 'never': a hub that forgets. */
  verify: 'after' | 'before' | 'never';
  /** Lease sent with a subscribe verification; null sends none. */
  leaseSeconds: number | null;
  /** The answer to a subscription request when none is queued; 2xx goes on to verify. */
  answer: HubAnswer;
  signature: SignatureMethod | 'none' | 'corrupt';
  /** 'diff' delivers only the entries just published (Google, Superfeedr); 'full' the whole feed. */
  payload: 'full' | 'diff';
  /** The Content-Type of deliveries; null: the topic's own (websub.rocks says text/html for everything). */
  deliveryContentType: string | null;
  /** Drop a subscription on any non-2xx delivery answer (websub.rocks, WordPress.com), else keep it. */
  deactivateOnFailure: boolean;
  /** A hub that silently stops delivering: publishing updates the topic, nobody is told. */
  silent: boolean;
  /** Verify intent naming this topic instead of the one asked for (websub.rocks 205). */
  verifyTopic: string | null;
}

/** The websub.rocks hub: verifies before answering, 1-day leases, sha256, whole pages labelled text/html, and no second chances. */
export const websubRocksKnobs: Partial<HubKnobs> = {
  verify: 'before',
  leaseSeconds: 86400,
  signature: 'sha256',
  payload: 'full',
  deliveryContentType: 'text/html',
  deactivateOnFailure: true,
};

export type TopicFormat = 'atom' | 'rss' | 'hfeed' | 'json';

export interface TopicSpec {
  title?: string;
  entries?: EntrySpec[];
  /** Default 'atom'. */
  format?: TopicFormat;
  /**
   * The Link header sent with the topic; default: this hub and the topic's own URL. null: none.
   * An array sends one header line per element (real servers do both).
   */
  linkHeader?: string | string[] | null;
  /** Extra <link> elements in the feed document; for an h-feed page, markup in its <head>. */
  documentLinks?: string;
  /** h-feed pages: markup at the start of <body> (where a hub link must not count). */
  bodyLinks?: string;
  /** h-feed pages: entry URLs stable (default) or by position, newest first, as websub.rocks does. */
  hfeedIds?: 'stable' | 'positional' | 'notes';
  /** JSON Feed: `feed_url` and `hubs`. */
  jsonFeedUrl?: string;
  jsonHubs?: Array<string | { type: string; url: string }>;
  /** Served Content-Type, if not the format's usual one. */
  contentType?: string;
  /** Instead of a document: a redirect with this status to another topic of this hub. */
  redirect?: { status: 301 | 302 | 307 | 308; to: string };
}

export interface SubscriptionRequest {
  path: string;
  form: URLSearchParams;
  answeredWith: number;
}

export interface Verification {
  mode: string;
  callback: string;
  topic: string;
  status: number;
  ok: boolean;
}

export interface HubSubscription {
  callback: string;
  topic: string;
  secret: string | null;
  leaseSeconds: number | null;
}

export interface DeliveryResult {
  callback: string;
  status: number;
}

export interface TestHub {
  origin: string;
  /** The hub endpoint that obeys the knobs. */
  hubUrl: string;
  /** An endpoint that always accepts (202) and verifies: where 307/308 answers point. */
  directHubUrl: string;
  knobs: HubKnobs;
  /** Answers for the next subscription requests, before `knobs.answer`. */
  queueAnswer(...answers: HubAnswer[]): void;
  topicUrl(name: string): string;
  setTopic(name: string, spec: TopicSpec): void;
  /** Adds entries to a topic and delivers to every verified subscriber; resolves with their answers. */
  publish(name: string, entries: EntrySpec[]): Promise<DeliveryResult[]>;
  /** POSTs any body to a callback, signed per the knobs with that subscription's secret. */
  deliver(subscription: HubSubscription, body: string | Buffer, contentType?: string): Promise<number>;
  /** The topic's document as served (and as delivered in full). */
  documentOf(name: string): string;
  deny(name: string, reason: string): Promise<number[]>;
  /** Re-verifies an active subscription as hubs that refresh on their own do. */
  reverify(subscription: HubSubscription): Promise<Verification>;
  subscriptions(name?: string): HubSubscription[];
  requests: SubscriptionRequest[];
  verifications: Verification[];
  topicFetches: string[];
  /** Polls (real time) until probe gives something truthy; probe may be async. */
  waitFor<T>(
    probe: () => T | undefined | false | null | Promise<T | undefined | false | null>,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

export const defaultKnobs = (): HubKnobs => ({
  verify: 'after',
  leaseSeconds: 3600,
  answer: { status: 202 },
  signature: 'sha256',
  payload: 'diff',
  deliveryContentType: null,
  deactivateOnFailure: false,
  silent: false,
  verifyTopic: null,
});

const contentTypes: Record<TopicFormat, string> = {
  atom: 'application/atom+xml',
  rss: 'application/rss+xml',
  hfeed: 'text/html; charset=utf-8',
  json: 'application/feed+json',
};

export async function startTestHub(knobs: Partial<HubKnobs> = {}): Promise<TestHub> {
  const state: HubKnobs = { ...defaultKnobs(), ...knobs };
  const queued: HubAnswer[] = [];
  const topics = new Map<string, TopicSpec & { title: string; entries: EntrySpec[] }>();
  const subs = new Map<string, HubSubscription>(); // by callback + topic
  const requests: SubscriptionRequest[] = [];
  const verifications: Verification[] = [];
  const topicFetches: string[] = [];
  let origin = '';

  const topicUrl = (name: string) => `${origin}/topics/${name}`;
  const nameOf = (topic: string) => topic.slice(`${origin}/topics/`.length);
  const documentOf = (name: string, entries?: EntrySpec[]) => {
    const topic = topics.get(name)!;
    const list = entries ?? topic.entries;
    switch (topic.format ?? 'atom') {
      case 'rss':
        return rss(topic.title, list, topic.documentLinks ?? '');
      case 'hfeed':
        return hfeed(topic.title, list, {
          head: topic.documentLinks,
          bodyStart: topic.bodyLinks,
          ids: topic.hfeedIds,
        });
      case 'json':
        return jsonFeed(topic.title, list, { feedUrl: topic.jsonFeedUrl, hubs: topic.jsonHubs });
      default:
        return atom(topic.title, list, topic.documentLinks ?? '');
    }
  };
  const contentTypeOf = (name: string) => {
    const topic = topics.get(name);
    return topic?.contentType ?? contentTypes[topic?.format ?? 'atom'];
  };
  const linkHeaderOf = (name: string) => {
    const topic = topics.get(name);
    if (topic?.linkHeader !== undefined) return topic.linkHeader;
    return `<${origin}/hub>; rel="hub", <${topicUrl(name)}>; rel="self"`;
  };

  async function verify(
    mode: string,
    callback: string,
    topic: string,
    extra: Record<string, string> = {},
  ): Promise<Verification> {
    const challenge = randomBytes(12).toString('hex');
    const params = new URLSearchParams({ 'hub.mode': mode, 'hub.topic': topic, 'hub.challenge': challenge, ...extra });
    if (mode === 'subscribe' && state.leaseSeconds !== null)
      params.set('hub.lease_seconds', String(state.leaseSeconds));
    const url = `${callback}${callback.includes('?') ? '&' : '?'}${params}`;
    let status = 0;
    let body = '';
    try {
      ({ status, body } = await send(url, { method: 'GET', timeoutMs: 4000 }));
    } catch {
      status = 0;
    }
    const result = { mode, callback, topic, status, ok: status >= 200 && status < 300 && body === challenge };
    verifications.push(result);
    return result;
  }

  async function handleSubscription(path: string, form: URLSearchParams, res: ServerResponse) {
    const answer = path === '/hub/direct' ? { status: 202 } : (queued.shift() ?? state.answer);
    requests.push({ path, form, answeredWith: answer.status });
    const callback = form.get('hub.callback') ?? '';
    const topic = form.get('hub.topic') ?? '';
    const mode = form.get('hub.mode') ?? '';
    const accepted = answer.status >= 200 && answer.status < 300;
    const check = async () => {
      if (!accepted || !callback || !topic) return;
      const result = await verify(mode, callback, state.verifyTopic ?? topic);
      if (!result.ok) return;
      const key = `${callback} ${topic}`;
      if (mode === 'subscribe') {
        subs.set(key, { callback, topic, secret: form.get('hub.secret'), leaseSeconds: state.leaseSeconds });
      } else if (mode === 'unsubscribe') subs.delete(key);
    };
    if (state.verify === 'before') await check();
    res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end(answer.body ?? '');
    if (state.verify === 'after') setTimeout(() => void check(), 5);
  }

  function sign(body: Buffer, secret: string | null): Record<string, string> {
    if (state.signature === 'none' || secret === null) return {};
    const method = state.signature === 'corrupt' ? 'sha256' : state.signature;
    let digest = createHmac(method, secret).update(body).digest('hex');
    if (state.signature === 'corrupt') digest = (digest[0] === '0' ? '1' : '0') + digest.slice(1);
    return { 'x-hub-signature': `${method}=${digest}` };
  }

  async function deliver(subscription: HubSubscription, body: string | Buffer, contentType?: string): Promise<number> {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    try {
      const response = await send(subscription.callback, {
        method: 'POST',
        timeoutMs: 5000,
        headers: {
          'content-type': contentType ?? state.deliveryContentType ?? contentTypeOf(nameOf(subscription.topic)),
          link: `<${origin}/hub>; rel="hub", <${subscription.topic}>; rel="self"`,
          ...sign(bytes, subscription.secret),
        },
        body: bytes,
      });
      return response.status;
    } catch {
      return 0;
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'POST' && (path === '/hub' || path === '/hub/direct')) {
        void handleSubscription(path, new URLSearchParams(Buffer.concat(chunks).toString('utf8')), res);
        return;
      }
      if (path.startsWith('/topics/') && topics.has(nameOf(`${origin}${path}`))) {
        const name = nameOf(`${origin}${path}`);
        topicFetches.push(name);
        const topic = topics.get(name)!;
        if (topic.redirect) {
          res.writeHead(topic.redirect.status, { location: topicUrl(topic.redirect.to) }).end();
          return;
        }
        const link = linkHeaderOf(name);
        res.writeHead(200, { 'content-type': contentTypeOf(name), ...(link ? { link } : {}) });
        res.end(req.method === 'HEAD' ? undefined : documentOf(name));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const subscriptionsOf = (name?: string) =>
    [...subs.values()].filter((s) => name === undefined || s.topic === topicUrl(name));

  return {
    origin,
    hubUrl: `${origin}/hub`,
    directHubUrl: `${origin}/hub/direct`,
    knobs: state,
    queueAnswer: (...answers) => void queued.push(...answers),
    topicUrl,
    setTopic(name, spec) {
      const previous = topics.get(name);
      topics.set(name, {
        ...previous,
        ...spec,
        title: spec.title ?? previous?.title ?? name,
        entries: spec.entries ?? previous?.entries ?? [],
      });
    },
    async publish(name, entries) {
      const topic = topics.get(name)!;
      topic.entries = [...entries, ...topic.entries];
      if (state.silent) return [];
      const body = state.payload === 'full' ? documentOf(name) : documentOf(name, entries);
      return Promise.all(
        subscriptionsOf(name).map(async (s) => {
          const status = await deliver(s, body);
          if (state.deactivateOnFailure && (status < 200 || status >= 300)) subs.delete(`${s.callback} ${s.topic}`);
          return { callback: s.callback, status };
        }),
      );
    },
    deliver,
    documentOf: (name) => documentOf(name),
    async deny(name, reason) {
      const statuses: number[] = [];
      for (const s of subscriptionsOf(name)) {
        const params = new URLSearchParams({ 'hub.mode': 'denied', 'hub.topic': s.topic, 'hub.reason': reason });
        statuses.push((await send(`${s.callback}?${params}`, { method: 'GET', timeoutMs: 4000 })).status);
        subs.delete(`${s.callback} ${s.topic}`);
      }
      return statuses;
    },
    reverify: (s) => verify('subscribe', s.callback, s.topic),
    subscriptions: subscriptionsOf,
    requests,
    verifications,
    topicFetches,
    async waitFor(probe, what, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false && value !== null) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
