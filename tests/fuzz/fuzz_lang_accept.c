/* fuzz_lang_accept - Accept-Language values and language codes: any input
 * gives a language of ours or -1, and never reads out of bounds. */
#include "fuzz.h"

#include "../../src/i18n/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	int l = lang_accept(s);
	FUZZ_CHECK(l >= -1 && l < LANG__MAX);
	l = lang_parse(s);
	FUZZ_CHECK(l >= -1 && l < LANG__MAX);
	free(s);
	return 0;
}
