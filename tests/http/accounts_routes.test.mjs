// The route table holds: every route x every role is allowed or refused as
// the table says, before any handler runs; every state-changing route
// refuses a missing token, a wrong token and a cross-origin request.
// Expectations come from the table itself (`coopfair routes`), so a route
// added later is covered without touching this file.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, DEMO, routes, setCookies, startServer } from './accounts_helpers.mjs';

const ROLES = ['anonymous', 'admin', 'committee', 'jury', 'exhibitor', 'desk'];
const ROLE_REFUSED = 'Your account does not give access to this page.';
const CSRF_REFUSED = 'This form has expired or came from another site.';

let srv;
const clients = {};

before(async () => {
  srv = await startServer();
  for (const role of ROLES) {
    clients[role] = new Client(srv.base);
    if (role !== 'anonymous') await clients[role].signIn(...DEMO[role]);
    else await clients[role].get('/');
  }
});
after(async () => { await srv?.stop(); });

// concrete - a path for a pattern: {id} -> 1, a trailing * -> something.
function concrete(pattern) {
  let p = pattern.replaceAll('{id}', '1');
  if (p.endsWith('*')) p = p.slice(0, -1) + (p.startsWith('/static/') ? 'style.css' : 'x');
  return p;
}

function allowed(route, role) {
  if (!route.roles) return true;
  return role !== 'anonymous' && route.roles.includes(role);
}

test('the route table is not empty and every route names its roles', () => {
  const t = routes();
  assert.ok(t.length >= 50, `only ${t.length} routes`);
  for (const r of t) {
    assert.match(r.method, /^(GET|POST|PUT|DELETE)$/);
    if (r.method !== 'GET') assert.equal(r.csrf, true, `${r.method} ${r.pattern} changes state without CSRF`);
    // the back office is the organisers'; a few actions are the admin's alone (issue 8: setting a password)
    if (r.pattern.startsWith('/admin')) assert.ok(['admin,committee', 'admin'].includes(r.roles.join()), r.pattern);
  }
});

test('every route x every role: allowed or refused as the table says', async () => {
  const t = routes();
  let checked = 0, refusals = 0;
  for (const route of t) {
    const path = concrete(route.pattern);
    for (const role of ROLES) {
      const c = clients[role];
      // No token: a refused role is refused before the CSRF check; an allowed
      // one reaches the CSRF check (and is stopped there: nothing changes).
      const r = route.method === 'GET' ? await c.get(path) : await c.req(route.method, path, { form: { x: '1' } });
      const what = `${route.method} ${path} as ${role} -> ${r.status}`;
      if (allowed(route, role)) {
        if (route.csrf) {
          assert.equal(r.status, 403, what);
          assert.ok(r.text.includes(CSRF_REFUSED), `${what}: not the CSRF refusal`);
        } else {
          assert.notEqual(r.status, 403, what);
          assert.ok(!(r.status === 303 && r.location.startsWith('/signin')), `${what}: sent to sign in`);
          // Markup passed through the escaping emitter by mistake shows up
          // as an escaped attribute.
          assert.ok(!/[a-z]=&quot;/.test(r.text), `${what}: escaped markup in the page`);
        }
      } else {
        refusals++;
        if (role === 'anonymous') {
          assert.equal(r.status, 303, what);
          assert.ok(r.location.startsWith('/signin?next='), `${what}: to ${r.location}`);
        } else {
          assert.equal(r.status, 403, what);
          assert.ok(r.text.includes(ROLE_REFUSED), `${what}: not the role refusal`);
        }
      }
      checked++;
    }
  }
  assert.equal(checked, t.length * ROLES.length);
  assert.ok(refusals > 100, `only ${refusals} refusals checked`);
});

test('every state-changing route refuses no token, a wrong token, and another origin', async () => {
  const t = routes().filter((r) => r.csrf);
  assert.ok(t.length >= 25);
  for (const route of t) {
    const role = route.roles ? (route.roles.includes('committee') ? 'committee' : route.roles[0]) : 'anonymous';
    const c = role === 'anonymous' ? new Client(srv.base) : clients[role];
    const path = concrete(route.pattern);
    const good = await c.csrf(role === 'anonymous' ? '/signin' : '/admin/accounts');
    const cases = [
      ['no token', { x: '1' }, {}],
      ['a wrong token', { csrf: '0'.repeat(64) }, {}],
      ['a token for another session', { csrf: good.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) }, {}],
      ['the right token from another origin', { csrf: good }, { Origin: 'http://evil.example' }],
      ['the right token, Referer of another site', { csrf: good }, { Referer: 'http://evil.example/page' }],
    ];
    for (const [why, form, headers] of cases) {
      const r = await c.req(route.method, path, { form, headers });
      assert.equal(r.status, 403, `${route.method} ${path} with ${why}: ${r.status}`);
      assert.ok(r.text.includes(CSRF_REFUSED), `${route.method} ${path} with ${why}`);
    }
  }
});

test('the right token from the same origin passes the router (the check can fail)', async () => {
  const c = clients.committee;
  const token = await c.csrf('/admin/editions/1');
  const r = await c.post('/admin/editions/1', { csrf: token, slug: '' }, { headers: { Origin: srv.base } });
  assert.equal(r.status, 400, 'validation, not a refusal');
  assert.ok(r.text.includes('This field is required.'));
});

test('pages send CSP without unsafe-inline, nosniff, a referrer policy, frame-ancestors none', async () => {
  const pages = [['anonymous', '/'], ['anonymous', '/signin'], ['anonymous', '/exhibitors'],
    ['anonymous', '/forgot'], ['committee', '/admin'], ['committee', '/admin/editions/1'],
    ['anonymous', '/no-such-page'], ['jury', '/admin']];
  for (const [role, path] of pages) {
    const r = await clients[role].get(path);
    const csp = r.headers.get('content-security-policy') || '';
    assert.ok(csp.length > 0, `${path}: no CSP`);
    assert.ok(!csp.includes('unsafe-inline'), `${path}: ${csp}`);
    assert.ok(!csp.includes('unsafe-eval'), `${path}: ${csp}`);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.match(csp, /default-src 'self'/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.ok(r.headers.get('referrer-policy'), `${path}: no Referrer-Policy`);
    assert.ok(!/<script>|style="|onclick=|onload=/i.test(r.text), `${path}: inline script or style`);
  }
});

test('the session cookie is HttpOnly and SameSite=Lax, and renewed at sign-in', async () => {
  const c = new Client(srv.base);
  const token = await c.csrf('/signin');
  const res = await fetch(`${srv.base}/signin`, {
    method: 'POST', redirect: 'manual',
    headers: { Cookie: c.cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: token, email: DEMO.desk[0], password: DEMO.desk[1] }).toString(),
  });
  const cookie = setCookies(res.headers).find((s) => s.startsWith('cf_session='));
  assert.ok(cookie, 'no session cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const second = new Client(srv.base);
  await second.signIn(...DEMO.desk);
  assert.notEqual(second.jar.get('cf_session'), cookie.split(';')[0].split('=')[1]);
});
