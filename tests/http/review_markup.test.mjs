// review_markup.test.mjs - form pages that re-show an error keep their markup
// intact: the aria-describedby attribute tying a field to its error must be
// an attribute, not escaped text. Found in review: it went through
// html_printf's %s, so pages said aria-describedby=&quot;status-error&quot;
// (the application review page, and the exhibitor's application form).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client, DEMO } from './accounts_helpers.mjs';

function tagsWithEscapedAttributes(html) {
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]).filter((t) => / [a-z-]+=&quot;/.test(t));
}

test('the application review page marks its fields in error with real attributes', async () => {
  const srv = await startServer();
  try {
    const c = new Client(srv.base);
    await c.signIn(...DEMO.committee);
    const csrf = await c.csrf('/admin/applications/1');
    const review = await c.post('/admin/applications/1/review', { csrf, score: '250', note: '' });
    assert.equal(review.status, 422);
    assert.match(review.text, /<input id="score"[^>]* aria-describedby="review-error">/);
    assert.deepEqual(tagsWithEscapedAttributes(review.text), []);
    const status = await c.post('/admin/applications/1/status', { csrf, status: 'nonsense', reason: '' });
    assert.equal(status.status, 422);
    assert.match(status.text, /<textarea id="reason"[^>]* aria-describedby="status-error">/);
    assert.deepEqual(tagsWithEscapedAttributes(status.text), []);
  } finally {
    await srv.stop();
  }
});

test("the exhibitor's application form marks its fields in error with real attributes", async () => {
  const srv = await startServer({
    prepare(db) {
      sqlite(db, "UPDATE application SET status = 'draft', published_status = NULL WHERE cooperative_id = "
        + "(SELECT cooperative_id FROM account WHERE email = 'exhibitor@example.org')");
      // the demo's call closed in 2024: open one with no bounds (issue 10)
      sqlite(db, "UPDATE edition SET state = 'call_open', call_opens_on = '', call_closes_on = ''");
    },
  });
  try {
    const c = new Client(srv.base);
    await c.signIn(...DEMO.exhibitor);
    const csrf = await c.csrf('/my');
    const r = await c.post('/my/application', { csrf, products: 'x'.repeat(2500), share_coop: '999999' });
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    assert.match(r.text, /<textarea id="products"[^>]* aria-describedby="products-error">/);
    assert.match(r.text, /<select id="share_coop"[^>]* aria-describedby="share_coop-error">/);
    assert.deepEqual(tagsWithEscapedAttributes(r.text), []);
  } finally {
    await srv.stop();
  }
});
