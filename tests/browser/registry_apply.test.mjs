// registry_apply.test.mjs - a cooperative applies in Arabic from a
// phone-sized window (390x844), the committee scores and accepts it and
// publishes the selection, and the cooperative appears on the public list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, BIN } from '../http/server.mjs';

const EMAIL = 'coop.ifrane@example.org', PASSWORD = 'coop-ifrane-2024';
const NAME_AR = 'تعاونية أزرو للأرز', NAME_FR = 'Coopérative Azrou du cèdre';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let srv, browser;

before(async () => {
  srv = await startServer();
  // a fresh cooperative of the registry and its exhibitor account
  srv.sql(`INSERT INTO cooperative (name_ar, name_fr, reg_number, province_id, women_led, members_women)
           VALUES ('${NAME_AR}', '${NAME_FR}', 'TEST-IFR-1', (SELECT id FROM province WHERE code = 'ifrane'), 1, 14)`);
  execFileSync(BIN, ['--db', srv.db, 'user', 'add', '--email', EMAIL, '--role', 'exhibitor', '--name', 'Itto'],
    { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'inherit'] });
  srv.sql(`UPDATE account SET cooperative_id = (SELECT id FROM cooperative WHERE reg_number = 'TEST-IFR-1'), lang = 'ar'
           WHERE email = '${EMAIL}'`);
  // the demo fair's call closed in January 2024: open one with no bounds (issue 10)
  srv.sql("UPDATE edition SET state = 'call_open', call_opens_on = '', call_closes_on = ''");
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

async function signIn(page, email, password, lang) {
  await page.goto(`${srv.base}/signin?lang=${lang}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
}

test('a cooperative applies in Arabic on a phone, is accepted, and appears on the public list', async () => {
  // 1. the cooperative, on a phone, in Arabic
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ar-MA', isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  await signIn(p, EMAIL, PASSWORD, 'ar');
  await p.goto(`${srv.base}/my`);
  assert.equal(await p.getAttribute('html', 'dir'), 'rtl');
  assert.match(await p.textContent('h1'), /تعاونية أزرو للأرز/);
  // sending without a category is refused field by field, input kept
  await p.fill('#products', 'ألواح وعلب من خشب الأرز، منحوتة باليد');
  await Promise.all([p.waitForNavigation(), p.click('button[value=submit]')]);
  assert.match(await p.textContent('#category-error'), /اختاروا الفئة قبل الإرسال/);
  assert.equal(await p.inputValue('#products'), 'ألواح وعلب من خشب الأرز، منحوتة باليد');
  await p.check('input[name=category] >> nth=0'); // handicrafts
  await p.check('input[name=needs_power]');
  await p.setInputFiles('#photo', { name: 'cedre.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([p.waitForNavigation(), p.click('button[value=submit]')]);
  assert.match(await p.textContent('.ok-box'), /تم إرسال طلبكم/);
  assert.match(await p.textContent('.app-status'), /مُرسَل/);
  assert.equal(await p.locator('ul.photos img').count(), 1);
  // nothing overflows the phone's width
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);

  // 2. the committee scores it, accepts it, and publishes
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-MA' });
  const c = await desk.newPage();
  await signIn(c, 'committee@example.org', 'demo-committee-2024', 'fr');
  await c.goto(`${srv.base}/admin/applications?status=submitted`);
  await Promise.all([c.waitForNavigation(), c.click(`text=${NAME_FR}`)]);
  await c.fill('#score', '91');
  await c.fill('#note', 'Très beau travail du cèdre.');
  await Promise.all([c.waitForNavigation(), c.click('form[action$="/review"] button')]);
  assert.match(await c.textContent('.ok-box'), /Note et commentaire enregistrés/);
  await c.selectOption('#status', 'accepted');
  await c.fill('#reason', 'Produits remarquables.');
  await Promise.all([c.waitForNavigation(), c.click('form[action$="/status"] button')]);
  assert.match(await c.textContent('.app-status'), /acceptée/);
  // 81 accepted for 80 places: coopfair warns, the committee decides
  assert.match(await c.textContent('.warn-box'), /81 candidatures acceptées enfreignent ces règles/);
  // publication goes through its preview (issue 10)
  await c.goto(`${srv.base}/admin/selection`);
  await Promise.all([c.waitForNavigation(), c.click('a[href="/admin/selection/preview"]')]);
  assert.match(await c.textContent('table.preview'), new RegExp(EMAIL.replace('.', '\\.')));
  await c.check('input[name=confirm]');
  await Promise.all([c.waitForNavigation(), c.click('form[action="/admin/selection/publish"] button')]);
  assert.match(await c.textContent('.ok-box'), /Publié\u202f: 1 exposant ajouté, 0 retiré/);

  // 3. the public list shows it (anyone, not signed in)
  const pub = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ar-MA' });
  const v = await pub.newPage();
  await v.goto(`${srv.base}/exhibitors?province=ifrane&lang=ar`);
  assert.match(await v.textContent('table.exhibitors'), /تعاونية أزرو للأرز/);

  // 4. the cooperative sees the published decision, and was notified
  await p.goto(`${srv.base}/my`);
  assert.match(await p.textContent('.app-status'), /مقبول/);
  assert.match(await p.textContent('section.application'), /تعاونيتكم ضمن لائحة العارضين/);
  const mail = srv.sql(`SELECT count(*) FROM outbox WHERE to_email = '${EMAIL}' AND body LIKE '%نُشرت لائحة العارضين%'`);
  assert.equal(mail, '1');
  await phone.close(); await desk.close(); await pub.close();
});

test('a 50 MB file sent from the browser gets the clear 413 page', async () => {
  const path = join(srv.dir, 'national-50mb.csv');
  writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 'a'));
  const ctx = await browser.newContext({ locale: 'fr-MA' });
  const c = await ctx.newPage();
  await signIn(c, 'committee@example.org', 'demo-committee-2024', 'fr');
  await c.goto(`${srv.base}/admin/registry/import`);
  await c.setInputFiles('#file', path);
  const [resp] = await Promise.all([c.waitForNavigation({ timeout: 60000 }), c.click('form[action="/admin/registry/import"] button')]);
  assert.equal(resp.status(), 413);
  assert.match(await c.textContent('main'), /dépasse ce que le site accepte \(16 Mo\)/);
  assert.match(await c.textContent('main'), /administrateur technique du site/);
  await ctx.close();
});
