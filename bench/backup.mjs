// bench/backup.mjs - backups under load (issue 20), printed, never judged.
//
// For two databases:
//   demo   the demo fair (coopfair init --demo);
//   65k    the demo plus 65,000 cooperatives (registry generate + import)
//          and a 5-day fair's worth of writes made with what exists today:
//          check-ins (issue 14) do not exist yet, so 5 x 8,000 audit records
//          of check-in size stand in for them, with 5 x 2,000 sign-in
//          sessions and 3 photos of 150 kB on each of the demo's 100
//          applications (photos are stored in the database).
// it serves the database (page cache off, so every read reaches SQLite)
// with scheduled backups (serve --backup-every), runs 4 readers (public
// exhibitors page, committee registry search) and 1 juror saving scores,
// and prints the backup's time and size, and the longest request while a
// backup ran beside the longest while none ran.
//
// Environment: BIN (default build/coopfair), BENCH_PORTS=LO-HI (default
// 18000-18999), BACKUP_ROWS or ROWS (default 65000), BENCH_SECONDS (the quiet
// phase, and the schedule's interval, default 20).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = resolve(ROOT, process.env.BIN || 'build/coopfair');
const ROWS = Number(process.env.BACKUP_ROWS || process.env.ROWS || 65000);
const QUIET = Number(process.env.BENCH_SECONDS || 20);
const [LO, HI] = (process.env.BENCH_PORTS || '18000-18999').split('-').map(Number);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sql = (db, q) => execFileSync('sqlite3', ['-batch', db, q], { encoding: 'utf8' }).trim();

function fiveDays(db) {
  // 40,000 check-in-sized audit records over 5 days, 10,000 sessions, 300 photos
  sql(db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
    INSERT INTO audit (at, account_id, action, object_type, object_id, before_json, after_json)
    SELECT '2024-02-2' || (i % 5) || 'T10:00:00Z', NULL, 'bench.checkin', 'exhibitor', i % 80 + 1, NULL,
      '{"badge":"' || hex(randomblob(8)) || '","gate":"main","at":"2024-02-20T10:00:00Z","visitor":"' || hex(randomblob(16)) || '"}' FROM n`);
  sql(db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
    INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, client)
    SELECT hex(randomblob(32)), 1, 1708416000 + i * 40, 1708416000 + i * 40, 1708416000 + i * 40 + 86400, 'bench' FROM n`);
  sql(db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)
    INSERT INTO application_photo (application_id, mime, width, height, data)
    SELECT a.id, 'image/jpeg', 1600, 1200, randomblob(150000) FROM application a, n`);
}

async function serve(db, dir) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = LO + Math.floor(Math.random() * (HI - LO + 1));
    const proc = spawn(BIN, ['--db', db, '--port', String(port), '--share', ROOT, '--threads', '4', 'serve',
      '--backup-every', `${QUIET}s`, '--backup-to', dir, '--keep-last', '2'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, COOPFAIR_CACHE: '0' } });
    const log = [];
    let done = false;
    proc.stderr.on('data', (d) => {
      for (const line of String(d).split('\n')) {
        const m = line.match(/^coopfair: backup (\S+): (\d+) bytes, (\d+) rows, checked, in ([\d.]+) s \(([^)]*)\)/);
        if (m) log.push({ end: performance.now(), seconds: Number(m[4]), bytes: Number(m[2]), rows: Number(m[3]), phases: m[5] });
      }
    });
    proc.once('exit', () => { done = true; });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300 && !done; i++) {
      try { const r = await fetch(base + '/healthz'); await r.text(); if (r.ok) return { base, proc, log }; } catch { /* not yet */ }
      await sleep(50);
    }
    proc.kill();
  }
  throw new Error('bench: no free port');
}

async function signin(base, email, password) {
  const jar = new Map();
  const keep = (r) => { for (const c of r.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let r = await fetch(base + '/signin', { redirect: 'manual' });
  keep(r);
  const csrf = (await r.text()).match(/name="csrf" value="([^"]+)"/)[1];
  r = await fetch(base + '/signin', { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, email, password }) });
  keep(r);
  await r.text();
  return { cookie, keep };
}

async function load(base, db, stop, reqs) {
  const jury = await signin(base, 'jury@example.org', 'demo-jury-2024');
  const committee = await signin(base, 'committee@example.org', 'demo-committee-2024');
  const entry = sql(db, "SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries' AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') AND a.entry_id NOT IN (SELECT entry_id FROM prize_conflict) ORDER BY a.entry_id LIMIT 1");
  let r = await fetch(`${base}/jury/entries/${entry}`, { headers: { cookie: jury.cookie() } });
  const csrf = (await r.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const timed = async (kind, f) => { const t0 = performance.now(); const res = await f(); await res.text(); reqs.push({ kind, t0, t1: performance.now(), status: res.status }); };
  const words = ['amal', 'argan', 'نسيج', 'tissage', 'zitoun', 'فاس', 'miel', 'cooperative'];
  const reader = async (k) => {
    for (let i = 0; !stop(); i++) {
      if ((i + k) % 2) await timed('read', () => fetch(`${base}/exhibitors?lang=fr`));
      else await timed('read', () => fetch(`${base}/admin/registry?q=${encodeURIComponent(words[i % words.length])}`, { headers: { cookie: committee.cookie() } }));
    }
  };
  const writer = async () => {
    for (let n = 0; !stop(); n++) {
      const v = 5 + (n % 10);
      await timed('write', () => fetch(`${base}/jury/entries/${entry}`, { method: 'POST', redirect: 'manual', headers: { cookie: jury.cookie(), origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, c0: v, c1: v, c2: v, c3: v, c4: v, comment: `bench-${n}` }) }));
    }
  };
  await Promise.all([reader(0), reader(1), reader(2), reader(3), writer()]);
}

async function bench(label, rows) {
  const dir = mkdtempSync(join(tmpdir(), 'coopfair-bench-backup-'));
  try {
    const db = join(dir, 'fair.db');
    execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
    if (rows) {
      const csv = join(dir, 'coops.csv');
      writeFileSync(csv, execFileSync(BIN, ['--db', db, 'registry', 'generate', String(rows)], { maxBuffer: 1 << 28 }));
      execFileSync(BIN, ['--db', db, 'registry', 'import', csv], { stdio: 'pipe' });
      rmSync(csv);
      fiveDays(db);
    }
    const backups = join(dir, 'backups');
    const srv = await serve(db, backups);
    try {
      // the first backup runs at start-up: wait for it, then load the server
      // through QUIET seconds without a backup and the next whole backup
      while (!srv.log.length) await sleep(100);
      const reqs = [];
      const t0 = performance.now();
      // at least QUIET seconds, and until a whole backup ran under the load
      // (at most 3 minutes)
      const minEnd = t0 + 1000 * QUIET;
      const whole = () => srv.log.some((b) => b.end - b.seconds * 1000 > t0);
      const stop = () => performance.now() > t0 + 180000 || (performance.now() > minEnd && whole());
      await load(srv.base, db, stop, reqs);
      const windows = srv.log.filter((b) => b.end > t0).map((b) => [b.end - b.seconds * 1000, b.end]);
      const during = reqs.filter((q) => windows.some(([a, b]) => q.t1 >= a && q.t0 <= b));
      const quiet = reqs.filter((q) => !windows.some(([a, b]) => q.t1 >= a && q.t0 <= b));
      const max = (xs, kind) => Math.max(0, ...xs.filter((q) => !kind || q.kind === kind).map((q) => q.t1 - q.t0)).toFixed(0);
      const p99 = (xs) => { const v = xs.map((q) => q.t1 - q.t0).sort((a, b) => a - b); return v.length ? v[Math.floor(0.99 * (v.length - 1))].toFixed(0) : '-'; };
      const bad = reqs.filter((q) => q.status >= 500).length;
      const last = srv.log[srv.log.length - 1];
      if (!last) { console.log(`backup ${label}: no backup finished within 3 minutes under load`); return; }
      const mb = (last.bytes / 1048576).toFixed(1);
      const secs = srv.log.filter((b) => b.end > t0).map((b) => b.seconds.toFixed(2)).join(', ');
      const phases = srv.log[srv.log.length - 1].phases;
      console.log(`backup ${label}: ${mb} MB, ${last.rows} rows; backup took ${secs} s under load (last: ${phases}); ` +
        `${reqs.length} requests (${bad} errors)\n  during a backup: longest ${max(during)} ms (read ${max(during, 'read')}, write ${max(during, 'write')}), p99 ${p99(during)} ms, ${during.length} requests\n` +
        `  no backup running: longest ${max(quiet)} ms (read ${max(quiet, 'read')}, write ${max(quiet, 'write')}), p99 ${p99(quiet)} ms, ${quiet.length} requests`);
    } finally {
      srv.proc.kill('SIGTERM');
      await sleep(300);
    }
    const n = readdirSync(backups).length;
    if (n > 3) console.log(`backup ${label}: rotation left ${n} files (expected at most 2 + 1 in progress)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await bench('demo', 0);
await bench(`${ROWS} cooperatives + 5 fair days (stand-ins, see bench/backup.mjs)`, ROWS);
