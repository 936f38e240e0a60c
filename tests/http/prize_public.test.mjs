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

test('publishing makes the winners public', async () => {
  const cat = sqlite(srv.db, "SELECT id FROM category WHERE code = 'handicrafts'").trim();
  const m = new Client(srv.base);
  await m.signin('committee@example.org', 'demo-committee-2024');
  const page = await m.get(`/admin/prize/categories/${cat}`);
  const r = await m.post(`/admin/prize/categories/${cat}/publish`, { csrf: Client.csrf(page.html) });
  assert.equal(r.status, 303);
  const pub = await new Client(srv.base).get('/prize?lang=fr');
  const winners = pub.html.match(/<ol class="winners">([\s\S]*?)<\/ol>/);
  assert.ok(winners);
  assert.equal((winners[1].match(/<li /g) || []).length, 3);
});
