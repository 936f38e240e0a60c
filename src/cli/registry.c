/*
 * registry.c - coopfair registry import|export|generate|search|bench.
 *
 *   coopfair registry import FILE [--encoding windows-1256|windows-1252]
 *                                          all or nothing; progress on stderr. CSV in
 *                                          UTF-8, UTF-16 (BOM) or a Windows encoding
 *                                          (shown decoded first: rerun with --encoding
 *                                          to confirm), or an .xlsx workbook
 *        [--update check|apply]            known cooperatives updated instead of
 *                                          refused: check lists every change and
 *                                          writes nothing, apply writes them
 *   coopfair registry export FILE [COLS]   FILE.csv or FILE.xlsx; COLS like name_fr,province
 *   coopfair registry generate N [SEED]    a deterministic CSV of N cooperatives on stdout
 *   coopfair registry search WORDS...      the best 10 matches
 *   coopfair registry bench                search p50/p95 and selection time (bench/registry.sh)
 *
 * Messages follow COOPFAIR_LANG (ar, fr, en), else LANG, else English.
 */
#include "../db/db.h"
#include "../export/registry_export.h"
#include "../i18n/i18n.h"
#include "../model/registry.h"
#include "../model/registry_decode.h"
#include "../model/registry_solve.h"
#include "../util/xalloc.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* cpu_ms - this thread's CPU time. */
static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static lang cli_lang(const struct opts *o)
{
	const char *v = getenv("COOPFAIR_LANG");
	if (!v || !*v)
		v = getenv("LANG");
	int l = lang_parse(v && strlen(v) >= 2 ? (char[3]){ v[0], v[1], 0 } : NULL);
	char po[4096];
	snprintf(po, sizeof po, "%s/po", o->share ? o->share : "");
	lang want = l >= 0 ? (lang)l : LANG_EN;
	if (i18n_load_embedded_lang(want) || (o->share && i18n_load_lang(po, want)))
		fprintf(stderr, "coopfair: translations could not be read; messages in English\n");
	return want;
}

struct progress {
	int tty;
	int last_pct;
};

static void on_progress(void *ctx, long rows, size_t done, size_t total)
{
	struct progress *p = ctx;
	int pct = total ? (int)(done * 100 / total) : 100;
	if (pct == p->last_pct)
		return;
	if (p->tty) {
		fprintf(stderr, "\rcoopfair: import: %3d%% (%ld rows checked)", pct, rows);
		if (pct == 100)
			fputc('\n', stderr);
	} else if (pct / 10 != p->last_pct / 10) {
		fprintf(stderr, "coopfair: import: %3d%% (%ld rows checked)\n", pct, rows);
	}
	p->last_pct = pct;
}

/* read_file - the whole file, at most cap bytes (+1 to detect more). */
static char *read_file(const char *path, size_t cap, size_t *len, size_t *real)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	*real = fstat(fileno(f), &st) == 0 ? (size_t)st.st_size : 0;
	if (*real > cap) {
		fclose(f);
		*len = *real;
		return xstrdup("");
	}
	char *data = xmalloc(*real + 1);
	*len = fread(data, 1, *real, f);
	data[*len] = 0;
	fclose(f);
	return data;
}

/* print_preview - the first rows of decoded text, for a person to judge. */
static void print_preview(arena *a, const char *text, size_t len)
{
	registry_preview_row *rows;
	size_t n = registry_preview(a, text, len, 6, &rows);
	for (size_t i = 0; i < n; i++) {
		fputs("  | ", stderr);
		for (int k = 0; k < rows[i].n; k++)
			fprintf(stderr, "%s | ", rows[i].cells[k]);
		fputc('\n', stderr);
	}
}

/* print_changes - an update import's changes, one a line: where, which
 * cooperative, which column, now -> after (as the web page's table). */
static void print_changes(arena *a, lang l, const char *path, const import_report *rep)
{
	for (size_t i = 0; i < rep->nchanges; i++) {
		const import_change *c = &rep->changes[i];
		printf("%s:%ld: %s: %s: %s -> %s\n", path, c->line, c->name, c->column,
		       *c->before ? c->before : "-", c->after);
	}
	if (rep->more_changes)
		printf("%s: %s\n", path,
		       arena_printf(a,
				    trn(l, "... and %ld more change.", "... and %ld more changes.",
					rep->more_changes),
				    rep->more_changes));
}

static int cmd_import(lang l, const char *path, reg_encoding forced, import_mode mode)
{
	size_t len, real;
	char *data = read_file(path, REGISTRY_IMPORT_MAX, &len, &real);
	if (!data) {
		fprintf(stderr, "coopfair: cannot read %s\n", path);
		return 1;
	}
	arena *a = arena_new(64u << 20);
	import_report rep;
	struct progress pr = { isatty(STDERR_FILENO), -1 };
	double t0 = now_ms();
	cf_err e = real > REGISTRY_IMPORT_MAX ? CF_ERR_TOOBIG : CF_OK;
	if (e) {
		/* do not read a file past the cap: report its size */
		memset(&rep, 0, sizeof rep);
		import_issue is = { .kind = IMP_TOO_BIG, .other = (long)real };
		fprintf(stderr, "coopfair: %s: %s\n", path, registry_issue_text(a, l, &is));
		fprintf(stderr, "coopfair: %s\n",
			tr(l, "Nothing was imported: the registry is unchanged."));
		free(data);
		arena_free(a);
		return 1;
	}
	buf text;
	buf_init(&text, 3u * REGISTRY_IMPORT_MAX);
	reg_encoding enc;
	int guessed;
	e = registry_decode(data, len, forced, &text, &enc, &guessed);
	if (!e && enc == REG_ENC_UTF8) {
		/* not copied: import the bytes read */
		buf_free(&text);
		text.data = data, text.len = len, text.size = len + 1;
		data = NULL;
	}
	free(data);
	if (e) {
		fprintf(stderr, "coopfair: %s: %s\n", path,
			enc == REG_ENC_XLS_OLD
				? tr(l,
				     "This is an Excel 97-2003 workbook (.xls), which coopfair does not read. Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or as CSV UTF-8.")
				: tr(l,
				     "This is an Excel workbook (.xlsx), but it could not be read (damaged or protected). Open it in Excel or LibreOffice and save it again, or save it as CSV UTF-8."));
		buf_free(&text);
		arena_free(a);
		return 1;
	}
	if (guessed) {
		fprintf(stderr, "coopfair: %s: %s\n", path,
			tr(l,
			   "This file is not UTF-8: Excel saved it in a Windows encoding, which a file does not name. Here are its first rows read the likelier way:"));
		print_preview(a, text.data ? text.data : "", text.len);
		fprintf(stderr, "coopfair: %s\n",
			arena_printf(
				a,
				tr(l,
				   "If the names read right, import it with: coopfair registry import %s --encoding %s (else --encoding %s). Nothing was imported yet."),
				path, registry_encoding_code(enc),
				registry_encoding_code(enc == REG_ENC_CP1256 ? REG_ENC_CP1252
									     : REG_ENC_CP1256)));
		buf_free(&text);
		arena_free(a);
		return 1;
	}
	e = registry_import_as(a, text.data ? text.data : "", text.len, 0, mode, on_progress, &pr,
			       &rep);
	double ms = now_ms() - t0;
	buf_free(&text);
	const char **notes;
	size_t nnotes = registry_report_notes(a, l, &rep, &notes);
	for (size_t i = 0; i < nnotes; i++)
		fprintf(stderr, "%s: %s\n", path, notes[i]);
	if (!e && mode != IMPORT_ADD)
		print_changes(a, l, path, &rep);
	if (!e && mode == IMPORT_UPDATE_CHECK) {
		printf("coopfair: %s %s\n",
		       arena_printf(a,
				    trn(l, "%ld new cooperative to add.",
					"%ld new cooperatives to add.", rep.imported),
				    rep.imported),
		       arena_printf(a,
				    trn(l, "%ld known cooperative to update.",
					"%ld known cooperatives to update.", rep.updated),
				    rep.updated));
		printf("coopfair: %s\n", tr(l, "Nothing was imported: the registry is unchanged."));
		arena_free(a);
		return 0;
	}
	if (!e) {
		printf("coopfair: %s\n",
		       arena_printf(a,
				    trn(l, "%ld cooperative imported.",
					"%ld cooperatives imported.", rep.imported),
				    rep.imported));
		if (mode == IMPORT_UPDATE)
			printf("coopfair: %s\n",
			       arena_printf(a,
					    trn(l, "%ld known cooperative updated.",
						"%ld known cooperatives updated.", rep.updated),
					    rep.updated));
		fprintf(stderr, "coopfair: import of %ld rows took %.0f ms\n", rep.imported, ms);
		arena_free(a);
		return 0;
	}
	for (size_t i = 0; i < rep.nissues; i++)
		fprintf(stderr, "%s: %s\n", path, registry_issue_text(a, l, &rep.issues[i]));
	if (rep.more)
		fprintf(stderr, "%s: %s\n", path,
			arena_printf(a,
				     trn(l, "... and %ld more problem.",
					 "... and %ld more problems.", rep.more),
				     rep.more));
	fprintf(stderr, "coopfair: %s\n",
		tr(l, "Nothing was imported: the registry is unchanged."));
	arena_free(a);
	return 1;
}

static int parse_cols(const char *list, export_col *cols)
{
	int n = 0;
	if (!list) {
		for (int i = 0; i < EXP__MAX; i++)
			cols[n++] = (export_col)i;
		return n;
	}
	char *copy = xstrdup(list), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t && n < EXP__MAX;
	     t = strtok_r(NULL, ",", &save)) {
		int found = -1;
		for (int i = 0; i < EXP__MAX; i++)
			if (!strcmp(t, registry_export_col_key((export_col)i)))
				found = i;
		if (found < 0) {
			fprintf(stderr, "coopfair: unknown column '%s'; the columns are:", t);
			for (int i = 0; i < EXP__MAX; i++)
				fprintf(stderr, " %s", registry_export_col_key((export_col)i));
			fputc('\n', stderr);
			free(copy);
			return -1;
		}
		cols[n++] = (export_col)found;
	}
	free(copy);
	return n;
}

static int cmd_export(const char *path, const char *list)
{
	export_col cols[EXP__MAX];
	int n = parse_cols(list, cols);
	if (n <= 0)
		return 2;
	size_t pl = strlen(path);
	int xlsx = pl > 5 && !strcmp(path + pl - 5, ".xlsx");
	if (!xlsx && !(pl > 4 && !strcmp(path + pl - 4, ".csv"))) {
		fprintf(stderr, "coopfair: the export file must end in .csv or .xlsx\n");
		return 2;
	}
	buf b;
	buf_init(&b, 512u << 20);
	cf_err e = xlsx ? registry_export_xlsx(&b, NULL, cols, n)
			: registry_export_csv(&b, NULL, cols, n);
	FILE *f = e ? NULL : fopen(path, "wb");
	if (!e && (!f || fwrite(b.data, 1, b.len, f) != b.len))
		e = CF_ERR_IO;
	if (f && fclose(f))
		e = CF_ERR_IO;
	buf_free(&b);
	if (e) {
		fprintf(stderr, "coopfair: the export to %s failed (%s)\n", path, cf_strerror(e));
		return 1;
	}
	printf("coopfair: %d cooperatives written to %s\n", registry_count(), path);
	return 0;
}

static int cmd_search(int argc, char **argv)
{
	char q[1024] = "";
	size_t o = 0;
	for (int i = 0; i < argc; i++)
		o += (size_t)snprintf(q + o, sizeof q - o, "%s%s", i ? " " : "", argv[i]);
	arena *a = arena_new(8u << 20);
	registry_coop *rows;
	int total;
	size_t n = 0;
	if (registry_search(a, q, 1, 10, &rows, &total, &n)) {
		fprintf(stderr, "coopfair: the search failed\n");
		arena_free(a);
		return 1;
	}
	printf("%d matches\n", total);
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s | %s\t%s\n", rows[i].reg_number, rows[i].name_fr, rows[i].name_ar,
		       rows[i].province_fr);
	arena_free(a);
	return 0;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

/* bench: search latency over typical typed queries (from the registry's own
 * names, cut to partial words, in both scripts), then the selection
 * assistant on 2,000 synthetic applications. Figures only, never a verdict. */
static int cmd_bench(void)
{
	static const char *const typed[] = {
		"amal",
		"al amal",
		"cooperative annour tissage",
		"tapis",
		"تعاونية الامل",
		"الأمل للنسيج",
		"نسيج",
		"زيت",
		"argan",
		"safran",
		"Coopérative Zitouna",
		"figues sèches",
		"زعفران",
		"miel",
		"عسل",
		"cuir fes",
		"Al Ibdaa poterie",
		"الإبداع",
		"medina",
		"واحة",
		"2014/000123",
		"atlas cedre",
		"chebakia",
		"الحلويات",
		"savon beldi",
		"douar",
		"annajah",
		"البركة",
	};
	const int nq = (int)(sizeof typed / sizeof typed[0]), rounds = 20;
	double *ms = xmalloc(sizeof(double) * (size_t)(nq * rounds));
	double *cpu = xmalloc(sizeof(double) * (size_t)(nq * rounds));
	arena *a = arena_new(32u << 20);
	int total;
	registry_coop *rows;
	size_t got;
	cf_err e = registry_search(a, "warm up", 1, 20, &rows, &total, &got);
	for (int r = 0; r < rounds && !e; r++)
		for (int i = 0; i < nq && !e; i++) {
			double t0 = now_ms(), c0 = cpu_ms();
			e = registry_search(a, typed[i], 1, 20, &rows, &total, &got);
			ms[r * nq + i] = now_ms() - t0;
			cpu[r * nq + i] = cpu_ms() - c0;
		}
	arena_free(a);
	if (e) {
		fprintf(stderr, "coopfair: the search failed\n");
		free(ms);
		free(cpu);
		return 1;
	}
	qsort(ms, (size_t)(nq * rounds), sizeof *ms, cmp_double);
	qsort(cpu, (size_t)(nq * rounds), sizeof *cpu, cmp_double);
	int n = nq * rounds;
	/* in-process (registry_search, as the pages call it), no HTTP; the
	 * thread's CPU time is the figure a loaded machine changes least */
	printf("registry: search over %d cooperatives (%d queries, in-process): p50 %.2f ms, p95 %.2f ms, max %.2f ms wall; CPU p50 %.2f ms, p95 %.2f ms (goal p95 <= 5 ms)\n",
	       registry_count(), n, ms[n / 2], ms[n * 95 / 100], ms[n - 1], cpu[n / 2],
	       cpu[n * 95 / 100]);
	free(ms);
	free(cpu);
	double sel_ms;
	int chosen;
	if (selection_bench(2000, &sel_ms, &chosen)) {
		fprintf(stderr, "coopfair: the selection benchmark failed\n");
		return 1;
	}
	printf("registry: selection assistant on 2000 applications: %.1f ms (%d selected)\n",
	       sel_ms, chosen);
	return 0;
}

int cli_registry(const struct opts *o, int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr,
			"coopfair: registry needs a sub-command: import, export, generate, search, bench\n");
		return 2;
	}
	const char *sub = argv[0];
	import_mode mode = !o->update			 ? IMPORT_ADD
			   : !strcmp(o->update, "apply") ? IMPORT_UPDATE
							 : IMPORT_UPDATE_CHECK;
	if (!strcmp(sub, "import") && argc == 2 && !o->encoding)
		return cmd_import(cli_lang(o), argv[1], REG_ENC_AUTO, mode);
	if (!strcmp(sub, "import") && argc == 2) {
		reg_encoding enc = registry_encoding_parse(o->encoding);
		if (enc == REG_ENC_AUTO || enc == REG_ENC_XLS_OLD) {
			fprintf(stderr,
				"coopfair: --encoding takes utf-8, utf-16, windows-1256, windows-1252 or xlsx\n");
			return 2;
		}
		return cmd_import(cli_lang(o), argv[1], enc, mode);
	}
	if (!strcmp(sub, "export") && (argc == 2 || argc == 3))
		return cmd_export(argv[1], argc == 3 ? argv[2] : NULL);
	if (!strcmp(sub, "generate") && (argc == 2 || argc == 3)) {
		long n = strtol(argv[1], NULL, 10);
		uint64_t seed = argc == 3 ? strtoull(argv[2], NULL, 10) : 0;
		if (n <= 0 || n > 1000000) {
			fprintf(stderr,
				"coopfair: registry generate takes a number of rows from 1 to 1000000\n");
			return 2;
		}
		cf_err e = registry_generate(stdout, n, seed);
		if (e)
			fprintf(stderr, "coopfair: generating failed (%s)\n", cf_strerror(e));
		return e ? 1 : 0;
	}
	if (!strcmp(sub, "search") && argc >= 2)
		return cmd_search(argc - 1, argv + 1);
	if (!strcmp(sub, "bench") && argc == 1)
		return cmd_bench();
	fprintf(stderr,
		"coopfair: usage: coopfair registry import FILE [--encoding E] [--update check|apply] | export FILE.csv|FILE.xlsx [COLUMNS] | "
		"generate N [SEED] | search WORDS | bench\n");
	return 2;
}
