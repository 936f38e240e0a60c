// server.mjs - start the real coopfair on a loopback port for black-box tests.
//
// startServer() makes a temporary folder, creates a demo database in it with
// `coopfair init --demo` (made once per binary and copied: see demoDb),
// lets the caller change that database (prepare),
// starts `coopfair serve` on a free port in 18000-18999 (picked at random,
// retried when taken), and waits for /healthz. stop() ends it and reports
// anything a sanitizer printed, so the same tests catch memory errors when
// COOPFAIR_BIN points at the ASan build. Every HTTP and browser test starts
// its servers here (the feature helpers only add clients and fixtures).
//
// Environment: COOPFAIR_BIN - the binary to test (default build/coopfair);
// COOPFAIR_TEST_PORTS=LO-HI - the port range instead of 18000-18999 (to run
// beside another test run on a shared machine); COOPFAIR_TEST_PG - a
// PostgreSQL URL (e.g. postgres://postgres@127.0.0.1:5432/postgres, a role
// that may create databases): every test server then gets a fresh database
// there instead of an SQLite file (tests/pg.sh starts a throw-away cluster).
// The SQL helpers take either kind of database: SQL written for SQLite runs
// on PostgreSQL through `coopfair sql` (the db layer's translation).
// COOPFAIR_TEST_FRESH_DEMO=1 runs `init --demo` for every server instead of
// copying the one made for this binary.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = resolve(ROOT, process.env.COOPFAIR_BIN || 'build/coopfair');

/** PG - the PostgreSQL server the tests use, or '' for SQLite files. */
export const PG = process.env.COOPFAIR_TEST_PG || '';
/** isPg - whether a database target is a PostgreSQL URL. */
export const isPg = (db) => /^postgres(ql)?:\/\//.test(db);

/** sqlite - run SQL on a database (file: sqlite3 CLI; PostgreSQL: `coopfair
 * sql`), its output: values separated by '|', one row a line. */
export function sqlite(db, sql) {
  if (isPg(db)) return execFileSync(BIN, ['--db', db, 'sql', sql], { encoding: 'utf8' });
  return execFileSync('sqlite3', ['-batch', db, sql], { encoding: 'utf8' });
}

/** sqliteRows - rows of a query as arrays of strings (tab-separated). */
export function sqliteRows(db, sql) {
  const out = isPg(db)
    ? execFileSync(BIN, ['--db', db, 'sql', 'tabs', sql], { encoding: 'utf8' })
    : execFileSync('sqlite3', ['-batch', '-separator', '\t', db, sql], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}

/** sqlJson - rows of a query as objects (sqlite3 -json), on either engine. */
export function sqlJson(db, sql) {
  const out = (isPg(db)
    ? execFileSync(BIN, ['--db', db, 'sql', 'json', sql], { encoding: 'utf8' })
    : execFileSync('sqlite3', ['-json', db, sql], { encoding: 'utf8' })).trim();
  return out ? JSON.parse(out) : [];
}

/** coopfair - run the binary on db with args; {status, stdout, stderr}. */
export function coopfair(db, ...args) {
  const r = spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let pgCount = 0;
/** pgCreate - a fresh empty database on the server of base (default PG; C
 * collation, as SQLite sorts); its URL. */
export function pgCreate(base = PG) {
  const name = `cf_test_${process.pid}_${++pgCount}_${Math.floor(Math.random() * 1e6)}`;
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', base, '-c',
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`], { stdio: 'pipe' });
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

/** demoKey - what the demo database depends on: the binary (path, size,
 * time) and the COOPFAIR_ settings init reads (a prize key, say). */
function demoKey() {
  const st = statSync(BIN);
  const env = Object.keys(process.env)
    .filter((k) => k.startsWith('COOPFAIR_') && !k.startsWith('COOPFAIR_TEST_') && k !== 'COOPFAIR_BIN')
    .sort().map((k) => `${k}=${process.env[k]}`).join('\n');
  return createHash('sha256').update(`${BIN}\n${st.size}\n${st.mtimeMs}\n${env}`).digest('hex').slice(0, 16);
}

function psql(url, sql) {
  return execFileSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

/** demoDb - a fresh demo database for a test server: db is an SQLite file
 * path, or a PostgreSQL URL (pgCreate's). `init --demo` takes seconds (and
 * most of a test file's time on PostgreSQL), so it runs once per binary and
 * settings: into a template file beside the system's temporary files, or a
 * template database on the PostgreSQL server, which each server's database
 * is copied from. Made under a unique name and renamed into place, so test
 * files running at once never see half a template. */
function demoDb(db) {
  if (process.env.COOPFAIR_TEST_FRESH_DEMO === '1') {
    execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
    return db;
  }
  const key = demoKey();
  const tmp = `${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  if (!isPg(db)) {
    const tpl = join(tmpdir(), `coopfair-demo-${key}.db`);
    if (!existsSync(tpl)) {
      const t = `${tpl}.${tmp}`;
      execFileSync(BIN, ['--db', t, 'init', '--demo'], { stdio: 'pipe' });
      for (const x of ['-wal', '-shm']) if (existsSync(t + x)) throw new Error(`init left ${t}${x}`);
      renameSync(t, tpl);
    }
    copyFileSync(tpl, db);
    return db;
  }
  const tpl = `cf_demo_${key}`;
  const admin = new URL(db);
  admin.pathname = '/postgres';
  if (psql(admin.toString(), `SELECT count(*) FROM pg_database WHERE datname = '${tpl}'`) !== '1') {
    const t = new URL(pgCreate(admin.toString()));
    execFileSync(BIN, ['--db', t.toString(), 'init', '--demo'], { stdio: 'pipe' });
    try {
      psql(admin.toString(), `ALTER DATABASE ${t.pathname.slice(1)} RENAME TO ${tpl}`);
    } catch {
      pgDrop(t.toString()); // another test file made it first
    }
  }
  const name = new URL(db).pathname.slice(1);
  for (let attempt = 0; ; attempt++) {
    try {
      psql(admin.toString(), `DROP DATABASE IF EXISTS ${name}`);
      psql(admin.toString(), `CREATE DATABASE ${name} TEMPLATE ${tpl}`);
      return db;
    } catch (e) {
      // "source database is being accessed by other users": a copy in flight
      if (attempt >= 20) throw e;
      execFileSync('sleep', ['0.2']);
    }
  }
}

/** pgDrop - remove a database pgCreate made. */
export function pgDrop(url) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  execFileSync('psql', ['-X', '-q', u.toString(), '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' });
}

/** portRange - [lo, hi] from COOPFAIR_TEST_PORTS, else 18000-18999. */
function portRange() {
  const m = (process.env.COOPFAIR_TEST_PORTS || '').match(/^(\d+)-(\d+)$/);
  if (m && +m[1] >= 1024 && +m[2] >= +m[1] && +m[2] <= 65535) return [+m[1], +m[2]];
  return [18000, 18999];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portFree(port) {
  return new Promise((res) => {
    const s = net.createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

/**
 * startServer - {base, port, db, dir, sql(query), stderr(), stop()}.
 * options.prepare(db) runs on the demo database before the server starts;
 * options.db serves an existing database instead (not removed at stop);
 * options.env adds environment variables for the server (e.g.
 * {COOPFAIR_CACHE: '0'}); options.threads the worker threads (default 4). sql(query) is sqlite()'s output, trimmed.
 */
export async function startServer(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'coopfair-http-'));
  // options.db: serve that database as it is (another server of a deployment)
  const fresh = !options.db;
  const db = options.db || (PG ? pgCreate() : join(dir, 'fair.db'));
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    if (fresh && isPg(db)) pgDrop(db);
  };
  if (fresh) demoDb(db);
  if (options.prepare) options.prepare(db);

  const [lo, hi] = portRange();
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = lo + Math.floor(Math.random() * (hi - lo + 1));
    if (!(await portFree(port))) continue;
    const proc = spawn(BIN, ['--db', db, '--port', String(port), '--share', ROOT, '--threads', String(options.threads || 4), 'serve'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(options.env || {}) },
    });
    let stderr = '';
    proc.stderr.on('data', (d) => { stderr += d; if (process.env.COOPFAIR_TEST_ECHO) process.stderr.write(d); });
    proc.stdout.on('data', () => {});
    const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
    let done = null;
    exited.then((x) => { done = x; });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline && !done) {
      try {
        const r = await fetch(`${base}${(options.env || {}).COOPFAIR_BASE_PATH || ''}/healthz`);
        if (r.status === 200) {
          await r.text();
          break;
        }
      } catch { /* not listening yet */ }
      await sleep(50);
    }
    if (done) {
      if (/already in use/.test(stderr)) continue; // lost a race for the port
      cleanup();
      throw new Error(`coopfair exited (${done.code ?? done.signal}) before serving:\n${stderr}`);
    }
    let crashed = false;
    return {
      base, port, db, dir, pid: proc.pid,
      /** crash - kill -9 the server (a crash or a power cut for its process)
       * and wait for it to end; the database stays for another server. */
      async crash() {
        crashed = true;
        if (!done) {
          proc.kill('SIGKILL');
          await exited;
        }
      },
      sql(query) { return sqlite(db, query).trim(); },
      /** stderr so far (sanitizer reports go there). */
      stderr: () => stderr,
      /** stop - SIGTERM, wait, remove the folder; throws on a sanitizer report or a crash. */
      async stop() {
        if (!done) {
          proc.kill('SIGTERM');
          const t = setTimeout(() => proc.kill('SIGKILL'), 10000);
          await exited;
          clearTimeout(t);
        }
        cleanup();
        if (/AddressSanitizer|LeakSanitizer|runtime error:|SQL does not prepare/.test(stderr))
          throw new Error(`coopfair reported errors:\n${stderr}`);
        if (done.signal && done.signal !== 'SIGTERM' && !(crashed && done.signal === 'SIGKILL'))
          throw new Error(`coopfair died of ${done.signal}:\n${stderr}`);
        if (done.code) throw new Error(`coopfair exited with status ${done.code}:\n${stderr}`);
      },
    };
  }
  cleanup();
  throw new Error(`no free port in ${lo}-${hi} after 20 tries`);
}

/** get - fetch base+path with optional headers; {status, headers, html}. */
export async function get(base, path, headers = {}, init = {}) {
  const r = await fetch(base + path, { headers, redirect: 'manual', ...init });
  const html = await r.text();
  return { status: r.status, headers: r.headers, html };
}

/** htmlLang - the lang and dir attributes of <html>. */
export function htmlLang(html) {
  const m = html.match(/<html\b([^>]*)>/i);
  if (!m) return { lang: null, dir: null };
  const attr = (n) => (m[1].match(new RegExp(`\\b${n}="([^"]*)"`)) || [])[1] ?? null;
  return { lang: attr('lang'), dir: attr('dir') };
}

/** decode - HTML entities of text back to characters. */
export function decode(s) {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
}

/** textOf - the visible text of an HTML fragment: tags removed, entities decoded. */
export function textOf(html) {
  return decode(html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ').trim();
}

/** section - the first element of html whose opening tag matches re, up to its closing tag name. */
export function between(html, startRe, endStr) {
  const m = html.match(startRe);
  if (!m) return null;
  const from = m.index;
  const to = html.indexOf(endStr, from);
  return to < 0 ? null : html.slice(from, to + endStr.length);
}

/** setCookies - the Set-Cookie headers of a response, one string each. Uses
 * Headers.getSetCookie where node has it; otherwise splits the joined value
 * (our cookies carry Max-Age, never Expires, so they hold no comma). */
export function setCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const v = headers.get('set-cookie');
  return v ? v.split(/,\s*(?=[A-Za-z0-9_-]+=)/) : [];
}
