// stand_entrance.test.mjs - the committee edits the hall's entrances (issue
// 13) on the venue page: added, edited and deleted, each form validated in the
// reader's language with what was typed kept and nothing written on a
// refusal; every change sets near_entrance and footfall of the edition's
// stands from the geometry (centre within 6 m of a door's middle), which the
// map, the A3 PDF and the allocator's score then show; other roles and a
// post without the form's token are refused. A door may run down a side wall.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, sqlite, sqliteRows } from './server.mjs';
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
async function post(path, form, client = c) {
  const page = await client.get('/admin/stands/venue');
  assert.equal(page.status, 200);
  return client.post(path, { csrf: Client.csrf(page.html), ...form });
}
const door = (o) => ({ id: '0', entrance_name_ar: 'الباب الغربي', entrance_name_fr: 'Porte ouest',
  entrance_x: '2', entrance_y: '0', entrance_w: '4', ...o });
const nearCodes = () => sqliteRows(srv.db, 'SELECT code FROM stand WHERE near_entrance = 1 ORDER BY code').map((r) => r[0]);
const fairTerm = (html) => Number((html.match(/<th scope="row">Good places shared fairly<\/th><td>([\d.]+)<\/td>/) || [])[1]);

// every stand of the edition as the rule makes it: near when its centre lies
// within 6 m of an entrance's middle, footfall 1 + corner + 2 aisle + 2 near
function assertFollowsGeometry() {
  // a door's middle: along it, across (x + w/2, y) or down a side wall (x, y + w/2)
  const doors = sqliteRows(srv.db, 'SELECT x, y, w, vertical FROM stand_entrance').map((r) => r.map(Number))
    .map(([dx, dy, dw, down]) => (down ? [dx, dy + dw / 2] : [dx + dw / 2, dy]));
  const stands = sqliteRows(srv.db, 'SELECT code, x, y, w, h, corner, main_aisle, near_entrance, footfall FROM stand');
  assert.ok(stands.length >= 40, 'the stands were looked at');
  for (const [code, ...v] of stands) {
    const [x, y, w, h, corner, aisle, near, footfall] = v.map(Number);
    const want = doors.some(([mx, my]) => Math.hypot(x + w / 2 - mx, y + h / 2 - my) < 6) ? 1 : 0;
    assert.equal(near, want, `stand ${code}: near_entrance`);
    assert.equal(footfall, 1 + corner + 2 * aisle + 2 * near, `stand ${code}: footfall`);
  }
}

test('the demo\'s stands follow the rule: near the north entrance A04 and A09 only', () => {
  assertFollowsGeometry();
  assert.deepEqual(nearCodes(), ['A04', 'A09']);
  assert.equal(num('SELECT COUNT(*) FROM stand_entrance'), 2);
});

test('an entrance is added (Arabic-Indic digits), the stands near it follow, the map, the PDF and the score show it', async () => {
  const before = await c.get('/admin/stands?lang=en');
  const fairBefore = fairTerm(before.html);
  assert.ok(Number.isFinite(fairBefore), 'the score table was read');
  const r = await post('/admin/stands/venue/entrance', door({ entrance_x: '٢', entrance_w: '٤' }));
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /done=created&near=2#entrances$/);
  const [x, y, w] = one("SELECT x || '|' || y || '|' || w FROM stand_entrance WHERE name_fr = 'Porte ouest'").split('|').map(Number);
  assert.deepEqual([x, y, w], [2, 0, 4]);
  // A01 (a corner) and A02 are now near it: flag and footfall in the same change
  assert.deepEqual(nearCodes(), ['A01', 'A02', 'A04', 'A09']);
  assert.equal(num("SELECT footfall FROM stand WHERE code = 'A01'"), 4);
  assert.equal(num("SELECT footfall FROM stand WHERE code = 'A02'"), 3);
  assertFollowsGeometry();
  const id = one("SELECT id FROM stand_entrance WHERE name_fr = 'Porte ouest'");
  const audit = one(`SELECT action || '|' || after_json FROM audit WHERE object_type = 'stand_entrance' AND object_id = ${id}`);
  assert.match(audit, /^stand\.entrance\|.*"stands_changed":2/);
  // the page says how many stands changed, and lists the entrance
  const page = await c.get('/admin/stands/venue?done=created&near=2&lang=en');
  assert.match(page.html, /Stands whose place near an entrance changed: 2/);
  assert.ok(page.html.includes(`href="/admin/stands/venue?entrance=${id}#entrance-form"`));
  assert.match(page.html, /<bdi>Porte ouest<\/bdi><\/a><\/td><td dir="ltr">2, 0 — 4<\/td><td dir="ltr" class="near">A01 A02<\/td>/);
  // the public map draws it (decimetres) with both names
  const map = await (await fetch(`${srv.base}/plan?lang=fr`)).text();
  assert.match(map, /<line class="entrance" x1="20" y1="0" x2="60" y2="0"/);
  assert.ok(map.includes('<tspan lang="ar">الباب الغربي</tspan> · <tspan lang="fr">Porte ouest</tspan>'));
  // the A3 PDF too
  const pdf = await fetch(`${srv.base}/plan.pdf`);
  assert.equal(pdf.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'stand-entrance-'));
  writeFileSync(join(dir, 'plan.pdf'), Buffer.from(await pdf.arrayBuffer()));
  assert.match(execFileSync('pdftotext', [join(dir, 'plan.pdf'), '-']).toString(), /Porte ouest/);
  // the allocator's objective reads the new footfall: the same placement scores otherwise
  const after = await c.get('/admin/stands?lang=en');
  assert.notEqual(fairTerm(after.html), fairBefore);
});

test('an entrance with a wrong value is refused with the reason and what was typed; nothing is written', async () => {
  const id = one("SELECT id FROM stand_entrance WHERE name_fr = 'Porte ouest'");
  const audits = num('SELECT COUNT(*) FROM audit');
  const deep = await post('/admin/stands/venue/entrance?lang=fr', door({ id, entrance_y: '31', entrance_name_fr: 'Porte sud' }));
  assert.equal(deep.status, 400);
  assert.match(deep.html, /La porte est au-delà du mur du bas\u202f: saisissez au plus la profondeur de la salle, 30 m/);
  assert.match(deep.html, /id="f-entrance_y"[^>]*value="31"/);
  assert.match(deep.html, /id="f-entrance_name_fr"[^>]*value="Porte sud"/);
  assert.match(deep.html, /Modifier l’entrée/, 'still the edit form of this entrance');
  const wide = await post('/admin/stands/venue/entrance?lang=ar', door({ id, entrance_x: '48' }));
  assert.equal(wide.status, 400);
  assert.ok(wide.html.includes('الباب يتجاوز الجدار الأيمن'), 'the reason in Arabic');
  assert.ok(wide.html.includes('عرضَ القاعة، 50 م.'));
  const zero = await post('/admin/stands/venue/entrance?lang=en', door({ id, entrance_w: '0', entrance_name_ar: '' }));
  assert.equal(zero.status, 400);
  assert.match(zero.html, /Enter a length of more than 0 m\./);
  assert.match(zero.html, /id="f-entrance_name_ar"/);
  assert.match(zero.html, /2 fields need your attention; nothing was saved\./);
  const words = await post('/admin/stands/venue/entrance?lang=en', door({ id, entrance_x: 'two' }));
  assert.match(words.html, /Enter a length in metres, for example 3 or 2\.5\./);
  const [name, ...xyw] = one(`SELECT name_fr || '|' || x || '|' || y || '|' || w FROM stand_entrance WHERE id = ${id}`).split('|');
  assert.deepEqual([name, ...xyw.map(Number)], ['Porte ouest', 2, 0, 4]);
  assert.equal(num('SELECT COUNT(*) FROM audit'), audits, 'no audit record');
  assertFollowsGeometry();
});

test('a hall that is not a rectangle: a refused door names the wall it crosses and the width that fits; one on its outline is taken', async () => {
  // the cut wall is the third one typed: from (50, 20) to (40, 30)
  sqlite(srv.db, "UPDATE stand_venue SET outline = '0,0 50,0 50,20 40,30 0,30'");
  try {
    const cut = (o) => door({ entrance_name_fr: 'Porte coupée', ...o });
    const audits = num('SELECT COUNT(*) FROM audit');
    const doors = num('SELECT COUNT(*) FROM stand_entrance');
    // 6 m wide from (41.5, 25), typed in Arabic-Indic digits: it leaves the hall at (45, 25)
    const wideAr = await post('/admin/stands/venue/entrance?lang=ar', cut({ entrance_x: '٤١٫٥', entrance_y: '٢٥', entrance_w: '٦' }));
    assert.equal(wideAr.status, 400);
    assert.ok(wideAr.html.includes('<p class="field-error" id="f-entrance_w-err">الباب يعبر الجدار الممتد من (50، 20) إلى (40، 30) عند (45، 25): عرضٌ لا يتجاوز 3.5 م يُبقيه داخل القاعة.</p>'),
      'the reason in Arabic, on the width');
    assert.match(wideAr.html, /id="f-entrance_x"[^>]*value="٤١٫٥"/);
    assert.match(wideAr.html, /id="f-entrance_y"[^>]*value="٢٥"/);
    assert.match(wideAr.html, /id="f-entrance_w"[^>]*value="٦"/);
    assert.match(wideAr.html, /id="f-entrance_name_fr"[^>]*value="Porte coupée"/);
    const wideFr = await post('/admin/stands/venue/entrance?lang=fr', cut({ entrance_x: '41.5', entrance_y: '25', entrance_w: '6' }));
    assert.equal(wideFr.status, 400);
    assert.ok(wideFr.html.includes('<p class="field-error" id="f-entrance_w-err">La porte traverse le mur allant de (50, 20) à (40, 30) en (45, 25)\u202f: une largeur d’au plus 3.5 m la garde dans la salle.</p>'),
      'the reason in French, on the width');
    assert.match(wideFr.html, /id="f-entrance_x"[^>]*value="41.5"/);
    // on the cut wall at (44, 26), running out of the hall at once: no width fits from there
    const onCut = await post('/admin/stands/venue/entrance?lang=fr', cut({ entrance_x: '44', entrance_y: '26' }));
    assert.equal(onCut.status, 400);
    assert.ok(onCut.html.includes('<p class="field-error" id="f-entrance_x-err">La porte sort de la salle dès son début, à travers le mur allant de (50, 20) à (40, 30)\u202f: déplacez-la sur le contour de la salle ou à l’intérieur.</p>'));
    assert.match(onCut.html, /id="f-entrance_y"[^>]*value="26"/);
    const onCutAr = await post('/admin/stands/venue/entrance?lang=ar', cut({ entrance_x: '44', entrance_y: '26' }));
    assert.ok(onCutAr.html.includes('الباب يخرج من القاعة من بدايته، عبر الجدار الممتد من (50، 20) إلى (40، 30): انقله ليكون على محيط القاعة أو داخلها.'));
    // on the line of the bottom wall, but past its end at x = 40: beyond the cut wall (the nearest)
    const foot = await post('/admin/stands/venue/entrance?lang=ar', cut({ entrance_x: '42', entrance_y: '30' }));
    assert.equal(foot.status, 400, 'the bottom wall stops at x = 40');
    assert.ok(foot.html.includes('<p class="field-error" id="f-entrance_x-err">الباب يبدأ خارج القاعة، وراء الجدار الممتد من (50، 20) إلى (40، 30): انقله ليكون على محيط القاعة أو داخلها.</p>'));
    const footFr = await post('/admin/stands/venue/entrance?lang=fr', cut({ entrance_x: '42', entrance_y: '30' }));
    assert.ok(footFr.html.includes('La porte commence hors de la salle, au-delà du mur allant de (50, 20) à (40, 30)\u202f: déplacez-la'));
    assert.match(footFr.html, /id="f-entrance_x"[^>]*value="42"/);
    // down a side wall: the right wall ends at (50, 20), where the door passes the cut wall
    const down = await post('/admin/stands/venue/entrance?lang=en', cut({ entrance_x: '50', entrance_y: '17', entrance_w: '5', entrance_vertical: '1' }));
    assert.equal(down.status, 400);
    assert.match(down.html, /The door crosses the wall from \(50, 20\) to \(40, 30\) at \(50, 20\): a width of at most 3 m keeps it inside the hall\./);
    assert.match(down.html, /id="f-entrance_vertical"[^>]*checked/);
    assert.equal(num("SELECT COUNT(*) FROM stand_entrance WHERE name_fr = 'Porte coupée'"), 0);
    assert.equal(num('SELECT COUNT(*) FROM stand_entrance'), doors, 'nothing written');
    assert.equal(num('SELECT COUNT(*) FROM audit'), audits, 'no audit record');
    // the width the refusal offered is taken
    const ok = await post('/admin/stands/venue/entrance', cut({ entrance_x: '41.5', entrance_y: '25', entrance_w: '3.5' }));
    assert.equal(ok.status, 303);
    const id = one("SELECT id FROM stand_entrance WHERE name_fr = 'Porte coupée'");
    assert.deepEqual(one(`SELECT x || '|' || y || '|' || w FROM stand_entrance WHERE id = ${id}`).split('|').map(Number), [41.5, 25, 3.5]);
    assert.equal((await post('/admin/stands/venue/entrance/delete', { id })).status, 303);
    const onWall = await post('/admin/stands/venue/entrance', cut({ entrance_x: '30', entrance_y: '30' }));
    assert.equal(onWall.status, 303, 'on the bottom wall');
    const id2 = one("SELECT id FROM stand_entrance WHERE name_fr = 'Porte coupée'");
    assert.equal((await post('/admin/stands/venue/entrance/delete', { id: id2 })).status, 303);
  } finally {
    sqlite(srv.db, 'UPDATE stand_venue SET outline = NULL');
  }
});

test('a door that begins outside a concave hall and enters it is offered the start where it enters and the width from there', async () => {
  // an L: the top-right 15 x 15 square is missing; wall 2 (the third typed)
  // runs from (15, 15) to (30, 15)
  sqlite(srv.db, "UPDATE stand_venue SET outline = '0,0 15,0 15,15 30,15 30,30 0,30'");
  try {
    const notch = (o) => door({ entrance_name_fr: 'Porte de l’encoche', entrance_vertical: '1', ...o });
    const audits = num('SELECT COUNT(*) FROM audit');
    const doors = num('SELECT COUNT(*) FROM stand_entrance');
    // down from (20, 5), in the missing square, to (20, 20): it enters at (20, 15)
    const en = await post('/admin/stands/venue/entrance?lang=en', notch({ entrance_x: '20', entrance_y: '5', entrance_w: '15' }));
    assert.equal(en.status, 400);
    assert.ok(en.html.includes('<p class="field-error" id="f-entrance_x-err">The door begins outside the hall, beyond the wall from (15, 15) to (30, 15), and enters it at (20, 15): start it there, with a width of at most 5 m.</p>'),
      'the reason, the start offered and the width from there, on the first field');
    const fr = await post('/admin/stands/venue/entrance?lang=fr', notch({ entrance_x: '20', entrance_y: '5', entrance_w: '15' }));
    assert.ok(fr.html.includes('La porte commence hors de la salle, au-delà du mur allant de (15, 15) à (30, 15), et y entre en (20, 15)\u202f: faites-la commencer là, avec une largeur d’au plus 5 m.'));
    const ar = await post('/admin/stands/venue/entrance?lang=ar', notch({ entrance_x: '٢٠', entrance_y: '٥', entrance_w: '١٥' }));
    assert.equal(ar.status, 400);
    assert.ok(ar.html.includes('الباب يبدأ خارج القاعة، وراء الجدار الممتد من (15، 15) إلى (30، 15)، ويدخلها عند (20، 15): اجعله يبدأ هناك، بعرضٍ لا يتجاوز 5 م.'));
    assert.match(ar.html, /id="f-entrance_y"[^>]*value="٥"/);
    assert.match(ar.html, /id="f-entrance_w"[^>]*value="١٥"/);
    assert.match(ar.html, /id="f-entrance_vertical"[^>]*checked/);
    // across from (17, 10): it never enters the hall, so no start is offered
    const never = await post('/admin/stands/venue/entrance?lang=en', notch({ entrance_x: '17', entrance_y: '10', entrance_w: '4', entrance_vertical: '0' }));
    assert.equal(never.status, 400);
    assert.match(never.html, /The door begins outside the hall, beyond the wall from \(15, 0\) to \(15, 15\): move it so that it lies on the outline of the hall or inside it\./);
    assert.equal(num('SELECT COUNT(*) FROM stand_entrance'), doors, 'nothing written');
    assert.equal(num('SELECT COUNT(*) FROM audit'), audits, 'no audit record');
    // the start and width offered are taken
    const ok = await post('/admin/stands/venue/entrance', notch({ entrance_x: '20', entrance_y: '15', entrance_w: '5' }));
    assert.equal(ok.status, 303);
    const id = one("SELECT id FROM stand_entrance WHERE name_fr = 'Porte de l’encoche'");
    assert.deepEqual(one(`SELECT x || '|' || y || '|' || w || '|' || vertical FROM stand_entrance WHERE id = ${id}`).split('|').map(Number), [20, 15, 5, 1]);
    assert.equal((await post('/admin/stands/venue/entrance/delete', { id })).status, 303);
  } finally {
    sqlite(srv.db, 'UPDATE stand_venue SET outline = NULL');
  }
});

test('an entrance is moved, then deleted: the stands that were near it are no longer', async () => {
  const id = one("SELECT id FROM stand_entrance WHERE name_fr = 'Porte ouest'");
  const edit = await c.get(`/admin/stands/venue?entrance=${id}&lang=en`);
  assert.equal(edit.status, 200);
  assert.match(edit.html, /id="f-entrance_x"[^>]*value="2"/);
  assert.match(edit.html, /Edit the entrance/);
  // moved to the AGORA's wall, far from every stand
  const r = await post('/admin/stands/venue/entrance', door({ id, entrance_x: '40', entrance_name_fr: 'Porte de l’AGORA' }));
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /done=saved&near=2#entrances$/);
  assert.equal(one(`SELECT name_fr FROM stand_entrance WHERE id = ${id}`), 'Porte de l’AGORA');
  assert.deepEqual(nearCodes(), ['A04', 'A09']);
  assertFollowsGeometry();
  // the demo's north entrance deleted: A04 and A09 lose the flag
  const north = one("SELECT id FROM stand_entrance WHERE name_fr = 'Entrée nord'");
  const a04 = one("SELECT id FROM stand WHERE code = 'A04'");
  assert.match((await c.get(`/admin/stands/venue?stand=${a04}&lang=en`)).html, /Near an entrance: yes/);
  const del = await post('/admin/stands/venue/entrance/delete', { id: north });
  assert.equal(del.status, 303);
  assert.match(del.headers.get('location'), /done=deleted&near=2#entrances$/);
  assert.equal(num(`SELECT COUNT(*) FROM stand_entrance WHERE id = ${north}`), 0);
  assert.deepEqual(nearCodes(), []);
  assertFollowsGeometry();
  assert.match(one(`SELECT action || '|' || before_json FROM audit WHERE object_type = 'stand_entrance' AND object_id = ${north}`),
    /^stand\.entrance\.delete\|\{"x":13\.50,"y":0\.00,"w":4\.00,"vertical":0,"stands_changed":2\}$/);
  assert.match((await c.get(`/admin/stands/venue?stand=${a04}&lang=en`)).html, /Near an entrance: no/);
  assert.equal((await post('/admin/stands/venue/entrance/delete', { id: north })).status, 404);
  assert.equal((await c.get(`/admin/stands/venue?entrance=${north}`)).status, 404);
  assert.equal((await post('/admin/stands/venue/entrance', door({ id: north }))).status, 404);
});

test('near an entrance is derived: the stand form has no box for it, a posted one is ignored', async () => {
  const page = await c.get('/admin/stands/venue?lang=en');
  assert.doesNotMatch(page.html, /name="near_entrance"/);
  assert.match(page.html, /Near an entrance follows from the entrances/);
  const st = (o) => ({ id: '0', code: 'N01', stand_x: '20', stand_y: '27', stand_w: '3', stand_h: '3', capacity: '2',
    stand_space: '', near_entrance: '1', ...o });
  assert.equal((await post('/admin/stands/venue/stand', st({}))).status, 303);
  assert.deepEqual(one("SELECT near_entrance || '|' || footfall FROM stand WHERE code = 'N01'").split('|').map(Number), [0, 1]);
  // a door on the bottom wall: N01's centre (21.5, 28.5) is 1.5 m from its middle
  const r = await post('/admin/stands/venue/entrance', door({ entrance_name_fr: 'Porte sud', entrance_x: '19.5', entrance_y: '30' }));
  assert.match(r.headers.get('location'), /near=1#/);
  assert.deepEqual(one("SELECT near_entrance || '|' || footfall FROM stand WHERE code = 'N01'").split('|').map(Number), [1, 3]);
  const id = one("SELECT id FROM stand WHERE code = 'N01'");
  assert.match((await c.get(`/admin/stands/venue?stand=${id}&lang=en`)).html, /Near an entrance: yes/);
  // a move away refused (capacity 0): the hint speaks of the place typed, the saved flag stays
  const refused = await post('/admin/stands/venue/stand?lang=en', st({ id, stand_x: '40', stand_y: '10', capacity: '0' }));
  assert.equal(refused.status, 400);
  assert.match(refused.html, /Near an entrance: no \(no door/);
  assert.equal(one("SELECT near_entrance FROM stand WHERE code = 'N01'"), '1');
  // the stand moved away: the flag stays true to the geometry
  assert.equal((await post('/admin/stands/venue/stand', st({ id, stand_x: '40', stand_y: '10' }))).status, 303);
  assert.deepEqual(one("SELECT near_entrance || '|' || footfall FROM stand WHERE code = 'N01'").split('|').map(Number), [0, 1]);
  assertFollowsGeometry();
});

test('a juror, an exhibitor and a visitor cannot edit the entrances; a post without the form\'s token changes nothing', async () => {
  const count = num('SELECT COUNT(*) FROM stand_entrance');
  const id = one('SELECT id FROM stand_entrance ORDER BY id LIMIT 1');
  for (const [email, password] of [['jury@example.org', 'demo-jury-2024'], ['exhibitor@example.org', 'demo-exhibitor-2024']]) {
    const u = new Client(srv.base);
    await u.signin(email, password);
    const csrf = Client.csrf((await u.get('/')).html) || ''; /* the role is refused before the token */
    assert.equal((await u.post('/admin/stands/venue/entrance', { csrf, ...door({}) })).status, 403, email);
    assert.equal((await u.post('/admin/stands/venue/entrance/delete', { csrf, id })).status, 403, email);
  }
  const anon = await fetch(`${srv.base}/admin/stands/venue/entrance/delete`, { method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ id }), headers: { origin: srv.base, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok(anon.status === 403 || /\/signin/.test(anon.headers.get('location') || ''), `a visitor: ${anon.status}`);
  // the committee without the form's token
  const bare = await c.post('/admin/stands/venue/entrance?lang=en', door({}));
  assert.equal(bare.status, 403);
  assert.match(bare.html, /This form has expired or came from another site\./);
  const forged = await c.post('/admin/stands/venue/entrance/delete?lang=en', { csrf: 'f'.repeat(64), id });
  assert.equal(forged.status, 403);
  assert.equal(num('SELECT COUNT(*) FROM stand_entrance'), count, 'nothing written');
});

test('a door down a side wall: checked as such, the stands near its middle follow, the map draws it upright', async () => {
  const side = (o) => door({ entrance_name_ar: 'الباب الجانبي', entrance_name_fr: 'Porte latérale', entrance_x: '0',
    entrance_y: '10', entrance_w: '4', entrance_vertical: '1', ...o });
  // 28 m from the top wall and 4 m wide: past the bottom wall of a 30 m hall
  const low = await post('/admin/stands/venue/entrance?lang=en', side({ entrance_y: '28' }));
  assert.equal(low.status, 400);
  assert.match(low.html, /The door goes beyond the bottom wall: the distance from the top wall and the door&#39;s width together must not pass the depth of the hall, 30 m\./);
  assert.match(low.html, /id="f-entrance_vertical"[^>]*checked/, 'the box stays ticked');
  assert.equal(num("SELECT COUNT(*) FROM stand_entrance WHERE name_fr = 'Porte latérale'"), 0);
  const r = await post('/admin/stands/venue/entrance', side({}));
  assert.equal(r.status, 303);
  const id = one("SELECT id FROM stand_entrance WHERE name_fr = 'Porte latérale'");
  assert.equal(one(`SELECT vertical FROM stand_entrance WHERE id = ${id}`), '1');
  assertFollowsGeometry();
  // its middle is (0, 12): what the stands were measured from, not (2, 10)
  const stands = sqliteRows(srv.db, 'SELECT code, x + w / 2, y + h / 2, near_entrance FROM stand');
  const nearSide = stands.filter(([, cx, cy]) => Math.hypot(Number(cx), Number(cy) - 12) < 6).map(([code]) => code);
  assert.deepEqual(nearSide.sort(), ['A17', 'A21'], 'the two stands by the left wall');
  for (const code of nearSide) assert.equal(one(`SELECT near_entrance FROM stand WHERE code = '${code}'`), '1', code);
  const map = await (await fetch(`${srv.base}/plan?lang=fr`)).text();
  assert.match(map, /<line class="entrance" x1="0" y1="100" x2="0" y2="140"/);
  const page = await c.get(`/admin/stands/venue?entrance=${id}&lang=en`);
  assert.match(page.html, /<td dir="ltr">0, 10 — 4 ↓<\/td>/);
  assert.match(page.html, /id="f-entrance_vertical"[^>]*checked/);
  assert.equal((await post('/admin/stands/venue/entrance/delete', { id })).status, 303);
  assertFollowsGeometry();
});
