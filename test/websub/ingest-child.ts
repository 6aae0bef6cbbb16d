/**
 * The core in a child process, for the crash test: callbacks on a fixed port,
 * optionally adding a feed first. Prints one JSON line per milestone.
 *   node --import tsx ingest-child.ts DATA_DIR CALLBACK_PORT [FEED_URL]
 */
import { startCore } from '../../src/main/core/start-core';

const [dataDir, port, feedUrl] = process.argv.slice(2);
const core = await startCore({
  dataDir: dataDir!,
  version: 'crash-test',
  callbackPort: Number(port),
  publicUrl: `http://127.0.0.1:${port}`,
  allowHttpSecret: true,
  log: (message, error) => process.stderr.write(`${message} ${String(error ?? '')}\n`),
});
if (feedUrl) {
  const result = await core.addFeed({ url: feedUrl });
  if (!('feed' in result)) throw new Error('expected a feed');
}
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
process.on('SIGTERM', () => {
  void core.close().then(() => process.exit(0));
});
