// prize_server.mjs - start coopfair on a temporary demo database for the
// prize tests (ports 22000-22999, the prize lane's range). Mirrors the
// shared helper of branch foundation-tests (tests/http/server.mjs); switch
// to it once it is in main.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = resolve(ROOT, process.env.COOPFAIR_BIN || 'build/coopfair');

export function sqlite(db, sql) {
  return execFileSync('sqlite3', ['-batch', db, sql], { encoding: 'utf8' });
}

/** coopfair - run the binary on db with args; {status, stdout, stderr}. */
export function coopfair(db, ...args) {
  const r = spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function portFree(port) {
  return new Promise((res) => {
    const s = net.createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

/** startServer - {base, db, stop()}; options.prepare(db) runs first. */
export async function startServer(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'coopfair-prize-'));
  const db = join(dir, 'fair.db');
  execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
  if (options.prepare) options.prepare(db);
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 22000 + Math.floor(Math.random() * 1000);
    if (!(await portFree(port))) continue;
    const proc = spawn(BIN, ['--db', db, '--port', String(port), '--share', ROOT, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => { stderr += d; });
    proc.stdout.on('data', () => {});
    let done = null;
    const exited = new Promise((r) => proc.once('exit', (code, signal) => { done = { code, signal }; r(done); }));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline && !done) {
      try { const r = await fetch(`${base}/healthz`); await r.text(); if (r.status === 200) break; } catch { /* not yet */ }
      await sleep(50);
    }
    if (done) { if (/already in use/.test(stderr)) continue; throw new Error(stderr); }
    return {
      base, db, port,
      async stop() {
        if (!done) { proc.kill('SIGTERM'); await exited; }
        rmSync(dir, { recursive: true, force: true });
        if (/AddressSanitizer|runtime error:/.test(stderr)) throw new Error(stderr);
      },
    };
  }
  throw new Error('no free port in 22000-22999');
}

/** Client - a cookie-keeping HTTP client that signs in like a browser. */
export class Client {
  constructor(base) { this.base = base; this.jar = new Map(); }
  cookie() { return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '); }
  keep(r) {
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';'); const i = kv.indexOf('=');
      this.jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
  }
  async get(path) {
    const r = await fetch(this.base + path, { headers: { cookie: this.cookie() }, redirect: 'manual' });
    this.keep(r);
    return { status: r.status, headers: r.headers, html: await r.text() };
  }
  async post(path, form) {
    const r = await fetch(this.base + path, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(form),
      headers: { cookie: this.cookie(), origin: this.base, 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.keep(r);
    return { status: r.status, headers: r.headers, html: await r.text() };
  }
  static csrf(html) { return (html.match(/name="csrf" value="([^"]+)"/) || [])[1]; }
  async signin(email, password) {
    const page = await this.get('/signin');
    const r = await this.post('/signin', { csrf: Client.csrf(page.html), email, password });
    if (r.status !== 303) throw new Error(`sign-in of ${email} failed: ${r.status}`);
  }
}
