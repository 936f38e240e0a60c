// prog_mail.test.mjs - the programme's gaps closed in session 4 (issue 15):
// whoever moves up from a waiting list (a cancellation, a capacity raised)
// gets a mail in the language they booked in, with the session, its day,
// hours and space and the address of their booking; the participants
// export as XLSX as well as CSV. SQLite, and PostgreSQL with COOPFAIR_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, sqlite, sqlJson } from './server.mjs';
import { Client } from './prize_helpers.mjs';

const BASE_URL = 'https://fair.example.org';
let srv;
let committee;
before(async () => {
  srv = await startServer({ env: { COOPFAIR_BASE_URL: BASE_URL } });
  committee = new Client(srv.base);
  await committee.signin('committee@example.org', 'demo-committee-2024');
});
after(async () => { await srv?.stop(); });

const one = (q) => sqlite(srv.db, q).trim();
const agora = () => one("SELECT id FROM space WHERE kind = 'agora' AND edition_id = (SELECT id FROM edition WHERE slug = 'fes-meknes-2024')");
const TITLES = { title_ar: 'ورشة التغليف', title_fr: 'Atelier emballage', title_en: 'Packaging workshop' };
const FIELDS = () => ({ kind: 'workshop', space: agora(), ...TITLES, about_ar: '', about_fr: '', about_en: '', starts_at: '2024-02-23T14:00', ends_at: '2024-02-23T15:30', booking: '1' });

async function newSession(capacity) {
  const form = await committee.get('/admin/programme');
  const r = await committee.post('/admin/programme', { csrf: Client.csrf(form.html), ...FIELDS(), capacity: String(capacity) });
  assert.equal(r.status, 303, r.html.slice(0, 300));
  return r.headers.get('location').match(/\/admin\/programme\/(\d+)/)[1];
}

/** book - a visitor reading in lang books a place; their client and booking page. */
async function book(id, lang, name, email, phone = '') {
  const c = new Client(srv.base);
  const form = await c.get(`/programme/${id}?lang=${lang}`);
  assert.equal(form.status, 200);
  const r = await c.post(`/programme/${id}/book`, { csrf: Client.csrf(form.html), name, email, phone });
  assert.equal(r.status, 303, r.html.slice(0, 200));
  return { c, page: r.headers.get('location') };
}

const mails = (emails) => sqlJson(srv.db, `SELECT to_email, subject, body FROM outbox WHERE to_email IN (${emails.map((e) => `'${e}'`).join(', ')}) ORDER BY id`);

test('whoever moves up from the waiting list gets a mail in the language they booked in', async () => {
  const id = await newSession(1);
  const holder = await book(id, 'fr', 'Nadia Holder', 'nadia.holder@example.org');
  await book(id, 'ar', 'فاطمة الزهراء', 'fz.wait@example.org');
  await book(id, 'en', 'Phone Only', '', '0612345678');
  await book(id, 'fr', 'Sophie Attente', 'sophie.wait@example.org');
  const who = ['nadia.holder@example.org', 'fz.wait@example.org', 'sophie.wait@example.org'];
  assert.equal(mails(who).length, 0, 'booking and waiting send no mail');
  assert.deepEqual(sqlJson(srv.db, `SELECT name, lang, status FROM prog_booking WHERE session_id = ${id} ORDER BY id`).map((b) => `${b.lang} ${b.status}`),
    ['fr booked', 'ar waiting', 'en waiting', 'fr waiting'], 'each booking keeps its language');

  // the holder cancels: the first waiting (Arabic) moves up and is told in Arabic
  const page = await holder.c.get(holder.page);
  assert.equal((await holder.c.post(holder.page, { csrf: Client.csrf(page.html) })).status, 303);
  let got = mails(who);
  assert.equal(got.length, 1, 'one mail: to the one who got the place');
  const ar = got[0];
  assert.equal(ar.to_email, 'fz.wait@example.org');
  assert.equal(ar.subject, 'مقعد محجوز لكم: ورشة التغليف');
  const token = one(`SELECT token FROM prog_booking WHERE email = 'fz.wait@example.org'`);
  const space = one(`SELECT name_ar FROM space WHERE id = ${agora()}`);
  for (const w of ['مرحبا فاطمة الزهراء', 'المقعد الآن لكم', 'ورشة التغليف', 'الموعد: 23/02/2024، من 14:00 إلى 15:30 (بتوقيت المغرب)',
    `المكان: ${space}`, 'المعرض: ', `${BASE_URL}/booking/${token}`])
    assert.ok(ar.body.includes(w), `Arabic mail holds «${w}»:\n${ar.body}`);
  assert.doesNotMatch(ar.body, /Atelier|Packaging|[Pp]lace/, 'nothing in another language');

  // two more places: the phone-only booking moves up without a mail, the French one with one
  const edit = await committee.get(`/admin/programme/${id}`);
  const r = await committee.post(`/admin/programme/${id}`, { csrf: Client.csrf(edit.html), ...FIELDS(), capacity: '3' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT count(*) FROM prog_booking WHERE session_id = ${id} AND status = 'booked'`), '3');
  got = mails(who);
  assert.equal(got.length, 2, 'one more mail: the phone-only booking has no address');
  const fr = got[1];
  assert.equal(fr.to_email, 'sophie.wait@example.org');
  assert.equal(fr.subject, 'Une place est à vous\u202f: Atelier emballage');
  const ftoken = one(`SELECT token FROM prog_booking WHERE email = 'sophie.wait@example.org'`);
  for (const w of ['Bonjour Sophie Attente,', 'Atelier emballage', 'Quand\u202f: 23/02/2024, de 14:00 à 15:30 (heure du Maroc)',
    'Où\u202f: Agora', `${BASE_URL}/booking/${ftoken}`, 'merci d’annuler'])
    assert.ok(fr.body.includes(w), `French mail holds «${w}»:\n${fr.body}`);
  // the organiser reads both in the outbox
  const box = await committee.get('/admin/outbox?lang=fr');
  assert.ok(box.html.includes('Une place est à vous\u202f: Atelier emballage'));
});

test('without a site address the mail says where the booking is shown', async () => {
  const s2 = await startServer({ env: { COOPFAIR_BASE_URL: '' } });
  try {
    const c = new Client(s2.base);
    await c.signin('committee@example.org', 'demo-committee-2024');
    const sp = s2.sql("SELECT id FROM space WHERE kind = 'agora' LIMIT 1");
    const form = await c.get('/admin/programme');
    const r = await c.post('/admin/programme', { csrf: Client.csrf(form.html), ...FIELDS(), space: sp, capacity: '1' });
    const id = r.headers.get('location').match(/\/admin\/programme\/(\d+)/)[1];
    const a = new Client(s2.base);
    let f = await a.get(`/programme/${id}?lang=en`);
    const ra = await a.post(`/programme/${id}/book`, { csrf: Client.csrf(f.html), name: 'A', email: 'a.first@example.org', phone: '' });
    const b = new Client(s2.base);
    f = await b.get(`/programme/${id}?lang=en`);
    await b.post(`/programme/${id}/book`, { csrf: Client.csrf(f.html), name: 'B', email: 'b.second@example.org', phone: '' });
    const p = await a.get(ra.headers.get('location'));
    await a.post(ra.headers.get('location'), { csrf: Client.csrf(p.html) });
    const [m] = sqlJson(s2.db, "SELECT subject, body FROM outbox WHERE to_email = 'b.second@example.org'");
    assert.equal(m.subject, 'A place is yours: Packaging workshop');
    assert.match(m.body, /The page you were given when you booked shows your booking/);
    assert.doesNotMatch(m.body, /http/);
  } finally {
    await s2.stop();
  }
});

test('the participants export as XLSX as well as CSV, for organisers only', async () => {
  const id = await newSession(1);
  await book(id, 'fr', 'Khadija Export', 'khadija.export@example.org');
  await book(id, 'fr', 'Leila Export', '', '0611111111');
  const page = await committee.get(`/admin/programme/${id}?lang=fr`);
  assert.ok(page.html.includes(`href="/admin/programme/${id}/participants.xlsx"`), 'the page links the XLSX');
  const r = await fetch(`${srv.base}/admin/programme/${id}/participants.xlsx?lang=fr`, { headers: { cookie: committee.cookie() } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.match(r.headers.get('content-disposition'), new RegExp(`participants-${id}\\.xlsx`));
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip (XLSX)');
  const f = join(srv.dir, `participants-${id}.xlsx`);
  writeFileSync(f, bytes);
  const strings = execFileSync('unzip', ['-p', f], { encoding: 'utf8' }); // every part: strings are inline or shared
  for (const w of ['Nom', 'Téléphone', 'Khadija Export', 'khadija.export@example.org', 'Leila Export', '0611111111', 'booked', 'waiting 1'])
    assert.ok(strings.includes(w), `the workbook holds ${w}`);
  const anon = await fetch(`${srv.base}/admin/programme/${id}/participants.xlsx`, { redirect: 'manual' });
  assert.equal(anon.status, 303, 'anonymous: sent to sign in');
  const ex = new Client(srv.base);
  await ex.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  assert.equal((await ex.get(`/admin/programme/${id}/participants.xlsx`)).status, 403, 'an exhibitor may not');
});
