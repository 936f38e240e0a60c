// registry_helpers.mjs - the registry tests' HTTP client (servers come from
// the shared harness, tests/http/server.mjs): keeps cookies and the CSRF
// token and posts multipart forms (uploads) like a browser.
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
