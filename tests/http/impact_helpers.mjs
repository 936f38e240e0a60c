// impact_helpers.mjs - what the sales and impact report tests share
// (sales.test.mjs, impact.test.mjs): the demo with its sample 2nd edition
// to compare with, SQL read straight from the test database, and the
// report's tables read from its page.
import { startServer, sqlite, coopfair } from './server.mjs';

/** startWithSecondEdition - a server on the demo plus `init --second-edition`. */
export function startWithSecondEdition() {
  return startServer({ prepare: (db) => {
    const r = coopfair(db, 'init', '--second-edition');
    if (r.status !== 0) throw new Error(r.stderr);
  } });
}

/** sql - readers over srv's database: one value, rows of fields, the two editions' ids. */
export function sql(srv) {
  const one = (q) => sqlite(srv.db, q).trim();
  return {
    one,
    lines: (q) => one(q).split('\n').filter((l) => l).map((l) => l.split('|')),
    ed: () => one("SELECT id FROM edition WHERE slug = 'fes-meknes-2024'"),
    ed2: () => one("SELECT id FROM edition WHERE slug = 'fes-meknes-2025-07'"),
  };
}

/** tables - the report's tables from its page: {id: {key: [values]}} */
export function tables(html) {
  const out = {};
  for (const sec of html.split('<table data-table="').slice(1)) {
    const id = sec.slice(0, sec.indexOf('"'));
    const rows = {};
    for (const tr of sec.split('</table>')[0].split('<tr data-key="').slice(1)) {
      const key = tr.slice(0, tr.indexOf('"'));
      rows[key] = [...tr.matchAll(/data-v="(-?\d+)"/g)].map((m) => Number(m[1]));
    }
    out[id] = rows;
  }
  return out;
}
