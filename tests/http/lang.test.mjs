// lang.test.mjs - language negotiation: ?lang= (remembered in a cookie),
// then the cookie, then Accept-Language on a first visit, then Arabic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, get, htmlLang, setCookies } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const langCookie = (headers) => setCookies(headers).find((c) => c.startsWith('lang='));

test('?lang=fr answers in French and sets a lasting lang cookie', async () => {
  const r = await get(srv.base, '/?lang=fr');
  assert.equal(htmlLang(r.html).lang, 'fr');
  const c = langCookie(r.headers);
  assert.ok(c, 'no lang cookie');
  assert.match(c, /^lang=fr;/);
  assert.match(c, /Path=\//);
  assert.match(c, /Max-Age=\d{6,}/);
  assert.match(c, /HttpOnly/);
  assert.match(c, /SameSite=Lax/);
});

test('the lang cookie alone chooses the language, and is not set again', async () => {
  const r = await get(srv.base, '/exhibitors', { Cookie: 'lang=en' });
  assert.deepEqual(htmlLang(r.html), { lang: 'en', dir: 'ltr' });
  assert.equal(langCookie(r.headers), undefined);
});

test('Accept-Language is honoured on a first visit', async () => {
  assert.equal(htmlLang((await get(srv.base, '/', { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8' })).html).lang, 'fr');
  assert.equal(htmlLang((await get(srv.base, '/', { 'Accept-Language': 'en-US,en;q=0.9' })).html).lang, 'en');
  assert.equal(htmlLang((await get(srv.base, '/', { 'Accept-Language': 'ar-MA' })).html).lang, 'ar');
});

test('Accept-Language q-values are weighed', async () => {
  const r = await get(srv.base, '/', { 'Accept-Language': 'en;q=0.2, fr;q=0.7, ar;q=0.5' });
  assert.equal(htmlLang(r.html).lang, 'fr');
});

test('Accept-Language with none of our languages falls back to Arabic', async () => {
  const r = await get(srv.base, '/', { 'Accept-Language': 'de-DE, es;q=0.5' });
  assert.deepEqual(htmlLang(r.html), { lang: 'ar', dir: 'rtl' });
});

test('a malformed Accept-Language falls back to Arabic', async () => {
  for (const h of [';;;', 'q=0.5', ',,,,', 'fr;q=0', 'x'.repeat(4000)]) {
    const r = await get(srv.base, '/', { 'Accept-Language': h });
    assert.equal(r.status, 200);
    assert.equal(htmlLang(r.html).lang, 'ar', h.slice(0, 20));
  }
});

test('Accept-Language does not set the cookie', async () => {
  const r = await get(srv.base, '/', { 'Accept-Language': 'fr' });
  assert.equal(langCookie(r.headers), undefined);
});

test('the cookie wins over Accept-Language', async () => {
  const r = await get(srv.base, '/', { Cookie: 'lang=en', 'Accept-Language': 'fr' });
  assert.equal(htmlLang(r.html).lang, 'en');
});

test('?lang= wins over the cookie and replaces it', async () => {
  const r = await get(srv.base, '/?lang=ar', { Cookie: 'lang=fr', 'Accept-Language': 'en' });
  assert.deepEqual(htmlLang(r.html), { lang: 'ar', dir: 'rtl' });
  assert.match(langCookie(r.headers), /^lang=ar;/);
});

test('an unknown ?lang= is ignored', async () => {
  const r = await get(srv.base, '/?lang=de', { Cookie: 'lang=fr' });
  assert.equal(htmlLang(r.html).lang, 'fr');
  assert.equal(langCookie(r.headers), undefined);
});

test('a forged lang cookie is ignored', async () => {
  const r = await get(srv.base, '/', { Cookie: 'lang=<script>', 'Accept-Language': 'en' });
  assert.equal(htmlLang(r.html).lang, 'en');
  assert.doesNotMatch(r.html, /<script>/);
});

test('a browser session: ?lang sets the cookie, and the next pages follow it', async () => {
  const first = await get(srv.base, '/?lang=fr', { 'Accept-Language': 'ar' });
  const cookie = langCookie(first.headers).split(';')[0];
  for (const path of ['/', '/exhibitors', '/exhibitors/3', '/nope']) {
    const r = await get(srv.base, path, { Cookie: cookie, 'Accept-Language': 'ar' });
    assert.equal(htmlLang(r.html).lang, 'fr', path);
  }
});
