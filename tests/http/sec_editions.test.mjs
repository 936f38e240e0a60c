// Security hardening (issue 8), point 2: roles scoped to an edition are
// enforced on every object that belongs to an edition, in one place (the
// router, from the {id} of the route: `coopfair routes` says what it names),
// and granting a role needs the right to grant it there.
//
// The fixture: the demo edition (1) and a newer public edition (2, so the
// current one); c1 is committee of edition 1 only, c2 of edition 2 only, j2
// jury of edition 2 only, x2 exhibitor of edition 2 only.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, Client, formFields, routes as routeTable, sql } from './accounts_helpers.mjs';
import { isPg, sqlite, startServer } from './server.mjs';

const PW = 'edition-scoped-pw';
const PEOPLE = { c1: ['committee', 1], c2: ['committee', 2], j2: ['jury', 2], x2: ['exhibitor', 2] };

/** columns - a table's columns but id, in order, on either engine. */
function columns(db, table) {
  const q = isPg(db)
    ? `SELECT string_agg(column_name::text, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${table}' AND column_name <> 'id'`
    : `SELECT group_concat(name) FROM pragma_table_info('${table}') WHERE name <> 'id'`;
  return sqlite(db, q).trim().split(',');
}

function prepare(db) {
  const cols = columns(db, 'edition');
  const pick = cols.map((c) => ({ slug: "'second-fair'", number: '2', starts_on: "'2025-02-20'", ends_on: "'2025-02-24'", is_public: '1' }[c] || c));
  sqlite(db, `INSERT INTO edition (${cols.join(',')}) SELECT ${pick.join(',')} FROM edition WHERE id = 1`);
  const scols = columns(db, 'space');
  sqlite(db, `INSERT INTO space (${scols.join(',')}) SELECT ${scols.map((c) => (c === 'edition_id' ? '2' : c)).join(',')} FROM space WHERE edition_id = 1 LIMIT 1`);
  for (const [who, [role, edition]] of Object.entries(PEOPLE)) {
    const r = spawnSync(BIN, ['--db', db, 'user', 'add', '--email', `${who}@example.org`, '--role', role], { input: `${PW}\n`, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    sqlite(db, `UPDATE account_role SET edition_id = ${edition} WHERE account_id = (SELECT id FROM account WHERE email = '${who}@example.org')`);
  }
  // A photo of an application of edition 1 (the demo has none).
  const png = isPg(db) ? "decode('89504E470D0A1A0A', 'hex')" : "X'89504E470D0A1A0A'";
  sqlite(db, `INSERT INTO application_photo (application_id, mime, data) SELECT id, 'image/png', ${png} FROM application WHERE edition_id = 1 LIMIT 1`);
  // A comment on the first news post of edition 1 (issue 15; the demo has none).
  sqlite(db, "INSERT INTO news_comment (post_id, name, email, body, status, created_at) SELECT id, 'A', 'a@example.org', 'x', 'pending', '2024-02-21T10:00:00Z' FROM news_post WHERE edition_id = 1 LIMIT 1");
  // A catalogue build of edition 1 (issue 18; the demo has none).
  sqlite(db, "INSERT INTO catalog_build (edition_id, size, state, done, total, started_at, finished_at) VALUES (1, 'a4', 'failed', 0, 80, '2024-02-19T10:00:00Z', '2024-02-19T10:01:00Z')");
}

let srv;
const as = {};
before(async () => {
  srv = await startServer({ prepare });
  for (const who of Object.keys(PEOPLE)) {
    as[who] = new Client(srv.base);
    await as[who].signIn(`${who}@example.org`, PW);
  }
});
after(async () => { await srv?.stop(); });

const one = (q) => {
  const rows = sql(srv.db, q);
  assert.ok(rows.length, `no row for ${q}`);
  return rows[0][0];
};
// An object of edition 1 for each kind a route's {id} may name.
const IN_EDITION_1 = {
  edition: () => '1',
  space: () => one('SELECT id FROM space WHERE edition_id = 1 LIMIT 1'),
  category: () => one('SELECT p.category_id FROM prize_category p JOIN category c ON c.id = p.category_id WHERE c.edition_id = 1 LIMIT 1'),
  criterion: () => one('SELECT p.id FROM prize_criterion p JOIN category c ON c.id = p.category_id WHERE c.edition_id = 1 LIMIT 1'),
  exhibitor: () => one('SELECT id FROM exhibitor WHERE edition_id = 1 LIMIT 1'),
  application: () => one('SELECT id FROM application WHERE edition_id = 1 LIMIT 1'),
  photo: () => one('SELECT p.id FROM application_photo p JOIN application a ON a.id = p.application_id WHERE a.edition_id = 1 LIMIT 1'),
  entry: () => one('SELECT e.id FROM prize_entry e JOIN category c ON c.id = e.category_id WHERE c.edition_id = 1 LIMIT 1'),
  // issue 15: a session of the programme, a news post, a comment (the demo has none: prepare adds one)
  session: () => one('SELECT id FROM prog_session WHERE edition_id = 1 LIMIT 1'),
  post: () => one('SELECT id FROM news_post WHERE edition_id = 1 LIMIT 1'),
  comment: () => one('SELECT c.id FROM news_comment c JOIN news_post p ON p.id = c.post_id WHERE p.edition_id = 1 LIMIT 1'),
  // issue 18: a build of the catalogue (prepare adds one)
  catalog_build: () => one('SELECT id FROM catalog_build WHERE edition_id = 1 LIMIT 1'),
};
const NOT_ALLOWED = /Your account does not give access to this page\./;

function table() {
  const lines = execFileSync(BIN, ['routes'], { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(lines[0].split('\t'), ['method', 'pattern', 'roles', 'csrf', 'object']);
  return lines.slice(1).map((l) => {
    const [method, pattern, roles, csrf, object] = l.split('\t');
    return { method, pattern, roles: roles === 'public' ? null : roles.split(','), csrf: csrf === '1', object };
  });
}

test('every role-restricted route with an {id} says what its {id} names', () => {
  const rs = table().filter((r) => r.roles && r.pattern.includes('{id}'));
  assert.ok(rs.length > 30, `${rs.length} routes`);
  for (const r of rs) assert.ok(r.object && r.object !== '-', `${r.method} ${r.pattern} declares no object`);
  assert.equal(routeTable().length, table().length);
});

test('route x role x edition: a role held in edition 2 opens no object of edition 1, on any route', async () => {
  const rs = table().filter((r) => r.roles && r.pattern.includes('{id}') && IN_EDITION_1[r.object]);
  assert.ok(rs.length >= 30, `${rs.length} routes walked`);
  const who = (r) => (r.roles.includes('committee') ? 'c2' : r.roles.includes('jury') ? 'j2' : r.roles.includes('exhibitor') ? 'x2' : null);
  const tokens = {};
  for (const w of ['c2', 'j2', 'x2']) tokens[w] = await as[w].csrf('/');
  const before1 = sql(srv.db, 'SELECT name_fr, name_ar FROM edition WHERE id = 1')[0];
  let walked = 0;
  for (const r of rs) {
    const w = who(r);
    assert.ok(w, `${r.pattern}: no identity for ${r.roles}`);
    const path = r.pattern.replace('{id}', IN_EDITION_1[r.object]());
    const res = r.method === 'GET' ? await as[w].get(path)
      : await as[w].post(path, { csrf: tokens[w], name_fr: 'Taken over', role: 'committee', edition: '0' });
    assert.equal(res.status, 403, `${r.method} ${path} as ${w} (${r.object} of edition 1) -> ${res.status}`);
    assert.match(res.text, NOT_ALLOWED, `${r.method} ${path}: refused for the role, not for the form`);
    walked++;
  }
  assert.equal(walked, rs.length);
  assert.deepEqual(sql(srv.db, 'SELECT name_fr, name_ar FROM edition WHERE id = 1')[0], before1);
});

test('route x role x edition: the committee of edition 1 opens its objects, though edition 2 is the current one', async () => {
  const rs = table().filter((r) => r.method === 'GET' && r.roles?.includes('committee') && IN_EDITION_1[r.object]);
  assert.ok(rs.length >= 10, `${rs.length} routes`);
  for (const r of rs) {
    const path = r.pattern.replace('{id}', IN_EDITION_1[r.object]());
    const res = await as.c1.get(path);
    assert.notEqual(res.status, 403, `GET ${path} as c1 -> 403`);
    assert.ok(res.status < 500, `GET ${path} as c1 -> ${res.status}`);
  }
  // and nothing of edition 2
  const space2 = one('SELECT id FROM space WHERE edition_id = 2 LIMIT 1');
  assert.equal((await as.c1.get(`/admin/spaces/${space2}`)).status, 403);
  assert.equal((await as.c1.get('/admin/editions/2')).status, 403);
  assert.equal((await as.c2.get('/admin/editions/2')).status, 200);
});

test('the committee of the current edition cannot rename the older one', async () => {
  // the full form of edition 2 (the one c2 runs), sent to edition 1
  const f = formFields((await as.c2.get('/admin/editions/2')).text, '/admin/editions/2');
  const r = await as.c2.post('/admin/editions/1', { ...f, slug: 'renamed', name_fr: 'Renamed by another committee' });
  assert.equal(r.status, 403);
  assert.notEqual(one('SELECT name_fr FROM edition WHERE id = 1'), 'Renamed by another committee');
  assert.equal((await as.c2.get('/admin/editions/1')).status, 403);
});

test('granting a role needs the right to grant it: not for every edition, not in an edition one does not run', async () => {
  const c1 = one("SELECT id FROM account WHERE email = 'c1@example.org'");
  const c2 = one("SELECT id FROM account WHERE email = 'c2@example.org'");
  const csrf = await as.c2.csrf(`/admin/accounts/${c2}`);
  const everywhere = await as.c2.post(`/admin/accounts/${c2}/grant`, { csrf, role: 'committee', edition: '0' });
  assert.equal(everywhere.status, 403);
  const older = await as.c2.post(`/admin/accounts/${c2}/grant`, { csrf, role: 'committee', edition: '1' });
  assert.equal(older.status, 403);
  const revoke = await as.c2.post(`/admin/accounts/${c1}/revoke`, { csrf, role: 'committee', edition: '1' });
  assert.equal(revoke.status, 403);
  assert.equal(one(`SELECT count(*) FROM account_role WHERE account_id = ${c2} AND role = 'committee'`), '1');
  assert.equal(one(`SELECT count(*) FROM account_role WHERE account_id = ${c1} AND role = 'committee'`), '1');
  const own = await as.c2.post(`/admin/accounts/${c1}/grant`, { csrf, role: 'desk', edition: '2' });
  assert.equal(own.status, 303);
  assert.equal(one(`SELECT count(*) FROM account_role WHERE account_id = ${c1} AND role = 'desk' AND edition_id = 2`), '1');
});

test('an edition named by a form, not the address, is checked too: no exhibitor added to another edition', async () => {
  const coop = one('SELECT id FROM cooperative WHERE id NOT IN (SELECT cooperative_id FROM exhibitor WHERE edition_id = 1) LIMIT 1');
  const cat = one('SELECT id FROM category WHERE edition_id = 1 LIMIT 1');
  const csrf = await as.c2.csrf(`/admin/cooperatives/${coop}`);
  const r = await as.c2.post(`/admin/cooperatives/${coop}/exhibit`, { csrf, choice: `1:${cat}` });
  assert.equal(r.status, 403);
  assert.equal(one(`SELECT count(*) FROM exhibitor WHERE cooperative_id = ${coop} AND edition_id = 1`), '0');
});
