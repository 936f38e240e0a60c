// sales_order.test.mjs - issue 16's orders for after the fair in Debian's
// Chromium: an exhibitor on a phone, in Arabic, goes from its sales to its
// orders, records a visitor's order typed with Arabic-Indic digits and marks
// it delivered. Nothing wider than the phone, axe finds no serious or
// critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../http/server.mjs';
import { PHONE, launch, signInAt, axeSerious, overflow } from './phone.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

const signIn = (page, email, password, lang) => signInAt(page, srv.base, email, password, lang);

test('an exhibitor records an order for after the fair on a phone in Arabic and marks it delivered', async () => {
  const ctx = await browser.newContext({ ...PHONE, locale: 'ar-MA', bypassCSP: true });
  const p = await ctx.newPage();
  await signIn(p, 'exhibitor@example.org', 'demo-exhibitor-2024', 'ar');
  await p.click('nav a[href="/my/sales"]');
  await Promise.all([p.waitForURL(/\/my\/orders$/), p.click('main a[href="/my/orders"]')]);
  assert.equal(await p.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await p.textContent('h1'), 'طلبيات ما بعد المعرض');
  await p.fill('form.sale-form input[name=name]', 'فاطمة الزهراء');
  await p.fill('form.sale-form input[name=phone]', '٠٦٦١٢٣٤٥٦٧');
  await p.fill('form.sale-form textarea[name=products]', 'زربية ٢×٣');
  await p.fill('form.sale-form input[name=amount]', '٢٤٠٠');
  await Promise.all([p.waitForNavigation(), p.click('form.sale-form button[type=submit]')]);
  const id = srv.sql("SELECT id FROM sale_order WHERE name = 'فاطمة الزهراء'");
  assert.equal(srv.sql(`SELECT phone || ' ' || amount FROM sale_order WHERE id = ${id}`), '0661234567 2400');
  const item = `li[data-order="${id}"]`;
  assert.match(await p.textContent(item), /2400.*فاطمة الزهراء.*0661234567.*للتسليم/s);
  assert.ok(await overflow(p) <= 0, 'the orders page fits the phone');
  assert.deepEqual(await axeSerious(p), []);
  await Promise.all([p.waitForNavigation(), p.click(`${item} button[value=delivered]`)]);
  assert.equal(await p.getAttribute(item, 'data-status'), 'delivered');
  assert.match(await p.textContent(item), /سُلّمت/);
  assert.equal(srv.sql(`SELECT status FROM sale_order WHERE id = ${id}`), 'delivered');
  await ctx.close();
});
