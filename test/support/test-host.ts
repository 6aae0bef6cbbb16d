import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startHost, type Host } from '../../src/main/host/host-server';
import { startTestCore, type TestCore } from './test-core';
import type { CoreOptions } from '../../src/main/core/start-core';

export const webBuildDir = join(import.meta.dirname, '..', '..', 'dist', 'web');

export interface TestHost extends TestCore {
  host: Host;
  token: string;
  origin: string;
  /** POST /api/<method> with the token; returns the status and the parsed envelope. */
  call(method: string, arg?: unknown): Promise<{ status: number; body: any }>;
}

/** The real headless host over the real core, serving the built renderer (npm test builds it first). */
export async function startTestHost(options: Partial<CoreOptions> = {}): Promise<TestHost> {
  if (!existsSync(join(webBuildDir, 'index.html'))) {
    throw new Error('dist/web is missing: run "npm run build:web" (npm test does it first).');
  }
  const testCore = await startTestCore(options);
  const token = 'test-token-' + Math.random().toString(36).slice(2);
  const host = await startHost({ core: testCore.core, token, staticDir: webBuildDir, log: () => {} });
  const origin = `http://127.0.0.1:${host.port}`;
  return {
    ...testCore,
    host,
    token,
    origin,
    async call(method, arg = {}) {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(arg),
      });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await host.close();
      await testCore.close();
    },
  };
}
