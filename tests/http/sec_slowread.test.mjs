// Security hardening (issue 8), point 3, the other direction: a client that
// reads its answer slowly (or not at all) holds the connection and the
// answer's buffer no longer than COOPFAIR_RESPONSE_TIME. libmicrohttpd's
// CONNECTION_TIMEOUT is an idle timeout: every byte the client takes resets
// it, so alone it does not bound a slow reader.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { isPg, sqlite, startServer } from './server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SIZE = 12 * 1024 * 1024; // past the kernel's socket buffers on both sides

let srv;
before(async () => {
  srv = await startServer({
    env: { COOPFAIR_RESPONSE_TIME: '2', COOPFAIR_CACHE: '0' },
    prepare(db) {
      // A large public answer: organisation 1's logo (bytes are served as stored).
      const blob = isPg(db) ? `decode(repeat('00', ${SIZE}), 'hex')` : `zeroblob(${SIZE})`;
      sqlite(db, `DELETE FROM organisation_logo WHERE organisation_id = 1`);
      sqlite(db, `INSERT INTO organisation_logo (organisation_id, content_type, data) VALUES (1, 'image/png', ${blob})`);
    },
  });
});
after(async () => { await srv?.stop(); });

/** slowRead - GET path, take nothing for pauseMs, then read to the end; bytes received and whether the connection was cut. */
function slowRead(path, pauseMs) {
  return new Promise((res) => {
    const s = net.connect({ host: '127.0.0.1', port: srv.port });
    let bytes = 0, ended = false;
    s.on('connect', () => {
      s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      s.pause();
      setTimeout(() => s.resume(), pauseMs);
    });
    s.on('data', (d) => { bytes += d.length; });
    s.on('end', () => { ended = true; });
    s.on('error', () => {});
    s.on('close', () => res({ bytes, ended }));
    setTimeout(() => { s.destroy(); res({ bytes, ended, timeout: true }); }, pauseMs + 20000);
  });
}

test('a client that does not read its answer is cut after COOPFAIR_RESPONSE_TIME', async () => {
  const quick = await slowRead('/logos/1', 0);
  assert.ok(quick.bytes > SIZE, `a reader that reads gets the whole answer (${quick.bytes} bytes)`);
  const t0 = Date.now();
  const slow = await slowRead('/logos/1', 5000);
  const ms = Date.now() - t0;
  assert.ok(!slow.timeout, 'the connection ended');
  assert.ok(slow.bytes < SIZE, `the stalled reader got ${slow.bytes} of ${SIZE} bytes: the connection was cut`);
  assert.ok(ms < 15000, `${ms} ms`);
  // The server still serves others.
  const r = await fetch(`${srv.base}/exhibitors`);
  assert.equal(r.status, 200);
  await r.text();
});
