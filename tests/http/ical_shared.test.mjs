// ical_shared.test.mjs - every calendar coopfair serves goes through one
// iCalendar writer (src/export/ical.c): the programme's and the B2B
// meetings' feeds both pass the validator of the programme's tests (RFC
// 5545 required properties, folding at 75 octets on whole UTF-8
// characters, every TZID defined by a VTIMEZONE). SQLite, and PostgreSQL
// with COOPFAIR_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';
import { icalCheck } from './prog_helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });
const one = (q) => sqlite(srv.db, q).trim();

test('the B2B meetings calendar passes the same validator as the programme, VTIMEZONE included', async () => {
  // an exhibitor's accepted meetings, one with a long Arabic name to fold
  const ex = one("SELECT e.id FROM exhibitor e JOIN account a ON a.cooperative_id = e.cooperative_id WHERE a.email = 'exhibitor@example.org' AND e.edition_id = (SELECT id FROM edition WHERE slug = 'fes-meknes-2024')");
  assert.ok(ex, 'the demo exhibitor');
  const mine = +one(`SELECT count(*) FROM b2b_meeting WHERE exhibitor_id = ${ex} AND status = 'accepted'`);
  // (one accepted meeting per exhibitor and slot: take meetings of other slots)
  if (mine < 2) sqlite(srv.db, `UPDATE b2b_meeting SET exhibitor_id = ${ex} WHERE id IN (SELECT min(id) FROM b2b_meeting WHERE status = 'accepted' AND exhibitor_id <> ${ex} AND slot NOT IN (SELECT slot FROM b2b_meeting WHERE exhibitor_id = ${ex} AND status = 'accepted') GROUP BY slot ORDER BY min(id) LIMIT 2)`);
  sqlite(srv.db, `UPDATE b2b_pro SET name = 'السيدة فاطمة الزهراء بنعبد الله، مسؤولة المشتريات; "Souk, Fès"', organisation = 'متاجر الصناعة التقليدية — Boutiques d’artisanat, Fès-Meknès' WHERE id = (SELECT pro_id FROM b2b_meeting WHERE exhibitor_id = ${ex} AND status = 'accepted' ORDER BY id LIMIT 1)`);
  const c = new Client(srv.base);
  await c.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const r = await fetch(`${srv.base}/my/b2b.ics`, { headers: { cookie: c.cookie() } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/calendar/);
  const bytes = Buffer.from(await r.arrayBuffer());
  const { problems, lines } = icalCheck(bytes);
  assert.deepEqual(problems, [], bytes.toString());
  assert.ok(lines.filter((l) => l === 'BEGIN:VEVENT').length >= 2, 'two meetings at least');
  assert.ok(lines.includes('BEGIN:VTIMEZONE') && lines.includes('TZID:Africa/Casablanca'), 'the zone its times name');
  assert.ok(lines.some((l) => /^DTSTART;TZID=Africa\/Casablanca:2024\d{4}T\d{6}$/.test(l)));
  const summary = lines.find((l) => l.startsWith('SUMMARY:السيدة فاطمة الزهراء'));
  assert.ok(summary && summary.includes('المشتريات\\; "Souk\\, Fès"'), `TEXT escaped: ${summary}`);
  assert.ok(bytes.toString().split('\r\n').some((l) => l.startsWith(' ')), 'a long line was folded');
  // 2024: Ramadan's switch to +00 is in the zone, as in the programme's feed
  const prog = Buffer.from(await (await fetch(`${srv.base}/programme.ics?lang=ar`)).arrayBuffer());
  assert.deepEqual(icalCheck(prog).problems, []);
  const zone = (t) => t.toString().match(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r\n/)[0];
  assert.equal(zone(bytes), zone(prog), 'one VTIMEZONE writer for both');
  assert.match(zone(bytes), /TZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0000/);
});
