// catalog.test.mjs - the exhibitors' catalogue (issue 18): the demo's sample
// profiles and photos, the catalogue PDF (every exhibitor once, with its
// stand), the cooperative's profile form (private by default, preview,
// save, checks), the search over products, the committee's hiding of a
// photo (audited, reason mailed), and the stand card's QR address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, get, sqliteRows, sqlJson } from './server.mjs';
import { Client } from './accounts_helpers.mjs';

const BASE_URL = 'https://fair.example.org';
let srv;
let dir;
before(async () => {
  srv = await startServer({ env: { COOPFAIR_BASE_URL: BASE_URL } });
  dir = mkdtempSync(join(tmpdir(), 'catalog-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await srv.stop();
});

const one = (sql) => (sqliteRows(srv.db, sql)[0] || [])[0];

async function savePdf(path, name) {
  const r = await fetch(srv.base + path);
  assert.equal(r.status, 200, path);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  return file;
}

/* The pages' text, whitespace folded to one space (a long name may wrap). */
function pagesText(file) {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .split('\f').map((p) => p.replace(/\s+/g, ' '));
}

function exhibitors() {
  return sqliteRows(srv.db, "SELECT x.id, c.name_fr, coalesce(s.code, '') FROM exhibitor x "
    + 'JOIN cooperative c ON c.id = x.cooperative_id LEFT JOIN stand s ON s.id = x.stand_id ORDER BY x.id');
}

test('every demo exhibitor has a sample profile with a sample photo, served to the public', async () => {
  const n = Number(one('SELECT count(*) FROM exhibitor'));
  assert.equal(n, 80);
  assert.equal(Number(one('SELECT count(*) FROM catalog_profile WHERE is_sample = 1')), 80);
  assert.equal(Number(one('SELECT count(DISTINCT cooperative_id) FROM catalog_photo WHERE hidden = 0')), 80);
  const [id, photo] = sqliteRows(srv.db, 'SELECT x.id, p.photo_id FROM exhibitor x JOIN catalog_photo p '
    + 'ON p.cooperative_id = x.cooperative_id ORDER BY x.id, p.position LIMIT 1')[0];
  const page = await get(srv.base, `/exhibitors/${id}?lang=fr`);
  assert.equal(page.status, 200);
  assert.match(page.html, new RegExp(`<img src="/catalog/photos/${photo}"`));
  assert.match(page.html, /\(exemple\)/, 'the sample presentation says it is one');
  const img = await fetch(`${srv.base}/catalog/photos/${photo}`);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  const bytes = Buffer.from(await img.arrayBuffer());
  assert.equal(bytes[0], 0xff);
  assert.equal(bytes[1], 0xd8);
  // an uploaded photo no profile chose is not public
  const unchosen = one('SELECT max(id) + 1 FROM application_photo');
  assert.equal((await fetch(`${srv.base}/catalog/photos/${unchosen}`)).status, 404);
});

for (const size of ['a4', 'a5']) {
  test(`the demo catalogue PDF (${size}) renders, and every exhibitor appears once with its stand`, async () => {
    const file = await savePdf(`/catalogue.pdf?size=${size}`, `catalogue-${size}.pdf`);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, size === 'a4' ? /Page size:\s+595(\.\d+)? x 842/ : /Page size:\s+420(\.\d+)? x 595/);
    const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
    assert.ok(pages >= (size === 'a4' ? 22 : 29), `${pages} pages`);
    // every page converts to an image
    const out = join(dir, `pg-${size}`);
    execFileSync('pdftoppm', ['-png', '-r', '12', file, out]);
    assert.equal(readdirSync(dir).filter((f) => f.startsWith(`pg-${size}`) && f.endsWith('.png')).length, pages);
    const text = pagesText(file);
    assert.match(text[0], /Catalogue des exposants/);
    assert.match(text[0], /Partenaires/);
    assert.match(text[1], /Sommaire/);
    assert.ok(text.slice(2).some((p) => /Index par préfecture ou province/.test(p)), 'the index by province');
    const list = exhibitors();
    assert.equal(list.length, 80);
    for (const [id, name, stand] of list) {
      const where = text.map((p, i) => [i, p.split(name).length - 1]).filter(([, k]) => k > 0);
      assert.equal(where.reduce((s, [, k]) => s + k, 0), 1, `${name} (${id}) appears once`);
      assert.ok(stand, `${name} has a stand in the demo`);
      assert.match(text[where[0][0]], new RegExp(`Stand\\s*:\\s*${stand}\\b`), `${name}'s block names stand ${stand}`);
    }
  });
}

test('the catalogue of an unknown or draft edition is a 404', async () => {
  assert.equal((await get(srv.base, '/catalogue.pdf?edition=nope-2031')).status, 404);
});

async function exhibitorClient() {
  const c = new Client(srv.base);
  await c.signIn('exhibitor@example.org', 'demo-exhibitor-2024');
  return c;
}

function profileForm(csrf, fields, photos) {
  const pairs = [['csrf', csrf]];
  for (const [k, v] of Object.entries(fields)) pairs.push([k, v]);
  for (const p of photos) pairs.push(['photo', String(p)]);
  return pairs;
}

test('contact is private by default; preview saves nothing; save publishes only what is ticked; bad input is refused', async () => {
  const c = await exhibitorClient();
  const coop = one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
  const xid = one(`SELECT id FROM exhibitor WHERE cooperative_id = ${coop}`);
  const photos = sqliteRows(srv.db, `SELECT p.id FROM application_photo p JOIN application a ON a.id = p.application_id WHERE a.cooperative_id = ${coop} ORDER BY p.id`).map((r) => r[0]);
  assert.equal(photos.length, 2);
  const form = await c.get('/my/profile?lang=ar');
  assert.equal(form.status, 200);
  assert.match(form.text, /<html lang="ar" dir="rtl"/);
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const fields = {
    about_ar: 'تعاونية للنسيج', about_fr: 'Tissage', products_ar: 'قَفَاطِينُ مُطَرَّزَةٌ', products_fr: 'Tapis en laine',
    phone: '٠٦١٢٣٤٥٦٧٨', phone_public: '1', whatsapp: '1',
    email: 'private.orders@example.net', web: 'https://example.net/private-page',
  };
  // preview: shown as the public would see it, nothing stored
  const before = one(`SELECT updated_at FROM catalog_profile WHERE cooperative_id = ${coop}`);
  const pv = await c.post('/my/profile?lang=ar', profileForm(csrf, { ...fields, action: 'preview' }, photos));
  assert.equal(pv.status, 200);
  assert.match(pv.text, /class="preview"/);
  assert.match(pv.text, /href="tel:0612345678"/, 'Arabic-Indic digits folded');
  assert.match(pv.text, /href="https:\/\/wa\.me\/212612345678"/);
  assert.doesNotMatch(pv.text.split('class="catalog-form"')[0], /private\.orders|private-page/, 'private fields not in the preview');
  assert.equal(one(`SELECT updated_at FROM catalog_profile WHERE cooperative_id = ${coop}`), before);
  // a bad phone: 422, the input kept, nothing stored
  const bad = await c.post('/my/profile?lang=fr', profileForm(csrf, { ...fields, phone: '06 12 ab', action: 'save' }, photos));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="err-phone"/);
  assert.match(bad.text, /06 12 ab/);
  // someone else's photo: 422
  const other = one(`SELECT p.id FROM application_photo p JOIN application a ON a.id = p.application_id WHERE a.cooperative_id <> ${coop} LIMIT 1`);
  assert.equal((await c.post('/my/profile', profileForm(csrf, { ...fields, action: 'save' }, [other]))).status, 422);
  assert.equal(one(`SELECT updated_at FROM catalog_profile WHERE cooperative_id = ${coop}`), before);
  // save: the phone is public, the email and the page stay private
  const ok = await c.post('/my/profile', profileForm(csrf, { ...fields, action: 'save' }, [photos[1], photos[0]]));
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/my/profile?done=saved');
  assert.deepEqual(sqliteRows(srv.db, `SELECT photo_id FROM catalog_photo WHERE cooperative_id = ${coop} ORDER BY position`).map((r) => r[0]), [photos[1], photos[0]]);
  assert.equal(one(`SELECT action FROM audit WHERE object_id = ${coop} ORDER BY id DESC LIMIT 1`), 'catalog.profile.save');
  const pub = await get(srv.base, `/exhibitors/${xid}?lang=fr`);
  assert.match(pub.html, /href="tel:0612345678"/);
  assert.match(pub.html, /Tapis en laine/);
  assert.doesNotMatch(pub.html, /private\.orders|private-page/);
  assert.match(pub.html, new RegExp(`<img src="/catalog/photos/${photos[1]}"`));
  // the list finds it by a product word typed without diacritics
  const found = await get(srv.base, `/exhibitors?q=${encodeURIComponent('مطرزة')}&lang=ar`);
  assert.match(found.html, new RegExp(`href="/exhibitors/${xid}"`));
  assert.match(found.html, /data-count="1"/);
});

test('the committee hides a photo with a reason: gone from the public at once, audited, mailed to the cooperative', async () => {
  const coop = one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
  const xid = one(`SELECT id FROM exhibitor WHERE cooperative_id = ${coop}`);
  const photo = one(`SELECT photo_id FROM catalog_photo WHERE cooperative_id = ${coop} AND hidden = 0 ORDER BY position LIMIT 1`);
  assert.equal((await fetch(`${srv.base}/catalog/photos/${photo}`)).status, 200);
  // a cooperative cannot reach the committee's page
  const ex = await exhibitorClient();
  assert.equal((await ex.get(`/admin/catalog/${xid}`)).status, 403);
  const c = new Client(srv.base);
  await c.signIn('committee@example.org', 'demo-committee-2024');
  const page = await c.get(`/admin/catalog/${xid}?lang=fr`);
  assert.equal(page.status, 200);
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  // no reason: refused
  assert.equal((await c.post(`/admin/catalog/${xid}/hide`, { csrf, photo, reason: '' })).status, 422);
  const r = await c.post(`/admin/catalog/${xid}/hide`, { csrf, photo, reason: 'Un logo de marque — شعار علامة تجارية' });
  assert.equal(r.status, 303);
  assert.equal((await fetch(`${srv.base}/catalog/photos/${photo}`)).status, 404);
  assert.doesNotMatch((await get(srv.base, `/exhibitors/${xid}`)).html, new RegExp(`/catalog/photos/${photo}"`));
  assert.equal(one(`SELECT action FROM audit WHERE object_id = ${coop} ORDER BY id DESC LIMIT 1`), 'catalog.photo.hide');
  const [{ body: mail }] = sqlJson(srv.db, "SELECT body FROM outbox WHERE to_email = 'exhibitor@example.org' ORDER BY id DESC LIMIT 1");
  assert.match(mail, /شعار علامة تجارية/);
  // the cooperative still sees it, marked, and saving again keeps it hidden
  const mine = await ex.get('/my/profile?lang=en');
  assert.match(mine.text, /hidden by the committee/);
  assert.equal(one(`SELECT hidden FROM catalog_photo WHERE photo_id = ${photo}`), '1');
});

test('a stand card carries the profile\'s address from COOPFAIR_BASE_URL, its stand and names', async () => {
  const [id, name, stand] = exhibitors()[0];
  const file = await savePdf(`/exhibitors/${id}/card.pdf`, 'card.pdf');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Pages:\s+1\b/);
  assert.match(info, /Page size:\s+420(\.\d+)? x 595/);
  const [text] = pagesText(file);
  assert.ok(text.includes(`${BASE_URL}/exhibitors/${id}`), text);
  assert.ok(text.includes(name), name);
  assert.match(text, new RegExp(`Stand\\s+${stand}\\b`));
  assert.equal((await get(srv.base, '/exhibitors/999999/card.pdf')).status, 404);
});

test('the committee builds the catalogue in the background and follows its progress; the public link then serves that build', async () => {
  const c = new Client(srv.base);
  await c.signIn('committee@example.org', 'demo-committee-2024');
  const home = await c.get('/admin/catalog?lang=fr');
  assert.equal(home.status, 200);
  const csrf = home.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  assert.equal((await c.post('/admin/catalog/build', { csrf, size: 'a3' })).status, 400);
  const r = await c.post('/admin/catalog/build', { csrf, size: 'a5' });
  assert.equal(r.status, 303);
  const id = r.location.match(/^\/admin\/catalog\/build\/(\d+)$/)[1];
  // the progress page refreshes itself while the build runs, and stops once done
  let page;
  const seen = new Set();
  for (let i = 0; i < 300; i++) {
    page = await c.get(`/admin/catalog/build/${id}?lang=fr`);
    assert.equal(page.status, 200);
    const state = page.text.match(/class="build-(\w+)"/)[1];
    seen.add(state);
    if (state !== 'running') break;
    assert.equal(page.headers.get('refresh'), '2');
    assert.match(page.text, /<progress max="\d+" value="\d+">/);
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.match(page.text, /class="build-done"/);
  assert.equal(page.headers.get('refresh'), null);
  assert.match(page.text, /<progress max="80" value="80">/);
  assert.deepEqual(sqliteRows(srv.db, `SELECT done, total FROM catalog_build WHERE id = ${id}`)[0], ['80', '80']);
  assert.equal(one(`SELECT action FROM audit WHERE action = 'catalog.build' ORDER BY id DESC LIMIT 1`), 'catalog.build');
  const built = await fetch(`${srv.base}/admin/catalog/build/${id}/catalogue.pdf`, { headers: { Cookie: c.cookieHeader() } });
  assert.equal(built.status, 200);
  const bytes = Buffer.from(await built.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  // the public A5 link serves exactly that build now
  const pub = Buffer.from(await (await fetch(`${srv.base}/catalogue.pdf?size=a5`)).arrayBuffer());
  assert.ok(pub.equals(bytes), 'the public catalogue is the latest build');
  // a visitor cannot reach the build
  assert.equal((await get(srv.base, `/admin/catalog/build/${id}/catalogue.pdf`)).status, 303);
});

test('a build whose server stopped (still running after ten minutes) shows as failed, and its page stops refreshing', async () => {
  sqliteRows(srv.db, "INSERT INTO catalog_build (edition_id, size, state, done, total, started_at) "
    + "SELECT id, 'a4', 'running', 10, 80, '2024-02-10T10:00:00Z' FROM edition WHERE slug = 'fes-meknes-2024'");
  const id = one("SELECT max(id) FROM catalog_build WHERE state = 'running'");
  const c = new Client(srv.base);
  await c.signIn('committee@example.org', 'demo-committee-2024');
  const page = await c.get(`/admin/catalog/build/${id}?lang=en`);
  assert.equal(page.status, 200);
  assert.match(page.text, /class="build-failed"/);
  assert.equal(page.headers.get('refresh'), null);
  assert.equal((await c.get(`/admin/catalog/build/${id}/catalogue.pdf`)).status, 404);
});
