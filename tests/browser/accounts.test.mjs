// A person in a browser: a committee member signs in, edits the edition's
// slogan in Arabic, sees it on the public home page, signs out; an
// exhibitor cannot open the back office. Debian's Chromium, headless.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { DEMO, startServer } from '../http/accounts_helpers.mjs';

let srv, browser;
before(async () => {
  srv = await startServer(20130);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function signIn(page, [email, password]) {
  await page.goto(`${srv.base}/signin?lang=ar`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form[action="/signin"] button[type=submit]');
}

test('a committee member edits the Arabic slogan and sees it on the home page', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await signIn(page, DEMO.committee);
  await page.waitForURL(`${srv.base}/admin`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.click('a[href="/admin/editions/1"]');
  const slogan = 'التعاونيات المبدعة: شعار الدورة الجديد';
  await page.fill('#f-slogan_ar', slogan);
  await page.click('form[action="/admin/editions/1"] button[type=submit]');
  await page.waitForURL(/\/admin\/editions\/1\?done=saved$/);
  assert.ok(await page.isVisible('p.notice'));
  await page.goto(`${srv.base}/`);
  assert.equal(await page.textContent('p.slogan q'), slogan);
  await page.click('form.who button[type=submit]');
  await page.waitForURL(`${srv.base}/`);
  assert.ok(await page.isVisible('a.signin'), 'signed out');
  assert.equal((await page.goto(`${srv.base}/admin`)).url().startsWith(`${srv.base}/signin?next=`), true);
  assert.deepEqual(errors, [], 'no console errors (CSP violations would show here)');
  await ctx.close();
});

test('an exhibitor cannot open the back office', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, DEMO.exhibitor);
  await page.waitForURL(`${srv.base}/`);
  assert.equal(await page.locator('a[href="/admin"]').count(), 0, 'no back office link');
  const res = await page.goto(`${srv.base}/admin/editions/1`);
  assert.equal(res.status(), 403);
  assert.equal(await page.locator('#f-slogan_ar').count(), 0);
  await ctx.close();
});
