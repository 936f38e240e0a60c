// backup_drill.test.mjs - the README's recovery drill, "the laptop died",
// run for real in temporary folders: a fair serves with backups every
// second onto a "USB stick" folder while a juror scores; the laptop's
// folder is then stopped and wiped; on a "new machine" folder the three
// commands of the drill bring the fair back with every score saved before
// the last backup, and the score log verifies. Timed with the demo fair
// and with 65,000 cooperatives (the latter only against build/coopfair:
// under ASan it would take minutes). The figures go to the test's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { startServer, coopfair, sqlite, BIN, PG } from './server.mjs';
import { Client } from './prize_helpers.mjs';
import { newestBackup, writeStream, loggedComments, serveOn } from './backup_helpers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const asan = /asan/.test(BIN);

/** stampSeconds - the UTC start time (s) in a backup's file name. */
function stampSeconds(file) {
  const m = basename(file).match(/^coopfair-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
}

async function drill(t, rows) {
  const usb = mkdtempSync(join(tmpdir(), 'coopfair-usb-'));
  const fresh = mkdtempSync(join(tmpdir(), 'coopfair-newmachine-'));
  try {
    // the fair, on the laptop
    const srv = await startServer({
      env: { COOPFAIR_BACKUP_EVERY: '1s', COOPFAIR_BACKUP_TO: usb },
      prepare: rows ? (db) => {
        const csv = join(usb, '..', `${basename(usb)}-coops.csv`);
        writeFileSync(csv, execFileSync(BIN, ['--db', db, 'registry', 'generate', String(rows)], { maxBuffer: 1 << 28 }));
        execFileSync(BIN, ['--db', db, 'registry', 'import', csv], { stdio: 'pipe' });
        rmSync(csv);
      } : undefined,
    });
    let acked;
    try {
      const stream = await writeStream(srv.base, srv.db, `drill${rows}`);
      await sleep(1500);
      await stream.stop();
      acked = stream.acked;
      const lastAck = acked[acked.length - 1].at / 1000;
      // a backup that began after the last acknowledged write
      const end = Date.now() + 120000;
      while (Date.now() < end) {
        const f = newestBackup(usb);
        if (f && stampSeconds(f) > Math.floor(lastAck)) break;
        await sleep(200);
      }
    } finally {
      await srv.stop(); // the laptop dies: its folder is gone with it
    }
    assert.ok(!existsSync(srv.dir), 'nothing is left of the laptop');
    const backup = newestBackup(usb);
    assert.ok(backup, 'the stick holds a backup');

    // on another machine: the three commands of the drill
    const db = join(fresh, 'fair.db');
    let t0 = Date.now();
    const r = coopfair(db, 'restore', backup);
    const restoreMs = Date.now() - t0;
    assert.equal(r.status, 0, r.stderr);
    t0 = Date.now();
    const v = coopfair(db, 'prize', 'verify');
    const verifyMs = Date.now() - t0;
    assert.equal(v.status, 0, v.stderr);
    t0 = Date.now();
    const again = await serveOn(db, ['--backup-every', '15m', '--backup-to', usb]);
    const serveMs = Date.now() - t0;
    try {
      const logged = loggedComments(db);
      assert.deepEqual(acked.filter((w) => !logged.has(w.comment)), [], 'every acknowledged score is back');
      const c = new Client(again.base);
      await c.signin('committee@example.org', 'demo-committee-2024');
      const page = await c.get('/admin/registry?lang=en');
      assert.equal(page.status, 200);
      assert.equal(Number(sqlite(db, 'SELECT count(*) FROM cooperative')), 100 + rows, 'the registry is all there');
    } finally {
      await again.stop();
    }
    const size = Math.round(Number(execFileSync('stat', ['-c', '%s', backup], { encoding: 'utf8' })) / 1048576 * 10) / 10;
    t.diagnostic(`drill ${rows ? rows + ' cooperatives' : 'demo'}: backup ${size} MB, ${acked.length} scores; restore ${restoreMs} ms, prize verify ${verifyMs} ms, serve up in ${serveMs} ms; total ${restoreMs + verifyMs + serveMs} ms`);
  } finally {
    rmSync(usb, { recursive: true, force: true });
    rmSync(fresh, { recursive: true, force: true });
  }
}

const onPg = PG ? 'the drill is for a laptop with SQLite; on PostgreSQL see backup.test.mjs (pg_dump)' : false;

test('the laptop died: the demo fair comes back on another machine with the three commands', { skip: onPg }, async (t) => {
  await drill(t, 0);
});

test('the laptop died: with 65,000 cooperatives too', { skip: onPg || (asan ? 'the 65,000-row drill runs against build/coopfair only (minutes under ASan)' : false), timeout: 600000 }, async (t) => {
  await drill(t, 65000);
});
