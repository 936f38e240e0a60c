/* fuzz_html_text - html_text and text_clean: the output is valid UTF-8
 * without bidi controls, html_text's has no raw markup character, and
 * text_clean of its own output changes nothing. */
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
	arena *a = arena_new(64u << 20);
	const char *c = text_clean(a, s);
	FUZZ_CHECK(fuzz_utf8_ok(c, strlen(c), 1));
	FUZZ_CHECK(!strcmp(text_clean(a, c), c));
	arena_free(a);
	free(s);
	return 0;
}
