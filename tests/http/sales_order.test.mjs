// sales_order.test.mjs - a visitor's order taken at the stand for delivery
// after the fair (issue 16, optional point), on SQLite and on PostgreSQL
// (COOPFAIR_TEST_PG): recorded from the exhibitor's phone (Arabic-Indic
// digits), marked delivered once (audited), the exhibitor's alone (another
// exhibitor's order is not even confirmed; the visitor's phone is on no
// public page), counted for the committee.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const one = (q) => sqlite(srv.db, q).trim();
const ed = () => one('SELECT id FROM current_edition');
const exhibitorId = () => one('SELECT x.id FROM exhibitor x JOIN account a ON a.cooperative_id = x.cooperative_id ' +
  `WHERE a.email = 'exhibitor@example.org' AND x.edition_id = ${ed()}`);

test('an exhibitor records an order for after the fair, marks it delivered once; the committee counts it; nobody else sees the visitor', async () => {
  const c = new Client(srv.base);
  await c.signin('exhibitor@example.org', 'demo-exhibitor-2024');
  const sales = await c.get('/my/sales?lang=en');
  assert.match(sales.html, /<a href="\/my\/orders">Orders for after the fair<\/a>/);
  let page = await c.get('/my/orders?lang=ar');
  assert.equal(page.status, 200);
  const csrf = Client.csrf(page.html);
  // Arabic-Indic digits in the phone and the amount
  let r = await c.post('/my/orders', { csrf, name: 'Fatima <b>Z</b>', phone: '٠٦١٢ ٣٤٥ ٦٧٨', products: 'زربية ٢×٣، لون أحمر', amount: '١٥٠٠' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/my/orders');
  const ex = exhibitorId();
  const id = one(`SELECT id FROM sale_order WHERE exhibitor_id = ${ex}`);
  assert.equal(one(`SELECT phone || '|' || amount || '|' || status || '|' || edition_id FROM sale_order WHERE id = ${id}`), `0612 345 678|1500|open|${ed()}`);
  // refused: a phone too short, no products, a bad amount; nothing recorded
  for (const bad of [{ phone: '12' }, { products: ' ' }, { amount: '-5' }, { amount: 'abc' }, { name: '' }]) {
    r = await c.post('/my/orders', { csrf, name: 'X', phone: '0600000000', products: 'P', amount: '10', ...bad });
    assert.equal(r.headers.get('location'), '/my/orders?error=invalid', JSON.stringify(bad));
  }
  assert.equal(one(`SELECT count(*) FROM sale_order WHERE exhibitor_id = ${ex}`), '1');
  page = await c.get('/my/orders?lang=en');
  assert.ok(page.html.includes('<bdi>Fatima &lt;b&gt;Z&lt;/b&gt;</bdi>'), 'the name escaped');
  assert.match(page.html, new RegExp(`<li data-order="${id}" data-status="open"><strong>1,?500</strong>`));
  assert.match(page.html, /href="tel:0612 345 678"/);
  // delivered once, audited; again: refused
  r = await c.post('/my/orders/close', { csrf, id, status: 'delivered' });
  assert.equal(r.headers.get('location'), '/my/orders');
  assert.equal(one(`SELECT status FROM sale_order WHERE id = ${id}`), 'delivered');
  assert.equal(one(`SELECT after_json FROM audit WHERE action = 'sale_order.close' AND object_id = ${id}`), '{"status":"delivered"}');
  r = await c.post('/my/orders/close', { csrf, id, status: 'cancelled' });
  assert.equal(r.headers.get('location'), '/my/orders?error=closed');
  assert.equal(one(`SELECT status FROM sale_order WHERE id = ${id}`), 'delivered');
  // another exhibitor's order: not shown, not closed, not confirmed
  const other = one(`SELECT id FROM exhibitor WHERE edition_id = ${ed()} AND id <> ${ex} ORDER BY id LIMIT 1`);
  sqlite(srv.db, `INSERT INTO sale_order (edition_id, exhibitor_id, name, phone, products, amount, created_at, updated_at) VALUES (${ed()}, ${other}, 'Other Visitor', '0699999999', 'P', 300, '2024-02-21T10:00:00Z', '2024-02-21T10:00:00Z')`);
  const theirs = one(`SELECT id FROM sale_order WHERE exhibitor_id = ${other}`);
  assert.doesNotMatch((await c.get('/my/orders')).html, /Other Visitor|0699999999/);
  r = await c.post('/my/orders/close', { csrf, id: theirs, status: 'delivered' });
  assert.equal(r.status, 404);
  assert.equal(one(`SELECT status FROM sale_order WHERE id = ${theirs}`), 'open');
  // the committee: counts and amounts, never the visitor
  assert.equal((await c.get('/admin/sales')).status, 403);
  const admin = new Client(srv.base);
  await admin.signin('committee@example.org', 'demo-committee-2024');
  assert.equal((await admin.get('/my/orders')).status, 403);
  const a = await admin.get('/admin/sales?lang=en');
  const dl = a.html.split('id="orders"')[1].split('</dl>')[0];
  const v = [...dl.matchAll(/data-v="(\d+)"/g)].map((m) => Number(m[1]));
  const sum = (st, what) => Number(one(`SELECT COALESCE(${what}, 0) FROM sale_order WHERE edition_id = ${ed()} AND status = '${st}'`));
  assert.deepEqual(v, [sum('open', 'count(*)'), sum('open', 'sum(amount)'), sum('delivered', 'count(*)'), sum('delivered', 'sum(amount)')]);
  assert.deepEqual(v, [1, 300, 1, 1500]);
  assert.doesNotMatch(a.html, /Fatima|0612 345 678|Other Visitor|0699999999/);
  // no public page shows a visitor's name or phone
  const anon = new Client(srv.base);
  for (const path of ['/', '/exhibitors', `/exhibitors/${ex}`, '/catalogue', '/plan', '/b2b']) {
    const p = await anon.get(`${path}?lang=fr`);
    assert.doesNotMatch(p.html, /Fatima|0612 345 678|0699999999/, path);
  }
  assert.notEqual((await anon.get('/my/orders')).status, 200);
});
