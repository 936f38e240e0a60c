// b2b.test.mjs - cancelling an accepted B2B meeting (issue 16), on SQLite and
// on PostgreSQL (COOPFAIR_TEST_PG): either side cancels with a reason; the
// slot and the table are free again; the cancellation is audited; the other
// side gets a mail in its language through the outbox; the page, the PDF
// and the iCalendar file show it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const one = (q) => sqlite(srv.db, q).trim();
const ed = () => one("SELECT id FROM edition WHERE slug = 'fes-meknes-2024'");
const exhibitorId = () => one('SELECT x.id FROM exhibitor x JOIN account a ON a.cooperative_id = x.cooperative_id ' +
  `WHERE a.email = 'exhibitor@example.org' AND x.edition_id = ${ed()}`);

/** register - a professional registered from a page in lang; its token */
async function register(c, lang, name, email) {
  const form = await c.get(`/b2b?lang=${lang}`);
  const r = await c.post(`/b2b?lang=${lang}`, { csrf: Client.csrf(form.html), kind: 'buyer', name, email });
  assert.equal(r.status, 303);
  return r.headers.get('location').split('/').pop();
}

/** meet - token's professional asks the exhibitor for slot and it accepts; the meeting's id */
async function meet(anon, exc, token, slot) {
  const me = await anon.get(`/b2b/p/${token}`);
  const r = await anon.post('/b2b/request', { csrf: Client.csrf(me.html), token, exhibitor: exhibitorId(), slot });
  assert.equal(r.status, 303);
  const id = one(`SELECT max(m.id) FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id WHERE p.token = '${token}'`);
  const my = await exc.get('/my/b2b');
  const a = await exc.post('/my/b2b/answer', { csrf: Client.csrf(my.html), id, accept: '1' });
  assert.equal(a.headers.get('location'), '/my/b2b');
  assert.equal(one(`SELECT status FROM b2b_meeting WHERE id = ${id}`), 'accepted');
  return id;
}

test('the exhibitor cancels an accepted meeting with a reason: slot and table freed, audited, the professional told in French, schedule, PDF and iCalendar without it', async () => {
  const anon = new Client(srv.base);
  const token = await register(anon, 'fr', 'Claire Acheteuse', 'claire@example.net');
  assert.equal(one(`SELECT lang FROM b2b_pro WHERE token = '${token}'`), 'fr');
  const exc = new Client(srv.base);
  await exc.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const slot = '2024-02-21T14:00';
  const id = await meet(anon, exc, token, slot);
  const table = one(`SELECT table_id FROM b2b_meeting WHERE id = ${id}`);
  let my = await exc.get('/my/b2b?lang=en');
  assert.match(my.html, new RegExp(`<tr data-meeting="${id}">.*?<details class="cancel"><summary>Cancel the meeting</summary>`, 's'));
  const csrf = Client.csrf(my.html);
  // no reason: refused, nothing changes
  let r = await exc.post('/my/b2b/cancel', { csrf, id, reason: '' });
  assert.equal(r.headers.get('location'), '/my/b2b?error=reason');
  assert.equal(one(`SELECT status FROM b2b_meeting WHERE id = ${id}`), 'accepted');
  const mails = +one('SELECT count(*) FROM outbox');
  r = await exc.post('/my/b2b/cancel', { csrf, id, reason: 'Stand <b>fermé</b> ce jour-là' });
  assert.equal(r.headers.get('location'), '/my/b2b');
  assert.equal(one(`SELECT status || '|' || cancelled_by || '|' || cancel_reason FROM b2b_meeting WHERE id = ${id}`),
    'cancelled|exhibitor|Stand <b>fermé</b> ce jour-là');
  // audited, with the reason, as the exhibitor's account
  const audit = one(`SELECT a.email || '|' || u.after_json FROM audit u JOIN account a ON a.id = u.account_id WHERE u.action = 'b2b.cancel' AND u.object_id = ${id}`);
  assert.match(audit, /^exhibitor@example\.org\|\{"status":"cancelled","cancelled_by":"exhibitor","reason":"Stand <b>fermé<\/b> ce jour-là"\}$/);
  // the professional is told, in French, once
  assert.equal(+one('SELECT count(*) FROM outbox'), mails + 1);
  const mail = one("SELECT subject || '|' || body FROM outbox WHERE to_email = 'claire@example.net'");
  assert.match(mail, /^Rencontre B2B annulée\u202f: 2024-02-21 14:00\|Bonjour,/);
  assert.match(mail, /a été annulée par l’exposant\.\nMotif\u202f:\nStand <b>fermé<\/b> ce jour-là/);
  assert.doesNotMatch(mail, new RegExp(token), 'the private link is not in a mail organisers can read');
  // both pages show it, the reason escaped; no cancel form any more
  my = await exc.get('/my/b2b?lang=en');
  assert.match(my.html, new RegExp(`<tr data-meeting="${id}">.*?data-status="cancelled">Cancelled <span class="reason">\\(by the exhibitor: <bdi>Stand &lt;b&gt;fermé&lt;/b&gt; ce jour-là</bdi>\\)</span>`, 's'));
  assert.doesNotMatch(my.html.split(`data-meeting="${id}"`)[1].split('</tr>')[0], /Cancel the meeting/);
  const page = await anon.get(`/b2b/p/${token}?lang=fr`);
  assert.match(page.html, /data-status="cancelled">Annulé <span class="reason">\(par l’exposant\u202f?: <bdi>Stand &lt;b&gt;fermé/);
  // the iCalendar file tells a calendar that imported it that it is off; the PDF no longer holds it
  const ics = await anon.get(`/b2b/calendar.ics?token=${token}`);
  assert.equal(ics.status, 200);
  assert.match(ics.html, new RegExp(`UID:b2b-meeting-${id}@coopfair\r\nDTSTAMP:\\d{8}T\\d{6}Z\r\nDTSTART;TZID=Africa/Casablanca:\\d{8}T\\d{6}\r\nDURATION:PT30M\r\nSTATUS:CANCELLED\r\nSEQUENCE:1\r\n`));
  const dir = mkdtempSync(join(tmpdir(), 'b2b-cancel-'));
  const pdf = Buffer.from(await (await fetch(`${srv.base}/b2b/schedule.pdf?token=${token}&lang=fr`)).arrayBuffer());
  writeFileSync(join(dir, 'p.pdf'), pdf);
  const coop = one(`SELECT c.name_fr FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id WHERE x.id = ${exhibitorId()}`);
  const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text, /Claire Acheteuse/);
  assert.ok(!text.includes(coop), 'the cancelled meeting is not on the PDF schedule');
  // cancelling again: refused
  r = await exc.post('/my/b2b/cancel', { csrf, id, reason: 'encore' });
  assert.equal(r.headers.get('location'), '/my/b2b?error=cancelled');
  // the slot and the table are free: the same request is accepted again, at the same table
  const again = await meet(anon, exc, token, slot);
  assert.notEqual(again, id);
  assert.equal(one(`SELECT table_id FROM b2b_meeting WHERE id = ${again}`), table);
});

test('the professional cancels: the exhibitor is told in its account language; nobody else can cancel it', async () => {
  const anon = new Client(srv.base);
  const token = await register(anon, 'ar', 'Omar', 'omar@example.net');
  const exc = new Client(srv.base);
  await exc.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  sqlite(srv.db, "UPDATE account SET lang = 'en' WHERE email = 'exhibitor@example.org'");
  const id = await meet(anon, exc, token, '2024-02-23T16:30');
  // another professional's link cannot cancel it, nor can an empty reason
  const other = await register(anon, 'en', 'Someone else', '');
  let me = await anon.get(`/b2b/p/${other}`);
  let r = await anon.post('/b2b/cancel', { csrf: Client.csrf(me.html), token: other, id, reason: 'no' });
  assert.equal(r.status, 404);
  me = await anon.get(`/b2b/p/${token}?lang=ar`);
  assert.match(me.html, /<summary>إلغاء اللقاء<\/summary>/);
  const csrf = Client.csrf(me.html);
  r = await anon.post('/b2b/cancel', { csrf, token, id, reason: '  ' });
  assert.equal(r.headers.get('location'), `/b2b/p/${token}?error=reason`);
  assert.equal(one(`SELECT status FROM b2b_meeting WHERE id = ${id}`), 'accepted');
  r = await anon.post('/b2b/cancel', { csrf, token, id, reason: 'رحلتي تأجلت' });
  assert.equal(r.headers.get('location'), `/b2b/p/${token}`);
  assert.equal(one(`SELECT status || '|' || cancelled_by FROM b2b_meeting WHERE id = ${id}`), 'cancelled|pro');
  assert.equal(one(`SELECT count(*) FROM audit WHERE action = 'b2b.cancel' AND object_id = ${id} AND account_id IS NULL`), '1');
  const mail = one("SELECT subject || '|' || body FROM outbox WHERE to_email = 'exhibitor@example.org' AND subject LIKE 'B2B meeting cancelled%'");
  assert.match(mail, /^B2B meeting cancelled: 2024-02-23 16:30\|Hello,\n\nThe B2B meeting of 2024-02-23 16:30 with Omar was cancelled by the professional\.\nReason:\nرحلتي تأجلت/);
  // the exhibitor's schedule shows who cancelled; the committee's list too
  const my = await exc.get('/my/b2b?lang=en');
  assert.match(my.html, new RegExp(`<tr data-meeting="${id}">.*?\\(by the professional: <bdi>رحلتي تأجلت</bdi>\\)`, 's'));
  const ics = await exc.get('/my/b2b.ics');
  assert.match(ics.html.split(`UID:b2b-meeting-${id}@coopfair`)[1].split('END:VEVENT')[0], /\r\nSTATUS:CANCELLED\r\nSEQUENCE:1\r\n/);
  const admin = new Client(srv.base);
  await admin.signin('committee@example.org', 'demo-committee-2024');
  assert.match((await admin.get('/admin/b2b?lang=en')).html, /\(by the professional: <bdi>رحلتي تأجلت<\/bdi>\)/);
  // a meeting only requested cannot be cancelled (the exhibitor declines it)
  const me2 = await anon.get(`/b2b/p/${token}`);
  await anon.post('/b2b/request', { csrf: Client.csrf(me2.html), token, exhibitor: exhibitorId(), slot: '2024-02-24T10:00' });
  const waiting = one(`SELECT max(m.id) FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id WHERE p.token = '${token}'`);
  r = await exc.post('/my/b2b/cancel', { csrf: Client.csrf(my.html), id: waiting, reason: 'x' });
  assert.equal(r.headers.get('location'), '/my/b2b?error=cancelled');
});

test('every public page links the partners hub in its menu, in Arabic, French and English; the link opens /b2b in that language', async () => {
  const LABEL = { ar: 'اللقاءات المهنية B2B', fr: 'Rendez-vous B2B', en: 'B2B meetings' };
  const TITLE = { ar: 'قطب الشركاء: اللقاءات المهنية B2B', fr: /Pôle des partenaires/, en: 'Partners hub: B2B meetings' };
  const anon = new Client(srv.base);
  for (const lang of ['ar', 'fr', 'en']) {
    for (const path of ['/', '/exhibitors', '/programme']) {
      const page = await anon.get(`${path}?lang=${lang}`);
      assert.equal(page.status, 200);
      const nav = page.html.split('<nav aria-label="')[1].split('</nav>')[0];
      assert.ok(nav.includes(`<li><a href="/b2b">${LABEL[lang]}</a></li>`), `${lang} ${path}: the menu links /b2b`);
    }
    const hub = await anon.get(`/b2b?lang=${lang}`);
    assert.equal(hub.status, 200);
    assert.match(hub.html, new RegExp(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`));
    const h1 = hub.html.match(/<h1>([^<]*)<\/h1>/)[1];
    if (TITLE[lang] instanceof RegExp) assert.match(h1, TITLE[lang]); else assert.equal(h1, TITLE[lang]);
    assert.match(hub.html, /<form method="post" action="\/b2b"/);
  }
});

test('a professional whose email would carry a header gets no mail: the cancellation is still made and shown', async () => {
  const anon = new Client(srv.base);
  // the form refuses such an address now; one stored before (or by another
  // way in) must still never reach a mail header
  const form = await anon.get('/b2b?lang=en');
  const refused = await anon.post('/b2b?lang=en', { csrf: Client.csrf(form.html), kind: 'buyer', name: 'Mallory', email: 'm@example.net\nBcc: victim@example.org' });
  assert.equal(refused.status, 422);
  const token = await register(anon, 'en', 'Mallory', 'm@example.net');
  sqlite(srv.db, `UPDATE b2b_pro SET email = 'm@example.net' || char(10) || 'Bcc: victim@example.org' WHERE token = '${token}'`);
  assert.match(one(`SELECT email FROM b2b_pro WHERE token = '${token}'`), /Bcc/);
  const exc = new Client(srv.base);
  await exc.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const id = await meet(anon, exc, token, '2024-02-24T12:30');
  const mails = one('SELECT count(*) FROM outbox');
  const my = await exc.get('/my/b2b');
  const r = await exc.post('/my/b2b/cancel', { csrf: Client.csrf(my.html), id, reason: 'Closed' });
  assert.equal(r.headers.get('location'), '/my/b2b');
  assert.equal(one(`SELECT status FROM b2b_meeting WHERE id = ${id}`), 'cancelled');
  assert.equal(one('SELECT count(*) FROM outbox'), mails, 'no message queued to a header-carrying address');
  assert.equal(one("SELECT count(*) FROM outbox WHERE to_email LIKE '%victim%'"), '0');
});

// Bad input gets a clear answer and loses nothing: a professional who typed
// a wrong email and phone sees the form again with what they typed, a reason
// per field in their language, and nothing saved; blanks around values are
// dropped and the phone is stored in one form.
test('registration: a wrong email or phone comes back with what was typed, nothing saved', async () => {
  const c = new Client(srv.base);
  const before = +one('SELECT count(*) FROM b2b_pro');
  const form = await c.get('/b2b?lang=fr');
  assert.match(form.html, /<input name="name" required maxlength="200" value="">/);
  const csrf = Client.csrf(form.html);
  const bad = await c.post('/b2b?lang=fr', {
    csrf, kind: 'exporter', name: 'Maison Zellige', organisation: 'Zellige & Co',
    email: 'contact@zellige', phone: '06 12 ab',
  });
  assert.equal(bad.status, 422);
  assert.match(bad.html, /2 champs sont à corriger/);
  assert.match(bad.html, /value="Maison Zellige"/);
  assert.match(bad.html, /value="Zellige &amp; Co"/);
  assert.match(bad.html, /value="contact@zellige"/);
  assert.match(bad.html, /<option value="exporter" selected>/);
  assert.match(bad.html, /id="b2b-email-err"/);
  assert.match(bad.html, /id="b2b-phone-err"/);
  assert.doesNotMatch(bad.html, /id="b2b-name-err"/);
  assert.equal(+one('SELECT count(*) FROM b2b_pro'), before, 'nothing saved');
  const noName = await c.post('/b2b?lang=ar', { csrf, kind: 'buyer', name: '   ', email: '' });
  assert.equal(noName.status, 422);
  assert.match(noName.html, /id="b2b-name-err"/);
  const ok = await c.post('/b2b?lang=fr', {
    csrf, kind: 'exporter', name: ' Maison Zellige ', email: ' contact@zellige.ma ', phone: '٠٦ ١٢ ٣٤ ٥٦ ٧٨',
  });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location'), /^\/b2b\/p\/[0-9a-f]+$/);
  assert.equal(one("SELECT name || '|' || email || '|' || phone FROM b2b_pro ORDER BY id DESC LIMIT 1"),
    'Maison Zellige|contact@zellige.ma|+212612345678');
});

// A professional may withdraw a request the exhibitor has not answered yet:
// it leaves the exhibitor's requests to answer, is audited, mails nobody,
// and the slot can be asked for again; the exhibitor cannot "cancel" a
// request (it declines it).
test('a professional withdraws a request not answered yet; the slot can be asked again', async () => {
  const anon = new Client(srv.base);
  const token = await register(anon, 'fr', 'Samir', 'samir@example.net');
  let me = await anon.get(`/b2b/p/${token}`);
  let r = await anon.post('/b2b/request', { csrf: Client.csrf(me.html), token, exhibitor: exhibitorId(), slot: '2024-02-22T10:00' });
  assert.equal(r.status, 303);
  const id = one(`SELECT m.id FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id WHERE p.token = '${token}'`);
  me = await anon.get(`/b2b/p/${token}?lang=fr`);
  assert.match(me.html.split(`data-meeting="${id}"`)[1].split('</tr>')[0], /<summary>Retirer la demande<\/summary>/);
  const exc = new Client(srv.base);
  await exc.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  let my = await exc.get('/my/b2b');
  r = await exc.post('/my/b2b/cancel', { csrf: Client.csrf(my.html), id, reason: 'non' });
  assert.equal(r.headers.get('location'), '/my/b2b?error=cancelled', 'the exhibitor declines a request, it does not cancel it');
  assert.equal(one(`SELECT status FROM b2b_meeting WHERE id = ${id}`), 'requested');
  const mails = one('SELECT count(*) FROM outbox');
  r = await anon.post('/b2b/cancel', { csrf: Client.csrf(me.html), token, id, reason: 'Finalement pas disponible' });
  assert.equal(r.headers.get('location'), `/b2b/p/${token}`);
  assert.equal(one(`SELECT status || '|' || cancelled_by FROM b2b_meeting WHERE id = ${id}`), 'cancelled|pro');
  assert.equal(one(`SELECT before_json FROM audit WHERE action = 'b2b.cancel' AND object_id = ${id}`), '{"status":"requested"}');
  assert.equal(one('SELECT count(*) FROM outbox'), mails, 'no mail says a meeting was cancelled');
  my = await exc.get('/my/b2b?lang=fr');
  assert.doesNotMatch(my.html.split(`data-meeting="${id}"`)[1].split('</tr>')[0], /name="accept"/, 'nothing left to answer');
  r = await anon.post('/b2b/request', { csrf: Client.csrf(me.html), token, exhibitor: exhibitorId(), slot: '2024-02-22T10:00' });
  assert.equal(r.status, 303, 'the same slot can be asked for again');
});
