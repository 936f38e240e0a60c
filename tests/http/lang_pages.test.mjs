// lang_pages.test.mjs - the pages read as Moroccan readers read them (issue 19).
//
// A crawl of every public page and every page of the organisers' space (and
// the juror's and the exhibitor's), from the route table and the links of
// each page: in Arabic no Latin-script word outside names, codes and a short
// allow-list, and no raw ISO timestamp; in French a narrow no-break space
// (U+202F) before : ; ? ! and inside « ». Names are what the page marks as
// another language (lang="fr" on a cooperative's French name) or what the
// database holds as a short name (organisations' acronyms); codes are shown
// in <code> or look like one (A01, SAMPLE-2020-001, CSV).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, DEMO, sql } from './accounts_helpers.mjs';
import { startServer } from './server.mjs';
import { ownText, walk } from './lang_walk.mjs';

const ROLES = ['anonymous', 'committee', 'jury', 'exhibitor'];
// Words that stay in Latin script on an Arabic page: the software's name,
// the AGORA space as the announcement writes it.
const ALLOW = new Set(['coopfair', 'AGORA']);
const ISO_TIME = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\.\d+)?Z?\b/;
// Pages reachable without a link from another page (set in before()).
let SEEDS = [];

let srv;
const clients = {};
let names;

before(async () => {
  srv = await startServer();
  for (const role of ROLES) {
    clients[role] = new Client(srv.base);
    if (role !== 'anonymous') await clients[role].signIn(...DEMO[role]);
    else await clients[role].get('/');
  }
  // a certificate's verification page, a wrong code's page
  const code = sql(srv.db, 'SELECT code FROM prize_result ORDER BY entry_id LIMIT 1')[0][0];
  // and a badge's page (issue 14: reached by its token, printed on the badge)
  const badge = sql(srv.db, "SELECT token FROM badge WHERE role = 'official' ORDER BY id LIMIT 1")[0][0];
  SEEDS = [`/prize/verify?code=${code}`, '/prize/verify?code=XXXX-XXXX-XXXX', `/badge/${badge}`];
  names = new Set(sql(srv.db, "SELECT short_name FROM organisation WHERE short_name <> ''").map((r) => r[0]));
  // a batch of badge sheets (issue 14: reached after its POST, the desk's or the committee's)
  const c = clients.committee;
  const started = await c.post('/desk/batches', { csrf: await c.csrf('/desk'), role: 'official' });
  if (started.status !== 303) throw new Error(`no batch of badges: ${started.status}`);
  const batch = new URL(started.location, srv.base).pathname;
  for (let i = 0; i < 100 && !(await c.get(batch)).text.includes('id="batch-pdf"'); i++)
    await new Promise((r) => setTimeout(r, 100));
  ROLE_SEEDS.committee = [batch];

  // a catalogue build, so that its progress page is reached (issue 18)
  const token = await clients.committee.csrf('/admin/catalog');
  const built = await clients.committee.post('/admin/catalog/build', { csrf: token, size: 'a4' });
  assert.equal(built.status, 303);
});
const ROLE_SEEDS = {};
after(async () => { await srv?.stop(); });

// latinWords - the Latin-script words of an Arabic page's own text that are
// neither a code, an address, a name of the database nor allowed.
export function latinWords(text, allowed) {
  const out = [];
  for (let w of text.match(/[\p{Script=Latin}][\p{Script=Latin}\p{Nd}_.#@'’/:-]*/gu) || []) {
    w = w.replace(/[.:’'-]+$/, '');
    if (!w || allowed.has(w)) continue;
    if (/^[A-Z\d]+([-.][A-Z\d]+)*$/.test(w) && /[A-Z\d]/.test(w)) continue; // A01, CSV, SAMPLE-2020-001
    if (/^[\w.+-]+@[\w.-]+$/.test(w) || /^https?:/.test(w)) continue; // addresses
    if (/^[0-9a-f]{8,}$/.test(w)) continue; // a hash
    out.push(w);
  }
  return out;
}

// frenchSpacing - the places of a French page's text where : ; ? ! or « »
// lack the narrow no-break space (U+202F).
export function frenchSpacing(text) {
  const bad = [];
  for (const m of text.matchAll(/(.{0,20})([^\u202f])([:;?!])(?=\s|$)/gu)) {
    // "12:30" and "http:" are not sentences; a digit before ":" is a time
    if (/\d/.test(m[2]) && m[3] === ':') continue;
    bad.push(`${m[1]}${m[2]}${m[3]}`);
  }
  for (const m of text.matchAll(/.{0,15}(«[^\u202f]|[^\u202f]»).{0,5}/gu)) bad.push(m[0]);
  return bad;
}

test('Arabic pages: no Latin-script word outside names, codes and the allow-list; no raw ISO time', async (t) => {
  const allowed = new Set([...ALLOW, ...names]);
  const problems = [];
  let pages = 0;
  for (const role of ROLES) {
    const res = await walk(clients[role], role, 'ar', (path, html) => {
      assert.match(html, /<html lang="ar" dir="rtl">/, `${role} ${path}: not an Arabic page`);
      const text = ownText(html, 'ar');
      for (const w of latinWords(text, allowed)) problems.push(`${role} ${path}: ${w}`);
      const t = text.match(ISO_TIME);
      if (t) problems.push(`${role} ${path}: raw time ${t[0]}`);
    }, 8, role === 'anonymous' ? SEEDS : ROLE_SEEDS[role] || []);
    pages += res.pages;
    // Every page route the role may open was reached (those that need a
    // mailed token, /reset/* and /invite/*, are not pages of the demo).
    const missed = res.table.filter((r) => !res.visited.has(r.pattern) && !/^\/(reset|invite)\//.test(r.pattern));
    assert.deepEqual(missed.map((r) => r.pattern), [], `${role}: routes not reached`);
  }
  t.diagnostic(`${pages} pages walked`);
  assert.ok(pages >= 100, `only ${pages} pages walked`);
  assert.deepEqual([...new Set(problems)], []);
});

test('French pages: a narrow no-break space before : ; ? ! and inside « »; no raw ISO time', async (t) => {
  const problems = [];
  let pages = 0;
  for (const role of ROLES) {
    const res = await walk(clients[role], role, 'fr', (path, html) => {
      assert.match(html, /<html lang="fr" dir="ltr">/, `${role} ${path}: not a French page`);
      const text = ownText(html, 'fr');
      for (const b of frenchSpacing(text)) problems.push(`${role} ${path}: «${b}»`);
      const t = text.match(ISO_TIME);
      if (t) problems.push(`${role} ${path}: raw time ${t[0]}`);
    }, 8, role === 'anonymous' ? SEEDS : ROLE_SEEDS[role] || []);
    pages += res.pages;
  }
  t.diagnostic(`${pages} pages walked`);
  assert.ok(pages >= 100, `only ${pages} pages walked`);
  assert.deepEqual([...new Set(problems)], []);
});

test('the checks can fail: Latin words, a raw time, a plain space before a colon', () => {
  assert.deepEqual(latinWords('تعاونية Sample comment A01 SAMPLE-2020-001 coopfair x@example.org', ALLOW), ['Sample', 'comment']);
  assert.deepEqual(latinWords('الفئة handicrafts', ALLOW), ['handicrafts']);
  assert.ok(ISO_TIME.test('تم في 2026-11-30T00:39:17Z'));
  assert.deepEqual(frenchSpacing('État: publiée'), ['État:']);
  assert.deepEqual(frenchSpacing('Slogan : texte'), ['Slogan :']);
  assert.equal(frenchSpacing('Slogan\u202f: texte ; suite\u202f; « citation »').length, 3);
  assert.deepEqual(frenchSpacing('Slogan\u202f: texte à 10 h 30 — 12:30'), []);
  // ownText leaves out what the page marks as another language, and codes
  assert.equal(ownText('<p>تعاونية <bdi lang="fr">Coopérative Annour</bdi> <code>prize.assign</code></p>', 'ar'), 'تعاونية');
});

test('almonds are "اللوز", never "الوز" (goose): only the preposition of "للوز" is removed', async () => {
  const ids = sql(srv.db, "SELECT x.id FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id WHERE c.name_ar LIKE '%للوز%'").map((r) => r[0]);
  assert.ok(ids.length >= 1, 'no almond cooperative in the demo');
  for (const id of ids) {
    const r = await clients.anonymous.get(`/exhibitors/${id}`, { lang: 'ar' });
    assert.equal(r.status, 200);
    const text = ownText(r.text, 'ar');
    assert.ok(text.includes('اللوز'), `/exhibitors/${id}: no اللوز`);
    assert.doesNotMatch(text, /(^|[\s(،])الوز([\s)،.]|$)/, `/exhibitors/${id}: الوز`);
  }
});

test('a mail to a cooperative speaks as the committee: names the cooperative and the fair, signed, with the site address', async () => {
  const site = await startServer({ prepare: (db) => sql(db, "INSERT INTO setting (key, value) VALUES ('base_url', 'https://salon.example.ma/') ON CONFLICT (key) DO UPDATE SET value = excluded.value") });
  try {
    const c = new Client(site.base);
    await c.signIn(...DEMO.committee);
    const [[id, coop, fair]] = sql(site.db, "SELECT a.id, c.name_ar AS coop, e.name_ar AS fair FROM application a JOIN cooperative c ON c.id = a.cooperative_id JOIN edition e ON e.id = a.edition_id WHERE a.status = 'waitlisted' ORDER BY a.id LIMIT 1");
    const csrf = await c.csrf(`/admin/applications/${id}`);
    const r = await c.post(`/admin/applications/${id}/status`, { csrf, status: 'under_review', reason: 'الملف قيد الدراسة من جديد. — Le dossier est réexaminé.' });
    assert.equal(r.status, 303);
    const [[subject, body]] = sql(site.db, 'SELECT subject, body FROM outbox ORDER BY id DESC LIMIT 1');
    assert.ok(subject.includes(fair), subject);
    assert.ok(body.startsWith(`إلى المنخرطات والمنخرطين في ${coop}،`), body);
    assert.ok(body.includes('https://salon.example.ma/my'), body);
    assert.ok(body.trimEnd().endsWith(`اللجنة المنظمة لـ${fair}`), body);
    // the Arabic half of the committee's reason only, and no software's name
    assert.ok(body.includes('الملف قيد الدراسة من جديد.') && !body.includes('réexaminé'), body);
    assert.ok(!/coopfair|Sample|sample/.test(body), body);
  } finally {
    await site.stop();
  }
});
