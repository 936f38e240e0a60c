// catalog_builds.test.mjs - the catalogue's builds (issue 18, gaps closed in
// session 4): /catalogue.pdf is drawn once for a crowd of visitors and then
// served from the stored result; old builds are deleted with their PDFs
// when a build ends (the last few kept per edition and size); a build is an
// object of its edition, so a committee of another edition cannot open it.
// SQLite, and PostgreSQL with COOPFAIR_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, sqlite, sqliteRows, isPg, BIN } from './server.mjs';
import { Client } from './accounts_helpers.mjs';

const PW = 'catalog-builds-pw';

/** prepare - a second public edition, and a committee member of each edition only. */
function prepare(db) {
  const cols = (t) => (isPg(db)
    ? sqlite(db, `SELECT string_agg(column_name::text, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${t}' AND column_name <> 'id'`)
    : sqlite(db, `SELECT group_concat(name) FROM pragma_table_info('${t}') WHERE name <> 'id'`)).trim().split(',');
  const c = cols('edition');
  const pick = c.map((x) => ({ slug: "'second-fair'", number: '2', starts_on: "'2025-02-20'", ends_on: "'2025-02-24'", is_public: '1' }[x] || x));
  sqlite(db, `INSERT INTO edition (${c.join(',')}) SELECT ${pick.join(',')} FROM edition WHERE id = 1`);
  for (const [who, edition] of [['cb1', 1], ['cb2', 2]]) {
    const r = spawnSync(BIN, ['--db', db, 'user', 'add', '--email', `${who}@example.org`, '--role', 'committee'], { input: `${PW}\n`, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    sqlite(db, `UPDATE account_role SET edition_id = ${edition} WHERE account_id = (SELECT id FROM account WHERE email = '${who}@example.org')`);
  }
}

let srv;
before(async () => { srv = await startServer({ prepare }); });
after(async () => { await srv?.stop(); });

const one = (q) => (sqliteRows(srv.db, q)[0] || [])[0];
const iso = (d) => d.toISOString().replace(/\.\d+Z$/, 'Z');
const pdf = async (path) => {
  const r = await fetch(srv.base + path);
  assert.equal(r.status, 200, path);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const b = Buffer.from(await r.arrayBuffer());
  assert.equal(b.subarray(0, 5).toString(), '%PDF-');
  return b;
};

test('a crowd asking for /catalogue.pdf before any build gets one drawing, stored and served again', async () => {
  const ed = one("SELECT id FROM edition WHERE slug = 'fes-meknes-2024'");
  assert.equal(one(`SELECT count(*) FROM catalog_build WHERE edition_id = ${ed}`), '0', 'no build yet');
  const crowd = await Promise.all(Array.from({ length: 6 }, () => pdf('/catalogue.pdf?edition=fes-meknes-2024')));
  for (const b of crowd) assert.ok(b.equals(crowd[0]), 'every visitor gets the same catalogue');
  assert.deepEqual(sqliteRows(srv.db, `SELECT size, state, coalesce(account_id, 0), done, total FROM catalog_build WHERE edition_id = ${ed}`),
    [['a4', 'done', '0', '80', '80']], 'drawn once for the six, stored as a build of no account');
  const stored = one(`SELECT id FROM catalog_build WHERE edition_id = ${ed}`);
  // later visitors read the stored result: no new drawing
  assert.ok((await pdf('/catalogue.pdf?edition=fes-meknes-2024')).equals(crowd[0]));
  assert.equal(one(`SELECT count(*) FROM catalog_build WHERE edition_id = ${ed}`), '1');
  // the A5 booklet is a catalogue of its own
  await pdf('/catalogue.pdf?edition=fes-meknes-2024&size=a5');
  assert.equal(one(`SELECT count(*) FROM catalog_build WHERE edition_id = ${ed} AND size = 'a5'`), '1');
  // a drawing made for visitors is served for five minutes, then drawn again
  sqlite(srv.db, `UPDATE catalog_build SET finished_at = '${iso(new Date(Date.now() - 6 * 60e3))}' WHERE id = ${stored}`);
  await pdf('/catalogue.pdf?edition=fes-meknes-2024');
  assert.equal(one(`SELECT count(*) FROM catalog_build WHERE edition_id = ${ed} AND size = 'a4' AND state = 'done'`), '2');
  // a committee's build is served whatever its age
  sqlite(srv.db, `UPDATE catalog_build SET finished_at = '2024-01-01T00:00:00Z', account_id = (SELECT id FROM account WHERE email = 'committee@example.org') WHERE id = (SELECT max(id) FROM catalog_build WHERE edition_id = ${ed} AND size = 'a4')`);
  await pdf('/catalogue.pdf?edition=fes-meknes-2024');
  assert.equal(one(`SELECT count(*) FROM catalog_build WHERE edition_id = ${ed} AND size = 'a4' AND state = 'done'`), '2');
});

test('when a build ends, the older builds of its edition and size are deleted with their PDFs; the last few are kept', async () => {
  const ed = one("SELECT id FROM edition WHERE slug = 'fes-meknes-2024'");
  const blob = isPg(srv.db) ? "decode('255044462d', 'hex')" : "X'255044462D'";
  const add = (state, started, withPdf) => {
    sqlite(srv.db, `INSERT INTO catalog_build (edition_id, size, state, done, total, pdf, started_at, finished_at) VALUES (${ed}, 'a5', '${state}', 1, 80, ${withPdf ? blob : 'NULL'}, '${started}', ${state === 'running' ? 'NULL' : `'${started}'`})`);
    return one('SELECT max(id) FROM catalog_build');
  };
  const other = sqliteRows(srv.db, `SELECT id FROM catalog_build WHERE NOT (edition_id = ${ed} AND size = 'a5') ORDER BY id`).map((r) => r[0]);
  assert.ok(other.length >= 2, 'the A4 builds of the test before');
  const old = iso(new Date(Date.now() - 3600e3));
  const staleRunning = add('running', old, false); // its server stopped an hour ago
  const failed = [add('failed', old, false), add('failed', old, false)];
  const done = [add('done', old, true), add('done', old, true), add('done', old, true), add('done', old, true)];
  const running = add('running', iso(new Date()), false); // another build under way
  // the committee builds the A5 catalogue
  const c = new Client(srv.base);
  await c.signIn('committee@example.org', 'demo-committee-2024');
  const home = await c.get(`/admin/catalog?lang=fr&edition=${ed}`);
  const csrf = home.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const r = await c.post(`/admin/catalog/build?edition=${ed}`, { csrf, size: 'a5' }); // edition 2 is the current one
  assert.equal(r.status, 303);
  const id = r.location.match(/\/admin\/catalog\/build\/(\d+)$/)[1];
  assert.equal(one(`SELECT edition_id FROM catalog_build WHERE id = ${id}`), ed);
  for (let i = 0; i < 300 && one(`SELECT state FROM catalog_build WHERE id = ${id}`) === 'running'; i++)
    await new Promise((res) => setTimeout(res, 100));
  assert.equal(one(`SELECT state FROM catalog_build WHERE id = ${id}`), 'done');
  const kept = sqliteRows(srv.db, `SELECT id FROM catalog_build WHERE edition_id = ${ed} AND size = 'a5' ORDER BY id`).map((x) => x[0]);
  // the latest three finished (this one and the two newest before it) and the
  // latest three of any state (this one, the one running, the newest done)
  assert.deepEqual(kept, [done[2], done[3], running, id].sort((a, b) => a - b));
  for (const gone of [staleRunning, ...failed, done[0], done[1]])
    assert.equal(one(`SELECT count(*) FROM catalog_build WHERE id = ${gone}`), '0', `build ${gone} deleted`);
  // other sizes (and editions) are not touched
  assert.deepEqual(sqliteRows(srv.db, `SELECT id FROM catalog_build WHERE NOT (edition_id = ${ed} AND size = 'a5') ORDER BY id`).map((x) => x[0]), other);
  // the build page of a deleted build is gone; the kept one still serves its PDF
  assert.equal((await c.get(`/admin/catalog/build/${done[0]}`)).status, 404);
  assert.equal((await c.get(`/admin/catalog/build/${id}/catalogue.pdf`)).status, 200);
});

test('a catalogue build is an object of its edition: a committee of another edition cannot open it', async () => {
  const ed1 = one("SELECT id FROM edition WHERE slug = 'fes-meknes-2024'");
  const id = one(`SELECT max(id) FROM catalog_build WHERE edition_id = ${ed1} AND state = 'done'`);
  assert.ok(id);
  const cb1 = new Client(srv.base);
  await cb1.signIn('cb1@example.org', PW);
  const cb2 = new Client(srv.base);
  await cb2.signIn('cb2@example.org', PW);
  for (const path of [`/admin/catalog/build/${id}`, `/admin/catalog/build/${id}/catalogue.pdf`]) {
    const theirs = await cb2.get(path);
    assert.equal(theirs.status, 403, `${path} as the committee of edition 2`);
    assert.match(theirs.text, /Your account does not give access to this page\./);
    assert.equal((await cb1.get(path)).status, 200, `${path} as the committee of edition 1`);
  }
  const routes = spawnSync(BIN, ['routes'], { encoding: 'utf8' }).stdout;
  assert.match(routes, /GET\t\/admin\/catalog\/build\/\{id\}\t[^\t]+\t0\tcatalog_build/);
});
