// stand.test.mjs - the floor plan in Chromium: a visitor on a phone opens the
// map in Arabic, searches a cooperative and sees its stand highlighted; a
// committee member moves an exhibitor by hand, sees the score change and the
// warning when the move breaks a rule; a committee member adds an entrance
// in Arabic on the venue page, is told what is wrong, and sees it drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, sqlite } from '../http/server.mjs';
import { axeSerious } from './phone.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
});
after(async () => { await browser?.close(); await srv?.stop(); });
const one = (sql) => sqlite(srv.db, sql).trim();

test('a visitor opens the map in Arabic, searches a cooperative, its stand is highlighted', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ar-MA', isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/plan?lang=ar`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('svg a.stand').count(), 40);
  assert.equal(await page.locator('svg a.stand.hl').count(), 0);
  const [name, code] = one(`SELECT c.name_ar || '|' || s.code FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id
    JOIN stand s ON s.id = x.stand_id ORDER BY x.id LIMIT 1 OFFSET 30`).split('|');
  await page.fill('#q', name);
  await Promise.all([page.waitForURL(/q=/), page.press('#q', 'Enter')]);
  const hl = page.locator('svg a.stand.hl');
  assert.equal(await hl.count(), 1);
  assert.equal(await hl.getAttribute('data-stand'), code);
  assert.equal(await hl.locator('rect').getAttribute('stroke'), '#c00');
  assert.ok((await page.textContent('.found')).includes(code));
  // the map fits the phone
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  // following the stand lists its exhibitors
  await Promise.all([page.waitForURL(/stand=/), hl.click()]);
  assert.ok((await page.textContent('#stand-list')).includes(name));
  await ctx.close();
});

test('a committee member moves an exhibitor and sees the score change and the warning of a broken rule', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/signin?lang=fr`);
  await page.fill('#email', 'committee@example.org');
  await page.fill('#password', 'demo-committee-2024');
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('form.stack button[type=submit]')]);
  await page.goto(`${srv.base}/admin/stands?lang=fr`);
  assert.equal(await page.locator('.stand-rules td.broken').count(), 0);
  // one of two competitors kept apart onto the other's (full) stand
  const [ex, stand] = one(`SELECT p.exhibitor_a || '|' || b.stand_id FROM stand_apart p
    JOIN exhibitor b ON b.id = p.exhibitor_b ORDER BY p.exhibitor_a LIMIT 1`).split('|');
  await page.selectOption('#mv-ex', ex);
  await page.selectOption('#mv-st', stand);
  await Promise.all([page.waitForURL(/\/admin\/stands\/move/), page.click('form.stand-move button[type=submit]')]);
  const delta = await page.textContent('.stand-moved .delta');
  assert.match(delta, /^\+\d+\.\d\d$/);
  assert.ok(Number(delta) > 0);
  const warnings = await page.locator('.stand-moved [role=alert]').allTextContents();
  assert.ok(warnings.some((w) => w.includes('concurrents')), warnings.join(' / '));
  assert.ok(await page.locator('.stand-rules td.broken').count() >= 1);
  await ctx.close();
});

test('a committee member adds an entrance in Arabic: a wrong depth is explained and kept, then it is drawn and the stands near it follow', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar-MA' });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/signin?lang=ar`);
  await page.fill('#email', 'committee@example.org');
  await page.fill('#password', 'demo-committee-2024');
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('form.stack button[type=submit]')]);
  await page.goto(`${srv.base}/admin/stands/venue?lang=ar`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('svg line.entrance').count(), 2);
  const form = page.locator('#entrances form.admin-form');
  await page.fill('#f-entrance_name_ar', 'الباب الغربي');
  await page.fill('#f-entrance_name_fr', 'Porte ouest');
  await page.fill('#f-entrance_x', '٢');
  await page.fill('#f-entrance_y', '٣١');
  await page.fill('#f-entrance_w', '٤');
  await Promise.all([page.waitForURL(/\/admin\/stands\/venue\/entrance/), form.locator('button[type=submit]').click()]);
  assert.ok((await page.textContent('#entrances')).includes('الباب خارج الجدار السفلي'));
  assert.equal(await page.inputValue('#f-entrance_y'), '٣١', 'what was typed is kept');
  assert.deepEqual(await axeSerious(page), [], 'the refused form is accessible');
  assert.equal(one("SELECT COUNT(*) FROM stand_entrance WHERE name_fr = 'Porte ouest'"), '0');
  await page.fill('#f-entrance_y', '٠');
  await Promise.all([page.waitForURL(/done=created/), page.locator('#entrances form.admin-form button[type=submit]').click()]);
  const notes = (await page.locator('[role=status]').allTextContents()).join(' / ');
  assert.match(notes, /أروقة تغيّر قربها من مدخل: [2٢]/, notes);
  assert.equal(await page.locator('svg line.entrance').count(), 3);
  assert.ok((await page.textContent('#entrances table')).includes('الباب الغربي'));
  assert.deepEqual(await axeSerious(page), []);
  assert.equal(one("SELECT COUNT(*) FROM stand WHERE near_entrance = 1 AND code IN ('A01', 'A02')"), '2');
  await ctx.close();
});
