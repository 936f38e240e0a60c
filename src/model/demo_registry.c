/*
 * demo_registry.c - the demo edition's call for applications (issue 4):
 * the 80 exhibitors demo.c inserted each get the accepted application that
 * made them exhibitors, and 20 more sample cooperatives applied and were
 * wait-listed or not selected. The edition's rules are the 2024 fair's
 * (40 stands x 2, at most 5 from outside the region, 40/25/15 seats per
 * category) and the selection is published. Scores and reasons are sample
 * data (is_sample = 1), generated deterministically; the selection
 * assistant, run on this data, proposes exactly the published list.
 */
#include "demo.h"
#include "registry.h"

#include <stdio.h>
#include <string.h>

static uint64_t st;
static unsigned rnd(unsigned n)
{
	st ^= st >> 12;
	st ^= st << 25;
	st ^= st >> 27;
	return (unsigned)((st * 2685821657736338717ull) >> 33) % n;
}

static const char SQL_EXHIBITORS[] =
	"SELECT x.cooperative_id, x.category_id, c.products_ar, c.products_fr, p.region_id <> e.region_id "
	"FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id JOIN edition e ON e.id = x.edition_id "
	"JOIN province p ON p.id = c.province_id WHERE x.edition_id = ? ORDER BY x.id";
static const char SQL_APP[] =
	"INSERT INTO application (edition_id, cooperative_id, category_id, status, products, "
	"needs_power, needs_water, needs_accessible, share_with, first_time, score, note, submitted_at, "
	"updated_at, published_status, is_sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?, ?, ?, ?, 1)";
static const char SQL_EVENT[] =
	"INSERT INTO application_event (application_id, at, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?)";
static const char SQL_RULES[] =
	"INSERT INTO selection_rules (edition_id, stands, per_stand, max_outside, min_women_pct, "
	"min_first_pct, published_at) VALUES (?, 40, 2, 5, 50, 0, '2024-02-05T10:00:00Z')";
static const char SQL_SEATS[] =
	"INSERT INTO selection_category (edition_id, category_id, seats) "
	"SELECT edition_id, id, CASE code WHEN 'handicrafts' THEN 40 WHEN 'terroir' THEN 25 ELSE 15 END "
	"FROM category WHERE edition_id = ?";
static const char SQL_CATEGORY[] = "SELECT id FROM category WHERE edition_id = ? AND code = ?";
static const char SQL_COOP[] =
	"INSERT INTO cooperative (name_ar, name_fr, legal_form, reg_number, reg_date, province_id, sector, "
	"products_ar, products_fr, members_women, members_men, members_young, women_led, contact_name, "
	"phone, email, is_sample) VALUES (?, ?, 'cooperative', ?, '2021-05-10', "
	"(SELECT id FROM province WHERE code = ?), ?, ?, ?, ?, ?, 3, ?, ?, '+212600000000', ?, 1)";

static int64_t run_insert(db *d, db_stmt *s, cf_err *e)
{
	if (*e)
		return 0;
	*e = db_run(s);
	return *e ? 0 : db_last_id(d);
}

static cf_err events(db *d, int64_t app, const char *decision, const char *reason, int day)
{
	char at[32];
	snprintf(at, sizeof at, "2024-01-%02dT09:%02d:00Z", 5 + day % 20, day % 60);
	db_stmt *s = db_prepare(d, SQL_EVENT);
	db_bind_int(s, 1, app);
	db_bind_text(s, 2, at);
	db_bind_text(s, 3, "draft");
	db_bind_text(s, 4, "submitted");
	db_bind_text(s, 5, "");
	cf_err e = db_run(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_EVENT);
	db_bind_int(s, 1, app);
	db_bind_text(s, 2, "2024-02-01T15:00:00Z");
	db_bind_text(s, 3, "under_review");
	db_bind_text(s, 4, decision);
	db_bind_text(s, 5, reason);
	return db_run(s);
}

static int64_t add_app(db *d, int64_t ed, int64_t coop, int64_t cat, const char *status,
		       const char *products, int score, const char *note, int day, cf_err *e)
{
	char at[32];
	snprintf(at, sizeof at, "2024-01-%02dT09:%02d:00Z", 5 + day % 20, day % 60);
	db_stmt *s = db_prepare(d, SQL_APP);
	db_bind_int(s, 1, ed);
	db_bind_int(s, 2, coop);
	db_bind_int(s, 3, cat);
	db_bind_text(s, 4, status);
	db_bind_text(s, 5, products);
	db_bind_int(s, 6, rnd(3) == 0);
	db_bind_int(s, 7, rnd(6) == 0);
	db_bind_int(s, 8, rnd(10) == 0);
	db_bind_int(s, 9, score);
	db_bind_text(s, 10, note);
	db_bind_text(s, 11, at);
	db_bind_text(s, 12, "2024-02-05T10:00:00Z");
	db_bind_text(s, 13, status);
	return run_insert(d, s, e);
}

cf_err demo_registry(db *d, int64_t edition_id)
{
	st = 0x4a1b2c3d2024ull;
	cf_err e = CF_OK;
	/* The 80 exhibitors: accepted applications, scored 60..95 (the 5 from
	 * outside the region 89..95: above the wait-listed outsiders). */
	struct row {
		int64_t coop, cat;
		int outside;
		char products[256];
	} rows[DEMO_EXHIBITORS];
	int n = 0;
	db_stmt *s = db_prepare(d, SQL_EXHIBITORS);
	db_bind_int(s, 1, edition_id);
	while (n < DEMO_EXHIBITORS && db_step(s) == DB_ROW) {
		rows[n].coop = db_col_int(s, 0);
		rows[n].cat = db_col_int(s, 1);
		snprintf(rows[n].products, sizeof rows[n].products, "%s — %s", db_col_text(s, 2),
			 db_col_text(s, 3));
		rows[n].outside = (int)db_col_int(s, 4);
		n++;
	}
	db_done(s);
	for (int i = 0; i < n && !e; i++) {
		int64_t app = add_app(d, edition_id, rows[i].coop, rows[i].cat, "accepted",
				      rows[i].products,
				      rows[i].outside ? 89 + (int)rnd(7) : 60 + (int)rnd(36),
				      "نقطة توضيحية (مثال).", i, &e);
		if (!e)
			e = events(d, app, "accepted", "", i);
	}

	/* 20 more sample cooperatives. The first three are from outside the
	 * region with high scores: wait-listed because the 5 places for
	 * outside the region are taken. Five more are wait-listed on score,
	 * twelve were not selected. */
	static const struct {
		const char *ar, *fr, *prov, *cat, *prod_ar, *prod_fr;
		int women_led;
	} extra[] = {
		{ "تعاونية الواحة للتمور", "Coopérative Al Waha des dattes", "errachidia",
		  "terroir", "التمور", "dattes", 1 },
		{ "تعاونية أركان الخير", "Coopérative Argane Al Khair", "agadir-ida-outanane",
		  "terroir", "زيت أركان", "huile d'argan", 1 },
		{ "تعاونية الصويرة للخشب", "Coopérative Essaouira du thuya", "essaouira",
		  "handicrafts", "خشب العرعار", "bois de thuya", 0 },
		{ "تعاونية صفرو للكرز", "Coopérative Sefrou des cerises", "sefrou", "terroir",
		  "الكرز", "cerises", 1 },
		{ "تعاونية إفران للصوف", "Coopérative Ifrane de la laine", "ifrane", "handicrafts",
		  "الصوف", "laine", 1 },
		{ "تعاونية تازة للحلويات", "Coopérative Taza des douceurs", "taza", "pastries",
		  "الحلويات", "pâtisserie", 1 },
		{ "تعاونية مكناس للزيتون", "Coopérative Meknès des olives", "meknes", "terroir",
		  "الزيتون", "olives", 0 },
		{ "تعاونية فاس للدباغة", "Coopérative Fès de la tannerie", "fes", "handicrafts",
		  "الجلد المدبوغ", "cuir tanné", 0 },
		{ "تعاونية بولمان للأعشاب", "Coopérative Boulemane des herbes", "boulemane",
		  "terroir", "الأعشاب", "herbes", 1 },
		{ "تعاونية الحاجب للخبز", "Coopérative El Hajeb du pain", "el-hajeb", "pastries",
		  "الخبز التقليدي", "pain traditionnel", 1 },
		{ "تعاونية تاونات للتين", "Coopérative Taounate des figues", "taounate", "terroir",
		  "التين", "figues", 0 },
		{ "تعاونية مولاي يعقوب للفخار", "Coopérative Moulay Yacoub de la poterie",
		  "moulay-yacoub", "handicrafts", "الفخار", "poterie", 0 },
		{ "تعاونية فاس للنقش", "Coopérative Fès de la gravure", "fes", "handicrafts",
		  "النقش على الجبس", "plâtre sculpté", 0 },
		{ "تعاونية مكناس للسلال", "Coopérative Meknès de la vannerie", "meknes",
		  "handicrafts", "السلال", "vannerie", 1 },
		{ "تعاونية صفرو للحلوى", "Coopérative Sefrou des friandises", "sefrou", "pastries",
		  "الحلوى", "friandises", 0 },
		{ "تعاونية تازة للعسل", "Coopérative Taza du miel", "taza", "terroir", "العسل",
		  "miel", 0 },
		{ "تعاونية إفران للخشب", "Coopérative Ifrane du bois", "ifrane", "handicrafts",
		  "الخشب", "bois", 0 },
		{ "تعاونية بولمان للزرابي", "Coopérative Boulemane des tapis", "boulemane",
		  "handicrafts", "الزرابي", "tapis", 1 },
		{ "تعاونية الحاجب للجبن", "Coopérative El Hajeb du fromage", "el-hajeb", "terroir",
		  "الجبن", "fromage", 0 },
		{ "تعاونية تاونات للكسكس", "Coopérative Taounate du couscous", "taounate",
		  "terroir", "الكسكس", "couscous", 1 },
	};
	static const char *const rejected_reason[] = {
		"المنتوجات ليست من صنع المنخرطات والمنخرطين في التعاونية. — Les produits ne sont pas fabriqués par les adhérentes et adhérents de la coopérative.",
		"وصل الطلب ناقصا: لا توجد صور للمنتوجات. — La candidature est arrivée incomplète : aucune photo des produits.",
		"حصلت تعاونية أخرى من العمالة أو الإقليم نفسه وبالمنتوجات نفسها على نقطة أعلى. — Une autre coopérative de la même province, aux mêmes produits, a obtenu une meilleure note.",
	};
	for (int i = 0; i < 20 && !e; i++) {
		char reg[32], email[64];
		snprintf(reg, sizeof reg, "SAMPLE-APP-%03d", i + 1);
		snprintf(email, sizeof email, "sample.applicant%02d@example.org", i + 1);
		s = db_prepare(d, SQL_COOP);
		db_bind_text(s, 1, extra[i].ar);
		db_bind_text(s, 2, extra[i].fr);
		db_bind_text(s, 3, reg);
		db_bind_text(s, 4, extra[i].prov);
		db_bind_text(s, 5, extra[i].cat);
		db_bind_text(s, 6, extra[i].prod_ar);
		db_bind_text(s, 7, extra[i].prod_fr);
		db_bind_int(s, 8, extra[i].women_led ? 12 : 2);
		db_bind_int(s, 9, extra[i].women_led ? 2 : 9);
		db_bind_int(s, 10, extra[i].women_led);
		db_bind_text(s, 11, extra[i].women_led ? "خديجة (مثال)" : "رشيد (مثال)");
		db_bind_text(s, 12, email);
		int64_t coop = run_insert(d, s, &e);
		s = db_prepare(d, SQL_CATEGORY);
		db_bind_int(s, 1, edition_id);
		db_bind_text(s, 2, extra[i].cat);
		int64_t cat = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
		db_done(s);
		const char *status = i < 8 ? "waitlisted" : "rejected";
		int score = i < 3 ? 80 + (int)rnd(9) : i < 8 ? 50 + (int)rnd(9) : 20 + (int)rnd(21);
		const char *reason =
			i < 3	? "لا يتجاوز عدد العارضين من خارج الجهة 5: ذهبت هذه الأماكن إلى نقط أعلى. — 5 exposants hors région au plus : ces places sont allées à de meilleures notes."
			: i < 8 ? "ذهبت أماكن الفئة إلى نقط أعلى؛ الطلب في مقدمة لائحة الانتظار إذا شغر مكان. — Les places de la catégorie sont allées à de meilleures notes ; premier sur la liste d’attente si une place se libère."
				: rejected_reason[i % 3];
		char products[256];
		snprintf(products, sizeof products, "%s — %s", extra[i].prod_ar, extra[i].prod_fr);
		int64_t app = add_app(d, edition_id, coop, cat, status, products, score,
				      "نقطة توضيحية (مثال).", 80 + i, &e);
		if (!e)
			e = events(d, app, status, reason, 80 + i);
	}
	if (!e) {
		s = db_prepare(d, SQL_RULES);
		db_bind_int(s, 1, edition_id);
		e = db_run(s);
	}
	if (!e) {
		s = db_prepare(d, SQL_SEATS);
		db_bind_int(s, 1, edition_id);
		e = db_run(s);
	}
	if (!e)
		registry_index_pending();
	return e;
}
