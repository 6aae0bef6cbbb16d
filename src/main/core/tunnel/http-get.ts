import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loopbackLookup } from './loopback-lookup';

export interface Answer {
  status: number;
  body: string;
}

/** A small GET with a timeout and the loopback-aware lookup; the body is capped (it is a probe). */
export function httpGet(url: string, timeoutMs: number): Promise<Answer> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: 'GET', lookup: loopbackLookup, timeout: timeoutMs, headers: { 'user-agent': 'Tidings tunnel check' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 4096) body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on('error', reject);
    req.end();
  });
}
