// The committee words the mail about an application, per language (issue
// 10, point 11): /admin/mail shows each language's template, a preview shows
// the message as the cooperative reads it and saves nothing, placeholders are
// checked (a wrong one is named, everything typed is kept), a saved wording
// is what the outbox then sends in that language, a language left alone keeps
// the built-in text, and "back to the built-in wording" undoes it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, DEMO, sql, startServer } from './accounts_helpers.mjs';

let srv, c;
before(async () => {
  srv = await startServer();
  sql(srv.db, "INSERT INTO setting (key, value) VALUES ('base_url', 'https://salon.example.ma') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  c = new Client(srv.base);
  await c.signIn(...DEMO.committee);
});
after(async () => { await srv?.stop(); });

const rows = (q) => sql(srv.db, q);
const area = (html, code) => {
  const m = html.match(new RegExp(`<textarea id="t-b-${code}"[^>]*>([^<]*)</textarea>`));
  return m && m[1];
};
const FR_SUBJECT = 'Votre dossier – {fair}';
const FR_BODY = 'Chères adhérentes et chers adhérents de {cooperative},\n\n{news}\n\n{reason}\n\nSuivez votre dossier ici : {link}\n\nLe comité';

test('the templates page shows each language, in its direction, with the placeholders; only organisers reach it', async () => {
  const page = await c.get('/admin/mail?lang=en');
  assert.equal(page.status, 200);
  for (const code of ['ar', 'fr', 'en']) assert.match(area(page.text, code), /\{news\}/, code);
  assert.match(page.text, /<textarea id="t-b-ar" name="body" lang="ar" dir="rtl"/);
  assert.match(area(page.text, 'ar'), /^إلى المنخرطات والمنخرطين في \{cooperative\}،/);
  assert.match(page.text, /The built-in wording\./);
  const x = new Client(srv.base);
  await x.signIn(...DEMO.exhibitor);
  assert.equal((await x.get('/admin/mail')).status, 403);
  const j = new Client(srv.base);
  await j.signIn(...DEMO.jury);
  assert.equal((await j.get('/admin/mail')).status, 403);
});

test('a wrong or missing placeholder is refused by name, with everything typed kept', async () => {
  const csrf = await c.csrf('/admin/mail');
  const typed = 'Bonjour {cooperative}, {news} {prenom} <b>gras</b>';
  const bad = await c.post('/admin/mail?lang=en', { csrf, lang: 'fr', subject: 'Objet {fair}', body: typed, action: 'save' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="mail-error">Unknown placeholder \{prenom\}/);
  assert.equal(area(bad.text, 'fr'), 'Bonjour {cooperative}, {news} {prenom} &lt;b&gt;gras&lt;/b&gt;');
  const brace = await c.post('/admin/mail?lang=en', { csrf, lang: 'fr', subject: 'Objet', body: '{news} {fair', action: 'preview' });
  assert.equal(brace.status, 422);
  assert.match(brace.text, /Unknown placeholder \{fair/);
  const noNews = await c.post('/admin/mail?lang=fr', { csrf, lang: 'fr', subject: 'Objet', body: 'Bonjour {cooperative}', action: 'save' });
  assert.equal(noNews.status, 422);
  assert.match(noNews.text, /Le texte doit contenir \{news\}/);
  const twoLines = await c.post('/admin/mail?lang=en', { csrf, lang: 'fr', subject: 'a\nb', body: '{news}', action: 'save' });
  assert.equal(twoLines.status, 422);
  assert.equal(rows('SELECT count(*) FROM mail_template')[0][0], '0', 'nothing saved');
});

test('the preview shows the message as a French cooperative reads it, escaped, and saves nothing', async () => {
  const csrf = await c.csrf('/admin/mail');
  const [[fairFr]] = rows('SELECT e.name_fr FROM edition e ORDER BY e.id LIMIT 1');
  const r = await c.post('/admin/mail?lang=ar', { csrf, lang: 'fr', subject: FR_SUBJECT, body: FR_BODY + '\n<script>alert(1)</script>', action: 'preview' });
  assert.equal(r.status, 200);
  const pv = r.text.match(/<div class="mail" id="mail-preview" lang="fr" dir="ltr">([\s\S]*?)<\/div>/);
  assert.ok(pv, 'a preview in French, left to right');
  const norm = (s) => s.replace(/\s+/g, ' ');
  assert.ok(norm(pv[1]).includes(norm(`Votre dossier – ${fairFr}`)), pv[1]);
  assert.match(pv[1], /Chères adhérentes et chers adhérents de Coopérative \(exemple\),/);
  assert.match(pv[1], /La liste des exposants est publiée/);
  assert.match(pv[1], /Suivez votre dossier ici : https:\/\/salon\.example\.ma\/my/);
  assert.match(pv[1], /&lt;script&gt;/);
  assert.ok(!pv[1].includes('<script>'));
  assert.ok(!/\{(cooperative|fair|news|reason|link)\}/.test(pv[1]), 'every placeholder filled');
  assert.match(area(r.text, 'fr'), /Suivez votre dossier ici/, 'the typed text stays in the form');
  assert.equal(rows('SELECT count(*) FROM mail_template')[0][0], '0', 'a preview saves nothing');
});

test('a saved French wording is what a French reader gets; an Arabic reader keeps the built-in Arabic text; back to the built-in wording', async () => {
  const csrf = await c.csrf('/admin/mail');
  const saved = await c.post('/admin/mail', { csrf, lang: 'fr', subject: FR_SUBJECT, body: FR_BODY, action: 'save' });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), '/admin/mail?done=saved');
  assert.equal(rows("SELECT count(*) FROM audit WHERE action = 'mail.template'")[0][0], '1');
  // Two wait-listed applications: one cooperative reads French (an account), the other has only its own address (Arabic).
  const apps = rows("SELECT a.id, a.cooperative_id, co.name_fr, co.name_ar, co.email FROM application a JOIN cooperative co ON co.id = a.cooperative_id WHERE a.status = 'waitlisted' AND a.cooperative_id NOT IN (SELECT cooperative_id FROM account WHERE cooperative_id IS NOT NULL) ORDER BY a.id LIMIT 2");
  assert.equal(apps.length, 2);
  const [[frApp, frCoop, frName], [arApp, , , arName, arEmail]] = apps;
  sql(srv.db, `UPDATE account SET cooperative_id = ${frCoop}, lang = 'fr' WHERE email = '${DEMO.exhibitor[0]}'`);
  const [[fairFr, fairAr]] = rows('SELECT name_fr, name_ar FROM edition ORDER BY id LIMIT 1');
  for (const id of [frApp, arApp]) {
    const token = await c.csrf(`/admin/applications/${id}`);
    const r = await c.post(`/admin/applications/${id}/status`, { csrf: token, status: 'under_review', reason: 'الملف قيد الدراسة. — Le dossier est réexaminé.' });
    assert.equal(r.status, 303, `status of ${id}`);
  }
  const [[fs, fb]] = rows(`SELECT subject, body FROM outbox WHERE to_email = '${DEMO.exhibitor[0]}' ORDER BY id DESC LIMIT 1`);
  assert.equal(fs, `Votre dossier – ${fairFr}`);
  assert.ok(fb.startsWith(`Chères adhérentes et chers adhérents de ${frName},\n\n`), fb);
  assert.ok(fb.includes('Motif du comité') || fb.includes('motif'), fb);
  assert.ok(fb.includes('Le dossier est réexaminé.') && !fb.includes('قيد الدراسة'), fb);
  assert.ok(fb.includes('Suivez votre dossier ici : https://salon.example.ma/my'), fb);
  assert.ok(fb.endsWith('Le comité'), fb);
  const [[as, ab]] = rows(`SELECT subject, body FROM outbox WHERE to_email = '${arEmail}' ORDER BY id DESC LIMIT 1`);
  assert.ok(as.includes(fairAr), as);
  assert.ok(ab.startsWith(`إلى المنخرطات والمنخرطين في ${arName}،`), ab);
  assert.ok(!/Chères|Suivez/.test(ab), 'the Arabic reader does not get the French wording');
  // The publication preview shows the French reader the committee's wording too (a decision waits for it).
  const t2 = await c.csrf(`/admin/applications/${frApp}`);
  assert.equal((await c.post(`/admin/applications/${frApp}/status`, { csrf: t2, status: 'accepted', reason: '' })).status, 303);
  const prev = await c.get('/admin/selection/preview');
  assert.equal(prev.status, 200);
  assert.match(prev.text, /lang="fr" dir="ltr"><p><strong>Votre dossier – /);
  // A value with a line break ({reason}) stays on the subject's one line.
  const t3 = await c.csrf('/admin/mail');
  assert.equal((await c.post('/admin/mail', { csrf: t3, lang: 'fr', subject: '{fair} {reason}', body: FR_BODY, action: 'save' })).status, 303);
  const t4 = await c.csrf(`/admin/applications/${arApp}`);
  sql(srv.db, `UPDATE account SET cooperative_id = ${apps[1][1]}, lang = 'fr' WHERE email = '${DEMO.exhibitor[0]}'`);
  assert.equal((await c.post(`/admin/applications/${arApp}/status`, { csrf: t4, status: 'waitlisted', reason: 'Motif\nsur deux lignes' })).status, 303);
  assert.equal((await c.post(`/admin/applications/${arApp}/status`, { csrf: t4, status: 'under_review', reason: 'Motif\nsur deux lignes' })).status, 303);
  const [[s2]] = rows(`SELECT subject FROM outbox WHERE to_email = '${DEMO.exhibitor[0]}' ORDER BY id DESC LIMIT 1`);
  assert.ok(s2.includes('Motif') && !/[\r\n]/.test(s2), JSON.stringify(s2));
  // Back to the built-in wording.
  const page = await c.get('/admin/mail?lang=en');
  assert.match(page.text, /Your wording\./);
  const back = await c.post('/admin/mail', { csrf, lang: 'fr', action: 'reset' });
  assert.equal(back.status, 303);
  assert.equal(rows('SELECT count(*) FROM mail_template')[0][0], '0');
  assert.match(area((await c.get('/admin/mail')).text, 'fr'), /^Aux adhérentes et adhérents de \{cooperative\},|\{cooperative\}/);
});
