// lists.test.mjs - THE shared list (src/pages/list.h, issue 10) behaves the
// same on every list: the committee's applications, cooperatives, accounts
// and audit log, and the public exhibitors. One test body runs over all of
// them: search with the registry's normaliser (accents and capitals
// folded), sort by every column both ways, pages with a real 404 past the
// end, filters kept in every link, CSV and XLSX exports of what is found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, sql } from './accounts_helpers.mjs';
import { sqlite } from './server.mjs';

let srv, committee, anon;

// Each list: where it is, who reads it, a filter of its address that keeps
// some rows, and the table's class.
const LISTS = [
  { path: '/admin/applications', name: 'applications', filter: ['status', 'accepted'], who: 'committee' },
  { path: '/admin/cooperatives', name: 'cooperatives', filter: ['women_led', '1'], who: 'committee' },
  { path: '/admin/accounts', name: 'accounts', filter: ['role', 'exhibitor'], who: 'committee' },
  { path: '/admin/audit', name: 'audit', filter: ['type', 'space'], who: 'committee' },
  { path: '/exhibitors', name: 'exhibitors', filter: ['category', 'terroir'], who: 'anon' },
];

before(async () => {
  srv = await startServer();
  // enough history for the audit log to have pages, and accounts to find
  sqlite(srv.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 130)
    INSERT INTO audit (account_id, action, object_type, object_id, before_json, after_json)
    SELECT NULL, 'space.update', 'space', i % 3 + 1, '{"name_fr":"Espace ' || i || '"}', '{"name_fr":"Énergie ' || i || '"}' FROM n`);
  committee = new Client(srv.base);
  await committee.signIn(...DEMO.committee);
  anon = new Client(srv.base);
});
after(async () => { await srv.stop(); });

const client = (l) => (l.who === 'anon' ? anon : committee);
// raw - an export as it comes: headers, and the text with its BOM kept
async function raw(c, path) {
  const res = await fetch(srv.base + path, { headers: { Cookie: c.cookieHeader() }, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}
const found = (html) => Number((html.match(/<p class="found"[^>]*data-count="(\d+)"/) || [null, NaN])[1]);
const decode = (s) => s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
// rows - the cells' texts of the table of list l on a page
function rows(l, html) {
  const t = html.match(new RegExp(`<table class="${l.name} list">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`));
  if (!t) return [];
  return [...t[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]));
}
// fold - what the registry's normaliser does to Latin text, near enough to build queries
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
// csvRows - a CSV (';', quotes doubled) as arrays, BOM dropped
function csvRows(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'a BOM, for spreadsheets');
  const out = [];
  let row = [], cell = '', q = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ';') { row.push(cell); cell = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') { row.push(cell); out.push(row); row = []; cell = ''; } else cell += ch;
  }
  return out;
}

for (const l of LISTS) {
  test(`${l.path}: search, sort, pages, filters and exports behave like every list`, async () => {
    const c = client(l);
    const all = await c.get(`${l.path}?lang=fr`);
    assert.equal(all.status, 200);
    const total = found(all.text);
    const page1 = rows(l, all.text);
    assert.ok(total > 0 && page1.length > 0, `${l.path} lists something`);
    assert.ok(page1.length <= total);

    // search: the first row's first cell finds it; capitals and accents do not matter
    const word = decode(page1[0][0]).split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w)).sort((a, b) => b.length - a.length)[0];
    assert.ok(word, `a word to search in ${page1[0][0]}`);
    const hit = await c.get(`${l.path}?lang=fr&q=${encodeURIComponent(word)}`);
    const n = found(hit.text);
    assert.ok(n >= 1 && n <= total, `q=${word}: ${n} of ${total}`);
    for (const r of rows(l, hit.text)) assert.ok(fold(decode(r.join(' '))).includes(fold(word).replace(/[^\p{L}\p{N}]/gu, ' ').trim().split(' ')[0]), `row matches ${word}`);
    const folded = await c.get(`${l.path}?lang=fr&q=${encodeURIComponent(fold(word).toUpperCase())}`);
    assert.equal(found(folded.text), n, 'the registry normaliser folds capitals and accents');
    assert.match(hit.text, new RegExp(`name="q"[^>]*value="${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, '&#39;')}"`), 'the search box keeps the words');
    assert.equal(found((await c.get(`${l.path}?lang=fr&q=zzqxwv`)).text), 0);

    // sort: every column, both ways; the header says which
    const heads = [...all.text.matchAll(/<th scope="col"[^>]*><a href="([^"]*sort=(-?)(\w+))"/g)].map((m) => m[3]);
    assert.ok(heads.length >= 4, `${heads.length} sortable columns`);
    for (const key of heads) {
      const up = await c.get(`${l.path}?lang=fr&sort=${key}`);
      assert.equal(up.status, 200, `sort=${key}`);
      assert.match(up.text, /aria-sort="ascending"/);
      const down = await c.get(`${l.path}?lang=fr&sort=-${key}`);
      assert.equal(down.status, 200);
      assert.match(down.text, /aria-sort="descending"/);
      assert.equal(found(up.text), total);
    }
    const htmlUp = rows(l, (await c.get(`${l.path}?lang=fr&sort=${heads[0]}`)).text).map((r) => decode(r[0]).replace(/\s+/g, ' '));
    const csvUp = csvRows((await raw(c, `${l.path}?lang=fr&sort=${heads[0]}&format=csv`)).text).slice(1).map((r) => r[0]);
    const csvDown = csvRows((await raw(c, `${l.path}?lang=fr&sort=-${heads[0]}&format=csv`)).text).slice(1).map((r) => r.join(';'));
    const csvUpRows = csvRows((await raw(c, `${l.path}?lang=fr&sort=${heads[0]}&format=csv`)).text).slice(1).map((r) => r.join(';'));
    assert.ok(htmlUp.length > 0);
    htmlUp.forEach((h, i) => assert.ok(h.startsWith(csvUp[i].replace(/\s+/g, ' ')), `row ${i}: the page and the export agree (${h} / ${csvUp[i]})`));
    assert.equal(csvDown.length, csvUp.length);
    assert.notDeepEqual(csvDown, csvUpRows, 'descending is another order');
    assert.equal((await c.get(`${l.path}?sort=nosuchcolumn`)).status, 400);

    // pages: page 1 is the list; past the end is a 404; malformed is a 400
    const pages = Math.max(1, Math.ceil(total / page1.length));
    assert.equal((await c.get(`${l.path}?lang=fr&page=1`)).status, 200);
    assert.equal((await c.get(`${l.path}?lang=fr&page=${pages + 1}`)).status, 404);
    assert.equal((await c.get(`${l.path}?lang=fr&page=x`)).status, 400);

    // a filter of the address is kept by every link of the list
    const [k, v] = l.filter;
    const filtered = await c.get(`${l.path}?lang=fr&${k}=${v}&sort=-${heads[0]}`);
    assert.equal(filtered.status, 200);
    const fn = found(filtered.text);
    assert.ok(fn > 0 && fn <= total, `${k}=${v}: ${fn} of ${total}`);
    const links = [...filtered.text.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))
      .filter((h) => h.startsWith(`${l.path}?`) && /[?&](sort|page|format)=/.test(h));
    assert.ok(links.length >= heads.length + 2, 'sort headers and exports at least');
    for (const h of links) assert.ok(h.includes(`${k}=${v}`), `${h} keeps ${k}=${v}`);

    // exports: what is found, every page, in the reader's language
    const csv = await raw(c, `${l.path}?lang=fr&${k}=${v}&format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), new RegExp(`attachment; filename="${l.name}\\.csv"`));
    const table = csvRows(csv.text);
    assert.equal(table.length - 1, fn, 'one line per row found, after the header');
    assert.ok(table[0].length >= 4);
    const xlsx = await raw(c, `${l.path}?lang=fr&${k}=${v}&format=xlsx`);
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'a zip (XLSX)');
    assert.equal((await c.get(`${l.path}?format=pdf`)).status, 400);
  });
}

test('every list of the back office is built on the shared list, and refuses strangers', async () => {
  for (const l of LISTS.filter((x) => x.who === 'committee')) {
    const r = await anon.get(`${l.path}?format=csv`);
    assert.ok([303, 401, 403].includes(r.status), `${l.path} export without signing in: ${r.status}`);
  }
  // the public list's search box (issue 10)
  const pub = await anon.get('/exhibitors?lang=fr');
  assert.match(pub.text, /<input type="search" id="ex-q" name="q"/);
  assert.equal(sql(srv.db, "SELECT count(*) FROM exhibitor")[0][0], '80');
});
