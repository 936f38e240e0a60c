// gate_helpers.mjs - the gate tests' helpers: badges made in the database,
// the JSON API client, and the latency figures the bench prints.
import { randomBytes } from 'node:crypto';
import { sqlite } from './server.mjs';

/** makeBadges - n new badges of role in the demo edition; their tokens. */
export function makeBadges(db, n, role = 'visitor') {
  const tokens = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const t = randomBytes(16).toString('hex');
    tokens.push(t);
    rows.push(`((SELECT id FROM edition WHERE slug = 'fes-meknes-2024'), '${role}', '', 'Test ${i}', '', '${t}', 0, '2026-01-01T00:00:00Z')`);
  }
  for (let i = 0; i < rows.length; i += 500)
    sqlite(db, `INSERT INTO badge (edition_id, role, name_ar, name_latin, organisation, token, is_sample, created_at) VALUES ${rows.slice(i, i + 500).join(',')}`);
  return tokens;
}

/** gateKey - the scanner key of the demo's first gate. */
export function gateKey(db) {
  return sqlite(db, 'SELECT api_key FROM gate ORDER BY id LIMIT 1').trim();
}

/** checkin - one scan through the JSON API: {status, body}. */
export async function checkin(base, key, code, direction = 'in', idem = undefined) {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  if (idem) headers['idempotency-key'] = idem;
  const r = await fetch(`${base}/api/gate/checkin`, {
    method: 'POST', headers, body: JSON.stringify({ code, direction }),
  });
  const text = await r.text();
  let body = null;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, body, text };
}
