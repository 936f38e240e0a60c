// prize_setup.test.mjs - the committee sets up a category before scoring,
// the assignment says plainly when it cannot be done, and the rules freeze
// once scoring has started.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv, pastries, m;
before(async () => {
  srv = await startServer({
    prepare: (db) => {
      // Pastries back to before scoring: no scores, no assignment.
      sqlite(db, `DELETE FROM prize_score WHERE entry_id IN (SELECT e.id FROM prize_entry e JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries');
                  DELETE FROM prize_comment WHERE entry_id IN (SELECT e.id FROM prize_entry e JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries');
                  DELETE FROM prize_assignment WHERE entry_id IN (SELECT e.id FROM prize_entry e JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries');`);
    },
  });
  pastries = sqlite(srv.db, "SELECT id FROM category WHERE code = 'pastries'").trim();
  m = new Client(srv.base);
  await m.signin('committee@example.org', 'demo-committee-2024');
});
after(async () => { await srv.stop(); });

const csrfOf = async (path) => Client.csrf((await m.get(path)).html);
const count = (sql) => Number(sqlite(srv.db, sql).trim());

test('settings are validated field by field, input kept', async () => {
  const csrf = await csrfOf(`/admin/prize/categories/${pastries}/setup`);
  const r = await m.post(`/admin/prize/categories/${pastries}/settings?lang=en`, { csrf, k: 'three', winners: '3', tie_rule: 'plain_mean' });
  assert.equal(r.status, 400);
  assert.match(r.html, /id="k" [^>]*value="three"/);
  assert.match(r.html, /id="k-err">Enter a whole number from 1 to 50/);
});

test('asking more jurors per entry than the category has is explained', async () => {
  const jurors = count(`SELECT count(*) FROM prize_juror WHERE category_id = ${pastries}`);
  let csrf = await csrfOf(`/admin/prize/categories/${pastries}/setup`);
  assert.equal((await m.post(`/admin/prize/categories/${pastries}/settings`, { csrf, k: String(jurors + 1), winners: '3', tie_rule: 'first_criterion' })).status, 303);
  csrf = await csrfOf(`/admin/prize/categories/${pastries}`);
  const r = await m.post(`/admin/prize/categories/${pastries}/assign?lang=en`, { csrf });
  assert.equal(r.status, 409);
  assert.ok(r.html.includes(`Jurors needed per entry: ${jurors + 1}; the category has only ${jurors} jurors.`));
  assert.equal(count(`SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = ${pastries}`), 0);
});

test('an entry left with too few unconflicted jurors is named', async () => {
  // Rules for all but two jurors on the province of the first entry.
  const entry = sqlite(srv.db, `SELECT e.id, co.name_fr, p.code FROM prize_entry e JOIN exhibitor x ON x.id = e.exhibitor_id JOIN cooperative co ON co.id = x.cooperative_id JOIN province p ON p.id = co.province_id WHERE e.category_id = ${pastries} ORDER BY e.id LIMIT 1`).trim().split('|');
  const jurors = sqlite(srv.db, `SELECT account_id FROM prize_juror WHERE category_id = ${pastries} ORDER BY account_id`).trim().split('\n');
  let csrf = await csrfOf(`/admin/prize/categories/${pastries}/setup`);
  await m.post(`/admin/prize/categories/${pastries}/settings`, { csrf, k: '3', winners: '3', tie_rule: 'plain_mean' });
  for (const j of jurors.slice(2)) {
    const r = await m.post(`/admin/prize/categories/${pastries}/rules`, { csrf, juror: j, province: entry[2], reason: 'test rule' });
    assert.equal(r.status, 303);
  }
  csrf = await csrfOf(`/admin/prize/categories/${pastries}`);
  const r = await m.post(`/admin/prize/categories/${pastries}/assign?lang=en`, { csrf });
  assert.equal(r.status, 409);
  assert.match(r.html, /Jurors needed per entry: 3; entry .* has only ([0-2] jurors|[0-2] juror) without a conflict/);
  assert.ok(r.html.includes(entry[1].replace(/'/g, '&#39;')));
  sqlite(srv.db, "DELETE FROM prize_rule WHERE reason = 'test rule'");
});

test('a feasible assignment is stored: k jurors per entry, no conflict, loads within one', async () => {
  const csrf = await csrfOf(`/admin/prize/categories/${pastries}`);
  const r = await m.post(`/admin/prize/categories/${pastries}/assign`, { csrf });
  assert.equal(r.status, 303);
  const entries = count(`SELECT count(*) FROM prize_entry WHERE category_id = ${pastries}`);
  assert.equal(count(`SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = ${pastries}`), 3 * entries);
  assert.equal(count(`SELECT count(*) FROM (SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = ${pastries} GROUP BY a.entry_id HAVING count(*) <> 3)`), 0);
  assert.equal(count(`SELECT count(*) FROM prize_assignment a JOIN prize_conflict_all v ON v.account_id = a.account_id AND v.entry_id = a.entry_id`), 0);
  const loads = sqlite(srv.db, `SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = ${pastries} GROUP BY a.account_id`).trim().split('\n').map(Number);
  // Conflicts (the ODCO juror's Ifrane rule, a declared tie) may force some imbalance; here they do not.
  assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `loads ${loads}`);
});

test('once a score exists, rules and criteria are frozen', async () => {
  const j = new Client(srv.base);
  await j.signin('jury@example.org', 'demo-jury-2024');
  const entry = sqlite(srv.db, `SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = ${pastries} AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') LIMIT 1`).trim();
  const sheet = await j.get(`/jury/entries/${entry}`);
  assert.equal((await j.post(`/jury/entries/${entry}`, { csrf: Client.csrf(sheet.html), c0: 10, c1: 11, c2: 12, c3: 13, c4: 14, comment: '' })).status, 303);
  const csrf = await csrfOf(`/admin/prize/categories/${pastries}/setup`);
  assert.equal((await m.post(`/admin/prize/categories/${pastries}/settings`, { csrf, k: '2', winners: '3', tie_rule: 'plain_mean' })).status, 409);
  assert.equal((await m.post(`/admin/prize/categories/${pastries}/criteria`, { csrf, name_ar: 'أصالة', name_fr: 'Originalité', name_en: '', weight: '1', min: '0', max: '20' })).status, 409);
  const crit = sqlite(srv.db, `SELECT min(id) FROM prize_criterion WHERE category_id = ${pastries}`).trim();
  assert.equal((await m.post(`/admin/prize/criteria/${crit}/delete`, { csrf })).status, 409);
  assert.equal((await m.post(`/admin/prize/categories/${pastries}/assign`, { csrf })).status, 409);
  assert.equal(count(`SELECT count(*) FROM prize_criterion WHERE category_id = ${pastries}`), 5);
});
