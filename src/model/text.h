/*
 * text.h - text stored in the three languages (one column per language).
 */
#ifndef CF_TEXT_H
#define CF_TEXT_H
#include "../i18n/i18n.h"

#include <stddef.h>

typedef struct text3 {
	const char *v[LANG__MAX];
} text3;

/* text3_get - t in l, falling back to French, English, then Arabic when
 * empty; never NULL. */
const char *text3_get(const text3 *t, lang l);

/* text_pick - a free text written in both languages as "<Arabic> — <French>"
 * (the form the selection's reasons and the demo's texts take, issue 19),
 * shown by its half in l: the Arabic half for LANG_AR, the French half
 * otherwise. A text without exactly one " — ", or whose halves are not
 * Arabic then Latin, is returned whole. The half is copied into out (cap
 * bytes, truncated at a character boundary); returns out or s. */
const char *text_pick(const char *s, lang l, char *out, size_t cap);

#endif
