// catalog.test.mjs - the exhibitors' catalogue in Chromium (issue 18): a
// cooperative on a phone, in Arabic, chooses two photos and makes its phone
// public, previews, saves; a visitor finds it by a product word typed
// without diacritics and sees the photo and the phone; the committee hides
// a photo. The pages pass axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, sqlite } from '../http/server.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'ar-MA', isMobile: true, hasTouch: true };
let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
});
after(async () => { await browser?.close(); await srv?.stop(); });
const one = (sql) => sqlite(srv.db, sql).trim();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function signIn(page, email, password, lang) {
  await page.goto(`${srv.base}/signin?lang=${lang}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('form.stack button[type=submit]')]);
}

async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
}

const coop = () => one("SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org'");
const exhibitorId = () => one(`SELECT id FROM exhibitor WHERE cooperative_id = ${coop()}`);
const PRODUCTS = 'قَفَاطِينُ مُطَرَّزَةٌ وَزَرَابِي';
const TYPED = 'مطرزة'; // the same word without its diacritics
const NUMBER = '0612345678';

test('a cooperative on a phone in Arabic chooses two photos, makes its phone public, previews and saves', async () => {
  // start from no photo and a private phone, so that each step is the test's
  sqlite(srv.db, `DELETE FROM catalog_photo WHERE cooperative_id = ${coop()};
    UPDATE catalog_profile SET phone_public = 0, whatsapp = 0, email_public = 0, web_public = 0 WHERE cooperative_id = ${coop()};`);
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await signIn(page, 'exhibitor@example.org', 'demo-exhibitor-2024', 'ar');
  await page.goto(`${srv.base}/my`);
  await Promise.all([page.waitForURL(/\/my\/profile/), page.click('a[href="/my/profile"]')]);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'fits the phone');
  const boxes = page.locator('input[name=photo]');
  assert.equal(await boxes.count(), 2);
  assert.equal(await page.locator('input[name=photo]:checked').count(), 0);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.fill('#products_ar', PRODUCTS);
  await page.fill('#phone', NUMBER);
  assert.equal(await page.isChecked('input[name=phone_public]'), false, 'private by default');
  await page.check('input[name=phone_public]');
  await page.check('input[name=whatsapp]');
  await page.fill('#email', 'orders.private@example.net'); // written, not made public
  await Promise.all([page.waitForLoadState('load'), page.click('button[value=preview]')]);
  const preview = page.locator('section.preview');
  assert.equal(await preview.locator('img').count(), 2);
  assert.equal(await preview.locator(`a[href="tel:${NUMBER}"]`).count(), 1);
  assert.equal(await preview.locator('a[href^="https://wa.me/"]').count(), 1);
  assert.ok(!(await preview.textContent()).includes('orders.private'), 'a private field is not in the preview');
  assert.equal(one(`SELECT count(*) FROM catalog_photo WHERE cooperative_id = ${coop()}`), '0', 'a preview saves nothing');
  assert.deepEqual(await axe(page), []);
  // the form kept what was typed: save it
  assert.equal(await page.locator('input[name=photo]:checked').count(), 2);
  await Promise.all([page.waitForURL(/done=saved/), page.click('button[value=save]')]);
  assert.ok(await page.locator('.ok-box').isVisible());
  assert.equal(one(`SELECT count(*) FROM catalog_photo WHERE cooperative_id = ${coop()} AND hidden = 0`), '2');
  assert.equal(one(`SELECT phone_public * 10 + email_public FROM catalog_profile WHERE cooperative_id = ${coop()}`), '10');
  await ctx.close();
});

test('a visitor finds it by a product word without diacritics and sees the photo and the phone', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/exhibitors?lang=ar`);
  // on a phone the photos of the page's exhibitors sit two or more a row
  const tops = await page.locator('.exhibitor-photos li').evaluateAll((li) => li.slice(0, 2).map((x) => x.getBoundingClientRect().top));
  assert.equal(tops.length, 2);
  assert.equal(tops[0], tops[1], 'two photos on one row');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the list fits the phone');
  await page.fill('#ex-q', TYPED);
  await Promise.all([page.waitForURL(/q=/), page.press('#ex-q', 'Enter')]);
  // the list row and its picture in the grid of photos
  const link = page.locator(`table a[href="/exhibitors/${exhibitorId()}"]`);
  assert.equal(await link.count(), 1);
  const tile = page.locator(`.exhibitor-photos a[href="/exhibitors/${exhibitorId()}"] img`);
  assert.equal(await tile.count(), 1);
  await Promise.all([page.waitForURL(new RegExp(`/exhibitors/${exhibitorId()}`)), link.click()]);
  const photo = page.locator('.catalog-photos img').first();
  await photo.scrollIntoViewIfNeeded();
  assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo loaded');
  assert.equal(await page.locator('.catalog-photos img').count(), 2);
  assert.equal(await page.locator(`.catalog-contact a[href="tel:${NUMBER}"]`).count(), 1);
  assert.ok(!(await page.content()).includes('orders.private'));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'fits the phone');
  assert.deepEqual(await axe(page), []);
  await ctx.close();
});

test('the committee hides a photo with a reason; the visitor no longer sees it', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  const page = await ctx.newPage();
  await signIn(page, 'committee@example.org', 'demo-committee-2024', 'fr');
  await page.goto(`${srv.base}/exhibitors/${exhibitorId()}?lang=fr`);
  await Promise.all([page.waitForURL(/\/admin\/catalog\//), page.click(`a[href="/admin/catalog/${exhibitorId()}"]`)]);
  const first = page.locator('.photo-grid li').first();
  const photo = (await first.locator('img').getAttribute('src')).split('/').pop();
  await first.locator('textarea[name=reason]').fill('Photo floue — صورة غير واضحة');
  await Promise.all([page.waitForURL(/done=hidden/), first.locator('button[type=submit]').click()]);
  assert.ok(await page.locator('.ok-box').isVisible());
  assert.equal(one(`SELECT hidden FROM catalog_photo WHERE photo_id = ${photo}`), '1');
  assert.deepEqual(await axe(page), []);
  const visitor = await (await browser.newContext(PHONE)).newPage();
  await visitor.goto(`${srv.base}/exhibitors/${exhibitorId()}?lang=ar`);
  assert.equal(await visitor.locator('.catalog-photos img').count(), 1);
  assert.equal(await visitor.locator(`img[src="/catalog/photos/${photo}"]`).count(), 0);
  await visitor.context().close();
  await ctx.close();
});
