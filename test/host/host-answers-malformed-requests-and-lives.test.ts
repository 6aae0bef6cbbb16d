import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBuiltHost } from '../support/built-host';
import { rawRequest } from '../support/raw-http';

// Issue 15: the host exited on an absolute-form target `new URL` rejects (`GET http://[/`, before the
// token check) and on a bad percent-encoding in the method name (`POST /api/%E0%A4%A`: URIError).
// Sent to the built host in a child process, so a crash shows as an exit.
test('the host answers malformed targets and method names with a 4xx and keeps answering its API', async () => {
  const host = await startBuiltHost();
  try {
    const port = new URL(host.origin).port;
    const auth = `Authorization: Bearer ${host.token}\r\n`;
    const cases: Array<[string, number]> = [
      [`GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 400],
      [`POST /api/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Content-Length: 2\r\n\r\n{}`, 400],
      [`POST /api/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 2\r\n\r\n{}`, 401],
      [`GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, 400],
      [`GET /api/${'a'.repeat(10_000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 414],
      [`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`, 431],
      [
        `POST http://127.0.0.1:${port}/api/getStatus HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Content-Length: 2\r\n\r\n{}`,
        200,
      ],
    ];
    for (const [request, status] of cases) {
      const answer = await rawRequest(Number(port), request, 5_000).catch((error) => {
        throw new Error(`${request.slice(0, 40)}: ${error}`);
      });
      assert.equal(answer.status, status, request.slice(0, 60));
      assert.equal(host.exitCode(), null, `the host exited: ${host.stderr().slice(-2000)}`);
      assert.equal((await host.call('getStatus')).status, 200);
    }
    const bad = await rawRequest(
      Number(port),
      `POST /api/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Content-Length: 2\r\n\r\n{}`,
    );
    assert.equal(JSON.parse(bad.body).error.code, 'INVALID_INPUT');
  } finally {
    await host.close();
  }
});
