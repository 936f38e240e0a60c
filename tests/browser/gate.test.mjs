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
  // the field gets the focus by itself (autofocus, which Chromium may apply
  // after the load event: typing before it lost the token's first characters
  // once in CI); then the scanner types into it and presses Enter
  await page.waitForFunction(() => document.activeElement?.name === 'code');
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

async function deskPage(ctx) {
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/signin?lang=en`);
  await page.fill('#email', DEMO.desk[0]);
  await page.fill('#password', DEMO.desk[1]);
  await page.click('form[action="/signin"] button[type=submit]');
  await page.waitForLoadState();
  return page;
}

async function newToken(ctx) {
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/badges/new?lang=fr`);
  await page.fill('input[name=name_latin]', 'Camera Test');
  await page.click('form[action="/badges/new"] button[type=submit]');
  await page.waitForURL(/\/badge\/[0-9a-f]{32}$/);
  const token = (await page.textContent('.badge-token code')).trim();
  await page.close();
  return token;
}

test('the camera reads the QR code where the browser has a BarcodeDetector, and keeps going', async () => {
  const visitor = await browser.newContext();
  const tokens = [await newToken(visitor), await newToken(visitor)];
  const desk = await browser.newContext({ viewport: { width: 390, height: 844 } });
  // Chromium on Linux has no BarcodeDetector and no camera: stand-ins that
  // "see" the badges one after the other, and a canvas as the camera.
  await desk.addInitScript((codes) => {
    let seen = +(sessionStorage.getItem('fake-seen') || 0);
    window.BarcodeDetector = class {
      constructor(o) { this.formats = o.formats; }
      detect() {
        const code = codes[seen];
        if (code === undefined) return Promise.resolve([]);
        seen++;
        sessionStorage.setItem('fake-seen', String(seen));
        return Promise.resolve([{ rawValue: code, format: 'qr_code' }]);
      }
    };
    navigator.mediaDevices.getUserMedia = () => {
      const c = document.createElement('canvas');
      c.width = 64; c.height = 64;
      c.getContext('2d').fillRect(0, 0, 64, 64);
      return Promise.resolve(c.captureStream(5));
    };
  }, tokens);
  const page = await deskPage(desk);
  await page.goto(`${srv.base}/desk?lang=en`);
  await page.click('a[href$="?dir=in"] >> nth=0');
  await page.waitForURL(/\/desk\/gate\/\d+\?dir=in$/);
  assert.equal(await page.isVisible('#gate-camera-start'), true);
  await page.click('#gate-camera-start');
  // the first badge is read and sent: green, with the name
  await page.waitForSelector('.gate-answer[data-result="ok"]');
  assert.match(await page.textContent('.gate-who'), /Camera Test/);
  // the camera stayed on across the reload: the second badge comes by itself
  await page.waitForFunction(() => sessionStorage.getItem('fake-seen') === '2');
  await page.waitForSelector('.gate-answer[data-result="ok"]');
  const n = await page.evaluate(() => document.querySelectorAll('.gate-answer').length);
  assert.equal(n, 1);
  await page.click('#gate-camera-stop');
  assert.equal(await page.isVisible('#gate-video'), false);
  await visitor.close();
  await desk.close();
});

test('without JavaScript the gate page works by typing, and the camera button stays hidden', async () => {
  const visitor = await browser.newContext();
  const token = await newToken(visitor);
  const desk = await browser.newContext({ javaScriptEnabled: false });
  const page = await deskPage(desk);
  await page.goto(`${srv.base}/desk?lang=fr`);
  await page.click('a[href$="?dir=in"] >> nth=0');
  await page.waitForURL(/\/desk\/gate\/\d+\?dir=in$/);
  assert.equal(await page.isVisible('#gate-camera-start'), false);
  await page.fill('input[name=code]', token);
  await page.press('input[name=code]', 'Enter');
  await page.waitForSelector('.gate-answer[data-result="ok"]');
  // and the badge sheets show their progress without JavaScript: a page that reloads itself
  await page.goto(`${srv.base}/desk?lang=fr`);
  await page.selectOption('form[action="/desk/batches"] select[name=role]', 'visitor');
  const [first] = await Promise.all([
    page.waitForResponse((r) => /\/desk\/batches\/\d+$/.test(r.url())),
    page.click('form[action="/desk/batches"] button[type=submit]'),
  ]);
  // the 600 visitors' sheets take seconds: the first page is the progress, reloading itself
  assert.equal(first.headers().refresh, '1');
  await page.waitForSelector('#batch-pdf', { timeout: 60000 });
  assert.match(await page.textContent('#batch-count'), /\d+ \/ \d+/);
  await visitor.close();
  await desk.close();
});
