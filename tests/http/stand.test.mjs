// stand.test.mjs - the floor plan and the stand allocation (issue 13): the
// demo's 80 exhibitors placed by the allocator with every rule held, the
// public map and its search without JavaScript, the A3 PDF (stand codes
// found by text extraction), the back office's hand move (score change and
// warning), and the mail after publication.
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
after(async () => { await srv?.stop(); });
const one = (sql) => sqlite(srv.db, sql).trim();

test('the demo edition\'s 80 exhibitors are on its 40 stands, two per stand, with every rule held', () => {
  assert.equal(one('SELECT COUNT(*) FROM exhibitor WHERE stand_id IS NOT NULL'), '80');
  assert.equal(one('SELECT COUNT(*) FROM (SELECT stand_id FROM exhibitor GROUP BY stand_id HAVING COUNT(*) = 2)'), '40');
  // pairs that asked to share are on one stand (8 pairs in the demo)
  assert.equal(one(`SELECT COUNT(*) FROM application a JOIN exhibitor x ON x.cooperative_id = a.cooperative_id
    JOIN exhibitor y ON y.cooperative_id = a.share_coop_id WHERE a.share_coop_id IS NOT NULL AND x.stand_id = y.stand_id`), '16');
  // needs met
  assert.equal(one(`SELECT COUNT(*) FROM exhibitor x JOIN application a ON a.cooperative_id = x.cooperative_id
    JOIN stand s ON s.id = x.stand_id WHERE (a.needs_power = 1 AND s.power = 0) OR (a.needs_water = 1 AND s.water = 0)
    OR (a.needs_accessible = 1 AND s.accessible = 0)`), '0');
  assert.ok(Number(one('SELECT COUNT(*) FROM application WHERE needs_water = 1 AND edition_id = 1')) > 0, 'the demo has needs to meet');
  // competitors apart: never on one stand
  assert.equal(one('SELECT COUNT(*) FROM stand_apart p JOIN exhibitor a ON a.id = p.exhibitor_a JOIN exhibitor b ON b.id = p.exhibitor_b WHERE a.stand_id = b.stand_id'), '0');
  assert.equal(one('SELECT COUNT(*) FROM stand_apart'), '3');
  // the hall is 1,500 m2
  assert.equal(Number(one('SELECT width * depth FROM stand_venue')), 1500);
});

test('the public map draws every stand with its code, zones named in Arabic and French, a legend and a scale bar', async () => {
  const r = await fetch(`${srv.base}/plan?lang=ar`);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<html lang="ar" dir="rtl">/);
  const stands = [...html.matchAll(/data-stand="(A\d\d)"/g)].map((m) => m[1]);
  assert.equal(stands.length, 40);
  assert.ok(html.includes('الأكورا') && html.includes('AGORA'));
  assert.ok(html.includes('Pôle des exposants') && html.includes('قطب العارضين'));
  assert.match(html, /class="stand-legend"/);
  assert.match(html, />5 م</);
  assert.ok(html.includes('href="/plan?stand=A01#stand-list"'));
  assert.doesNotMatch(html, /class="stand hl"/, 'nothing highlighted without a search');
});

test('a search by query parameter highlights the cooperative\'s stand, without JavaScript', async () => {
  const name = one("SELECT c.name_ar FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id ORDER BY x.id DESC LIMIT 1");
  const code = one("SELECT s.code FROM exhibitor x JOIN stand s ON s.id = x.stand_id ORDER BY x.id DESC LIMIT 1");
  const html = await (await fetch(`${srv.base}/plan?lang=ar&q=${encodeURIComponent(name)}`)).text();
  const hl = [...html.matchAll(/class="stand hl" data-stand="(A\d\d)" aria-current="location"/g)].map((m) => m[1]);
  assert.deepEqual(hl, [code]);
  assert.ok(html.includes(`<b>${code}</b>`));
  const none = await (await fetch(`${srv.base}/plan?q=${encodeURIComponent('<script>nobody')}`)).text();
  assert.doesNotMatch(none, /class="stand hl"/);
  assert.ok(none.includes('&lt;script&gt;nobody'), 'the query comes back escaped');
});

test('a stand lists its exhibitors', async () => {
  const html = await (await fetch(`${srv.base}/plan?stand=A05&lang=fr`)).text();
  const names = one("SELECT COUNT(*) FROM exhibitor x JOIN stand s ON s.id = x.stand_id WHERE s.code = 'A05'");
  const list = html.split('id="stand-list"')[1] || '';
  assert.equal((list.match(/<li><a href="\/exhibitors\/\d+">/g) || []).length, Number(names));
  assert.equal(names, '2');
});

test('the A3 PDF of the plan renders: every stand code found by text extraction, the page converts to an image', async () => {
  const r = await fetch(`${srv.base}/plan.pdf`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'stand-pdf-'));
  const file = join(dir, 'plan.pdf');
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const info = execFileSync('pdfinfo', [file]).toString();
  assert.match(info, /Page size:\s+1191(\.\d+)? x 842(\.\d+)? pts \(A3\)/);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  for (let i = 1; i <= 40; i++) assert.ok(text.includes(`A${String(i).padStart(2, '0')}`), `stand A${i} in the PDF`);
  execFileSync('pdftoppm', ['-png', '-r', '20', '-singlefile', file, join(dir, 'plan')]);
});

test('the committee moves an exhibitor by hand: the score changes and a broken rule is named', async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const page = await c.get('/admin/stands?lang=en');
  assert.equal(page.status, 200);
  assert.match(page.html, /Competitors are not neighbours<\/th><td class="held">/);
  // move one of two competitors onto the other's stand
  const [a, bStand] = one(`SELECT p.exhibitor_a || '|' || b.stand_id FROM stand_apart p
    JOIN exhibitor b ON b.id = p.exhibitor_b ORDER BY p.exhibitor_a LIMIT 1`).split('|');
  const r = await c.post('/admin/stands/move?lang=en', { csrf: Client.csrf(page.html), exhibitor: a, stand: bStand });
  assert.equal(r.status, 200);
  assert.match(r.html, /Change of the score: <b class="delta">\+\d+\.\d\d<\/b>/);
  assert.match(r.html, /role="alert">Rule broken: competitors kept apart are now neighbours\./);
  assert.match(r.html, /role="alert">Rule broken: the stand holds more exhibitors than its capacity\./);
  assert.equal(one(`SELECT stand_id FROM exhibitor WHERE id = ${a}`), bStand);
  // the allocator repairs it
  const again = await c.get('/admin/stands');
  const fix = await c.post('/admin/stands/assign', { csrf: Client.csrf(again.html) });
  assert.equal(fix.status, 303);
  const after = await c.get('/admin/stands?lang=en');
  assert.doesNotMatch(after.html, /<td class="broken">/);
  assert.equal(one('SELECT COUNT(*) FROM exhibitor WHERE stand_id IS NULL'), '0');
});

test('a change of stand after publication is mailed to the exhibitor in its language, with the map link', async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  let page = await c.get('/admin/stands');
  assert.equal((await c.post('/admin/stands/publish', { csrf: Client.csrf(page.html) })).status, 303);
  assert.notEqual(one('SELECT published_at FROM stand_venue'), '');
  // the demo exhibitor account's cooperative, in French
  const coop = one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
  sqlite(srv.db, "UPDATE account SET lang = 'fr' WHERE email = 'exhibitor@example.org'");
  const ex = one(`SELECT id FROM exhibitor WHERE cooperative_id = ${coop}`);
  const to = one(`SELECT id || '|' || code FROM stand WHERE id NOT IN (SELECT stand_id FROM exhibitor WHERE cooperative_id = ${coop}) ORDER BY code DESC LIMIT 1`).split('|');
  page = await c.get('/admin/stands');
  const before = Number(one('SELECT COUNT(*) FROM outbox'));
  await c.post('/admin/stands/move', { csrf: Client.csrf(page.html), exhibitor: ex, stand: to[0] });
  assert.equal(Number(one('SELECT COUNT(*) FROM outbox')), before + 1);
  const msg = one("SELECT to_email || '|' || subject || '|' || body FROM outbox ORDER BY id DESC LIMIT 1");
  assert.ok(msg.startsWith('exhibitor@example.org|Votre stand\u202f: ' + to[1]), msg);
  assert.ok(msg.includes(`/plan?stand=${to[1]}`));
});

test('visitors and exhibitors cannot reach the back office\'s stand pages', async () => {
  const anon = await fetch(`${srv.base}/admin/stands`, { redirect: 'manual' });
  assert.notEqual(anon.status, 200);
  const c = new Client(srv.base);
  await c.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  assert.equal((await c.get('/admin/stands')).status, 403);
});

test('/my shows the cooperative its stand on the map; the public exhibitor page too', async () => {
  const c = new Client(srv.base);
  await c.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const coop = one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
  const [ex, code] = one(`SELECT x.id || '|' || s.code FROM exhibitor x JOIN stand s ON s.id = x.stand_id WHERE x.cooperative_id = ${coop}`).split('|');
  const my = await c.get('/my?lang=fr');
  assert.equal(my.status, 200);
  assert.ok(my.html.includes(`<b class="my-stand-code">${code}</b>`));
  assert.ok(my.html.includes(`class="stand hl" data-stand="${code}"`));
  assert.match(my.html, /Installation/);
  const pub = await (await fetch(`${srv.base}/exhibitors/${ex}?lang=ar`)).text();
  assert.ok(pub.includes(`class="stand hl" data-stand="${code}"`));
});

test('the juror\'s sheet shows the entry\'s stand code', async () => {
  const c = new Client(srv.base);
  await c.signin('jury@example.org', 'demo-jury-2024');
  const list = await c.get('/jury');
  const id = (list.html.match(/href="\/jury\/entries\/(\d+)"/) || [])[1];
  assert.ok(id, 'the juror has an entry');
  const code = one(`SELECT s.code FROM prize_entry p JOIN exhibitor x ON x.id = p.exhibitor_id JOIN stand s ON s.id = x.stand_id WHERE p.id = ${id}`);
  assert.match(code, /^A\d\d$/);
  const sheet = await c.get(`/jury/entries/${id}?lang=en`);
  assert.ok(sheet.html.includes(`<p class="stand-code">Stand <b>${code}</b></p>`));
});
