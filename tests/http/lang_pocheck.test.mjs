// lang_pocheck.test.mjs - tools/po-check.sh holds the vocabulary of
// docs/glossary.md and the rule on counts (issue 19): it passes on the tree
// as it is, and fails on a copy where one translation uses a forbidden form,
// or where the code shows a count with a noun that is neither a plural
// message nor a label. Each run works on a copy of the files po-check reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './server.mjs';

// poCheck - po-check run on a temporary copy of what it reads, after
// change(dir) edits the copy; {status, out}.
function poCheck(change) {
  const dir = mkdtempSync(join(tmpdir(), 'coopfair-pocheck-'));
  try {
    for (const p of ['tools/po-check.sh', 'docs/glossary.md', 'src', 'po']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
    if (change) change(dir);
    const r = spawnSync('sh', [join(dir, 'tools/po-check.sh')],
      { encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, BUILD: 'build', LC_ALL: 'C.UTF-8' } });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('po-check passes on the tree and reports the glossary and the counts', () => {
  const r = poCheck();
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /glossary: 0 forbidden form\(s\)/);
  assert.match(r.out, /counts: [1-9]\d* plural, [1-9]\d* label, 0 neither/);
});

test('po-check fails on a forbidden variant in a translation', () => {
  const r = poCheck((dir) => {
    const f = join(dir, 'po/ar/lang.po');
    // "المكتب الخلفي" is the back office the glossary renamed
    writeFileSync(f, readFileSync(f, 'utf8').replace('msgstr "الرسالة"', 'msgstr "رسالة المكتب الخلفي"'));
  });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /forbidden: ar: "Message": \/المكتب الخلفي\//);
  assert.match(r.out, /glossary: 1 forbidden form/);
});

test('po-check fails on a forbidden French form, a plain space before a colon and inside « »', () => {
  const r = poCheck((dir) => {
    const f = join(dir, 'po/fr/lang.po');
    writeFileSync(f, readFileSync(f, 'utf8').replace('msgstr "Compte"', 'msgstr "Compte : téléverser « x »"'));
  });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /forbidden: fr: "Account": \/\[Tt\]éléverser\//);
  assert.match(r.out, /forbidden: fr: "Account": .*U\+202F before/);
  assert.match(r.out, /forbidden: fr: "Account": .*U\+202F inside « »/);
});

test('po-check fails on a forbidden form in the demo texts', () => {
  const r = poCheck((dir) => {
    appendFileSync(join(dir, 'src/model/demo.c'), '\nstatic const char *const unused_label = "Comité (sample)";\n');
  });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /forbidden: demo: src\/model\/demo\.c:\d+:/);
});

test('po-check fails on a count with a noun that is neither a plural nor a label', () => {
  const r = poCheck((dir) => {
    writeFileSync(join(dir, 'src/pages/lang_count_probe.c'),
      '#include "../i18n/i18n.h"\nconst char *probe(lang l);\nconst char *probe(lang l)\n{\n\treturn tr(l, "%d women, %d men");\n}\n');
    // translated, so that only the count rule can fail
    for (const [lang, str] of [['ar', 'النساء %d، الرجال %d'], ['fr', '%d femmes, %d hommes']])
      appendFileSync(join(dir, `po/${lang}/lang.po`), `\n#, c-format\nmsgid "%d women, %d men"\nmsgstr "${str}"\n`);
  });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /count: "%d women, %d men"/);
  assert.match(r.out, /counts: \d+ plural, \d+ label, 1 neither/);
});
