// impact.test.mjs - issue 16 in Debian's Chromium: the committee opens the
// impact report from the menu in Arabic and reads the programme's section
// (per kind of session and per space, with their charts), on a phone too;
// axe finds no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../http/server.mjs';
import { PHONE, launch, signInAt, axeSerious } from './phone.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

const signIn = (page, email, password, lang) => signInAt(page, srv.base, email, password, lang);

test("the committee opens the impact report in Arabic on a phone and reads the programme's section", async () => {
  const ctx = await browser.newContext({ ...PHONE, locale: 'ar-MA', bypassCSP: true });
  const p = await ctx.newPage();
  await signIn(p, 'committee@example.org', 'demo-committee-2024', 'ar');
  await Promise.all([p.waitForURL(/\/admin\/impact$/), p.click('nav a[href="/admin/impact"]')]);
  assert.equal(await p.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await p.textContent('#programme_kind h2'), 'البرنامج حسب نوع الجلسة');
  assert.equal(await p.textContent('#programme_space h2'), 'البرنامج حسب الفضاء');
  assert.equal(await p.locator('#programme_kind figure.chart svg').count(), 1);
  assert.equal(await p.locator('#programme_space figure.chart svg').count(), 1);
  // the coaching meeting: its participants marked present, from its bookings
  const present = srv.sql("SELECT count(*) FROM prog_booking b JOIN prog_session s ON s.id = b.session_id WHERE s.kind = 'meeting' AND b.attended = 1 AND s.edition_id = (SELECT id FROM current_edition)");
  assert.ok(Number(present) > 0);
  const row = p.locator('table[data-table=programme_kind] tr[data-key=meeting]');
  assert.match(await row.textContent(), /لقاء/);
  assert.equal(await row.locator('td[data-v] >> nth=3').getAttribute('data-v'), present);
  const held = srv.sql("SELECT count(*) FROM prog_session WHERE edition_id = (SELECT id FROM current_edition)");
  assert.equal(await p.getAttribute('table[data-table=key_figures] tr[data-key=prog_held] td[data-v] >> nth=0', 'data-v'), held);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
  assert.deepEqual(await axeSerious(p), []);
  await ctx.close();
});
