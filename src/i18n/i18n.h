/*
 * i18n.h - languages and translated strings.
 *
 * coopfair speaks Arabic (the default, right-to-left), French and English.
 * Source strings are English msgids marked with tr() so xgettext finds them;
 * translations live in gettext .po files under po/<lang>/NAME.po (one file per
 * feature, so translators use their usual tools and features do not collide).
 * They are read once at start-up with libgettextpo and never change after, so
 * lookups are lock-free. A missing or fuzzy translation falls back to French,
 * then English, then the msgid: never to an empty string.
 */
#ifndef CF_I18N_H
#define CF_I18N_H
#include "../util/err.h"

typedef enum lang { LANG_AR, LANG_FR, LANG_EN, LANG__MAX } lang;

/* i18n_load_embedded - the translations compiled into the binary
 * (po/<lang>/NAME.po of the source tree, embedded.h): one file runs a venue.
 * Call once at start-up, before any i18n_load. */
cf_err i18n_load_embedded(void) CF_MUST_USE;
/* i18n_load_embedded_lang, i18n_load_lang - the same for l and the
 * languages tr() falls back to from it (ar -> fr -> en) only, for a command
 * that speaks one language (the command line): libgettextpo reads about
 * 7 KB of .po a ms, and all three languages cost a command ~70 ms, twice in
 * a checkout whose po/ is read over the built-in ones (issue 17). */
cf_err i18n_load_embedded_lang(lang l) CF_MUST_USE;
cf_err i18n_load_lang(const char *dir, lang l) CF_MUST_USE;
/* i18n_load - read every po/<lang>/NAME.po under dir, over what is loaded
 * already (an override: a translator's folder, --share). Problems are
 * reported on stderr; a missing directory is an error. Call at start-up. */
cf_err i18n_load(const char *dir) CF_MUST_USE;
/* i18n_loaded_count - how many translated messages lang has (for tests). */
int i18n_loaded_count(lang l);

/* tr - msgid translated to l. The result lives as long as the program.
 * format_arg: arena_printf(a, tr(l, "%d stands"), n) is checked by the
 * compiler against the msgid (po-check checks the translations keep the
 * same directives). */
const char *tr(lang l, const char *msgid) __attribute__((format_arg(2)));
/* trn - the form of a message that fits the count n (Arabic has six plural
 * forms, French and English two; see plural_form). The msgid and plural must
 * carry the same printf directives; so must every translated form. */
const char *trn(lang l, const char *msgid, const char *msgid_plural, long n)
	__attribute__((format_arg(2)));
/* plural_form - the index of the plural form n takes in l. */
int plural_form(lang l, long n);
/* tr_has - whether l has its own (non-fallback) translation of msgid. */
int tr_has(lang l, const char *msgid);

/* lang_code - "ar", "fr" or "en". lang_dir - "rtl" or "ltr". */
const char *lang_code(lang l);
const char *lang_dir(lang l);
/* lang_native - the language's name in itself, for the switcher. */
const char *lang_native(lang l);
/* lang_parse - the language for a code like "fr" or "fr-MA"; -1 if none. */
int lang_parse(const char *code);
/* lang_accept - the best language for an Accept-Language header value
 * (q-values honoured, malformed parts skipped); -1 when none of ours fits. */
int lang_accept(const char *header);

#endif
