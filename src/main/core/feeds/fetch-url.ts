import { AppError } from '../app-error';

export interface FetchOptions {
  /** Largest body accepted, after decompression (default 10 MB). */
  maxBytes?: number;
  /** For the whole exchange, redirects and body included (default 20 s). */
  timeoutMs?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'HEAD';
}

export interface FetchedResource {
  /** The URL the body came from, after every redirect. */
  url: string;
  /** Where the resource now lives if every redirect on the way was permanent (301/308), else null. */
  movedTo: string | null;
  status: number;
  headers: Headers;
  body: Buffer;
}

export const defaultFetchLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 5 };

const userAgent = 'Tidings/0.1 (feed reader; +https://github.com/tidings-reader/tidings)';
const accept =
  'application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, */*;q=0.5';

/** Checks that a string is an http(s) URL we may fetch, and returns it normalised. */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError(
      'INVALID_URL',
      `"${raw.trim()}" is not a web address. It should look like https://example.com/feed.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('INVALID_URL', `Tidings can only read http and https addresses, not ${url.protocol}`);
  }
  url.hash = '';
  return url;
}

/**
 * GETs a URL with the limits every fetch in Tidings needs: a size cap (checked
 * on the decompressed bytes, so a zip bomb stops early), one timeout for the
 * whole exchange, and redirects followed by hand so we can count them and
 * notice permanent moves. Any HTTP status is returned; network failures become
 * AppErrors with a sentence a person understands.
 */
export async function fetchUrl(rawUrl: string, options: FetchOptions = {}): Promise<FetchedResource> {
  const { maxBytes, timeoutMs, maxRedirects } = { ...defaultFetchLimits, ...options };
  const signal = AbortSignal.timeout(timeoutMs);
  let url = parseHttpUrl(rawUrl);
  let movedTo: string | null = null;
  let allPermanent = true;

  for (let redirects = 0; ; redirects++) {
    const response = await send(url, options, signal, timeoutMs);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      await response.body?.cancel().catch(() => {});
      if (redirects >= maxRedirects) {
        throw new AppError('TOO_MANY_REDIRECTS', `${url.host} redirected more than ${maxRedirects} times.`);
      }
      allPermanent &&= response.status === 301 || response.status === 308;
      url = redirectTarget(location, url);
      movedTo = allPermanent ? url.href : null;
      continue;
    }
    const body = await readBody(response, url, maxBytes, signal, timeoutMs);
    return { url: url.href, movedTo, status: response.status, headers: response.headers, body };
  }
}

/**
 * Where a redirect leads, or an HTTP_ERROR saying what the server got wrong:
 * `Location` comes from a stranger and may be no address at all (`http://[`)
 * or one Tidings must not follow (`ftp:`, `javascript:`).
 */
function redirectTarget(location: string, from: URL): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new AppError('HTTP_ERROR', `${from.host} sent a broken redirect (to "${location.slice(0, 80)}").`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new AppError(
      'HTTP_ERROR',
      `${from.host} redirected to an address Tidings cannot read (${next.protocol} is not http or https).`,
    );
  }
  next.hash = '';
  return next;
}

/** Throws the HTTP_ERROR a person should see when a fetch did not answer 2xx. */
export function assertOk(resource: FetchedResource): void {
  if (resource.status >= 200 && resource.status < 300) return;
  const host = new URL(resource.url).host;
  const what =
    resource.status === 404 || resource.status === 410
      ? 'there is nothing at that address'
      : resource.status === 401 || resource.status === 403
        ? 'access is refused'
        : resource.status >= 500
          ? 'the server has a problem'
          : 'the request was refused';
  throw new AppError('HTTP_ERROR', `${host} answered ${resource.status}: ${what}.`);
}

async function send(url: URL, options: FetchOptions, signal: AbortSignal, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      redirect: 'manual',
      signal,
      headers: { 'user-agent': userAgent, accept, 'accept-encoding': 'gzip, deflate, br', ...options.headers },
    });
  } catch (error) {
    throw networkError(error, url, timeoutMs);
  }
}

async function readBody(
  response: Response,
  url: URL,
  maxBytes: number,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new AppError('TOO_LARGE', `${url.host} sent more than ${formatBytes(maxBytes)}, more than a feed should be.`);
  const declared = Number(response.headers.get('content-length'));
  // A declared length only counts when the body is not compressed: the cap is on what we hold.
  if (!response.headers.get('content-encoding') && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await response.body.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal.aborted) throw networkError(signal.reason, url, timeoutMs);
    throw networkError(error, url, timeoutMs);
  }
  return Buffer.concat(chunks, total);
}

function networkError(error: unknown, url: URL, timeoutMs: number): AppError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AppError('TIMEOUT', `${url.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`, {
      cause: error,
    });
  }
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new AppError('DNS_FAILURE', `Could not find the server ${url.hostname}. Check the address.`, {
      cause: error,
    });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new AppError('TIMEOUT', `${url.host} did not answer in time.`, { cause: error });
  }
  return new AppError('UNREACHABLE', `Could not connect to ${url.host}${code ? ` (${code})` : ''}.`, {
    cause: error,
  });
}

/** undici hides the system error code one or two `cause`s deep. */
function errorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
