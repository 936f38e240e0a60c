// A person in a browser: a committee member signs in, edits the edition's
// slogan in Arabic, sees it on the public home page, signs out; an
// exhibitor cannot open the back office. Debian's Chromium, headless.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { DEMO, startServer } from '../http/accounts_helpers.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
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
  await page.waitForURL(`${srv.base}/admin?done=signedin`); // each role lands where its work is (issue 10)
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
  await page.waitForURL(`${srv.base}/my?done=signedin`);
  assert.equal(await page.locator('a[href="/admin"]').count(), 0, 'no back office link');
  const res = await page.goto(`${srv.base}/admin/editions/1`);
  assert.equal(res.status(), 403);
  assert.equal(await page.locator('#f-slogan_ar').count(), 0);
  await ctx.close();
});

test('the back office pages pass axe (no serious or critical violation), in Arabic', async () => {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await signIn(page, DEMO.committee);
  await page.waitForURL(`${srv.base}/admin?done=signedin`); // each role lands where its work is (issue 10)
  const paths = ['/admin', '/admin/editions/1', '/admin/editions/1/spaces', '/admin/organisations/1',
    '/admin/cooperatives', '/admin/cooperatives/1', '/admin/accounts', '/admin/accounts/4', '/admin/invite',
    '/admin/outbox', '/admin/audit', '/forgot'];
  const found = [];
  for (const path of paths) {
    await page.goto(`${srv.base}${path}`);
    // axe is added through the DevTools protocol, not as a page script, so
    // the page's CSP (no inline scripts) stays in force for the page itself.
    await page.evaluate(axeSource);
    const res = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
    for (const v of res) found.push(`${path} ${v}`);
  }
  assert.deepEqual(found, []);
  // The check can fail: an unlabelled field is found.
  await page.setContent('<!doctype html><html lang="en"><title>t</title><main><input type="text"></main></html>');
  await page.evaluate(axeSource);
  const control = await page.evaluate(async () => (await window.axe.run()).violations.map((v) => v.id));
  assert.ok(control.includes('label'), `axe found ${control}`);
  await ctx.close();
});
