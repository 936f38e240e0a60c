// gate.test.mjs - badges, the desk, the gate page, the JSON API and the
// counts over HTTP (on SQLite, and on PostgreSQL with COOPFAIR_TEST_PG).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';
import { makeBadges, gateKey, checkin } from './gate_helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const one = (q) => sqlite(srv.db, q).trim();

test('the demo has badges for exhibitors, jury and officials, and sample check-ins on five days', () => {
  const roles = Object.fromEntries(one("SELECT role, count(*) FROM badge WHERE is_sample = 1 GROUP BY role").split('\n').map((l) => l.split('|')));
  assert.equal(+roles.exhibitor, +one('SELECT count(*) FROM exhibitor'));
  assert.ok(+roles.jury >= 1 && +roles.official >= 1 && +roles.visitor >= 100, JSON.stringify(roles));
  assert.equal(one("SELECT count(DISTINCT day) FROM checkin WHERE is_sample = 1 AND result = 'ok'"), '5');
  assert.equal(one("SELECT min(day) || ' ' || max(day) FROM checkin WHERE is_sample = 1"), '2024-02-20 2024-02-24');
});

test('the dashboard shows the sample counts, labelled, with charts, and exports CSV', async () => {
  const c = new Client(srv.base);
  await c.signin('desk@example.org', 'demo-desk-2024');
  const page = await c.get('/desk/counts?lang=en');
  assert.equal(page.status, 200);
  assert.match(page.html, /class="sample"/);
  assert.match(page.html, /<svg[^>]*role="img"/);
  const entries = one("SELECT count(*) FROM checkin WHERE result = 'ok' AND direction = 'in'");
  assert.ok(+entries > 1000);
  assert.ok(page.html.includes(Number(entries).toLocaleString('en-US')) || page.html.includes(entries), 'total entries shown');
  for (const d of ['20', '21', '22', '23', '24']) assert.match(page.html, new RegExp(`/desk/counts\\?day=2024-02-${d}`));
  const csv = await c.get('/desk/counts.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const day20 = one("SELECT count(*) FROM checkin WHERE result = 'ok' AND direction = 'in' AND day = '2024-02-20'");
  assert.match(csv.html, new RegExp(`^day,"2024-02-20",${day20},\\d+\\r$`, 'm'));
});

test('a visitor registers without phone or email and gets a badge with a QR code and the token', async () => {
  const c = new Client(srv.base);
  const form = await c.get('/badges/new?lang=en');
  assert.equal(form.status, 200);
  const r = await c.post('/badges/new', { csrf: Client.csrf(form.html), name_ar: 'سلمى بناني', name_latin: 'Salma Bennani' });
  assert.equal(r.status, 303);
  const token = r.headers.get('location').split('/').pop();
  assert.match(token, /^[0-9a-f]{32}$/);
  const badge = await c.get(`/badge/${token}`);
  assert.equal(badge.status, 200);
  assert.match(badge.html, /<svg class="qr"[^>]*><rect[^>]*\/><path fill="#000" d="M\d+ \d+h1v1h-1z/);
  assert.ok(badge.html.includes(`<code>${token}</code>`));
  assert.ok(badge.html.includes('سلمى بناني'));
  assert.equal(one(`SELECT role || phone || email FROM badge WHERE token = '${token}'`), 'visitor');
  const empty = await c.post('/badges/new', { csrf: Client.csrf(form.html), name_ar: '', name_latin: '' });
  assert.equal(empty.status, 400);
  assert.equal((await c.get('/badge/00000000000000000000000000000000')).status, 404);
});

test('the gate page: green, then already inside; exit; unknown; anonymous refused', async () => {
  const [token] = makeBadges(srv.db, 1);
  const anon = new Client(srv.base);
  const refused = await anon.get('/desk');
  assert.notEqual(refused.status, 200);
  const c = new Client(srv.base);
  await c.signin('desk@example.org', 'demo-desk-2024');
  const desk = await c.get('/desk?lang=en');
  assert.equal(desk.status, 200);
  const gate = desk.html.match(/href="\/desk\/gate\/(\d+)\?dir=in"/)[1];
  const page = await c.get(`/desk/gate/${gate}?dir=in&lang=en`);
  assert.match(page.html, /<input name="code" autofocus/);
  const scan = (code, dir = 'in') => c.post(`/desk/gate/${gate}?lang=en`, { csrf: Client.csrf(page.html), code, dir });
  let r = await scan(token);
  assert.equal(r.status, 200);
  assert.match(r.html, /gate-green" role="status" data-result="ok"/);
  r = await scan(token);
  assert.match(r.html, /gate-red" role="status" data-result="inside"/);
  assert.match(r.html, /Already inside/);
  r = await scan(`https://fair.example.org/badge/${token}`, 'out'); // a QR holding the badge URL
  assert.match(r.html, /data-result="ok"/);
  r = await scan(token, 'out');
  assert.match(r.html, /data-result="outside"/);
  r = await scan('nonsense');
  assert.match(r.html, /data-result="unknown"/);
  assert.equal(one(`SELECT count(*) FROM checkin c JOIN badge b ON b.id = c.badge_id WHERE b.token = '${token}' AND c.result = 'ok'`), '2');
});

test('a lost badge is re-issued: the old token answers revoked, the new one green', async () => {
  const [token] = makeBadges(srv.db, 1, 'press');
  const id = one(`SELECT id FROM badge WHERE token = '${token}'`);
  const c = new Client(srv.base);
  await c.signin('desk@example.org', 'demo-desk-2024');
  const desk = await c.get('/desk?lang=en');
  const r = await c.post(`/desk/badges/${id}/reissue`, { csrf: Client.csrf(desk.html) });
  assert.equal(r.status, 200);
  const fresh = one(`SELECT token FROM badge WHERE replaces_id = ${id}`);
  assert.match(fresh, /^[0-9a-f]{32}$/);
  assert.notEqual(fresh, token);
  const key = gateKey(srv.db);
  assert.equal((await checkin(srv.base, key, token)).body.result, 'revoked');
  assert.equal((await checkin(srv.base, key, fresh)).body.result, 'ok');
  // a walk-in registered at the desk
  const w = await c.post('/desk/badges', { csrf: Client.csrf(desk.html), role: 'staff', name_latin: 'Walk In', organisation: 'ODCo' });
  assert.equal(w.status, 200);
  assert.match(w.html, /<svg class="qr"/);
  assert.equal(one("SELECT role || '|' || organisation FROM badge WHERE name_latin = 'Walk In'"), 'staff|ODCo');
});

test('the JSON API: key required, idempotent with a key, rules per role, day and hours', async () => {
  const [a, b] = makeBadges(srv.db, 2, 'jury');
  const key = gateKey(srv.db);
  assert.equal((await checkin(srv.base, 'wrong', a)).status, 401);
  const bad = await fetch(`${srv.base}/api/gate/checkin`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"direction":"in"}' });
  assert.equal(bad.status, 400);
  let r = await checkin(srv.base, key, a, 'in', 'scan-a-1');
  assert.deepEqual([r.status, r.body.result, r.body.green, r.body.replay], [200, 'ok', true, false]);
  r = await checkin(srv.base, key, a, 'in', 'scan-a-1');
  assert.deepEqual([r.body.result, r.body.replay], ['ok', true]);
  assert.equal(one("SELECT count(*) FROM checkin WHERE idem = 'scan-a-1'"), '1');
  r = await checkin(srv.base, key, a, 'in', 'scan-a-2');
  assert.equal(r.body.result, 'inside');
  // a rule: jurors only on a day that is not today
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const admin = await c.get('/desk/counts?lang=en');
  const add = await c.post('/admin/gate/rules', { csrf: Client.csrf(admin.html), role: 'jury', day: '2024-02-21' });
  assert.equal(add.status, 303);
  r = await checkin(srv.base, key, b, 'in');
  assert.equal(r.body.result, 'day');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date());
  // today, but in hours that are not now (judging hours): red, "hours"
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Casablanca', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
  const h = +hm.slice(0, 2);
  const later = h < 22 ? [`${String(h + 1).padStart(2, '0')}:00`, `${String(h + 2).padStart(2, '0')}:00`] : ['00:00', '01:00'];
  let ru = await c.post('/admin/gate/rules', { csrf: Client.csrf(admin.html), role: 'jury', day: today, opens: later[0], closes: later[1] });
  assert.equal(ru.status, 303);
  r = await checkin(srv.base, key, b, 'in');
  assert.deepEqual([r.body.result, r.body.green], ['hours', false]);
  const shown = await c.get('/desk/counts?lang=en');
  assert.ok(shown.html.includes(`${later[0]}–${later[1]}`), 'the rule shows its hours');
  // a malformed or empty window is refused
  ru = await c.post('/admin/gate/rules', { csrf: Client.csrf(admin.html), role: 'jury', day: today, opens: '12:00', closes: '11:00' });
  assert.equal(ru.status, 400);
  // the same day's rule again, with hours around now (or none): green
  await c.post('/admin/gate/rules', { csrf: Client.csrf(admin.html), role: 'jury', day: today, opens: '', closes: '' });
  r = await checkin(srv.base, key, b, 'in');
  assert.equal(r.body.result, 'ok');
  assert.equal(one(`SELECT count(*) FROM gate_rule WHERE role = 'jury' AND day = '${today}'`), '1');
});

test('the tap counter counts visitors without a badge', async () => {
  const c = new Client(srv.base);
  await c.signin('desk@example.org', 'demo-desk-2024');
  const desk = await c.get('/desk');
  const gate = desk.html.match(/action="\/desk\/gate\/(\d+)\/tap"/)[1];
  const before = +one(`SELECT count(*) FROM gate_tap WHERE gate_id = ${gate} AND direction = 'in'`);
  const r = await c.post(`/desk/gate/${gate}/tap`, { csrf: Client.csrf(desk.html), dir: 'in' });
  assert.equal(r.status, 303);
  assert.equal(+one(`SELECT count(*) FROM gate_tap WHERE gate_id = ${gate} AND direction = 'in'`), before + 1);
});

test('badge PDFs: one badge with Arabic text and the token; 320 badges on sheets of 8 in seconds', async () => {
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const token = one("SELECT token FROM badge WHERE role = 'official' ORDER BY id LIMIT 1");
  const c = new Client(srv.base);
  const r = await fetch(`${srv.base}/badge/${token}.pdf`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const f = join(srv.dir, 'one.pdf');
  writeFileSync(f, Buffer.from(await r.arrayBuffer()));
  const text = execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(token), 'token printed');
  assert.match(text, /Wali de la région/);
  assert.match(execFileSync('pdfinfo', [f], { encoding: 'utf8' }), /Pages:\s+1\b/);
  // 320 badges of one role (the demo's visitors and more), sheets of 8
  const have = +one("SELECT count(*) FROM badge WHERE role = 'visitor' AND revoked = 0");
  if (have < 320) makeBadges(srv.db, 320 - have);
  await c.signin('desk@example.org', 'demo-desk-2024');
  const want = +one("SELECT count(*) FROM badge WHERE role = 'visitor' AND revoked = 0");
  assert.ok(want >= 320);
  const t0 = Date.now();
  const res = await fetch(`${srv.base}/desk/badges.pdf?role=visitor`, { headers: { cookie: c.cookie() } });
  assert.equal(res.status, 200);
  const sheets = join(srv.dir, 'sheets.pdf');
  writeFileSync(sheets, Buffer.from(await res.arrayBuffer()));
  const ms = Date.now() - t0;
  assert.match(execFileSync('pdfinfo', [sheets], { encoding: 'utf8' }), new RegExp(`Pages:\\s+${Math.ceil(want / 8)}\\b`));
  assert.ok(ms < 30000, `${want} badges took ${ms} ms`);
});

test('the counts as XLSX: a real workbook with the days', async () => {
  const c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
  const r = await fetch(`${srv.base}/desk/counts.xlsx`, { headers: { cookie: c.cookie() } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  const { writeFileSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const f = `${srv.dir}/counts.xlsx`;
  writeFileSync(f, Buffer.from(await r.arrayBuffer()));
  const strings = execFileSync('unzip', ['-p', f, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.match(strings, /2024-02-20/);
  assert.match(strings, /2024-02-24/);
});

test('a batch of 320 badges prints in the background and shows its progress, without JavaScript', async () => {
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const have = +one("SELECT count(*) FROM badge WHERE role = 'press' AND revoked = 0");
  if (have < 320) makeBadges(srv.db, 320 - have, 'press');
  const want = +one("SELECT count(*) FROM badge WHERE role = 'press' AND revoked = 0");
  const c = new Client(srv.base);
  await c.signin('desk@example.org', 'demo-desk-2024');
  const desk = await c.get('/desk?lang=en');
  assert.match(desk.html, /<form method="post" action="\/desk\/batches"/);
  const start = await c.post('/desk/batches', { csrf: Client.csrf(desk.html), role: 'press' });
  assert.equal(start.status, 303);
  const where = start.headers.get('location');
  assert.match(where, /\/desk\/batches\/\d+$/);
  const path = new URL(where, srv.base).pathname;
  let sawDrawing = 0, last = -1, page;
  const t0 = Date.now();
  for (;;) {
    const r = await fetch(`${srv.base}${path}?lang=en`, { headers: { cookie: c.cookie() } });
    assert.equal(r.status, 200);
    page = await r.text();
    const m = page.match(/<progress id="batch-progress" max="(\d+)" value="(\d+)"/);
    assert.ok(m, 'a progress bar');
    assert.equal(+m[1], want);
    assert.ok(+m[2] >= last, 'the count never goes back');
    last = +m[2];
    if (!page.includes('id="batch-pdf"')) {
      // still drawing: the page reloads itself (no JavaScript needed)
      assert.equal(r.headers.get('refresh'), '1');
      assert.match(page, /Badges: [\d,]+ \/ /);
      sawDrawing++;
      assert.ok(Date.now() - t0 < 60000, 'the batch ends');
      await new Promise((res) => setTimeout(res, 100));
      continue;
    }
    assert.equal(r.headers.get('refresh'), null);
    break;
  }
  assert.ok(sawDrawing >= 1, 'the progress was seen before the end');
  assert.equal(last, want);
  const pdf = await fetch(`${srv.base}${path}/badges.pdf`, { headers: { cookie: c.cookie() } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const f = join(srv.dir, 'batch.pdf');
  writeFileSync(f, Buffer.from(await pdf.arrayBuffer()));
  assert.match(execFileSync('pdfinfo', [f], { encoding: 'utf8' }), new RegExp(`Pages:\\s+${Math.ceil(want / 8)}\\b`));
  // an unknown batch is 404; the visitor (signed out) cannot see one
  assert.equal((await c.get('/desk/batches/999999')).status, 404);
  assert.notEqual((await fetch(`${srv.base}${path}`, { redirect: 'manual' })).status, 200);
});

test('badge batches are in the database: a restart keeps a finished one, and one cut short by kill -9 is drawn again', async () => {
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const a = await startServer();
  let b;
  try {
    makeBadges(a.db, 24, 'official');
    makeBadges(a.db, 400, 'staff');
    const want = +sqlite(a.db, "SELECT count(*) FROM badge WHERE role = 'staff' AND revoked = 0").trim();
    const c = new Client(a.base);
    await c.signin('desk@example.org', 'demo-desk-2024');
    const officials = +sqlite(a.db, "SELECT count(*) FROM badge WHERE role = 'official' AND revoked = 0").trim();
    const start = async (role) => {
      const desk = await c.get('/desk?lang=en');
      const r = await c.post('/desk/batches', { csrf: Client.csrf(desk.html), role });
      assert.equal(r.status, 303);
      return new URL(r.headers.get('location'), c.base).pathname;
    };
    const until = async (base, path) => {
      const t0 = Date.now();
      for (;;) {
        const r = await fetch(`${base}${path}?lang=en`, { headers: { cookie: c.cookie() } });
        assert.equal(r.status, 200);
        const page = await r.text();
        if (page.includes('id="batch-pdf"')) return page;
        assert.ok(Date.now() - t0 < 90000, 'the batch ends');
        await new Promise((res) => setTimeout(res, 200));
      }
    };
    const pages = async (base, path) => {
      const r = await fetch(`${base}${path}/badges.pdf`, { headers: { cookie: c.cookie() } });
      assert.equal(r.status, 200);
      const f = join(a.dir, `b${Date.now()}.pdf`);
      writeFileSync(f, Buffer.from(await r.arrayBuffer()));
      return +execFileSync('pdfinfo', [f], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1];
    };
    // a small batch finishes; then a big one is cut short by kill -9
    const done = await start('official');
    await until(a.base, done);
    const cut = await start('staff');
    await a.crash();
    const id = cut.split('/').pop();
    assert.equal(sqlite(a.db, `SELECT state FROM badge_batch WHERE id = ${id}`).trim(), 'drawing',
      'the kill came before the batch ended');
    b = await startServer({ db: a.db });
    c.base = b.base;
    // the finished one is still there, PDF included
    assert.equal(await pages(b.base, done), Math.ceil(officials / 8));
    // the one cut short is taken over and drawn again, whole
    const page = await until(b.base, cut);
    assert.match(page, new RegExp(`Badges: ${want.toLocaleString('en')} / ${want.toLocaleString('en')}`));
    assert.equal(await pages(b.base, cut), Math.ceil(want / 8));
  } finally {
    if (b) await b.stop();
    await a.stop();
  }
});
