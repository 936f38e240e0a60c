// registry_import.test.mjs - an organiser imports the files a council hands
// over, in Arabic: a CSV saved by Excel in Windows-1256 (shown decoded,
// imported after they confirm the Arabic reading), and an .xlsx workbook.
// The preview page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../http/server.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signIn(page) {
  await page.goto(`${srv.base}/signin?lang=ar`);
  await page.fill('#email', 'committee@example.org');
  await page.fill('#password', 'demo-committee-2024');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
}

// the bytes Excel writes in Windows-1256 (checked against Python's cp1256)
const CP1256 = { 'ا': 0xc7, 'ب': 0xc8, 'ت': 0xca, 'ع': 0xda, 'و': 0xe6, 'ن': 0xe4, 'ي': 0xed, 'ة': 0xc9,
  'ل': 0xe1, 'ر': 0xd1, 'ك': 0xdf, 'ج': 0xcc, 'م': 0xe3, 'ه': 0xe5, 'ف': 0xdd, 'س': 0xd3, 'ح': 0xcd, 'د': 0xcf,
  'ز': 0xd2, 'ق': 0xde, 'ص': 0xd5, 'ء': 0xc1 };
const cp1256 = (text) => Buffer.from([...text].map((ch) => {
  if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
  if (!(ch in CP1256)) throw new Error(`no Windows-1256 byte for ${ch} in this test`);
  return CP1256[ch];
}));

test('an organiser imports a Windows-1256 file in Arabic after confirming the decoded preview, then an .xlsx', async () => {
  const csv = join(srv.dir, 'majlis-jihawi.csv');
  writeFileSync(csv, cp1256("Nom;Nom (arabe);Numero d'immatriculation;Province;Dirigee par une femme\r\n" +
    'Cooperative Al Fajr;تعاونية الفجر للزربية;BR-1256-01;Sefrou;نعم\r\n' +
    'Cooperative Assafa;تعاونية الصفاء للقفة;BR-1256-02;Ifrane;لا\r\n'));
  const ctx = await browser.newContext({ locale: 'ar-MA', viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await signIn(page);
  await page.goto(`${srv.base}/admin/registry/import`);
  await page.setInputFiles('#file', csv);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/registry/import"] button')]);
  // the preview: the Arabic reading first, its names legible; nothing written yet
  const first = page.locator('section.preview-way').first();
  assert.match(await first.locator('h2').textContent(), /1256/);
  assert.match(await first.locator('table').textContent(), /تعاونية الفجر للزربية/);
  assert.doesNotMatch(await page.locator('section.preview-way').nth(1).locator('table').textContent(), /تعاونية الفجر/);
  assert.equal(srv.sql("SELECT count(*) FROM cooperative WHERE reg_number LIKE 'BR-1256-%'"), '0');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  // the page passes axe (serious and critical)
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const bad = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id));
  assert.deepEqual(bad, []);
  await page.screenshot({ path: join(srv.dir, 'import-preview.png') });
  // confirm the Arabic reading
  await Promise.all([page.waitForNavigation(), first.locator('button').click()]);
  assert.match(await page.textContent('main'), /استُوردت تعاونيتان/);
  assert.equal(srv.sql("SELECT name_ar FROM cooperative WHERE reg_number = 'BR-1256-01'"), 'تعاونية الفجر للزربية');
  assert.equal(srv.sql("SELECT women_led FROM cooperative WHERE reg_number = 'BR-1256-01'"), '1');

  // an .xlsx workbook: coopfair's own export of those two (the organiser's
  // session downloads it), removed from the registry, then imported back
  const dl = await page.request.get(`${srv.base}/admin/registry/export?format=xlsx&q=BR-1256&col=name_ar&col=name_fr` +
    '&col=reg_number&col=province&col=women_led');
  assert.equal(dl.status(), 200);
  const xlsx = join(srv.dir, 'deux-cooperatives.xlsx');
  writeFileSync(xlsx, await dl.body());
  srv.sql("DELETE FROM cooperative WHERE reg_number LIKE 'BR-1256-%'");
  await page.goto(`${srv.base}/admin/registry/import`);
  await page.setInputFiles('#file', xlsx);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/registry/import"] button')]);
  const main = await page.textContent('main');
  assert.match(main, /\.xlsx/);
  assert.match(main, /استُوردت تعاونيتان/);
  assert.equal(srv.sql("SELECT name_ar || '|' || women_led FROM cooperative WHERE reg_number = 'BR-1256-02'"), 'تعاونية الصفاء للقفة|0');
  await ctx.close();
});
