// prize_public.test.mjs - before publication nothing about scores is public.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv, names, codes;
before(async () => {
  srv = await startServer({
    prepare: (db) => {
      codes = sqlite(db, 'SELECT code FROM prize_result').trim().split('\n');
      // Nothing published: every category back to closed.
      sqlite(db, "UPDATE prize_category SET state = 'closed' WHERE state = 'published'");
      names = sqlite(db, 'SELECT co.name_fr FROM prize_entry e JOIN exhibitor x ON x.id = e.exhibitor_id JOIN cooperative co ON co.id = x.cooperative_id').trim().split('\n');
    },
  });
});
after(async () => { await srv.stop(); });

test('the public prize page names no entry and shows no score before publication', async () => {
  const c = new Client(srv.base);
  for (const lang of ['ar', 'fr', 'en']) {
    const r = await c.get(`/prize?lang=${lang}`);
    assert.equal(r.status, 200);
    for (const n of names) assert.ok(!r.html.includes(n.replace(/'/g, '&#39;')) && !r.html.includes(n), `${n} is on /prize`);
    assert.ok(!/winners/.test(r.html));
  }
});

test('certificate codes of unpublished results do not verify', async () => {
  const c = new Client(srv.base);
  for (const code of codes.slice(0, 5)) assert.equal((await c.get(`/prize/verify?code=${code}`)).status, 404);
});

test('publishing shows first what the public will see, changes nothing until confirmed, then the public sees exactly that', async () => {
  const cat = sqlite(srv.db, "SELECT id FROM category WHERE code = 'handicrafts'").trim();
  const m = new Client(srv.base);
  await m.signin('committee@example.org', 'demo-committee-2024');
  const page = await m.get(`/admin/prize/categories/${cat}`);
  const csrf = Client.csrf(page.html);
  const pv = await m.post(`/admin/prize/categories/${cat}/publish?lang=fr`, { csrf });
  assert.equal(pv.status, 200);
  const listed = pv.html.match(/<ol class="winners" id="preview-winners">([\s\S]*?)<\/ol>/);
  assert.ok(listed, 'the preview lists the winners');
  const previewNames = [...listed[1].matchAll(/<li value="(\d)"><bdi>([^<]*)<\/bdi>/g)].map((x) => [x[1], x[2]]);
  assert.equal(previewNames.length, 3);
  assert.match(pv.html, /id="confirm">Publier les résultats</);
  assert.match(pv.html, /Certificats de participation, sans rang/);
  assert.equal(sqlite(srv.db, `SELECT state FROM prize_category WHERE category_id = ${cat}`).trim(), 'closed', 'nothing published by the preview');
  const before = await new Client(srv.base).get('/prize?lang=fr');
  assert.ok(!/<ol class="winners">/.test(before.html), 'the public page is unchanged');
  const r = await m.post(`/admin/prize/categories/${cat}/publish`, { csrf, previewed: '1', confirm: '1' });
  assert.equal(r.status, 303);
  const pub = await new Client(srv.base).get('/prize?lang=fr');
  const winners = pub.html.match(/<ol class="winners">([\s\S]*?)<\/ol>/);
  assert.ok(winners);
  const publicNames = [...winners[1].matchAll(/<li value="(\d)">(?:<a [^>]*>)?<bdi>([^<]*)<\/bdi>/g)].map((x) => [x[1], x[2]]);
  assert.deepEqual(publicNames, previewNames, 'the public sees what the preview showed');
});

test('closing shows first the ranking it freezes and the sheets still missing; the category stays open until confirmed', async () => {
  sqlite(srv.db, "UPDATE prize_category SET state = 'open' WHERE category_id = (SELECT id FROM category WHERE code = 'pastries')");
  const cat = sqlite(srv.db, "SELECT id FROM category WHERE code = 'pastries'").trim();
  const m = new Client(srv.base);
  await m.signin('committee@example.org', 'demo-committee-2024');
  const csrf = Client.csrf((await m.get(`/admin/prize/categories/${cat}`)).html);
  const pv = await m.post(`/admin/prize/categories/${cat}/close?lang=en`, { csrf });
  assert.equal(pv.status, 200);
  assert.match(pv.html, /id="preview-ranking"/);
  const rowsShown = (pv.html.match(/<tr( class="winner")?><td>/g) || []).length;
  assert.equal(rowsShown, Number(sqlite(srv.db, `SELECT count(*) FROM prize_entry WHERE category_id = ${cat}`).trim()));
  assert.equal((pv.html.match(/<tr class="winner">/g) || []).length, 3);
  assert.equal(sqlite(srv.db, `SELECT state FROM prize_category WHERE category_id = ${cat}`).trim(), 'open');
  const r = await m.post(`/admin/prize/categories/${cat}/close`, { csrf, previewed: '1', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(sqlite(srv.db, `SELECT state FROM prize_category WHERE category_id = ${cat}`).trim(), 'closed');
  // publishing a category that is not closed: the preview says so
  const open = await m.post(`/admin/prize/categories/${cat}/close`, { csrf });
  assert.equal(open.status, 409);
});
