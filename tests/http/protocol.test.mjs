// protocol.test.mjs - malformed requests over raw TCP get a 4xx (or a closed
// connection), never a crash or a 2xx/5xx, and the server keeps answering;
// keep-alive works (two requests on one connection).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, get } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

/* answers - how many complete responses (head and Content-Length body) data holds. */
function answers(data) {
  let n = 0;
  let rest = Buffer.from(data, 'latin1');
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return n;
    const head = rest.subarray(0, end).toString('latin1');
    const len = /^HTTP\/1\.1 \d{3} [^\r]*\r\n/.test(head) && !/^HEAD/.test(head)
      ? Number((head.match(/\r\nContent-Length: (\d+)/i) || [0, 0])[1]) : 0;
    if (rest.length < end + 4 + len) return n;
    n++;
    rest = rest.subarray(end + 4 + len);
  }
}

/* raw - send bytes on a fresh connection and collect what comes back until
 * `want` complete answers arrived, the server closes, or ms pass.
 * {data, closed} */
function raw(bytes, ms = 1500, want = 1, isHead = false) {
  return new Promise((resolve) => {
    const s = net.connect(srv.port, '127.0.0.1', () => s.write(bytes));
    let data = '';
    let closed = false;
    const finish = () => { clearTimeout(timer); s.destroy(); resolve({ data, closed }); };
    const timer = setTimeout(finish, ms);
    s.on('data', (d) => {
      data += d.toString('latin1');
      if (!isHead && answers(data) >= want) setTimeout(finish, 50); // a little longer, to see a close
    });
    s.on('error', () => { closed = true; finish(); });
    s.on('end', () => { closed = true; finish(); });
  });
}

const statusOf = (data) => {
  const m = data.match(/^HTTP\/1\.[01] (\d{3}) /);
  return m ? Number(m[1]) : null;
};

async function stillServing() {
  const r = await get(srv.base, '/healthz');
  assert.equal(r.status, 200, 'the server stopped answering');
}

/* Each case: a name and the bytes. The answer must be a 4xx, or the
 * connection closed (or left) without a single byte: never 2xx or 5xx. */
const MALFORMED = [
  ['garbage request line', 'GARBAGE\r\n\r\n'],
  ['binary request line', '\x00\x01\x02\xff / HTTP/1.1\r\n\r\n'],
  ['missing URI', 'GET HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['HTTP/0.9 request', 'GET /\r\n\r\n'],
  ['unknown protocol', 'GET / FOO/1.1\r\nHost: x\r\n\r\n'],
  ['header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n'],
  ['bad Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
  ['bad chunk size', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n'],
  ['two Content-Lengths', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 5\r\n\r\nx'],
  ['huge header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(256 * 1024)}\r\n\r\n`],
  ['huge URL', `GET /${'a'.repeat(256 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`],
  ['thousands of headers', `GET / HTTP/1.1\r\nHost: x\r\n${'X-A: b\r\n'.repeat(20000)}\r\n`],
  ['huge cookie', `GET / HTTP/1.1\r\nHost: x\r\nCookie: ${'a=b; '.repeat(40000)}\r\n\r\n`],
];

for (const [name, bytes] of MALFORMED) {
  test(`${name}: a 4xx or a closed connection, and the server goes on`, async () => {
    const { data } = await raw(bytes);
    const st = statusOf(data);
    if (data.length) assert.ok(st >= 400 && st < 500, `answered ${JSON.stringify(data.slice(0, 60))}`);
    await stillServing();
  });
}

test('a method we do not know on a known path is 405', async () => {
  const { data } = await raw('BREW / HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(statusOf(data), 405);
});

test('percent-encoded junk in the path is a 404', async () => {
  const { data } = await raw('GET /%zz%00%ff/%2e%2e HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(statusOf(data), 404);
});

test('a request cut off mid-header does not hang the server', async () => {
  const { data } = await raw('GET / HTTP/1.1\r\nHost: x\r\nAccept-Lang', 300);
  assert.equal(data, '');
  await stillServing();
});

test('many many-query-argument requests are answered', async () => {
  const q = Array.from({ length: 1000 }, (_, i) => `k${i}=v${i}`).join('&');
  const r = await get(srv.base, `/exhibitors?${q}`);
  assert.ok(r.status === 200 || (r.status >= 400 && r.status < 500), String(r.status));
  await stillServing();
});

test('keep-alive: two requests on one connection both get answers', async () => {
  const { data } = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /?lang=fr HTTP/1.1\r\nHost: x\r\n\r\n', 3000, 2);
  const answers = data.split(/(?=HTTP\/1\.1 \d{3} )/).filter(Boolean);
  assert.equal(answers.length, 2, data.slice(0, 200));
  assert.equal(statusOf(answers[0]), 200);
  assert.equal(statusOf(answers[1]), 200);
  assert.match(answers[1], /<html lang="fr"/);
});

test('keep-alive: the server does not answer Connection: close', async () => {
  const { data, closed } = await raw('GET / HTTP/1.1\r\nHost: x\r\n\r\n', 700);
  const head = data.slice(0, data.indexOf('\r\n\r\n'));
  assert.equal(statusOf(head), 200);
  assert.doesNotMatch(head, /^Connection: close/im);
  assert.equal(closed, false, 'the server closed a keep-alive connection after one answer');
});

test('keep-alive: a sequence of requests reuses the connection', async () => {
  // Sent one after the other on the same socket, waiting for each answer.
  const s = net.connect(srv.port, '127.0.0.1');
  await new Promise((r) => s.once('connect', r));
  let buf = '';
  s.on('data', (d) => { buf += d; });
  try {
    for (const path of ['/', '/exhibitors', '/exhibitors/2', '/static/style.css', '/nope']) {
      buf = '';
      s.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const t0 = Date.now();
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        const len = end >= 0 ? Number((buf.match(/\r\nContent-Length: (\d+)/i) || [])[1]) : NaN;
        if (end >= 0 && Buffer.byteLength(buf) >= Buffer.byteLength(buf.slice(0, end + 4)) + len) break;
        assert.ok(!s.destroyed && Date.now() - t0 < 3000, `no full answer to ${path} on the kept connection`);
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.ok([200, 404].includes(statusOf(buf)), path);
    }
  } finally {
    s.destroy();
  }
});

test('HEAD gets headers and no body on a kept connection', async () => {
  const { data } = await raw('HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 1000, 2, true);
  const parts = data.split(/(?=HTTP\/1\.1 \d{3} )/);
  assert.equal(parts.length, 2);
  assert.equal(parts[0].slice(parts[0].indexOf('\r\n\r\n') + 4), '');
  assert.match(parts[1], /\r\n\r\nok\n$/);
});

test('100 concurrent requests are all answered', async () => {
  const rs = await Promise.all(Array.from({ length: 100 }, (_, i) => get(srv.base, i % 2 ? '/' : '/exhibitors?page=2')));
  for (const r of rs) assert.equal(r.status, 200);
});
