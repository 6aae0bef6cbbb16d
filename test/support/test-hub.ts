/**
 * A real WebSub hub and publisher on loopback HTTP, with the knobs real hubs
 * differ on (WEBSUB.md): verify before or after answering, the lease granted,
 * the answer to a subscription request (202/204/200/4xx/503+Retry-After/307/308),
 * the signature method (or none, or a corrupted one), full or diff payloads,
 * and denial. Topics are served here too, advertising the hub.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { atom, type EntrySpec } from './feeds';
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
}

export interface TopicSpec {
  title?: string;
  entries?: EntrySpec[];
  /** The Link header sent with the topic; default: this hub and the topic's own URL. null: none. */
  linkHeader?: string | null;
  /** Extra <link> elements in the feed document. */
  documentLinks?: string;
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
  deliver(subscription: HubSubscription, body: string | Buffer): Promise<number>;
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
});

export async function startTestHub(knobs: Partial<HubKnobs> = {}): Promise<TestHub> {
  const state: HubKnobs = { ...defaultKnobs(), ...knobs };
  const queued: HubAnswer[] = [];
  const topics = new Map<string, Required<Omit<TopicSpec, 'linkHeader'>> & { linkHeader?: string | null }>();
  const subs = new Map<string, HubSubscription>(); // by callback + topic
  const requests: SubscriptionRequest[] = [];
  const verifications: Verification[] = [];
  const topicFetches: string[] = [];
  let origin = '';

  const topicUrl = (name: string) => `${origin}/topics/${name}`;
  const nameOf = (topic: string) => topic.slice(`${origin}/topics/`.length);
  const documentOf = (name: string, entries?: EntrySpec[]) => {
    const topic = topics.get(name)!;
    return atom(topic.title, entries ?? topic.entries, topic.documentLinks);
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
      const result = await verify(mode, callback, topic);
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

  async function deliver(subscription: HubSubscription, body: string | Buffer): Promise<number> {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    try {
      const response = await send(subscription.callback, {
        method: 'POST',
        timeoutMs: 5000,
        headers: {
          'content-type': 'application/atom+xml',
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
        const link = linkHeaderOf(name);
        res.writeHead(200, { 'content-type': 'application/atom+xml', ...(link ? { link } : {}) });
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
        title: spec.title ?? previous?.title ?? name,
        entries: spec.entries ?? previous?.entries ?? [],
        documentLinks: spec.documentLinks ?? previous?.documentLinks ?? '',
        linkHeader: 'linkHeader' in spec ? spec.linkHeader : previous?.linkHeader,
      });
    },
    async publish(name, entries) {
      const topic = topics.get(name)!;
      topic.entries = [...entries, ...topic.entries];
      const body = state.payload === 'full' ? documentOf(name) : documentOf(name, entries);
      return Promise.all(
        subscriptionsOf(name).map(async (s) => ({ callback: s.callback, status: await deliver(s, body) })),
      );
    },
    deliver,
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
