// registry_files.test.mjs - the import reads the files organisers are
// handed (issue 11): Excel's "Unicode text" (UTF-16LE with BOM, tabs), CSV
// in Windows-1256 (Arabic) or Windows-1252 (French) - shown decoded first,
// imported only once the organiser picks the way it reads right - and .xlsx
// workbooks, coopfair's own export included; an old .xls is named for what
// it is. Nothing is written before the confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, coopfair } from './server.mjs';
import { Client } from './registry_helpers.mjs';

let srv, committee;

const HEAD = "Nom;Nom (arabe);Numéro d'immatriculation;Province;Dirigée par une femme\r\n";

before(async () => {
  srv = await startServer();
  committee = new Client(srv.base);
  await committee.signIn('committee@example.org', 'demo-committee-2024');
});
after(async () => { await srv.stop(); });

const coops = () => Number(srv.sql('SELECT count(*) FROM cooperative'));

async function upload(data, name = 'cooperatives.csv', lang = 'fr') {
  await committee.get(`/admin/registry/import?lang=${lang}`);
  return committee.post('/admin/registry/import', {}, [{ field: 'file', name, data }]);
}

// Windows-1256 for the Arabic letters used below (and ASCII): the bytes
// Excel writes for them.
const CP1256 = { 'ا': 0xc7, 'ب': 0xc8, 'ت': 0xca, 'ع': 0xda, 'و': 0xe6, 'ن': 0xe4, 'ي': 0xed, 'ة': 0xc9,
  'ل': 0xe1, 'ر': 0xd1, 'ك': 0xdf, 'ج': 0xcc, 'م': 0xe3, 'ه': 0xe5, 'ف': 0xdd, 'س': 0xd3, 'ح': 0xcd, 'د': 0xcf, 'é': 0xe9, 'è': 0xe8, 'ç': 0xe7 };
function cp1256(text) {
  return Buffer.from([...text].map((ch) => {
    if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
    if (!(ch in CP1256)) throw new Error(`no byte for ${ch}`);
    return CP1256[ch];
  }));
}

test('a Windows-1256 file is shown decoded both ways, and imported only once confirmed', async () => {
  const before = coops();
  const data = cp1256(HEAD + 'Cooperative Al Baraka;تعاونية البركة;W56-001;Fès;نعم\r\nCooperative Annajma;تعاونية النجمة;W56-002;Meknès;non\r\n'
    .replace('Fès', 'Fes').replace('Meknès', 'Meknes'));
  let r = await upload(data, 'excel-arabe.csv', 'ar');
  assert.equal(r.status, 200);
  assert.equal(coops(), before, 'nothing written before the confirmation');
  const ways = [...r.text.matchAll(/<section class="preview-way"><h2>([^<]*)<\/h2>([\s\S]*?)<\/section>/g)];
  assert.equal(ways.length, 2, 'both readings are shown');
  assert.match(ways[0][1], /1256/, 'the Arabic reading first: it is the likelier');
  assert.match(ways[0][2], /<td><bdi>تعاونية البركة<\/bdi><\/td>/);
  assert.doesNotMatch(ways[1][2], /تعاونية البركة/);
  const id = ways[0][2].match(/name="upload" value="(\d+)"/)[1];
  r = await committee.post('/admin/registry/import/confirm', { upload: id, encoding: 'windows-1256' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /استُوردت تعاونيتان|2/);
  assert.equal(coops(), before + 2);
  assert.equal(srv.sql("SELECT name_ar || '|' || women_led FROM cooperative WHERE reg_number = 'W56-001'"), 'تعاونية البركة|1');
  // the kept copy is gone: confirming twice does not import twice
  r = await committee.post('/admin/registry/import/confirm', { upload: id, encoding: 'windows-1256' });
  assert.equal(r.status, 404);
  assert.equal(coops(), before + 2);
});

test('a French Windows-1252 file is read as French first', async () => {
  const data = Buffer.from(HEAD + 'Coopérative Élan;;W52-001;Fès;oui\r\nCoopérative Forêt;;W52-002;Ifrane;non\r\n', 'latin1');
  const r = await upload(data, 'excel-francais.csv', 'en');
  assert.equal(r.status, 200);
  const ways = [...r.text.matchAll(/<section class="preview-way"><h2>([^<]*)<\/h2>([\s\S]*?)<\/section>/g)];
  assert.match(ways[0][1], /Windows-1252/);
  assert.match(ways[0][2], /Coopérative Forêt/);
});

test('an upload waiting for confirmation is its sender\'s only', async () => {
  const r = await upload(Buffer.from(HEAD + 'Coopérative Privée;;W52-009;Fès;oui\r\n', 'latin1'));
  const id = r.text.match(/name="upload" value="(\d+)"/)[1];
  const admin = new Client(srv.base);
  await admin.signIn('admin@example.org', 'demo-admin-2024');
  await admin.get('/admin/registry/import?lang=en');
  const other = await admin.post('/admin/registry/import/confirm', { upload: id, encoding: 'windows-1252' });
  assert.equal(other.status, 404);
  assert.equal(srv.sql("SELECT count(*) FROM cooperative WHERE reg_number = 'W52-009'"), '0');
});

test('Excel "Unicode text" (UTF-16LE with BOM, tab-separated) imports at once', async () => {
  const text = (HEAD + 'Coopérative Unicode;تعاونية يونيكود;U16-001;Sefrou;non\r\n').replaceAll(';', '\t');
  const r = await upload(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'texte-unicode.txt', 'en');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /1 cooperative imported/);
  assert.match(r.text, /Unicode text \(UTF-16\)/);
  assert.equal(srv.sql("SELECT name_ar FROM cooperative WHERE reg_number = 'U16-001'"), 'تعاونية يونيكود');
});

test('coopfair\'s own .xlsx export imports back, even under a .csv name', async () => {
  const xlsx = join(srv.dir, 'registre.xlsx');
  assert.equal(coopfair(srv.db, 'registry', 'export', xlsx).status, 0);
  const data = readFileSync(xlsx);
  assert.equal(data.subarray(0, 2).toString(), 'PK');
  // into this registry, every line is a known cooperative: the report says so line by line,
  // which shows the workbook was read (not refused as "not UTF-8")
  let r = await upload(data, 'registre.csv', 'en');
  assert.equal(r.status, 422);
  assert.match(r.text, /Excel workbook \(\.xlsx\), first sheet/);
  assert.match(r.text, /is already in the registry/);
  assert.doesNotMatch(r.text, /not UTF-8/);
  // into an empty registry, all of it
  const other = join(srv.dir, 'other.db');
  coopfair(other, 'init');
  const out = coopfair(other, 'registry', 'import', xlsx);
  assert.equal(out.status, 0, out.stderr);
  assert.equal(srv.sql('SELECT count(*) FROM cooperative'),
    execSql(other, 'SELECT count(*) FROM cooperative'));
  const cols = 'name_ar, name_fr, reg_number, reg_date, women_led, women_led_known, members_women, phone, email';
  assert.equal(execSql(other, `SELECT ${cols} FROM cooperative ORDER BY reg_number`),
    srv.sql(`SELECT ${cols} FROM cooperative ORDER BY reg_number`));
});

test('an old .xls workbook is named for what it is', async () => {
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
  const r = await upload(xls, 'cooperatives.csv', 'en');
  assert.equal(r.status, 422);
  assert.match(r.text, /This is an Excel 97-2003 workbook \(\.xls\)/);
  const path = join(srv.dir, 'old.xls');
  writeFileSync(path, xls);
  const cli = coopfair(srv.db, 'registry', 'import', path);
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, /Excel 97-2003 workbook/);
});

test('the command line shows a Windows file decoded and imports it with --encoding', () => {
  const path = join(srv.dir, 'arabe.csv');
  writeFileSync(path, cp1256(HEAD + 'Cooperative Al Waha;تعاونية الواحة;W56-101;Fes;non\r\n'));
  let r = coopfair(srv.db, 'registry', 'import', path);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /تعاونية الواحة/);
  assert.match(r.stderr, /--encoding windows-1256/);
  assert.equal(srv.sql("SELECT count(*) FROM cooperative WHERE reg_number = 'W56-101'"), '0');
  r = coopfair(srv.db, '--encoding', 'windows-1256', 'registry', 'import', path);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(srv.sql("SELECT name_ar FROM cooperative WHERE reg_number = 'W56-101'"), 'تعاونية الواحة');
});

import { execFileSync } from 'node:child_process';
function execSql(db, q) {
  return execFileSync('sqlite3', ['-batch', db, q], { encoding: 'utf8' }).trim();
}

test('update mode: a council\'s updated file shows every change first, then applies all of it', async () => {
  const HEAD2 = "Nom;Numéro d'immatriculation;Province;Adhérentes;Téléphone;Dirigée par une femme\r\n";
  let r = await upload(Buffer.from(HEAD2 + 'Coopérative Mise à jour;UPD-001;Fès;10;0612345678;oui\r\n' +
    'Coopérative Inchangée;UPD-002;Sefrou;5;;non\r\n'), 'v1.csv', 'en');
  assert.equal(r.status, 200, r.text);
  // the council's new file: one known line changes, one stays, one is new; the same number written another way
  const v2 = Buffer.from(HEAD2 + 'Coopérative Mise à jour;upd 001;Fès;14;06 99 88 77 66;\r\n' +
    'Coopérative Inchangée;UPD-002;Sefrou;5;;non\r\n' +
    'Coopérative Nouvelle;UPD-003;Ifrane;3;;oui\r\n');
  // add-only (the default) refuses the known lines
  r = await upload(v2, 'v2.csv', 'en');
  assert.equal(r.status, 422);
  assert.match(r.text, /is already in the registry/);
  // update mode: the changes first, nothing written
  await committee.get('/admin/registry/import?lang=en');
  r = await committee.post('/admin/registry/import', { mode: 'update' }, [{ field: 'file', name: 'v2.csv', data: v2 }]);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /1 new cooperative to add\. 1 known cooperative to update\./);
  const rows = [...r.text.matchAll(/<tr><td class="num">(\d+)<\/td><td><bdi>([^<]*)<\/bdi><\/td><td><bdi>([^<]*)<\/bdi><\/td><td><bdi>([^<]*)<\/bdi><\/td><td><bdi>([^<]*)<\/bdi><\/td><\/tr>/g)]
    .map((m) => m.slice(1).join('|'));
  assert.deepEqual(rows, ['2|Coopérative Mise à jour|Adhérentes|10|14', '2|Coopérative Mise à jour|Téléphone|+212612345678|+212699887766']);
  assert.equal(srv.sql("SELECT members_women || ' ' || phone || ' ' || women_led FROM cooperative WHERE reg_number = 'UPD-001'"), '10 +212612345678 1',
    'nothing written before the confirmation; the empty women-led cell changes nothing');
  assert.equal(srv.sql("SELECT count(*) FROM cooperative WHERE reg_number = 'UPD-003'"), '0');
  const id = r.text.match(/name="upload" value="(\d+)"/)[1];
  r = await committee.post('/admin/registry/import/confirm', { upload: id, encoding: 'utf-8', mode: 'update', apply: '1' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /1 cooperative imported\. 1 known cooperative updated\./);
  assert.equal(srv.sql("SELECT members_women || ' ' || phone || ' ' || women_led FROM cooperative WHERE reg_number = 'UPD-001'"), '14 +212699887766 1');
  assert.equal(srv.sql("SELECT count(*) FROM cooperative WHERE reg_number = 'UPD-003'"), '1');
  // all or nothing: an updated file with one bad line writes nothing at all
  await committee.get('/admin/registry/import?lang=en');
  r = await committee.post('/admin/registry/import', { mode: 'update' }, [{ field: 'file', name: 'v3.csv',
    data: Buffer.from(HEAD2 + 'Coopérative Mise à jour;UPD-001;Fès;20;;\r\nCoopérative Cassée;UPD-004;Atlantide;1;;\r\n') }]);
  assert.equal(r.status, 422);
  assert.equal(srv.sql("SELECT members_women FROM cooperative WHERE reg_number = 'UPD-001'"), '14');
});
