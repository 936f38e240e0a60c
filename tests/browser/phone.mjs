// phone.mjs - what the browser tests of a page on a phone share: Debian's
// Chromium launched as CI needs it (no sandbox, no background networking),
// a phone's viewport, signing in through the form, axe-core's serious and
// critical violations, and how far a page is wider than the screen.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** PHONE - a 390 px touch screen (newContext options). */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** launch - headless Chromium (CHROMIUM, else /usr/bin/chromium). */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
}

/** signInAt - sign in on the server at base through its form, in lang. */
export async function signInAt(page, base, email, password, lang) {
  await page.goto(`${base}/signin?lang=${lang}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
}

/** axeSerious - axe-core's serious and critical violations on the page. */
export async function axeSerious(p) {
  await p.evaluate(AXE);
  return p.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`));
}

/** overflow - how many pixels the page is wider than the screen. */
export async function overflow(p) {
  return p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
