// edition.test.mjs - the life of an edition in Debian's Chromium (issue 10):
// the committee creates next year's edition as a draft while the public
// site keeps showing the 2024 fair, and switches the back office between
// the two; a cooperative changes its application before the call closes
// and cannot after; the dashboard reads well in Arabic and French on a
// phone-sized window (no sideways overflow, axe finds no serious or
// critical violation).
//
// Screenshots go to build/screenshots/ (not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT } from '../http/server.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(ROOT, 'build', 'screenshots');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let srv, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// day - YYYY-MM-DD n days from now (margins of 2+ days cover Casablanca vs UTC).
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

async function signIn(page, email, password, lang) {
  await page.goto(`${srv.base}/signin?lang=${lang}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
}

// saveEdition - on the edition's own form, set the state and the call's days.
async function saveEdition(page, id, state, opens, closes) {
  await page.goto(`${srv.base}/admin/editions/${id}?lang=fr`);
  await page.selectOption('#f-state', state);
  await page.fill('#f-call_opens_on', opens);
  await page.fill('#f-call_closes_on', closes);
  await Promise.all([page.waitForNavigation(), page.click(`form[action="/admin/editions/${id}"] button[type=submit]`)]);
  assert.match(await page.textContent('.notice'), /Enregistré/);
}

test('the committee creates a 2027 draft: the public site still shows 2024; the back office switches editions', async () => {
  const anon = await browser.newContext({ locale: 'fr-MA' });
  const v = await anon.newPage();
  await v.goto(`${srv.base}/?lang=fr`);
  const homeBefore = await v.textContent('main');
  assert.match(homeBefore, /20–24 février 2024/);

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-MA' });
  const c = await ctx.newPage();
  await signIn(c, 'committee@example.org', 'demo-committee-2024', 'fr');
  await c.goto(`${srv.base}/admin/editions/new?lang=fr`);
  assert.equal(await c.inputValue('#f-state'), 'draft', 'a new edition starts as a draft');
  const fields = {
    '#f-slug': 'fes-meknes-2027', '#f-number': '2', '#f-name_ar': 'المعرض الثاني للتعاونيات المبدعة',
    '#f-name_fr': 'Deuxième salon des coopératives créatives', '#f-name_en': 'Second creative cooperatives fair',
    '#f-city_ar': 'مكناس', '#f-city_fr': 'Meknès', '#f-city_en': 'Meknes', '#f-starts_on': '2027-02-16',
    '#f-ends_on': '2027-02-20', '#f-area_m2': '2000', '#f-stands_planned': '50', '#f-exhibitors_planned': '100',
    '#f-outside_region_planned': '10',
  };
  for (const [sel, val] of Object.entries(fields)) await c.fill(sel, val);
  await Promise.all([c.waitForNavigation(), c.click('form[action="/admin/editions"] button[type=submit]')]);
  assert.match(await c.textContent('.notice'), /Créé/);

  // the public site is unchanged, and the draft has no public address
  await v.goto(`${srv.base}/?lang=fr`);
  assert.equal(await v.textContent('main'), homeBefore);
  await v.goto(`${srv.base}/exhibitors?lang=fr`);
  assert.equal(await v.getAttribute('.found', 'data-count'), '80');
  const draft = await v.goto(`${srv.base}/editions/fes-meknes-2027`);
  assert.equal(draft.status(), 404);

  // the back office names the edition it shows and switches between the two
  await c.goto(`${srv.base}/admin/applications?lang=fr`);
  assert.match(await c.textContent('.edition-shown'), /Fès-Meknès/);
  const count2024 = await c.textContent('.found');
  const id2027 = srv.sql("SELECT id FROM edition WHERE slug = 'fes-meknes-2027'");
  const id2024 = srv.sql("SELECT id FROM edition WHERE slug <> 'fes-meknes-2027' ORDER BY id LIMIT 1");
  await c.selectOption('#sw-ed', id2027);
  await Promise.all([c.waitForNavigation(), c.click('.edition-shown button')]);
  assert.equal(new URL(c.url()).pathname, '/admin/applications', 'back on the same page');
  assert.match(await c.textContent('.edition-shown'), /Deuxième salon des coopératives créatives/);
  assert.match(await c.textContent('.edition-shown'), /brouillon/);
  assert.match(await c.textContent('.found'), /^0 /);
  await c.goto(`${srv.base}/admin/selection?lang=fr`);
  assert.match(await c.textContent('.edition-shown'), /Deuxième salon/, 'the choice is kept from page to page');
  await c.selectOption('#sw-ed', id2024);
  await Promise.all([c.waitForNavigation(), c.click('.edition-shown button')]);
  await c.goto(`${srv.base}/admin/applications?lang=fr`);
  assert.equal(await c.textContent('.found'), count2024);
  await c.screenshot({ path: join(SHOTS, 'edition-switcher-fr.png') });
  await ctx.close(); await anon.close();
});

test('a cooperative changes its application before the call closes, and cannot after', async () => {
  const id = srv.sql("SELECT id FROM edition WHERE slug <> 'fes-meknes-2027' ORDER BY id LIMIT 1");
  // the exhibitor's own application, sent and not yet decided
  srv.sql(`UPDATE application SET status = 'submitted', published_status = NULL WHERE edition_id = ${id}
           AND cooperative_id = (SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org')`);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-MA' });
  const c = await ctx.newPage();
  await signIn(c, 'committee@example.org', 'demo-committee-2024', 'fr');
  await saveEdition(c, id, 'call_open', day(-5), day(20));

  const phone = await browser.newContext({ ...PHONE, locale: 'ar-MA' });
  const p = await phone.newPage();
  await signIn(p, 'exhibitor@example.org', 'demo-exhibitor-2024', 'ar');
  await p.goto(`${srv.base}/my?lang=ar`);
  assert.equal(await p.getAttribute('html', 'dir'), 'rtl');
  assert.match(await p.textContent('.call'), /طلبات المشاركة مفتوحة إلى غاية/);
  await p.fill('#products', 'زرابي فاس المنسوجة يدويا، تشكيلة جديدة');
  await Promise.all([p.waitForNavigation(), p.click('button[value=submit]')]);
  assert.match(await p.textContent('.ok-box'), /تم حفظ تعديلاتكم/);
  assert.equal(await p.inputValue('#products'), 'زرابي فاس المنسوجة يدويا، تشكيلة جديدة');

  // the call closes (two days ago): read-only, with its status
  await saveEdition(c, id, 'call_open', day(-30), day(-2));
  await p.goto(`${srv.base}/my?lang=ar`);
  assert.match(await p.textContent('.call'), /أُغلقت طلبات المشاركة/);
  assert.equal(await p.locator('#products').count(), 0, 'no form after the deadline');
  assert.match(await p.textContent('section.application'), /زرابي فاس المنسوجة يدويا، تشكيلة جديدة/);
  assert.ok(await p.locator('.app-status').count() > 0, 'the status is shown');
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
  await p.screenshot({ path: join(SHOTS, 'edition-my-closed-ar.png'), fullPage: true });
  await saveEdition(c, id, 'over', '2023-12-01', '2024-01-31');
  await ctx.close(); await phone.close();
});

for (const lang of ['ar', 'fr']) {
  test(`the dashboard on a phone, in ${lang}: every figure, nothing overflows, axe finds nothing serious`, async () => {
    const ctx = await browser.newContext({ ...PHONE, locale: `${lang}-MA`, bypassCSP: true });
    const p = await ctx.newPage();
    await signIn(p, 'committee@example.org', 'demo-committee-2024', lang);
    await p.goto(`${srv.base}/admin?lang=${lang}`);
    assert.equal(await p.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
    assert.equal(await p.locator('.tiles > .tile').count(), 7);
    for (const id of ['t-apps', 't-rev', 't-call', 't-fair', 't-jury', 't-stand', 't-mail'])
      assert.equal(await p.locator(`#${id}`).count(), 1, id);
    const apps = Number(srv.sql("SELECT count(*) FROM application WHERE status <> 'draft' AND edition_id = (SELECT id FROM current_edition)"));
    assert.ok(apps > 0);
    assert.equal(await p.getAttribute('[aria-labelledby=t-apps] .big', 'data-count'), String(apps));
    const waiting = srv.sql('SELECT count(*) FROM outbox WHERE sent_at IS NULL');
    assert.equal(await p.getAttribute('[aria-labelledby=t-mail] .big', 'data-count'), waiting);
    assert.equal(await p.locator('.tile progress').count(), 3, 'one bar per prize category');
    assert.match(await p.textContent('[aria-labelledby=t-fair]'), lang === 'ar' ? /انتهت/ : /terminée/);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide = await p.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().width > document.documentElement.clientWidth)
      .slice(0, 3).map((e) => `${e.tagName}.${e.className}`));
    assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px: ${wide}`);
    await p.evaluate(AXE);
    const bad = await p.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`));
    assert.deepEqual(bad, []);
    await p.screenshot({ path: join(SHOTS, `edition-dashboard-${lang}.png`), fullPage: true });
    await ctx.close();
  });
}

test('the public exhibitors list: a search box, and the first exhibitor above the fold on a phone', async () => {
  for (const lang of ['ar', 'fr']) {
    const ctx = await browser.newContext({ ...PHONE, locale: `${lang}-MA` });
    const p = await ctx.newPage();
    await p.goto(`${srv.base}/exhibitors?lang=${lang}`);
    const first = await p.locator('table.exhibitors tbody tr').first().boundingBox();
    assert.ok(first, 'a first row');
    assert.ok(first.y + first.height <= 844, `${lang}: the first exhibitor ends at ${first.y + first.height}px, below the fold`);
    // search a product word, folded: capitals and accents do not matter
    await p.fill('#ex-q', lang === 'ar' ? 'تعاونيه' : 'COOPERATIVE');
    await Promise.all([p.waitForNavigation(), p.click('form.filters button[type=submit]')]);
    const n = Number(await p.getAttribute('.found', 'data-count'));
    assert.ok(n > 0, `${lang}: the search finds exhibitors`);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
    await p.screenshot({ path: join(SHOTS, `edition-exhibitors-${lang}.png`) });
    await ctx.close();
  }
});
