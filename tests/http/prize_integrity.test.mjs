// prize_integrity.test.mjs - issue 9 over HTTP and on the command line: a
// registry status change keeps the prize entry and its scores; a closed
// category refuses a late conflict; tampering with what decides a result
// is found by `coopfair prize verify` and shown in the committee's box; a
// printed head can be checked by anyone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite, coopfair } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const one = (db, sql) => sqlite(db, sql).trim();
const committee = async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  return c;
};

test('the printed head of a published category is on /prize and checks with prize verify --head', async () => {
  const pub = await new Client(srv.base).get('/prize?lang=en');
  const head = (pub.html.match(/<code dir="ltr" class="head">([0-9a-f]{64})<\/code>/) || [])[1];
  assert.ok(head, 'the public results print the head');
  let r = coopfair(srv.db, 'prize', 'verify', '--head', head);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /is record \d+ of the log/);
  r = coopfair(srv.db, 'prize', 'verify', '--head', '0123456789abcdef0123');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /is NOT in the prize log/);
  const v = await new Client(srv.base).get(`/prize/verify?head=${head.slice(0, 20)}&lang=en`);
  assert.equal(v.status, 200);
  assert.match(v.html, /id="log">The log holds/);
  assert.match(v.html, /id="head-verdict">This head is record \d+ of the log/);
});

test('moving a published exhibitor to the waiting list keeps its prize entry, its scores and the log', async () => {
  const [app, entry] = one(srv.db, "SELECT a.id, e.id FROM application a JOIN exhibitor x ON x.cooperative_id = a.cooperative_id AND x.edition_id = a.edition_id JOIN prize_entry e ON e.exhibitor_id = x.id JOIN category c ON c.id = e.category_id WHERE c.code = 'handicrafts' AND a.status = 'accepted' ORDER BY a.id LIMIT 1").split('|');
  const scores = one(srv.db, `SELECT count(*) FROM prize_score WHERE entry_id = ${entry}`);
  assert.ok(Number(scores) > 0);
  const before = (await new Client(srv.base).get('/prize/verify?lang=en')).html;
  assert.match(before, /The log holds/);
  const c = await committee();
  const page = await c.get(`/admin/applications/${app}?lang=en`);
  const r = await c.post(`/admin/applications/${app}/status`, { csrf: Client.csrf(page.html), status: 'waitlisted', reason: 'Room for a first-time cooperative.' });
  assert.equal(r.status, 303, r.html.slice(0, 300));
  assert.equal(one(srv.db, `SELECT count(*) FROM prize_score WHERE entry_id = ${entry}`), scores);
  // The decision takes effect when the committee publishes it (issue 10).
  assert.equal(one(srv.db, `SELECT count(*) FROM prize_entry WHERE id = ${entry} AND withdrawn_at IS NOT NULL`), '0');
  const preview = await c.get('/admin/selection/preview?lang=en');
  assert.equal(preview.status, 200);
  const p = await c.post('/admin/selection/publish', { csrf: Client.csrf(preview.html), previewed: '1', confirm: '1' });
  assert.equal(p.status, 303);
  assert.equal(one(srv.db, `SELECT count(*) FROM prize_score WHERE entry_id = ${entry}`), scores);
  assert.equal(one(srv.db, `SELECT withdrawn_at IS NOT NULL AND withdrawn_by = (SELECT id FROM account WHERE email = 'committee@example.org') FROM prize_entry WHERE id = ${entry}`), '1');
  const v = coopfair(srv.db, 'prize', 'verify');
  assert.equal(v.status, 0, v.stderr);
  assert.equal(one(srv.db, `SELECT count(*) FROM prize_result r JOIN prize_entry e ON e.id = r.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'handicrafts'`), '40');
  const box = await c.get('/admin/prize?lang=en');
  assert.match(box.html, /id="chain" role="status">The log holds/);
});

test('a juror cannot declare a conflict by a direct POST once the category is closed', async () => {
  const j = new Client(srv.base);
  await j.signin('jury@example.org', 'demo-jury-2024');
  const entry = one(srv.db, "SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'handicrafts' AND e.withdrawn_at IS NULL AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') ORDER BY a.entry_id LIMIT 1");
  const conflicts = one(srv.db, 'SELECT count(*) FROM prize_conflict');
  const sheet = await j.get(`/jury/entries/${entry}?lang=en`);
  assert.equal(sheet.status, 200);
  assert.ok(!sheet.html.includes('/conflict"'), 'the form is not offered');
  const r = await j.post(`/jury/entries/${entry}/conflict?lang=en`, { csrf: Client.csrf(sheet.html), reason: 'A late tie.' });
  assert.equal(r.status, 409);
  assert.match(r.html, /a conflict can no longer be declared/);
  assert.equal(one(srv.db, 'SELECT count(*) FROM prize_conflict'), conflicts);
  assert.equal(coopfair(srv.db, 'prize', 'verify').status, 0);
});

// The tamperings below each break the log; each is undone before the next.
const tamper = async (doSql, undoSql, box) => {
  sqlite(srv.db, doSql);
  const r = coopfair(srv.db, 'prize', 'verify');
  assert.equal(r.status, 1, r.stdout);
  const c = await committee();
  const page = await c.get('/admin/prize?lang=en');
  assert.match(page.html, box);
  sqlite(srv.db, undoSql);
  assert.equal(coopfair(srv.db, 'prize', 'verify').status, 0);
  return r.stderr;
};

test('an inserted conflict row is found, and the box names the conflicts of the category', async () => {
  const [acc, entry] = one(srv.db, "SELECT a.account_id, a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'handicrafts' ORDER BY a.entry_id LIMIT 1").split('|');
  const err = await tamper(
    `INSERT INTO prize_conflict (account_id, entry_id, reason, declared_at) VALUES (${acc}, ${entry}, 'x', '2024-02-22T10:00:00Z')`,
    `DELETE FROM prize_conflict WHERE account_id = ${acc} AND entry_id = ${entry}`,
    /id="chain" role="alert">Category [^:]+: its conflicts of interest differ/);
  assert.match(err, /\(conflicts\)/);
});

test('a changed criterion weight is found, and the box names the criteria', async () => {
  const [id, w] = one(srv.db, "SELECT k.id, k.weight FROM prize_criterion k JOIN category c ON c.id = k.category_id WHERE c.code = 'handicrafts' ORDER BY k.id LIMIT 1").split('|');
  await tamper(`UPDATE prize_criterion SET weight = 0.9 WHERE id = ${id}`, `UPDATE prize_criterion SET weight = ${w} WHERE id = ${id}`,
    /id="chain" role="alert">Category [^:]+: its criteria, their weights/);
});

test('an edited rank is found, and the box names the published results', async () => {
  const [entry, rank] = one(srv.db, "SELECT r.entry_id, r.rank FROM prize_result r JOIN prize_entry e ON e.id = r.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'handicrafts' AND r.rank = 4").split('|');
  await tamper(`UPDATE prize_result SET rank = 1 WHERE entry_id = ${entry}`, `UPDATE prize_result SET rank = ${rank} WHERE entry_id = ${entry}`,
    /id="chain" role="alert">Category [^:]+: its published results/);
});

test('a log cut short is found by the heads anchored in the audit log', async () => {
  // cut back to before the last publication (its head is anchored)
  sqlite(srv.db, "CREATE TABLE cut AS SELECT * FROM prize_log WHERE id >= (SELECT max(id) FROM prize_log WHERE kind = 'state'); DELETE FROM prize_log WHERE id IN (SELECT id FROM cut)");
  const r = coopfair(srv.db, 'prize', 'verify');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cut short or rewritten/);
  const c = await committee();
  assert.match((await c.get('/admin/prize?lang=en')).html, /id="chain" role="alert">A head recorded when a category was closed or published is no longer in the log/);
  sqlite(srv.db, 'INSERT INTO prize_log SELECT * FROM cut; DROP TABLE cut');
  assert.equal(coopfair(srv.db, 'prize', 'verify').status, 0);
});

test('a log cut short after its last printed head, scores put back, is found by the mark of its last record', async () => {
  const j = new Client(srv.base);
  await j.signin('jury@example.org', 'demo-jury-2024');
  const id = one(srv.db, "SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN prize_category pc ON pc.category_id = e.category_id WHERE pc.state = 'open' AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') AND a.entry_id NOT IN (SELECT entry_id FROM prize_conflict) ORDER BY a.entry_id LIMIT 1");
  const jury = one(srv.db, "SELECT id FROM account WHERE email = 'jury@example.org'");
  const csrf = Client.csrf((await j.get(`/jury/entries/${id}`)).html);
  for (const [v, comment] of [[7, 'first'], [9, 'second']])
    assert.equal((await j.post(`/jury/entries/${id}`, { csrf, c0: v, c1: v, c2: v, c3: v, c4: v, comment })).status, 303);
  assert.equal(coopfair(srv.db, 'prize', 'verify').status, 0);
  // The second save's record removed from the end, the sheet put back as the first save left it.
  sqlite(srv.db, `CREATE TABLE cut AS SELECT * FROM prize_log WHERE id = (SELECT max(id) FROM prize_log); DELETE FROM prize_log WHERE id IN (SELECT id FROM cut);
    UPDATE prize_score SET value = 7 WHERE entry_id = ${id} AND account_id = ${jury}; UPDATE prize_comment SET body = 'first' WHERE entry_id = ${id} AND account_id = ${jury}`);
  const r = coopfair(srv.db, 'prize', 'verify');
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /records were removed from its end/);
  const c = await committee();
  assert.match((await c.get('/admin/prize?lang=en')).html, /id="chain" role="alert">The log does not end with the last record coopfair wrote/);
  assert.match((await c.get('/admin/prize?lang=fr')).html, /id="chain" role="alert">Le journal ne se termine pas/);
  sqlite(srv.db, `INSERT INTO prize_log SELECT * FROM cut; DROP TABLE cut;
    UPDATE prize_score SET value = 9 WHERE entry_id = ${id} AND account_id = ${jury}; UPDATE prize_comment SET body = 'second' WHERE entry_id = ${id} AND account_id = ${jury}`);
  assert.equal(coopfair(srv.db, 'prize', 'verify').status, 0);
});

test('the committee can withdraw a publication: audited, and the public page says so', async () => {
  const cat = one(srv.db, "SELECT id FROM category WHERE code = 'terroir'");
  const c = await committee();
  const page = await c.get(`/admin/prize/categories/${cat}?lang=en`);
  assert.match(page.html, /Withdraw the publication/);
  let r = await c.post(`/admin/prize/categories/${cat}/unpublish?lang=en`, { csrf: Client.csrf(page.html), reason: '' });
  assert.equal(r.status, 400);
  r = await c.post(`/admin/prize/categories/${cat}/unpublish`, { csrf: Client.csrf(page.html), reason: 'A juror <b>conflict</b> came to light.' });
  assert.equal(r.status, 303);
  assert.equal(one(srv.db, `SELECT state FROM prize_category WHERE category_id = ${cat}`), 'closed');
  assert.equal(one(srv.db, `SELECT count(*) FROM audit WHERE action = 'prize.unpublish' AND object_id = ${cat}`), '1');
  const pub = await fetch(`${srv.base}/prize?lang=en`).then((x) => x.text());
  assert.match(pub, /were published, then withdrawn by the committee on \d{4}-\d\d-\d\d/);
  assert.ok(pub.includes('A juror &lt;b&gt;conflict&lt;/b&gt; came to light.'));
  assert.equal(coopfair(srv.db, 'prize', 'verify').status, 0);
});

test('with a prize key the server seals the log; the check needs the key, and a rewrite without it is found', async () => {
  const keyed = await startServer({ env: { COOPFAIR_PRIZE_KEY: 'kept outside the database' } });
  try {
    assert.equal(one(keyed.db, 'SELECT kind || form FROM prize_log ORDER BY id DESC LIMIT 1'), 'key2');
    process.env.COOPFAIR_PRIZE_KEY = 'kept outside the database';
    let r = coopfair(keyed.db, 'prize', 'verify');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /sealed with the prize key/);
    process.env.COOPFAIR_PRIZE_KEY = 'a guess';
    r = coopfair(keyed.db, 'prize', 'verify');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /does not match its seal/);
    delete process.env.COOPFAIR_PRIZE_KEY;
    r = coopfair(keyed.db, 'prize', 'verify');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /which this program was not given/);
  } finally {
    delete process.env.COOPFAIR_PRIZE_KEY;
    await keyed.stop();
  }
});
