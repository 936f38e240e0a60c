// prize.test.mjs - in a phone-sized Chromium (390x844), in Arabic: a juror
// scores an entry, does not see the entry they are conflicted with; then
// the committee closes and publishes the category and the public sees the
// winners.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, sqlite } from '../http/server.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
});
after(async () => { await browser?.close(); await srv?.stop(); });

const one = (sql) => sqlite(srv.db, sql).trim();

async function phone() {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ar-MA', isMobile: true, hasTouch: true });
  return { ctx, page: await ctx.newPage() };
}

async function signin(page, email, password) {
  await page.goto(`${srv.base}/signin?lang=ar`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('form.stack button[type=submit]')]);
}

test('a juror scores an entry on a phone in Arabic and never sees the conflicted entry', async () => {
  const { ctx, page } = await phone();
  await signin(page, 'jury@example.org', 'demo-jury-2024');
  await page.goto(`${srv.base}/jury`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  const conflicted = one("SELECT entry_id FROM prize_conflict WHERE account_id = (SELECT id FROM account WHERE email = 'jury@example.org')");
  const conflictedName = one(`SELECT co.name_ar FROM prize_entry e JOIN exhibitor x ON x.id = e.exhibitor_id JOIN cooperative co ON co.id = x.cooperative_id WHERE e.id = ${conflicted}`);
  assert.equal(await page.locator(`a[href="/jury/entries/${conflicted}"]`).count(), 0);
  assert.ok(!(await page.textContent('main')).includes(conflictedName));
  // The page fits the phone: nothing wider than the viewport.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));

  // The first entry still to score.
  const todo = page.locator('.jury-list li:has(.status.todo) a').first();
  const href = await todo.getAttribute('href');
  const entry = href.split('/').pop();
  await todo.click();
  await page.waitForURL(`**${href}`);
  assert.ok(await page.locator('label[for=c0]').textContent().then((t) => t.includes('الابتكار')));
  const values = ['16', '14', '18', '12', '15'];
  for (let i = 0; i < 5; i++) await page.fill(`#c${i}`, values[i]);
  await page.fill('#comment', 'تشكيلة مبتكرة وتلفيف أنيق');
  await Promise.all([page.waitForURL(/saved=1/), page.click('.score-sheet button[type=submit]')]);
  assert.match(await page.textContent('.ok-box'), /تم حفظ نقطك/);
  assert.equal(await page.inputValue('#c2'), '18');
  const stored = one(`SELECT group_concat(value, ',') FROM (SELECT value FROM prize_score WHERE entry_id = ${entry} AND account_id = (SELECT id FROM account WHERE email = 'jury@example.org') ORDER BY criterion_id)`);
  assert.equal(stored, values.join(','));
  assert.equal(one(`SELECT kind FROM prize_log ORDER BY id DESC LIMIT 1`), 'create');
  // Direct navigation to the conflicted entry: not found.
  const resp = await page.goto(`${srv.base}/jury/entries/${conflicted}`);
  assert.equal(resp.status(), 404);
  await ctx.close();
});

test('the committee closes and publishes; the public then sees the winners', async () => {
  const cat = one("SELECT id FROM category WHERE code = 'pastries'");
  const { ctx: anonCtx, page: anon } = await phone();
  await anon.goto(`${srv.base}/prize?lang=ar`);
  assert.equal(await anon.locator('.prize-cat').nth(2).locator('ol.winners').count(), 0);

  const { ctx, page } = await phone();
  await signin(page, 'committee@example.org', 'demo-committee-2024');
  await page.goto(`${srv.base}/admin/prize`);
  assert.match(await page.textContent('#chain'), /سجل النقط سليم/);
  await page.goto(`${srv.base}/admin/prize/categories/${cat}`);
  await Promise.all([page.waitForURL(/done=close/), page.click(`form[action$="/${cat}/close"] button`)]);
  await Promise.all([page.waitForURL(/done=publish/), page.click(`form[action$="/${cat}/publish"] button`)]);
  assert.match(await page.textContent('#state'), /منشورة/);
  await ctx.close();

  await anon.goto(`${srv.base}/prize?lang=ar`);
  const winners = anon.locator('.prize-cat').nth(2).locator('ol.winners li');
  assert.equal(await winners.count(), 3);
  const first = one(`SELECT co.name_ar FROM prize_result r JOIN prize_entry e ON e.id = r.entry_id JOIN exhibitor x ON x.id = e.exhibitor_id JOIN cooperative co ON co.id = x.cooperative_id WHERE e.category_id = ${cat} AND r.rank = 1`);
  assert.ok((await winners.first().textContent()).includes(first));
  await anonCtx.close();
});
