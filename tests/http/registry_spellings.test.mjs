// registry_spellings.test.mjs - the registry with files and spellings as
// organisers really have them (issue 11): registration numbers written
// many ways are one cooperative across imports; facts a file does not give
// are stored and reported as unknown (web and command line); Arabic
// presentation forms, bare و/ب prefixes and place spellings are found; the
// back office's cooperative list and the invitation picker use the same
// search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
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

async function importFile(data, lang = 'fr') {
  await committee.get(`/admin/registry/import?lang=${lang}`);
  return committee.post('/admin/registry/import', {}, [{ field: 'file', name: 'cooperatives.csv', data, type: 'text/csv' }]);
}

test('a registration number written another way is caught against the registry', async () => {
  let r = await importFile(Buffer.from(HEAD +
    'Coopérative Hor Un;تعاونية حور واحد;HO-2015-001;Fès;oui\r\n' +
    'Coopérative Hor Deux;تعاونية حور اثنان;HO-2016-002;Sefrou;non\r\n' +
    'Coopérative Hor Quatre;تعاونية حور أربعة;HO-2018-004;Meknès;non\r\n'));
  assert.equal(r.status, 200, r.text);
  const before = coops();
  const spellings = [
    ['ho-2016-002', 'HO-2016-002'],
    ['HO 2015 001', 'HO-2015-001'],
    ['HO-2015-001\u00a0', 'HO-2015-001'], // a no-break space Excel left after it
    ['HO\u20112018\u2011004', 'HO-2018-004'], // U+2011 non-breaking hyphens
    ['\u200bho/2016/002', 'HO-2016-002'],
  ];
  for (const [typed, stored] of spellings) {
    r = await importFile(Buffer.from(HEAD + `Coopérative Autre;تعاونية أخرى;${typed};Ifrane;non\r\n`));
    assert.equal(r.status, 422, `${JSON.stringify(typed)} was imported as a new cooperative`);
    assert.match(r.text, /figure déjà au registre/);
    assert.ok(r.text.includes(stored), `the report names the registered number ${stored}`);
    assert.equal(coops(), before);
  }
  // the invisible blank is not stored either
  r = await importFile(Buffer.from(HEAD + 'Coopérative Neuve;تعاونية جديدة;HO-2019-009\u00a0;Ifrane;non\r\n'));
  assert.equal(r.status, 200);
  assert.equal(srv.sql("SELECT reg_number FROM cooperative WHERE name_fr = 'Coopérative Neuve'"), 'HO-2019-009');
});

test('a file without the women-led column stores unknown, and the report says so (web)', async () => {
  const r = await importFile(Buffer.from("Nom;Nom (arabe);Numéro d'immatriculation;Province;Couleur préférée\r\n" +
    'Coopérative Sans Info;تعاونية بلا معلومات;UNK-001;Fès;bleu\r\n'), 'en');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /These columns were not recognised and were ignored: &quot;Couleur préférée&quot;/);
  assert.match(r.text, /1 cooperative: whether it is led by women is unknown/);
  assert.match(r.text, /the number of members is unknown/);
  assert.equal(srv.sql("SELECT women_led_known || '/' || members_known FROM cooperative WHERE reg_number = 'UNK-001'"), '0/0');
  const id = srv.sql("SELECT id FROM cooperative WHERE reg_number = 'UNK-001'");
  const page = await committee.get(`/admin/registry/${id}?lang=en`);
  assert.match(page.text, /<dt>Led by<\/dt><dd>unknown<\/dd>/);
  assert.match(page.text, /<dt>Members<\/dt><dd>unknown<\/dd>/);
  // an applicant from it: the selection says its women-led share is unknown, not "no"
  srv.sql(`INSERT INTO application (edition_id, cooperative_id, category_id, status, score)
    SELECT e.id, c.id, (SELECT k.id FROM category k WHERE k.edition_id = e.id ORDER BY k.position LIMIT 1), 'submitted', 50
    FROM cooperative c, (SELECT id FROM edition ORDER BY starts_on DESC LIMIT 1) e WHERE c.reg_number = 'UNK-001'`);
  srv.sql('UPDATE selection_rules SET min_women_pct = 50');
  const sel = await committee.get('/admin/selection?propose=1&lang=en');
  assert.match(sel.text, /1 applicant(?:'|&#39;)s cooperative does not say whether it is led by women: it counts as not women-led/);
  const appId = srv.sql("SELECT a.id FROM application a JOIN cooperative c ON c.id = a.cooperative_id WHERE c.reg_number = 'UNK-001'");
  assert.match((await committee.get(`/admin/applications/${appId}?lang=en`)).text, /unknown/);
  // a known "no" stays a known no
  assert.equal(srv.sql("SELECT women_led || '/' || women_led_known FROM cooperative WHERE reg_number = 'HO-2016-002'"), '0/1');
});

test('the command line says which columns were ignored and which facts are unknown', () => {
  const path = join(srv.dir, 'no-women.csv');
  writeFileSync(path, "Nom;Numéro d'immatriculation;Province;Remarque\nCoopérative Cli;CLI-001;Sefrou;rien\n");
  const r = coopfair(srv.db, 'registry', 'import', path);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /ignored: "Remarque"/);
  assert.match(r.stderr, /led by women is unknown/);
  assert.equal(srv.sql("SELECT women_led_known FROM cooperative WHERE reg_number = 'CLI-001'"), '0');
});

test('the command line updates known cooperatives: --update check lists the changes, --update apply writes them', () => {
  const path = join(srv.dir, 'update.csv');
  writeFileSync(path, HEAD + 'Coopérative Hor Deux;تعاونية حور اثنان;HO 2016 002;Sefrou;oui\n' +
    'Coopérative Cli Neuve;تعاونية جديدة للسطر;CLI-UPD-001;Ifrane;non\n');
  const wl = () => srv.sql("SELECT women_led FROM cooperative WHERE reg_number = 'HO-2016-002'");
  assert.equal(wl(), '0');
  const before = coops();
  // without --update a known cooperative is refused, as before
  let r = coopfair(srv.db, 'registry', 'import', path);
  assert.equal(r.status, 1, r.stdout);
  assert.equal(coops(), before);
  r = coopfair(srv.db, 'registry', 'import', path, '--update', 'check');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /update\.csv:2: Coopérative Hor Deux: Dirigée par une femme: .* -> /, r.stdout);
  assert.match(r.stdout, /1 new cooperative to add\. 1 known cooperative to update\./);
  assert.match(r.stdout, /Nothing was imported/);
  assert.equal(wl(), '0', 'check writes nothing');
  assert.equal(coops(), before);
  r = coopfair(srv.db, 'registry', 'import', path, '--update', 'apply');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 cooperative imported\.\ncoopfair: 1 known cooperative updated\./);
  assert.equal(wl(), '1');
  assert.equal(coops(), before + 1);
  assert.equal(coopfair(srv.db, 'registry', 'import', path, '--update', 'maybe').status, 2);
});

const search = async (q, path = '/admin/registry') => (await committee.get(`${path}?q=${encodeURIComponent(q)}&lang=fr`)).text;

test('presentation forms, bare و/ب prefixes and place spellings are found', async () => {
  const r = await importFile(Buffer.from(HEAD +
    'Coopérative Al Boustane;ﺗﻌﺎﻭﻧﻴﺔ ﺍﻟﺒﺴﺘﺎﻥ;PF-001;Fès;non\r\n' +
    'Coopérative Soie;تعاونية بمكناس وحرير;PF-002;Meknès;non\r\n'));
  assert.equal(r.status, 200, r.text);
  assert.match(await search('البستان'), /PF-001/);
  assert.match(await search('بستان'), /PF-001/);
  assert.match(await search('مكناس'), /PF-002/);
  assert.match(await search('حرير'), /PF-002/);
  assert.match(await search('Fez'), /PF-001/); // province Fès
  assert.match(await search('Miknas'), /PF-002/); // province Meknès
  const marrakech = Number(srv.sql("SELECT count(*) FROM cooperative c JOIN province p ON p.id = c.province_id WHERE p.code = 'marrakech'"));
  const page = await search('Marrakesh');
  if (marrakech > 0) assert.doesNotMatch(page, /Aucune coopérative/);
  // the search box saw at least the two rows it had to find
  assert.ok(coops() > 2);
});

test('the back office list uses the registry search: accents, hamza, province and number shown', async () => {
  const fes = await search('Fes', '/admin/cooperatives');
  assert.match(fes, /PF-001/, 'Fes finds a cooperative of Fès');
  assert.match(fes, /<td>Fès<\/td>/, 'the province is shown');
  const amal = await search('الامل', '/admin/cooperatives');
  const n = Number(srv.sql("SELECT count(*) FROM cooperative WHERE name_ar LIKE '%الأمل%'"));
  assert.ok(n > 0, 'the demo has cooperatives named الأمل');
  assert.match(amal, new RegExp(`${n} coopératives? affichées?|${n} coopérative`));
  // every spelling the registry search finds, the back office list finds
  for (const [q, reg] of [['البستان', 'PF-001'], ['بستان', 'PF-001'], ['مكناس', 'PF-002'], ['حرير', 'PF-002'],
    ['Fez', 'PF-001'], ['Miknas', 'PF-002'], ['HO 2015 001', 'HO-2015-001'], ['ho/2016/002', 'HO-2016-002'],
    ['HO\u20112018\u2011004', 'HO-2018-004']]) {
    const page = await search(q, '/admin/cooperatives');
    assert.ok(page.includes(`<td>${reg}</td>`), `${JSON.stringify(q)} finds ${reg} on /admin/cooperatives`);
  }
  // an exact registration number comes first
  const exact = await search('HO-2015-001', '/admin/cooperatives');
  assert.match(exact, /<tbody><tr>(?:(?!<\/tr>)[\s\S])*<td>HO-2015-001<\/td>/, 'the exact number is the first row');
  // Arabic pages put the Arabic name first
  const ar = (await committee.get(`/admin/cooperatives?q=${encodeURIComponent('PF-002')}&lang=ar`)).text;
  assert.match(ar, /<bdi lang="ar">تعاونية بمكناس وحرير<\/bdi><\/a> <span class="other"><bdi lang="fr">Coopérative Soie/);
});

test('the invitation picker searches the registry and shows province and number', async () => {
  const page = (await committee.get(`/admin/invite?coop_q=${encodeURIComponent('Boustane')}&lang=fr`)).text;
  const select = page.match(/<select id="f-cooperative_id"[^>]*>([\s\S]*?)<\/select>/)[1];
  const options = [...select.matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)];
  assert.equal(options.length, 1, 'only what the search found');
  assert.match(options[0][2], /Coopérative Al Boustane — تعاونية البستان|Coopérative Al Boustane — ﺗﻌﺎﻭﻧﻴﺔ ﺍﻟﺒﺴﺘﺎﻥ/);
  assert.match(options[0][2], /— Fès — PF-001$/);
  const ar = (await committee.get(`/admin/invite?coop_q=PF-002&lang=ar`)).text;
  assert.match(ar, /<option value="\d+"[^>]*>تعاونية بمكناس وحرير — مكناس — PF-002<\/option>/);
});
