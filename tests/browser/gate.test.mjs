// A visitor registers on the public site and gets a badge; at the gate page
// the desk types the code and Enter (as a USB scanner does) and sees green,
// then again and sees "already inside". Debian's Chromium, headless.
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

test('a visitor gets a badge; the desk scans it: green, then already inside', async () => {
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const vp = await visitor.newPage();
  await vp.goto(`${srv.base}/badges/new?lang=ar`);
  assert.equal(await vp.getAttribute('html', 'dir'), 'rtl');
  await vp.fill('input[name=name_ar]', 'ليلى الشرايبي');
  await vp.fill('input[name=name_latin]', 'Leila Chraibi');
  await vp.click('form[action="/badges/new"] button[type=submit]');
  await vp.waitForURL(/\/badge\/[0-9a-f]{32}$/);
  assert.equal(await vp.locator('svg.qr').count(), 1);
  const token = (await vp.textContent('.badge-token code')).trim();
  assert.match(token, /^[0-9a-f]{32}$/);
  assert.match(await vp.textContent('.badge-name'), /ليلى الشرايبي/);

  const desk = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await desk.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${srv.base}/signin?lang=en`);
  await page.fill('#email', DEMO.desk[0]);
  await page.fill('#password', DEMO.desk[1]);
  await page.click('form[action="/signin"] button[type=submit]');
  await page.waitForLoadState();
  await page.goto(`${srv.base}/desk?lang=en`);
  await page.click('a[href$="?dir=in"] >> nth=0');
  await page.waitForURL(/\/desk\/gate\/\d+\?dir=in$/);
  // the field has the focus: the scanner types into it and presses Enter
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.gate-answer');
  assert.equal(await page.getAttribute('.gate-answer', 'data-result'), 'ok');
  assert.match(await page.getAttribute('.gate-answer', 'class'), /gate-green/);
  assert.match(await page.textContent('.gate-who'), /Leila Chraibi/);
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.gate-answer[data-result="inside"]');
  assert.match(await page.textContent('.gate-answer'), /Already inside/);
  assert.match(await page.getAttribute('.gate-answer', 'class'), /gate-red/);
  assert.deepEqual(errors.filter((e) => !/AudioContext/.test(e)), []);
  await visitor.close();
  await desk.close();
});
