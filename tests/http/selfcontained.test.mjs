// selfcontained.test.mjs - one file runs a venue: the binary started from any
// folder, with no po/ beside it and no --share, serves the demo in Arabic
// and French (translations, migrations and static files are built in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './server.mjs';

function portRange() {
  const m = (process.env.COOPFAIR_TEST_PORTS || '').match(/^(\d+)-(\d+)$/);
  return m ? [+m[1], +m[2]] : [18000, 18999];
}

test('the binary serves the demo from an empty folder in Arabic and French', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-alone-'));
  const env = { ...process.env };
  delete env.COOPFAIR_SHARE;
  delete env.COOPFAIR_DB;
  try {
    assert.ok(!existsSync(join(dir, 'po')));
    execFileSync(BIN, ['--db', 'fair.db', 'init', '--demo'], { cwd: dir, env, stdio: 'pipe' });
    const [lo, hi] = portRange();
    let proc, base, stderr = '';
    for (let attempt = 0; attempt < 10 && !base; attempt++) {
      const port = lo + Math.floor(Math.random() * (hi - lo + 1));
      proc = spawn(BIN, ['--db', 'fair.db', '--port', String(port), 'serve'], { cwd: dir, env });
      proc.stderr.on('data', (d) => { stderr += d; });
      const exited = new Promise((r) => proc.once('exit', () => r(true)));
      for (let i = 0; i < 100; i++) {
        const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(false), 50))]);
        if (done) break;
        try {
          const r = await fetch(`http://127.0.0.1:${port}/healthz`);
          if (r.ok) { base = `http://127.0.0.1:${port}`; break; }
        } catch { /* not yet */ }
      }
    }
    assert.ok(base, `the server did not start: ${stderr}`);
    try {
      const ar = await (await fetch(`${base}/exhibitors?lang=ar`)).text();
      assert.match(ar, /<html lang="ar" dir="rtl">/);
      assert.match(ar, /<h1>العارضون<\/h1>/);
      const fr = await (await fetch(`${base}/exhibitors?lang=fr`)).text();
      assert.match(fr, /<h1>Exposants<\/h1>/);
      assert.match(fr, /data-count="80"/);
      const home = await (await fetch(`${base}/?lang=fr`)).text();
      assert.match(home, /Salon des coopératives créatives/);
      const css = await fetch(`${base}/static/style.css`);
      assert.equal(css.status, 200);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    assert.doesNotMatch(stderr, /cannot load|translations/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
