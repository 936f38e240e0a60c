// security.test.mjs - security headers; private contact data never on a
// public page, in the catalogue PDF or on a stand card (issue 18); hostile names (markup, U+202E) come back escaped and cleaned;
// hostile URLs are not reflected raw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, get, sqlite, sqliteRows, htmlLang, setCookies } from './server.mjs';

const HOSTILE = `<script>alert(1)</script>"'&`;
const HOSTILE_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
const RLO = '\u202e';

let srv;
let hostileIds = [];
before(async () => {
  srv = await startServer({
    prepare(db) {
      // Two cooperatives with hostile names, exhibiting at the demo edition.
      // Inserted with the sqlite3 CLI, as an attacker's data would sit in the
      // database; SQL quotes doubled, U+202E through char().
      const q = (s) => `'${s.replace(/'/g, "''")}'`;
      sqlite(db, `
        INSERT INTO cooperative (name_ar, name_fr, province_id, sector, products_ar, products_fr, is_sample)
          VALUES (${q(HOSTILE)}, ${q(HOSTILE)}, (SELECT id FROM province WHERE code = 'fes'), 'handicrafts',
                  ${q(HOSTILE)}, ${q(HOSTILE)}, 1);
        INSERT INTO exhibitor (edition_id, cooperative_id, category_id, stand_id, is_sample)
          VALUES ((SELECT id FROM edition WHERE slug = 'fes-meknes-2024'), last_insert_rowid(),
                  (SELECT id FROM category WHERE code = 'handicrafts'), (SELECT id FROM stand WHERE code = 'A40'), 1);
        INSERT INTO cooperative (name_ar, name_fr, province_id, sector, is_sample)
          VALUES ('تعاونية ' || char(8238) || 'لصفا', 'Coop ' || char(8238) || 'evil' || char(8238), (SELECT id FROM province WHERE code = 'fes'), 'pastries', 1);
        INSERT INTO exhibitor (edition_id, cooperative_id, category_id, stand_id, is_sample)
          VALUES ((SELECT id FROM edition WHERE slug = 'fes-meknes-2024'), last_insert_rowid(),
                  (SELECT id FROM category WHERE code = 'pastries'), NULL, 1);`);
    },
  });
  hostileIds = sqliteRows(srv.db, "SELECT x.id FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
    + "WHERE c.name_fr LIKE '%script%' OR instr(c.name_fr, char(8238)) > 0 ORDER BY x.id").map((r) => Number(r[0]));
});
after(async () => { await srv.stop(); });

/* publicPages - every public page the demo serves, in all languages. */
async function publicPages() {
  const paths = ['/', '/exhibitors', '/healthz', '/nope'];
  for (let p = 1; p <= 5; p++) paths.push(`/exhibitors?page=${p}`);
  for (const c of ['handicrafts', 'terroir', 'pastries']) paths.push(`/exhibitors?category=${c}`);
  const ids = sqliteRows(srv.db, 'SELECT id FROM exhibitor ORDER BY id').map((r) => r[0]);
  for (const id of ids) paths.push(`/exhibitors/${id}`);
  const out = [];
  for (const path of paths) {
    for (const l of ['ar', 'fr', 'en']) {
      const sep = path.includes('?') ? '&' : '?';
      out.push({ path: `${path}${sep}lang=${l}`, ...(await get(srv.base, `${path}${sep}lang=${l}`)) });
    }
  }
  return out;
}

let pagesCache;
const pages = async () => (pagesCache ??= await publicPages());

test('every response carries a CSP without unsafe-inline that forbids framing', async () => {
  for (const path of ['/', '/exhibitors', '/exhibitors/1', '/nope', '/static/style.css']) {
    const r = await get(srv.base, path);
    const csp = r.headers.get('content-security-policy');
    assert.ok(csp, `no CSP on ${path}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /base-uri 'none'/);
  }
});

test('every response says nosniff and sets a Referrer-Policy', async () => {
  for (const path of ['/', '/exhibitors', '/exhibitors/1', '/nope', '/static/favicon.svg']) {
    const r = await get(srv.base, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.match(r.headers.get('referrer-policy') || '', /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, path);
  }
});

test('405 and 413 answers carry the security headers too', async () => {
  const r = await get(srv.base, '/', {}, { method: 'POST', body: 'x' });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('content-security-policy') || '', /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});

test('cookies are HttpOnly and SameSite', async () => {
  const r = await get(srv.base, '/?lang=fr');
  const cookies = setCookies(r.headers);
  assert.ok(cookies.length >= 1);
  for (const c of cookies) {
    assert.match(c, /HttpOnly/, c);
    assert.match(c, /SameSite=(Lax|Strict)/, c);
  }
});

test('pages contain no inline script or style (the CSP would block them)', async () => {
  for (const p of await pages()) {
    assert.doesNotMatch(p.html, /<script\b(?![^>]*\bsrc=)/i, p.path);
    assert.doesNotMatch(p.html, /<style\b/i, p.path);
    assert.doesNotMatch(p.html, /<[^>]*\son[a-z]+\s*=/i, p.path);
    assert.doesNotMatch(p.html, /<[^>]*\sstyle\s*=/i, p.path);
  }
});

test('no cooperative\'s phone, email or contact person appears on any public page', async () => {
  const secrets = sqliteRows(srv.db, "SELECT phone, email, contact_name FROM cooperative WHERE phone <> '' OR email <> ''");
  assert.ok(secrets.length >= 80, 'the demo should have contact details to hide');
  const values = new Set();
  for (const [phone, email, contact] of secrets) {
    if (phone) { values.add(phone); values.add(phone.slice(1)); }
    if (email) { values.add(email); values.add(email.split('@')[0]); }
    if (contact) values.add(contact);
  }
  // issue 18: the catalogue profile's contact fields the cooperative left
  // private are as private as the registry's
  const kept = privateProfileValues();
  for (const v of kept) values.add(v);
  const published = publishedContact();
  const all = await pages();
  assert.ok(all.length > 250);
  let shown = 0;
  for (const p of all) {
    assert.equal(p.status === 200 || p.status === 404, true, `${p.path}: ${p.status}`);
    for (const v of values) if (p.html.includes(v)) assert.fail(`${p.path} shows private value ${v}`);
    // what a cooperative made public may be linked; nothing else
    let rest = p.html;
    for (const v of published) if (rest.includes(v)) { shown++; rest = rest.split(v).join(''); }
    assert.doesNotMatch(rest, /@example\.org|mailto:|tel:/, p.path);
  }
  assert.ok(shown > 0, 'some consented contact is shown (the filter above is not vacuous)');
});

/* privateProfileValues - every contact value of a catalogue profile whose
 * flag is off (issue 18): at least one phone, email and web page each. */
function privateProfileValues() {
  const rows = sqliteRows(srv.db, "SELECT CASE WHEN phone_public = 0 THEN phone ELSE '' END, "
    + "CASE WHEN email_public = 0 THEN email ELSE '' END, CASE WHEN web_public = 0 THEN web ELSE '' END "
    + 'FROM catalog_profile');
  const out = new Set();
  const counts = [0, 0, 0];
  for (const r of rows) r.forEach((v, i) => { if (v) { out.add(v); counts[i]++; } });
  assert.ok(counts.every((n) => n >= 10), `private phones, emails, web pages in the demo: ${counts}`);
  return out;
}

/* publishedContact - the contact the cooperatives made public, as the
 * pages write it (tel:, mailto:, the text). */
function publishedContact() {
  const out = [];
  for (const [phone, email] of sqliteRows(srv.db, "SELECT CASE WHEN phone_public = 1 THEN phone ELSE '' END, "
    + "CASE WHEN email_public = 1 THEN email ELSE '' END FROM catalog_profile")) {
    if (phone) out.push(`tel:${phone}`, phone);
    if (email) out.push(`mailto:${email}`, email);
  }
  return out.sort((a, b) => b.length - a.length);
}

/* pdfText - the text of a PDF answer, page by page (pdftotext). */
async function pdfText(path) {
  const r = await fetch(srv.base + path);
  assert.equal(r.status, 200, path);
  assert.equal(r.headers.get('content-type'), 'application/pdf', path);
  const dir = mkdtempSync(join(tmpdir(), 'sec-pdf-'));
  const file = join(dir, 'f.pdf');
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  return text;
}

test('no private contact (registry or catalogue profile) appears in the catalogue PDF or a stand card', async () => {
  const values = new Set(privateProfileValues());
  for (const [phone, email, contact] of sqliteRows(srv.db, "SELECT phone, email, contact_name FROM cooperative WHERE phone <> '' OR email <> ''")) {
    if (phone) values.add(phone);
    if (email) values.add(email);
    if (contact) values.add(contact);
  }
  const docs = ['/catalogue.pdf', '/catalogue.pdf?size=a5'];
  for (const [id] of sqliteRows(srv.db, 'SELECT id FROM exhibitor ORDER BY id')) docs.push(`/exhibitors/${id}/card.pdf`);
  assert.ok(docs.length >= 82);
  let publicPhones = 0;
  for (const d of docs) {
    const text = await pdfText(d);
    assert.ok(text.length > 50, `${d} has text`);
    for (const v of values) if (text.includes(v)) assert.fail(`${d} shows private value ${v}`);
    if (/\+212 535/.test(text)) publicPhones++;
  }
  assert.ok(publicPhones > 10, 'the public phones are printed (text extraction works)');
});

test('the hostile cooperatives are listed (so the checks below are not vacuous)', async () => {
  assert.equal(hostileIds.length, 2);
  for (const id of hostileIds) assert.equal((await get(srv.base, `/exhibitors/${id}`)).status, 200);
  const [[n]] = sqliteRows(srv.db, 'SELECT count(*) FROM exhibitor');
  assert.equal(Number(n), 82);
});

test('a cooperative named <script>… comes back escaped on its own page, never raw', async () => {
  for (const l of ['ar', 'fr', 'en']) {
    const r = await get(srv.base, `/exhibitors/${hostileIds[0]}?lang=${l}`);
    assert.ok(!r.html.includes(HOSTILE), `raw name on the ${l} page`);
    assert.ok(!r.html.includes('<script>'), l);
    assert.ok(r.html.includes(HOSTILE_ESCAPED), `escaped name missing on the ${l} page`);
    assert.match(r.html, new RegExp(`<title>${HOSTILE_ESCAPED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
  }
});

test('a cooperative named <script>… comes back escaped everywhere it is listed', async () => {
  let seen = 0;
  for (const p of await pages()) {
    assert.ok(!p.html.includes('<script'), `${p.path} has a <script`);
    assert.ok(!p.html.includes(HOSTILE), p.path);
    if (p.html.includes(HOSTILE_ESCAPED)) seen++;
  }
  // its own page x3, the stand mate's page x3, list page 2 of handicrafts... at least these
  assert.ok(seen >= 9, `escaped name seen on ${seen} pages`);
});

test('U+202E never reaches a page, and the name around it is kept', async () => {
  let seen = 0;
  for (const p of await pages()) {
    assert.ok(!p.html.includes(RLO), `${p.path} contains U+202E`);
    if (p.html.includes('Coop evil')) seen++;
  }
  assert.ok(seen >= 3, `cleaned name seen on ${seen} pages`);
  const r = await get(srv.base, `/exhibitors/${hostileIds[1]}?lang=fr`);
  assert.match(r.html, /<bdi lang="fr">Coop evil<\/bdi>/);
  assert.match(r.html, /<bdi lang="ar">تعاونية لصفا<\/bdi>/);
});

test('other bidi controls in a URL are not reflected', async () => {
  const r = await get(srv.base, `/exhibitors?x=${encodeURIComponent('a\u202eb\u2066c')}`);
  assert.equal(r.status, 200);
  assert.ok(!r.html.includes('\u202e') && !r.html.includes('\u2066'));
});

test('markup in query arguments is not reflected raw', async () => {
  const evil = encodeURIComponent(HOSTILE);
  for (const path of [`/?q=${evil}`, `/exhibitors?category=${evil}&province=${evil}&page=${evil}`, `/nope?${evil}=${evil}`]) {
    const r = await get(srv.base, path);
    assert.ok(!r.html.includes('<script>'), path);
    assert.ok(!r.html.includes(`"'&`), path);
  }
});

test('markup in the path of a 404 is not reflected raw', async () => {
  const r = await get(srv.base, `/${encodeURIComponent('<script>alert(1)</script>')}`);
  assert.equal(r.status, 404);
  assert.ok(!r.html.includes('<script>'));
});

test('a path starting with // does not make the language links leave the site', async () => {
  // fetch() would normalise the URL; send it as is over TCP.
  const net = await import('node:net');
  const html = await new Promise((resolve) => {
    const s = net.connect(srv.port, '127.0.0.1', () => s.write('GET //evil.example/x?lang=fr HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    let got = '';
    s.on('data', (d) => { got += d; });
    s.on('close', () => resolve(got));
    s.on('error', () => resolve(got));
  });
  assert.match(html, /^HTTP\/1\.1 404 /);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(hrefs.length > 3);
  for (const h of hrefs) {
    assert.ok(h.startsWith('/') || h.startsWith('#'), h);
    assert.ok(!h.startsWith('//') && !h.startsWith('/\\'), `link leaves the site: ${h}`);
  }
  assert.equal(htmlLang(html.slice(html.indexOf('\r\n\r\n'))).lang, 'fr');
});
