/*
 * test_model.c - the model's public reads (edition.h, exhibitor.h,
 * setting.h) on the demo fair, through db_thread() as pages use them.
 */
#include "unit.h"
#include "unit_demo.h"

#include "../../src/db/db.h"
#include "../../src/model/demo.h"
#include "../../src/model/edition.h"
#include "../../src/model/exhibitor.h"
#include "../../src/model/setting.h"

/* got - the count a reader returned (readers return cf_err). */
static size_t got;

static char dir[256];
static arena *a;
static edition ed;

static int setup(void **state)
{
	(void)state;
	if (unit_demo_open(dir, sizeof dir, "model.db"))
		return -1;
	a = arena_new(16u << 20);
	return edition_current(a, &ed) == CF_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	arena_free(a);
	unit_rmtree(dir);
	return 0;
}

static void current_edition_is_the_demo_fair(void **state)
{
	(void)state;
	assert_string_equal(ed.slug, DEMO_SLUG);
	assert_int_equal(ed.number, 1);
	assert_string_equal(
		ed.name.v[LANG_AR],
		"معرض التعاونيات المبدعة في الاقتصاد الاجتماعي والتضامني لجهة فاس مكناس");
	assert_string_equal(ed.slogan.v[LANG_AR],
			    "التعاونيات المبدعات: رائدات التميز في الاقتصاد الاجتماعي والتضامني");
	assert_string_equal(ed.city.v[LANG_FR], "Fès");
	assert_string_equal(ed.region.v[LANG_FR], "Fès-Meknès");
}

static void current_edition_carries_the_announced_figures(void **state)
{
	(void)state;
	assert_string_equal(ed.starts_on, "2024-02-20");
	assert_string_equal(ed.ends_on, "2024-02-24");
	assert_int_equal(edition_days(&ed), 5);
	assert_int_equal(ed.area_m2, 1500);
	assert_int_equal(ed.stands_planned, 40);
	assert_int_equal(ed.exhibitors_planned, 80);
	assert_int_equal(ed.outside_region_planned, 5);
}

static void edition_by_id_of_a_missing_id_is_not_found(void **state)
{
	(void)state;
	edition e;
	assert_int_equal(edition_by_id(a, 424242, &e), CF_ERR_NOTFOUND);
	assert_int_equal(edition_by_id(a, ed.id, &e), CF_OK);
	assert_int_equal(e.id, ed.id);
}

static void edition_has_four_spaces_in_order(void **state)
{
	(void)state;
	named *v;
	assert_int_equal(edition_spaces(a, ed.id, &v, &got), CF_OK);
	assert_int_equal(got, 4);
	assert_string_equal(v[0].code, "exhibitors_hub");
	assert_string_equal(v[1].code, "agora");
	assert_string_equal(v[2].code, "partners_hub");
	assert_string_equal(v[3].code, "entertainment");
}

static void edition_has_one_organiser_and_six_partners(void **state)
{
	(void)state;
	named *v;
	assert_int_equal(edition_organisations(a, ed.id, ORG_ORGANISER, &v, &got), CF_OK);
	assert_int_equal(got, 1);
	assert_string_equal(v[0].name.v[LANG_AR], "مجلس جهة فاس مكناس");
	assert_int_equal(edition_organisations(a, ed.id, ORG_PARTNER, &v, &got), CF_OK);
	assert_int_equal(got, 6);
	assert_string_equal(v[3].code, "ODCO");
}

static void edition_has_the_three_prize_categories(void **state)
{
	(void)state;
	named *v;
	assert_int_equal(edition_categories(a, ed.id, &v, &got), CF_OK);
	assert_int_equal(got, 3);
	assert_string_equal(v[0].name.v[LANG_AR], "الصناعة التقليدية");
	assert_string_equal(v[1].name.v[LANG_AR], "المنتوجات المجالية");
	assert_string_equal(v[2].name.v[LANG_AR], "الحلويات");
}

static void edition_has_the_coaching_meeting(void **state)
{
	(void)state;
	named *v;
	assert_int_equal(edition_side_events(a, ed.id, &v, &got), CF_OK);
	assert_int_equal(got, 1);
	assert_non_null(strstr(v[0].name.v[LANG_AR], "النساء الحرفيات"));
}

static void counts_cover_the_whole_edition(void **state)
{
	(void)state;
	exhibitor_counts c;
	assert_int_equal(exhibitor_counts_of(a, ed.id, &c), CF_OK);
	assert_int_equal(c.total, 80);
	assert_int_equal(c.women_led + c.men_led, 80);
	assert_int_equal(c.outside_region, 5);
	assert_int_equal(c.ncat, 3);
	assert_int_equal(c.by_category[0].n + c.by_category[1].n + c.by_category[2].n, 80);
}

static void list_pages_twenty_rows_at_a_time(void **state)
{
	(void)state;
	exhibitor_filter f = { NULL, NULL, 1, 20 };
	exhibitor_row *rows;
	int total = 0;
	assert_int_equal(exhibitor_list(a, ed.id, &f, &rows, &total, &got), CF_OK);
	assert_int_equal(got, 20);
	assert_int_equal(total, 80);
	assert_string_equal(rows[0].stand, "A01");
	f.page = 4;
	assert_int_equal(exhibitor_list(a, ed.id, &f, &rows, &total, &got), CF_OK);
	assert_int_equal(got, 20);
	assert_string_equal(rows[19].stand, "A40");
	f.page = 5;
	assert_int_equal(exhibitor_list(a, ed.id, &f, &rows, &total, &got), CF_OK);
	assert_int_equal(got, 0);
	assert_int_equal(total, 80);
}

static void list_filters_by_category(void **state)
{
	(void)state;
	exhibitor_filter f = { "pastries", NULL, 1, 100 };
	exhibitor_row *rows;
	int total = 0;
	size_t n;
	assert_int_equal(exhibitor_list(a, ed.id, &f, &rows, &total, &n), CF_OK);
	assert_int_equal(total, 15);
	assert_int_equal(n, 15);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rows[i].category_code, "pastries");
}

static void list_filters_by_province(void **state)
{
	(void)state;
	exhibitor_filter f = { NULL, "marrakech", 1, 100 };
	exhibitor_row *rows;
	int total = 0;
	size_t n;
	assert_int_equal(exhibitor_list(a, ed.id, &f, &rows, &total, &n), CF_OK);
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(rows[i].province_code, "marrakech");
		assert_true(rows[i].outside_region);
	}
}

static void list_filter_by_an_unknown_code_finds_nothing(void **state)
{
	(void)state;
	exhibitor_filter f = { "' OR 1=1 --", NULL, 1, 20 };
	exhibitor_row *rows;
	int total = -1;
	assert_int_equal(exhibitor_list(a, ed.id, &f, &rows, &total, &got), CF_OK);
	assert_int_equal(got, 0);
	assert_int_equal(total, 0);
}

static void exhibitor_get_shows_the_stand_mate(void **state)
{
	(void)state;
	exhibitor_detail d;
	assert_int_equal(exhibitor_get(a, ed.id, 1, &d), CF_OK);
	assert_true(d.row.is_sample);
	assert_int_equal(d.nstand_mates, 1);
	assert_int_equal(d.stand_mate_ids[0], 2);
}

static void exhibitor_get_of_a_missing_id_is_not_found(void **state)
{
	(void)state;
	exhibitor_detail d;
	assert_int_equal(exhibitor_get(a, ed.id, 999999, &d), CF_ERR_NOTFOUND);
	assert_int_equal(exhibitor_get(a, ed.id + 1, 1, &d), CF_ERR_NOTFOUND);
}

static void provinces_list_the_region_first(void **state)
{
	(void)state;
	named *v;
	size_t n;
	assert_int_equal(edition_provinces(a, ed.id, 0, &v, &n), CF_OK);
	assert_int_equal(n, 14); /* the 9 of Fès-Meknès and 5 from elsewhere */
	int seen_outside = 0;
	static const char *const fm[] = { "fes",       "meknes",	"el-hajeb",
					  "ifrane",    "moulay-yacoub", "sefrou",
					  "boulemane", "taounate",	"taza" };
	for (size_t i = 0; i < n; i++) {
		int in_region = 0;
		for (int k = 0; k < 9; k++)
			in_region |= !strcmp(v[i].code, fm[k]);
		if (!in_region)
			seen_outside = 1;
		else if (seen_outside)
			fail_msg("%s listed after a province outside the region", v[i].code);
	}
	assert_true(seen_outside);
}

static void applicants_provinces_cover_the_exhibitors_and_list_the_region_first(void **state)
{
	(void)state;
	named *x, *v;
	size_t nx, n;
	assert_int_equal(edition_provinces(a, ed.id, 0, &x, &nx), CF_OK);
	assert_int_equal(edition_provinces(a, ed.id, 1, &v, &n), CF_OK);
	assert_true(n >= nx); /* every exhibitor applied */
	assert_true(nx > 0);
	for (size_t i = 0; i < nx; i++) {
		size_t k = 0;
		while (k < n && strcmp(v[k].code, x[i].code))
			k++;
		if (k == n)
			fail_msg("exhibitors' province %s missing among the applicants'",
				 x[i].code);
	}
	assert_string_equal(v[0].code, x[0].code); /* the region first, by French name */
}

/* The exhibitors page reads the whole list once and derives the figures and
 * the provinces from it: the same answers as the queries they replace. */
static void whole_list_gives_the_counts_and_provinces_of_the_queries(void **state)
{
	(void)state;
	exhibitor_filter all = { NULL, NULL, 1, EXHIBITOR_ALL }, paged = { NULL, NULL, 1, 100 };
	exhibitor_row *rows, *prow;
	int total = 0, ptotal = 0;
	size_t n = 0, pn = 0;
	assert_int_equal(exhibitor_list(a, ed.id, &all, &rows, &total, &n), CF_OK);
	assert_int_equal(exhibitor_list(a, ed.id, &paged, &prow, &ptotal, &pn), CF_OK);
	assert_int_equal(n, 80);
	assert_int_equal(total, 80);
	assert_int_equal(n, pn);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].id, prow[i].id); /* same order: by stand */

	named *cats;
	size_t ncats = 0;
	assert_int_equal(edition_categories(a, ed.id, &cats, &ncats), CF_OK);
	exhibitor_counts q, t;
	assert_int_equal(exhibitor_counts_of(a, ed.id, &q), CF_OK);
	exhibitor_tally(rows, n, cats, ncats, &t);
	assert_int_equal(t.total, q.total);
	assert_int_equal(t.women_led, q.women_led);
	assert_int_equal(t.men_led, q.men_led);
	assert_int_equal(t.outside_region, q.outside_region);
	assert_int_equal(t.ncat, q.ncat);
	assert_int_equal(t.ncat, 3);
	for (int k = 0; k < q.ncat; k++) {
		assert_string_equal(t.by_category[k].code, q.by_category[k].code);
		assert_int_equal(t.by_category[k].n, q.by_category[k].n);
	}

	named *pq, *pt;
	size_t npq = 0, npt = 0;
	assert_int_equal(edition_provinces(a, ed.id, 0, &pq, &npq), CF_OK);
	exhibitor_provinces_of(a, rows, n, &pt, &npt);
	assert_int_equal(npt, 14);
	assert_int_equal(npt, npq);
	for (size_t i = 0; i < npq; i++) {
		assert_string_equal(pt[i].code, pq[i].code);
		for (int l = 0; l < LANG__MAX; l++)
			assert_string_equal(pt[i].name.v[l], pq[i].name.v[l]);
	}
}

static void csrf_key_setting_is_32_bytes(void **state)
{
	(void)state;
	unsigned char key[32];
	assert_int_equal(setting_key32("csrf_key", key), CF_OK);
	assert_int_equal(setting_key32("no_such_key", key), CF_ERR_NOTFOUND);
	assert_null(setting_get(a, "no_such_key"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(current_edition_is_the_demo_fair),
		cmocka_unit_test(current_edition_carries_the_announced_figures),
		cmocka_unit_test(edition_by_id_of_a_missing_id_is_not_found),
		cmocka_unit_test(edition_has_four_spaces_in_order),
		cmocka_unit_test(edition_has_one_organiser_and_six_partners),
		cmocka_unit_test(edition_has_the_three_prize_categories),
		cmocka_unit_test(edition_has_the_coaching_meeting),
		cmocka_unit_test(counts_cover_the_whole_edition),
		cmocka_unit_test(list_pages_twenty_rows_at_a_time),
		cmocka_unit_test(list_filters_by_category),
		cmocka_unit_test(list_filters_by_province),
		cmocka_unit_test(list_filter_by_an_unknown_code_finds_nothing),
		cmocka_unit_test(exhibitor_get_shows_the_stand_mate),
		cmocka_unit_test(exhibitor_get_of_a_missing_id_is_not_found),
		cmocka_unit_test(provinces_list_the_region_first),
		cmocka_unit_test(whole_list_gives_the_counts_and_provinces_of_the_queries),
		cmocka_unit_test(
			applicants_provinces_cover_the_exhibitors_and_list_the_region_first),
		cmocka_unit_test(csrf_key_setting_is_32_bytes),
	};
	return cmocka_run_group_tests_name("model", tests, setup, teardown);
}
