// news_shutdown.test.mjs - the news views counted since the last batch are
// written when the server stops cleanly (issue 15): a visitor views a post,
// the server gets SIGTERM (or SIGINT) long before its next batch, a new
// server on the same database shows the count. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, sqlite, BIN, PG, pgCreate, pgDrop } from './server.mjs';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const dir = mkdtempSync(join(tmpdir(), 'coopfair-views-'));
const db = PG ? pgCreate() : join(dir, 'fair.db');
execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
after(() => {
  rmSync(dir, { recursive: true, force: true });
  if (PG) pgDrop(db);
});

const one = (q) => sqlite(db, q).trim();
// an hour between batches: only the stop can write these views
const env = { COOPFAIR_VIEWS_FLUSH_MS: '3600000' };

/** viewAndStop - three visitors view the post, then the server is stopped
 * with sig; the count in the database before the stop and after it. */
async function viewAndStop(post, sig) {
  const srv = await startServer({ db, env });
  let stopped = false;
  try {
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${srv.base}/news/${post}?lang=fr`, { headers: { 'User-Agent': `${BROWSER} ${sig} ${i}` } });
      assert.equal(r.status, 200);
      await r.text();
    }
    const before = +one(`SELECT views FROM news_post WHERE id = ${post}`);
    process.kill(srv.pid, sig);
    await srv.stop(); // waits for the exit; reports a crash or a sanitizer's complaint
    stopped = true;
    return { before, after: +one(`SELECT views FROM news_post WHERE id = ${post}`) };
  } finally {
    if (!stopped) await srv.stop();
  }
}

test('views counted since the last batch are written when the server stops (SIGTERM, SIGINT)', async () => {
  const post = one('SELECT id FROM news_post ORDER BY id LIMIT 1');
  const start = +one(`SELECT views FROM news_post WHERE id = ${post}`);
  assert.equal(start, 393, 'the demo announcement');
  const term = await viewAndStop(post, 'SIGTERM');
  assert.equal(term.before, start, 'nothing written before the stop: the batch is an hour away');
  assert.equal(term.after, start + 3, 'the three views were written at the stop');
  const int = await viewAndStop(post, 'SIGINT');
  assert.equal(int.after, start + 6, 'Ctrl-C writes them too');
  // a new server on the same database shows the count to visitors
  const srv = await startServer({ db, env });
  try {
    const page = await (await fetch(`${srv.base}/news/${post}?lang=fr`, { headers: { 'User-Agent': 'curl/8' } })).text();
    assert.ok(page.includes(`Vues\u202f: ${start + 6}<`), `the page shows ${start + 6} views`);
  } finally {
    await srv.stop();
  }
});
