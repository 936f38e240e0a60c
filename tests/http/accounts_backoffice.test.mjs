// The committee's back office, black-box: forms validate and re-show input,
// every change is audited with before and after, logos are checked from
// their bytes, invitations and resets are one-time links through the
// outbox, accounts and roles are managed without letting the committee
// raise itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { BIN, Client, DEMO, formFields, sql, startServer } from './accounts_helpers.mjs';
import { coopfair, sqlite } from './server.mjs';

let srv, committee;
before(async () => {
  srv = await startServer();
  committee = new Client(srv.base);
  await committee.signIn(...DEMO.committee);
});
after(async () => { await srv?.stop(); });

async function editionForm(c, lang = 'en') {
  const page = await c.get('/admin/editions/1', { lang });
  assert.equal(page.status, 200);
  return formFields(page.text, '/admin/editions/1');
}

test('the edition form refuses bad values field by field, keeps the input, saves nothing', async () => {
  const before = sql(srv.db, 'SELECT name_fr, starts_on, ends_on, area_m2 FROM edition WHERE id = 1');
  const f = await editionForm(committee);
  const typed = 'Un nom <b>à garder</b>';
  const r = await committee.post('/admin/editions/1', {
    ...f, name_fr: '', slogan_fr: typed, starts_on: '2024-02-30', area_m2: '12x', stands_planned: '-3',
  });
  assert.equal(r.status, 400);
  assert.match(r.text, /4 fields need your attention; nothing was saved\./);
  assert.match(r.text, /id="f-name_fr-err">This field is required\./);
  assert.match(r.text, /id="f-starts_on-err">Enter a real date/);
  assert.match(r.text, /id="f-area_m2-err">Enter a whole number/);
  assert.match(r.text, /id="f-stands_planned-err">Enter a number from 0 to 10000\./);
  assert.ok(r.text.includes('Un nom &lt;b&gt;à garder&lt;/b&gt;</textarea>'), 'typed slogan re-shown, escaped');
  assert.ok(r.text.includes('value="12x"'), 'typed area re-shown');
  assert.deepEqual(sql(srv.db, 'SELECT name_fr, starts_on, ends_on, area_m2 FROM edition WHERE id = 1'), before);
});

test('the edition form checks that the dates are in order and the counts agree', async () => {
  const f = await editionForm(committee);
  const r = await committee.post('/admin/editions/1', {
    ...f, starts_on: '2024-02-24', ends_on: '2024-02-20', exhibitors_planned: '10', outside_region_planned: '11',
  });
  assert.equal(r.status, 400);
  assert.match(r.text, /The last day must be on or after the first day\./);
  assert.match(r.text, /more exhibitors from outside the region than exhibitors/);
});

test('the edition form answers in the user\'s language', async () => {
  const f = await editionForm(committee, 'fr');
  const fr = await committee.post('/admin/editions/1', { ...f, name_ar: '' }, { lang: 'fr' });
  assert.equal(fr.status, 400);
  assert.match(fr.text, /Ce champ est obligatoire\./);
  const ar = await committee.post('/admin/editions/1', { ...f, name_ar: '' }, { lang: 'ar' });
  assert.match(ar.text, /هذا الحقل إلزامي\./);
});

test('saving the edition is audited with before and after, and filterable', async () => {
  const f = await editionForm(committee);
  const slogan = 'شعار للاختبار ' + Date.now();
  const r = await committee.post('/admin/editions/1', { ...f, slogan_ar: slogan });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/editions/1?done=saved');
  const [row] = sql(srv.db, "SELECT a.action, u.email, a.before_json, a.after_json FROM audit a JOIN account u ON u.id = a.account_id WHERE a.object_type = 'edition' ORDER BY a.id DESC LIMIT 1");
  assert.equal(row[0], 'edition.update');
  assert.equal(row[1], DEMO.committee[0]);
  assert.equal(JSON.parse(row[3]).slogan_ar, slogan);
  assert.notEqual(JSON.parse(row[2]).slogan_ar, slogan);
  const home = await new Client(srv.base).get('/', { lang: 'ar' });
  assert.ok(home.text.includes(slogan));
  const log = await committee.get('/admin/audit?type=edition&object=1');
  assert.ok(log.text.includes(slogan));
  const uid = sql(srv.db, `SELECT id FROM account WHERE email = '${DEMO.committee[0]}'`)[0][0];
  const byUser = await committee.get(`/admin/audit?user=${uid}`);
  assert.match(byUser.text, /changed an edition/); // the action in words (issue 10)
  const byOther = await committee.get('/admin/audit?type=space');
  assert.ok(!byOther.text.includes(slogan));
});

test('spaces, categories and organisations are created, edited and deleted with validation', async () => {
  const list = await committee.get('/admin/editions/1/categories');
  const f = formFields(list.text, '/admin/editions/1/categories');
  const bad = await committee.post('/admin/editions/1/categories', { ...f, code: 'Bad Code', name_ar: 'x' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Use only lowercase Latin letters, digits and hyphens\./);
  const ok = await committee.post('/admin/editions/1/categories',
    { ...f, code: 'test-cat', name_ar: 'فئة', name_fr: 'Catégorie test', name_en: 'Test category', position: '9' });
  assert.equal(ok.status, 303);
  const [[id]] = sql(srv.db, "SELECT id FROM category WHERE code = 'test-cat'");
  const dup = await committee.post('/admin/editions/1/categories',
    { ...f, code: 'test-cat', name_ar: 'فئة', name_fr: 'Doublon', name_en: 'Dup', position: '9' });
  assert.equal(dup.status, 409);
  const del = await committee.post(`/admin/categories/${id}/delete`, { csrf: f.csrf });
  assert.equal(del.status, 303);
  assert.equal(sql(srv.db, "SELECT count(*) FROM category WHERE code = 'test-cat'")[0][0], '0');
  // A category with exhibitors cannot go.
  const used = await committee.post('/admin/categories/1/delete', { csrf: f.csrf });
  assert.equal(used.status, 409);
  const actions = sql(srv.db, `SELECT action FROM audit WHERE object_type = 'category' AND object_id = ${id} ORDER BY id`).map((x) => x[0]);
  assert.deepEqual(actions, ['category.create', 'category.delete']);
});

function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const t = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(t));
    return Buffer.concat([len, t, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

async function upload(c, org, name, type, bytes) {
  const token = await c.csrf(`/admin/organisations/${org}`);
  const fd = new FormData();
  fd.append('csrf', token);
  fd.append('logo', new Blob([bytes], { type }), name);
  const res = await fetch(`${c.base}/admin/organisations/${org}/logo`, {
    method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: c.cookieHeader(), 'Accept-Language': 'en' },
  });
  return { status: res.status, text: await res.text() };
}

test('a logo is taken from its bytes: PNG kept and served safely, SVG and big files refused', async () => {
  const image = png();
  const ok = await upload(committee, 1, 'logo.png', 'image/png', image);
  assert.equal(ok.status, 303);
  const served = await fetch(`${srv.base}/logos/1`);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), image);
  const home = await new Client(srv.base).get('/');
  assert.ok(home.text.includes('<img class="logo" src="/logos/1" alt="">'), 'the logo shows on the home page');
  assert.ok(!home.text.includes('src="/logos/2"'), 'no image for an organisation without a logo');
  const svg = await upload(committee, 2, 'logo.png', 'image/png',
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
  assert.equal(svg.status, 400);
  assert.match(svg.text, /not a PNG or JPEG image/);
  const html = await upload(committee, 2, 'logo.jpg', 'image/jpeg', Buffer.from('<html><script>x</script></html>'));
  assert.equal(html.status, 400);
  const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(600 * 1024, 1), Buffer.from([0xff, 0xd9])]);
  const tooBig = await upload(committee, 2, 'big.jpg', 'image/jpeg', big);
  assert.equal(tooBig.status, 413);
  assert.equal((await fetch(`${srv.base}/logos/2`)).status, 404);
});

test('an invitation is a one-time link through the outbox that makes an exhibitor account', async () => {
  const page = await committee.get('/admin/invite');
  const f = formFields(page.text, '/admin/invite');
  const r = await committee.post('/admin/invite', { ...f, email: 'invited@example.org', name: 'Amina', cooperative_id: '5' });
  assert.equal(r.status, 200);
  const [[body]] = sql(srv.db, "SELECT body FROM outbox WHERE to_email = 'invited@example.org'");
  const link = body.match(/\/invite\/[0-9a-f]{64}/)[0];
  assert.ok(r.text.includes(link), 'the link is shown to the committee');
  assert.match(sql(srv.db, "SELECT token_hash FROM account_token WHERE kind = 'invite'")[0][0], /^[0-9a-f]{64}$/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM account_token WHERE token_hash = '${link.slice(8)}'`)[0][0], '0', 'token stored hashed');
  const box = await committee.get('/admin/outbox');
  assert.ok(box.text.includes(link));

  const person = new Client(srv.base);
  const form = await person.get(link);
  assert.equal(form.status, 200);
  assert.ok(form.text.includes('invited@example.org'));
  const ff = formFields(form.text, link);
  const mismatch = await person.post(link, { ...ff, password: 'a-good-password', password2: 'another-password' });
  assert.equal(mismatch.status, 400);
  const done = await person.post(link, { ...ff, password: 'a-good-password', password2: 'a-good-password' });
  assert.equal(done.status, 303);
  assert.equal((await person.get('/admin')).status, 403, 'an exhibitor cannot open the back office');
  assert.equal((await new Client(srv.base).get(link)).status, 404, 'the link works once');
  const again = new Client(srv.base);
  await again.signIn('invited@example.org', 'a-good-password');
  const [[roles, coop]] = sql(srv.db, "SELECT group_concat(r.role), a.cooperative_id FROM account a JOIN account_role r ON r.account_id = a.id WHERE a.email = 'invited@example.org' GROUP BY a.id");
  assert.equal(roles, 'exhibitor');
  assert.equal(coop, '5');
  // An email that has a password already cannot be invited.
  const taken = await committee.post('/admin/invite', { ...f, email: DEMO.jury[0], cooperative_id: '5' });
  assert.equal(taken.status, 409);
});

test('a password reset answers the same for any email and works once', async () => {
  const anon = new Client(srv.base);
  const token = await anon.csrf('/forgot');
  const a = await anon.post('/forgot', { csrf: token, email: DEMO.desk[0] });
  const b = await anon.post('/forgot', { csrf: token, email: 'nobody-here@example.org' });
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  const strip = (t) => t.replace(/name="csrf" value="[0-9a-f]+"/g, '');
  assert.equal(strip(a.text), strip(b.text));
  // The mail sender makes the links of real accounts (issue 8: /forgot does the same work for any email).
  coopfair(srv.db, 'outbox', 'send', '--sendmail', 'cat >/dev/null; false'); // makes the links; the mail stays waiting
  assert.equal(sql(srv.db, "SELECT count(*) FROM outbox WHERE to_email = 'nobody-here@example.org'")[0][0], '0');
  const [[body]] = sql(srv.db, `SELECT body FROM outbox WHERE to_email = '${DEMO.desk[0]}' ORDER BY id DESC LIMIT 1`);
  const link = body.match(/\/reset\/[0-9a-f]{64}/)[0];
  const form = await anon.get(link);
  const f = formFields(form.text, link);
  const short = await anon.post(link, { ...f, password: 'short', password2: 'short' });
  assert.equal(short.status, 400);
  assert.match(short.text, /at least 10 characters/);
  assert.equal((await anon.post(link, { ...f, password: 'desk-new-password', password2: 'desk-new-password' })).status, 303);
  assert.equal((await anon.get(link)).status, 404);
  const old = new Client(srv.base);
  await assert.rejects(old.signIn(...DEMO.desk));
  await new Client(srv.base).signIn(DEMO.desk[0], 'desk-new-password');
});

test('nobody reads a reset link sent to an administrator in the outbox, and the committee cannot grant admin', async () => {
  const anon = new Client(srv.base);
  const token = await anon.csrf('/forgot');
  await anon.post('/forgot', { csrf: token, email: DEMO.admin[0] });
  coopfair(srv.db, 'outbox', 'send', '--sendmail', 'cat >/dev/null; false'); // makes the links; the mail stays waiting
  const [[body]] = sql(srv.db, `SELECT body FROM outbox WHERE to_email = '${DEMO.admin[0]}' ORDER BY id DESC LIMIT 1`);
  const link = body.match(/\/reset\/[0-9a-f]{64}/)[0];
  assert.ok(!(await committee.get('/admin/outbox')).text.includes(link));
  const admin = new Client(srv.base);
  await admin.signIn(...DEMO.admin);
  assert.ok(!(await admin.get('/admin/outbox')).text.includes(link));

  const [[juryId]] = sql(srv.db, `SELECT id FROM account WHERE email = '${DEMO.jury[0]}'`);
  const csrf = await committee.csrf(`/admin/accounts/${juryId}`);
  const grant = await committee.post(`/admin/accounts/${juryId}/grant`, { csrf, role: 'admin', edition: '0' });
  assert.equal(grant.status, 403);
  const ok = await committee.post(`/admin/accounts/${juryId}/grant`, { csrf, role: 'desk', edition: '1' });
  assert.equal(ok.status, 303);
  assert.equal(sql(srv.db, `SELECT count(*) FROM account_role WHERE account_id = ${juryId} AND role = 'desk' AND edition_id = 1`)[0][0], '1');
  const rev = await committee.post(`/admin/accounts/${juryId}/revoke`, { csrf, role: 'desk', edition: '1' });
  assert.equal(rev.status, 303);
  const [[adminId]] = sql(srv.db, `SELECT id FROM account WHERE email = '${DEMO.admin[0]}'`);
  assert.equal((await committee.post(`/admin/accounts/${adminId}/disable`, { csrf })).status, 403);
});

test('disabling an account ends its sessions; enabling lets it back', async () => {
  const jury = new Client(srv.base);
  await jury.signIn(...DEMO.jury);
  assert.match((await jury.get('/')).text, /Sign out/);
  const [[juryId]] = sql(srv.db, `SELECT id FROM account WHERE email = '${DEMO.jury[0]}'`);
  const csrf = await committee.csrf(`/admin/accounts/${juryId}`);
  assert.equal((await committee.post(`/admin/accounts/${juryId}/disable`, { csrf })).status, 303);
  assert.doesNotMatch((await jury.get('/')).text, /Sign out/);
  await assert.rejects(new Client(srv.base).signIn(...DEMO.jury));
  assert.equal((await committee.post(`/admin/accounts/${juryId}/enable`, { csrf })).status, 303);
  await new Client(srv.base).signIn(...DEMO.jury);
  const acts = sql(srv.db, `SELECT action FROM audit WHERE object_type = 'account' AND object_id = ${juryId} ORDER BY id`).map((x) => x[0]);
  assert.ok(acts.includes('account.disable') && acts.includes('account.enable'));
});

test('coopfair outbox send pipes waiting messages into the sendmail command', () => {
  const out = join(srv.dir, 'mail.txt');
  const waiting = Number(sql(srv.db, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL')[0][0]);
  assert.ok(waiting > 0);
  const res = execFileSync(BIN, ['--db', srv.db, 'outbox', 'send', '--sendmail', `cat >> '${out}'`], { encoding: 'utf8' });
  assert.match(res, new RegExp(`${waiting} messages? sent, 0 failed`));
  const mail = readFileSync(out, 'utf8');
  assert.match(mail, /^To: invited@example\.org$/m);
  assert.match(mail, /^Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/m);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL')[0][0], '0');
  let failed = null;
  try { execFileSync(BIN, ['--db', srv.db, 'outbox', 'send'], { stdio: 'pipe', env: { ...process.env, COOPFAIR_SENDMAIL: '' } }); } catch (e) { failed = e.status; }
  assert.equal(failed, 2, 'no sender configured: a clear refusal');
});

test('a new edition is created from its form, audited, and its short name is unique', async () => {
  const page = await committee.get('/admin/editions/new');
  assert.equal(page.status, 200);
  const f = formFields(page.text, '/admin/editions');
  delete f.is_public; // unpublished: the public site keeps showing the demo edition
  const fields = {
    ...f, slug: 'fes-meknes-2025', number: '2', name_ar: 'المعرض الثاني', name_fr: 'Deuxième salon', name_en: 'Second fair',
    city_ar: 'مكناس', city_fr: 'Meknès', city_en: 'Meknes', region_id: '3', starts_on: '2025-03-10', ends_on: '2025-03-14',
    area_m2: '2000', stands_planned: '50', exhibitors_planned: '100', outside_region_planned: '10',
  };
  const r = await committee.post('/admin/editions', fields);
  assert.equal(r.status, 303);
  const [[id, pub]] = sql(srv.db, "SELECT id, is_public FROM edition WHERE slug = 'fes-meknes-2025'");
  assert.equal(pub, '0');
  assert.equal(r.location, `/admin/editions/${id}?done=created`);
  assert.equal(sql(srv.db, `SELECT action FROM audit WHERE object_type = 'edition' AND object_id = ${id}`)[0][0], 'edition.create');
  const dup = await committee.post('/admin/editions', fields);
  assert.equal(dup.status, 409);
  assert.match(dup.text, /id="f-slug-err">Another edition already has this short name\./);
  const home = await new Client(srv.base).get('/', { lang: 'fr' });
  assert.ok(!home.text.includes('Deuxième salon'));
});

test('the audit log is paginated, 50 a page, newest first, filters kept across pages', async () => {
  sqlite(srv.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
    INSERT INTO audit (account_id, action, object_type, object_id, before_json, after_json)
    SELECT NULL, 'space.update', 'space', 1, '{"name_fr":"avant ' || i || '"}', '{"name_fr":"après ' || i || '"}' FROM n`);
  // the shared list of issue 10: a table, pages linked by number
  const first = await committee.get('/admin/audit?type=space&object=1');
  assert.match(first.text, /<span aria-current="page">1<\/span>/);
  assert.match(first.text, /<a href="[^"]*page=3">3<\/a>/);
  assert.ok(first.text.includes('après 120<') && !first.text.includes('après 70<'), 'newest first');
  const next = first.text.match(/<a rel="next" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(next, /type=space&object=1&page=2$/);
  const second = await committee.get(next);
  assert.match(second.text, /<span aria-current="page">2<\/span>/);
  assert.ok(second.text.includes('après 70<') && second.text.includes('avant 70 '));
  const body = second.text.match(/<tbody>([\s\S]*?)<\/tbody>/)[1];
  assert.equal((body.match(/<tr>/g) || []).length, 50);
  assert.equal((await committee.get('/admin/audit?type=space&object=1&page=4')).status, 404);
});

test('lengths are counted in characters, so Arabic gets the same room as Latin', async () => {
  const f = await editionForm(committee);
  const ok = await committee.post('/admin/editions/1', { ...f, name_ar: 'م'.repeat(300) });
  assert.equal(ok.status, 303);
  const long = await committee.post('/admin/editions/1', { ...f, name_ar: 'م'.repeat(301) });
  assert.equal(long.status, 400);
  assert.match(long.text, /id="f-name_ar-err">This is too long: at most 300 characters\./);
  const bidi = await committee.post('/admin/editions/1', { ...f, name_fr: 'Salon \u202Eesrever' });
  assert.equal(bidi.status, 400);
  assert.match(bidi.text, /id="f-name_fr-err">This contains characters that are not allowed/);
  assert.equal((await committee.post('/admin/editions/1', f)).status, 303);
});

test('the dashboard links to every organiser area, each opens, labels in the user\'s language', async () => {
  const routes = execFileSync(BIN, ['routes'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split('\t'));
  // every GET page of the back office without an id in it (index pages of each area)
  const areas = routes.filter(([m, p]) => m === 'GET' && p.startsWith('/admin/') && !p.includes('{')
    && !/\.(pdf|csv|xlsx)$|\/new$|\/export$/.test(p)).map(([, p]) => p);
  for (const want of ['/admin/registry', '/admin/registry/import', '/admin/applications', '/admin/selection',
    '/admin/prize', '/admin/outbox', '/admin/audit', '/admin/accounts']) assert.ok(areas.includes(want), want);
  const en = await committee.get('/admin');
  assert.equal(en.status, 200);
  for (const p of areas) {
    assert.ok(en.text.includes(`href="${p}"`), `/admin links to ${p}`);
    assert.equal((await committee.get(p)).status, 200, `${p} opens`);
  }
  const labels = { en: ['Registry of cooperatives', 'Selection of exhibitors', 'Accounts, mail and audit'],
    fr: ['Sélection des exposants', 'Coopératives et candidatures'], ar: ['انتقاء العارضين', 'التعاونيات وطلبات المشاركة'] };
  for (const [lang, want] of Object.entries(labels)) {
    const page = await committee.get('/admin', { lang });
    for (const w of want) assert.ok(page.text.includes(w), `${lang}: ${w}`);
  }
});
