// impact.test.mjs - the impact report's programme section (issue 16): sessions
// held per kind and per space, places booked, participants present and
// waiting lists, beside the compared edition, on the page, in the CSV, the
// XLSX and the PDF; on SQLite and on PostgreSQL (COOPFAIR_TEST_PG).
// The figures are checked against SQL written here, not copied from the
// model (one LEFT JOIN where the model counts per session, then adds up).
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
let one, lines, ed, ed2;
before(async () => {
  srv = await startWithSecondEdition();
  ({ one, lines, ed, ed2 } = sql(srv));
});
after(async () => { await srv.stop(); });


let tok = 0;
/** book - n bookings of session sid with status and attended */
function book(sid, status, attended, n) {
  for (let i = 0; i < n; i++) {
    tok++;
    sqlite(srv.db, `INSERT INTO prog_booking (session_id, name, status, token, attended, created_at) VALUES (${sid}, 'Test ${tok}', '${status}', 'impact-test-token-${tok}', ${attended}, '2024-01-01T00:00:00Z')`);
  }
}

/** session - a new session of edition e in space (or 'NULL'); its id */
function session(e, space, kind, startsAt) {
  sqlite(srv.db, `INSERT INTO prog_session (edition_id, space_id, kind, title_ar, title_fr, title_en, starts_at, ends_at, capacity, booking) VALUES (${e}, ${space}, '${kind}', 'ج', 'S', 'S', '${startsAt}', '${startsAt.slice(0, 11)}23:00', 50, 1)`);
  return one(`SELECT max(id) FROM prog_session WHERE edition_id = ${e}`);
}

// per key (kind or space id), [sessions, held, booked, present, waiting]
const perKey = (e, keyExpr, now) => Object.fromEntries(lines(
  `SELECT ${keyExpr}, count(DISTINCT s.id), count(DISTINCT CASE WHEN s.starts_at < '${now}' THEN s.id END), ` +
  "COALESCE(sum(CASE WHEN b.status = 'booked' THEN 1 ELSE 0 END), 0), COALESCE(sum(b.attended), 0), " +
  "COALESCE(sum(CASE WHEN b.status = 'waiting' THEN 1 ELSE 0 END), 0) " +
  `FROM prog_session s LEFT JOIN prog_booking b ON b.session_id = s.id WHERE s.edition_id = ${e} GROUP BY ${keyExpr}`,
).map(([k, ...v]) => [k, v.map(Number)]));

test("the report's programme per kind, per space and in the key figures agrees with independent SQL, beside the compared edition", async () => {
  const E = ed(), E2 = ed2();
  // the 2nd edition gets a programme: a space, a session in it, one in no
  // space, one to come; the 2024 edition a session to come (not held)
  sqlite(srv.db, `INSERT INTO space (edition_id, kind, name_ar, name_fr, name_en, position) VALUES (${E2}, 'agora', 'أكورا', 'Agora 2025', 'Agora 2025', 1)`);
  const sp2 = one(`SELECT id FROM space WHERE edition_id = ${E2}`);
  const a = session(E2, sp2, 'workshop', '2025-07-10T10:00');
  book(a, 'booked', 1, 7);
  book(a, 'booked', 0, 2);
  book(a, 'waiting', 0, 3);
  book(a, 'cancelled', 0, 1);
  const b = session(E2, 'NULL', 'talk', '2025-07-11T15:00');
  book(b, 'booked', 1, 4);
  session(E2, sp2, 'workshop', '2099-07-12T10:00');
  const c = session(E, 2, 'workshop', '2099-02-22T10:00');
  book(c, 'waiting', 0, 2);

  const cl = new Client(srv.base);
  await cl.signin('committee@example.org', 'demo-committee-2024');
  const page = await cl.get(`/admin/impact?lang=en&vs=${E2}`);
  assert.equal(page.status, 200);
  const t = tables(page.html);
  const now = new Date(Date.now() + 3600e3).toISOString().slice(0, 16); // Morocco: UTC+1 at most
  const kinds = perKey(E, 's.kind', now), spaces = perKey(E, 'COALESCE(s.space_id, 0)', now);
  assert.ok(Object.keys(kinds).length >= 5, 'the demo programme has several kinds');
  assert.deepEqual(t.programme_kind, kinds);
  assert.deepEqual(t.programme_space, spaces);
  assert.equal(t.programme_kind.workshop[1], t.programme_kind.workshop[0] - 1, 'the session to come is not held');
  assert.ok(t.programme_kind.meeting[3] > 0, "the coaching meeting's participants present are counted");
  // the key figures of both editions
  const k = t.key_figures;
  for (const [e, col] of [[E, 0], [E2, 1]]) {
    const tot = lines(`SELECT count(DISTINCT CASE WHEN s.starts_at < '${now}' THEN s.id END), ` +
      "COALESCE(sum(CASE WHEN b.status = 'booked' THEN 1 ELSE 0 END), 0), COALESCE(sum(b.attended), 0), " +
      "COALESCE(sum(CASE WHEN b.status = 'waiting' THEN 1 ELSE 0 END), 0) " +
      `FROM prog_session s LEFT JOIN prog_booking b ON b.session_id = s.id WHERE s.edition_id = ${e}`)[0].map(Number);
    assert.deepEqual([k.prog_held[col], k.prog_booked[col], k.prog_present[col], k.prog_waiting[col]], tot, `edition ${e}`);
  }
  assert.deepEqual([k.prog_held[1], k.prog_booked[1], k.prog_present[1], k.prog_waiting[1]], [2, 13, 11, 3]);
  // the 2nd edition's own report: the session in no space has its row
  const p2 = tables((await cl.get(`/admin/impact?lang=en&edition=${E2}&vs=0`)).html);
  assert.deepEqual(p2.programme_space, perKey(E2, 'COALESCE(s.space_id, 0)', now));
  assert.deepEqual(p2.programme_space['0'], [1, 1, 4, 4, 0]);
  assert.deepEqual(p2.programme_space[sp2], [2, 1, 9, 7, 3]);

  // in French and Arabic: titles and names translated
  const fr = await cl.get(`/admin/impact?lang=fr&edition=${E2}&vs=0`);
  assert.match(fr.html, /<h2>Programme par espace<\/h2>/);
  assert.match(fr.html, /<bdi>Hors des espaces<\/bdi>/);
  assert.match(fr.html, /<bdi>Atelier<\/bdi>/);
  const ar = await cl.get(`/admin/impact?lang=ar&vs=${E2}`);
  assert.match(ar.html, /<h2>البرنامج حسب نوع الجلسة<\/h2>/);
  assert.match(ar.html, /<bdi>ورشة<\/bdi>/);

  // CSV: the same figures, five value columns
  const csv = await cl.get(`/admin/impact.csv?vs=${E2}`);
  assert.equal(csv.status, 200);
  assert.match(csv.html, /^table;key;name;group;v1;v2;v3;v4;v5;source\r$/m);
  const w = kinds.workshop;
  assert.match(csv.html, new RegExp(`^programme_kind;workshop;[^;]*;;${w.join(';')};"?prog_counts`, 'm'));
  assert.match(csv.html, new RegExp(`^key_figures;prog_present;[^;]*;;${k.prog_present[0]};${k.prog_present[1]};`, 'm'));
  // XLSX: one sheet per table, the programme's two among them
  const cookie = cl.cookie();
  const dir = mkdtempSync(join(tmpdir(), 'impact-prog-'));
  const xlsx = Buffer.from(await (await fetch(`${srv.base}/admin/impact.xlsx?lang=fr&vs=${E2}`, { headers: { cookie } })).arrayBuffer());
  writeFileSync(join(dir, 'r.xlsx'), xlsx);
  const sheets = execFileSync('unzip', ['-Z1', join(dir, 'r.xlsx')], { encoding: 'utf8' }).split('\n').filter((l) => /worksheets\/sheet\d+\.xml$/.test(l));
  assert.equal(sheets.length, Object.keys(t).length, 'one sheet per table');
  const strings = execFileSync('unzip', ['-p', join(dir, 'r.xlsx'), 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.match(strings, /Programme par type de séance/);
  assert.match(strings, /Séances tenues/);
  // PDF, in Arabic: the programme's tables are drawn
  const pdf = Buffer.from(await (await fetch(`${srv.base}/admin/impact.pdf?lang=ar&vs=${E2}`, { headers: { cookie } })).arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  writeFileSync(join(dir, 'r.pdf'), pdf);
  const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text, /البرنامج حسب الفضاء/);
  assert.match(text, /البرنامج حسب نوع الجلسة/);
  assert.match(text, /ورشة/);
});
