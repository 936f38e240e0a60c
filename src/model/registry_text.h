/*
 * registry_text.h - text normalisation for search and duplicate detection.
 *
 * People type Arabic and French in many ways: with or without hamza,
 * alef maqsura for ya, ta marbuta for ha, tatweel, diacritics, accents,
 * capitals, Arabic-Indic digits. registry_norm folds all of these to one
 * form, so "Coopérative AL-AMAL" and "cooperative al amal", or "تعاونية
 * الأمل" and "تعاونيه الامل", compare equal. Pure functions: no database,
 * no allocation; safe on any bytes (invalid UTF-8 is dropped).
 */
#ifndef CF_REGISTRY_TEXT_H
#define CF_REGISTRY_TEXT_H
#include <stddef.h>

/* registry_norm - fold in into out (NUL-terminated, at most cap-1 bytes,
 * cut at a character boundary): Latin letters lower-cased and stripped of
 * accents (œ -> oe, æ -> ae, ß -> ss); Arabic hamza forms (أ إ آ ٱ) to bare
 * alef, ؤ -> و, ئ and ى -> ي, ة -> ه, Persian kaf/ya/heh to Arabic,
 * tatweel and diacritics removed; Arabic-Indic digits to 0-9; every other
 * non-letter, non-digit a single space; invisible format characters
 * (bidi marks, ZWJ/ZWNJ, BOM) removed; no leading or trailing space.
 * Returns the length written. cap must be at least 1. */
size_t registry_norm(const char *in, char *out, size_t cap);

/* registry_index_text - registry_norm plus, for each Arabic word that
 * starts with an article or a proclitic (ال وال بال لل فال كال), or with
 * a bare و or ب before at least three letters, the word without it as an
 * extra word, so that "نسيج" finds "للنسيج" and "مكناس" finds "بمكناس".
 * Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) are folded by
 * registry_norm to the letters they show. */
size_t registry_index_text(const char *in, char *out, size_t cap);
/* registry_index_normed - the same for text that is registry_norm's output
 * already (n bytes at out, cap the room there), in place: what
 * registry_index_text adds after folding. Returns the new length. */
size_t registry_index_normed(char *out, size_t n, size_t cap);

/* registry_fts_query - an FTS5 MATCH expression for what a person typed:
 * every normalised word must match as a prefix ("word"*); an Arabic word
 * with an article also matches without it; a place typed in another Latin
 * spelling (Fez, Miknas, Marrakesh) also matches the registry's (fes,
 * meknes, marrakech). Returns 0 (and out = "") when
 * nothing searchable is left. */
size_t registry_fts_query(const char *typed, char *out, size_t cap);

/* registry_fts_exact - like registry_fts_query, but every word must match
 * whole ("word"): the rows it matches rank before prefix matches. */
size_t registry_fts_exact(const char *typed, char *out, size_t cap);

/* registry_reg_key - the key that identifies a registration number however
 * it is written: registry_norm (case, Arabic-Indic digits, invisible
 * characters) with every separator removed, so "HO-2015-001", "ho 2015 001",
 * "HO‑2015‑001" (U+2011) and "HO-2015-001" + NBSP share "ho2015001".
 * The key is stored (cooperative.reg_key) and compared across the registry. */
size_t registry_reg_key(const char *in, char *out, size_t cap);

/* registry_place_spelling - the registry's spelling (a province's folded
 * French name, e.g. "fes") of a place written another way, w[0..n) folded
 * ("fez", "miknas"), or NULL. */
const char *registry_place_spelling(const char *w, size_t n);

/* registry_digits - in with Arabic-Indic digits (٠-٩, ۰-۹) as 0-9 and
 * everything else kept; for numbers and phones. */
size_t registry_digits(const char *in, char *out, size_t cap);

#endif
