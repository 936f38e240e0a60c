// limits.test.mjs - a long query string costs linear work (the language
// links of every page), and a request that passes its memory cap gets an
// error page while the server goes on (issue 17, point 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, get } from './server.mjs';

/** logged - whether the server's stderr shows re, waiting up to 2 s: the
 * log line may reach us after the response does. */
async function logged(srv, re) {
  for (let i = 0; i < 40; i++) {
    if (re.test(srv.stderr())) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

// 250 arguments of 232 bytes (the server keeps at most 256 arguments): the
// language links used to be rebuilt once per argument, ~7 MB per link.
test('a 58 KB query of many arguments fits in 4 MB, with linear language links', async () => {
  const srv = await startServer({ env: { COOPFAIR_REQUEST_MEMORY: String(4 << 20) } });
  try {
    const many = Array.from({ length: 250 }, (_, i) => `a${i % 10}=${'v'.repeat(228)}`).join('&');
    assert.ok(many.length > 57000);
    const t0 = Date.now();
    const r = await get(srv.base, `/exhibitors?lang=fr&${many}`);
    const ms = Date.now() - t0;
    assert.equal(r.status, 200);
    // the links to the other languages carry the same arguments
    const ar = r.html.match(/<a href="([^"]*)" lang="ar"/);
    assert.ok(ar, 'a link to the Arabic page');
    assert.equal(ar[1].split('&amp;').length, 251);
    assert.ok(ms < 5000, `took ${ms} ms`);
    assert.equal((await get(srv.base, '/healthz')).status, 200);
  } finally {
    await srv.stop();
  }
});

test('a request over its memory cap gets a 413 and the server goes on', async () => {
  const srv = await startServer({ env: { COOPFAIR_REQUEST_MEMORY: String(256 * 1024) } });
  try {
    const big = 'x'.repeat(60000);
    const r = await get(srv.base, `/exhibitors?lang=fr&q=${big}&r=${big}`);
    assert.equal(r.status, 413);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.match(r.html, /<html lang="fr"/);
    assert.ok(await logged(srv, /request over its memory cap/), 'the log says why');
    // the same thread, and the others, serve the next requests
    for (let i = 0; i < 8; i++) {
      const ok = await get(srv.base, '/exhibitors?lang=fr');
      assert.equal(ok.status, 200);
      assert.match(ok.html, /data-count="80"/);
    }
  } finally {
    await srv.stop();
  }
});
