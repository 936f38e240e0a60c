// gate_crash.test.mjs - nothing acknowledged is lost: kill -9 the server
// under a stream of check-ins, restart it on the same database, and find
// every acknowledged check-in there, none twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { makeBadges, gateKey, checkin } from './gate_helpers.mjs';

test('kill -9 under a stream of check-ins: every acknowledged one survives, none twice', async () => {
  const a = await startServer();
  const tokens = makeBadges(a.db, 3000);
  const key = gateKey(a.db);
  const acked = new Set();
  let sent = 0, next = 0, stop = false;
  const worker = async () => {
    while (!stop && next < tokens.length) {
      const i = next++;
      sent++;
      try {
        const r = await checkin(a.base, key, tokens[i], 'in', `crash-${i}`);
        if (r.status === 200 && r.body.result === 'ok') acked.add(i);
      } catch { /* the server died under this request: not acknowledged */ }
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  // let the stream run until a few hundred check-ins are acknowledged
  const t0 = Date.now();
  while (acked.size < 300 && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 5));
  await a.crash();
  stop = true;
  await Promise.all(workers);
  assert.ok(acked.size >= 300, `acknowledged ${acked.size} before the kill`);

  const b = await startServer({ db: a.db });
  try {
    const rows = sqlite(b.db, "SELECT idem, count(*) FROM checkin WHERE idem LIKE 'crash-%' GROUP BY idem")
      .split('\n').filter(Boolean).map((l) => l.split('|'));
    const stored = new Map(rows.map(([k, n]) => [k, +n]));
    for (const i of acked) assert.equal(stored.get(`crash-${i}`), 1, `acknowledged crash-${i} is there once`);
    for (const [k, n] of stored) assert.equal(n, 1, `${k} once`);
    assert.ok(stored.size >= acked.size && stored.size <= sent);
    // none twice per badge either: each badge entered at most once
    const twice = sqlite(b.db, "SELECT count(*) FROM (SELECT badge_id FROM checkin WHERE idem LIKE 'crash-%' AND result = 'ok' GROUP BY badge_id HAVING count(*) > 1) t").trim();
    assert.equal(twice, '0');
    // the scanner retries what it did not hear back: the stored ones replay
    const i = [...acked][0];
    const r = await checkin(b.base, key, tokens[i], 'in', `crash-${i}`);
    assert.deepEqual([r.body.result, r.body.replay], ['ok', true]);
  } finally {
    await b.stop();
    await a.stop();
  }
});
