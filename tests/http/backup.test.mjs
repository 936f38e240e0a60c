// backup.test.mjs - backups of a live fair (issue 20): taken while writes
// stream in through HTTP, restored into a fresh folder with everything
// acknowledged before the backup began and a score log that verifies;
// damaged backups refused; a failed scheduled backup shown on /admin; the
// archive; --help; PostgreSQL said plainly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, mkdirSync, copyFileSync, statSync, writeFileSync, renameSync, truncateSync, readFileSync, openSync, writeSync, closeSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, coopfair, sqlite, sqliteRows, BIN, PG, pgCreate, pgDrop } from './server.mjs';
import { Client } from './prize_helpers.mjs';
import { run, newestBackup, writeStream, loggedComments } from './backup_helpers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// On the PostgreSQL pass of make check the servers run on PostgreSQL, which
// coopfair does not copy itself: those tests check pg_dump/pg_restore instead.
const sqliteOnly = { skip: PG ? 'SQLite backups; the PostgreSQL pass runs the pg_dump test' : false };

async function waitFor(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = fn();
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('backups taken during a stream of HTTP writes restore with every write acknowledged before they began, and the score log holds', sqliteOnly, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'coopfair-backup-'));
  const sched = join(work, 'scheduled');
  const srv = await startServer({ env: { COOPFAIR_BACKUP_EVERY: '1s', COOPFAIR_BACKUP_TO: sched } });
  try {
    const stream = await writeStream(srv.base, srv.db, 'w');
    await waitFor('the first writes', () => stream.acked.length >= 5);
    const taken = [];
    for (let i = 0; i < 3; i++) {
      const dest = join(work, `b${i}.db`);
      const began = Date.now();
      const ackedBefore = stream.acked.length;
      const r = await run('--db', srv.db, 'backup', dest);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /integrity ok/);
      taken.push({ dest, began, ackedDuring: stream.acked.length - ackedBefore });
      await sleep(200);
    }
    await stream.stop();
    const last = taken[taken.length - 1];
    const before = stream.acked.filter((w) => w.at < last.began);
    assert.ok(before.length >= 5, `writes acknowledged before the last backup: ${before.length}`);
    t.diagnostic(`${stream.acked.length} writes acknowledged; ${before.length} before the last backup began; acknowledged while the backups ran: ${taken.map((x) => x.ackedDuring).join(', ')}`);

    // restore the last backup into a fresh folder, as on another machine
    const fresh = mkdtempSync(join(tmpdir(), 'coopfair-restored-'));
    try {
      const db = join(fresh, 'fair.db');
      const r = coopfair(db, 'restore', last.dest);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /content hash matches/);
      const logged = loggedComments(db);
      const missing = before.filter((w) => !logged.has(w.comment));
      assert.deepEqual(missing, [], 'every write acknowledged before the backup began is in it');
      const v = coopfair(db, 'prize', 'verify');
      assert.equal(v.status, 0, v.stderr);
      assert.match(v.stdout, /holds: \d+ records/);
      // and a scheduled backup of the same server restores and verifies too
      const s = await waitFor('a scheduled backup', () => newestBackup(sched));
      const db2 = join(fresh, 'from-schedule.db');
      const r2 = coopfair(db2, 'restore', s);
      assert.equal(r2.status, 0, r2.stderr);
      assert.equal(coopfair(db2, 'prize', 'verify').status, 0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
    assert.match(srv.stderr(), /coopfair: backup .*coopfair-\d{8}T\d{6}Z(-\d+)?\.db: \d+ bytes/);
  } finally {
    await srv.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('restore refuses a truncated or byte-flipped backup with a clear message and changes nothing', sqliteOnly, async () => {
  const work = mkdtempSync(join(tmpdir(), 'coopfair-backup-'));
  try {
    const db = join(work, 'fair.db');
    execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
    const good = join(work, 'good.db');
    assert.equal(coopfair(db, 'backup', good).status, 0);
    const before = sqlite(db, 'SELECT count(*) FROM cooperative').trim();
    const ino = statSync(db).ino;

    const cut = join(work, 'cut.db');
    copyFileSync(good, cut);
    truncateSync(cut, Math.floor(statSync(good).size / 3));
    let r = coopfair(db, 'restore', cut);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /RESTORE REFUSED: .*cut\.db is damaged: \d+ bytes where its header announces \d+ pages.*cut short/);
    assert.match(r.stderr, /Nothing was changed/);

    const flip = join(work, 'flip.db');
    copyFileSync(good, flip);
    const bytes = readFileSync(flip);
    const at = bytes.indexOf(Buffer.from('pioneers of excellence'));
    assert.ok(at > 0);
    const fd = openSync(flip, 'r+');
    writeSync(fd, Buffer.from([bytes[at + 2] ^ 0x20]), 0, 1, at + 2);
    closeSync(fd);
    r = coopfair(db, 'restore', flip);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /RESTORE REFUSED: .*flip\.db is damaged: its content differs from what was backed up/);

    assert.equal(statSync(db).ino, ino, 'the current database is the same file');
    assert.equal(sqlite(db, 'SELECT count(*) FROM cooperative').trim(), before);

    // the good one restores, and the current database is kept aside
    r = coopfair(db, 'restore', good);
    assert.equal(r.status, 0, r.stderr);
    const aside = r.stdout.match(/kept aside as (\S+)/)[1];
    assert.ok(existsSync(aside));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('restore refuses while the server runs on the database', sqliteOnly, async () => {
  const srv = await startServer();
  try {
    const b = join(srv.dir, 'b.db');
    assert.equal(coopfair(srv.db, 'backup', b).status, 0);
    const r = coopfair(srv.db, 'restore', b);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /a coopfair server is running on .*stop it first/);
  } finally {
    await srv.stop();
  }
});

test('a failed scheduled backup shows on the committee dashboard and in the log, until one succeeds', sqliteOnly, async () => {
  const work = mkdtempSync(join(tmpdir(), 'coopfair-backup-'));
  const dir = join(work, 'usb'); // not there yet: the server starts all the same
  const srv = await startServer({ env: { COOPFAIR_BACKUP_EVERY: '1s', COOPFAIR_BACKUP_TO: dir } });
  try {
    await waitFor('a first backup', () => existsSync(dir) && newestBackup(dir));
    const c = new Client(srv.base);
    await c.signin('committee@example.org', 'demo-committee-2024');
    let page = await c.get('/admin?lang=en');
    assert.equal(page.status, 200);
    assert.ok(!page.html.includes('backup-failed'), 'no notice while backups succeed');
    // the stick is pulled: the folder's place is taken by a plain file
    renameSync(dir, dir + '.gone'); // atomic: a backup may be writing in it
    writeFileSync(dir + '.tmp', 'not a folder');
    renameSync(dir + '.tmp', dir);
    await waitFor('the failure in the log', () => /BACKUP FAILED/.test(srv.stderr()));
    page = await c.get('/admin?lang=en');
    assert.match(page.html, /<p class="error-box" role="alert" id="backup-failed">The last backup, at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, FAILED: [^<]+\. Backups go to [^<]*usb\/; the next try/);
    page = await c.get('/admin?lang=fr');
    assert.match(page.html, /id="backup-failed">La dernière sauvegarde/);
    page = await c.get('/admin?lang=ar');
    assert.match(page.html, /id="backup-failed">فشلت آخر نسخة احتياطية/);
    // the stick is back
    rmSync(dir, { force: true });
    mkdirSync(dir);
    await waitFor('a backup again', () => newestBackup(dir));
    // the state is recorded just after the file is named: ask until it is
    let gone = false;
    for (let i = 0; i < 50 && !gone; i++) {
      page = await c.get('/admin?lang=en');
      gone = !page.html.includes('backup-failed');
      if (!gone) await sleep(200);
    }
    assert.ok(gone, 'the notice goes once a backup succeeds');
  } finally {
    await srv.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('a folder keeps time-named backups under the rotation the user sets', sqliteOnly, async () => {
  const srv = await startServer();
  try {
    const dir = join(srv.dir, 'stick');
    mkdirSync(dir);
    for (const d of ['20240220T180000Z', '20240221T180000Z', '20240221T190000Z', '20240222T090000Z'])
      copyFileSync(srv.db, join(dir, `coopfair-${d}.db`));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = coopfair(`sqlite:${srv.db}`, 'backup', dir, '--keep-daily', '2'); // the PostgreSQL branch's spelling too
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /backed up .* to .*stick\/coopfair-\d{8}T\d{6}Z\.db\n\s+\d+(\.\d+)? (kB|MB) \(\d+ bytes\), schema version \d+, integrity ok/);
    assert.match(r.stdout, /cooperative\s+100\n/);
    assert.match(r.stdout, /rotation removed 3 older backups/);
    assert.ok(existsSync(join(dir, 'notes.txt')));
  } finally {
    await srv.stop();
  }
});

test('the archive is one zip with CSV and XLSX per table, stored files and certificates', sqliteOnly, async () => {
  const srv = await startServer({
    prepare: (db) => sqlite(db, "INSERT INTO application_photo (id, application_id, mime, width, height, data) VALUES (9007, (SELECT min(id) FROM application), 'image/png', 1, 1, X'89504E470D0A1A0A0000000D49484452')"),
  });
  try {
    const zip = join(srv.dir, 'fair.zip');
    const r = coopfair(srv.db, 'archive', zip);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /archived .* \d+ tables as CSV and XLSX, \d+ rows, \d+ stored files \(photos, logos\), \d+ certificates/);
    const list = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
    for (const f of ['csv/cooperative.csv', 'csv/edition.csv', 'csv/prize_log.csv', 'tables.xlsx', 'certificates.pdf', 'README.txt'])
      assert.ok(list.includes(`coopfair-archive/${f}`), f);
    assert.ok(!list.includes('cooperative_fts'), 'search indexes are left out');
    // the demo's sample photos (issue 18) and this one
    const [[stored]] = sqliteRows(srv.db, 'SELECT (SELECT count(*) FROM application_photo) + (SELECT count(*) FROM organisation_logo)');
    assert.ok(Number(stored) >= 91, stored);
    assert.ok(r.stdout.includes(` ${stored} stored files`), r.stdout);
    const photo = execFileSync('unzip', ['-p', zip, 'coopfair-archive/files/application_photo/9007-data.png']);
    assert.equal(photo.subarray(0, 4).toString('latin1'), '\x89PNG');
    const photos = execFileSync('unzip', ['-p', zip, 'coopfair-archive/csv/application_photo.csv'], { encoding: 'utf8' });
    assert.match(photos, /\r\n9007,\d+,image\/png,1,1,files\/application_photo\/9007-data\.png\r\n/);
    const csv = execFileSync('unzip', ['-p', zip, 'coopfair-archive/csv/edition.csv'], { encoding: 'utf8' });
    assert.match(csv, /^\ufeffid,slug,number,/);
    assert.match(csv, /fes-meknes-2024/);
    const coops = execFileSync('unzip', ['-p', zip, 'coopfair-archive/csv/cooperative.csv'], { encoding: 'utf8' });
    assert.equal(coops.trim().split('\r\n').length, 1 + 100);
    assert.equal(coopfair(srv.db, 'archive', zip).status, 1, 'never overwrites');
  } finally {
    await srv.stop();
  }
});

/** csvRows - a CSV file of the archive as arrays of cells (no quoted commas or newlines expected in the columns read). */
function csvRows(zip, table) {
  const text = execFileSync('unzip', ['-p', zip, `coopfair-archive/csv/${table}.csv`], { encoding: 'utf8' }).replace(/^\ufeff/, '');
  const [head, ...rows] = text.split('\r\n').filter((l) => l.length);
  const cols = head.split(',');
  return rows.map((l) => {
    // minimal CSV: quoted cells may hold commas
    const cells = [];
    let cur = '', q = false;
    for (let i = 0; i < l.length; i++) {
      const c = l[i];
      if (q) { if (c === '"' && l[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c; }
      else if (c === '"') q = true;
      else if (c === ',') { cells.push(cur); cur = ''; }
      else cur += c;
    }
    cells.push(cur);
    return Object.fromEntries(cols.map((k, i) => [k, cells[i]]));
  });
}

test('the archive holds one edition: a second edition\'s rows stay out, every row it names is in it, and no sign-in secret', sqliteOnly, async () => {
  const srv = await startServer({
    prepare: (db) => {
      const cols = sqlite(db, "SELECT name FROM pragma_table_info('cooperative')").trim().split('\n');
      const pick = { id: '1000', name_ar: "'تعاونية الدورة الثانية فقط'", name_fr: "'Coop seulement 2027'", reg_number: "'RC-2027-ONLY'", reg_key: "'rc2027only'", name_ar_key: "''", name_fr_key: "'coop seulement 2027'" };
      sqlite(db, `INSERT INTO cooperative (${cols.join(',')}) SELECT ${cols.map((c) => pick[c] ?? c).join(',')} FROM cooperative WHERE id = 1;
        INSERT INTO edition (id, slug, number, name_ar, name_fr, name_en, city_ar, city_fr, city_en, region_id, starts_on, ends_on, area_m2, is_public, state)
          SELECT 2, 'fes-meknes-2027', 2, 'المعرض 2027', 'Salon 2027', 'Fair 2027', city_ar, city_fr, city_en, region_id, '2027-02-01', '2027-02-05', 1500, 0, 'draft' FROM edition WHERE id = 1;
        INSERT INTO category (id, edition_id, code, name_ar, name_fr, name_en) VALUES (900, 2, 'terroir27', 'منتوجات 2027', 'Terroir 2027', 'Terroir 2027');
        INSERT INTO application (id, edition_id, cooperative_id, category_id, status) VALUES (9000, 2, 1000, 900, 'submitted');
        INSERT INTO account_role (account_id, role, edition_id) VALUES (2, 'committee', 2);`);
    },
  });
  try {
    const z24 = join(srv.dir, 'e2024.zip'), z27 = join(srv.dir, 'e2027.zip');
    const r24 = coopfair(srv.db, 'archive', z24);
    assert.equal(r24.status, 0, r24.stderr);
    assert.match(r24.stdout, /archived edition fes-meknes-2024 /);
    const r27 = coopfair(srv.db, 'archive', '--edition', 'fes-meknes-2027', z27);
    assert.equal(r27.status, 0, r27.stderr);
    assert.match(r27.stdout, /archived edition fes-meknes-2027 /);
    const byId = coopfair(srv.db, 'archive', '--edition', '2', join(srv.dir, 'byid.zip'));
    assert.equal(byId.status, 0, byId.stderr);
    const none = coopfair(srv.db, 'archive', '--edition', 'no-such-fair', join(srv.dir, 'none.zip'));
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no edition 'no-such-fair'/);
    assert.ok(!existsSync(join(srv.dir, 'none.zip')));

    // Each archive holds its own edition only.
    assert.deepEqual(csvRows(z24, 'edition').map((e) => e.slug), ['fes-meknes-2024']);
    assert.deepEqual(csvRows(z27, 'edition').map((e) => e.slug), ['fes-meknes-2027']);
    const coops24 = csvRows(z24, 'cooperative'), coops27 = csvRows(z27, 'cooperative');
    assert.equal(coops24.length, 100);
    assert.ok(!coops24.some((c) => c.id === '1000'), 'the 2027-only cooperative is not in 2024');
    assert.deepEqual(coops27.map((c) => c.name_fr), ['Coop seulement 2027']);
    assert.deepEqual(csvRows(z27, 'application').map((a) => a.id), ['9000']);
    assert.ok(!csvRows(z24, 'application').some((a) => a.edition_id !== '1'));
    assert.deepEqual(csvRows(z27, 'category').map((c) => c.code), ['terroir27']);
    assert.equal(csvRows(z27, 'exhibitor').length, 0);
    assert.equal(csvRows(z27, 'prize_score').length, 0);
    assert.ok(csvRows(z24, 'prize_score').length > 100);

    // Readable on its own: every row it names is in it.
    const ids = (rows, k = 'id') => new Set(rows.map((r) => r[k]));
    const coopIds = ids(coops24), catIds = ids(csvRows(z24, 'category'));
    const apps = csvRows(z24, 'application'), exh = csvRows(z24, 'exhibitor'), entries = csvRows(z24, 'prize_entry');
    assert.ok(apps.length >= 100 && exh.length === 80 && entries.length >= 80);
    for (const a of apps) assert.ok(coopIds.has(a.cooperative_id) && catIds.has(a.category_id), `application ${a.id}`);
    for (const x of exh) assert.ok(coopIds.has(x.cooperative_id), `exhibitor ${x.id}`);
    for (const e of entries) assert.ok(coopIds.has(e.cooperative_id) && catIds.has(e.category_id), `entry ${e.id}`);
    const accIds = ids(csvRows(z24, 'account'));
    const scores = csvRows(z24, 'prize_score');
    for (const sc of scores) assert.ok(accIds.has(sc.account_id), `juror ${sc.account_id} of a score`);
    const provIds = ids(csvRows(z24, 'province'));
    for (const c of coops24) assert.ok(provIds.has(c.province_id), `province of ${c.id}`);

    // No sign-in secret, no outbox, no audit, no other edition's roles.
    const list = execFileSync('unzip', ['-l', z24], { encoding: 'utf8' });
    for (const t of ['session', 'account_token', 'outbox', 'audit', 'setting', 'signin_failure', 'reset_request', 'registry_upload', 'schema_migration'])
      assert.ok(!list.includes(`csv/${t}.csv`), t);
    const all = execFileSync('unzip', ['-p', z24], { maxBuffer: 1 << 28 }).toString('latin1');
    assert.ok(!/\$argon2id\$/.test(all), 'no password hash');
    assert.ok(!Object.keys(csvRows(z24, 'account')[0]).includes('password_hash'));
    assert.ok(!Object.keys(csvRows(z24, 'account')[0]).includes('email'));
    assert.ok(!Object.keys(csvRows(z24, 'gate')[0]).includes('api_key'));
    assert.ok(!csvRows(z24, 'account_role').some((r) => r.edition_id === '2'));
    const readme = execFileSync('unzip', ['-p', z27, 'coopfair-archive/README.txt'], { encoding: 'utf8' });
    assert.match(readme, /Edition fes-meknes-2027 \(Salon 2027/);
  } finally {
    await srv.stop();
  }
});

test('every backup command has --help, and a PostgreSQL database gets the pg_dump and pg_restore lines', () => {
  for (const [cmd, words] of [['backup', /--keep-hourly N/], ['restore', /moved\s+aside/], ['archive', /CSV/], ['serve', /--backup-every T/]]) {
    const r = coopfair('unused.db', cmd, '--help');
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, new RegExp(`^usage: coopfair .*${cmd}`), cmd);
    assert.match(r.stdout, words, cmd);
  }
  let r = coopfair('postgres://fair:s3cret@db.example/fair', 'backup', '/tmp/x');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /is a PostgreSQL database; 'coopfair backup' copies SQLite databases only, and did nothing/);
  assert.match(r.stderr, /pg_dump --format=custom --file=coopfair-.*\.dump 'postgres:\/\/fair:PASSWORD@db\.example\/fair'/);
  assert.ok(!r.stderr.includes('s3cret'));
  r = coopfair('postgresql://db.example/fair', 'restore', 'x.dump');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /pg_restore --clean --if-exists --no-owner --single-transaction --dbname='postgresql:\/\/db\.example\/fair'/);
  r = coopfair('x.db', 'serve', '--backup-every', '15m');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--backup-every needs --backup-to DIR/);
  r = coopfair('x.db', 'serve', '--backup-every', 'often', '--backup-to', '/tmp');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /takes a time like 30s, 15m, 1h or 1d, not 'often'/);
});

test('on PostgreSQL, backup prints the pg_dump line, and that line and pg_restore bring back every acknowledged write with a score log that holds', { skip: PG ? false : 'needs COOPFAIR_TEST_PG (the PostgreSQL pass of make check)' }, async () => {
  const srv = await startServer();
  const copy = pgCreate();
  try {
    const stream = await writeStream(srv.base, srv.db, 'pg');
    await waitFor('some writes', () => stream.acked.length >= 5);
    await stream.stop();
    const r = coopfair(srv.db, 'backup', join(srv.dir, 'x'));
    assert.equal(r.status, 1);
    const line = r.stderr.match(/back up: +(pg_dump .*)$/m)[1];
    const dump = join(srv.dir, 'fair.dump');
    // the printed line, with the file name chosen here (no password in the test URL)
    const url = line.match(/'([^']+)'$/)[1];
    assert.equal(url, srv.db);
    execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, url], { stdio: 'pipe' });
    const restore = coopfair(copy, 'restore', dump).stderr.match(/pg_restore (.*) FILE\.dump$/m)[1];
    assert.match(restore, /--clean --if-exists --no-owner --single-transaction --dbname='postgres/);
    execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${copy}`, dump], { stdio: 'pipe' });
    const logged = loggedComments(copy);
    assert.deepEqual(stream.acked.filter((w) => !logged.has(w.comment)), []);
    const v = coopfair(copy, 'prize', 'verify');
    assert.equal(v.status, 0, v.stderr);
  } finally {
    await srv.stop();
    pgDrop(copy);
  }
});
