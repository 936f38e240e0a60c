// prize.test.mjs - the creativity prize over HTTP and on the command line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, sqlite, coopfair, isPg } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const one = (db, sql) => sqlite(db, sql).trim();

test('coopfair prize verify holds on the demo and finds a score row edited with sqlite3', () => {
  let r = coopfair(srv.db, 'prize', 'verify');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /holds: \d+ records/);
  const [entry, account] = one(srv.db, 'SELECT entry_id, account_id FROM prize_score ORDER BY entry_id, account_id, criterion_id LIMIT 1 OFFSET 40').split('|');
  sqlite(srv.db, `UPDATE prize_score SET value = CASE WHEN value < 20 THEN value + 1 ELSE value - 1 END WHERE entry_id = ${entry} AND account_id = ${account} AND criterion_id = (SELECT min(criterion_id) FROM prize_score WHERE entry_id = ${entry} AND account_id = ${account})`);
  r = coopfair(srv.db, 'prize', 'verify');
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`entry ${entry}, juror account ${account}: the current scores differ`));
  // left edited: the next test reads the committee page of this database
});

test('the committee page shows when the chain breaks (the edit above)', async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const page = await c.get('/admin/prize?lang=en');
  assert.equal(page.status, 200);
  assert.match(page.html, /id="chain" role="alert">A score of entry \d+ differs from the score log/);
});

test('a conflicted entry is not listed, and opening it says why instead of a sheet', async () => {
  const c = new Client(srv.base);
  await c.signin('jury@example.org', 'demo-jury-2024');
  const id = one(srv.db, "SELECT entry_id FROM prize_conflict WHERE account_id = (SELECT id FROM account WHERE email = 'jury@example.org')");
  const name = one(srv.db, `SELECT co.name_ar FROM prize_entry e JOIN cooperative co ON co.id = e.cooperative_id WHERE e.id = ${id}`);
  const list = await c.get('/jury');
  assert.equal(list.status, 200);
  assert.ok(list.html.includes('/jury/entries/'), 'the juror has entries');
  assert.ok(!list.html.includes(`/jury/entries/${id}"`));
  assert.ok(!list.html.includes(name));
  const direct = await c.get(`/jury/entries/${id}?lang=en`);
  assert.equal(direct.status, 403);
  assert.match(direct.html, /id="conflict">You declared a conflict of interest with/);
  assert.ok(!direct.html.includes('score-sheet'), 'no sheet for a conflicted entry');
  const assigned = one(srv.db, "SELECT min(entry_id) FROM prize_assignment WHERE account_id = (SELECT id FROM account WHERE email = 'jury@example.org')");
  const sheet = await c.get(`/jury/entries/${assigned}`);
  assert.equal(sheet.status, 200);
  const r = await c.post(`/jury/entries/${id}`, { csrf: Client.csrf(sheet.html), c0: 10, c1: 10, c2: 10, c3: 10, c4: 10, comment: '' });
  assert.equal(r.status, 403);
  assert.equal(one(srv.db, `SELECT count(*) FROM prize_score WHERE entry_id = ${id} AND account_id = (SELECT id FROM account WHERE email = 'jury@example.org')`), '0');
});

test('every wrong score is flagged, not only the first; the input is kept', async () => {
  const c = new Client(srv.base);
  await c.signin('jury@example.org', 'demo-jury-2024');
  const id = one(srv.db, "SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries' AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') ORDER BY a.entry_id LIMIT 1");
  const before = one(srv.db, 'SELECT count(*) FROM prize_log');
  const sheet = await c.get(`/jury/entries/${id}?lang=fr`);
  const r = await c.post(`/jury/entries/${id}`, { csrf: Client.csrf(sheet.html), c0: 12, c1: 27, c2: 10, c3: 'dix', c4: 10, comment: '<b>mine</b>' });
  assert.equal(r.status, 400);
  assert.match(r.html, /id="c1"[^>]*value="27"[^>]*aria-invalid="true"/);
  assert.match(r.html, /id="c3"[^>]*value="dix"[^>]*aria-invalid="true"/);
  assert.doesNotMatch(r.html, /id="c0"[^>]*aria-invalid/);
  assert.match(r.html, /id="errors">[^<]*2/);
  assert.match(r.html, /Saisissez un nombre entier de 0 à 20/);
  assert.ok(r.html.includes('&lt;b&gt;mine&lt;/b&gt;'));
  assert.equal(one(srv.db, 'SELECT count(*) FROM prize_log'), before);
});

test('scores typed in Arabic-Indic digits are saved, and the juror goes on to the next entry to score', async () => {
  const c = new Client(srv.base);
  await c.signin('jury@example.org', 'demo-jury-2024');
  const ids = sqlite(srv.db, "SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries' AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') AND NOT EXISTS (SELECT 1 FROM prize_score s WHERE s.entry_id = a.entry_id AND s.account_id = a.account_id) ORDER BY a.entry_id").trim().split('\n');
  assert.ok(ids.length >= 2, 'two entries still to score');
  const sheet = await c.get(`/jury/entries/${ids[0]}?lang=ar`);
  const r = await c.post(`/jury/entries/${ids[0]}`, { csrf: Client.csrf(sheet.html), c0: '١٦', c1: '۱۴', c2: ' 18 ', c3: '١٢', c4: '١٥', comment: '' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), new RegExp(`^/jury/entries/\\d+\\?saved=${ids[0]}$`));
  assert.notEqual(r.headers.get('location').split('?')[0], `/jury/entries/${ids[0]}`);
  assert.equal(one(srv.db, `SELECT group_concat(value, ',') FROM (SELECT value FROM prize_score WHERE entry_id = ${ids[0]} AND account_id = (SELECT id FROM account WHERE email = 'jury@example.org') ORDER BY criterion_id)`), '16,14,18,12,15');
  const list = await c.get('/jury?lang=en');
  const pastries = list.html.slice(list.html.lastIndexOf('<h2>'));
  const firstDone = pastries.indexOf('status done'), lastTodo = pastries.lastIndexOf('status todo');
  assert.ok(lastTodo < 0 || firstDone < 0 || lastTodo < firstDone, 'entries still to score come first');
});

test('the juror pages need the jury role; the committee pages need an organiser', async () => {
  const anon = new Client(srv.base);
  assert.equal((await anon.get('/jury')).status, 303);
  assert.equal((await anon.get('/admin/prize')).status, 303);
  const j = new Client(srv.base);
  await j.signin('jury@example.org', 'demo-jury-2024');
  assert.equal((await j.get('/admin/prize')).status, 403);
  assert.equal((await j.get('/admin/prize/certificates.pdf')).status, 403);
});

test('certificates: one PDF per entry and a batch, with a code the public site checks', async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const all = await fetch(srv.base + '/admin/prize/certificates.pdf', { headers: { cookie: c.cookie() } });
  assert.equal(all.status, 200);
  assert.equal(all.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await all.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
  assert.equal(pages, Number(one(srv.db, 'SELECT count(*) FROM prize_result')));
  const [entry, code] = one(srv.db, 'SELECT entry_id, code FROM prize_result WHERE rank = 1 LIMIT 1').split('|');
  const single = await fetch(`${srv.base}/admin/prize/certificates/${entry}`, { headers: { cookie: c.cookie() } });
  assert.equal(single.status, 200);
  const ok = await new Client(srv.base).get(`/prize/verify?code=${code.toLowerCase()}&lang=en`);
  assert.equal(ok.status, 200);
  assert.match(ok.html, /This certificate is genuine/);
  const bad = await new Client(srv.base).get('/prize/verify?code=ABCD-EFGH-JKMN&lang=en');
  assert.equal(bad.status, 404);
});

/** certText - a certificate's PDF through pdftotext: {text (bidi marks dropped, spaces folded), words [{t, y0, y1}]}. */
async function certText(c, entry) {
  const r = await fetch(`${srv.base}/admin/prize/certificates/${entry}`, { headers: { cookie: c.cookie() } });
  assert.equal(r.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'cf-cert-'));
  const f = join(dir, 'c.pdf');
  writeFileSync(f, Buffer.from(await r.arrayBuffer()));
  const raw = execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' });
  const bbox = execFileSync('pdftotext', ['-bbox', f, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const words = [...bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({ t: m[3], y0: Number(m[1]), y1: Number(m[2]) }));
  const text = raw.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ');
  return { text, words };
}
const fold = (s) => s.replace(/\s+/g, ' ').trim();

test('a certificate\'s whole text, in French and in Arabic: winner and participation, and its blocks do not overlap', async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const q = (where) => sqlite(srv.db, `SELECT e.id, co.name_ar, co.name_fr, c.name_ar, c.name_fr, r.code, r.rank, COALESCE(pc.published_head, ''), ed.name_fr, ed.chair_fr
    FROM prize_result r JOIN prize_entry e ON e.id = r.entry_id JOIN cooperative co ON co.id = e.cooperative_id
    JOIN category c ON c.id = e.category_id JOIN prize_category pc ON pc.category_id = c.id JOIN edition ed ON ed.id = c.edition_id
    WHERE ${where} ORDER BY e.id LIMIT 1`).trim().split('|');
  const [wid, wNameAr, wNameFr, catAr, catFr, wCode, wRank, head, edFr, chairFr] = q('r.rank = 1');
  assert.equal(wRank, '1');
  const w = await certText(c, wid);
  // French, every line of it.
  for (const s of ['Certificat', 'Prix de la créativité', fold(edFr), 'Ce certificat est décerné à', fold(wNameFr),
    `Catégorie : ${catFr}`, '1er prix', 'Fès, 20–24 février 2024', "Pour le comité d'organisation", fold(chairFr),
    `Code de vérification : ${wCode}`, `/prize/verify?code=${wCode}`, 'Empreinte du journal du prix', head, 'données fictives (exemple)'])
    assert.ok(w.text.includes(s), `French: «${s}» in ${w.text}`);
  assert.ok(head.length === 64, 'the category was published with a head');
  // Arabic: words pdftotext gives back whole (lam-alef ligatures come out split, so not those).
  for (const s of ['شهادة', wNameAr, 'فئة', catAr, 'الجائزة', 'فبراير', 'رئاسة اللجنة', 'رمز التحقق', 'توضيحية'])
    assert.ok(w.text.includes(s), `Arabic: «${s}» in ${w.text}`);
  assert.match(w.text, /(الجائزة 1|1 الجائزة)/);
  assert.match(w.text, /(20 إلى 24|24 إلى ?20)/);
  // The signature block ends above the verification code (the chair's title is three lines in the demo).
  const codeTop = Math.min(...w.words.filter((x) => x.t === 'vérification' || x.t === wCode).map((x) => x.y0));
  const chairLast = fold(chairFr).split(' ').pop();
  const chairBottom = Math.max(...w.words.filter((x) => x.t === chairLast).map((x) => x.y1));
  assert.ok(Number.isFinite(codeTop) && Number.isFinite(chairBottom), 'both found');
  assert.ok(chairBottom <= codeTop, `who signs (down to ${chairBottom}) runs into the code (from ${codeTop})`);

  // A participation certificate: no rank, no "of N".
  const [pid, pNameAr, pNameFr, , pCatFr, pCode] = q('r.rank > pc.winners');
  const p = await certText(c, pid);
  for (const s of ['Certificat', 'Ce certificat de participation est décerné à', fold(pNameFr), `Catégorie : ${pCatFr}`,
    'A participé au prix de la créativité', `Code de vérification : ${pCode}`])
    assert.ok(p.text.includes(s), `French: «${s}» in ${p.text}`);
  for (const s of ['شهادة', pNameAr, 'شارك']) assert.ok(p.text.includes(s), `Arabic: «${s}»`);
  assert.doesNotMatch(p.text, /\d+(er|e) prix|rang|\bsur \d+|الجائزة \d|\d+ الجائزة|الرتبة/);
});

test('the sheet shows the stand and the photos of the entry; a photo is served only to its jurors', async () => {
  const c = new Client(srv.base);
  await c.signin('jury@example.org', 'demo-jury-2024');
  const entry = one(srv.db, "SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries' AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') ORDER BY a.entry_id LIMIT 1");
  const png = '89504E470D0A1A0A0000000D4948445200000001000000010802000000907753DE0000000C4944415408D763F8FFFF3F0005FE02FEA7D6A4B00000000049454E44AE426082';
  const blob = isPg(srv.db) ? `decode('${png}', 'hex')` : `X'${png}'`;
  sqlite(srv.db, `INSERT INTO application_photo (application_id, mime, width, height, data) SELECT a.id, 'image/png', 1, 1, ${blob} FROM application a JOIN prize_entry e ON e.cooperative_id = a.cooperative_id WHERE e.id = ${entry}`);
  const photo = one(srv.db, 'SELECT max(id) FROM application_photo');
  const stand = one(srv.db, `SELECT st.code FROM prize_entry e JOIN exhibitor x ON x.id = e.exhibitor_id JOIN stand st ON st.id = x.stand_id WHERE e.id = ${entry}`);
  const sheet = await c.get(`/jury/entries/${entry}?lang=en`);
  assert.ok(sheet.html.includes(`<img src="/jury/photos/${photo}"`));
  assert.match(sheet.html, new RegExp(`Stand <strong dir="ltr">${stand}</strong>`));
  const img = await c.get(`/jury/photos/${photo}`);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/png');
  // a juror who does not score this entry gets nothing
  const other = one(srv.db, `SELECT a.email FROM account a JOIN prize_juror j ON j.account_id = a.id WHERE j.category_id = (SELECT category_id FROM prize_entry WHERE id = ${entry}) AND a.id NOT IN (SELECT account_id FROM prize_assignment WHERE entry_id = ${entry}) ORDER BY a.id LIMIT 1`);
  const o = new Client(srv.base);
  await o.signin(other, 'demo-jury-2024');
  assert.equal((await o.get(`/jury/photos/${photo}`)).status, 404);
});
