/* fuzz_registry.c - libFuzzer target for the registry's parsers: the text
 * normaliser and query builder, the photo sniffer, and the CSV import (on
 * an in-memory database, migrated once). Any crash, sanitizer report or
 * broken invariant (output not NUL-terminated, query with a stray quote)
 * is a bug.
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined ... (see run line in
 *   the registry report) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/db/db.h"
#include "../../src/export/photo.h"
#include "../../src/model/registry.h"
#include "../../src/model/registry_app.h"
#include "../../src/model/registry_csv.h"
#include "../../src/model/registry_decode.h"
#include "../../src/model/registry_text.h"

static int ready;
static db *keep; /* the shared in-memory database lives while a connection is open */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready) {
		int applied;
		db_configure("file:fuzz?mode=memory&cache=shared");
		if (db_open("file:fuzz?mode=memory&cache=shared", 1, &keep) ||
		    db_migrate(keep, &applied))
			abort();
		ready = 1;
	}
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	char out[600], q[300];
	size_t n = registry_norm(s, out, sizeof out);
	if (n >= sizeof out || out[n] != 0)
		abort();
	registry_index_text(s, out, sizeof out);
	n = registry_fts_query(s, q, sizeof q);
	/* quotes come in pairs: a word can never break out of its phrase */
	size_t quotes = 0;
	for (size_t i = 0; i < n; i++)
		quotes += q[i] == '"';
	if (quotes % 2)
		abort();
	registry_digits(s, out, sizeof out);
	/* the decoders (UTF-16, Windows code pages, .xlsx through libzip and
	 * expat): whatever they accept must be valid UTF-8 the import reads */
	char rk[64];
	registry_reg_key(s, rk, sizeof rk);
	for (int f = REG_ENC_AUTO; f <= REG_ENC_XLSX; f++) {
		buf text;
		buf_init(&text, 8u << 20);
		reg_encoding enc;
		int guessed;
		if (!registry_decode((const char *)data, size, (reg_encoding)f, &text, &enc,
				     &guessed) &&
		    enc != REG_ENC_UTF8 && text.len &&
		    regcsv_bad_line((const unsigned char *)text.data, text.len) &&
		    !memchr(text.data, 0, text.len))
			abort(); /* decoded text that is not UTF-8 (a NUL is reported later) */
		buf_free(&text);
	}
	int w, h;
	app_photo_type(data, size, &w, &h);
	buf jpg;
	buf_init(&jpg, 4u << 20);
	if (!photo_catalogue(data, size, 64, &jpg, &w, &h) && (w > 64 || h > 64))
		abort();
	buf_free(&jpg);
	arena *a = arena_new(64u << 20);
	import_report rep;
	cf_err e = registry_import(a, (const char *)data, size, 0, NULL, NULL, &rep);
	for (size_t i = 0; i < rep.nissues; i++)
		registry_issue_text(a, LANG_FR, &rep.issues[i]);
	(void)e;
	arena_free(a);
	free(s);
	return 0;
}
