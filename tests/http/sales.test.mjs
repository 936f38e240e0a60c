// sales.test.mjs - exhibitors' sales, B2B meetings and the impact report
// over HTTP (issue 16), on SQLite and on PostgreSQL (COOPFAIR_TEST_PG).
// The report's figures are checked against independent SQL over the same
// data: each query below is written here, not copied from the model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';
import { startWithSecondEdition, sql, tables } from './impact_helpers.mjs';

let srv;
let one, ed, ed2;
// the demo with its sample 2nd edition (init --second-edition), to compare with
before(async () => {
  srv = await startWithSecondEdition();
  ({ one, ed, ed2 } = sql(srv));
});
after(async () => { await srv.stop(); });

const exhibitorId = () => one("SELECT x.id FROM exhibitor x JOIN account a ON a.cooperative_id = x.cooperative_id " +
  `WHERE a.email = 'exhibitor@example.org' AND x.edition_id = ${ed()}`);

test('the demo has sample sales over five days, B2B meetings, and a sample 2nd edition; 2024 stays current', () => {
  assert.equal(one(`SELECT count(DISTINCT day) FROM sale WHERE edition_id = ${ed()} AND is_sample = 1`), '5');
  assert.ok(+one(`SELECT count(*) FROM sale WHERE edition_id = ${ed()}`) > 500);
  assert.ok(+one(`SELECT count(*) FROM b2b_meeting WHERE edition_id = ${ed()} AND status = 'accepted'`) >= 10);
  assert.equal(one("SELECT count(*) FROM b2b_meeting WHERE is_sample = 0"), '0');
  assert.equal(one(`SELECT count(*) FROM exhibitor WHERE edition_id = ${ed2()}`), '100');
  assert.equal(one(`SELECT count(DISTINCT stand_id) FROM exhibitor WHERE edition_id = ${ed2()}`), '50');
  assert.equal(one('SELECT id FROM current_edition'), ed());
  // nobody double-booked in the sample
  assert.equal(one("SELECT count(*) FROM (SELECT exhibitor_id, slot FROM b2b_meeting WHERE status = 'accepted' GROUP BY exhibitor_id, slot HAVING count(*) > 1) t"), '0');
});

test('an exhibitor records a sale (Arabic-Indic digits), sees the day total, corrects it the same day (audited), not another day', async () => {
  const c = new Client(srv.base);
  await c.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  let page = await c.get('/my/sales');
  assert.equal(page.status, 200);
  const csrf = Client.csrf(page.html);
  let r = await c.post('/my/sales', { csrf, amount: '١٢٠', items: '٣', payment: 'cash' });
  assert.equal(r.status, 303);
  r = await c.post('/my/sales', { csrf, amount: '80', items: '1' });
  assert.equal(r.status, 303);
  page = await c.get('/my/sales?lang=en');
  assert.match(page.html, /id="day-total"[^>]*>Total of the day <strong>200<\/strong> dirhams · Items <strong>4<\/strong>/);
  const ex = exhibitorId();
  const id = one(`SELECT id FROM sale WHERE exhibitor_id = ${ex} AND amount = 120 AND is_sample = 0`);
  r = await c.post('/my/sales/fix', { csrf, id, amount: '150', items: '3', payment: 'card' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT amount || ' ' || payment FROM sale WHERE id = ${id}`), '150 card');
  assert.equal(one(`SELECT count(*) FROM audit WHERE action = 'sale.correct' AND object_id = ${id}`), '1');
  assert.match(one(`SELECT before_json FROM audit WHERE action = 'sale.correct' AND object_id = ${id}`), /"amount":120/);
  // a bad amount is refused with a message, nothing recorded
  const before = one('SELECT count(*) FROM sale');
  r = await c.post('/my/sales', { csrf, amount: 'abc', items: '1' });
  assert.equal(r.headers.get('location'), '/my/sales?error=invalid');
  assert.equal(one('SELECT count(*) FROM sale'), before);
  // another exhibitor's sale cannot be corrected or even confirmed
  const other = one(`SELECT id FROM sale WHERE exhibitor_id <> ${ex} LIMIT 1`);
  r = await c.post('/my/sales/fix', { csrf, id: other, remove: '1' });
  assert.equal(r.status, 404);
  assert.equal(one(`SELECT removed FROM sale WHERE id = ${other}`), '0');
  // a sale of an earlier day is closed to the exhibitor
  sqlite(srv.db, `UPDATE sale SET day = '2024-02-20' WHERE id = ${id}`);
  r = await c.post('/my/sales/fix', { csrf, id, remove: '1' });
  assert.equal(r.headers.get('location'), '/my/sales?error=day');
  assert.equal(one(`SELECT removed FROM sale WHERE id = ${id}`), '0');
  sqlite(srv.db, `UPDATE sale SET day = (SELECT max(day) FROM sale WHERE is_sample = 0 AND id <> ${id}) WHERE id = ${id}`);
  r = await c.post('/my/sales/fix', { csrf, id, remove: '1' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT count(*) FROM audit WHERE action = 'sale.remove' AND object_id = ${id}`), '1');
  // an exhibitor sees only their own sales and cannot open the committee's pages
  assert.equal((await c.get('/admin/sales')).status, 403);
  assert.equal((await c.get('/admin/impact')).status, 403);
});

test("the impact report's totals agree with independent SQL over the same data", async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const page = await c.get(`/admin/impact?lang=en&vs=${ed2()}`);
  assert.equal(page.status, 200);
  assert.match(page.html, /class="sample"/);
  assert.match(page.html, /<svg[^>]*role="img"/);
  const t = tables(page.html);
  const E = ed(), E2 = ed2();
  const k = t.key_figures;
  assert.ok(k && Object.keys(k).length >= 10, 'key figures read');
  for (const [e, col] of [[E, 0], [E2, 1]]) {
    const n = +one(`SELECT count(*) FROM exhibitor WHERE edition_id = ${e}`);
    const sales = +one(`SELECT COALESCE(sum(amount), 0) FROM sale WHERE edition_id = ${e} AND removed = 0`);
    const wl = +one(`SELECT COALESCE(sum(s.amount), 0) FROM sale s, exhibitor x, cooperative c WHERE s.exhibitor_id = x.id AND x.cooperative_id = c.id AND c.women_led = 1 AND s.removed = 0 AND s.edition_id = ${e}`);
    assert.equal(k.exhibitors[col], n);
    assert.equal(k.women_led[col], +one(`SELECT count(*) FROM exhibitor x, cooperative c WHERE c.id = x.cooperative_id AND c.women_led = 1 AND x.edition_id = ${e}`));
    assert.equal(k.members_women[col], +one(`SELECT sum(c.members_women) FROM exhibitor x, cooperative c WHERE c.id = x.cooperative_id AND x.edition_id = ${e}`));
    assert.equal(k.sales[col], sales);
    assert.equal(k.items[col], +one(`SELECT COALESCE(sum(items), 0) FROM sale WHERE edition_id = ${e} AND removed = 0`));
    assert.equal(k.average[col], Math.floor(sales / n));
    assert.equal(k.women_share[col], Math.round((100 * wl) / sales));
    assert.equal(k.visits[col], +one(`SELECT count(*) FROM checkin WHERE edition_id = ${e} AND result = 'ok' AND direction = 'in'`));
    assert.equal(k.b2b_requests[col], +one(`SELECT count(*) FROM b2b_meeting WHERE edition_id = ${e}`));
    assert.equal(k.b2b_accepted[col], +one(`SELECT count(*) FROM b2b_meeting WHERE edition_id = ${e} AND status = 'accepted'`));
  }
  assert.ok(k.sales[0] > 0 && k.sales[1] > 0);
  assert.equal(k.winners[0], +one(`SELECT count(*) FROM prize_result r, prize_entry p, prize_category g, category k WHERE p.id = r.entry_id AND g.category_id = p.category_id AND k.id = p.category_id AND k.edition_id = ${E} AND g.state = 'published' AND r.rank >= 1 AND r.rank <= g.winners`));
  // per category, day, province, visitors per day
  const byCat = Object.fromEntries(one(`SELECT k.code, sum(s.amount) FROM sale s, category k WHERE k.id = s.category_id AND s.removed = 0 AND s.edition_id = ${E} GROUP BY k.code`).split('\n').map((l) => l.split('|')));
  assert.equal(Object.keys(t.sales_category).length, Object.keys(byCat).length);
  for (const [code, v] of Object.entries(byCat)) assert.equal(t.sales_category[code][0], +v, code);
  const byDay = Object.fromEntries(one(`SELECT day, sum(amount) FROM sale WHERE removed = 0 AND edition_id = ${E} GROUP BY day`).split('\n').map((l) => l.split('|')));
  for (const [d, v] of Object.entries(byDay)) assert.equal(t.sales_day[d][0], +v, d);
  assert.ok(Object.keys(byDay).length >= 5);
  const byProv = Object.fromEntries(one(`SELECT p.code, sum(s.amount) FROM sale s, exhibitor x, cooperative c, province p WHERE s.exhibitor_id = x.id AND c.id = x.cooperative_id AND p.id = c.province_id AND s.removed = 0 AND s.edition_id = ${E} GROUP BY p.code`).split('\n').map((l) => l.split('|')));
  for (const [p, v] of Object.entries(byProv)) assert.equal(t.sales_province[p][0], +v, p);
  const exProv = Object.fromEntries(one(`SELECT p.code, count(*) FROM exhibitor x, cooperative c, province p WHERE c.id = x.cooperative_id AND p.id = c.province_id AND x.edition_id = ${E} GROUP BY p.code`).split('\n').map((l) => l.split('|')));
  for (const [p, v] of Object.entries(exProv)) assert.equal(t.exhibitors_province[p][0], +v, p);
  const visits = Object.fromEntries(one(`SELECT day, count(*) FROM checkin WHERE edition_id = ${E} AND result = 'ok' AND direction = 'in' GROUP BY day`).split('\n').map((l) => l.split('|')));
  for (const [d, v] of Object.entries(visits)) assert.equal(t.visitors_day[d][0], +v, d);
  // every edition of every region, side by side
  assert.equal(t.editions_regions['fes-meknes-2025-07'][2], k.sales[1]);
  // CSV carries the same figures; XLSX is a workbook; the PDF is Arabic, shaped
  const csv = await c.get(`/admin/impact.csv?vs=${E2}`);
  assert.equal(csv.status, 200);
  assert.match(csv.html, new RegExp(`^key_figures;sales;[^;]*;;${k.sales[0]};${k.sales[1]};`, 'm'));
  const cookie = c.cookie();
  const xlsx = Buffer.from(await (await fetch(`${srv.base}/admin/impact.xlsx`, { headers: { cookie } })).arrayBuffer());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  const dir = mkdtempSync(join(tmpdir(), 'impact-'));
  writeFileSync(join(dir, 'r.xlsx'), xlsx);
  const sheets = execFileSync('unzip', ['-Z1', join(dir, 'r.xlsx')], { encoding: 'utf8' }).split('\n').filter((l) => /worksheets\/sheet\d+\.xml$/.test(l));
  assert.ok(sheets.length >= 12, `one sheet per table: ${sheets.length}`);
  const pdf = Buffer.from(await (await fetch(`${srv.base}/admin/impact.pdf?lang=ar`, { headers: { cookie } })).arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  writeFileSync(join(dir, 'r.pdf'), pdf);
  const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  // (pdftotext splits the lam-alef ligature: words without one are checked)
  assert.match(text, /فاس مكناس/);
  assert.match(text, /المبيعات حسب/);
  assert.match(text, /مثال/);
});

test('B2B: a professional registers and requests; the exhibitor accepts; a table is booked; iCalendar', async () => {
  const anon = new Client(srv.base);
  const form = await anon.get('/b2b?lang=en');
  assert.equal(form.status, 200);
  let r = await anon.post('/b2b', { csrf: Client.csrf(form.html), kind: 'buyer', name: 'Nadia <b>Buyer</b>', organisation: 'Shop & Co' });
  assert.equal(r.status, 303);
  const token = r.headers.get('location').split('/').pop();
  assert.match(token, /^[0-9a-f]{32}$/);
  const me = await anon.get(`/b2b/p/${token}?lang=en`);
  assert.equal(me.status, 200);
  assert.ok(me.html.includes('Nadia &lt;b&gt;Buyer&lt;/b&gt;'), 'names escaped');
  const ex = exhibitorId();
  r = await anon.post('/b2b/request', { csrf: Client.csrf(me.html), token, exhibitor: ex, slot: '2024-02-22T15:30', note: 'tapis' });
  assert.equal(r.status, 303);
  const bad = await anon.post('/b2b/request', { csrf: Client.csrf(me.html), token, exhibitor: ex, slot: '2024-03-01T15:30' });
  assert.match(bad.headers.get('location'), /error=invalid/);
  const mid = one(`SELECT m.id FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id WHERE p.token = '${token}'`);
  const exc = new Client(srv.base);
  await exc.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const my = await exc.get('/my/b2b?lang=en');
  assert.match(my.html, new RegExp(`data-meeting="${mid}"`));
  r = await exc.post('/my/b2b/answer', { csrf: Client.csrf(my.html), id: mid, accept: '1' });
  assert.equal(r.headers.get('location'), '/my/b2b');
  assert.equal(one(`SELECT status || ' ' || CASE WHEN table_id IS NULL THEN 'none' ELSE 'table' END FROM b2b_meeting WHERE id = ${mid}`), 'accepted table');
  r = await exc.post('/my/b2b/outcome', { csrf: Client.csrf(my.html), id: mid, outcome: 'order' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT outcome_exhibitor FROM b2b_meeting WHERE id = ${mid}`), 'order');
  const ics = await anon.get(`/b2b/calendar.ics?token=${token}`);
  assert.match(ics.headers.get('content-type'), /text\/calendar/);
  assert.match(ics.html, /BEGIN:VEVENT\r\nUID:b2b-meeting-\d+@coopfair\r\n/);
  assert.match(ics.html, /DTSTART;TZID=Africa\/Casablanca:20240222T153000\r\n/);
  // both schedules as PDF: the professional's in Arabic, shaped
  const cookie = exc.cookie();
  const dir = mkdtempSync(join(tmpdir(), 'b2b-'));
  const pdf = Buffer.from(await (await fetch(`${srv.base}/b2b/schedule.pdf?token=${token}&lang=ar`)).arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  writeFileSync(join(dir, 'p.pdf'), pdf);
  const ptext = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  assert.match(ptext, /لقاءاتي المهنية/);
  assert.match(ptext, /Nadia/);
  const mine = Buffer.from(await (await fetch(`${srv.base}/my/b2b.pdf?lang=fr`, { headers: { cookie } })).arrayBuffer());
  writeFileSync(join(dir, 'm.pdf'), mine);
  assert.match(execFileSync('pdftotext', [join(dir, 'm.pdf'), '-'], { encoding: 'utf8' }), /Nadia <b>Buyer<\/b> \(Shop & Co\)/);
  assert.equal((await fetch(`${srv.base}/b2b/schedule.pdf?token=nope`)).status, 404);
  const myics = await exc.get('/my/b2b.ics');
  assert.match(myics.html, /SUMMARY:Nadia <b>Buyer<\/b> \(Shop & Co\)/);
  assert.equal((await anon.get('/b2b/p/0123456789abcdef0123456789abcdef')).status, 404);
  const admin = new Client(srv.base);
  await admin.signin('committee@example.org', 'demo-committee-2024');
  const a = await admin.get('/admin/b2b?lang=en');
  assert.equal(a.status, 200);
  assert.match(a.html, new RegExp(`id="b2b-requests">${one(`SELECT count(*) FROM b2b_meeting WHERE edition_id = ${ed()}`)}<`));
});

test('B2B: eight accepts in one slot at once book the exhibitor once', async () => {
  const ex = exhibitorId();
  const slot = '2024-02-23T11:30';
  const anon = new Client(srv.base);
  const ids = [];
  for (let i = 0; i < 8; i++) {
    const form = await anon.get('/b2b');
    const r = await anon.post('/b2b', { csrf: Client.csrf(form.html), kind: 'shop', name: `Pro ${i}` });
    const token = r.headers.get('location').split('/').pop();
    const me = await anon.get(`/b2b/p/${token}`);
    await anon.post('/b2b/request', { csrf: Client.csrf(me.html), token, exhibitor: ex, slot });
    ids.push(one(`SELECT m.id FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id WHERE p.token = '${token}'`));
  }
  const exc = new Client(srv.base);
  await exc.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const csrf = Client.csrf((await exc.get('/my/b2b')).html);
  const rs = await Promise.all(ids.map((id) => exc.post('/my/b2b/answer', { csrf, id, accept: '1' })));
  const ok = rs.filter((r) => r.headers.get('location') === '/my/b2b').length;
  assert.equal(ok, 1, rs.map((r) => `${r.status} ${r.headers.get('location')}`).join(', '));
  assert.equal(rs.filter((r) => r.headers.get('location') === '/my/b2b?error=busy').length, 7);
  assert.equal(one(`SELECT count(*) FROM b2b_meeting WHERE exhibitor_id = ${ex} AND slot = '${slot}' AND status = 'accepted'`), '1');
});

test("the report sets every region's editions side by side when several regions' fairs share the database", async () => {
  sqlite(srv.db, "INSERT INTO edition (slug, number, name_ar, name_fr, name_en, city_ar, city_fr, city_en, region_id, starts_on, ends_on, area_m2, state) " +
    "VALUES ('casa-2025', 1, 'معرض الدار البيضاء', 'Salon de Casablanca', 'Casablanca fair', 'الدار البيضاء', 'Casablanca', 'Casablanca', 6, '2025-10-01', '2025-10-03', 900, 'over')");
  const casa = one("SELECT id FROM edition WHERE slug = 'casa-2025'");
  sqlite(srv.db, `INSERT INTO category (edition_id, code, name_ar, name_fr, name_en) VALUES (${casa}, 'crafts', 'ص', 'Artisanat', 'Crafts')`);
  sqlite(srv.db, `INSERT INTO exhibitor (edition_id, cooperative_id, category_id) SELECT ${casa}, min(id), (SELECT id FROM category WHERE edition_id = ${casa}) FROM cooperative`);
  sqlite(srv.db, `INSERT INTO sale (edition_id, exhibitor_id, day, amount, items, category_id, created_at, updated_at) SELECT ${casa}, x.id, '2025-10-01', 777, 1, x.category_id, '2025-10-01T10:00:00Z', '2025-10-01T10:00:00Z' FROM exhibitor x WHERE x.edition_id = ${casa}`);
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const page = await c.get('/admin/impact?lang=fr');
  const t = tables(page.html);
  assert.deepEqual(t.editions_regions['casa-2025'], [1, +one(`SELECT c.women_led FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id WHERE x.edition_id = ${casa}`), 777, 0]);
  const row = page.html.split('data-key="casa-2025"')[1].split('</tr>')[0];
  assert.match(row, /Casablanca-Settat/);
  assert.equal(Object.keys(t.editions_regions).length, +one('SELECT count(*) FROM edition'));
});
