/*
 * registry_import.c - the registry's CSV import into the database, all or
 * nothing, with a line-by-line report: column headers matched in French or
 * Arabic, each row checked (required values, numbers, dates, provinces,
 * duplicates in the file and in the registry) and inserted inside one
 * transaction. Reading the CSV and its cell values is in registry_csv.c;
 * the test-file generator in registry_gen.c. See registry.h.
 */
#include "../db/db.h"
#include "../util/buf.h"
#include "../util/text.h"
#include "../util/xalloc.h"
#include "audit.h"
#include "registry.h"
#include "registry_columns.h"
#include "registry_csv.h"
#include "registry_text.h"
#include "registry_update.h"
#include "../util/clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define VALUE_MAX 1000

static const char SQL_PROVINCES[] = "SELECT id, code, name_fr, name_ar FROM province";
/* every key of the registry, read once: duplicates are then found in memory */
static const char SQL_KEYS[] =
	"SELECT province_id, name_ar_key, name_fr_key, reg_key, name_fr, name_ar, "
	"coalesce(reg_number, ''), id FROM cooperative";
static const char SQL_INSERT[] =
	"INSERT INTO cooperative (name_ar, name_fr, legal_form, reg_number, reg_date, province_id, "
	"sector, products_ar, products_fr, members_women, members_men, members_young, women_led, "
	"first_time, contact_name, phone, email, name_ar_key, name_fr_key, reg_key, women_led_known, "
	"first_time_known, members_known, created_at, indexed) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
static const char SQL_FTS_INSERT[] =
	"INSERT INTO cooperative_fts (rowid, names, other) VALUES (?, ?, ?)";

/* ---- a string set with the line each key was first seen on ---- */
/* Open addressing, the hash kept in the slot (probes compare it before the
 * bytes), keys copied into an arena freed in one go: an import of 65,000
 * rows adds 200,000 keys, and malloc per key was a tenth of its time. */
struct set {
	struct slot {
		uint64_t h;
		char *key;
		long line;
		char *detail; /* the registry's own: what to show the organiser */
	} * s;
	size_t size, count;
	arena *keys;
};

/* hash - eight bytes at a time, then a final mix (keys are 10-100 bytes). */
static uint64_t hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 29;
	return h | 1; /* never 0: 0 marks an empty slot */
}

/* set_init - an empty set sized for about `expect` keys. */
static void set_init(struct set *t, size_t expect)
{
	size_t size = 1024;
	while (size < expect * 2 && size < (1u << 26))
		size *= 2;
	t->s = xcalloc(size, sizeof *t->s);
	t->size = size;
	t->count = 0;
	t->keys = arena_new(512u << 20);
}

/* set_slot - the slot of key (hash h): its own, or the empty one it would take. */
static struct slot *set_slot(const struct set *t, const char *key, uint64_t h)
{
	size_t j = h & (t->size - 1);
	while (t->s[j].h && (t->s[j].h != h || strcmp(t->s[j].key, key)))
		j = (j + 1) & (t->size - 1);
	return &t->s[j];
}

/* set_add - 0 when key is new (recorded with line), else the line it was first seen on. */
static long set_add(struct set *t, const char *key, long line)
{
	if ((t->count + 1) * 2 > t->size) {
		struct set n = *t;
		n.size = t->size * 2;
		n.s = xcalloc(n.size, sizeof *n.s);
		for (size_t i = 0; i < t->size; i++)
			if (t->s[i].h)
				*set_slot(&n, t->s[i].key, t->s[i].h) = t->s[i];
		free(t->s);
		*t = n;
	}
	uint64_t h = hash(key);
	struct slot *sl = set_slot(t, key, h);
	if (sl->h)
		return sl->line;
	sl->h = h;
	sl->key = arena_strdup(t->keys, key);
	sl->line = line;
	t->count++;
	return 0;
}

/* set_find - the slot of key, or NULL. */
static struct slot *set_find(const struct set *t, const char *key)
{
	struct slot *sl = set_slot(t, key, hash(key));
	return sl->h ? sl : NULL;
}

static void set_free(struct set *t)
{
	for (size_t i = 0; i < t->size; i++)
		free(t->s[i].detail);
	free(t->s);
	arena_free(t->keys);
}

struct province {
	int64_t id;
	char code[64], fr[128], ar[128];
	const char *name_fr, *name_ar, *other;
};

/* The provinces of the last lines, as written: files repeat a handful of
 * spellings, and folding and comparing each against 75 provinces was a
 * noticeable part of an import. Direct-mapped by hash. */
struct province_cache {
	char raw[64];
	struct province *p;
};

#define PCACHE 1024

/* find_province - by code, French or Arabic name, with or without a
 * "province de" / "préfecture de" / "إقليم" / "عمالة" in front. */
static struct province *find_province(struct province *v, int n, const char *s)
{
	static const char *const prefixes[] = { "province de ",	 "province d ", "prefecture de ",
						"prefecture d ", "province ",	"prefecture ",
						"اقليم ",	 "عماله ",	"عمالات " };
	char k[256];
	registry_norm(s, k, sizeof k);
	const char *key = k;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (!strncmp(key, prefixes[i], strlen(prefixes[i]))) {
			key += strlen(prefixes[i]);
			break;
		}
	if (!*key)
		return NULL;
	for (int i = 0; i < n; i++)
		if (!strcmp(key, v[i].code) || !strcmp(key, v[i].fr) || !strcmp(key, v[i].ar))
			return &v[i];
	/* a Latin spelling people write (Fez, Miknas): the registry's */
	const char *canon = registry_place_spelling(key, strlen(key));
	for (int i = 0; canon && i < n; i++)
		if (!strcmp(canon, v[i].code) || !strcmp(canon, v[i].fr))
			return &v[i];
	return NULL;
}

/* ---- the import ---- */

struct importer;
static struct province *cached_province(struct importer *im, const char *s);

static void add_issue(arena *a, import_report *rep, import_problem kind, long line,
		      const char *column, const char *value, long other, const char *detail)
{
	if (rep->nissues >= REGISTRY_REPORT_MAX) {
		rep->more++;
		return;
	}
	import_issue *is = &rep->issues[rep->nissues++];
	is->kind = kind;
	is->line = line;
	is->column = column ? arena_strdup(a, column) : "";
	/* long values are cut in the report: enough to find them in the file */
	is->value = value ? arena_strndup(a, value, strlen(value) > 80 ? 80 : strlen(value)) : "";
	is->other = other;
	is->detail = detail ? arena_strdup(a, detail) : "";
}

/* put - parts joined by sep into out, cut at cap - 1 bytes as snprintf
 * would: "%s %s" per row through snprintf was 4 % of an import. */
static size_t put(char *out, size_t cap, const char *const *parts, int n, char sep)
{
	size_t o = 0;
	for (int i = 0; i < n && o + 1 < cap; i++) {
		if (i)
			out[o++] = sep;
		size_t len = strlen(parts[i]);
		if (o + len + 1 > cap)
			len = cap - 1 - o;
		memcpy(out + o, parts[i], len);
		o += len;
	}
	out[o < cap ? o : cap - 1] = 0;
	return o;
}

/* name_key - "i|province|key" (as snprintf "%d|%lld|%s"), the key of a
 * normalised name in one province. */
static void name_key(char *out, size_t cap, int i, int64_t province, const char *key)
{
	char num[24];
	int n = 0;
	uint64_t v = (uint64_t)(province < 0 ? -province : province);
	do
		num[sizeof num - 1 - (size_t)n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 20);
	if (province < 0)
		num[sizeof num - 1 - (size_t)n++] = '-';
	char id[24];
	memcpy(id, num + sizeof num - (size_t)n, (size_t)n);
	id[n] = 0;
	const char *parts[3] = { i ? "1" : "0", id, key };
	put(out, cap, parts, 3, '|');
}

struct importer {
	arena *a;
	import_report *rep;
	struct province *prov;
	int nprov;
	int col[F__MAX];      /* field -> column index, -1 when absent */
	const char **headers; /* as written */
	int nheaders;
	struct province_cache *pcache; /* PCACHE slots */
	char now[21];		       /* ISO-8601 UTC: every row's created_at */
	struct set regs, names;	       /* this file's keys, with their lines */
	struct set db_regs, db_names;  /* the registry's keys, read once */
	int writing;		       /* still inserting: no problem found so far */
	import_mode mode;
};

static struct province *cached_province(struct importer *im, const char *s)
{
	size_t n = strlen(s);
	if (n >= sizeof im->pcache[0].raw)
		return find_province(im->prov, im->nprov, s);
	struct province_cache *c = &im->pcache[(hash(s) >> 40) & (PCACHE - 1)];
	if (c->p && !strcmp(c->raw, s))
		return c->p;
	struct province *p = find_province(im->prov, im->nprov, s);
	if (p) {
		memcpy(c->raw, s, n + 1);
		c->p = p;
	}
	return p;
}

/* check_row - validate one record and, while the file is clean, insert it. */
static void import_row(struct importer *im, regcsv *c, long line)
{
	import_report *rep = im->rep;
	arena *a = im->a;
	size_t before = rep->nissues + (size_t)rep->more;
	const char *v[F__MAX];
	if (c->n != im->nheaders) {
		/* tolerate empty cells a spreadsheet adds after the last column */
		int extra_empty = c->n > im->nheaders;
		for (int i = im->nheaders; i < c->n && extra_empty; i++)
			if (*regcsv_field(c, i))
				extra_empty = 0;
		if (!extra_empty) {
			add_issue(a, rep, IMP_FIELD_COUNT, line, NULL, NULL, c->n,
				  arena_printf(a, "%d", im->nheaders));
			im->writing = 0;
			return;
		}
	}
	for (int f = 0; f < F__MAX; f++) {
		/* the text rule (util/text.h), as for every way in */
		v[f] = im->col[f] >= 0 ? text_cleaned(a, regcsv_field(c, im->col[f])) : "";
		if (strlen(v[f]) > VALUE_MAX)
			add_issue(a, rep, IMP_TOO_LONG, line, im->headers[im->col[f]], NULL, 0,
				  NULL);
	}
#define HDR(f) im->headers[im->col[f]]
	if (!*v[F_NAME_AR] && !*v[F_NAME_FR])
		add_issue(a, rep, IMP_REQUIRED, line,
			  im->col[F_NAME_FR] >= 0 ? HDR(F_NAME_FR) : HDR(F_NAME_AR), NULL, 0, NULL);
	char reg[128];
	registry_digits(v[F_REG], reg, sizeof reg);
	if (!*reg)
		add_issue(a, rep, IMP_REQUIRED, line, HDR(F_REG), NULL, 0, NULL);
	struct province *p = NULL;
	if (!*v[F_PROVINCE])
		add_issue(a, rep, IMP_REQUIRED, line, HDR(F_PROVINCE), NULL, 0, NULL);
	else if (!(p = cached_province(im, v[F_PROVINCE])))
		add_issue(a, rep, IMP_PROVINCE, line, HDR(F_PROVINCE), v[F_PROVINCE], 0, NULL);
	const char *legal = regcsv_legal(v[F_LEGAL]);
	if (!legal)
		add_issue(a, rep, IMP_LEGAL_FORM, line, HDR(F_LEGAL), v[F_LEGAL], 0, NULL);
	char date[11] = "";
	if (*v[F_REG_DATE] && !regcsv_date(v[F_REG_DATE], date))
		add_issue(a, rep, IMP_DATE, line, HDR(F_REG_DATE), v[F_REG_DATE], 0, NULL);
	long num[3] = { 0, 0, 0 };
	static const enum field numf[3] = { F_WOMEN, F_MEN, F_YOUNG };
	for (int i = 0; i < 3; i++)
		if (*v[numf[i]] && (num[i] = regcsv_count(v[numf[i]])) < 0)
			add_issue(a, rep, IMP_NUMBER, line, HDR(numf[i]), v[numf[i]], 0, NULL);
	/* a fact the file does not give (no column, or an empty cell) is
	 * unknown, not "no": it must not count against the women quota */
	int wl_known = *v[F_WOMEN_LED] != 0, first_known = *v[F_FIRST] != 0;
	int members_known = *v[F_WOMEN] || *v[F_MEN] || *v[F_YOUNG];
	int wl = regcsv_yesno(v[F_WOMEN_LED]), first = first_known ? regcsv_yesno(v[F_FIRST]) : 1;
	if (wl < 0)
		add_issue(a, rep, IMP_YESNO, line, HDR(F_WOMEN_LED), v[F_WOMEN_LED], 0, NULL);
	if (first < 0)
		add_issue(a, rep, IMP_YESNO, line, HDR(F_FIRST), v[F_FIRST], 0, NULL);
	if (*v[F_EMAIL] && !regcsv_email_ok(v[F_EMAIL]))
		add_issue(a, rep, IMP_EMAIL, line, HDR(F_EMAIL), v[F_EMAIL], 0, NULL);
	char phone[24];
	if (!regcsv_phone(v[F_PHONE], phone))
		add_issue(a, rep, IMP_PHONE, line, HDR(F_PHONE), v[F_PHONE], 0, NULL);

	/* duplicates: first within the file, then against the registry */
	db *d = db_thread();
	char key_ar[1024], key_fr[1024], k[1100];
	registry_norm(v[F_NAME_AR], key_ar, sizeof key_ar);
	registry_norm(v[F_NAME_FR], key_fr, sizeof key_fr);
	/* one key for the number however it is written, in the file and
	 * against the whole registry */
	char rk[256];
	registry_reg_key(reg, rk, sizeof rk);
	int64_t known = 0; /* update modes: the registered cooperative this line names */
	if (*reg) {
		long prev = set_add(&im->regs, *rk ? rk : reg, line);
		if (prev)
			add_issue(a, rep, IMP_DUP_REG_FILE, line, HDR(F_REG), reg, prev, NULL);
		else {
			struct slot *hit = set_find(&im->db_regs, *rk ? rk : reg);
			if (hit && im->mode == IMPORT_ADD)
				add_issue(a, rep, IMP_DUP_REG_DB, line, HDR(F_REG), reg, 0,
					  hit->detail);
			else if (hit)
				known = hit->line;
		}
	}
	if (p) {
		const char *keys[2] = { key_ar, key_fr };
		const char *shown[2] = { v[F_NAME_AR], v[F_NAME_FR] };
		for (int i = 0; i < 2; i++) {
			if (!*keys[i])
				continue;
			name_key(k, sizeof k, i, p->id, keys[i]);
			long prev = set_add(&im->names, k, line);
			if (prev) {
				add_issue(a, rep, IMP_DUP_NAME_FILE, line, NULL, shown[i], prev,
					  NULL);
				break;
			}
			if (!known && set_find(&im->db_names, k)) {
				add_issue(a, rep, IMP_DUP_NAME_DB, line, NULL, shown[i], 0, NULL);
				break;
			}
		}
	}
	if (rep->nissues + (size_t)rep->more != before)
		im->writing = 0;
	if (!im->writing)
		return;
	if (known) {
		/* what the file gives and differs; an empty cell keeps the value */
		reg_line ln = { .province_id = p ? p->id : 0 };
		static const enum field from[REG_LINE__MAX] = {
			F_NAME_AR, F_NAME_FR, F_LEGAL, F_REG_DATE, F_PROVINCE, F_SECTOR,
			F_PROD_AR, F_PROD_FR, F_WOMEN, F_MEN,	   F_YOUNG,    F_WOMEN_LED,
			F_FIRST,   F_CONTACT, F_PHONE, F_EMAIL,
		};
		for (int f = 0; f < REG_LINE__MAX; f++) {
			ln.header[f] = im->col[from[f]] >= 0 ? HDR(from[f]) : NULL;
			ln.value[f] = v[from[f]];
		}
		ln.value[REG_LINE_LEGAL] = *v[F_LEGAL] ? legal : "";
		ln.value[REG_LINE_DATE] = date;
		ln.value[REG_LINE_PROVINCE] = p ? p->name_fr : "";
		for (int i = 0; i < 3; i++)
			ln.value[REG_LINE_WOMEN + i] =
				*v[numf[i]] ? arena_printf(a, "%ld", num[i]) : "";
		ln.value[REG_LINE_WOMEN_LED] = wl_known ? (wl ? "1" : "0") : "";
		ln.value[REG_LINE_FIRST] = first_known ? (first ? "1" : "0") : "";
		ln.value[REG_LINE_PHONE] = phone;
		if (registry_update_known(a, known, &ln, line, im->mode == IMPORT_UPDATE, rep)) {
			add_issue(a, rep, IMP_DB, line, NULL, NULL, 0, NULL);
			im->writing = 0;
		}
		return;
	}
	if (im->mode == IMPORT_UPDATE_CHECK) {
		rep->imported++; /* to be added */
		return;
	}

	db_stmt *s = db_prepare(d, SQL_INSERT);
	db_bind_text_kept(s, 1, v[F_NAME_AR]);
	db_bind_text_kept(s, 2, v[F_NAME_FR]);
	db_bind_text_kept(s, 3, legal);
	db_bind_text_kept(s, 4, reg);
	db_bind_text_kept(s, 5, *date ? date : NULL);
	db_bind_int(s, 6, p->id);
	db_bind_text_kept(s, 7, v[F_SECTOR]);
	db_bind_text_kept(s, 8, v[F_PROD_AR]);
	db_bind_text_kept(s, 9, v[F_PROD_FR]);
	for (int i = 0; i < 3; i++)
		db_bind_int(s, 10 + i, num[i]);
	db_bind_int(s, 13, wl);
	db_bind_int(s, 14, first);
	db_bind_text_kept(s, 15, v[F_CONTACT]);
	db_bind_text_kept(s, 16, phone);
	db_bind_text_kept(s, 17, v[F_EMAIL]);
	db_bind_text_kept(s, 18, key_ar);
	db_bind_text_kept(s, 19, key_fr);
	db_bind_text_kept(s, 20, rk);
	db_bind_int(s, 21, wl_known);
	db_bind_int(s, 22, first_known);
	db_bind_int(s, 23, members_known);
	/* the import's time, once (the column's default formatted it per row) */
	db_bind_text_kept(s, 24, im->now);
	cf_err e = db_run(s);
	if (!e) {
		/* the same texts registry_index_pending builds */
		char both[2100], names[4096], other[4200], rest[8192];
		size_t lar = strlen(key_ar), lfr = strlen(key_fr);
		if (lar + 8 < sizeof key_ar && lfr + 8 < sizeof key_fr) {
			/* registry_norm of "ar fr" is the two keys joined by a space
			 * (it folds letter by letter): not folded twice */
			const char *parts[2] = { lar ? key_ar : key_fr, key_fr };
			size_t n = put(names, sizeof names, parts, lar && lfr ? 2 : 1, ' ');
			registry_index_normed(names, n, sizeof names);
		} else {
			put(both, sizeof both, (const char *const[]){ v[F_NAME_AR], v[F_NAME_FR] },
			    2, ' ');
			registry_index_text(both, names, sizeof names);
		}
		/* the province's part is folded once per province (p->other) */
		put(other, sizeof other,
		    (const char *const[]){ reg, v[F_SECTOR], v[F_PROD_AR], v[F_PROD_FR] }, 4, ' ');
		size_t rn = registry_index_text(other, rest, sizeof rest);
		if (*p->other && rn + 1 + strlen(p->other) + 1 <= sizeof rest) {
			rest[rn] = ' ';
			memcpy(rest + rn + 1, p->other, strlen(p->other) + 1);
		}
		s = db_prepare(d, SQL_FTS_INSERT);
		db_bind_int(s, 1, db_last_id(d));
		db_bind_text_kept(s, 2, names);
		db_bind_text_kept(s, 3, rest);
		e = db_run(s);
	}
	if (e) {
		add_issue(a, rep, IMP_DB, line, NULL, NULL, 0, NULL);
		im->writing = 0;
	} else {
		rep->imported++;
		rep->unknown_women_led += !wl_known;
		rep->unknown_first_time += !first_known;
		rep->unknown_members += !members_known;
	}
#undef HDR
}

cf_err registry_import(arena *a, const char *data, size_t len, int64_t actor, import_progress cb,
		       void *cb_ctx, import_report *rep)
{
	return registry_import_as(a, data, len, actor, IMPORT_ADD, cb, cb_ctx, rep);
}

cf_err registry_import_as(arena *a, const char *data, size_t len, int64_t actor, import_mode mode,
			  import_progress cb, void *cb_ctx, import_report *rep)
{
	memset(rep, 0, sizeof *rep);
	rep->mode = mode;
	rep->issues = arena_alloc(a, REGISTRY_REPORT_MAX * sizeof *rep->issues);
	if (len > REGISTRY_IMPORT_MAX) {
		add_issue(a, rep, IMP_TOO_BIG, 0, NULL, NULL, (long)len, NULL);
		return CF_ERR_TOOBIG;
	}
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		data += 3, len -= 3;
	long bad = regcsv_bad_line((const unsigned char *)data, len);
	if (bad) {
		add_issue(a, rep, IMP_ENCODING, bad, NULL, NULL, 0, NULL);
		return CF_ERR_INVALID;
	}
	struct importer im = { .a = a, .rep = rep, .writing = 1, .mode = mode };
	im.pcache = arena_alloc(a, PCACHE * sizeof *im.pcache);
	clock_now_iso(im.now);
	regcsv c = { .p = data, .end = data + len, .line = 1 };
	c.sep = rep->separator = regcsv_separator(data, data + len);
	buf_init(&c.field, 8u << 20);
	long line;
	int rc;
	/* the header: the first non-empty record */
	while ((rc = regcsv_next(&c, &line)) == 1 && c.n == 1 && !*regcsv_field(&c, 0))
		;
	if (rc <= 0) {
		add_issue(a, rep, rc < 0 ? IMP_QUOTE : IMP_EMPTY, line, NULL, NULL, 0, NULL);
		buf_free(&c.field);
		return CF_ERR_INVALID;
	}
	im.nheaders = c.n < REGCSV_FIELDS_MAX ? c.n : REGCSV_FIELDS_MAX;
	im.headers = arena_alloc(a, (size_t)im.nheaders * sizeof *im.headers);
	rep->ignored = arena_alloc(a, (size_t)im.nheaders * sizeof *rep->ignored);
	for (int f = 0; f < F__MAX; f++)
		im.col[f] = -1;
	for (int i = 0; i < im.nheaders; i++) {
		im.headers[i] = arena_strdup(a, regcsv_field(&c, i));
		char hk[256];
		registry_norm(im.headers[i], hk, sizeof hk);
		int f = registry_column_of(hk);
		if (f < 0) {
			rep->ignored[rep->nignored++] = im.headers[i];
		} else if (im.col[f] >= 0) {
			/* the same header twice is a mistake; two spellings of one
			 * field (Raison sociale and Dénomination) are not: the
			 * first is read, the other reported as ignored */
			char first[256];
			registry_norm(im.headers[im.col[f]], first, sizeof first);
			if (!strcmp(first, hk))
				add_issue(a, rep, IMP_DUP_COLUMN, line, im.headers[i], NULL, 0,
					  NULL);
			else
				rep->ignored[rep->nignored++] = im.headers[i];
		} else {
			im.col[f] = i;
		}
	}
	if (im.col[F_NAME_AR] < 0 && im.col[F_NAME_FR] < 0)
		add_issue(a, rep, IMP_NO_COLUMN, 0, registry_field_names[F_NAME_FR], NULL, 0, NULL);
	if (im.col[F_REG] < 0)
		add_issue(a, rep, IMP_NO_COLUMN, 0, registry_field_names[F_REG], NULL, 0, NULL);
	if (im.col[F_PROVINCE] < 0)
		add_issue(a, rep, IMP_NO_COLUMN, 0, registry_field_names[F_PROVINCE], NULL, 0,
			  NULL);
	if (rep->nissues) {
		buf_free(&c.field);
		return CF_ERR_INVALID;
	}
	/* Absent optional columns read as "" through a virtual empty column. */
	const char **hdrs = arena_alloc(a, (size_t)(im.nheaders + 1) * sizeof *hdrs);
	memcpy(hdrs, im.headers, (size_t)im.nheaders * sizeof *hdrs);
	hdrs[im.nheaders] = "";
	im.headers = hdrs;

	db *d = db_thread();
	registry_index_pending(); /* name keys of existing rows are up to date */
	db_stmt *s = db_prepare(d, SQL_PROVINCES);
	im.prov = arena_alloc(a, 128 * sizeof *im.prov);
	while (im.nprov < 128 && db_step(s) == DB_ROW) {
		struct province *p = &im.prov[im.nprov++];
		p->id = db_col_int(s, 0);
		registry_norm(db_col_text(s, 1), p->code, sizeof p->code);
		p->name_fr = arena_strdup(a, db_col_text(s, 2));
		p->name_ar = arena_strdup(a, db_col_text(s, 3));
		registry_norm(p->name_fr, p->fr, sizeof p->fr);
		registry_norm(p->name_ar, p->ar, sizeof p->ar);
		char both[300], folded[600];
		snprintf(both, sizeof both, "%s %s", p->name_fr, p->name_ar);
		registry_index_text(both, folded, sizeof folded);
		p->other = arena_strdup(a, folded);
	}
	db_done(s);

	db_bulk(d, 1);
	/* the registry's keys, after registry_index_pending made them current */
	size_t expect = len / 200 + 16; /* lines in the file, about (the set grows past it) */
	set_init(&im.regs, expect);
	set_init(&im.names, 2 * expect);
	set_init(&im.db_regs, (size_t)registry_count());
	set_init(&im.db_names, 2 * (size_t)registry_count());
	s = db_prepare(d, SQL_KEYS);
	while (db_step(s) == DB_ROW) {
		char k[1100];
		const char *reg_key = db_col_text(s, 3);
		if (*reg_key && !set_add(&im.db_regs, reg_key, (long)db_col_int(s, 7))) {
			struct slot *slot = set_find(&im.db_regs, reg_key);
			const char *name =
				*db_col_text(s, 4) ? db_col_text(s, 4) : db_col_text(s, 5);
			size_t n = strlen(name) + strlen(db_col_text(s, 6)) + 3;
			slot->detail = xmalloc(n);
			snprintf(slot->detail, n, "%s, %s", name, db_col_text(s, 6));
		}
		for (int i = 0; i < 2; i++)
			if (*db_col_text(s, 1 + i)) {
				name_key(k, sizeof k, i, db_col_int(s, 0), db_col_text(s, 1 + i));
				set_add(&im.db_names, k, 1);
			}
	}
	db_done(s);
	cf_err e = db_begin(d);
	if (e) {
		db_bulk(d, 0);
		add_issue(a, rep, IMP_DB, 0, NULL, NULL, 0, NULL);
		buf_free(&c.field);
		set_free(&im.regs);
		set_free(&im.names);
		set_free(&im.db_regs);
		set_free(&im.db_names);
		return e;
	}
	while ((rc = regcsv_next(&c, &line)) != 0) {
		if (rc < 0) {
			add_issue(a, rep, IMP_QUOTE, line, NULL, NULL, 0, NULL);
			im.writing = 0;
			break;
		}
		int blank = 1; /* a blank line, or one of separators only (Excel leaves them) */
		for (int i = 0; i < c.n && i < REGCSV_FIELDS_MAX && blank; i++)
			blank = !*regcsv_field(&c, i);
		if (blank)
			continue;
		rep->rows++;
		import_row(&im, &c, line);
		if (cb && rep->rows % 1000 == 0)
			cb(cb_ctx, rep->rows, (size_t)(c.p - data), len);
	}
	if (cb)
		cb(cb_ctx, rep->rows, len, len);
	buf_free(&c.field);
	set_free(&im.regs);
	set_free(&im.names);
	set_free(&im.db_regs);
	set_free(&im.db_names);
	if (!rep->nissues && !rep->rows)
		add_issue(a, rep, IMP_EMPTY, 0, NULL, NULL, 0, NULL);
	cf_err result = CF_ERR_INVALID;
	if (!rep->nissues && mode == IMPORT_UPDATE_CHECK) {
		db_rollback(d); /* a check writes nothing */
		db_bulk(d, 0);
		return CF_OK;
	}
	if (!rep->nissues) {
		char after[64];
		snprintf(after, sizeof after, "{\"rows\":%ld,\"updated\":%ld}", rep->imported,
			 rep->updated);
		e = audit_record(actor, "registry.import", "cooperative", 0, NULL, after);
		if (!e)
			e = db_commit(d);
		if (e)
			add_issue(a, rep, IMP_DB, 0, NULL, NULL, 0, NULL);
		result = e ? CF_ERR_DB : CF_OK;
	}
	if (result)
		db_rollback(d), rep->imported = 0;
	db_bulk(d, 0);
	return result;
}
