import { startCore, type CoreOptions } from '../../src/main/core/start-core';
import type { Reader } from '../../src/main/core/reader';
import { makeTempDir } from './temp-dir';

export interface TestCore {
  core: Reader;
  dataDir: string;
  /** Every log line the core wrote (so tests stay quiet and can assert on them). */
  logs: string[];
  close(): Promise<void>;
}

/** The real core on a real SQLite file in a fresh folder. */
export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dir = makeTempDir();
  const logs: string[] = [];
  const core = await startCore({
    dataDir: dir.path,
    version: 'test',
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? error.message : (error ?? '')}`),
    fetchOptions: { timeoutMs: 3_000 },
    ...options,
  });
  return {
    core,
    dataDir: dir.path,
    logs,
    async close() {
      await core.close();
      dir.remove();
    },
  };
}

/** Runs a test body against a fresh core, closing it whatever happens. */
export async function withTestCore(
  fn: (t: TestCore) => Promise<void>,
  options: Partial<CoreOptions> = {},
): Promise<void> {
  const t = await startTestCore(options);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}
