// errors.test.mjs - a database error while reading a page is a 500 that is
// never cached, with the SQLite message and the statement in the log; never
// a page that silently shows an empty fair (issue 17, point 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, get, sqlite, PG } from './server.mjs';

/** logged - whether the server's stderr shows re, waiting up to 2 s: the
 * log line may reach us after the response does. */
async function logged(srv, re) {
  for (let i = 0; i < 40; i++) {
    if (re.test(srv.stderr())) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

// The province table becomes a view that fails when read (json() of text
// that is not JSON raises "malformed JSON" at step time, not at prepare time;
// on PostgreSQL a division by zero, found only when a row is read).
const BREAK = PG
  ? `ALTER TABLE province RENAME TO province_t;
CREATE VIEW province AS SELECT * FROM province_t WHERE id / (id - id) = 1;`
  : `ALTER TABLE province RENAME TO province_t;
CREATE VIEW province AS SELECT * FROM province_t WHERE json_valid('{') OR json('not json') IS NOT NULL;`;
const MESSAGE = PG ? /database error: ERROR: +division by zero/ : /database error: malformed JSON/;
const MEND = 'DROP VIEW province; ALTER TABLE province_t RENAME TO province;';

test('a database error under /exhibitors is a 500, not cached, logged with the statement', async () => {
  const srv = await startServer({ prepare: (db) => sqlite(db, BREAK) });
  try {
    for (let i = 0; i < 2; i++) {
      const r = await get(srv.base, '/exhibitors?lang=fr');
      assert.equal(r.status, 500);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.doesNotMatch(r.html, /data-count="0"/); // not "no exhibitors"
      assert.match(r.html, /<h1>[^<]+<\/h1>/);
    }
    for (const re of [MESSAGE, /in: SELECT .*province/, /GET \/exhibitors: database error/])
      assert.ok(await logged(srv, re), `the log shows ${re}`);
    // the same page once the table reads again: the 500 was not kept
    srv.sql(MEND);
    const ok = await get(srv.base, '/exhibitors?lang=fr');
    assert.equal(ok.status, 200);
    assert.match(ok.html, /data-count="80"/);
  } finally {
    await srv.stop();
  }
});

test('the server goes on serving other requests after a failed read', async () => {
  const srv = await startServer({ prepare: (db) => sqlite(db, BREAK) });
  try {
    assert.equal((await get(srv.base, '/exhibitors?lang=ar')).status, 500);
    assert.equal((await get(srv.base, '/?lang=fr')).status, 200); // reads no province
    assert.equal((await get(srv.base, '/healthz')).status, 200);
    assert.equal((await get(srv.base, '/signin')).status, 200);
  } finally {
    await srv.stop();
  }
});

