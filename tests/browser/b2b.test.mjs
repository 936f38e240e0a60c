// b2b.test.mjs - issue 16 in Debian's Chromium, on a phone: a professional
// finds the partners hub from the site's menu (French), registers and asks
// an exhibitor for a meeting; the exhibitor (Arabic) accepts it, then cancels
// it with a reason; the professional's page shows the cancellation. Nothing
// wider than the phone, axe finds no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../http/server.mjs';
import { PHONE, launch, signInAt, axeSerious, overflow } from './phone.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

const signIn = (page, email, password, lang) => signInAt(page, srv.base, email, password, lang);

test('a professional finds the hub from the menu and asks for a meeting; the exhibitor accepts, then cancels it with a reason', async () => {
  const ex = srv.sql("SELECT x.id FROM exhibitor x JOIN account a ON a.cooperative_id = x.cooperative_id WHERE a.email = 'exhibitor@example.org' AND x.edition_id = (SELECT id FROM current_edition)");
  // the professional, in French
  const proCtx = await browser.newContext({ ...PHONE, locale: 'fr-MA', bypassCSP: true });
  const pro = await proCtx.newPage();
  await pro.goto(`${srv.base}/?lang=fr`);
  await Promise.all([pro.waitForURL(/\/b2b$/), pro.click('header nav a[href="/b2b"]')]);
  assert.match(await pro.textContent('h1'), /Pôle des partenaires/);
  await pro.fill('input[name=name]', 'Léa Boutique');
  await pro.fill('input[name=email]', 'lea@example.net');
  await pro.selectOption('select[name=kind]', 'shop');
  await Promise.all([pro.waitForURL(/\/b2b\/p\/[0-9a-f]{32}$/), pro.click('main form button[type=submit]')]);
  const proUrl = pro.url();
  await pro.selectOption('select[name=exhibitor]', ex);
  await pro.selectOption('select[name=slot]', '2024-02-22T11:00');
  await pro.fill('textarea[name=note]', 'Tapis pour ma boutique');
  await Promise.all([pro.waitForNavigation(), pro.click('form[action="/b2b/request"] button[type=submit]')]);
  const id = srv.sql("SELECT m.id FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id WHERE p.name = 'Léa Boutique'");
  assert.match(await pro.textContent(`tr[data-meeting="${id}"]`), /En attente/);
  assert.ok(await overflow(pro) <= 0, 'the professional\'s page fits the phone');
  assert.deepEqual(await axeSerious(pro), []);

  // the exhibitor, in Arabic: accepts, then cancels with a reason
  const exCtx = await browser.newContext({ ...PHONE, locale: 'ar-MA', bypassCSP: true });
  const exp = await exCtx.newPage();
  await signIn(exp, 'exhibitor@example.org', 'demo-exhibitor-2024', 'ar');
  await exp.goto(`${srv.base}/my/b2b`);
  const row = `tr[data-meeting="${id}"]`;
  await Promise.all([exp.waitForNavigation(), exp.click(`${row} button[name=accept][value="1"]`)]);
  assert.equal(srv.sql(`SELECT status FROM b2b_meeting WHERE id = ${id}`), 'accepted');
  await exp.click(`${row} details.cancel summary`);
  await exp.fill(`${row} details.cancel textarea[name=reason]`, 'الرواق مغلق صباح ذلك اليوم');
  assert.ok(await overflow(exp) <= 0, 'the opened cancel form fits the phone');
  assert.deepEqual(await axeSerious(exp), []);
  await Promise.all([exp.waitForNavigation(), exp.click(`${row} details.cancel button[type=submit]`)]);
  assert.match(await exp.textContent(`${row} td[data-status]`), /ملغى.*من طرف العارض.*الرواق مغلق صباح ذلك اليوم/s);
  assert.equal(srv.sql(`SELECT status || ' ' || cancelled_by FROM b2b_meeting WHERE id = ${id}`), 'cancelled exhibitor');
  assert.equal(srv.sql("SELECT count(*) FROM outbox WHERE to_email = 'lea@example.net' AND subject LIKE 'Rencontre B2B annulée%'"), '1');

  // the professional sees it on their page
  await pro.goto(proUrl);
  assert.match(await pro.textContent(`${row} td[data-status]`), /Annulé.*par l’exposant.*الرواق مغلق/s);
  assert.equal(await pro.locator(`${row} details.cancel`).count(), 0);
  await proCtx.close();
  await exCtx.close();
});
