// Security hardening (issue 8), accounts: nobody reads a link that signs
// someone in (point 1), /forgot does the same work for any email (point 7),
// sign-in attempts are counted before the password is checked (point 8), the
// visitor cookie is bound to a server-side secret (point 9).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { Client, DEMO, sql, startServer } from './accounts_helpers.mjs';
import { BIN, PG, coopfair, setCookies } from './server.mjs';

let srv, committee, admin;
before(async () => {
  srv = await startServer();
  committee = new Client(srv.base);
  await committee.signIn(...DEMO.committee);
  admin = new Client(srv.base);
  await admin.signIn(...DEMO.admin);
});
after(async () => { await srv?.stop(); });

const idOf = (email) => sql(srv.db, `SELECT id FROM account WHERE email = '${email}'`)[0][0];
// The mail sender's round without a working sender: makes the reset links, delivers nothing.
const senderRound = () => coopfair(srv.db, 'outbox', 'send', '--sendmail', 'cat >/dev/null; false');

test('point 1: a reset link asked for a juror is read by no one in the outbox, committee or admin', async () => {
  const anon = new Client(srv.base);
  const token = await anon.csrf('/forgot');
  assert.equal((await anon.post('/forgot', { csrf: token, email: DEMO.jury[0] })).status, 200);
  senderRound();
  const [[body]] = sql(srv.db, `SELECT body FROM outbox WHERE to_email = '${DEMO.jury[0]}' ORDER BY id DESC LIMIT 1`);
  const link = body.match(/\/reset\/[0-9a-f]{64}/)[0]; // the mail exists, for the sender
  for (const who of [committee, admin]) {
    const page = await who.get('/admin/outbox');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(DEMO.jury[0]), 'the message is listed');
    assert.ok(!page.text.includes(link), 'its link is not shown');
    assert.ok(!/\/reset\/[0-9a-f]{64}/.test(page.text), 'no reset link at all');
    assert.match(page.text, /only the mail sender delivers it/);
  }
});

test('point 1: invitation links for new accounts stay copyable by the committee', async () => {
  const form = await committee.get('/admin/invite');
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const r = await committee.post('/admin/invite', {
    csrf, email: 'new-member@example.org', name: 'New member', cooperative_id: '3', lang_msg: 'fr',
  });
  assert.equal(r.status, 200);
  const page = await committee.get('/admin/outbox');
  assert.match(page.text, /\/invite\/[0-9a-f]{64}/);
});

test('point 1: an admin sets a password in the back office with the person present, audited as the admin', async () => {
  const jury = idOf(DEMO.jury[0]);
  const page = await admin.get(`/admin/accounts/${jury}`);
  assert.match(page.text, new RegExp(`action="/admin/accounts/${jury}/password"`));
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const differ = await admin.post(`/admin/accounts/${jury}/password`, { csrf, password: 'jury-chosen-pass', password2: 'other-pass-xx' });
  assert.equal(differ.status, 400);
  const r = await admin.post(`/admin/accounts/${jury}/password`, { csrf, password: 'jury-chosen-pass', password2: 'jury-chosen-pass' });
  assert.equal(r.status, 303);
  await new Client(srv.base).signIn(DEMO.jury[0], 'jury-chosen-pass');
  const [[actor]] = sql(srv.db, `SELECT account_id FROM audit WHERE action = 'account.set_password' AND object_id = ${jury} ORDER BY id DESC LIMIT 1`);
  assert.equal(actor, idOf(DEMO.admin[0]));
  // The committee can do neither: no form, and the route refuses.
  const cpage = await committee.get(`/admin/accounts/${jury}`);
  assert.ok(!cpage.text.includes(`/admin/accounts/${jury}/password`));
  const ccsrf = cpage.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const refused = await committee.post(`/admin/accounts/${jury}/password`, { csrf: ccsrf, password: 'committee-chose', password2: 'committee-chose' });
  assert.equal(refused.status, 403);
});

test('point 1: coopfair user passwd is audited (as the command line)', () => {
  const desk = idOf(DEMO.desk[0]);
  const before = Number(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'account.set_password' AND object_id = ${desk} AND account_id IS NULL`)[0][0]);
  const r = spawnSyncInput(['--db', srv.db, 'user', 'passwd', '--email', DEMO.desk[0]], 'desk-at-the-desk-2024\n');
  assert.equal(r.status, 0, r.stderr);
  const now = Number(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'account.set_password' AND object_id = ${desk} AND account_id IS NULL`)[0][0]);
  assert.equal(now, before + 1);
});

function spawnSyncInput(args, input) {
  return spawnSync(BIN, args, { input, encoding: 'utf8' });
}

// Point 7: with the database write-locked by another process, a request
// that writes waits for the lock and one that only reads does not. /forgot
// must do the same work for a known and an unknown email, so both wait
// alike (on main, the known email's request waited and the unknown one did
// not: what its timing told).
async function timeForgotUnderLock(email) {
  const anon = new Client(srv.base);
  const token = await anon.csrf('/forgot');
  const lock = spawn('sqlite3', [srv.db], { stdio: ['pipe', 'ignore', 'ignore'] });
  const ended = new Promise((r) => lock.once('exit', r));
  // A busy timeout: the server may be writing at that instant (a session,
  // the gate's writer); without one the lock is simply not taken.
  lock.stdin.write('.timeout 5000\nBEGIN IMMEDIATE;\n');
  // Wait until the lock is held: another writer is then refused at once.
  const deadline = Date.now() + 5000;
  while (spawnSync('sqlite3', [srv.db, 'PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;']).status === 0) {
    if (Date.now() >= deadline) {
      lock.kill(); // never leave the lock's process behind: the file would not end
      assert.fail('the lock was never taken');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const HOLD = 1200;
  const release = setTimeout(() => lock.stdin.end('COMMIT;\n'), HOLD);
  const t0 = performance.now();
  const r = await anon.post('/forgot', { csrf: token, email });
  const ms = performance.now() - t0;
  clearTimeout(release);
  if (!lock.stdin.writableEnded) lock.stdin.end('COMMIT;\n');
  await ended;
  return { status: r.status, ms };
}

// The lock is SQLite's database-wide write lock, taken by the sqlite3 CLI:
// there is no such lock on PostgreSQL (writers lock rows), so it runs on SQLite.
test('point 7: /forgot does the same work for a known and an unknown email (both wait for a write lock alike)', { skip: PG ? 'an SQLite write lock' : false }, async () => {
  const known = await timeForgotUnderLock(DEMO.exhibitor[0]);
  const unknown = await timeForgotUnderLock('no-such-person@example.org');
  assert.equal(known.status, unknown.status);
  assert.equal(known.status, 200);
  assert.ok(Math.abs(known.ms - unknown.ms) < 600, `known ${known.ms.toFixed(0)} ms, unknown ${unknown.ms.toFixed(0)} ms`);
  // and the sender then makes the known email's link only
  senderRound();
  assert.equal(sql(srv.db, "SELECT count(*) FROM outbox WHERE to_email = 'no-such-person@example.org'")[0][0], '0');
  assert.ok(Number(sql(srv.db, `SELECT count(*) FROM outbox WHERE to_email = '${DEMO.exhibitor[0]}' AND body LIKE '%/reset/%'`)[0][0]) >= 1);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM reset_request')[0][0], '0');
});

test('point 8: 40 parallel wrong passwords for one email get at most 5 checked', async () => {
  const c = new Client(srv.base);
  const token = await c.csrf('/signin');
  const email = 'parallel-victim@example.org';
  const tries = await Promise.all(Array.from({ length: 40 }, () =>
    c.post('/signin', { csrf: token, email, password: 'wrong-password' })));
  const checked = tries.filter((r) => r.status === 401).length;
  const blocked = tries.filter((r) => r.status === 429).length;
  assert.equal(checked + blocked, 40, tries.map((r) => r.status).join(','));
  assert.ok(checked <= 5, `${checked} attempts were checked`);
  assert.ok(checked >= 1);
});

test('point 9: a planted visitor cookie is not accepted: it is renewed, and two browsers never share a CSRF token', async () => {
  const planted = 'a'.repeat(32);
  const get = async () => {
    const r = await fetch(`${srv.base}/signin`, { headers: { Cookie: `cf_visitor=${planted}` } });
    return { text: await r.text(), cookies: setCookies(r.headers) };
  };
  const one = await get(), two = await get();
  const tok = (p) => p.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  assert.notEqual(tok(one), tok(two));
  const renewed = one.cookies.find((c) => c.startsWith('cf_visitor='));
  assert.ok(renewed, 'a new visitor cookie is set');
  const value = renewed.split(';')[0].slice('cf_visitor='.length);
  assert.notEqual(value, planted);
  // The renewed cookie verifies: kept as is, same token on the next page.
  const again = await fetch(`${srv.base}/signin`, { headers: { Cookie: `cf_visitor=${value}` } });
  const againText = await again.text();
  assert.ok(!setCookies(again.headers).some((c) => c.startsWith('cf_visitor=')));
  assert.equal(againText.match(/name="csrf" value="([0-9a-f]{64})"/)[1], tok(one));
  // A forged cookie with the shape of a real one does not verify either.
  const forged = value.slice(0, 32) + '0'.repeat(32);
  const f = await fetch(`${srv.base}/signin`, { headers: { Cookie: `cf_visitor=${forged}` } });
  await f.text();
  assert.ok(setCookies(f.headers).some((c) => c.startsWith('cf_visitor=') && !c.startsWith(`cf_visitor=${forged}`)));
});
