// registry_selection.test.mjs - the committee's selection over HTTP: rules
// validated with input kept, conflicts named, a proposal applied, a
// withdrawal after publication freeing a place for the next wait-listed
// applicant, and state changes refused without the CSRF token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { Client } from './registry_helpers.mjs';

let srv, committee, exhibitor;


before(async () => {
  srv = await startServer();
  committee = new Client(srv.base);
  await committee.signIn('committee@example.org', 'demo-committee-2024');
  exhibitor = new Client(srv.base);
  await exhibitor.signIn('exhibitor@example.org', 'demo-exhibitor-2024');
});
after(async () => { await srv.stop(); });

const rules = (over = {}) => ({ stands: '40', per_stand: '2', max_outside: '5', min_women_pct: '50', min_first_pct: '0',
  ...Object.fromEntries(srv.sql('SELECT id FROM category ORDER BY position').split('\n').map((id, i) => [`seats_${id}`, ['40', '25', '15'][i]])),
  ...over });

test('the demo selection keeps every rule and the assistant agrees with it', async () => {
  const r = await committee.get('/admin/selection?propose=1&lang=en');
  assert.equal(r.status, 200);
  assert.match(r.text, /Accepted: 80; places: 80/);
  assert.ok(!r.text.includes('warn-box'), 'no rule broken');
  assert.match(r.text, /Places filled: 80 of 80; scored applications: 88/);
  assert.match(r.text, /at most 5 from outside the region/); // what bound the outsiders
});

test('a wrong rule is refused with the typed value kept', async () => {
  await committee.get('/admin/selection?lang=en');
  const r = await committee.post('/admin/selection/rules', rules({ stands: 'forty', min_women_pct: '50' }));
  assert.equal(r.status, 422);
  assert.match(r.text, /Stands and exhibitors per stand are whole numbers/);
  assert.match(r.text, /name="stands" inputmode="numeric" maxlength="5" value="forty"/);
  assert.equal(srv.sql('SELECT stands FROM selection_rules'), '40');
});

test('rules that cannot all hold are named as a conflict', async () => {
  await committee.get('/admin/selection?lang=en');
  let r = await committee.post('/admin/selection/rules', rules({ min_women_pct: '100' }));
  assert.equal(r.status, 303);
  r = await committee.get('/admin/selection?propose=1&lang=en');
  assert.match(r.text, /No selection fills the 80 places: these rules conflict:/);
  assert.match(r.text, /<li>at least 100% led by women<\/li>/);
  assert.match(r.text, /The 80 accepted applications break these rules:/);
  await committee.post('/admin/selection/rules', rules());
});

test('state changes need the CSRF token', async () => {
  const anon = new Client(srv.base);
  await committee.get('/admin/selection');
  const saved = committee.csrf;
  committee.csrf = '0'.repeat(64);
  const r = await committee.post('/admin/selection/publish', {});
  assert.equal(r.status, 403);
  committee.csrf = saved;
  assert.equal((await anon.post('/my/application', { action: 'submit' })).status, 303); // to sign-in
});

test('a withdrawal after publication frees a place; the next wait-listed one is proposed and published', async () => {
  const before = Number(srv.sql('SELECT count(*) FROM exhibitor'));
  await exhibitor.get('/my?lang=fr');
  let r = await exhibitor.post('/my/application/withdraw', { confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(Number(srv.sql('SELECT count(*) FROM exhibitor')), before - 1);
  // the organisers are told a place is free
  assert.equal(srv.sql(`SELECT count(*) FROM outbox WHERE to_email = 'committee@example.org'`), '1');
  r = await exhibitor.get('/my?done=withdrawn&lang=fr');
  assert.match(r.text, /Votre candidature est retirée/);
  assert.match(r.text, /app-status-withdrawn/);
  // the committee is offered the best wait-listed applicant that keeps the rules
  r = await committee.get('/admin/selection?lang=en');
  assert.match(r.text, /Accepted: 79; places: 80/);
  assert.match(r.text, /A place is free. Next on the waiting list, keeping every rule:/);
  const id = r.text.match(/action="\/admin\/applications\/(\d+)\/status"/)[1];
  assert.equal(srv.sql(`SELECT status FROM application WHERE id = ${id}`), 'waitlisted');
  r = await committee.post(`/admin/applications/${id}/status`, { status: 'accepted', reason: 'A place became free.' });
  assert.equal(r.status, 303);
  await committee.get('/admin/selection');
  r = await committee.post('/admin/selection/publish', {});
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /added=1&removed=0/);
  assert.equal(Number(srv.sql('SELECT count(*) FROM exhibitor')), before);
  // everyone whose decision changed is told, once
  assert.equal(srv.sql(`SELECT count(*) FROM outbox WHERE body LIKE '%list of exhibitors is published%' OR body LIKE '%نُشرت لائحة العارضين%' OR body LIKE '%liste des exposants est publiée%'`), '1');
  assert.equal(srv.sql(`SELECT count(*) FROM audit WHERE action = 'selection.publish'`), '1');
});

test('a hand change that breaks a rule is allowed and warned about', async () => {
  const outsider = srv.sql(`SELECT a.id FROM application a JOIN cooperative c ON c.id = a.cooperative_id
    JOIN province p ON p.id = c.province_id WHERE a.status = 'waitlisted' AND p.region_id <> 3 LIMIT 1`);
  await committee.get(`/admin/applications/${outsider}?lang=en`);
  let r = await committee.post(`/admin/applications/${outsider}/status`, { status: 'accepted', reason: '' });
  assert.equal(r.status, 303);
  r = await committee.get(`/admin/applications/${outsider}?done=status&lang=en`);
  assert.match(r.text, /The 81 accepted applications break these rules:/);
  assert.match(r.text, /<li>Places: 80 \(stands: 40, exhibitors per stand: 2\)<\/li>/);
  assert.match(r.text, /<li>at most 5 from outside the region<\/li>/);
  // publishing now asks for an explicit confirmation
  await committee.get('/admin/selection?lang=en');
  r = await committee.post('/admin/selection/publish', {});
  assert.equal(r.status, 422);
  assert.match(r.text, /tick the box to publish it anyway/);
  // rejecting needs a reason the cooperative will read
  r = await committee.post(`/admin/applications/${outsider}/status`, { status: 'rejected', reason: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Give the reason/);
});
