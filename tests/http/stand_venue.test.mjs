// stand_venue.test.mjs - the committee edits the venue (issue 13): the hall
// and its polygon outline, zones, stands one by one and blocks of stands,
// each form validated in the reader's language with what was typed kept;
// the allocator and the map use the polygon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv, c;
before(async () => {
  srv = await startServer();
  c = new Client(srv.base);
  await c.signin('committee@example.org', 'demo-committee-2024');
});
after(async () => { await srv?.stop(); });
const one = (sql) => sqlite(srv.db, sql).trim();
const num = (sql) => Number(one(sql));
async function post(path, form) {
  const page = await c.get('/admin/stands/venue');
  assert.equal(page.status, 200);
  return c.post(path, { csrf: Client.csrf(page.html), ...form });
}
const hall = { width: '50', depth: '30', outline: '', w_cluster: '1', w_share: '4', w_fair: '2' };
const stand = (o) => ({ id: '0', code: 'X01', stand_x: '40', stand_y: '2', stand_w: '3', stand_h: '3', capacity: '2', stand_space: '', ...o });

test('the venue page shows the hall, the zones, the stands and the block generator', async () => {
  const r = await c.get('/admin/stands/venue?lang=fr');
  assert.equal(r.status, 200);
  assert.match(r.html, /action="\/admin\/stands\/venue\/hall"/);
  assert.match(r.html, /id="f-width"[^>]*value="50"/);
  assert.equal((r.html.match(/href="\/admin\/stands\/venue\?zone=\d+#zone-form"/g) || []).length, 5);
  assert.equal((r.html.match(/href="\/admin\/stands\/venue\?stand=\d+#stand-form"/g) || []).length, 40);
  assert.match(r.html, /action="\/admin\/stands\/venue\/block"/);
  const anon = await fetch(`${srv.base}/admin/stands/venue`, { redirect: 'manual' });
  assert.notEqual(anon.status, 200);
});

test('the hall form refuses what is not a length or a polygon, in French, keeping what was typed', async () => {
  const r = await post('/admin/stands/venue/hall?lang=fr', { ...hall, width: 'cinquante', outline: '0,0 10,10 10,0 0,10' });
  assert.equal(r.status, 400);
  assert.match(r.html, /Saisissez une longueur en mètres/);
  assert.match(r.html, /id="f-width"[^>]*value="cinquante"/);
  assert.match(r.html, /aucun mur ne croisant un autre/);
  assert.ok(r.html.includes('0,0 10,10 10,0 0,10</textarea>'));
  assert.equal(num('SELECT width FROM stand_venue'), 50, 'nothing saved');
  // Arabic-Indic digits and a decimal comma are lengths
  const ok = await post('/admin/stands/venue/hall', { ...hall, width: '٨٠', depth: '30,5' });
  assert.equal(ok.status, 303);
  assert.equal(num('SELECT width FROM stand_venue'), 80);
  assert.equal(num('SELECT depth FROM stand_venue'), 30.5);
});

test('zones: added, edited and deleted; a zone beyond the walls is refused in Arabic', async () => {
  const z = { id: '0', zone_kind: 'services', zone_name_ar: 'مصلى', zone_name_fr: 'Salle de prière', zone_x: '50', zone_y: '0', zone_w: '40', zone_h: '5', zone_space: '' };
  const bad = await post('/admin/stands/venue/zone?lang=ar', z);
  assert.equal(bad.status, 400);
  assert.ok(bad.html.includes('المنطقة تتجاوز جدران القاعة'), 'the reason in Arabic');
  assert.ok(bad.html.includes('value="مصلى"'), 'the name typed is kept');
  const before = num('SELECT COUNT(*) FROM stand_zone');
  assert.equal((await post('/admin/stands/venue/zone', { ...z, zone_w: '10' })).status, 303);
  assert.equal(num('SELECT COUNT(*) FROM stand_zone'), before + 1);
  const id = one("SELECT id FROM stand_zone WHERE name_fr = 'Salle de prière'");
  const edit = await c.get(`/admin/stands/venue?zone=${id}`);
  assert.match(edit.html, /id="f-zone_w"[^>]*value="10"/);
  assert.equal((await post('/admin/stands/venue/zone', { ...z, id, zone_w: '12' })).status, 303);
  assert.equal(num(`SELECT w FROM stand_zone WHERE id = ${id}`), 12);
  assert.equal((await post('/admin/stands/venue/zone/delete', { id })).status, 303);
  assert.equal(num('SELECT COUNT(*) FROM stand_zone'), before);
  assert.equal((await post('/admin/stands/venue/zone/delete', { id })).status, 404);
});

test('stands: a stand over another or outside the hall is refused; added, edited, deleted; a stand in use is kept', async () => {
  const a01 = one("SELECT x || '|' || y FROM stand WHERE code = 'A01'").split('|');
  const over = await post('/admin/stands/venue/stand?lang=fr', stand({ stand_x: a01[0], stand_y: a01[1] }));
  assert.equal(over.status, 400);
  assert.match(over.html, /Le stand chevauche le stand A01\./);
  assert.match(over.html, /id="f-code"[^>]*value="X01"/);
  const out = await post('/admin/stands/venue/stand?lang=en', stand({ stand_x: '79' }));
  assert.equal(out.status, 400);
  assert.match(out.html, /The stand lies outside the walls of the hall\./);
  const taken = await post('/admin/stands/venue/stand?lang=en', stand({ code: 'A02' }));
  assert.match(taken.html, /Another stand already has this code\./);
  assert.equal(num("SELECT COUNT(*) FROM stand WHERE code = 'X01'"), 0);

  assert.equal((await post('/admin/stands/venue/stand', stand({ stand_x: '40,5', power: '1', water: '1', corner: '1' }))).status, 303);
  const row = one("SELECT x || '|' || area_m2 || '|' || power || water || accessible || corner || '|' || footfall FROM stand WHERE code = 'X01'").split('|');
  assert.equal(Number(row[0]), 40.5);
  assert.equal(Number(row[1]), 9);
  assert.equal(row[2], '1101');
  assert.equal(Number(row[3]), 2, 'footfall follows from the attributes (1 + corner)');
  const id = one("SELECT id FROM stand WHERE code = 'X01'");
  assert.equal((await post('/admin/stands/venue/stand', stand({ id, code: 'X02', stand_w: '4' }))).status, 303);
  assert.equal(one(`SELECT code || '|' || w FROM stand WHERE id = ${id}`).split('|')[0], 'X02');
  assert.equal((await post('/admin/stands/venue/stand/delete', { id })).status, 303);
  assert.equal(num(`SELECT COUNT(*) FROM stand WHERE id = ${id}`), 0);
  // a stand with exhibitors on it stays
  const used = one("SELECT id FROM stand WHERE code = 'A01'");
  const r = await post('/admin/stands/venue/stand/delete?lang=en', { id: used });
  assert.equal(r.status, 409);
  assert.match(r.html, /Exhibitors are on this stand/);
  assert.equal(num(`SELECT COUNT(*) FROM stand WHERE id = ${used}`), 1);
});

test('the block generator lays rows of stands in the hall; places over other stands are left out', async () => {
  const blk = { block_prefix: 'B', block_first: '1', block_rows: '2', block_cols: '4', block_x: '52', block_y: '2',
    block_w: '3', block_h: '3', block_aisle: '3', block_capacity: '2', block_space: '', block_power: '1' };
  const r = await post('/admin/stands/venue/block', blk);
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /made=8&skipped=0/);
  const rows = one("SELECT code || ':' || x || ':' || y || ':' || corner || ':' || power FROM stand WHERE code LIKE 'B%' ORDER BY code").split('\n');
  assert.equal(rows.length, 8);
  assert.deepEqual(rows.map((l) => l.split(':').map(Number).slice(1)), [
    [52, 2, 1, 1], [55, 2, 0, 1], [58, 2, 0, 1], [61, 2, 1, 1], [52, 5, 1, 1], [55, 5, 0, 1], [58, 5, 0, 1], [61, 5, 1, 1]]);
  // the same block again: every place is taken
  const again = await post('/admin/stands/venue/block?lang=fr', { ...blk, block_first: '20' });
  assert.equal(again.status, 400);
  assert.match(again.html, /Aucun stand de ce bloc ne tient/);
  assert.match(again.html, /id="f-block_first"[^>]*value="20"/);
  const bad = await post('/admin/stands/venue/block?lang=fr', { ...blk, block_rows: '0', block_prefix: 'B1' });
  assert.equal(bad.status, 400);
  assert.match(bad.html, /2 champs sont à corriger/);
});

test('a polygon hall: drawn on the map, the generator keeps inside its walls, the allocator leaves a stand outside empty', async () => {
  // a stand in the corner the polygon will cut off
  assert.equal((await post('/admin/stands/venue/stand', stand({ code: 'Z01', stand_x: '76', stand_y: '26' }))).status, 303);
  const ok = await post('/admin/stands/venue/hall', { ...hall, width: '80', depth: '30', outline: '0,0 80,0 80,20 70,30 0,30' });
  assert.equal(ok.status, 303);
  const map = await (await fetch(`${srv.base}/plan`)).text();
  assert.match(map, /<polygon class="hall" points="0,0 800,0 800,200 700,300 0,300"/);
  // the generator: some places of this block lie beyond the cut wall
  const r = await post('/admin/stands/venue/block', { block_prefix: 'C', block_first: '1', block_rows: '2', block_cols: '5',
    block_x: '64', block_y: '20', block_w: '3', block_h: '3', block_aisle: '3', block_capacity: '2', block_space: '' });
  assert.equal(r.status, 303);
  const [, made, skipped] = r.headers.get('location').match(/made=(\d+)&skipped=(\d+)/).map(Number);
  assert.ok(made > 0 && skipped > 0 && made + skipped === 10, `${made} made, ${skipped} left out`);
  const beyond = num("SELECT COUNT(*) FROM stand WHERE code LIKE 'C%' AND (x + w) + (y + h) > 100.001");
  assert.equal(beyond, 0, 'no generated stand crosses the cut wall');
  // a hand move onto the stand outside the walls breaks the capacity rule
  const page = await c.get('/admin/stands?lang=en');
  const ex = one('SELECT id FROM exhibitor ORDER BY id LIMIT 1');
  const z01 = one("SELECT id FROM stand WHERE code = 'Z01'");
  const mv = await c.post('/admin/stands/move?lang=en', { csrf: Client.csrf(page.html), exhibitor: ex, stand: z01 });
  assert.match(mv.html, /Rule broken: the stand holds more exhibitors than its capacity\./);
  // the allocator places everyone and nobody beyond the walls
  const again = await c.get('/admin/stands');
  assert.equal((await c.post('/admin/stands/assign', { csrf: Client.csrf(again.html) })).status, 303);
  assert.equal(num(`SELECT COUNT(*) FROM exhibitor WHERE stand_id = ${z01}`), 0);
  assert.equal(num('SELECT COUNT(*) FROM exhibitor WHERE stand_id IS NULL'), 0);
});

test('the public menu links to the floor plan; the sample label shows only for sample exhibitors', async () => {
  const home = await (await fetch(`${srv.base}/?lang=ar`)).text();
  const nav = home.match(/<nav aria-label="[^"]*"><ul>([^]*?)<\/ul><\/nav>/)[1];
  assert.match(nav, /<li><a href="\/plan">مخطط المعرض<\/a><\/li>/);
  const demo = await (await fetch(`${srv.base}/plan?lang=en`)).text();
  assert.match(demo, /class="sample" role="note"/);
  sqlite(srv.db, 'UPDATE exhibitor SET is_sample = 0');
  const real = await (await fetch(`${srv.base}/plan?lang=en`)).text();
  assert.doesNotMatch(real, /class="sample" role="note"/, 'real exhibitors are not called sample data');
  assert.doesNotMatch(real, /generated examples/);
  // an edition without a plan yet: the menu's link lands on a page that says so
  sqlite(srv.db, 'DELETE FROM stand_venue');
  const none = await fetch(`${srv.base}/plan?lang=en`);
  assert.equal(none.status, 200);
  assert.match(await none.text(), /This edition has no floor plan yet\./);
});
