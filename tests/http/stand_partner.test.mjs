// stand_partner.test.mjs - the application form asks for a partner
// cooperative to share a stand with, among the other applicants, instead of
// free text; the choice is stored and the allocator honours it (issue 13).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv;
const one = (sql) => sqlite(srv.db, sql).trim();
before(async () => {
  srv = await startServer({
    prepare(db) {
      sqlite(db, "UPDATE application SET status = 'draft', published_status = NULL WHERE cooperative_id = "
        + "(SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org')");
      sqlite(db, "UPDATE edition SET state = 'call_open', call_opens_on = '', call_closes_on = ''");
    },
  });
});
after(async () => { await srv?.stop(); });

test('the exhibitor chooses a partner among the other applicants; the allocator puts them on one stand', async () => {
  const me = one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
  // a partner that exhibits, asked for nobody and was asked by nobody
  const [partner, nameFr] = one(`SELECT c.id || '|' || c.name_fr FROM application a JOIN cooperative c ON c.id = a.cooperative_id
    JOIN exhibitor x ON x.cooperative_id = c.id
    WHERE a.share_coop_id IS NULL AND c.id <> ${me} AND c.id NOT IN (SELECT share_coop_id FROM application WHERE share_coop_id IS NOT NULL)
    AND x.id NOT IN (SELECT exhibitor_a FROM stand_apart) AND x.id NOT IN (SELECT exhibitor_b FROM stand_apart)
    ORDER BY c.id DESC LIMIT 1`).split('|');
  const c = new Client(srv.base);
  await c.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const form = await c.get('/my?lang=fr');
  assert.equal(form.status, 200);
  const select = form.html.match(/<select id="share_coop" name="share_coop">([^]*?)<\/select>/);
  assert.ok(select, 'a choice, not a text field');
  assert.doesNotMatch(form.html, /name="share_with"/);
  const options = [...select[1].matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
  const applicants = one(`SELECT COUNT(*) FROM application WHERE edition_id = 1 AND cooperative_id <> ${me} AND status <> 'withdrawn'`);
  assert.equal(options.length, Number(applicants) + 1, 'every other applicant, and "none"');
  assert.ok(!options.includes(me), 'not itself');
  const category = one(`SELECT category_id FROM application WHERE cooperative_id = ${me}`);
  const base = { csrf: Client.csrf(form.html), category, products: 'Huile d’argan', action: 'save' };

  // a cooperative that is not an applicant is refused, in French, nothing stored
  const bad = await c.post('/my/application?lang=fr', { ...base, share_coop: '999999' });
  assert.equal(bad.status, 422);
  assert.match(bad.html, /Choisissez une des coopératives de la liste\./);
  const stored = one(`SELECT COALESCE(share_coop_id, 0) FROM application WHERE cooperative_id = ${me}`);

  const ok = await c.post('/my/application', { ...base, share_coop: partner });
  assert.equal(ok.status, 303);
  assert.equal(one(`SELECT share_coop_id FROM application WHERE cooperative_id = ${me}`), partner);
  assert.notEqual(stored, partner);
  assert.ok(one(`SELECT share_with FROM application WHERE cooperative_id = ${me}`).endsWith(`— ${nameFr}`));
  const again = await c.get('/my');
  assert.match(again.html, new RegExp(`<option value="${partner}" selected>`));

  // the committee runs the allocator: the two share a stand
  const k = new Client(srv.base);
  await k.signin('committee@example.org', 'demo-committee-2024');
  const page = await k.get('/admin/stands');
  assert.equal((await k.post('/admin/stands/assign', { csrf: Client.csrf(page.html) })).status, 303);
  const stands = one(`SELECT stand_id FROM exhibitor WHERE cooperative_id IN (${me}, ${partner}) ORDER BY cooperative_id`).split('\n');
  assert.equal(stands.length, 2);
  assert.equal(stands[0], stands[1]);
  assert.notEqual(stands[0], '');

  // and "none" clears it
  const form2 = await c.get('/my');
  assert.equal((await c.post('/my/application', { ...base, csrf: Client.csrf(form2.html), share_coop: '0' })).status, 303);
  assert.equal(one(`SELECT COALESCE(share_coop_id, 0) FROM application WHERE cooperative_id = ${me}`), '0');
});
