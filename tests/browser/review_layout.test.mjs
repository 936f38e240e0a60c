// review_layout.test.mjs - signed-in pages of the new areas (/my, /jury,
// /admin/...) fit a phone's width (390 px) in Arabic (RTL) and French:
// nothing outside a .table-wrap (which scrolls on purpose) sticks out, and
// the page never scrolls sideways; a juror's entry statuses stay on one
// line. Found in review: the jurors' fieldset of the prize set-up page was as
// wide as its longest e-mail address; "À noter" broke over two lines.
// Environment: CHROMIUM (default /usr/bin/chromium), COOPFAIR_BIN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from '../http/server.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const PLAN = [
  ['exhibitor@example.org', 'demo-exhibitor-2024', ['/my']],
  ['jury@example.org', 'demo-jury-2024', ['/jury', '/jury/entries/1']],
  ['admin@example.org', 'demo-admin-2024', ['/admin', '/admin/prize', '/admin/prize/categories/1',
    '/admin/prize/categories/1/setup', '/admin/applications', '/admin/applications/1', '/admin/selection',
    '/admin/registry', '/admin/accounts', '/admin/audit', '/admin/outbox']],
];

let srv;
let browser;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
});

test('the new areas fit 390 px in Arabic and French', async () => {
  const problems = [];
  for (const [email, password, paths] of PLAN) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${srv.base}/signin`);
      await page.fill('#email', email);
      await page.fill('#password', password);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type=submit]')]);
      for (const path of paths) {
        for (const lang of ['ar', 'fr']) {
          const res = await page.goto(`${srv.base}${path}?lang=${lang}`);
          assert.equal(res.status(), 200, `${path} (${lang})`);
          const found = await page.evaluate(() => {
            const w = document.documentElement.clientWidth;
            const out = [];
            const inScroller = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
            for (const el of document.querySelectorAll('body *')) {
              if (inScroller(el) || el.closest('.skip')) continue;
              const r = el.getBoundingClientRect();
              if (r.width && (r.right > w + 1 || r.left < -1)) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
            }
            return { scroll: document.documentElement.scrollWidth, w, out: out.slice(0, 3) };
          });
          if (found.scroll > found.w || found.out.length)
            problems.push(`${path} ${lang}: page ${found.scroll}px wide; sticking out: ${found.out.join(', ')}`);
        }
      }
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});

test("a juror's entry statuses stay on one line at 390 px", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto(`${srv.base}/signin`);
    await page.fill('#email', 'jury@example.org');
    await page.fill('#password', 'demo-jury-2024');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type=submit]')]);
    for (const lang of ['ar', 'fr']) {
      await page.goto(`${srv.base}/jury?lang=${lang}`);
      const wrapped = await page.evaluate(() => [...document.querySelectorAll('.jury-list .status')]
        .filter((el) => { // one line box per line of text: a wrapped status has two
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((q) => Math.round(q.top))).size > 1;
        })
        .map((el) => el.textContent));
      assert.ok((await page.$$('.jury-list .status')).length > 0, `no status on /jury (${lang})`);
      assert.deepEqual(wrapped, [], `/jury (${lang})`);
    }
  } finally {
    await context.close();
  }
});
