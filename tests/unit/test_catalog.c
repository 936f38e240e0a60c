/*
 * test_catalog.c - the catalogue's pure rules (model/catalog.h): what the
 * public view of a profile keeps (contact only by consent, hidden photos
 * and texts left out) and the WhatsApp number of a phone.
 */
#include "unit.h"

#include "../../src/model/catalog.h"

static arena *a;

static int setup(void **state)
{
	(void)state;
	a = arena_new(1 << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

static catalog_profile full(void)
{
	catalog_profile p;
	memset(&p, 0, sizeof p);
	p.about_ar = "تقديم";
	p.about_fr = "Présentation";
	p.products_ar = "زرابي";
	p.products_fr = "Tapis";
	p.phone = "0612345678";
	p.email = "orders@example.net";
	p.web = "https://example.net/coop";
	p.whatsapp = 1;
	p.nphotos = 3;
	p.photo_ids[0] = 11, p.photo_ids[1] = 12, p.photo_ids[2] = 13;
	return p;
}

static void every_contact_field_is_private_by_default(void **state)
{
	(void)state;
	catalog_profile p = full();
	catalog_publicise(&p);
	assert_string_equal(p.phone, "");
	assert_string_equal(p.email, "");
	assert_string_equal(p.web, "");
	assert_int_equal(p.whatsapp, 0); /* no WhatsApp link without a public phone */
	assert_string_equal(p.products_fr, "Tapis");
}

static void each_contact_field_is_public_only_when_its_flag_is_set(void **state)
{
	(void)state;
	catalog_profile p = full();
	p.phone_public = 1;
	catalog_publicise(&p);
	assert_string_equal(p.phone, "0612345678");
	assert_int_equal(p.whatsapp, 1);
	assert_string_equal(p.email, "");
	assert_string_equal(p.web, "");
	p = full();
	p.email_public = p.web_public = 1;
	catalog_publicise(&p);
	assert_string_equal(p.phone, "");
	assert_string_equal(p.email, "orders@example.net");
	assert_string_equal(p.web, "https://example.net/coop");
}

static void hidden_photos_and_texts_are_left_out(void **state)
{
	(void)state;
	catalog_profile p = full();
	p.photo_hidden[1] = 1;
	p.about_hidden = 1;
	catalog_publicise(&p);
	assert_int_equal(p.nphotos, 2);
	assert_int_equal(p.photo_ids[0], 11);
	assert_int_equal(p.photo_ids[1], 13);
	assert_int_equal(p.photo_ids[2], 0);
	assert_string_equal(p.about_ar, "");
	assert_string_equal(p.about_fr, "");
	assert_string_equal(p.products_ar, "");
}

static void whatsapp_numbers_are_international_digits(void **state)
{
	(void)state;
	assert_string_equal(catalog_whatsapp(a, "0612345678"), "212612345678");
	assert_string_equal(catalog_whatsapp(a, "06 12 34 56 78"), "212612345678");
	assert_string_equal(catalog_whatsapp(a, "+212 6 12 34 56 78"), "212612345678");
	assert_string_equal(catalog_whatsapp(a, "00212612345678"), "212612345678");
	assert_null(catalog_whatsapp(a, "12345"));
	assert_null(catalog_whatsapp(a, ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_contact_field_is_private_by_default),
		cmocka_unit_test(each_contact_field_is_public_only_when_its_flag_is_set),
		cmocka_unit_test(hidden_photos_and_texts_are_left_out),
		cmocka_unit_test(whatsapp_numbers_are_international_digits),
	};
	return cmocka_run_group_tests_name("catalog", tests, setup, teardown);
}
