// accounts_helpers.mjs - shared by the accounts HTTP and browser tests, on
// top of the harness (server.mjs): the demo accounts, the route table, SQL
// on the test database, and a client with a cookie jar that signs in.
import { execFileSync } from 'node:child_process';
import { BIN, ROOT, setCookies, sqlJson, startServer as harnessStart } from './server.mjs';

export { BIN, ROOT, setCookies };

// The demo accounts (src/model/demo.c DEMO_ACCOUNTS), by role.
export const DEMO = {
  admin: ['admin@example.org', 'demo-admin-2024'],
  committee: ['committee@example.org', 'demo-committee-2024'],
  jury: ['jury@example.org', 'demo-jury-2024'],
  exhibitor: ['exhibitor@example.org', 'demo-exhibitor-2024'],
  desk: ['desk@example.org', 'demo-desk-2024'],
};

// startServer - the harness's server (tests/http/server.mjs: a demo database
// in a temp folder, a free loopback port, sanitizer reports and crashes
// turned into failures at stop()).
export function startServer() {
  return harnessStart();
}

// sql - rows of a query on the test database, as arrays of strings
// (NULL as ''); values may hold newlines.
export function sql(db, query) {
  return sqlJson(db, query).map((row) => Object.values(row).map((v) => (v === null ? '' : String(v))));
}

// routes - the route table, from `coopfair routes`.
export function routes() {
  const lines = execFileSync(BIN, ['routes'], { encoding: 'utf8' }).trim().split('\n').slice(1);
  return lines.map((l) => {
    const [method, pattern, roles, csrf] = l.split('\t');
    return { method, pattern, roles: roles === 'public' ? null : roles.split(','), csrf: csrf === '1' };
  });
}

// A client: a cookie jar, requests without following redirects.
export class Client {
  constructor(base) { this.base = base; this.jar = new Map(); }

  cookieHeader() { return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '); }

  keep(res) {
    for (const c of setCookies(res.headers)) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i).trim(), v = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0\b/i.test(a.trim())) || v === '') this.jar.delete(k);
      else this.jar.set(k, v);
    }
  }

  async req(method, path, { form, body, headers = {}, lang = 'en' } = {}) {
    const h = { Cookie: this.cookieHeader(), 'Accept-Language': lang, ...headers };
    let payload = body;
    if (form) {
      payload = new URLSearchParams(form).toString();
      h['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    this.keep(res);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  get(path, opts) { return this.req('GET', path, opts); }
  post(path, form, opts = {}) { return this.req('POST', path, { ...opts, form }); }

  // csrf - the token forms carry, read from a page (default /signin or /).
  async csrf(path = '/') {
    const r = await this.get(path);
    const m = r.text.match(/name="csrf" value="([0-9a-f]{64})"/);
    if (!m) throw new Error(`no csrf token on ${path} (status ${r.status})`);
    return m[1];
  }

  async signIn(email, password) {
    const token = await this.csrf('/signin');
    const r = await this.post('/signin', { csrf: token, email, password });
    if (r.status !== 303) throw new Error(`sign-in as ${email} failed: ${r.status}`);
    return r;
  }
}

// formFields - the fields of the form posting to action on a page, as they
// would be sent (hidden inputs, values, textareas, selected options).
export function formFields(html, action) {
  const esc = action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = html.match(new RegExp(`<form method="post" action="${esc}"[^>]*>([\\s\\S]*?)</form>`));
  if (!m) throw new Error(`no form posting to ${action}`);
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const f = {};
  for (const im of m[1].matchAll(/<input ([^>]*)>/g)) {
    const a = Object.fromEntries([...im[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (!a.name || a.type === 'file') continue;
    if (a.type === 'checkbox') { if (/\bchecked\b/.test(im[1])) f[a.name] = a.value; continue; }
    f[a.name] = unescape(a.value ?? '');
  }
  for (const tm of m[1].matchAll(/<textarea [^>]*name="(\w+)"[^>]*>([\s\S]*?)<\/textarea>/g)) f[tm[1]] = unescape(tm[2]);
  for (const sm of m[1].matchAll(/<select [^>]*name="(\w+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = sm[2].match(/<option value="([^"]*)" selected/) || sm[2].match(/<option value="([^"]*)"/);
    f[sm[1]] = sel ? unescape(sel[1]) : '';
  }
  return f;
}
