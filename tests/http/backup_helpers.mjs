// backup_helpers.mjs - the backup tests' tools: a stream of acknowledged
// writes through HTTP (a juror re-scoring an entry, each save with its own
// comment, so each lands in the prize's score log), and the coopfair
// command run without blocking the event loop (the stream goes on meanwhile).
import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';

/** run - coopfair with args, asynchronously: {status, stdout, stderr}. */
export function run(...args) {
  return new Promise((res) => {
    execFile(BIN, args, { encoding: 'utf8', maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      res({ status: err ? (err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** newestBackup - the newest coopfair-*.db in dir (names sort by time). */
export function newestBackup(dir) {
  const files = readdirSync(dir).filter((f) => /^coopfair-\d{8}T\d{6}Z(-\d+)?\.db$/.test(f)).sort();
  return files.length ? join(dir, files[files.length - 1]) : null;
}

/**
 * writeStream - a juror saving scores on one entry again and again until
 * stop() is called. Each save carries the comment `${tag}-${n}`; acked[]
 * gets {comment, at} (Date.now() when the 303 came back) for every save
 * the server acknowledged. Returns {acked, stop, done}.
 */
export async function writeStream(base, db, tag) {
  const c = new Client(base);
  await c.signin('jury@example.org', 'demo-jury-2024');
  const id = sqlite(db, "SELECT a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id JOIN category c ON c.id = e.category_id WHERE c.code = 'pastries' AND a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') AND a.entry_id NOT IN (SELECT entry_id FROM prize_conflict) ORDER BY a.entry_id LIMIT 1").trim();
  const sheet = await c.get(`/jury/entries/${id}`);
  const csrf = Client.csrf(sheet.html);
  if (!csrf) throw new Error(`no score sheet for entry ${id}: ${sheet.status}`);
  const acked = [];
  let stopped = false;
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      const comment = `${tag}-${n}`;
      const v = 5 + (n % 10);
      const r = await c.post(`/jury/entries/${id}`, { csrf, c0: v, c1: v, c2: v, c3: v, c4: v, comment });
      if (r.status !== 303) throw new Error(`save ${n} answered ${r.status}`);
      acked.push({ comment, at: Date.now() });
    }
  })();
  return { acked, stop: async () => { stopped = true; await done; }, done };
}

/** loggedComments - the comments of the score log of a database file. */
export function loggedComments(db) {
  const out = sqlite(db, 'SELECT content FROM prize_log');
  return new Set(out.split('\n').filter((l) => l.includes('|')).map((l) => l.slice(l.lastIndexOf('|') + 1)));
}

/** portRange - [lo, hi] from COOPFAIR_TEST_PORTS, else 18000-18999 (as server.mjs). */
function portRange() {
  const m = (process.env.COOPFAIR_TEST_PORTS || '').match(/^(\d+)-(\d+)$/);
  if (m && +m[1] >= 1024 && +m[2] >= +m[1] && +m[2] <= 65535) return [+m[1], +m[2]];
  return [18000, 18999];
}

/**
 * serveOn - `coopfair --db db serve ...extra` on a free port of the test
 * range, as an operator would type it on the new machine (server.mjs
 * always makes its own demo database, which a restore must not).
 * Resolves when /healthz answers: {base, stderr(), stop()}.
 */
export async function serveOn(db, extra = []) {
  const [lo, hi] = portRange();
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = lo + Math.floor(Math.random() * (hi - lo + 1));
    const proc = spawn(BIN, ['--db', db, '--port', String(port), '--share', ROOT, 'serve', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let done = null;
    proc.stderr.on('data', (d) => { stderr += d; });
    proc.stdout.on('data', () => {});
    const exited = new Promise((r) => proc.once('exit', (code, signal) => { done = { code, signal }; r(done); }));
    const base = `http://127.0.0.1:${port}`;
    const end = Date.now() + 30000;
    while (Date.now() < end && !done) {
      try {
        const r = await fetch(`${base}/healthz`);
        await r.text();
        if (r.status === 200) break;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (done) {
      if (/already in use/.test(stderr)) continue;
      throw new Error(`coopfair serve exited: ${stderr}`);
    }
    return {
      base, stderr: () => stderr,
      async stop() {
        if (!done) { proc.kill('SIGTERM'); await exited; }
        if (/AddressSanitizer|LeakSanitizer|runtime error:/.test(stderr)) throw new Error(stderr);
      },
    };
  }
  throw new Error('no free port');
}
