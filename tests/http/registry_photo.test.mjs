// registry_photo.test.mjs - an application's photos (reg_photo): the
// cooperative sees its own, another cooperative gets a 404 for them, the
// committee sees every one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, BIN } from './server.mjs';
import { Client } from './registry_helpers.mjs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let srv;

/** coop - a registry cooperative with its exhibitor account. */
function coop(reg, email) {
  srv.sql(`INSERT INTO cooperative (name_ar, name_fr, reg_number, province_id, women_led, members_women)
           VALUES ('تعاونية ${reg}', 'Coopérative ${reg}', '${reg}', (SELECT id FROM province WHERE code = 'sefrou'), 0, 3)`);
  execFileSync(BIN, ['--db', srv.db, 'user', 'add', '--email', email, '--role', 'exhibitor'],
    { input: 'a long test password\n', stdio: ['pipe', 'ignore', 'inherit'] });
  srv.sql(`UPDATE account SET cooperative_id = (SELECT id FROM cooperative WHERE reg_number = '${reg}') WHERE email = '${email}'`);
}

before(async () => {
  srv = await startServer();
  // the demo's call closed in 2024: open it, with no dates, for the applications below
  srv.sql("UPDATE edition SET state = 'call_open', call_opens_on = '', call_closes_on = ''");
  coop('TEST-PH-1', 'photo.one@example.org');
  coop('TEST-PH-2', 'photo.two@example.org');
});
after(async () => { await srv?.stop(); });

test('a photo is served to its cooperative and the committee only', async () => {
  const one = new Client(srv.base);
  await one.signIn('photo.one@example.org', 'a long test password');
  await one.get('/my');
  const saved = await one.post('/my/application', { products: 'Tapis tissés main', action: 'save' },
    [{ field: 'photo', name: 'tapis.png', type: 'image/png', data: PNG }]);
  assert.equal(saved.status, 303, saved.text.slice(0, 500));
  const page = await one.get('/my');
  const m = page.text.match(/\/my\/photos\/(\d+)/);
  assert.ok(m, 'the application page shows the photo');
  const mine = await one.get(`/my/photos/${m[1]}`);
  assert.equal(mine.status, 200);
  assert.match(mine.headers.get('content-type'), /^image\/(png|jpeg)$/); // photos are re-encoded
  assert.equal(mine.headers.get('cache-control'), 'private, max-age=3600');
  assert.ok(mine.body.length > 0);

  const two = new Client(srv.base);
  await two.signIn('photo.two@example.org', 'a long test password');
  assert.equal((await two.get(`/my/photos/${m[1]}`)).status, 404);
  assert.equal((await two.get('/my/photos/999999')).status, 404);

  const committee = new Client(srv.base);
  await committee.signIn('committee@example.org', 'demo-committee-2024');
  const seen = await committee.get(`/admin/photos/${m[1]}`);
  assert.equal(seen.status, 200);
  assert.ok(seen.body.equals(mine.body));
  assert.equal((await committee.get('/admin/photos/999999')).status, 404);
});
