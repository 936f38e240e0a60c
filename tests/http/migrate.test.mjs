// migrate.test.mjs - `coopfair migrate` on databases at old schemas: a gap
// in the applied migrations is filled, a changed migration is refused.
// Migrations are known by name (src/db/migrate.c, table schema_migration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, sqlite, coopfair } from './server.mjs';

const MIG = join(ROOT, 'db', 'migrations');
const GAP = ['001_init.sql', '002_reference.sql', '003_accounts.sql', '004_audit_outbox.sql', '030_prize.sql'];

/** oldDatabase - a database where only `names` ran, recorded as a coopfair
 * with the bookkeeping table records them (name, SHA-256 of the text). */
function oldDatabase(dir, names) {
  const db = join(dir, 'old.db');
  sqlite(db, 'CREATE TABLE schema_migration (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);');
  for (const n of names) {
    const text = readFileSync(join(MIG, n));
    // on standard input: the file starts with '--', which sqlite3 would take for an option
    execFileSync('sqlite3', ['-batch', db], { input: text });
    const sum = createHash('sha256').update(text).digest('hex');
    sqlite(db, `INSERT INTO schema_migration VALUES ('${n}', '${sum}', '2024-01-01T00:00:00Z');`);
  }
  sqlite(db, 'PRAGMA user_version = 30;');
  return db;
}

test('coopfair migrate fills a gap below the highest applied migration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-mig-'));
  try {
    const db = oldDatabase(dir, GAP);
    assert.equal(sqlite(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'application';").trim(), '0');
    const r = coopfair(db, 'migrate');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\(([3-9]|\d\d+) migrations applied\)/);
    assert.equal(sqlite(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'application';").trim(), '1');
    assert.equal(sqlite(db, "SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'claimed_at';").trim(), '1');
    const names = sqlite(db, 'SELECT name FROM schema_migration ORDER BY name;').trim().split('\n');
    const files = readdirSorted();
    assert.deepEqual(names, files);
    // and the demo fair goes into it
    const init = coopfair(db, 'init', '--demo');
    assert.equal(init.status, 0, init.stderr);
    assert.equal(sqlite(db, 'SELECT count(*) FROM exhibitor;').trim(), '80');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('coopfair migrate refuses a database whose migration text changed, naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-mig-'));
  try {
    const db = oldDatabase(dir, GAP);
    sqlite(db, "UPDATE schema_migration SET checksum = 'deadbeef' WHERE name = '003_accounts.sql';");
    const r = coopfair(db, 'migrate');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /migration 003_accounts\.sql was changed after it was applied/);
    // nothing was applied to the refused database
    assert.equal(sqlite(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'application';").trim(), '0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('coopfair serve refuses a database with a migration it does not know', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-mig-'));
  try {
    const db = join(dir, 'new.db');
    assert.equal(coopfair(db, 'init').status, 0);
    sqlite(db, "INSERT INTO schema_migration VALUES ('999_later.sql', 'x', '2030-01-01T00:00:00Z');");
    const r = coopfair(db, '--port', '1', 'serve');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /migration 999_later\.sql, which this coopfair does not know/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** readdirSorted - every NNN_name.sql file, in name order (as recorded; the
 * NNN_name.pg.sql variants are PostgreSQL's and recorded under NNN_name.sql). */
function readdirSorted() {
  return readdirSync(MIG).filter((f) => /^\d{3}_.*\.sql$/.test(f) && !f.endsWith(".pg.sql")).sort();
}
