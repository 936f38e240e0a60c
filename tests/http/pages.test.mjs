// pages.test.mjs - every public page in every language: status, lang/dir,
// the language switcher; error pages (404, 405, 413); static assets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, get, htmlLang } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const PAGES = ['/', '/exhibitors', '/exhibitors?category=terroir', '/exhibitors?page=3', '/exhibitors/1', '/exhibitors/80'];
const LANGS = { ar: 'rtl', fr: 'ltr', en: 'ltr' };

for (const path of PAGES) {
  for (const [lang, dir] of Object.entries(LANGS)) {
    test(`${path} in ${lang} is 200 with lang=${lang} dir=${dir}`, async () => {
      const sep = path.includes('?') ? '&' : '?';
      const r = await get(srv.base, `${path}${sep}lang=${lang}`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
      assert.deepEqual(htmlLang(r.html), { lang, dir });
      assert.match(r.html, /^<!doctype html>/i);
      assert.match(r.html, /<\/html>\s*$/);
    });
  }
}

test('every page carries a switcher to the two other languages', async () => {
  for (const path of PAGES) {
    const r = await get(srv.base, path, { Cookie: 'lang=fr' });
    const nav = r.html.match(/<nav class="langs"[\s\S]*?<\/nav>/);
    assert.ok(nav, `no language switcher on ${path}`);
    assert.match(nav[0], /<a href="[^"]*[?&]lang=ar\b[^"]*" lang="ar"/);
    assert.match(nav[0], /<a href="[^"]*[?&]lang=en\b[^"]*" lang="en"/);
    assert.match(nav[0], /aria-current="true" lang="fr"/);
  }
});

test('the switcher keeps the other query arguments', async () => {
  const r = await get(srv.base, '/exhibitors?category=terroir&page=2&lang=fr');
  const link = r.html.match(/<a href="([^"]*lang=ar[^"]*)"/);
  assert.ok(link);
  assert.match(link[1], /category=terroir/);
  assert.match(link[1], /page=2/);
});

test('Arabic is the default language', async () => {
  const r = await get(srv.base, '/');
  assert.deepEqual(htmlLang(r.html), { lang: 'ar', dir: 'rtl' });
});

test('HEAD / answers like GET without a body', async () => {
  const r = await fetch(`${srv.base}/`, { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), '');
});

test('/healthz answers ok in plain text', async () => {
  const r = await get(srv.base, '/healthz');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  assert.equal(r.html.trim(), 'ok');
});

for (const [path, type] of [['/static/style.css', /^text\/css/], ['/static/favicon.svg', /^image\/svg\+xml/]]) {
  test(`${path} is served from the binary with its type and an ETag`, async () => {
    const r = await get(srv.base, path);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), type);
    assert.ok(r.html.length > 20);
    const etag = r.headers.get('etag');
    assert.ok(etag);
    const again = await get(srv.base, path, { 'If-None-Match': etag });
    assert.equal(again.status, 304);
  });
}

for (const path of ['/nope', '/exhibitors/999999', '/exhibitors/abc', '/exhibitors/0', '/exhibitors/-1',
  '/exhibitors/99999999999999999999', '/exhibitors/1/', '/static/nope.css', '/static/../Makefile',
  '/static/%2e%2e/db/migrations/001_init.sql', '/index.html']) {
  test(`${path} is a 404 page`, async () => {
    const r = await get(srv.base, path);
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.deepEqual(htmlLang(r.html), { lang: 'ar', dir: 'rtl' });
    assert.match(r.html, /<a href="\/">/); // a way back
    assert.doesNotMatch(r.html, /CREATE TABLE|PREFIX \?=/);
  });
}

test('the 404 page speaks the visitor\'s language', async () => {
  const r = await get(srv.base, '/nope', { Cookie: 'lang=fr' });
  assert.equal(r.status, 404);
  assert.deepEqual(htmlLang(r.html), { lang: 'fr', dir: 'ltr' });
});

test('POST / is 405 with Allow: GET, HEAD', async () => {
  const r = await get(srv.base, '/', {}, { method: 'POST', body: 'a=1' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  assert.ok(htmlLang(r.html).lang);
});

test('DELETE /exhibitors/1 is 405', async () => {
  const r = await get(srv.base, '/exhibitors/1', {}, { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /GET/);
});

test('POST to an unknown path is 404, not 405', async () => {
  const r = await get(srv.base, '/nope', {}, { method: 'POST', body: 'a=1' });
  assert.equal(r.status, 404);
});

/* rawRequest - send bytes on a fresh connection; the reply's first line and
 * how long it took, or null when nothing came within ms. */
function rawRequest(bytes, ms) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(srv.port, '127.0.0.1', () => s.write(bytes));
    let got = '';
    const finish = () => {
      clearTimeout(timer);
      s.destroy();
      resolve({ line: got ? got.split('\r\n')[0] : null, got, ms: Date.now() - t0 });
    };
    const timer = setTimeout(finish, ms);
    s.on('data', (d) => { got += d; if (got.includes('\r\n\r\n')) finish(); });
    s.on('error', finish);
    s.on('close', finish);
  });
}

test('a Content-Length over the route\'s cap is refused with 413 without waiting for the body', async () => {
  const r = await rawRequest('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n'
    + `Content-Length: ${16 * 1024 * 1024 + 1}\r\n\r\n`, 5000);
  assert.ok(r.line, 'no answer within 5 s: the server waited for 16 MiB that will never come');
  assert.match(r.line, /^HTTP\/1\.1 413 /);
});

test('a streamed body over the route\'s cap is refused with 413', async () => {
  // Chunked, so the server only learns the size by reading it.
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const status = await new Promise((resolve) => {
    const s = net.connect(srv.port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => s.destroy(), 30000);
    const finish = () => { clearTimeout(timer); s.destroy(); resolve(got.split('\r\n')[0]); };
    s.on('data', (d) => { got += d; if (got.includes('\r\n')) finish(); });
    s.on('error', () => {}); // the server may close while we still write
    s.on('close', finish);
    s.on('connect', async () => {
      s.write('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let i = 0; i < 17 && !s.destroyed && !got; i++) {
        s.write(`${chunk.length.toString(16)}\r\n`);
        await new Promise((r) => s.write(chunk, r));
        s.write('\r\n');
      }
      if (!s.destroyed) s.write('0\r\n\r\n');
    });
  });
  assert.match(status, /^HTTP\/1\.1 413 /);
});

test('a small POST body is read and does not break the next request', async () => {
  const r = await get(srv.base, '/', { 'Content-Type': 'application/x-www-form-urlencoded' }, { method: 'POST', body: 'x=1&y=2' });
  assert.equal(r.status, 405);
  assert.equal((await get(srv.base, '/healthz')).status, 200);
});
