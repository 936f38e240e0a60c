/* text.c - see text.h. */
#include "text.h"

const char *text3_get(const text3 *t, lang l)
{
	static const lang order[] = { LANG_FR, LANG_EN, LANG_AR };
	if (t->v[l] && *t->v[l])
		return t->v[l];
	for (int i = 0; i < 3; i++)
		if (t->v[order[i]] && *t->v[order[i]])
			return t->v[order[i]];
	return "";
}
