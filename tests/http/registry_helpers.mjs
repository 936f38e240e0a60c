// registry_helpers.mjs - the registry tests' server and client.
//
// startServer mirrors the shared tests/http/server.mjs (demo database in a
// temporary folder, translations from the source tree, stderr kept and a
// sanitizer report or crash turned into an error at stop()) but listens in
// the registry lane's ports, 21000-21999, as the brief asks; BIN and sqlite
// come from the shared helper. Client keeps cookies and the CSRF token and
// posts multipart forms (uploads) like a browser.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { BIN, ROOT, sqlite } from './server.mjs';

export { BIN };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function portFree(port) {
  return new Promise((res) => {
    const s = net.createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

/** startServer - {base, db, dir, sql(q), stop()} on a demo database. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'cf-registry-'));
  const db = join(dir, 'test.db');
  execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 21000 + Math.floor(Math.random() * 1000);
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
      try {
        const r = await fetch(`${base}/healthz`);
        await r.text();
        if (r.status === 200) break;
      } catch { /* not listening yet */ }
      await sleep(50);
    }
    if (done) {
      if (/already in use/.test(stderr)) continue;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`coopfair exited before serving:\n${stderr}`);
    }
    return {
      base, db, dir,
      sql(query) { return sqlite(db, query).trim(); },
      async stop() {
        if (!done) { proc.kill('SIGTERM'); await exited; }
        rmSync(dir, { recursive: true, force: true });
        if (/AddressSanitizer|LeakSanitizer|runtime error:|SQL does not prepare/.test(stderr))
          throw new Error(`coopfair reported errors:\n${stderr}`);
        if (done.signal && done.signal !== 'SIGTERM') throw new Error(`coopfair died of ${done.signal}:\n${stderr}`);
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('no free port in 21000-21999 after 20 tries');
}

export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); this.csrf = ''; }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i), v = kv.slice(i + 1);
      if (v === '') this.cookies.delete(k); else this.cookies.set(k, v);
    }
  }
  async get(path, headers = {}) {
    const res = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    const body = Buffer.from(await res.arrayBuffer());
    const m = body.toString('utf8').match(/name="csrf" value="([0-9a-f]{64})"/);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
  }
  async post(path, fields, files = []) {
    const fd = new FormData();
    fd.set('csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    for (const f of files) fd.append(f.field, new Blob([f.data], { type: f.type || 'application/octet-stream' }), f.name);
    const res = await fetch(this.base + path, { method: 'POST', body: fd, redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
  }
  async signIn(email, password) {
    await this.get('/signin');
    const fd = new URLSearchParams({ email, password, csrf: this.csrf });
    const res = await fetch(this.base + '/signin', { method: 'POST', body: fd, redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
    await this.get('/');
  }
}
