/* fuzz_html_text - html_text and text_clean: the output is valid UTF-8
 * without bidi controls, html_text's has no raw markup character, and
 * text_clean of its own output changes nothing; html_text of a C string
 * (read up to its NUL in one pass) is html_text_n of its measured bytes. */
#include "fuzz.h"

#include "../../src/html/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	buf b;
	buf_init(&b, 16u << 20);
	html_text_n(&b, (const char *)data, size); /* inner NULs too */
	FUZZ_CHECK(!b.overflow);
	FUZZ_CHECK(fuzz_utf8_ok(b.data ? b.data : "", b.len, 1));
	FUZZ_CHECK(memchr(b.data ? b.data : "", '<', b.len) == NULL);
	FUZZ_CHECK(memchr(b.data ? b.data : "", '>', b.len) == NULL);
	FUZZ_CHECK(memchr(b.data ? b.data : "", '"', b.len) == NULL);
	FUZZ_CHECK(memchr(b.data ? b.data : "", '\'', b.len) == NULL);
	buf_free(&b);

	char *s = fuzz_cstr(data, size);
	buf z, m;
	buf_init(&z, 16u << 20);
	buf_init(&m, 16u << 20);
	html_text(&z, s);
	html_text_n(&m, s, strlen(s));
	FUZZ_CHECK(z.len == m.len && (!z.len || !memcmp(z.data, m.data, z.len)));
	buf_free(&z);
	buf_free(&m);
	arena *a = arena_new(64u << 20);
	const char *c = text_clean(a, s);
	FUZZ_CHECK(fuzz_utf8_ok(c, strlen(c), 1));
	FUZZ_CHECK(!strcmp(text_clean(a, c), c));
	arena_free(a);
	free(s);
	return 0;
}
