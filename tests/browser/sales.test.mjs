// sales.test.mjs - issue 16 in Debian's Chromium: an exhibitor records a
// sale on a phone-sized window in Arabic (right to left, Arabic-Indic
// digits typed) and sees the day's total; the committee opens the impact
// report (charts, key figures beside the previous edition). Nothing wider
// than the phone, axe finds no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, coopfair } from '../http/server.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let srv, browser;
before(async () => {
  srv = await startServer({ prepare: (db) => {
    const r = coopfair(db, 'init', '--second-edition');
    if (r.status !== 0) throw new Error(r.stderr);
  } });
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

test('an exhibitor records two sales on a phone in Arabic and sees the day total', async () => {
  const ctx = await browser.newContext({ ...PHONE, locale: 'ar-MA', bypassCSP: true });
  const p = await ctx.newPage();
  await signIn(p, 'exhibitor@example.org', 'demo-exhibitor-2024', 'ar');
  await p.click('nav a[href="/my/sales"]');
  await p.waitForURL(/\/my\/sales$/);
  assert.equal(await p.getAttribute('html', 'dir'), 'rtl');
  assert.match(await p.textContent('#day-total'), /مجموع اليوم\s*0\s*درهم/);
  await p.fill('form.sale-form input[name=amount]', '٢٥٠');
  await p.fill('form.sale-form input[name=items]', '٢');
  await p.selectOption('form.sale-form select[name=payment]', 'cash');
  await Promise.all([p.waitForNavigation(), p.click('form.sale-form button[type=submit]')]);
  await p.fill('form.sale-form input[name=amount]', '75');
  await Promise.all([p.waitForNavigation(), p.click('form.sale-form button[type=submit]')]);
  const total = (await p.textContent('#day-total')).replace(/\s+/g, ' ');
  assert.match(total, /مجموع اليوم 325 درهم · عدد القطع 3/);
  assert.equal(await p.locator('ul.sales > li').count(), 2);
  assert.equal(srv.sql("SELECT sum(amount) FROM sale WHERE is_sample = 0"), '325');
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
  assert.deepEqual(await axeSerious(p), []);
  await ctx.close();
});

test('the committee opens the impact report: charts, key figures beside the 2nd edition, exports', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-MA', bypassCSP: true });
  const p = await ctx.newPage();
  await signIn(p, 'committee@example.org', 'demo-committee-2024', 'fr');
  await p.click('nav a[href="/admin/impact"]');
  await p.waitForURL(/\/admin\/impact$/);
  assert.match(await p.textContent('h1'), /Rapport d’impact/);
  assert.ok(await p.locator('figure.chart svg').count() >= 6);
  const head = await p.textContent('table[data-table=key_figures] thead');
  assert.match(head, /2e édition/);
  const sales = Number(srv.sql("SELECT sum(amount) FROM sale WHERE removed = 0 AND edition_id = (SELECT id FROM current_edition)"));
  assert.equal(await p.getAttribute('table[data-table=key_figures] tr[data-key=sales] td[data-v] >> nth=0', 'data-v'), String(sales));
  assert.equal(await p.locator('a[href^="/admin/impact.pdf"]').count(), 1);
  assert.equal(await p.locator('a[href^="/admin/impact.xlsx"]').count(), 1);
  assert.deepEqual(await axeSerious(p), []);
  await ctx.close();
});
