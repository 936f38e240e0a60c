// Security hardening (issue 8): point 5, the trusted-proxy setting (off by
// default) for X-Forwarded-Proto/-For, Secure cookies and https links under
// TLS; point 6, one text rule for every way in (CLI, CSV import) and clean
// text in the CSV/XLSX exports.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, DEMO, formFields, sql } from './accounts_helpers.mjs';
import { BIN, setCookies, sqlite, startServer } from './server.mjs';

let proxied, direct;
before(async () => {
  proxied = await startServer({ env: { COOPFAIR_TRUST_PROXY: '1' } });
  direct = await startServer();
});
after(async () => { await proxied?.stop(); await direct?.stop(); });

const HTTPS = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.7' };
const cookieOf = (res, name) => setCookies(res.headers).find((c) => c.startsWith(`${name}=`));

test('point 5: behind a trusted proxy serving https, cookies are Secure and invitation links use https', async () => {
  const c = new Client(proxied.base);
  const form = await c.get('/signin', { headers: HTTPS });
  assert.match(cookieOf(form, 'cf_visitor'), /; Secure/);
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const signin = await c.post('/signin', { csrf, email: DEMO.committee[0], password: DEMO.committee[1] }, { headers: HTTPS });
  assert.equal(signin.status, 303);
  assert.match(cookieOf(signin, 'cf_session'), /; Secure/);
  // the proxy's client address is the one counted and kept
  const [[client]] = sql(proxied.db, 'SELECT client FROM session ORDER BY id DESC LIMIT 1');
  assert.equal(client, '198.51.100.7');
  const page = await c.get('/admin/invite', { headers: HTTPS });
  const f = formFields(page.text, '/admin/invite');
  const inv = await c.post('/admin/invite', { ...f, email: 'tls-invite@example.org', cooperative_id: '2' }, { headers: HTTPS });
  assert.equal(inv.status, 200);
  assert.match(inv.text, /https:\/\/127\.0\.0\.1:\d+\/invite\/[0-9a-f]{64}/);
});

test('point 5: without the setting (the default), X-Forwarded-Proto and -For are ignored', async () => {
  const c = new Client(direct.base);
  const form = await c.get('/signin', { headers: HTTPS });
  assert.ok(!/; Secure/.test(cookieOf(form, 'cf_visitor')), 'not served over TLS: no Secure');
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  // A client cannot choose the address its failures are counted against.
  for (let i = 0; i < 3; i++) {
    const r = await c.post('/signin', { csrf, email: `spoof${i}@example.org`, password: 'wrong-password' },
      { headers: { 'X-Forwarded-For': `203.0.113.${i + 1}` } });
    assert.equal(r.status, 401);
  }
  assert.equal(sql(direct.db, "SELECT count(*) FROM signin_failure WHERE scope = 'addr' AND key LIKE '203.0.113.%'")[0][0], '0');
  assert.ok(Number(sql(direct.db, "SELECT count(*) FROM signin_failure WHERE scope = 'addr' AND key = '127.0.0.1'")[0][0]) >= 3);
});

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

test('point 6: coopfair user add --name drops direction overrides', () => {
  const r = spawnSync(BIN, ['--db', direct.db, 'user', 'add', '--email', 'bidi@example.org', '--role', 'desk',
    '--name', 'Desk \u202Egnp.exe\u202C \u2066x\u2069'], { input: 'a-long-password\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [[name]] = sql(direct.db, "SELECT name FROM account WHERE email = 'bidi@example.org'");
  assert.ok(!BIDI.test(name), JSON.stringify(name));
  assert.equal(name, 'Desk gnp.exe x');
});

test('point 6: the CSV import drops direction overrides from every field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coopfair-bidi-'));
  try {
    const csv = execFileSync(BIN, ['--db', direct.db, 'registry', 'generate', '3', '77'], { encoding: 'utf8' });
    const lines = csv.split('\n');
    lines[1] = lines[1].split(';').map((v, i) => (i === 0 ? `Bidi\u202E coop\u2067 ${v}` : i === 1 ? `\u202B${v}` : v)).join(';');
    const file = join(dir, 'coops.csv');
    writeFileSync(file, lines.join('\n'));
    const r = spawnSync(BIN, ['--db', direct.db, 'registry', 'import', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const rows = sql(direct.db, "SELECT name_fr, name_ar FROM cooperative WHERE name_fr LIKE 'Bidi%'");
    assert.equal(rows.length, 1);
    assert.ok(!BIDI.test(rows[0].join('')), JSON.stringify(rows[0]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('point 6: CSV and XLSX exports carry clean text, whatever the database holds', async () => {
  // a name stored before the rule existed
  sqlite(direct.db, "UPDATE cooperative SET name_fr = 'Old' || char(8238) || 'name' || char(8294) || ' z' WHERE id = 1");
  const c = new Client(direct.base);
  await c.signIn(...DEMO.committee);
  const res = await fetch(`${direct.base}/admin/registry/export?format=csv&col=name_fr&col=name_ar`, { headers: { Cookie: c.cookieHeader() } });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.ok(text.includes('Oldname z'), 'the cleaned name is exported');
  assert.ok(!BIDI.test(text), 'no direction control in the CSV');
  const x = await fetch(`${direct.base}/admin/registry/export?format=xlsx&col=name_fr&col=name_ar`, { headers: { Cookie: c.cookieHeader() } });
  assert.equal(x.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'coopfair-xlsx-'));
  try {
    const file = join(dir, 'e.xlsx');
    writeFileSync(file, Buffer.from(await x.arrayBuffer()));
    const strings = execFileSync('unzip', ['-p', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.ok(strings.includes('Oldname z'));
    assert.ok(!BIDI.test(strings), 'no direction control in the XLSX');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
