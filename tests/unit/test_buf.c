/*
 * test_buf.c - the capped buffer (buf.h): appends within the cap succeed,
 * the first append past it fails with CF_ERR_TOOBIG, and the buffer then
 * stays failed until reset, so a page builder can check once at the end.
 */
#include "unit.h"

#include "../../src/util/buf.h"

static void append_within_cap_keeps_bytes_and_terminates_them(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 64);
	assert_int_equal(buf_append(&b, "ab", 2), CF_OK);
	assert_int_equal(buf_puts(&b, "cd"), CF_OK);
	assert_int_equal(buf_putc(&b, 'e'), CF_OK);
	assert_int_equal(b.len, 5);
	assert_string_equal(buf_cstr(&b), "abcde");
	assert_int_equal(b.data[b.len], 0);
	buf_free(&b);
}

static void empty_buffer_reads_as_empty_string(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 64);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void cap_counts_the_terminating_nul(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_append(&b, "1234567", 7), CF_OK);
	assert_int_equal(buf_putc(&b, '8'), CF_ERR_TOOBIG);
	assert_string_equal(buf_cstr(&b), "1234567");
	buf_free(&b);
}

static void append_past_cap_fails_with_toobig(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 16);
	assert_int_equal(buf_puts(&b, "0123456789"), CF_OK);
	assert_int_equal(buf_puts(&b, "0123456789"), CF_ERR_TOOBIG);
	assert_true(b.overflow);
	assert_int_equal(b.len, 10);
	assert_string_equal(buf_cstr(&b), "0123456789");
	buf_free(&b);
}

static void after_overflow_even_a_small_append_fails(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 16);
	assert_int_equal(buf_puts(&b, "this is far too long for sixteen"), CF_ERR_TOOBIG);
	assert_int_equal(buf_putc(&b, 'x'), CF_ERR_TOOBIG);
	assert_int_equal(buf_printf(&b, "%d", 1), CF_ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void printf_past_cap_fails_and_keeps_earlier_bytes(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 12);
	assert_int_equal(buf_printf(&b, "%s-%d", "ab", 7), CF_OK);
	assert_int_equal(buf_printf(&b, "%0100d", 1), CF_ERR_TOOBIG);
	assert_string_equal(buf_cstr(&b), "ab-7");
	buf_free(&b);
}

static void reset_clears_contents_and_the_overflow_mark(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "0123456789"), CF_ERR_TOOBIG);
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(buf_puts(&b, "ok"), CF_OK);
	assert_string_equal(buf_cstr(&b), "ok");
	buf_free(&b);
}

static void append_of_size_max_bytes_fails_cleanly(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 1024);
	assert_int_equal(buf_puts(&b, "x"), CF_OK);
	/* n so large that len + n + 1 wraps around: must not pass the check. */
	assert_int_equal(buf_append(&b, "y", SIZE_MAX), CF_ERR_TOOBIG);
	assert_int_equal(buf_append(&b, "y", SIZE_MAX - 1), CF_ERR_TOOBIG);
	assert_string_equal(buf_cstr(&b), "x");
	buf_free(&b);
}

static void growth_past_the_first_block_keeps_every_byte(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 1u << 20);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(buf_printf(&b, "%04d,", i % 10000), CF_OK);
	assert_int_equal(b.len, 50000);
	assert_memory_equal(b.data, "0000,0001,", 10);
	assert_memory_equal(b.data + 49995, "9999,", 5);
	buf_free(&b);
}

static void buffer_may_fill_exactly_to_its_cap(void **state)
{
	(void)state;
	/* A cap that is not a power of two: growth must clamp to it. */
	buf b;
	buf_init(&b, 3000);
	char chunk[999];
	memset(chunk, 'z', sizeof chunk);
	for (int i = 0; i < 3; i++)
		assert_int_equal(buf_append(&b, chunk, sizeof chunk), CF_OK);
	assert_int_equal(buf_putc(&b, 'z'), CF_OK);
	assert_int_equal(b.len, 2998);
	assert_int_equal(buf_putc(&b, 'z'), CF_OK);
	assert_int_equal(buf_putc(&b, 'z'), CF_ERR_TOOBIG);
	assert_true(b.size <= b.cap);
	buf_free(&b);
}

static void zero_cap_buffer_refuses_everything(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_append(&b, "", 0), CF_ERR_TOOBIG);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(append_within_cap_keeps_bytes_and_terminates_them),
		cmocka_unit_test(empty_buffer_reads_as_empty_string),
		cmocka_unit_test(cap_counts_the_terminating_nul),
		cmocka_unit_test(append_past_cap_fails_with_toobig),
		cmocka_unit_test(after_overflow_even_a_small_append_fails),
		cmocka_unit_test(printf_past_cap_fails_and_keeps_earlier_bytes),
		cmocka_unit_test(reset_clears_contents_and_the_overflow_mark),
		cmocka_unit_test(append_of_size_max_bytes_fails_cleanly),
		cmocka_unit_test(growth_past_the_first_block_keeps_every_byte),
		cmocka_unit_test(buffer_may_fill_exactly_to_its_cap),
		cmocka_unit_test(zero_cap_buffer_refuses_everything),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
