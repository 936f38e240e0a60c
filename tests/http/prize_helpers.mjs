// prize_helpers.mjs - the prize tests' HTTP client (servers come from the
// shared harness, tests/http/server.mjs): cookies kept, forms posted
// urlencoded with the page's CSRF token, sign-in like a browser.
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
