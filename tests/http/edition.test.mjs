// edition.test.mjs - the life of an edition over HTTP (issue 10): a new
// edition is a draft the public never sees, the back office switches
// between editions and names the one it shows, the public site shows the
// edition chosen as current and keeps past ones at their own address; the
// call's days are enforced on applications; the committee's decisions reach
// neither the public list nor the outbox before publication.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, Client, DEMO, formFields } from './accounts_helpers.mjs';

let srv, committee;

before(async () => {
  srv = await startServer();
  committee = new Client(srv.base);
  await committee.signIn(...DEMO.committee);
});
after(async () => { await srv.stop(); });

// day - YYYY-MM-DD, n days from now (two days of margin cover the fair's
// time zone against UTC at any hour).
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const one = (q) => sql(srv.db, q)[0][0];

// saveEdition - post the edition's own form back with some fields changed.
async function saveEdition(id, over) {
  const page = await committee.get(`/admin/editions/${id}`);
  assert.equal(page.status, 200);
  const r = await committee.post(`/admin/editions/${id}`, { ...formFields(page.text, `/admin/editions/${id}`), ...over });
  return r;
}

test('a new edition is a draft: the form does not publish it and the public site keeps the 2024 fair', async () => {
  const form = await committee.get('/admin/editions/new');
  assert.match(form.text, /<option value="draft" selected>/);
  assert.ok(!/name="is_public"/.test(form.text), 'no "published" box ticked by default');
  const homeBefore = await new Client(srv.base).get('/?lang=fr');
  const exBefore = await new Client(srv.base).get('/exhibitors?lang=fr');
  const f = formFields(form.text, '/admin/editions');
  const r = await committee.post('/admin/editions', {
    ...f, slug: 'fes-meknes-2027', number: '2', name_ar: 'المعرض الثاني 2027', name_fr: 'Salon 2027', name_en: 'Fair 2027',
    city_ar: 'مكناس', city_fr: 'Meknès', city_en: 'Meknes', region_id: '3', starts_on: '2027-02-16', ends_on: '2027-02-20',
    area_m2: '2000', stands_planned: '50', exhibitors_planned: '100', outside_region_planned: '10',
  });
  assert.equal(r.status, 303);
  assert.equal(one("SELECT state || '/' || is_public FROM edition WHERE slug = 'fes-meknes-2027'"), 'draft/0');
  const home = await new Client(srv.base).get('/?lang=fr');
  assert.equal(home.text, homeBefore.text, 'the public home page is unchanged');
  assert.match(home.text, /20–24 février 2024/);
  const ex = await new Client(srv.base).get('/exhibitors?lang=fr');
  assert.equal(ex.text, exBefore.text);
  assert.match(ex.text, /data-count="80"/);
  assert.equal((await new Client(srv.base).get('/editions/fes-meknes-2027')).status, 404, 'a draft has no public address');
  assert.equal((await new Client(srv.base).get('/exhibitors?edition=fes-meknes-2027')).status, 404);
});

test('the back office names the edition it shows and switches between editions', async () => {
  const id2027 = one("SELECT id FROM edition WHERE slug = 'fes-meknes-2027'");
  const id2024 = one("SELECT id FROM edition WHERE slug <> 'fes-meknes-2027' ORDER BY id LIMIT 1");
  let apps = await committee.get('/admin/applications?lang=en');
  assert.equal(apps.status, 200);
  assert.match(apps.text, /Edition shown: <strong><bdi>[^<]*Fès-Meknès[^<]*<\/bdi>/);
  assert.match(apps.text, /80 accepted|applications? match/);
  const countBefore = apps.text.match(/(\d+) applications? match/)[1];
  assert.ok(Number(countBefore) > 0);
  // every organiser page carries the banner
  for (const path of ['/admin', '/admin/selection', '/admin/accounts', '/admin/audit', '/admin/outbox', '/admin/prize']) {
    const p = await committee.get(path);
    assert.equal(p.status, 200, path);
    assert.match(p.text, /class="edition-shown"/, path);
  }
  const csrf = await committee.csrf('/admin/applications');
  const sw = await committee.post('/admin/edition', { csrf, edition: id2027, back: '/admin/applications?lang=en' });
  assert.equal(sw.status, 303);
  assert.equal(sw.location, '/admin/applications?lang=en');
  apps = await committee.get('/admin/applications?lang=en');
  assert.match(apps.text, /Edition shown: <strong><bdi>Fair 2027<\/bdi><\/strong> <span class="tag">draft/);
  assert.match(apps.text, /0 applications match/);
  // the address wins over the switcher, and back again
  const viaAddress = await committee.get(`/admin/applications?lang=en&edition=${id2024}`);
  assert.match(viaAddress.text, new RegExp(`${countBefore} applications? match`));
  await committee.post('/admin/edition', { csrf, edition: id2024, back: '//evil.example/admin' });
  apps = await committee.get('/admin/applications?lang=en');
  assert.match(apps.text, new RegExp(`${countBefore} applications? match`));
  // a foreign "back" never leads off the back office
  const evil = await committee.post('/admin/edition', { csrf, edition: id2024, back: 'https://evil.example/' });
  assert.equal(evil.location, '/admin');
  assert.equal((await committee.post('/admin/edition', { csrf, edition: '999999', back: '/admin' })).status, 404);
});

test('the public site shows the edition chosen as current; the others stay readable at their own address', async () => {
  const id2027 = one("SELECT id FROM edition WHERE slug = 'fes-meknes-2027'");
  const slug2024 = one("SELECT slug FROM edition WHERE slug <> 'fes-meknes-2027' ORDER BY id LIMIT 1");
  let csrf = await committee.csrf(`/admin/editions/${id2027}`);
  const refused = await committee.post(`/admin/editions/${id2027}/current`, { csrf });
  assert.equal(refused.status, 409, 'a draft cannot be the public edition');
  const r = await saveEdition(id2027, { state: 'call_open', call_opens_on: day(-3), call_closes_on: day(30) });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT is_public FROM edition WHERE id = ${id2027}`), '1');
  // public at its address, but not yet current (the committee chooses)
  let home = await new Client(srv.base).get('/?lang=fr');
  assert.match(home.text, /20–24 février 2024/);
  const own = await new Client(srv.base).get('/editions/fes-meknes-2027?lang=fr');
  assert.equal(own.status, 200);
  assert.match(own.text, /Salon 2027/);
  assert.match(own.text, /candidatures/i);
  csrf = await committee.csrf(`/admin/editions/${id2027}`);
  const cur = await committee.post(`/admin/editions/${id2027}/current`, { csrf });
  assert.equal(cur.status, 303);
  assert.equal(one("SELECT action FROM audit ORDER BY id DESC LIMIT 1"), 'edition.current');
  home = await new Client(srv.base).get('/?lang=fr');
  assert.match(home.text, /Salon 2027/);
  assert.match(home.text, new RegExp(`href="/editions/${slug2024}"`), 'past editions are linked');
  const past = await new Client(srv.base).get(`/editions/${slug2024}?lang=fr`);
  assert.equal(past.status, 200);
  assert.match(past.text, /20–24 février 2024/);
  const pastEx = await new Client(srv.base).get(`/exhibitors?edition=${slug2024}&lang=fr`);
  assert.match(pastEx.text, /data-count="80"/);
  // back to 2024 for the tests below
  const id2024 = one(`SELECT id FROM edition WHERE slug = '${slug2024}'`);
  csrf = await committee.csrf(`/admin/editions/${id2024}`);
  assert.equal((await committee.post(`/admin/editions/${id2024}/current`, { csrf })).status, 303);
  assert.match((await new Client(srv.base).get('/?lang=fr')).text, /20–24 février 2024/);
});

test('a call needs its closing day, and cannot close before it opens', async () => {
  const id = one("SELECT id FROM edition WHERE slug = 'fes-meknes-2027'");
  let r = await saveEdition(id, { state: 'call_open', call_opens_on: day(5), call_closes_on: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /needs the day it closes/);
  assert.match(r.text, new RegExp(`value="${day(5)}"`), 'what was typed is kept');
  r = await saveEdition(id, { state: 'call_open', call_opens_on: day(5), call_closes_on: day(1) });
  assert.equal(r.status, 400);
  assert.match(r.text, /cannot close before it opens/);
});

test('applications follow the call: refused after it closes, editable while open, again after a withdrawal', async () => {
  const id2024 = one("SELECT id FROM edition WHERE slug <> 'fes-meknes-2027' ORDER BY id LIMIT 1");
  const coop = one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
  // a cooperative of the demo without a decision: the exhibitor's own, made a fresh submission
  sql(srv.db, `UPDATE application SET status = 'submitted', published_status = NULL WHERE edition_id = ${id2024} AND cooperative_id = ${coop}`);
  sql(srv.db, `DELETE FROM exhibitor WHERE edition_id = ${id2024} AND cooperative_id = ${coop}`);
  const coopClient = new Client(srv.base);
  await coopClient.signIn(...DEMO.exhibitor);
  // the demo's call closed on 31 January 2024: read-only, with the status
  let my = await coopClient.get('/my?lang=en');
  assert.match(my.text, /Applications closed on 31 January 2024/);
  assert.ok(!/action="\/my\/application"/.test(my.text), 'no form once the call is closed');
  assert.match(my.text, /Status:/);
  let csrf = await coopClient.csrf('/my');
  let r = await coopClient.post('/my/application', { csrf, action: 'submit', products: 'changed late' });
  assert.equal(r.status, 409);
  assert.ok(!/changed late/.test(one(`SELECT products FROM application WHERE cooperative_id = ${coop} AND edition_id = ${id2024}`)));
  // the committee opens the call again, from its form, with days around today
  r = await saveEdition(id2024, { state: 'call_open', call_opens_on: day(-3), call_closes_on: day(20) });
  assert.equal(r.status, 303);
  my = await coopClient.get('/my?lang=en');
  assert.match(my.text, /Applications are open until/);
  assert.match(my.text, /Save my changes/);
  const cat = one(`SELECT category_id FROM application WHERE cooperative_id = ${coop} AND edition_id = ${id2024}`);
  csrf = await coopClient.csrf('/my');
  r = await coopClient.post('/my/application', { csrf, action: 'submit', category: cat, products: 'Tapis de Fès, édition revue', first_time: '0' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/my?done=changed');
  assert.equal(one(`SELECT status || '|' || products FROM application WHERE cooperative_id = ${coop} AND edition_id = ${id2024}`),
    'submitted|Tapis de Fès, édition revue');
  // withdraw, then apply again while the call is open
  csrf = await coopClient.csrf('/my');
  r = await coopClient.post('/my/application/withdraw', { csrf, confirm: '1' });
  assert.equal(r.status, 303);
  my = await coopClient.get('/my?lang=en');
  assert.match(my.text, /you can apply again/);
  csrf = await coopClient.csrf('/my');
  r = await coopClient.post('/my/application', { csrf, action: 'submit', category: cat, products: 'De retour', first_time: '0' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT status FROM application WHERE cooperative_id = ${coop} AND edition_id = ${id2024}`), 'submitted');
  // the call closes (yesterday): read-only again, a change is refused and nothing is written
  r = await saveEdition(id2024, { state: 'call_open', call_opens_on: day(-30), call_closes_on: day(-2) });
  assert.equal(r.status, 303);
  my = await coopClient.get('/my?lang=en');
  assert.match(my.text, /Applications closed on/);
  assert.ok(!/action="\/my\/application"/.test(my.text));
  csrf = await coopClient.csrf('/my');
  r = await coopClient.post('/my/application', { csrf, action: 'submit', category: cat, products: 'Trop tard' });
  assert.equal(r.status, 409);
  assert.equal(one(`SELECT products FROM application WHERE cooperative_id = ${coop} AND edition_id = ${id2024}`), 'De retour');
  await saveEdition(id2024, { state: 'over', call_opens_on: '2023-12-01', call_closes_on: '2024-01-31' });
});

test("the committee's decisions change neither the public list nor the outbox until publication", async () => {
  const id2024 = one("SELECT id FROM edition WHERE slug <> 'fes-meknes-2027' ORDER BY id LIMIT 1");
  const anon = new Client(srv.base);
  const count = async () => Number((await anon.get('/exhibitors?lang=fr')).text.match(/data-count="(\d+)"/)[1]);
  const outbox = () => Number(one('SELECT count(*) FROM outbox'));
  const before = await count();
  const mails = outbox();
  // an accepted, published exhibitor is now not retained, with a reason
  const [appId, coopId] = sql(srv.db, `SELECT a.id, a.cooperative_id FROM application a JOIN exhibitor x ON x.cooperative_id = a.cooperative_id
    AND x.edition_id = a.edition_id WHERE a.edition_id = ${id2024} AND a.status = 'accepted' ORDER BY a.id DESC LIMIT 1`)[0];
  // refused first (no reason): the chosen status comes back selected, the reason kept
  let page = await committee.get(`/admin/applications/${appId}`);
  let f = formFields(page.text, `/admin/applications/${appId}/status`);
  let r = await committee.post(`/admin/applications/${appId}/status`, { ...f, status: 'rejected', reason: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /<option value="rejected" selected>/);
  f = formFields(r.text, `/admin/applications/${appId}/status`);
  assert.equal(f.status, 'rejected', 'resubmitting keeps the decision chosen');
  r = await committee.post(`/admin/applications/${appId}/status`, { ...f, reason: 'Dossier incomplet (raison secrète)' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT status FROM application WHERE id = ${appId}`), 'rejected');
  assert.equal(await count(), before, 'still on the public list');
  assert.equal(outbox(), mails, 'nobody is mailed');
  const pub = await anon.get(`/exhibitors?lang=fr&page=1`);
  assert.ok(!pub.text.includes('raison secrète'));
  // the preview names the cooperative that leaves the list and the message it will get, in its language
  page = await committee.get('/admin/selection/preview?lang=en');
  assert.equal(page.status, 200);
  assert.match(page.text, /1 cooperative leaves it/);
  assert.match(page.text, /raison secrète/);
  assert.equal(await count(), before, 'a preview changes nothing');
  assert.equal(outbox(), mails);
  // publication: off the list, and the cooperative is told
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  r = await committee.post('/admin/selection/publish', { csrf, confirm: '1' });
  assert.equal(r.location, '/admin/selection/preview', 'not without the preview');
  assert.equal(await count(), before);
  r = await committee.post('/admin/selection/publish', { csrf, previewed: '1', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(await count(), before - 1);
  assert.ok(outbox() > mails, 'the decision is mailed at publication');
  assert.equal(one(`SELECT count(*) FROM exhibitor WHERE cooperative_id = ${coopId} AND edition_id = ${id2024}`), '0');
});

test('after signing in, each role lands where its work is, with a word that it worked', async () => {
  const want = { admin: '/admin?done=signedin', committee: '/admin?done=signedin', exhibitor: '/my?done=signedin', jury: '/jury', desk: '/desk' };
  for (const [role, where] of Object.entries(want)) {
    const c = new Client(srv.base);
    const r = await c.signIn(...DEMO[role]);
    assert.equal(r.location, where, role);
  }
  const c = new Client(srv.base);
  await c.signIn(...DEMO.exhibitor);
  assert.match((await c.get('/my?done=signedin&lang=fr')).text, /class="ok-box" role="status">Vous êtes connecté·e\./);
  const k = new Client(srv.base);
  await k.signIn(...DEMO.committee);
  assert.match((await k.get('/admin?done=signedin&lang=fr')).text, /class="notice" role="status">Vous êtes connecté·e\./);
});

test('several reviewers per application: each one\'s score and note, the average, who has not reviewed', async () => {
  const { execFileSync } = await import('node:child_process');
  const { BIN } = await import('./accounts_helpers.mjs');
  execFileSync(BIN, ['--db', srv.db, 'user', 'add', '--email', 'fatima@example.org', '--role', 'committee', '--name', 'Fatima'],
    { input: 'fatima-committee-2024\n', stdio: ['pipe', 'ignore', 'inherit'] });
  const fatima = new Client(srv.base);
  await fatima.signIn('fatima@example.org', 'fatima-committee-2024');
  const app = one("SELECT id FROM application WHERE status = 'submitted' ORDER BY id LIMIT 1")
    || one("SELECT id FROM application WHERE status <> 'draft' ORDER BY id LIMIT 1");
  // the demo's committee member reviews first
  let page = await committee.get(`/admin/applications/${app}?lang=en`);
  assert.match(page.text, /have not reviewed yet|has not reviewed yet/);
  assert.match(page.text, /<li><bdi>Fatima<\/bdi><\/li>/);
  let f = formFields(page.text, `/admin/applications/${app}/review`);
  let r = await committee.post(`/admin/applications/${app}/review`, { ...f, score: '80', note: 'Beau travail' });
  assert.equal(r.status, 303);
  // Fatima sees it, and gives her own
  page = await fatima.get(`/admin/applications/${app}?lang=en`);
  assert.match(page.text, /Beau travail/);
  f = formFields(page.text, `/admin/applications/${app}/review`);
  assert.equal(f.score, '', 'her own form starts empty');
  r = await fatima.post(`/admin/applications/${app}/review`, { ...f, score: '61', note: 'Prix élevés' });
  assert.equal(r.status, 303);
  page = await committee.get(`/admin/applications/${app}?lang=en`);
  assert.match(page.text, /data-average="71"/);
  assert.match(page.text, /Average: 71 \(2 scores\)/);
  assert.match(page.text, /Prix élevés/);
  assert.ok(!/<li><bdi>Fatima<\/bdi><\/li>/.test(page.text), 'Fatima has reviewed');
  assert.equal(one(`SELECT score FROM application WHERE id = ${app}`), '71', 'the assistant reads the average');
  assert.equal(one(`SELECT count(*) FROM application_review WHERE application_id = ${app}`), '2');
  // a second save replaces the member's own review, not another's
  f = formFields(page.text, `/admin/applications/${app}/review`);
  assert.equal(f.score, '80');
  r = await committee.post(`/admin/applications/${app}/review`, { ...f, score: '90' });
  assert.equal(one(`SELECT score FROM application WHERE id = ${app}`), '76');
  assert.equal(one(`SELECT count(*) FROM audit WHERE action = 'application.review' AND object_id = ${app}`), '3');
});

test('a message to a chosen group: previewed, each recipient in their language, typed text kept when refused', async () => {
  const id2024 = one("SELECT id FROM edition WHERE slug <> 'fes-meknes-2027' ORDER BY id LIMIT 1");
  const cat = one(`SELECT id FROM category WHERE edition_id = ${id2024} AND code = 'terroir'`);
  // the demo exhibitor's cooperative, put in the terroir category, reads French
  sql(srv.db, `UPDATE account SET lang = 'fr' WHERE email = 'exhibitor@example.org'`);
  const coop = one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
  sql(srv.db, `DELETE FROM exhibitor WHERE edition_id = ${id2024} AND cooperative_id = ${coop}`);
  sql(srv.db, `INSERT INTO exhibitor (edition_id, cooperative_id, category_id, is_sample) VALUES (${id2024}, ${coop}, ${cat}, 1)`);
  // who the group is, counted here the way the issue defines it
  const expected = Number(one(`SELECT count(*) FROM (
      SELECT a.email FROM account a JOIN exhibitor x ON x.cooperative_id = a.cooperative_id
       WHERE x.edition_id = ${id2024} AND x.category_id = ${cat} AND a.disabled = 0
      UNION ALL SELECT c.email FROM cooperative c JOIN exhibitor x ON x.cooperative_id = c.id
       WHERE x.edition_id = ${id2024} AND x.category_id = ${cat} AND COALESCE(c.email, '') <> ''
       AND NOT EXISTS (SELECT 1 FROM account a WHERE a.cooperative_id = c.id AND a.disabled = 0))`));
  assert.ok(expected > 0);
  const page = await committee.get(`/admin/messages?edition=${id2024}`);
  assert.equal(page.status, 200);
  const f = formFields(page.text, '/admin/messages');
  const fields = { ...f, group: 'category', category: cat, subject_ar: 'اجتماع العارضين', body_ar: 'نلتقي يوم الاثنين.',
    subject_fr: '', body_fr: 'Réunion lundi à 10 h.', subject_en: 'Exhibitors meeting', body_en: 'Meeting on Monday.' };
  const mails = Number(one('SELECT count(*) FROM outbox'));
  // refused: the French subject is missing for a French reader; everything typed comes back
  let r = await committee.post('/admin/messages', { ...fields, action: 'preview' });
  assert.equal(r.status, 422);
  assert.match(r.text, /exhibitor@example\.org/);
  assert.match(r.text, /Réunion lundi à 10 h\./);
  assert.match(r.text, /value="اجتماع العارضين"/);
  assert.match(r.text, /<option value="category" selected>/);
  // previewed: every recipient, nothing sent yet
  r = await committee.post('/admin/messages', { ...fields, subject_fr: 'Réunion des exposants', action: 'preview' });
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`data-count="${expected}"`));
  assert.match(r.text, /<div class="mail" lang="fr" dir="ltr">/);
  assert.equal(Number(one('SELECT count(*) FROM outbox')), mails, 'a preview sends nothing');
  // sent, once confirmed
  r = await committee.post('/admin/messages', { ...fields, subject_fr: 'Réunion des exposants', action: 'send' });
  assert.equal(r.status, 422, 'not without the confirmation');
  r = await committee.post('/admin/messages', { ...fields, subject_fr: 'Réunion des exposants', action: 'send', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(Number(one('SELECT count(*) FROM outbox')), mails + expected);
  assert.equal(one("SELECT subject FROM outbox WHERE to_email = 'exhibitor@example.org' ORDER BY id DESC LIMIT 1"), 'Réunion des exposants');
  assert.match(one("SELECT body FROM outbox WHERE to_email = 'exhibitor@example.org' ORDER BY id DESC LIMIT 1"), /Réunion lundi à 10 h\.\n\n— Salon des coopératives/);
  assert.equal(one("SELECT action FROM audit ORDER BY id DESC LIMIT 1"), 'message.group');
  // the outbox reads in the fair's time, the message laid out by its own direction
  const box = await committee.get('/admin/outbox?lang=fr');
  assert.match(box.text, /<pre class="mail" dir="auto">/);
  assert.match(box.text, /<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">[^<]+<\/time>/);
});

test('counts take their plural forms: "1 exposant ajouté", not "1 exposants ajoutés"', async () => {
  const fr1 = await committee.get('/admin/selection?done=published&added=1&removed=0&lang=fr');
  assert.match(fr1.text, /Publié\u202f: 1 exposant ajouté, 0 retiré; les coopératives sont prévenues\./);
  const fr3 = await committee.get('/admin/selection?done=published&added=3&removed=2&lang=fr');
  assert.match(fr3.text, /Publié\u202f: 3 exposants ajoutés, 2 retirés/);
  const ar2 = await committee.get('/admin/selection?done=published&added=2&removed=0&lang=ar');
  assert.match(ar2.text, /أُضيف عارضان/);
});
