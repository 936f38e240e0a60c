// pg.test.mjs - what only PostgreSQL makes possible (issue 12): several
// servers on one database, the database restarting under a stream of writes,
// and moving a database between engines. Runs when COOPFAIR_TEST_PG is set
// (make check's PostgreSQL pass); skipped on SQLite.
//
// The writes are check-ins at the gate (the scanners' JSON API, whose
// Idempotency-Key makes a retried scan count once, whichever server gets
// it), and a back-office write whose idempotency key is its natural key (a
// category's code: a second one with the same code is a 409).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import test from 'node:test';
import { Client, DEMO, formFields } from './accounts_helpers.mjs';
import { BIN, PG, ROOT, pgCreate, pgDrop, sqlite, startServer } from './server.mjs';
import { checkin, gateKey, makeBadges } from './gate_helpers.mjs';

const skip = PG ? false : 'needs COOPFAIR_TEST_PG (the PostgreSQL pass of make check)';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** committeeOn - a committee member signed in on srv, and the category form. */
async function committeeOn(srv) {
  const c = new Client(srv.base);
  await c.signIn(...DEMO.committee);
  const f = formFields((await c.get('/admin/editions/1/categories')).text, '/admin/editions/1/categories');
  return { c, f };
}

function category(f, code) {
  return { ...f, code, name_ar: 'فئة', name_fr: `Catégorie ${code}`, name_en: `Category ${code}`, position: '9' };
}

test('two servers on one database: a change made on one shows on the other at once, page cache included', { skip }, async () => {
  const a = await startServer();
  const b = await startServer({ db: a.db });
  try {
    const anon = new Client(b.base);
    const before = await anon.get('/?lang=fr');
    assert.equal(before.status, 200);
    assert.equal((await anon.get('/?lang=fr')).text, before.text, 'the second read is the cached page');
    const { c } = await committeeOn(a);
    const page = await c.get('/admin/editions/1');
    const f = formFields(page.text, '/admin/editions/1');
    const r = await c.post('/admin/editions/1', { ...f, slogan_fr: 'Un slogan écrit sur le serveur A' });
    assert.equal(r.status, 303);
    const after = await anon.get('/?lang=fr');
    assert.ok(after.text.includes('Un slogan écrit sur le serveur A'), 'server B shows the change made on A');
    // and a session opened on A is good on B (sessions live in the database)
    c.base = b.base;
    assert.equal((await c.get('/admin')).status, 200);
  } finally {
    await b.stop();
    await a.stop();
  }
});

test('the same write sent to two servers at once is recorded once', { skip }, async () => {
  const a = await startServer();
  const b = await startServer({ db: a.db });
  try {
    const ca = await committeeOn(a), cb = await committeeOn(b);
    for (let i = 0; i < 10; i++) {
      const code = `twice-${i}`;
      const [ra, rb] = await Promise.all([
        ca.c.post('/admin/editions/1/categories', category(ca.f, code)),
        cb.c.post('/admin/editions/1/categories', category(cb.f, code)),
      ]);
      assert.deepEqual([ra.status, rb.status].sort(), [303, 409], `code ${code}: one created, one refused`);
      assert.equal(sqlite(a.db, `SELECT count(*) FROM category WHERE code = '${code}'`).trim(), '1');
      assert.equal(sqlite(a.db, `SELECT count(*) FROM audit WHERE action = 'category.create' AND after_json LIKE '%"${code}"%'`).trim(), '1');
    }
  } finally {
    await b.stop();
    await a.stop();
  }
});

test('the same check-in sent to two servers at once is recorded once', { skip }, async () => {
  const a = await startServer();
  const b = await startServer({ db: a.db });
  try {
    const tokens = makeBadges(a.db, 20);
    const key = gateKey(a.db);
    for (let i = 0; i < 10; i++) {
      // the scanner retried on the other server: the same idempotency key
      const idem = `twice-${i}`;
      const [ra, rb] = await Promise.all([checkin(a.base, key, tokens[i], 'in', idem), checkin(b.base, key, tokens[i], 'in', idem)]);
      assert.deepEqual([ra.status, rb.status], [200, 200]);
      assert.deepEqual([ra.body.result, rb.body.result], ['ok', 'ok'], 'both answers say green');
      assert.deepEqual([ra.body.replay, rb.body.replay].sort(), [false, true], 'one recorded, one replayed');
      assert.equal(sqlite(a.db, `SELECT count(*) FROM checkin WHERE idem = '${idem}'`).trim(), '1');
      // two scans of one badge (no shared key) on two servers: one enters
      const [sa, sb] = await Promise.all([checkin(a.base, key, tokens[10 + i], 'in'), checkin(b.base, key, tokens[10 + i], 'in')]);
      assert.deepEqual([sa.body.result, sb.body.result].sort(), ['inside', 'ok'], `badge ${10 + i}: one entry, one "already inside"`);
    }
    assert.equal(sqlite(a.db, "SELECT count(*) FROM checkin WHERE idem LIKE 'twice-%'").trim(), '10');
  } finally {
    await b.stop();
    await a.stop();
  }
});

/** freePort - a free loopback port in the tests' range. */
async function freePort() {
  const m = (process.env.COOPFAIR_TEST_PORTS || '').match(/^(\d+)-(\d+)$/);
  const [lo, hi] = m ? [+m[1], +m[2]] : [18000, 18999];
  for (let i = 0; i < 50; i++) {
    const port = lo + Math.floor(Math.random() * (hi - lo + 1));
    const ok = await new Promise((res) => {
      const s = net.createServer();
      s.once('error', () => res(false));
      s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port');
}

test('PostgreSQL stopped in the middle of a stream of check-ins: every acknowledged check-in is there, the server recovers by itself', { skip, timeout: 120000 }, async () => {
  // A cluster of its own: the other tests' server must not stop under them.
  // (in /tmp itself: the postgres user must reach the folder)
  const dir = mkdtempSync(join('/tmp', 'coopfair-pg-restart-'));
  const port = await freePort();
  const pg = (cmd) => execFileSync(join(ROOT, 'tests/pg.sh'), [cmd, dir, String(port)], { encoding: 'utf8' }).trim();
  const base = pg('start');
  let srv = null;
  try {
    const db = pgCreate(base);
    execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
    srv = await startServer({ db });
    const tokens = makeBadges(db, 400);
    const key = gateKey(db);
    const acked = [], statuses = {};
    let i = 0, stopped = false, restarted = false;
    // one scan of a new badge: acknowledged when the answer is green
    const scan = async () => {
      const k = i++;
      let r;
      try {
        r = await checkin(srv.base, key, tokens[k], 'in', `restart-${k}`);
      } catch {
        r = { status: 'refused' };
      }
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status === 200 && r.body.result === 'ok') acked.push(k);
      assert.ok(r.status !== 200 || r.body.result === 'ok', `scan ${k}: ${r.text}`);
      return r.status;
    };
    for (let k = 0; k < 20; k++) assert.equal(await scan(), 200, 'check-ins go through before the stop');
    // stop the database while check-ins keep coming, several at once
    const stopping = (async () => { await sleep(50); pg('pause'); stopped = true; })();
    while (!stopped) await Promise.all([scan(), scan(), scan()]);
    await stopping;
    const during = [];
    for (let k = 0; k < 5; k++) during.push(await scan());
    assert.ok(during.every((s) => s === 503), `while the database is down, a clear 503: ${during}`);
    const page = await new Client(srv.base).get('/exhibitors', { lang: 'fr' });
    assert.equal(page.status, 503);
    assert.equal(page.headers.get('retry-after'), '2');
    assert.match(page.text, /Momentanément indisponible/);
    pg('resume');
    restarted = true;
    // the server reconnects by itself: check-ins succeed again within seconds
    const deadline = Date.now() + 15000;
    let back = false;
    while (!back && Date.now() < deadline) {
      back = (await scan()) === 200;
      if (!back) await sleep(200);
    }
    assert.ok(back, 'check-ins succeed again after the restart, without restarting coopfair');
    for (let k = 0; k < 20; k++) assert.equal(await scan(), 200, 'and keep succeeding');
    // a scanner retries what it did not hear back: a retry is answered, not doubled
    const lost = [...Array(i).keys()].filter((k) => !acked.includes(k)).slice(0, 5);
    for (const k of lost) assert.equal((await checkin(srv.base, key, tokens[k], 'in', `restart-${k}`)).status, 200);
    const rows = sqlite(db, "SELECT idem, count(*) FROM checkin WHERE idem LIKE 'restart-%' GROUP BY idem").trim().split('\n').map((l) => l.split('|'));
    const there = new Map(rows.map(([k, n]) => [k, +n]));
    const missing = acked.filter((k) => there.get(`restart-${k}`) !== 1);
    assert.deepEqual(missing, [], 'every acknowledged check-in is in the database, once');
    assert.ok([...there.values()].every((n) => n === 1), 'no check-in twice');
    assert.ok(acked.length >= 41, `acknowledged check-ins counted: ${acked.length}`);
    assert.ok((statuses[503] || 0) >= 5, `503s seen: ${JSON.stringify(statuses)}`);
    assert.ok(!statuses[500], `no 500 among ${JSON.stringify(statuses)}`);
    assert.ok(restarted);
  } finally {
    if (srv) await srv.stop().catch(() => {});
    pg('stop');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('coopfair copy moves a database from SQLite to PostgreSQL and back, counts checked', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coopfair-copy-'));
  const a = join(dir, 'a.db'), back = join(dir, 'back.db');
  const pgdb = pgCreate();
  try {
    execFileSync(BIN, ['--db', a, 'init', '--demo'], { stdio: 'pipe' });
    const there = execFileSync(BIN, ['copy', '--from', `sqlite:${a}`, '--to', pgdb], { encoding: 'utf8' });
    assert.match(there, /every table has the same number of rows/);
    assert.match(there, /^prize_log\s+(\d+)\s+\1$/m);
    assert.match(there, /^exhibitor\s+80\s+80$/m);
    // a copy cannot overwrite a fair
    assert.throws(() => execFileSync(BIN, ['copy', '--from', `sqlite:${a}`, '--to', pgdb], { stdio: 'pipe' }));
    // the copy serves the same fair, and its search index is rebuilt
    const srv = await startServer({ db: pgdb });
    try {
      const list = await new Client(srv.base).get('/exhibitors?lang=fr');
      assert.match(list.text, /80/);
    } finally {
      await srv.stop();
    }
    // Search: the same cooperatives on both engines, the same count for a
    // broad query (its first page may rank differently: bm25 on SQLite,
    // ts_rank on PostgreSQL). Arabic (article, hamza) and French (accents).
    const search = (db, q) => execFileSync(BIN, ['--db', db, 'registry', 'search', q],
      { encoding: 'utf8', env: { ...process.env, COOPFAIR_LANG: 'en' } }).trim().split('\n');
    // ... and the spellings of issue 11: a place typed in Latin letters,
    // hamza and article, Arabic presentation forms, a number with spaces
    for (const q of ['زيت الزيتون', 'huile olive', 'broderie', 'فاس للدباغة', 'cedre',
      'Miknas', 'Marrakesh', 'الامل', 'وفاء', '\ufe8d\ufedf\ufeb0\ufef3\ufe98\ufeee\ufee5', 'sample 2008 027']) {
      const [x, y] = [search(a, q), search(pgdb, q)];
      assert.match(x[0], /^[1-9]\d* match/, `"${q}" finds something`);
      assert.ok(x.length - 1 === Number(x[0].split(' ')[0]), `"${q}": every match listed`);
      assert.deepEqual(y.sort(), x.sort(), `"${q}": the same cooperatives on both engines`);
    }
    for (const q of ['النور', 'coop', 'fes', 'Fez']) assert.equal(search(pgdb, q)[0], search(a, q)[0], `"${q}": as many matches`);
    const home = execFileSync(BIN, ['copy', '--from', pgdb, '--to', `sqlite:${back}`], { encoding: 'utf8' });
    assert.match(home, /every table has the same number of rows/);
    const dump = (db, t) => execFileSync('sqlite3', [db, `SELECT * FROM ${t} ORDER BY 1`], { encoding: 'utf8' });
    for (const t of ['account', 'audit', 'prize_log', 'prize_score', 'application', 'setting', 'exhibitor']) {
      assert.equal(dump(back, t), dump(a, t), `${t} came back unchanged`);
    }
    prizeVerify(back);
  } finally {
    pgDrop(pgdb);
    rmSync(dir, { recursive: true, force: true });
  }
});

function prizeVerify(db) {
  const out = execFileSync(BIN, ['--db', db, 'prize', 'verify'], { encoding: 'utf8' });
  assert.match(out, /holds/);
}
