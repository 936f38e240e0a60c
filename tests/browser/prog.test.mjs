// The programme in a browser (issue 15): a visitor on a phone opens the
// programme in French, books a place in a workshop and downloads the
// iCalendar file (checked by the validator); the committee creates a
// session that clashes with the opening ceremony and sees the conflict.
// Debian's Chromium, headless.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { DEMO, startServer } from '../http/accounts_helpers.mjs';
import { sqlite } from '../http/server.mjs';
import { icalCheck } from '../http/prog_helpers.mjs';

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

test('a visitor opens the programme in French, books a workshop and downloads the iCalendar file', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/programme?lang=fr`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.match(await page.textContent('h1'), /Programme/);
  assert.match(await page.textContent('main'), /mercredi 21 février 2024/);
  // nothing wider than the phone's screen
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the programme is ${overflow}px wider than the phone`);
  await page.click('a:has-text("Atelier : vendre en ligne")');
  await page.waitForURL(/\/programme\/\d+$/);
  const id = page.url().match(/\/programme\/(\d+)$/)[1];
  const before1 = +sqlite(srv.db, `SELECT booked FROM prog_session WHERE id = ${id}`).trim();
  await page.fill('input[name=name]', 'Khadija Bennani');
  await page.fill('input[name=email]', 'khadija.b@example.org');
  await page.click('#book button[type=submit]');
  await page.waitForURL(/\/booking\/[0-9a-f]{32}$/);
  assert.match(await page.textContent('.booking'), /Votre place est réservée\./);
  assert.equal(+sqlite(srv.db, `SELECT booked FROM prog_session WHERE id = ${id}`).trim(), before1 + 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="/calendar.ics"]')]);
  assert.match(download.suggestedFilename(), /^session-\d+\.ics$/);
  const bytes = readFileSync(await download.path());
  const { problems, lines } = icalCheck(bytes);
  assert.deepEqual(problems, []);
  assert.ok(lines.some((l) => l.startsWith('SUMMARY:Atelier')), 'the workshop, in French');
  assert.ok(lines.includes('DTSTART;TZID=Africa/Casablanca:20240221T150000'));
  await ctx.close();
});

test('the committee creates a session that clashes and sees the conflict', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/signin?lang=en`);
  await page.fill('#email', DEMO.committee[0]);
  await page.fill('#password', DEMO.committee[1]);
  await page.click('form[action="/signin"] button[type=submit]');
  await page.waitForLoadState();
  await page.goto(`${srv.base}/admin/programme?lang=en`);
  const form = page.locator('form[action="/admin/programme"]');
  await form.locator('select[name=kind]').selectOption('talk');
  await form.locator('select[name=space]').selectOption({ label: 'Agora' });
  await form.locator('input[name=starts_at]').fill('2024-02-20T10:45');
  await form.locator('input[name=ends_at]').fill('2024-02-20T11:15');
  await form.locator('input[name=title_fr]').fill('Une séance de trop');
  await form.locator('input[name=speaker_1_name]').fill('السيدة خديجة حجوبي — Mme Khadija Hajoubi');
  await form.locator('button[type=submit]').click();
  await page.waitForURL(/\/admin\/programme\/\d+\?done=created/);
  const alert = page.locator('#conflicts[role=alert]');
  assert.equal(await alert.count(), 1);
  const text = await alert.textContent();
  assert.match(text, /2 conflicts/);
  assert.match(text, /The space is already used at this time by “Opening ceremony of the 1st Creative Cooperatives Fair”\./);
  assert.match(text, /Khadija Hajoubi is speaking at the same time in “Opening ceremony/);
  // moved to a free hour, the conflict is gone
  const edit = page.locator('form.prog-form');
  await edit.locator('input[name=starts_at]').fill('2024-02-20T12:00');
  await edit.locator('input[name=ends_at]').fill('2024-02-20T12:30');
  await edit.locator('button[type=submit]').click();
  await page.waitForURL(/done=saved/);
  assert.match(await page.textContent('#conflicts'), /No conflict/);
  await ctx.close();
});
