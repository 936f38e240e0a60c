/* fuzz_json_str - json_str: a quoted JSON string, valid UTF-8, with no raw
 * control character, '<', '>' or '&' (safe inside <script>), and no
 * unescaped quote inside. */
#include "fuzz.h"

#include "../../src/html/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	buf b;
	buf_init(&b, 16u << 20);
	json_str(&b, s);
	const char *o = buf_cstr(&b);
	size_t n = b.len;
	FUZZ_CHECK(n >= 2 && o[0] == '"' && o[n - 1] == '"');
	FUZZ_CHECK(fuzz_utf8_ok(o, n, 0));
	for (size_t i = 1; i + 1 < n; i++) {
		unsigned char ch = (unsigned char)o[i];
		FUZZ_CHECK(ch >= 0x20 && ch != '<' && ch != '>' && ch != '&');
		if (ch == '\\') {
			i++; /* the escaped character */
			FUZZ_CHECK(i + 1 < n);
			FUZZ_CHECK(strchr("\"\\nrtu", o[i]) != NULL);
		} else {
			FUZZ_CHECK(ch != '"');
		}
	}
	buf_free(&b);
	free(s);
	return 0;
}
