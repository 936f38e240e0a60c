// news.test.mjs - the fair's news over HTTP (issue 15): the announcement as
// the first post, views counted in memory and written in batches (never one
// write per view), robots and repeat visitors not counted, comments with
// moderation, a honeypot and a rate limit, the email never shown, pictures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, sqlite, ROOT } from './server.mjs';
import { Client } from './prize_helpers.mjs';

const FLUSH_MS = 3000;
const BROWSER = 'Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

let srv;
let committee;
let post;
before(async () => {
  srv = await startServer({ env: { COOPFAIR_VIEWS_FLUSH_MS: String(FLUSH_MS) } });
  committee = new Client(srv.base);
  await committee.signin('committee@example.org', 'demo-committee-2024');
  post = one('SELECT id FROM news_post ORDER BY id LIMIT 1');
});
after(async () => { await srv?.stop(); });

const one = (q) => sqlite(srv.db, q).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const view = (path, ua) => fetch(srv.base + path, { headers: { 'User-Agent': ua } });

test('the first post is the 2024 announcement, in Arabic and translated, with its 393 views', async () => {
  // /work/shared/domain/announcement-2024.ar.txt: its title, first line and counters
  const ar = await (await fetch(`${srv.base}/news/${post}?lang=ar`)).text();
  assert.match(ar, /<h1><bdi>مجلس جهة فاس مكناس ينظم الدورة الأولى لمعرض التعاونيات المبدعة في الاقتصاد الاجتماعي والتضامني<\/bdi><\/h1>/);
  assert.match(ar, /انطلقت يوم الثلاثاء 20 فبراير الجاري بفاس/);
  assert.match(ar, /السيدة خديجة حجوبي/);
  assert.match(ar, /المشاهدات: 393/);
  const fr = await (await fetch(`${srv.base}/news/${post}?lang=fr`)).text();
  assert.match(fr, /Le Conseil de la Région Fès-Meknès organise la 1re édition/);
  assert.match(fr, /Mme Khadija Hajoubi/);
  const en = await (await fetch(`${srv.base}/news/${post}?lang=en`)).text();
  assert.match(en, /opened in Fès on Tuesday 20 February/);
  const list = await (await fetch(`${srv.base}/news?lang=fr`)).text();
  assert.match(list, new RegExp(`href="/news/${post}"`));
});

test('the post page is cacheable: no form, no visitor cookie, the same bytes each time', async () => {
  const a = await fetch(`${srv.base}/news/${post}?lang=fr`, { headers: { 'User-Agent': 'curl/8' } });
  const b = await fetch(`${srv.base}/news/${post}?lang=fr`, { headers: { 'User-Agent': 'curl/8' } });
  const ta = await a.text();
  assert.equal(ta, await b.text());
  assert.doesNotMatch(ta, /name="csrf"/);
  for (const c of a.headers.getSetCookie()) assert.match(c, /^lang=/, `only the language cookie: ${c}`);
});

test('views are counted in memory and written in one batch; robots and repeat visitors are not counted', async () => {
  // the first counted view starts the flusher: its first batch is FLUSH_MS later
  const before0 = +one(`SELECT views FROM news_post WHERE id = ${post}`);
  const N = 25;
  const t0 = Date.now();
  for (let i = 0; i < N; i++) {
    const r = await view(`/news/${post}?lang=fr`, `${BROWSER} v${i}`);
    assert.equal(r.status, 200);
    await r.text();
  }
  // the same visitor again, robots, another page: not counted
  for (let i = 0; i < 5; i++) await (await view(`/news/${post}?lang=ar`, `${BROWSER} v0`)).text();
  for (const ua of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'curl/8.0', '']) await (await view(`/news/${post}`, ua)).text();
  await (await view('/news/999999', BROWSER)).text();
  assert.ok(Date.now() - t0 < FLUSH_MS - 500, 'the views were sent within one batch interval');
  assert.equal(+one(`SELECT views FROM news_post WHERE id = ${post}`), before0, 'no write on the page views');
  await sleep(FLUSH_MS + 1500);
  assert.equal(+one(`SELECT views FROM news_post WHERE id = ${post}`), before0 + N, 'one batch wrote them all');
  const page = await (await fetch(`${srv.base}/news/${post}?lang=en`, { headers: { 'User-Agent': 'curl/8' } })).text();
  assert.match(page, new RegExp(`Views: ${before0 + N}`));
});

/** comment - post a comment from a fresh client (its own CSRF token). */
async function comment(fields) {
  const c = new Client(srv.base);
  const form = await c.get(`/news/${post}/comment?lang=en`);
  assert.equal(form.status, 200);
  assert.match(form.html, /Your email address will not be published\./);
  return c.post(`/news/${post}/comment`, { csrf: Client.csrf(form.html), name: 'Fatima', email: 'fatima.secret@example.org', body: 'Bravo', website: '', ...fields });
}

test('comments wait for moderation, the email is never shown, a honeypot and a rate limit stop floods', async () => {
  const r = await comment({ name: 'Hafsa Lahlou', email: 'hafsa.private@example.org', body: 'Merci pour ce salon' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /sent=pending/);
  const id = one("SELECT id FROM news_comment WHERE email = 'hafsa.private@example.org'");
  assert.equal(one(`SELECT status FROM news_comment WHERE id = ${id}`), 'pending');
  let page = await (await fetch(`${srv.base}/news/${post}?lang=fr`)).text();
  assert.doesNotMatch(page, /Merci pour ce salon/, 'pending: not shown');
  // the committee sees it with its email, approves it
  const admin = await committee.get('/admin/news?lang=en');
  assert.match(admin.html, /hafsa\.private@example\.org/);
  assert.match(admin.html, /Waiting for moderation/);
  const ok = await committee.post(`/admin/comments/${id}`, { csrf: Client.csrf(admin.html), action: 'approve' });
  assert.equal(ok.status, 303);
  page = await (await fetch(`${srv.base}/news/${post}?lang=fr`)).text();
  assert.match(page, /Merci pour ce salon/);
  assert.match(page, /Hafsa Lahlou/);
  assert.doesNotMatch(page, /hafsa\.private|@example\.org/, 'the email is never shown');
  // the honeypot: thanked, dropped
  const bot = await comment({ name: 'Spam', email: 'spam@example.org', body: 'cheap', website: 'http://spam.example' });
  assert.equal(bot.status, 303);
  assert.equal(one("SELECT count(*) FROM news_comment WHERE email = 'spam@example.org'"), '0');
  // the rate limit: the fourth comment from one address within ten minutes
  await comment({ body: 'deux' });
  const third = await comment({ body: 'trois' });
  assert.equal(third.status, 303);
  const fourth = await comment({ body: 'quatre' });
  assert.equal(fourth.status, 429);
  assert.match(fourth.html, /Too many comments/);
  assert.equal(one("SELECT count(*) FROM news_comment WHERE body = 'quatre'"), '0');
  // invalid: no email
  sqlite(srv.db, 'DELETE FROM news_comment');
  assert.equal((await comment({ email: 'not an email' })).status, 400);
  // reject and delete
  await comment({ body: 'à rejeter' });
  const rid = one("SELECT id FROM news_comment WHERE body = 'à rejeter'");
  const a2 = await committee.get('/admin/news');
  await committee.post(`/admin/comments/${rid}`, { csrf: Client.csrf(a2.html), action: 'reject' });
  assert.equal(one(`SELECT status FROM news_comment WHERE id = ${rid}`), 'rejected');
  await committee.post(`/admin/comments/${rid}`, { csrf: Client.csrf(a2.html), action: 'delete' });
  assert.equal(one(`SELECT count(*) FROM news_comment WHERE id = ${rid}`), '0');
});

test('without moderation a comment shows at once', async () => {
  sqlite(srv.db, 'DELETE FROM news_comment');
  const page = await committee.get('/admin/programme');
  await committee.post('/admin/programme/settings', { csrf: Client.csrf(page.html), opens: '10:00', closes: '20:00' });
  assert.equal(one('SELECT moderate FROM prog_setting ORDER BY edition_id LIMIT 1'), '0');
  const r = await comment({ name: 'Zineb', body: 'Publié tout de suite' });
  assert.match(r.headers.get('location'), /sent=approved/);
  assert.match(await (await fetch(`${srv.base}/news/${post}`)).text(), /Publié tout de suite/);
  await committee.post('/admin/programme/settings', { csrf: Client.csrf(page.html), opens: '10:00', closes: '20:00', moderate: '1' });
});

test('the committee publishes a post with a picture; the public reads it in its language', async () => {
  const list = await committee.get('/admin/news');
  const r = await committee.post('/admin/news', {
    csrf: Client.csrf(list.html), title_ar: 'خبر', title_fr: 'Une actualité', title_en: 'A news post',
    body_ar: 'نص', body_fr: 'Premier paragraphe.\n\nSecond <b>paragraphe</b>.', body_en: 'Text', published: '1',
  });
  assert.equal(r.status, 303);
  const id = r.headers.get('location').match(/\/admin\/news\/(\d+)/)[1];
  const png = readFileSync(`${ROOT}/static/favicon.svg`); // not a picture: refused
  const fd = new FormData();
  const edit = await committee.get(`/admin/news/${id}`);
  fd.set('csrf', Client.csrf(edit.html));
  fd.set('picture', new Blob([png], { type: 'image/png' }), 'x.png');
  const bad = await fetch(`${srv.base}/admin/news/${id}/picture`, { method: 'POST', body: fd, redirect: 'manual', headers: { cookie: committee.cookie(), origin: srv.base } });
  assert.equal(bad.status, 400);
  // a real PNG (1x1) made here
  const onePx = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const fd2 = new FormData();
  fd2.set('csrf', Client.csrf(edit.html));
  fd2.set('picture', new Blob([onePx], { type: 'image/png' }), 'x.png');
  const ok = await fetch(`${srv.base}/admin/news/${id}/picture`, { method: 'POST', body: fd2, redirect: 'manual', headers: { cookie: committee.cookie(), origin: srv.base } });
  assert.equal(ok.status, 303);
  const page = await (await fetch(`${srv.base}/news/${id}?lang=fr`)).text();
  assert.match(page, /<h1><bdi>Une actualité<\/bdi><\/h1>/);
  assert.match(page, /<p dir="auto">Second &lt;b&gt;paragraphe&lt;\/b&gt;\.<\/p>/);
  assert.match(page, new RegExp(`<img class="post-picture" src="/news/${id}/picture.jpg"`));
  const pic = await fetch(`${srv.base}/news/${id}/picture.jpg`);
  assert.equal(pic.status, 200);
  assert.equal(pic.headers.get('content-type'), 'image/jpeg');
  const bytes = Buffer.from(await pic.arrayBuffer());
  assert.equal(bytes[0], 0xff);
  assert.equal(bytes[1], 0xd8);
  // a draft is not public
  const draft = await committee.post('/admin/news', { csrf: Client.csrf(list.html), title_fr: 'Brouillon caché', body_fr: 'x' });
  const did = draft.headers.get('location').match(/\/admin\/news\/(\d+)/)[1];
  assert.equal((await fetch(`${srv.base}/news/${did}`)).status, 404);
  assert.doesNotMatch(await (await fetch(`${srv.base}/news?lang=fr`)).text(), /Brouillon caché/);
});
