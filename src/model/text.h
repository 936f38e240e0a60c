/*
 * text.h - text stored in the three languages (one column per language).
 */
#ifndef CF_TEXT_H
#define CF_TEXT_H
#include "../i18n/i18n.h"

typedef struct text3 {
	const char *v[LANG__MAX];
} text3;

/* text3_get - t in l, falling back to French, English, then Arabic when
 * empty; never NULL. */
const char *text3_get(const text3 *t, lang l);

#endif
