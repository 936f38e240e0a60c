// memo.test.mjs - the memo of shared data (src/db/db_memo.c, issue 17): with
// the page cache off (the path of a signed-in person), the exhibitors list
// and the home page read the current edition, its categories, exhibitors and
// products from a per-connection memo keyed by the database's exact version.
// Every change must show on the very next request, on every server thread,
// whoever made it: another process (the sqlite3 CLI, or `coopfair sql`) or
// the server itself (a committee member's form). On PostgreSQL there is no
// memo; the same tests pass there too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client, DEMO, formFields } from './accounts_helpers.mjs';

let srv;
before(async () => { srv = await startServer({ env: { COOPFAIR_CACHE: '0' } }); });
after(async () => { await srv.stop(); });

// many - the page fetched on N connections at once (so that every worker
// thread, each with its own connection and memo, serves some), its bodies.
async function many(path, n = 12) {
  const bodies = await Promise.all(Array.from({ length: n }, async () => {
    const r = await fetch(srv.base + path, { headers: { Connection: 'close' } });
    assert.equal(r.status, 200);
    return r.text();
  }));
  assert.equal(bodies.length, n);
  return bodies;
}

const coopOfFirst = () => sqlite(srv.db,
  'SELECT c.id FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id ORDER BY x.id LIMIT 1').trim();

test('a cooperative renamed by another process shows at once on every thread', async () => {
  const coop = coopOfFirst();
  assert.match(coop, /^\d+$/);
  for (const b of await many('/exhibitors?lang=fr&q=Renomm%C3%A9e')) assert.doesNotMatch(b, /Renommée une/);
  for (const round of ['une', 'deux', 'trois']) {
    sqlite(srv.db, `UPDATE cooperative SET name_fr = 'Coopérative Renommée ${round}' WHERE id = ${coop}`);
    const bodies = await many('/exhibitors?lang=fr&q=Renomm%C3%A9e');
    for (const b of bodies) assert.ok(b.includes(`Coopérative Renommée ${round}`), `round ${round}`);
  }
});

test('products, figures and the filter follow the database at once', async () => {
  const before1 = (await many('/exhibitors?lang=fr', 4))[0];
  const total = Number(before1.match(/data-count="(\d+)"/)[1]);
  assert.ok(total > 0);
  // one exhibitor fewer: the count drops on the next request
  const [last] = sqlite(srv.db, 'SELECT max(id) FROM exhibitor').trim().split('\n');
  sqlite(srv.db, `DELETE FROM exhibitor WHERE id = ${last}`);
  for (const b of await many('/exhibitors?lang=fr', 8))
    assert.equal(Number(b.match(/data-count="(\d+)"/)[1]), total - 1);
  // the catalogue profile's products of the first exhibitor
  const coop = coopOfFirst();
  sqlite(srv.db, `UPDATE cooperative SET products_fr = 'Produits changés par le CLI' WHERE id = ${coop}`);
  sqlite(srv.db, `UPDATE catalog_profile SET products_fr = '' WHERE cooperative_id = ${coop}`);
  for (const b of await many('/exhibitors?lang=fr&q=chang%C3%A9s', 8)) assert.ok(b.includes('Produits changés par le CLI'));
});

test('the current edition on the home page follows the database at once', async () => {
  for (const b of await many('/?lang=fr', 8)) assert.doesNotMatch(b, /Nom changé/);
  sqlite(srv.db, "UPDATE edition SET name_fr = 'Nom changé de l''édition' WHERE id = 1");
  for (const b of await many('/?lang=fr', 8)) assert.ok(b.includes('Nom changé de l&#39;édition'));
  for (const b of await many('/exhibitors?lang=fr', 4)) assert.ok(b.includes('Nom changé de l&#39;édition'));
});

test('a category renamed through the back office shows at once', async () => {
  const committee = new Client(srv.base);
  await committee.signIn(...DEMO.committee);
  await many('/exhibitors?lang=fr', 8); // every thread keeps the current names
  const [id] = sqlite(srv.db, 'SELECT category_id FROM exhibitor ORDER BY id LIMIT 1').trim().split('\n');
  const form = await committee.get(`/admin/categories/${id}`);
  assert.equal(form.status, 200);
  const f = formFields(form.text, `/admin/categories/${id}`);
  const saved = await committee.post(`/admin/categories/${id}`, { ...f, name_fr: 'Catégorie renommée au bureau' });
  assert.equal(saved.status, 303);
  for (const b of await many('/exhibitors?lang=fr', 8)) assert.ok(b.includes('Catégorie renommée au bureau'));
  // and the signed-in person's own uncached page
  const mine = await committee.get('/exhibitors?lang=fr');
  assert.ok(mine.text.includes('Catégorie renommée au bureau'));
});

// manyAs - a page fetched on N connections at once with a cookie: statuses.
async function manyAs(path, cookie, n = 12) {
  const got = await Promise.all(Array.from({ length: n }, async () => {
    const r = await fetch(srv.base + path, { headers: { Connection: 'close', Cookie: cookie }, redirect: 'manual' });
    await r.text();
    return r.status;
  }));
  assert.equal(got.length, n);
  return got;
}

test('a session kept in the memo ends at once: disabled account, sign-out', async () => {
  const jury = new Client(srv.base);
  await jury.signIn(...DEMO.jury);
  const cookie = jury.cookieHeader();
  assert.deepEqual(new Set(await manyAs('/jury', cookie)), new Set([200]));
  sqlite(srv.db, `UPDATE account SET disabled = 1 WHERE email = '${DEMO.jury[0]}'`);
  assert.deepEqual(new Set(await manyAs('/jury', cookie)), new Set([303])); // to /signin
  sqlite(srv.db, `UPDATE account SET disabled = 0 WHERE email = '${DEMO.jury[0]}'`);

  // signing out through the server ends the session on every thread
  const committee = new Client(srv.base);
  await committee.signIn(...DEMO.committee);
  const cc = committee.cookieHeader();
  assert.deepEqual(new Set(await manyAs('/admin', cc)), new Set([200]));
  const home = await committee.get('/');
  const csrf = home.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const out = await committee.post('/signout', { csrf });
  assert.equal(out.status, 303);
  assert.deepEqual(new Set(await manyAs('/admin', cc)), new Set([303]));

  // a role taken away by another process: the next request knows it
  const admin = new Client(srv.base);
  await admin.signIn(...DEMO.admin);
  const ac = admin.cookieHeader();
  assert.deepEqual(new Set(await manyAs('/admin', ac)), new Set([200]));
  sqlite(srv.db, `DELETE FROM account_role WHERE account_id = (SELECT id FROM account WHERE email = '${DEMO.admin[0]}')`);
  assert.deepEqual(new Set(await manyAs('/admin', ac)), new Set([403]));
});
