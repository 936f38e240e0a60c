// impact.test.mjs - issue 16 in Debian's Chromium: the committee opens the
// impact report from the menu in Arabic and reads the programme's section
// (per kind of session and per space, with their charts), on a phone too;
// axe finds no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer } from '../http/server.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function signIn(page, email, password, lang) {
  await page.goto(`${srv.base}/signin?lang=${lang}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
}

async function axeSerious(p) {
  await p.evaluate(AXE);
  return p.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`));
}

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
