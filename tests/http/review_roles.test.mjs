// review_roles.test.mjs - a role granted for one edition gives its powers for
// that edition only. Found in review: account roles were flattened over
// every edition, so a committee member of a past (or any other) edition
// could run the current one: its applications, selection, private contacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client, DEMO } from './accounts_helpers.mjs';

const ORGANISER_PAGES = ['/admin', '/admin/applications', '/admin/applications/1', '/admin/registry', '/admin/prize'];

test('a committee role for another edition opens nothing; one for the current edition does', async () => {
  const srv = await startServer({
    prepare(db) {
      // a past edition (2019), and the desk account on its committee only
      sqlite(db, `CREATE TEMP TABLE t AS SELECT * FROM edition WHERE id = 1;
        UPDATE t SET id = NULL, slug = 'fair-2019', number = 99, starts_on = '2019-01-01', ends_on = '2019-01-05';
        INSERT INTO edition SELECT * FROM t;
        INSERT INTO account_role (account_id, role, edition_id)
          SELECT id, 'committee', (SELECT id FROM edition WHERE slug = 'fair-2019') FROM account WHERE email = 'desk@example.org';
        INSERT INTO account_role (account_id, role, edition_id)
          SELECT id, 'committee', 1 FROM account WHERE email = 'jury@example.org';`);
    },
  });
  try {
    const desk = new Client(srv.base);
    await desk.signIn(...DEMO.desk);
    for (const p of ORGANISER_PAGES) assert.equal((await desk.get(p)).status, 403, `desk (committee of 2019) on ${p}`);
    const jury = new Client(srv.base);
    await jury.signIn(...DEMO.jury);
    for (const p of ORGANISER_PAGES) assert.equal((await jury.get(p)).status, 200, `jury (committee of the current edition) on ${p}`);
    assert.equal((await jury.get('/jury')).status, 200); // unscoped roles still apply
  } finally {
    await srv.stop();
  }
});
