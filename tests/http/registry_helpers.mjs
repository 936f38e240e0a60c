// registry_helpers.mjs - a real coopfair server on a temporary demo
// database, and a signed-in client with its cookies and CSRF token.
// (Local to the registry tests until the shared harness lands in main.)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.COOPFAIR_BIN || join(process.cwd(), 'build/coopfair');

export async function startServer(port) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-registry-'));
  const db = join(dir, 'test.db');
  execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'ignore' });
  const proc = spawn(BIN, ['--db', db, '--port', String(port), 'serve'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    await new Promise((res) => setTimeout(res, 50));
  }
  return {
    base, db, dir, proc,
    sql(query) {
      return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
    },
    cli(args, opts = {}) {
      return execFileSync(BIN, ['--db', db, ...args], { encoding: 'utf8', ...opts });
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((res) => proc.once('exit', res));
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
