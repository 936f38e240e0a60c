/*
 * test_arena.c - the per-request arena (arena.h): zeroed, aligned memory
 * that stays valid until arena_free, big requests in their own chunk, and
 * an abort rather than a short block when the cap would be passed.
 */
#include "unit.h"

#include "../../src/util/arena.h"
#include "../../src/util/buf.h"

static void alloc_returns_zeroed_memory(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	unsigned char *p = arena_alloc(a, 100);
	for (int i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	arena_free(a);
}

static void alloc_is_aligned_for_any_type(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	for (size_t n = 1; n < 40; n++) {
		void *p = arena_alloc(a, n);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	}
	arena_free(a);
}

static void earlier_blocks_survive_many_later_allocations(void **state)
{
	(void)state;
	/* Far more than one chunk of small blocks: none may overlap another. */
	arena *a = arena_new(8u << 20);
	enum { N = 5000 };
	unsigned char *blocks[N];
	for (int i = 0; i < N; i++) {
		blocks[i] = arena_alloc(a, 37);
		memset(blocks[i], i & 0xFF, 37);
	}
	for (int i = 0; i < N; i++)
		for (int k = 0; k < 37; k++)
			assert_int_equal(blocks[i][k], i & 0xFF);
	arena_free(a);
}

static void big_block_does_not_waste_the_current_chunk(void **state)
{
	(void)state;
	arena *a = arena_new(8u << 20);
	char *small1 = arena_alloc(a, 16);
	char *big = arena_alloc(a, 100000);
	char *small2 = arena_alloc(a, 16);
	/* small2 comes from the same chunk as small1, right after it (16 bytes
	 * round up to one alignment unit). */
	assert_ptr_equal(small2, small1 + sizeof(max_align_t));
	memset(big, 'b', 100000);
	assert_int_equal(small1[0], 0);
	assert_int_equal(small2[0], 0);
	arena_free(a);
}

static void used_counts_rounded_sizes(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 1);
	assert_int_equal(arena_used(a), sizeof(max_align_t));
	arena_alloc(a, sizeof(max_align_t) + 1);
	assert_int_equal(arena_used(a), 3 * sizeof(max_align_t));
	arena_free(a);
}

static void strndup_copies_n_bytes_and_terminates(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	char *s = arena_strndup(a, "abcdef", 3);
	assert_string_equal(s, "abc");
	assert_string_equal(arena_strdup(a, "فاس"), "فاس");
	arena_free(a);
}

static void strdup_of_null_is_null(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	assert_null(arena_strdup(a, NULL));
	arena_free(a);
}

static void printf_formats_into_the_arena(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	assert_string_equal(arena_printf(a, "%s=%d;%05.1f", "n", -3, 2.5), "n=-3;002.5");
	char *big = arena_printf(a, "%50000d", 7);
	assert_int_equal(strlen(big), 50000);
	arena_free(a);
}

static void free_of_null_is_harmless(void **state)
{
	(void)state;
	arena_free(NULL);
}

static void alloc_past_cap(void *arg)
{
	(void)arg;
	arena *a = arena_new(4096);
	arena_alloc(a, 4000);
	arena_alloc(a, 200);
}

static void alloc_of_size_max(void *arg)
{
	(void)arg;
	arena *a = arena_new(1u << 20);
	/* Rounding SIZE_MAX up to the alignment wraps to 0: that must not turn
	 * into a tiny block the caller then writes SIZE_MAX bytes into. */
	char *p = arena_alloc(a, SIZE_MAX);
	p[0] = 1;
}

static void alloc_near_size_max(void *arg)
{
	(void)arg;
	arena *a = arena_new(1u << 20);
	arena_alloc(a, 64);
	arena_alloc(a, SIZE_MAX - 40); /* total + n wraps past zero */
}

static void alloc_past_cap_aborts(void **state)
{
	(void)state;
	assert_true(unit_aborts_saying(alloc_past_cap, NULL, "arena cap"));
}

static void alloc_of_size_max_aborts_instead_of_wrapping(void **state)
{
	(void)state;
	assert_true(unit_aborts_saying(alloc_of_size_max, NULL, "arena cap"));
}

static void alloc_near_size_max_aborts_instead_of_wrapping(void **state)
{
	(void)state;
	assert_true(unit_aborts_saying(alloc_near_size_max, NULL, "arena cap"));
}

static void passing_the_cap_with_an_escape_jumps_and_leaves_a_reserve(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	jmp_buf jb;
	volatile int jumped = 0;
	if (setjmp(jb) == 0) {
		arena_set_escape(a, &jb);
		for (;;)
			(void)arena_alloc(a, 1000);
	} else {
		jumped = 1;
	}
	assert_true(jumped);
	assert_true(arena_escaped(a));
	/* the reserve lets the caller build an error page */
	assert_non_null(arena_alloc(a, 100 * 1024));
	arena_free(a);
}

/* A heap block adopted by the arena is freed with it, also after an escape
 * past the cap (LeakSanitizer, in the ASan run of the unit tests, fails on
 * a leak); buf_detach hands the buffer's contents over and leaves it empty. */
static void adopted_blocks_are_freed_with_the_arena_even_after_an_escape(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_puts(&b, "decoded text"), CF_OK);
	size_t n = b.len;
	char *p = arena_adopt(a, buf_detach(&b));
	assert_non_null(p);
	assert_int_equal(n, 12);
	assert_string_equal(p, "decoded text");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_puts(&b, "again"), CF_OK); /* still usable, same cap */
	buf_free(&b);
	assert_null(arena_adopt(a, NULL));
	jmp_buf jb;
	volatile int jumped = 0;
	if (setjmp(jb) == 0) {
		arena_set_escape(a, &jb);
		for (;;)
			(void)arena_alloc(a, 1000);
	} else {
		jumped = 1;
	}
	assert_true(jumped);
	assert_string_equal(p, "decoded text"); /* the escape freed nothing */
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passing_the_cap_with_an_escape_jumps_and_leaves_a_reserve),
		cmocka_unit_test(adopted_blocks_are_freed_with_the_arena_even_after_an_escape),
		cmocka_unit_test(alloc_returns_zeroed_memory),
		cmocka_unit_test(alloc_is_aligned_for_any_type),
		cmocka_unit_test(earlier_blocks_survive_many_later_allocations),
		cmocka_unit_test(big_block_does_not_waste_the_current_chunk),
		cmocka_unit_test(used_counts_rounded_sizes),
		cmocka_unit_test(strndup_copies_n_bytes_and_terminates),
		cmocka_unit_test(strdup_of_null_is_null),
		cmocka_unit_test(printf_formats_into_the_arena),
		cmocka_unit_test(free_of_null_is_harmless),
		cmocka_unit_test(alloc_past_cap_aborts),
		cmocka_unit_test(alloc_of_size_max_aborts_instead_of_wrapping),
		cmocka_unit_test(alloc_near_size_max_aborts_instead_of_wrapping),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
