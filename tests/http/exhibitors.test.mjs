// exhibitors.test.mjs - the exhibitors list (counts, filters, pagination)
// and an exhibitor's own page, against the demo fair.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, get, textOf, sqliteRows } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

/* rows - the exhibitor table's rows: {id, name, other, province, category, stand, outside}.
 * Strict, so that a loop over its result cannot pass having checked nothing:
 * a page that says it found exhibitors must have them in a <tbody>, and
 * every row must be one this parser understands (the exhibitor's link and
 * five cells: name, province, category, stand, and the catalogue's products
 * (issue 18)). A change of markup fails here, loudly. */
function rows(html) {
  const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/);
  const said = html.match(/data-count="(\d+)"/);
  if (!body) {
    assert.ok(said && said[1] === '0', 'the page counts exhibitors but shows no <tbody>');
    return [];
  }
  const list = [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]);
    assert.equal(cells.length, 5, `a row of 5 cells: ${m[1].slice(0, 200)}`);
    const link = cells[0].match(/<a href="\/exhibitors\/(\d+)"><bdi lang="(ar|fr)">([\s\S]*?)<\/bdi><\/a>/);
    assert.ok(link, `a row with its exhibitor's link: ${cells[0].slice(0, 200)}`);
    const other = cells[0].match(/<span class="other"><bdi lang="(ar|fr)">([\s\S]*?)<\/bdi><\/span>/);
    return {
      id: link ? Number(link[1]) : null,
      nameLang: link && link[2],
      name: link && textOf(link[3]),
      otherLang: other && other[1],
      other: other && textOf(other[2]),
      outside: /class="tag"/.test(cells[0]),
      province: textOf(cells[1]),
      category: textOf(cells[2]),
      stand: textOf(cells[3]),
    };
  });
  assert.ok(list.length > 0, 'a <tbody> with rows');
  return list;
}

/* counts - the numbers of the "in figures" block, in order: total, one per
 * category, women-led, men-led, outside the region. */
function counts(html) {
  const sec = html.match(/<section class="counts"[\s\S]*?<\/section>/);
  assert.ok(sec, 'no counts block');
  return [...sec[0].matchAll(/<dd>(\d+)<\/dd>/g)].map((m) => Number(m[1]));
}

/* found - the count of the "N exhibitors match." line (its data-count: the
 * sentence itself may spell the number out, e.g. Arabic's zero/one/two forms) */
const found = (html) => Number((html.match(/<p class="found"[^>]*data-count="(\d+)"/) || [null, NaN])[1]);

test('the list counts 80 exhibitors: 40 handicrafts, 25 terroir, 15 pastries', async () => {
  const c = counts((await get(srv.base, '/exhibitors')).html);
  assert.equal(c.length, 7);
  assert.deepEqual(c.slice(0, 4), [80, 40, 25, 15]);
});

test('women-led and men-led exhibitors add up to 80', async () => {
  const c = counts((await get(srv.base, '/exhibitors?lang=fr')).html);
  assert.ok(c[4] > 0 && c[5] > 0);
  assert.equal(c[4] + c[5], 80);
  // exhibitors only: the demo also holds applicants that were not selected (issue 4)
  const women = Number(sqliteRows(srv.db, 'SELECT count(*) FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id WHERE c.women_led = 1')[0][0]);
  assert.equal(c[4], women);
});

test('5 exhibitors come from outside the region, and are tagged', async () => {
  const c = counts((await get(srv.base, '/exhibitors')).html);
  assert.equal(c[6], 5);
  let tagged = 0;
  for (let p = 1; p <= 4; p++) tagged += rows((await get(srv.base, `/exhibitors?page=${p}`)).html).filter((r) => r.outside).length;
  assert.equal(tagged, 5);
});

test('the list has 4 pages of 20 covering all 80 exhibitors on stands A01..A40, two per stand', async () => {
  const ids = new Set();
  const stands = new Map();
  for (let p = 1; p <= 4; p++) {
    const r = rows((await get(srv.base, `/exhibitors?page=${p}`)).html);
    assert.equal(r.length, 20, `page ${p}`);
    for (const x of r) {
      ids.add(x.id);
      stands.set(x.stand, (stands.get(x.stand) || 0) + 1);
    }
  }
  assert.equal(ids.size, 80);
  assert.equal(stands.size, 40);
  for (let i = 1; i <= 40; i++) assert.equal(stands.get(`A${String(i).padStart(2, '0')}`), 2);
});

test('the pager links to pages 1 to 4 and marks the current one', async () => {
  const html = (await get(srv.base, '/exhibitors?page=2')).html;
  const nav = html.match(/<nav class="pager"[\s\S]*?<\/nav>/);
  assert.ok(nav);
  const pages = [...nav[0].matchAll(/page=(\d+)">(\d+)</g)].map((m) => Number(m[2]));
  assert.deepEqual(pages, [1, 3, 4]);
  assert.match(nav[0], /<span aria-current="page">2<\/span>/);
  assert.match(nav[0], /rel="prev" href="[^"]*page=1"/);
  assert.match(nav[0], /rel="next" href="[^"]*page=3"/);
});

test('a page past the end is a 404 with a way back (the shared list, issue 10)', async () => {
  const r = await get(srv.base, '/exhibitors?page=5');
  assert.equal(r.status, 404);
  assert.doesNotMatch(r.html, /<tbody>/);
  assert.match(r.html, /<a href="\/">/);
});

test('a malformed page number is a bad request; page 1 is the first page', async () => {
  const first = rows((await get(srv.base, '/exhibitors')).html).map((x) => x.id);
  assert.equal(first.length, 20);
  assert.deepEqual(rows((await get(srv.base, '/exhibitors?page=1')).html).map((x) => x.id), first);
  assert.deepEqual(rows((await get(srv.base, '/exhibitors?page=')).html).map((x) => x.id), first);
  for (const p of ['abc', '-3', '0', '99999999999999999999']) {
    const r = await get(srv.base, `/exhibitors?page=${encodeURIComponent(p)}`);
    assert.equal(r.status, 400, `page=${p}`);
  }
});

test('filtering by category pastries shows the 15 pastry exhibitors only', async () => {
  const r = await get(srv.base, '/exhibitors?category=pastries&lang=ar');
  assert.equal(found(r.html), 15);
  const list = rows(r.html);
  assert.equal(list.length, 15);
  for (const x of list) assert.equal(x.category, 'الحلويات');
  assert.doesNotMatch(r.html, /<nav class="pager"/);
  assert.match(r.html, /<option value="pastries" selected>/);
});

test('filtering by category terroir pages 25 exhibitors over 2 pages, keeping the filter', async () => {
  const r = await get(srv.base, '/exhibitors?category=terroir&lang=fr');
  assert.equal(found(r.html), 25);
  assert.equal(rows(r.html).length, 20);
  assert.match(r.html, /href="\/exhibitors\?category=terroir&amp;page=2"/);
  const p2 = await get(srv.base, '/exhibitors?category=terroir&province=&page=2&lang=fr');
  const list = rows(p2.html);
  assert.equal(list.length, 5);
  for (const x of list) assert.equal(x.category, 'Produits du terroir');
});

test('filtering by province shows that province only', async () => {
  const r = await get(srv.base, '/exhibitors?province=fes&lang=fr');
  const expected = Number(sqliteRows(srv.db, "SELECT count(*) FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
    + "JOIN province p ON p.id = c.province_id WHERE p.code = 'fes'")[0][0]);
  assert.ok(expected > 0);
  assert.equal(found(r.html), expected);
  const list = rows(r.html);
  assert.equal(list.length, Math.min(expected, 20));
  for (const x of list) assert.equal(x.province, 'Fès');
});

test('a province outside the region can be chosen, and its exhibitor is tagged', async () => {
  const r = await get(srv.base, '/exhibitors?province=marrakech&lang=ar');
  const list = rows(r.html);
  assert.ok(list.length >= 1);
  for (const x of list) {
    assert.equal(x.province, 'مراكش');
    assert.ok(x.outside);
  }
});

test('category and province filters combine', async () => {
  const [[n]] = sqliteRows(srv.db, "SELECT count(*) FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
    + "JOIN province p ON p.id = c.province_id JOIN category k ON k.id = x.category_id "
    + "WHERE p.code = 'taza' AND k.code = 'handicrafts'");
  const r = await get(srv.base, '/exhibitors?province=taza&category=handicrafts&lang=fr');
  assert.equal(found(r.html), Number(n));
  assert.ok(Number(n) > 0, 'the demo has handicrafts from Taza');
  const list = rows(r.html);
  assert.equal(list.length, Number(n));
  for (const x of list) {
    assert.equal(x.province, 'Taza');
    assert.equal(x.category, 'Artisanat');
  }
});

test('the province filter offers the region\'s provinces and the five outside ones', async () => {
  const html = (await get(srv.base, '/exhibitors?lang=fr')).html;
  const sel = html.match(/<select name="province">([\s\S]*?)<\/select>/);
  assert.ok(sel);
  const values = [...sel[1].matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  for (const p of ['fes', 'meknes', 'el-hajeb', 'ifrane', 'moulay-yacoub', 'sefrou', 'boulemane', 'taounate', 'taza',
    'marrakech', 'agadir-ida-outanane', 'tetouan', 'oujda-angad', 'errachidia']) assert.ok(values.includes(p), p);
});

test('unknown or malformed filter values are ignored', async () => {
  for (const q of ['category=jewellery', 'category=<script>', 'province=Fes', 'category=' + 'a'.repeat(100)]) {
    const r = await get(srv.base, `/exhibitors?${q}`);
    assert.equal(r.status, 200);
    // an unknown but well-formed code filters to nothing; a malformed one is dropped
    const n = found(r.html);
    assert.ok(n === 0 || n === 80, `${q}: ${n}`);
    assert.doesNotMatch(r.html, /<script>/);
  }
  assert.equal(found((await get(srv.base, '/exhibitors?category=%3Cscript%3E')).html), 80);
});

test('each row shows the name in the page\'s script and the other script beside it', async () => {
  const [ar] = rows((await get(srv.base, '/exhibitors?lang=ar')).html);
  assert.equal(ar.nameLang, 'ar');
  assert.equal(ar.otherLang, 'fr');
  assert.match(ar.name, /^تعاونية /);
  assert.match(ar.other, /^Coopérative /);
  const [fr] = rows((await get(srv.base, '/exhibitors?lang=fr')).html);
  assert.equal(fr.nameLang, 'fr');
  assert.equal(fr.otherLang, 'ar');
  assert.equal(fr.id, ar.id);
  assert.equal(fr.name, ar.other);
});

test('the list and each exhibitor page say the data is sample data', async () => {
  for (const path of ['/exhibitors', '/exhibitors/1', '/exhibitors/80']) {
    const r = await get(srv.base, path);
    assert.match(r.html, /<p class="sample" role="note">/, path);
  }
});

test('an exhibitor\'s page shows its names, stand, category, province and stand mate', async () => {
  const [[id, ar, fr, stand, cat, prov]] = sqliteRows(srv.db,
    'SELECT x.id, c.name_ar, c.name_fr, s.code, k.name_fr, p.name_fr FROM exhibitor x '
    + 'JOIN cooperative c ON c.id = x.cooperative_id JOIN stand s ON s.id = x.stand_id '
    + 'JOIN category k ON k.id = x.category_id JOIN province p ON p.id = c.province_id ORDER BY x.id LIMIT 1 OFFSET 9');
  const r = await get(srv.base, `/exhibitors/${id}?lang=fr`);
  assert.equal(r.status, 200);
  const h1 = textOf(r.html.match(/<h1>([\s\S]*?)<\/h1>/)[1]);
  assert.ok(h1.includes(fr) && h1.includes(ar));
  const dd = [...r.html.matchAll(/<dd\b[^>]*>([\s\S]*?)<\/dd>/g)].map((m) => textOf(m[1]));
  assert.ok(dd.includes(stand), `stand ${stand} in ${dd}`);
  assert.ok(dd.includes(cat));
  assert.ok(dd.some((v) => v.startsWith(prov)));
  const mates = [...r.html.matchAll(/<li><a href="\/exhibitors\/(\d+)">/g)].map((m) => Number(m[1]));
  assert.equal(mates.length, 1);
  const [[mateStand]] = sqliteRows(srv.db, `SELECT s.code FROM exhibitor x JOIN stand s ON s.id = x.stand_id WHERE x.id = ${mates[0]}`);
  assert.equal(mateStand, stand);
});

test('the list links each exhibitor to a page that answers 200', async () => {
  const list = rows((await get(srv.base, '/exhibitors?page=4&lang=ar')).html);
  for (const x of list) {
    const r = await get(srv.base, `/exhibitors/${x.id}?lang=ar`);
    assert.equal(r.status, 200, `/exhibitors/${x.id}`);
    assert.ok(textOf(r.html).includes(x.name));
  }
});
