/* registry_text.c - see registry_text.h. */
#include "registry_text.h"

#include <stdint.h>
#include <string.h>

#include "registry_text_forms.inc"

/* utf8_next - the code point at *p (advancing *p); -1 for an invalid
 * sequence (overlong, surrogate, past U+10FFFF, truncated), skipping one byte. */
static int32_t utf8_next(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *s = *p;
	uint32_t c = s[0];
	int n;
	uint32_t min;
	if (c < 0x80) {
		*p = s + 1;
		return (int32_t)c;
	} else if ((c & 0xe0) == 0xc0) {
		n = 1, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3, c &= 0x07, min = 0x10000;
	} else {
		*p = s + 1;
		return -1;
	}
	if (end - s <= n) {
		*p = s + 1;
		return -1;
	}
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + 1;
			return -1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*p = s + 1;
		return -1;
	}
	*p = s + n + 1;
	return (int32_t)c;
}

static size_t utf8_put(uint32_t c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Latin letters with accents: ranges folded to a plain ASCII spelling. */
static const struct {
	uint16_t lo, hi;
	const char *to;
} latin[] = {
	{ 0xc0, 0xc5, "a" },	{ 0xc6, 0xc6, "ae" },  { 0xc7, 0xc7, "c" },
	{ 0xc8, 0xcb, "e" },	{ 0xcc, 0xcf, "i" },   { 0xd0, 0xd0, "d" },
	{ 0xd1, 0xd1, "n" },	{ 0xd2, 0xd6, "o" },   { 0xd8, 0xd8, "o" },
	{ 0xd9, 0xdc, "u" },	{ 0xdd, 0xdd, "y" },   { 0xde, 0xde, "th" },
	{ 0xdf, 0xdf, "ss" },	{ 0xe0, 0xe5, "a" },   { 0xe6, 0xe6, "ae" },
	{ 0xe7, 0xe7, "c" },	{ 0xe8, 0xeb, "e" },   { 0xec, 0xef, "i" },
	{ 0xf0, 0xf0, "d" },	{ 0xf1, 0xf1, "n" },   { 0xf2, 0xf6, "o" },
	{ 0xf8, 0xf8, "o" },	{ 0xf9, 0xfc, "u" },   { 0xfd, 0xfd, "y" },
	{ 0xfe, 0xfe, "th" },	{ 0xff, 0xff, "y" },   { 0x100, 0x105, "a" },
	{ 0x106, 0x10d, "c" },	{ 0x10e, 0x111, "d" }, { 0x112, 0x11b, "e" },
	{ 0x11c, 0x123, "g" },	{ 0x124, 0x127, "h" }, { 0x128, 0x131, "i" },
	{ 0x132, 0x133, "ij" }, { 0x134, 0x135, "j" }, { 0x136, 0x138, "k" },
	{ 0x139, 0x142, "l" },	{ 0x143, 0x14b, "n" }, { 0x14c, 0x151, "o" },
	{ 0x152, 0x153, "oe" }, { 0x154, 0x159, "r" }, { 0x15a, 0x161, "s" },
	{ 0x162, 0x167, "t" },	{ 0x168, 0x173, "u" }, { 0x174, 0x175, "w" },
	{ 0x176, 0x178, "y" },	{ 0x179, 0x17e, "z" }, { 0x17f, 0x17f, "s" },
};

enum { K_DROP, K_SPACE, K_KEEP };

/* classify - what c becomes: dropped, a word break, or kept as *rep
 * (*rep = c unless folded; *str set for a multi-letter Latin spelling). */
static int classify(int32_t c, uint32_t *rep, const char **str)
{
	*str = NULL;
	*rep = (uint32_t)c;
	if (c < 0)
		return K_DROP;
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z') {
			*rep = (uint32_t)(c + 32);
			return K_KEEP;
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return K_KEEP;
		return K_SPACE;
	}
	if (c < 0xc0)
		return K_SPACE; /* NBSP, Latin-1 symbols and punctuation */
	if (c <= 0x17f) {
		for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++)
			if (c >= latin[i].lo && c <= latin[i].hi) {
				*str = latin[i].to;
				return K_KEEP;
			}
		return K_SPACE; /* × ÷ */
	}
	if (c >= 0x2b0 && c <= 0x36f)
		return K_DROP; /* modifier letters, combining accents (decomposed text) */
	if (c >= 0x600 && c <= 0x6ff) {
		switch (c) {
		case 0x622:
		case 0x623:
		case 0x625:
		case 0x671:
		case 0x672:
		case 0x673:
			*rep = 0x627;
			return K_KEEP; /* hamza forms -> bare alef */
		case 0x624:
			*rep = 0x648;
			return K_KEEP; /* waw with hamza -> waw */
		case 0x626:
		case 0x649:
		case 0x6cc:
		case 0x6d2:
			*rep = 0x64a;
			return K_KEEP; /* ya with hamza, alef maqsura, Persian ya -> ya */
		case 0x629:
		case 0x6be:
		case 0x6c1:
		case 0x6d5:
			*rep = 0x647;
			return K_KEEP; /* ta marbuta, heh variants -> ha */
		case 0x6a9:
		case 0x6af:
			*rep = 0x643;
			return K_KEEP; /* Persian kaf, gaf -> kaf */
		case 0x640:
			return K_DROP; /* tatweel */
		default:
			break;
		}
		if ((c >= 0x610 && c <= 0x61a) || (c >= 0x64b && c <= 0x65f) || c == 0x670 ||
		    (c >= 0x6d6 && c <= 0x6ed))
			return K_DROP; /* diacritics and Quranic marks */
		if (c >= 0x660 && c <= 0x669) {
			*rep = (uint32_t)('0' + c - 0x660);
			return K_KEEP;
		}
		if (c >= 0x6f0 && c <= 0x6f9) {
			*rep = (uint32_t)('0' + c - 0x6f0);
			return K_KEEP;
		}
		if ((c >= 0x620 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || c == 0x6ee ||
		    c == 0x6ef || (c >= 0x6fa && c <= 0x6fc) || c == 0x6ff)
			return K_KEEP;
		return K_SPACE; /* Arabic comma, semicolon, question mark, percent... */
	}
	if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2069) || c == 0xfeff || c == 0xad || c == 0x61c)
		return K_DROP; /* invisible format characters */
	if ((c >= 0x2000 && c <= 0x206f) || c == 0x3000 || (c >= 0xfe10 && c <= 0xfe6f) ||
	    (c >= 0xff00 && c <= 0xff0f))
		return K_SPACE; /* spaces, dashes, quotes, bullets */
	return K_KEEP;
}

/* form_spelling - the NFKC spelling of an Arabic presentation form
 * (U+FB50-U+FDFF, U+FE70-U+FEFF; what PDF copies and old systems produce),
 * or NULL when c is not one. */
static const char *form_spelling(int32_t c)
{
	if (c < 0xfb50 || c > 0xfeff || (c > 0xfdff && c < 0xfe70))
		return NULL;
	size_t lo = 0, hi = sizeof forms / sizeof forms[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (forms[mid].cp == c)
			return forms[mid].to;
		if (forms[mid].cp < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The state of registry_norm's output. */
struct norm_out {
	char *out;
	size_t cap, o;
	int pending_space, full;
};

/* emit - fold one code point into the output. */
static void emit(struct norm_out *w, int32_t c)
{
	uint32_t rep;
	const char *str;
	int k = classify(c, &rep, &str);
	if (k == K_DROP || w->full)
		return;
	if (k == K_SPACE) {
		w->pending_space = w->o > 0;
		return;
	}
	char tmp[8];
	size_t n;
	if (str) {
		n = strlen(str);
		memcpy(tmp, str, n);
	} else {
		n = utf8_put(rep, tmp);
	}
	if (w->o + (size_t)w->pending_space + n + 1 > w->cap) {
		w->full = 1;
		return;
	}
	if (w->pending_space)
		w->out[w->o++] = ' ';
	w->pending_space = 0;
	memcpy(w->out + w->o, tmp, n);
	w->o += n;
}

size_t registry_norm(const char *in, char *out, size_t cap)
{
	if (!cap)
		return 0;
	if (!in) {
		out[0] = 0;
		return 0;
	}
	struct norm_out w = { out, cap, 0, 0, 0 };
	const unsigned char *p = (const unsigned char *)in, *end = p + strlen(in);
	while (p < end && !w.full) {
		/* ASCII, most of a French name: folded here, without the table */
		if (*p < 0x80) {
			unsigned char ch = *p++;
			if (ch >= 'A' && ch <= 'Z')
				ch = (unsigned char)(ch + 32);
			if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
				w.pending_space = w.o > 0;
				continue;
			}
			if (w.o + (size_t)w.pending_space + 2 > w.cap) {
				w.full = 1;
				break;
			}
			if (w.pending_space)
				out[w.o++] = ' ';
			w.pending_space = 0;
			out[w.o++] = (char)ch;
			continue;
		}
		int32_t c = utf8_next(&p, end);
		const char *form = form_spelling(c);
		if (!form) {
			emit(&w, c);
			continue;
		}
		/* a presentation form: its letters, folded like typed ones; the
		 * space NFKC puts before an isolated tashkil form is no word break */
		const unsigned char *f = (const unsigned char *)form, *fend = f + strlen(form);
		if (f[0] == ' ' && f[1])
			f++;
		while (f < fend)
			emit(&w, utf8_next(&f, fend));
	}
	out[w.o] = 0;
	return w.o;
}

/* The proclitics stripped from Arabic words (normalised spelling), longest first. */
static const char *const articles[] = { "وال", "بال", "فال", "كال", "ال", "لل" };

/* strip_article - the length of the article w starts with, when at least
 * two letters (4 bytes) remain after it; else 0. */
static size_t strip_article(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
		size_t an = strlen(articles[i]);
		if (n >= an + 4 && !memcmp(w, articles[i], an))
			return an;
	}
	return 0;
}

/* The one-letter proclitics written bare before a word: "بمكناس" (in
 * Meknes), "وحرير" (and silk). */
static const char *const bare_proclitics[] = { "و", "ب" };

/* strip_bare - the length of the one-letter proclitic w starts with, when
 * at least three letters (6 bytes) remain after it and no article follows
 * (strip_article handles those); else 0. */
static size_t strip_bare(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof bare_proclitics / sizeof bare_proclitics[0]; i++) {
		size_t pn = strlen(bare_proclitics[i]);
		if (n >= pn + 6 && !memcmp(w, bare_proclitics[i], pn) &&
		    !strip_article(w + pn, n - pn) && memcmp(w + pn, "ال", 4))
			return pn;
	}
	return 0;
}

size_t registry_index_text(const char *in, char *out, size_t cap)
{
	return registry_index_normed(out, registry_norm(in, out, cap), cap);
}

size_t registry_index_normed(char *out, size_t n, size_t cap)
{
	size_t end = n;
	for (size_t i = 0; i < end;) {
		size_t j = i;
		while (j < end && out[j] != ' ')
			j++;
		size_t a = strip_article(out + i, j - i);
		if (!a)
			a = strip_bare(out + i, j - i);
		if (a && n + 1 + (j - i - a) + 1 <= cap) {
			out[n++] = ' ';
			memmove(out + n, out + i + a, j - i - a);
			n += j - i - a;
			out[n] = 0;
		}
		i = j + 1;
	}
	return n;
}

/* Words in nearly every name: searching for them alone is fine, but beside
 * other words they only slow the search down (every row matches them). */
static const char *const generic[] = {
	"cooperative", "cooperatives", "coop", "تعاونيه", "association", "جمعيه", "de", "du", "des",
	"la",	       "le",	       "les",  "l",	  "d",		 "al",	  "el", "et", "و"
};

static int is_generic(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++)
		if (strlen(generic[i]) == n && !memcmp(w, generic[i], n))
			return 1;
	return 0;
}

/* Latin spellings people type for places, after registry_norm, and the
 * spelling the registry uses (the provinces' French names). */
static const struct {
	const char *typed, *canonical;
} place_spellings[] = {
	{ "fez", "fes" },
	{ "fas", "fes" },
	{ "fess", "fes" },
	{ "miknas", "meknes" },
	{ "meknas", "meknes" },
	{ "miknes", "meknes" },
	{ "mekness", "meknes" },
	{ "marrakesh", "marrakech" },
	{ "marrakech", "marrakech" },
	{ "marakech", "marrakech" },
	{ "marrakch", "marrakech" },
	{ "marrakesch", "marrakech" },
	{ "tangier", "tanger" },
	{ "tangiers", "tanger" },
	{ "tanja", "tanger" },
	{ "tetuan", "tetouan" },
	{ "tetouane", "tetouan" },
	{ "ouarzazat", "ouarzazate" },
	{ "warzazat", "ouarzazate" },
	{ "casa", "casablanca" },
	{ "ifrane", "ifrane" },
	{ "sefru", "sefrou" },
	{ "taza", "taza" },
	{ "boulmane", "boulemane" },
	{ "el hajeb", "el hajeb" },
	{ "elhajeb", "el hajeb" },
	{ "errachidia", "errachidia" },
	{ "er rachidia", "errachidia" },
	{ "agadir", "agadir" },
};

/* canonical_place - the registry's spelling of a place typed as w[0..n),
 * or NULL when w is not a known other spelling. */
static const char *canonical_place(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof place_spellings / sizeof place_spellings[0]; i++)
		if (strlen(place_spellings[i].typed) == n &&
		    !memcmp(w, place_spellings[i].typed, n) &&
		    strcmp(place_spellings[i].typed, place_spellings[i].canonical))
			return place_spellings[i].canonical;
	return NULL;
}

const char *registry_place_spelling(const char *w, size_t n)
{
	return canonical_place(w, n);
}

/* put - append s[0..n) at out+*o. */
static void put(char *out, size_t *o, const char *s, size_t n)
{
	memcpy(out + *o, s, n);
	*o += n;
}

/* put_term - append "w"* (prefix) or "w" (exact); a multi-word spelling
 * becomes an FTS5 phrase. */
static void put_term(char *out, size_t *o, const char *w, size_t n, int prefix)
{
	put(out, o, "\"", 1);
	put(out, o, w, n);
	put(out, o, prefix ? "\"*" : "\"", prefix ? 2 : 1);
}

/* fts_query - registry_fts_query (prefix = 1) and registry_fts_exact (0). */
static size_t fts_query(const char *typed, char *out, size_t cap, int prefix)
{
	char norm[512];
	size_t n = registry_norm(typed, norm, sizeof norm), o = 0;
	int words = 0, specific = 0;
	out[0] = 0;
	/* Is there a word that is not generic? (the last word, being typed, counts) */
	size_t last = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && norm[j] != ' ')
			j++;
		specific |= !is_generic(norm + i, j - i);
		last = i;
		i = j + 1;
	}
	for (size_t i = 0; i < n && words < 8;) {
		size_t j = i;
		while (j < n && norm[j] != ' ')
			j++;
		size_t len = j - i, a = strip_article(norm + i, len);
		const char *place = canonical_place(norm + i, len);
		if (specific && i != last && is_generic(norm + i, len)) {
			i = j + 1;
			continue;
		}
		/* room for: " AND " ( "word"* OR "rest"* OR "place"* ) NUL */
		if (o + 2 * len + 64 > cap)
			break;
		if (o)
			put(out, &o, " AND ", 5);
		if (a || place)
			put(out, &o, "(", 1);
		put_term(out, &o, norm + i, len, prefix);
		if (a) {
			put(out, &o, " OR ", 4);
			put_term(out, &o, norm + i + a, len - a, prefix);
		}
		if (place) {
			put(out, &o, " OR ", 4);
			put_term(out, &o, place, strlen(place), prefix);
		}
		if (a || place)
			put(out, &o, ")", 1);
		out[o] = 0;
		words++;
		i = j + 1;
	}
	return o;
}

size_t registry_fts_query(const char *typed, char *out, size_t cap)
{
	return fts_query(typed, out, cap, 1);
}

size_t registry_fts_exact(const char *typed, char *out, size_t cap)
{
	return fts_query(typed, out, cap, 0);
}

size_t registry_reg_key(const char *in, char *out, size_t cap)
{
	char norm[256];
	size_t n = registry_norm(in, norm, sizeof norm), o = 0;
	if (!cap)
		return 0;
	for (size_t i = 0; i < n && o + 1 < cap; i++)
		if (norm[i] != ' ')
			out[o++] = norm[i];
	out[o] = 0;
	return o;
}

size_t registry_digits(const char *in, char *out, size_t cap)
{
	size_t o = 0;
	if (!cap)
		return 0;
	const unsigned char *p = (const unsigned char *)in, *end = p + strlen(in);
	while (p < end) {
		if (*p < 0x80) { /* ASCII as it is: most of a date, a number, a phone */
			if (o + 2 > cap)
				break;
			out[o++] = (char)*p++;
			continue;
		}
		const unsigned char *start = p;
		int32_t c = utf8_next(&p, end);
		char tmp[8];
		size_t n;
		if (c >= 0x660 && c <= 0x669)
			tmp[0] = (char)('0' + c - 0x660), n = 1;
		else if (c >= 0x6f0 && c <= 0x6f9)
			tmp[0] = (char)('0' + c - 0x6f0), n = 1;
		else if (c < 0)
			continue;
		else
			n = (size_t)(p - start), memcpy(tmp, start, n);
		if (o + n + 1 > cap)
			break;
		memcpy(out + o, tmp, n);
		o += n;
	}
	out[o] = 0;
	return o;
}
