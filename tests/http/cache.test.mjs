// cache.test.mjs - the page cache (src/http/cache.c) never serves a page that
// is staler than the database, nor one person's page to another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const page = async (path, headers = {}) => {
  const r = await fetch(srv.base + path, { headers, redirect: 'manual' });
  return { status: r.status, html: await r.text(), headers: r.headers };
};

test('a change made by another process shows on the next request', async () => {
  const first = await page('/?lang=fr');
  assert.match(first.html, /pionnières de l/);
  assert.equal((await page('/?lang=fr')).html, first.html); // served again, maybe from the cache
  sqlite(srv.db, "UPDATE edition SET slogan_fr = 'Un slogan changé par le CLI'");
  const after1 = await page('/?lang=fr');
  assert.match(after1.html, /Un slogan changé par le CLI/);
  assert.doesNotMatch(after1.html, /pionnières de l/);
  sqlite(srv.db, "UPDATE edition SET slogan_fr = 'Coopératives créatives : pionnières de l''excellence dans l''économie sociale et solidaire'");
  assert.match((await page('/?lang=fr')).html, /pionnières de l/);
});

test('each language keeps its own copy', async () => {
  const fr = await page('/exhibitors?lang=fr');
  const ar = await page('/exhibitors?lang=ar');
  assert.match(fr.html, /<html lang="fr" dir="ltr">/);
  assert.match(ar.html, /<html lang="ar" dir="rtl">/);
  // The same URL without ?lang follows the cookie, not the last cached copy.
  const byCookie = await page('/exhibitors', { Cookie: 'lang=fr' });
  assert.match(byCookie.html, /<html lang="fr"/);
  const byHeader = await page('/exhibitors', { 'Accept-Language': 'en' });
  assert.match(byHeader.html, /<html lang="en"/);
});

test('a signed-in person never gets the anonymous copy, nor leaves theirs behind', async () => {
  // Sign in as the committee (a form: visitor cookie + CSRF token).
  const form = await page('/signin');
  const visitor = form.headers.get('set-cookie').match(/cf_visitor=([0-9a-f]+)/)[1];
  const csrf = form.html.match(/name="csrf" value="([0-9a-f]+)"/)[1];
  const r = await fetch(srv.base + '/signin', {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: `cf_visitor=${visitor}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email: 'committee@example.org', password: 'demo-committee-2024' }),
  });
  assert.equal(r.status, 303);
  const session = r.headers.get('set-cookie').match(/cf_session=([0-9a-f]+)/)[1];
  await page('/?lang=fr'); // warm the anonymous copy
  const mine = await page('/?lang=fr', { Cookie: `cf_session=${session}` });
  assert.match(mine.html, /action="\/signout"/);
  const anon = await page('/?lang=fr');
  assert.doesNotMatch(anon.html, /action="\/signout"/);
  assert.doesNotMatch(anon.html, /name="csrf"/);
});

test('a page carrying a visitor\'s CSRF token is never shared', async () => {
  const a = await page('/signin');
  const b = await page('/signin');
  const ta = a.html.match(/name="csrf" value="([0-9a-f]+)"/)[1];
  const tb = b.html.match(/name="csrf" value="([0-9a-f]+)"/)[1];
  assert.notEqual(ta, tb);
});

test('query arguments are part of what is cached', async () => {
  const p1 = await page('/exhibitors?lang=fr&page=1');
  const p2 = await page('/exhibitors?lang=fr&page=2');
  const p1again = await page('/exhibitors?lang=fr&page=1');
  assert.notEqual(p1.html, p2.html);
  assert.equal(p1.html, p1again.html);
  assert.match((await page('/exhibitors?lang=fr&category=pastries')).html, /data-count="15"/);
  assert.match((await page('/exhibitors?lang=fr&category=terroir')).html, /data-count="25"/);
});
