// prize.test.mjs - in a phone-sized Chromium (390x844), in Arabic: a juror
// scores an entry typing Arabic-Indic digits and goes on to the next entry,
// does not see the entry they are conflicted with (opening it says why);
// then the committee is warned with the numbers when it closes with sheets
// missing, confirms, publishes, and the public sees the winners.
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

test('a juror on a phone in Arabic scores with Arabic-Indic digits and goes to the next entry', async () => {
  const { ctx, page } = await phone();
  await signin(page, 'jury@example.org', 'demo-jury-2024');
  await page.goto(`${srv.base}/jury`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  const conflicted = one("SELECT entry_id FROM prize_conflict WHERE account_id = (SELECT id FROM account WHERE email = 'jury@example.org')");
  const conflictedName = one(`SELECT co.name_ar FROM prize_entry e JOIN cooperative co ON co.id = e.cooperative_id WHERE e.id = ${conflicted}`);
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
  const arabic = ['١٦', '١٤', '١٨', '١٢', '١٥'];
  // typed key by key, as a phone's Arabic keyboard sends them
  for (let i = 0; i < 5; i++) await page.locator(`#c${i}`).pressSequentially(arabic[i]);
  assert.equal(await page.inputValue('#c0'), '١٦');
  await page.fill('#comment', 'تشكيلة مبتكرة وتلفيف أنيق');
  await Promise.all([page.waitForURL(new RegExp(`saved=${entry}$`)), page.click('.score-sheet button[type=submit]')]);
  // the next entry still to score, with the confirmation of the saved one
  const next = new URL(page.url()).pathname.split('/').pop();
  assert.notEqual(next, entry);
  assert.ok(await page.locator('#notice').isVisible());
  assert.equal(await page.inputValue('#c0'), '', 'the next entry is still to score');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  const stored = one(`SELECT group_concat(value, ',') FROM (SELECT value FROM prize_score WHERE entry_id = ${entry} AND account_id = (SELECT id FROM account WHERE email = 'jury@example.org') ORDER BY criterion_id)`);
  assert.equal(stored, values.join(','));
  assert.equal(one(`SELECT kind FROM prize_log ORDER BY id DESC LIMIT 1`), 'create');
  // Direct navigation to the conflicted entry: a page that says why.
  const resp = await page.goto(`${srv.base}/jury/entries/${conflicted}`);
  assert.equal(resp.status(), 403);
  assert.ok(await page.locator('#conflict').isVisible());
  assert.equal(await page.locator('.score-sheet').count(), 0);
  await ctx.close();
});

test('the committee is warned with the numbers when closing with sheets missing; it confirms and publishes', async () => {
  const cat = one("SELECT id FROM category WHERE code = 'pastries'");
  const { ctx: anonCtx, page: anon } = await phone();
  await anon.goto(`${srv.base}/prize?lang=ar`);
  assert.equal(await anon.locator('.prize-cat').nth(2).locator('ol.winners').count(), 0);

  const { ctx, page } = await phone();
  await signin(page, 'committee@example.org', 'demo-committee-2024');
  await page.goto(`${srv.base}/admin/prize`);
  assert.equal(await page.getAttribute('#chain', 'role'), 'status');
  const missing = Number(one(`SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = ${cat} AND (SELECT count(*) FROM prize_score s WHERE s.entry_id = a.entry_id AND s.account_id = a.account_id) < 5`));
  assert.ok(missing > 0, 'the demo juror left sheets to score');
  await page.goto(`${srv.base}/admin/prize/categories/${cat}`);
  await page.click(`form[action$="/${cat}/close"] button`);
  const warning = page.locator('#warning');
  await warning.waitFor();
  assert.ok((await warning.textContent()).includes(String(missing)), 'the warning gives the number of missing sheets');
  assert.equal(one(`SELECT state FROM prize_category WHERE category_id = ${cat}`), 'open');
  await Promise.all([page.waitForURL(/done=close/), page.click('#confirm')]);
  await page.click(`form[action$="/${cat}/publish"] button`);
  await page.locator('#preview-winners').waitFor(); // what the public will see, before it is final
  await Promise.all([page.waitForURL(/done=publish/), page.click('#confirm')]);
  assert.match(await page.textContent('#state'), /منشورة/);
  await ctx.close();

  await anon.goto(`${srv.base}/prize?lang=ar`);
  const winners = anon.locator('.prize-cat').nth(2).locator('ol.winners li');
  assert.equal(await winners.count(), 3);
  const first = one(`SELECT co.name_ar FROM prize_result r JOIN prize_entry e ON e.id = r.entry_id JOIN cooperative co ON co.id = e.cooperative_id WHERE e.category_id = ${cat} AND r.rank = 1`);
  assert.ok((await winners.first().textContent()).includes(first));
  await anonCtx.close();
});
