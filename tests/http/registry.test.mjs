// registry.test.mjs - the registry import, search and export over HTTP and
// the command line: broken files each get a clear report and leave the
// database unchanged; a good file imports; access is for organisers only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { startServer, BIN, sqlite } from './server.mjs';
import { Client } from './registry_helpers.mjs';

let srv, committee;

const HEAD = "Nom;Nom (arabe);Numéro d'immatriculation;Province;Adhérentes\r\n";

before(async () => {
  srv = await startServer();
  committee = new Client(srv.base);
  await committee.signIn('committee@example.org', 'demo-committee-2024');
});
after(async () => { await srv.stop(); });

const coops = () => Number(srv.sql('SELECT count(*) FROM cooperative'));

async function importFile(data, lang = 'fr') {
  await committee.get(`/admin/registry/import?lang=${lang}`);
  return committee.post('/admin/registry/import', {}, [{ field: 'file', name: 'cooperatives.csv', data, type: 'text/csv' }]);
}

const broken = [
  ['wrong column count', Buffer.from(HEAD + 'Coopérative Essai;تعاونية;T-1;Fès;3;en trop\r\n'),
    /Ligne 2\u202f: la ligne d’en-tête a 5 colonnes, et cette ligne a 6 valeurs/],
  ['unknown province', Buffer.from(HEAD + 'Coopérative Essai;تعاونية;T-1;Atlantide;3\r\n'),
    /Ligne 2, colonne «\u202fProvince\u202f»\u202f: «\u202fAtlantide\u202f» n’est pas l’une des 75 préfectures et provinces/],
  ['duplicate registration number', Buffer.from(HEAD + 'Coopérative Un;تعاونية واحد;T-9;Fès;3\r\nCoopérative Deux;تعاونية اثنان;T-9;Sefrou;4\r\n'),
    /Ligne 3\u202f: le numéro d’immatriculation T-9 figure déjà à la ligne 2/],
  ['registration number already registered', Buffer.from(HEAD + 'Coopérative Un;تعاونية واحد;SAMPLE-APP-001;Fès;3\r\n'),
    /figure déjà au registre/],
];

for (const [name, data, message] of broken) {
  test(`import of a file with ${name}: clear report, nothing written`, async () => {
    const before = coops();
    const r = await importFile(data);
    assert.equal(r.status, 422);
    assert.match(r.text, /Rien n’a été importé\u202f: le registre est inchangé/);
    assert.match(r.text, message);
    assert.equal(coops(), before);
  });
}

test('import report speaks Arabic to an Arabic user', async () => {
  const r = await importFile(Buffer.from(HEAD + 'Coopérative Essai;تعاونية;T-1;Atlantide;3\r\n'), 'ar');
  assert.equal(r.status, 422);
  assert.match(r.text, /لم يُستورد أي شيء/);
  assert.match(r.text, /ليس من عمالات وأقاليم المغرب الـ75/);
});

test('a 50 MB file gets a clear 413 and the database is unchanged', async () => {
  const before = coops();
  await committee.get('/admin/registry/import?lang=fr');
  // The server answers a body announced over its cap at once (and closes);
  // send it the way a careful client does, waiting for "100 Continue".
  const boundary = 'cfboundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${committee.csrf}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="national.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = 50 * 1024 * 1024;
  const { status, text } = await new Promise((resolve, reject) => {
    const req = http.request(committee.base + '/admin/registry/import', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': head.length + size + tail.length,
        Expect: '100-continue', cookie: committee.cookieHeader() },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, text: body }));
    });
    req.on('continue', () => { req.write(head); req.write(Buffer.alloc(size, 'a')); req.end(tail); });
    req.on('error', reject);
  });
  assert.equal(status, 413);
  assert.match(text, /16 Mo/);
  assert.match(text, /administrateur technique du site/);
  assert.equal(coops(), before);
});

test('the command line refuses a 50 MB file with a clear message, unchanged', () => {
  const before = coops();
  const path = join(srv.dir, 'big.csv');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  for (let i = 0; i < 50; i++) writeSync(fd, chunk);
  closeSync(fd);
  let out = '';
  try {
    execFileSync(BIN, ['--db', srv.db, 'registry', 'import', path], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, COOPFAIR_LANG: 'en' } });
    assert.fail('the import should fail');
  } catch (e) {
    assert.equal(e.status, 1);
    out = e.stderr;
  }
  assert.match(out, /The file is 50 MB; an import takes at most 32 MB/);
  assert.match(out, /Nothing was imported/);
  assert.equal(coops(), before);
});

test('a good file in Arabic headers with BOM, quotes, CRLF and Arabic-Indic digits imports whole', async () => {
  const before = coops();
  const csv = '\ufeffالاسم,Nom,رقم التسجيل,الإقليم,عدد النساء,Téléphone\r\n' +
    'تعاونية السلام للزرابي,"Coopérative Assalam, tapis",H-١٠١,تازة,٢٥,٠٦٦١٢٣٤٥٦٧\r\n' +
    'تعاونية الفجر,"Coopérative ""Al Fajr""",H-102,Ifrane,4,\r\n';
  const r = await importFile(Buffer.from(csv));
  assert.equal(r.status, 200);
  assert.match(r.text, /2 coopératives importées/);
  assert.equal(coops(), before + 2);
  assert.equal(srv.sql("SELECT members_women || ' ' || phone FROM cooperative WHERE reg_number = 'H-101'"), '25 +212661234567');
  // search as people type it: no hamza, ta marbuta as ha, partial word
  const s = await committee.get('/admin/registry?q=' + encodeURIComponent('تعاونيه السلام زراب'));
  assert.match(s.text, /Coopérative Assalam, tapis/);
  const f = await committee.get('/admin/registry?q=fajr');
  assert.match(f.text, /Coopérative &quot;Al Fajr&quot;/);
});

test('search input comes back escaped', async () => {
  const r = await committee.get('/admin/registry?q=' + encodeURIComponent('<script>alert(1)</script>'));
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<script>alert(1)'));
  assert.match(r.text, /&lt;script&gt;/);
});

test('export: CSV with the chosen columns, XLSX as a workbook', async () => {
  const c = await committee.get('/admin/registry/export?format=csv&col=name_fr&col=reg_number&q=tannerie');
  assert.equal(c.status, 200);
  assert.match(c.headers.get('content-type'), /text\/csv/);
  assert.equal(c.text.replace(/^\ufeff/, '').split('\r\n')[0], "Nom;Numéro d'immatriculation");
  assert.match(c.text, /Coopérative Fès de la tannerie;SAMPLE-APP-008/);
  const x = await committee.get('/admin/registry/export?format=xlsx&col=name_ar&col=phone');
  assert.equal(x.status, 200);
  assert.equal(x.body.subarray(0, 2).toString(), 'PK');
  const bad = await committee.get('/admin/registry/export?format=pdf&col=name_fr');
  assert.equal(bad.status, 400);
});

test('the registry is for organisers only', async () => {
  const anon = new Client(srv.base);
  const r = await anon.get('/admin/registry');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/signin\?next=/);
  const ex = new Client(srv.base);
  await ex.signIn('exhibitor@example.org', 'demo-exhibitor-2024');
  assert.equal((await ex.get('/admin/registry')).status, 403);
  assert.equal((await ex.get('/admin/applications')).status, 403);
  assert.equal((await ex.get('/admin/selection')).status, 403);
});

test('an export reads back through the import unchanged (command line)', () => {
  const csv = join(srv.dir, 'roundtrip.csv'), other = join(srv.dir, 'other.db');
  const env = { ...process.env, COOPFAIR_LANG: 'en' };
  execFileSync(BIN, ['--db', srv.db, 'registry', 'export', csv], { env });
  execFileSync(BIN, ['--db', other, 'init'], { env, stdio: 'ignore' });
  const out = execFileSync(BIN, ['--db', other, 'registry', 'import', csv], { env, encoding: 'utf8', stdio: 'pipe' });
  assert.match(out, /cooperatives imported/);
  const cols = 'name_ar, name_fr, legal_form, reg_number, reg_date, province_id, sector, products_ar, products_fr, ' +
    'members_women, members_men, members_young, women_led, first_time, contact_name, phone, email';
  const dump = (db) => sqlite(db, `SELECT ${cols} FROM cooperative ORDER BY reg_number`);
  assert.equal(dump(other), dump(srv.db));
});
