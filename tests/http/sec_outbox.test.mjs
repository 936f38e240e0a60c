// Security hardening (issue 8): the mail sender's failures. A sender command
// that exits without reading its message (`--sendmail false`) used to kill
// `coopfair outbox send` with SIGPIPE (status 141, nothing recorded, the
// message left claimed); it must report the failure and keep the message
// queued with the reason.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { coopfair, isPg, sqlJson, sqlite, startServer } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

// queue - one pending message with a body of n bytes; its id.
function queue(to, n) {
  const body = isPg(srv.db) ? `repeat('x', ${n})` : `printf('%.*c', ${n}, 'x')`;
  sqlite(srv.db, `INSERT INTO outbox (created_at, to_email, subject, body) VALUES ('2026-11-30T00:00:00Z', '${to}', 'Test', ${body})`);
  return sqlJson(srv.db, `SELECT id FROM outbox WHERE to_email = '${to}'`)[0].id;
}
const row = (id) => sqlJson(srv.db, `SELECT sent_at, attempts, last_error FROM outbox WHERE id = ${id}`)[0];

test('outbox send with a sender that exits without reading reports the failure and keeps the message queued', () => {
  const small = queue('small@example.org', 10);
  const big = queue('big@example.org', 300000); // past any pipe buffer: the write itself fails
  const r = coopfair(srv.db, 'outbox', 'send', '--sendmail', 'false');
  assert.equal(r.status, 1, `exit status ${r.status} (141 is death by SIGPIPE)\n${r.stderr}`);
  assert.match(r.stdout, /0 messages sent, 2 failed/);
  for (const id of [small, big]) {
    const m = row(id);
    assert.equal(m.sent_at, null, 'still queued');
    assert.equal(Number(m.attempts), 1);
    assert.match(m.last_error, /sender command failed \(status 1\)/);
  }
  // A second round tries them again (not left claimed by a dead process).
  const again = coopfair(srv.db, 'outbox', 'send', '--sendmail', 'false');
  assert.equal(again.status, 1);
  assert.equal(Number(row(big).attempts), 2);
  // A sender that says "sent" but read nothing is not believed for a message it could not take.
  const liar = coopfair(srv.db, 'outbox', 'send', '--sendmail', 'true');
  assert.equal(liar.status, 1, liar.stdout + liar.stderr);
  assert.match(row(big).last_error, /did not read the whole message/);
  assert.equal(row(big).sent_at, null);
  // And a working sender delivers both.
  const ok = coopfair(srv.db, 'outbox', 'send', '--sendmail', 'cat >/dev/null');
  assert.equal(ok.status, 0, ok.stderr);
  assert.notEqual(row(small).sent_at, null);
  assert.notEqual(row(big).sent_at, null);
});
