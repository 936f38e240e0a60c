/*
 * format.c - numbers and dates as each language writes them.
 * Arabic pages use Western digits, as Moroccan publications do
 * ("1500 متر مربع"); French groups thousands with a narrow no-break space.
 */
#include "../html/html.h"
#include "../model/text.h"
#include "pages.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const months[LANG__MAX][12] = {
	{ "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
	  "نونبر", "دجنبر" },
	{ "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
	  "octobre", "novembre", "décembre" },
	{ "January", "February", "March", "April", "May", "June", "July", "August", "September",
	  "October", "November", "December" },
};
static const char *const weekdays[LANG__MAX][7] = {
	{ "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت" },
	{ "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi" },
	{ "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" },
};

const char *fmt_int(request *r, long n)
{
	char digits[32];
	/* The magnitude in unsigned arithmetic: -LONG_MIN does not fit a long. */
	unsigned long mag = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
	snprintf(digits, sizeof digits, "%lu", mag);
	const char *sep = r->lang == LANG_EN ? "," : r->lang == LANG_FR ? "\u202f" : "";
	size_t len = strlen(digits);
	char out[96];
	size_t o = 0;
	if (n < 0)
		out[o++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0 && *sep) {
			size_t sl = strlen(sep);
			memcpy(out + o, sep, sl);
			o += sl;
		}
		out[o++] = digits[i];
	}
	out[o] = 0;
	return arena_strdup(r->a, out);
}

static int parse_iso(const char *iso, int *y, int *m, int *d)
{
	return iso && (text_ymd(iso, y, m, d) || sscanf(iso, "%d-%d-%d", y, m, d) == 3) &&
	       *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

const char *fmt_date(request *r, const char *iso)
{
	int y, m, d;
	if (!parse_iso(iso, &y, &m, &d))
		return iso ? iso : "";
	/* French writes the first of the month as an ordinal: "1er février". */
	if (r->lang == LANG_FR && d == 1)
		return arena_printf(r->a, "1er %s %d", months[LANG_FR][m - 1], y);
	return arena_printf(r->a, "%d %s %d", d, months[r->lang][m - 1], y);
}

const char *fmt_dec(request *r, double v, int digits)
{
	char *s = arena_printf(r->a, "%.*f", digits, v);
	if (r->lang == LANG_FR) {
		char *dot = strchr(s, '.');
		if (dot)
			*dot = ',';
	}
	return s;
}

const char *page_text(request *r, const char *s)
{
	size_t n = s ? strlen(s) + 1 : 1;
	return text_pick(s, r->lang, arena_alloc(r->a, n), n);
}

const char *fmt_datetime(request *r, const char *iso)
{
	int y, mo, d, h, mi, s = 0;
	if (!iso || sscanf(iso, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 5 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
		return fmt_date(r, iso);
	struct tm utc = { .tm_year = y - 1900,
			  .tm_mon = mo - 1,
			  .tm_mday = d,
			  .tm_hour = h,
			  .tm_min = mi,
			  .tm_sec = s };
	time_t t = timegm(&utc);
	struct tm lt;
	if (!localtime_r(&t, &lt))
		return fmt_date(r, iso);
	const char *day = fmt_date(r, arena_printf(r->a, "%04d-%02d-%02d", lt.tm_year + 1900,
						   lt.tm_mon + 1, lt.tm_mday));
	switch (r->lang) {
	case LANG_AR:
		return arena_printf(r->a, "%s، %02d:%02d", day, lt.tm_hour, lt.tm_min);
	case LANG_FR:
		return arena_printf(r->a, "%s à %02d h %02d", day, lt.tm_hour, lt.tm_min);
	default:
		return arena_printf(r->a, "%s, %02d:%02d", day, lt.tm_hour, lt.tm_min);
	}
}

const char *fmt_date_range(request *r, const char *from, const char *to)
{
	int y1, m1, d1, y2, m2, d2;
	if (!parse_iso(from, &y1, &m1, &d1) || !parse_iso(to, &y2, &m2, &d2))
		return "";
	const char *const *mn = months[r->lang];
	if (y1 == y2 && m1 == m2) {
		if (r->lang == LANG_AR)
			return arena_printf(r->a, "من %d إلى %d %s %d", d1, d2, mn[m1 - 1], y1);
		return arena_printf(r->a, "%d–%d %s %d", d1, d2, mn[m1 - 1], y1);
	}
	if (r->lang == LANG_AR)
		return arena_printf(r->a, "من %d %s %d إلى %d %s %d", d1, mn[m1 - 1], y1, d2,
				    mn[m2 - 1], y2);
	return arena_printf(r->a, "%d %s %d – %d %s %d", d1, mn[m1 - 1], y1, d2, mn[m2 - 1], y2);
}

const char *fmt_weekday(request *r, const char *iso)
{
	int y, m, d;
	if (!parse_iso(iso, &y, &m, &d))
		return "";
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	time_t t = timegm(&tm);
	struct tm out;
	gmtime_r(&t, &out);
	return weekdays[r->lang][out.tm_wday];
}

const char *page_legal_form(lang l, const char *code)
{
	if (!strcmp(code, "association"))
		return tr(l, "association");
	if (!strcmp(code, "eig"))
		return tr(l, "economic interest group");
	if (!strcmp(code, "artisan"))
		return tr(l, "individual artisan");
	return tr(l, "cooperative");
}
