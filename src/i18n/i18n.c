/* i18n.c - see i18n.h. */
#include "i18n.h"
#include "../util/embedded.h"
#include "../util/xalloc.h"

#include <dirent.h>
#include <gettext-po.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* One open-addressing table per language, filled at start-up. */
struct entry {
	char *msgid, *msgstr;
};
struct table {
	struct entry *slots;
	size_t size, count;
};
static struct table tables[LANG__MAX];

static const char *const codes[LANG__MAX] = { "ar", "fr", "en" };
static const char *const natives[LANG__MAX] = { "العربية", "Français", "English" };

static uint64_t hash(const char *s)
{
	/* the first 32 bytes: msgids are long sentences looked up on every
	 * page, and their beginnings already tell them apart well enough (a
	 * slot's msgid is compared whole) */
	uint64_t h = 1469598103934665603ull;
	for (int n = 0; *s && n < 32; s++, n++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct entry *slot_for(struct table *t, const char *id)
{
	size_t i = hash(id) & (t->size - 1);
	while (t->slots[i].msgid && strcmp(t->slots[i].msgid, id))
		i = (i + 1) & (t->size - 1);
	return &t->slots[i];
}

static void table_put(struct table *t, const char *id, const char *str)
{
	if ((t->count + 1) * 2 > t->size) {
		struct table n = { 0 };
		n.size = t->size ? t->size * 2 : 256;
		n.slots = xcalloc(n.size, sizeof *n.slots);
		for (size_t i = 0; i < t->size; i++)
			if (t->slots[i].msgid)
				*slot_for(&n, t->slots[i].msgid) = t->slots[i];
		n.count = t->count;
		free(t->slots);
		*t = n;
	}
	struct entry *e = slot_for(t, id);
	if (e->msgid) {
		free(e->msgstr);
		e->msgstr = xstrdup(str);
		return;
	}
	e->msgid = xstrdup(id);
	e->msgstr = xstrdup(str);
	t->count++;
}

static const char *table_get(const struct table *t, const char *id)
{
	if (!t->size)
		return NULL;
	size_t i = hash(id) & (t->size - 1);
	while (t->slots[i].msgid) {
		if (!strcmp(t->slots[i].msgid, id))
			return t->slots[i].msgstr;
		i = (i + 1) & (t->size - 1);
	}
	return NULL;
}

#define PLURAL_FORMS_MAX 6

/* plural_forms - how many plural forms a language has (CLDR). */
static int plural_forms(lang l)
{
	return l == LANG_AR ? 6 : 2;
}

/* plural_form - which form a count takes: Arabic has six (zero, one, two,
 * few 3-10, many 11-99, other), French two (0 and 1 singular), English two. */
int plural_form(lang l, long n)
{
	if (n < 0)
		n = -n;
	switch (l) {
	case LANG_AR:
		if (n == 0)
			return 0;
		if (n == 1)
			return 1;
		if (n == 2)
			return 2;
		if (n % 100 >= 3 && n % 100 <= 10)
			return 3;
		if (n % 100 >= 11)
			return 4;
		return 5;
	case LANG_FR:
		return n > 1;
	default:
		return n != 1;
	}
}

/* directives - the printf directives of s in order ("%d%s"), so that a
 * translation whose directives differ from its msgid's is refused: a wrong
 * translation must never crash a page. */
static void directives(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	for (; *s && o + 4 < cap; s++) {
		if (*s != '%')
			continue;
		s++;
		if (*s == '%')
			continue;
		while (*s && strchr("0123456789.-+ #lz", *s) && o + 4 < cap)
			out[o++] = *s++;
		if (!*s)
			break;
		out[o++] = *s;
		out[o++] = ',';
	}
	out[o] = 0;
}

static int po_errors;

static void on_xerror(int severity, po_message_t m, const char *file, size_t line, size_t col,
		      int multi, const char *text)
{
	(void)m, (void)col, (void)multi;
	fprintf(stderr, "coopfair: %s:%zu: %s\n", file ? file : "?", line, text);
	if (severity >= PO_SEVERITY_ERROR)
		po_errors++;
	if (severity == PO_SEVERITY_FATAL_ERROR)
		exit(1);
}

static void on_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int mp1,
		       const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2,
		       int mp2, const char *t2)
{
	on_xerror(severity, m1, f1, l1, c1, mp1, t1);
	on_xerror(PO_SEVERITY_WARNING, m2, f2, l2, c2, mp2, t2);
}

/* plural_key - where form i of a plural message is kept in the table:
 * the singular msgid, a \001 separator, and the form's digit. */
static void plural_key(const char *msgid, int form, char *out, size_t cap)
{
	snprintf(out, cap, "%s\001%d", msgid, form);
}

/* load_plural - every form of a plural message, each checked to keep the
 * msgid_plural's directives (or a leading part of them); a message with a
 * bad form is left out whole. */
static void load_plural(lang l, const char *path, po_message_t m)
{
	const char *id = po_message_msgid(m), *pl = po_message_msgid_plural(m);
	char want[128], got[128], key[1024];
	directives(pl, want, sizeof want);
	int n = 0;
	const char *form;
	while (n < PLURAL_FORMS_MAX && (form = po_message_msgstr_plural(m, n)) != NULL) {
		directives(form, got, sizeof got);
		/* A form may leave out trailing directives ("one exhibitor" needs no
		 * %d): unused trailing arguments are harmless; any other change is not. */
		if (!*form || strncmp(want, got, strlen(got))) {
			fprintf(stderr,
				"coopfair: %s: plural form %d of \"%s\" is empty or has other %% directives; "
				"message ignored\n",
				path, n, id);
			return;
		}
		n++;
	}
	if (n != plural_forms(l))
		return;
	for (int i = 0; i < n; i++) {
		plural_key(id, i, key, sizeof key);
		table_put(&tables[l], key, po_message_msgstr_plural(m, i));
	}
}

/* load_file - the messages of the .po file at path; name is how messages
 * call it (the path, or the embedded file's name). */
static cf_err load_file(lang l, const char *path, const char *name)
{
	static const struct po_xerror_handler handler = { on_xerror, on_xerror2 };
	po_errors = 0;
	po_file_t f = po_file_read(path, &handler);
	if (!f || po_errors) {
		if (f)
			po_file_free(f);
		return CF_ERR_INVALID;
	}
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t m;
	while ((m = po_next_message(it)) != NULL) {
		const char *id = po_message_msgid(m), *str = po_message_msgstr(m);
		if (!*id || po_message_is_fuzzy(m) || po_message_is_obsolete(m))
			continue;
		if (po_message_msgid_plural(m)) {
			load_plural(l, name, m);
			continue;
		}
		if (!str || !*str)
			continue;
		char d1[128], d2[128];
		directives(id, d1, sizeof d1);
		directives(str, d2, sizeof d2);
		if (strcmp(d1, d2)) {
			fprintf(stderr,
				"coopfair: %s: translation of \"%s\" has other %% directives; ignored\n",
				name, id);
			continue;
		}
		table_put(&tables[l], id, str);
	}
	po_message_iterator_free(it);
	po_file_free(f);
	return CF_OK;
}

/* chain - the languages tr() reads for l (bit per language): l, then
 * what it falls back to, ar -> fr -> en. */
static unsigned chain(lang l)
{
	unsigned mask = 1u << LANG_EN;
	if (l == LANG_AR || l == LANG_FR)
		mask |= 1u << LANG_FR;
	if (l == LANG_AR)
		mask |= 1u << LANG_AR;
	return mask;
}

/* load_dir - every po/<lang>/NAME.po under dir for the languages in mask. */
static cf_err load_dir(const char *dir, unsigned mask)
{
	for (int l = 0; l < LANG__MAX; l++) {
		if (!(mask & (1u << l)))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, codes[l]);
		DIR *d = opendir(path);
		if (!d) {
			fprintf(stderr, "coopfair: cannot open translations folder %s\n", path);
			return CF_ERR_IO;
		}
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);
			if (n < 4 || strcmp(e->d_name + n - 3, ".po"))
				continue;
			char file[4352];
			snprintf(file, sizeof file, "%s/%s", path, e->d_name);
			if (load_file((lang)l, file, file)) {
				closedir(d);
				fprintf(stderr, "coopfair: cannot read translations from %s\n",
					file);
				return CF_ERR_INVALID;
			}
		}
		closedir(d);
	}
	return CF_OK;
}

/* load_embedded - the embedded .po files of the languages in mask (bit l). */
static cf_err load_embedded(unsigned mask)
{
	/* libgettextpo reads files only: each embedded .po goes through a
	 * temporary file, removed at once. */
	const char *tmp = getenv("TMPDIR");
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		if (strncmp(f->name, "po/", 3) || strlen(f->name) < 10 || f->name[5] != '/')
			continue;
		char code[3] = { f->name[3], f->name[4], 0 };
		int l = lang_parse(code);
		if (l < 0 || !(mask & (1u << l)))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/coopfair-po-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		int fd = mkstemp(path);
		if (fd < 0) {
			fprintf(stderr, "coopfair: cannot write a temporary file in %s\n",
				tmp && *tmp ? tmp : "/tmp");
			return CF_ERR_IO;
		}
		size_t done = 0;
		while (done < f->len) {
			ssize_t w = write(fd, f->data + done, f->len - done);
			if (w <= 0)
				break;
			done += (size_t)w;
		}
		close(fd);
		cf_err e = done == f->len ? load_file((lang)l, path, f->name) : CF_ERR_IO;
		unlink(path);
		if (e) {
			fprintf(stderr, "coopfair: cannot read the built-in translations %s\n",
				f->name);
			return e;
		}
	}
	return CF_OK;
}

cf_err i18n_load(const char *dir)
{
	return load_dir(dir, (1u << LANG__MAX) - 1);
}

cf_err i18n_load_lang(const char *dir, lang l)
{
	return load_dir(dir, chain(l));
}

cf_err i18n_load_embedded(void)
{
	return load_embedded((1u << LANG__MAX) - 1);
}

cf_err i18n_load_embedded_lang(lang l)
{
	return load_embedded(chain(l));
}

int i18n_loaded_count(lang l)
{
	return (int)tables[l].count;
}

const char *tr(lang l, const char *msgid)
{
	const char *s = table_get(&tables[l], msgid);
	if (!s && l != LANG_FR && l != LANG_EN)
		s = table_get(&tables[LANG_FR], msgid);
	if (!s && l != LANG_EN)
		s = table_get(&tables[LANG_EN], msgid);
	return s ? s : msgid;
}

const char *trn(lang l, const char *msgid, const char *msgid_plural, long n)
{
	char key[1024];
	/* The same fallback chain as tr(): ar -> fr -> en -> the msgids. */
	static const lang after[LANG__MAX][2] = {
		[LANG_AR] = { LANG_FR, LANG_EN },
		[LANG_FR] = { LANG_EN, LANG_EN },
		[LANG_EN] = { LANG_EN, LANG_EN },
	};
	plural_key(msgid, plural_form(l, n), key, sizeof key);
	const char *s = table_get(&tables[l], key);
	for (int i = 0; !s && i < 2; i++) {
		lang f = after[l][i];
		if (f == l)
			continue;
		plural_key(msgid, plural_form(f, n), key, sizeof key);
		s = table_get(&tables[f], key);
	}
	return s ? s : n == 1 ? msgid : msgid_plural;
}

int tr_has(lang l, const char *msgid)
{
	return table_get(&tables[l], msgid) != NULL;
}

const char *lang_code(lang l)
{
	return codes[l];
}

const char *lang_dir(lang l)
{
	return l == LANG_AR ? "rtl" : "ltr";
}

const char *lang_native(lang l)
{
	return natives[l];
}

int lang_parse(const char *code)
{
	if (!code)
		return -1;
	for (int l = 0; l < LANG__MAX; l++)
		if (!strncasecmp(code, codes[l], 2) &&
		    (code[2] == 0 || code[2] == '-' || code[2] == '_'))
			return l;
	return -1;
}

/*
 * lang_accept - parse "fr-MA,fr;q=0.9,ar;q=0.8,*;q=0.1". Each part is a
 * language range with an optional q between 0 and 1 (three decimals at most);
 * the highest q among our languages wins, the earlier part on a tie.
 */
int lang_accept(const char *h)
{
	int best = -1;
	int bestq = 0;
	while (h && *h) {
		const char *end = strchr(h, ',');
		size_t n = end ? (size_t)(end - h) : strlen(h);
		char part[64];
		if (n < sizeof part) {
			memcpy(part, h, n);
			part[n] = 0;
			char *s = part;
			while (*s == ' ' || *s == '\t')
				s++;
			char *semi = strchr(s, ';');
			int q = 1000;
			if (semi) {
				*semi = 0;
				char *qs = semi + 1;
				while (*qs == ' ')
					qs++;
				if (qs[0] == 'q' && qs[1] == '=') {
					qs += 2;
					if (qs[0] == '1') {
						q = 1000;
					} else if (qs[0] == '0') {
						q = 0;
						if (qs[1] == '.') {
							int scale = 100;
							for (const char *d = qs + 2;
							     *d >= '0' && *d <= '9' && scale;
							     d++, scale /= 10)
								q += (*d - '0') * scale;
						}
					} else {
						q = -1;
					}
				}
			}
			char *t = s + strlen(s);
			while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
				*--t = 0;
			int l = lang_parse(s);
			if (l >= 0 && q > bestq) {
				best = l;
				bestq = q;
			}
		}
		h = end ? end + 1 : NULL;
	}
	return best;
}
