// site.test.mjs - what a visitor does, in Debian's Chromium (headless) driven
// by playwright-core: read the home page in Arabic, switch to French, browse
// and filter the exhibitors, open one; on a phone-sized screen nothing
// overflows sideways; axe-core finds no serious or critical accessibility
// violation on any page, in Arabic (RTL) and French (LTR).
//
// Screenshots go to build/screenshots/ (not committed).
// Environment: CHROMIUM (default /usr/bin/chromium), COOPFAIR_BIN.
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

let srv;
let browser;
let axeContext; // bypassCSP: axe is injected as an inline script, which the page's CSP forbids
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  axeContext = await browser.newContext({ bypassCSP: true });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
});

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const htmlAttrs = (page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

test('a visitor reads the home page in Arabic, switches to French, filters the exhibitors and opens one', async () => {
  const context = await browser.newContext({ locale: 'ar-MA' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(`${srv.base}/`);
    assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
    assert.equal(await page.textContent('h1'), 'معرض التعاونيات المبدعة في الاقتصاد الاجتماعي والتضامني لجهة فاس مكناس');
    await shot(page, '01-home-ar');

    await page.click('nav.langs a[hreflang="fr"]');
    await page.waitForLoadState();
    assert.deepEqual(await htmlAttrs(page), { lang: 'fr', dir: 'ltr' });
    assert.match(await page.textContent('h1'), /^Salon des coopératives créatives/);
    await shot(page, '02-home-fr');

    await page.click('header.site nav a[href="/exhibitors"]');
    await page.waitForLoadState();
    assert.equal(new URL(page.url()).pathname, '/exhibitors');
    assert.equal((await htmlAttrs(page)).lang, 'fr', 'the language choice was not remembered');
    assert.equal(await page.locator('table.exhibitors tbody tr').count(), 20);
    await shot(page, '03-exhibitors-fr');

    await page.selectOption('select[name="category"]', 'terroir');
    await page.click('form.filters button[type="submit"]');
    await page.waitForLoadState();
    assert.equal(new URL(page.url()).searchParams.get('category'), 'terroir');
    assert.match(await page.textContent('p.found'), /\b25\b/);
    const cats = await page.locator('table.exhibitors tbody tr td:nth-child(3)').allTextContents();
    assert.equal(cats.length, 20);
    for (const c of cats) assert.equal(c, 'Produits du terroir');
    await shot(page, '04-exhibitors-terroir-fr');

    const first = page.locator('table.exhibitors tbody tr a').first();
    const name = await first.textContent();
    await first.click();
    await page.waitForLoadState();
    assert.match(new URL(page.url()).pathname, /^\/exhibitors\/\d+$/);
    assert.ok((await page.textContent('h1')).includes(name));
    assert.equal((await htmlAttrs(page)).lang, 'fr');
    assert.equal(await page.locator('dl.facts dd').first().textContent(), 'Produits du terroir');
    await shot(page, '05-exhibitor-fr');

    assert.deepEqual(errors, [], 'the pages logged errors (CSP violations, scripts)');
  } finally {
    await context.close();
  }
});

test('the pages work without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${srv.base}/exhibitors?lang=ar`);
    await page.selectOption('select[name="province"]', 'fes');
    await page.click('form.filters button[type="submit"]');
    await page.waitForLoadState();
    assert.equal(new URL(page.url()).searchParams.get('province'), 'fes');
    const provs = await page.locator('table.exhibitors tbody tr td:nth-child(2)').allTextContents();
    assert.ok(provs.length > 0);
    for (const p of provs) assert.equal(p, 'فاس');
  } finally {
    await context.close();
  }
});

for (const lang of ['ar', 'fr']) {
  for (const path of ['/', '/exhibitors']) {
    test(`on a 390x844 phone, ${path} in ${lang} does not overflow sideways`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      try {
        await page.goto(`${srv.base}${path}?lang=${lang}`);
        const m = await page.evaluate(() => {
          const vw = document.documentElement.clientWidth;
          const wide = [];
          // a box that scrolls sideways on purpose (a table, the sections' row) keeps what is inside it
          const inScroller = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
          for (const el of document.querySelectorAll('body *')) {
            if (inScroller(el)) continue;
            if (el.matches('a.skip') && el !== document.activeElement) continue; // off-screen until focused
            const r = el.getBoundingClientRect();
            if (r.width && (r.right > vw + 1 || r.left < -1)) wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
          }
          return { vw, scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
        });
        await shot(page, `phone-${lang}-${path === '/' ? 'home' : path.slice(1)}`);
        assert.ok(m.scroll <= m.vw, `page is ${m.scroll}px wide on a ${m.vw}px screen: ${m.wide.join(', ')}`);
        assert.deepEqual(m.wide, []);
        // The skip link, hidden off-screen, comes into view when focused.
        await page.focus('a.skip');
        const r = await page.evaluate(() => {
          const b = document.querySelector('a.skip').getBoundingClientRect();
          return { left: b.left, right: b.right, vw: document.documentElement.clientWidth };
        });
        assert.ok(r.left >= 0 && r.right <= r.vw, `focused skip link at ${r.left}..${r.right}`);
      } finally {
        await context.close();
      }
    });
  }
}

const AXE_PAGES = ['/', '/exhibitors', '/exhibitors?category=pastries&province=fes', '/exhibitors?page=4', '/exhibitors/1', '/exhibitors/42', '/nope'];

for (const lang of ['ar', 'fr']) {
  for (const path of AXE_PAGES) {
    test(`axe-core finds no serious or critical violation on ${path} in ${lang}`, async () => {
      const page = await axeContext.newPage();
      try {
        const sep = path.includes('?') ? '&' : '?';
        await page.goto(`${srv.base}${path}${sep}lang=${lang}`);
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
          }));
        });
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad, [], JSON.stringify(bad, null, 1));
      } finally {
        await page.close();
      }
    });
  }
}
