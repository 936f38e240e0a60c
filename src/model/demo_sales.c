/* demo_sales.c - the demo's sales, B2B meetings and a sample 2nd edition
 * (issue 16), all sample data (is_sample = 1), deterministic:
 *  - sales of every exhibitor over the five days of the 2024 fair (0 to 5 a
 *    day, amounts by category, mostly paid in cash);
 *  - four tables in the partners hub, twelve sample professionals and 36
 *    meetings (accepted with outcomes, declined, waiting), no one
 *    double-booked;
 *  - on demand (demo_second_edition, `init --second-edition`), a sample 2nd
 *    edition, Fès, July 2025 (the real one had about 100 cooperatives on 50
 *    stands): the demo's 100 cooperatives on 50 stands, its sales and gate
 *    entries, so that the impact report has an edition to compare with. The
 *    2024 edition stays the current one (setting current_edition). It is not
 *    in the plain demo, whose single edition the other features' tests
 *    count on. */
#include "badge.h"
#include "demo.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static uint64_t st;
static unsigned rnd(unsigned n)
{
	st ^= st >> 12, st ^= st << 25, st ^= st >> 27;
	return (unsigned)(((st * 2685821657736338717ull) >> 33) % n);
}

static const char SQL_EXHIBITORS[] =
	"SELECT x.id, x.category_id, k.code FROM exhibitor x JOIN category k ON "
	"k.id = x.category_id WHERE x.edition_id = ? ORDER BY x.id";
static const char SQL_SALE[] =
	"INSERT INTO sale (edition_id, exhibitor_id, day, amount, items, category_id, payment, "
	"created_at, updated_at, is_sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
static const char SQL_TABLE[] = "INSERT INTO b2b_table (edition_id, name) VALUES (?, ?)";
static const char SQL_PRO[] =
	"INSERT INTO b2b_pro (edition_id, kind, name, organisation, email, phone, token, "
	"is_sample, created_at) VALUES (?, ?, ?, ?, ?, '', ?, 1, '2024-02-10T10:00:00Z')";
static const char SQL_MEETING[] =
	"INSERT INTO b2b_meeting (edition_id, pro_id, exhibitor_id, slot, status, table_id, note, "
	"outcome_pro, outcome_exhibitor, is_sample, created_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, "
	"?, 1, '2024-02-15T10:00:00Z')";
static const char SQL_EDITION2[] =
	"INSERT INTO edition (slug, number, name_ar, name_fr, name_en, city_ar, city_fr, city_en, "
	"region_id, starts_on, ends_on, area_m2, stands_planned, exhibitors_planned, "
	"outside_region_planned, state) VALUES ('" DEMO_SECOND_SLUG "', 2, "
	"'معرض التعاونيات المبدعة لجهة فاس مكناس، النسخة الثانية (مثال)', "
	"'Salon des coopératives créatives de Fès-Meknès, 2e édition (exemple)', "
	"'Creative Cooperatives Fair of Fès-Meknès, 2nd edition (example)', 'فاس', 'Fès', 'Fez', 3, "
	"'2025-07-09', '2025-07-13', 2000, 50, 100, 8, 'over')";
static const char SQL_CATEGORIES2[] =
	"INSERT INTO category (edition_id, code, name_ar, name_fr, name_en, position) "
	"SELECT ?, code, name_ar, name_fr, name_en, position FROM category WHERE edition_id = ?";
static const char SQL_STAND2[] = "INSERT INTO stand (edition_id, code) VALUES (?, ?)";
static const char SQL_EXHIBITOR2[] =
	"INSERT INTO exhibitor (edition_id, cooperative_id, category_id, stand_id, is_sample) "
	"SELECT ?, c.id, k.id, ?, 1 FROM cooperative c JOIN category k ON k.edition_id = ? AND "
	"k.code = CASE WHEN c.sector IN ('handicrafts', 'terroir', 'pastries') THEN c.sector "
	"ELSE 'handicrafts' END WHERE c.id = ?";
static const char SQL_COOPS[] = "SELECT id FROM cooperative ORDER BY id";
static const char SQL_CURRENT[] = "INSERT INTO setting (key, value) VALUES ('current_edition', ?) "
				  "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char SQL_GATE[] = "INSERT INTO gate (edition_id, name, api_key) VALUES (?, ?, ?)";
static const char SQL_BADGE[] =
	"INSERT INTO badge (edition_id, role, name_ar, name_latin, token, is_sample, created_at) "
	"VALUES (?, 'visitor', 'زائر (مثال)', 'Sample visitor', ?, 1, '2025-07-01T09:00:00Z')";
static const char SQL_CHECKIN[] =
	"INSERT INTO checkin (edition_id, gate_id, badge_id, direction, result, at, day, hour, "
	"is_sample) VALUES (?, ?, ?, 'in', 'ok', ?, ?, ?, 1)";

static int64_t run(db *d, db_stmt *s, cf_err *e)
{
	if (*e) {
		db_done(s);
		return 0;
	}
	*e = db_run(s);
	return *e ? 0 : db_last_id(d);
}

static void hex_of(const char *seed, char out[BADGE_TOKEN_LEN + 1])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)seed, strlen(seed), NULL, 0);
	sodium_bin2hex(out, BADGE_TOKEN_LEN + 1, h, sizeof h);
}

/* sales over the five days from first_day (dd of month prefix), scaled by
 * pct percent */
static cf_err sales(db *d, int64_t ed, const char *month, int first_day, int pct)
{
	typedef struct {
		int64_t id, cat;
		char code[16];
	} ex;
	ex v[128];
	size_t n = 0;
	db_stmt *s = db_prepare(d, SQL_EXHIBITORS);
	db_bind_int(s, 1, ed);
	while (db_step(s) == DB_ROW && n < 128) {
		v[n].id = db_col_int(s, 0);
		v[n].cat = db_col_int(s, 1);
		snprintf(v[n].code, sizeof v[n].code, "%s", db_col_text(s, 2));
		n++;
	}
	db_done(s);
	static const char *const PAY[] = {
		"cash", "cash", "cash", "card", "mobile", "", "transfer"
	};
	cf_err e = CF_OK;
	for (int day = 0; day < 5 && !e; day++) {
		char iso[11], at[21];
		snprintf(iso, sizeof iso, "%s-%02d", month, first_day + day);
		for (size_t i = 0; i < n && !e; i++) {
			int k = (int)rnd(6);
			for (int j = 0; j < k && !e; j++) {
				unsigned lo = 20, span = 180;
				if (!strcmp(v[i].code, "handicrafts"))
					lo = 80, span = 1200;
				else if (!strcmp(v[i].code, "terroir"))
					lo = 30, span = 370;
				long items = 1 + (long)rnd(4);
				long amount = (long)(lo + rnd(span)) * items * pct / 100;
				snprintf(at, sizeof at, "%sT%02u:%02u:00Z", iso, 9 + rnd(8),
					 rnd(60));
				s = db_prepare(d, SQL_SALE);
				db_bind_int(s, 1, ed);
				db_bind_int(s, 2, v[i].id);
				db_bind_text(s, 3, iso);
				db_bind_int(s, 4, amount);
				db_bind_int(s, 5, items);
				db_bind_int(s, 6, v[i].cat);
				db_bind_text(s, 7, PAY[rnd(7)]);
				db_bind_text(s, 8, at);
				db_bind_text(s, 9, at);
				run(d, s, &e);
			}
		}
	}
	return e;
}

static cf_err b2b(db *d, int64_t ed)
{
	cf_err e = CF_OK;
	int64_t tables[4];
	for (int i = 0; i < 4; i++) {
		char name[32];
		snprintf(name, sizeof name, "T%d", i + 1);
		db_stmt *s = db_prepare(d, SQL_TABLE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, name);
		tables[i] = run(d, s, &e);
	}
	static const struct {
		const char *kind, *name, *org;
	} P[12] = {
		{ "buyer", "مشترية 1 (مثال) — Acheteuse 1 (exemple)",
		  "متجر بفاس (مثال) — Magasin à Fès (exemple)" },
		{ "shop", "متجر 2 (مثال) — Boutique 2 (exemple)",
		  "مكناس (مثال) — Meknès (exemple)" },
		{ "exporter", "مصدر 3 (مثال) — Exportateur 3 (exemple)",
		  "الدار البيضاء (مثال) — Casablanca (exemple)" },
		{ "partner", "شريك 4 (مثال) — Partenaire 4 (exemple)",
		  "جمعية (مثال) — Association (exemple)" },
		{ "buyer", "مشتر 5 (مثال) — Acheteur 5 (exemple)",
		  "فندق بمراكش (مثال) — Hôtel à Marrakech (exemple)" },
		{ "shop", "متجر 6 (مثال) — Boutique 6 (exemple)",
		  "الرباط (مثال) — Rabat (exemple)" },
		{ "exporter", "مصدر 7 (مثال) — Exportateur 7 (exemple)",
		  "طنجة (مثال) — Tanger (exemple)" },
		{ "buyer", "مشترية 8 (مثال) — Acheteuse 8 (exemple)",
		  "مطعم بفاس (مثال) — Restaurant à Fès (exemple)" },
		{ "partner", "شريك 9 (مثال) — Partenaire 9 (exemple)",
		  "وكالة تنمية (مثال) — Agence de développement (exemple)" },
		{ "shop", "متجر 10 (مثال) — Boutique 10 (exemple)",
		  "متجر إلكتروني (مثال) — Boutique en ligne (exemple)" },
		{ "buyer", "مشتر 11 (مثال) — Acheteur 11 (exemple)",
		  "ممون بإفران (مثال) — Traiteur à Ifrane (exemple)" },
		{ "exporter", "مصدرة 12 (مثال) — Exportatrice 12 (exemple)",
		  "شركة تجارية (مثال) — Société de négoce (exemple)" },
	};
	int64_t pros[12];
	for (int i = 0; i < 12; i++) {
		char seed[48], tok[BADGE_TOKEN_LEN + 1], mail[48];
		snprintf(seed, sizeof seed, "coopfair-demo-b2b-%d", i);
		hex_of(seed, tok);
		snprintf(mail, sizeof mail, "sample.pro%02d@example.org", i + 1);
		db_stmt *s = db_prepare(d, SQL_PRO);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, P[i].kind);
		db_bind_text(s, 3, P[i].name);
		db_bind_text(s, 4, P[i].org);
		db_bind_text(s, 5, mail);
		db_bind_text(s, 6, tok);
		pros[i] = run(d, s, &e);
	}
	int64_t ex[80];
	size_t n = 0;
	db_stmt *s = db_prepare(d, SQL_EXHIBITORS);
	db_bind_int(s, 1, ed);
	while (db_step(s) == DB_ROW && n < 80)
		ex[n++] = db_col_int(s, 0);
	db_done(s);
	if (!n)
		return e;
	/* 36 meetings, each in its own slot: nobody is double-booked */
	static const char *const OUT[] = { "contact", "order", "follow_up", "none", "contact", "" };
	for (int i = 0; i < 36 && !e; i++) {
		char slot[17];
		snprintf(slot, sizeof slot, "2024-02-%02dT%02d:%s", 20 + i % 5, 10 + (i / 5) % 7,
			 (i / 35) ? "30" : "00");
		const char *status = i % 6 == 4	  ? "declined"
				     : i % 6 == 5 ? "requested"
						  : "accepted";
		int acc = !strcmp(status, "accepted");
		s = db_prepare(d, SQL_MEETING);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, pros[i % 12]);
		db_bind_int(s, 3, ex[(size_t)(i * 7) % n]);
		db_bind_text(s, 4, slot);
		db_bind_text(s, 5, status);
		if (acc)
			db_bind_int(s, 6, tables[i % 4]);
		else
			db_bind_null(s, 6);
		db_bind_text(s, 7, acc ? OUT[rnd(6)] : "");
		db_bind_text(s, 8, acc ? OUT[rnd(6)] : "");
		run(d, s, &e);
	}
	return e;
}

static cf_err second_edition(db *d, int64_t first)
{
	cf_err e = CF_OK;
	int64_t ed = run(d, db_prepare(d, SQL_EDITION2), &e);
	db_stmt *s = db_prepare(d, SQL_CATEGORIES2);
	db_bind_int(s, 1, ed);
	db_bind_int(s, 2, first);
	run(d, s, &e);
	int64_t stands[50];
	for (int i = 0; i < 50; i++) {
		char code[8];
		snprintf(code, sizeof code, "B%02d", i + 1);
		s = db_prepare(d, SQL_STAND2);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, code);
		stands[i] = run(d, s, &e);
	}
	int64_t coops[128];
	size_t n = 0;
	s = db_prepare(d, SQL_COOPS);
	while (db_step(s) == DB_ROW && n < 128)
		coops[n++] = db_col_int(s, 0);
	db_done(s);
	for (size_t i = 0; i < n && i < 100 && !e; i++) {
		s = db_prepare(d, SQL_EXHIBITOR2);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, stands[i / 2]);
		db_bind_int(s, 3, ed);
		db_bind_int(s, 4, coops[i]);
		run(d, s, &e);
	}
	if (!e)
		e = sales(d, ed, "2025-07", 9, 120);
	/* one gate and 900 sample visitors, entering on one to three days */
	char key[BADGE_TOKEN_LEN + 1];
	hex_of("coopfair-demo-2025-gate", key);
	s = db_prepare(d, SQL_GATE);
	db_bind_int(s, 1, ed);
	db_bind_text(s, 2, "الباب الرئيسي (مثال) — Entrée principale (exemple)");
	db_bind_text(s, 3, key);
	int64_t gate = run(d, s, &e);
	for (int i = 0; i < 900 && !e; i++) {
		char seed[48], tok[BADGE_TOKEN_LEN + 1];
		snprintf(seed, sizeof seed, "coopfair-demo-2025-badge-%d", i);
		hex_of(seed, tok);
		s = db_prepare(d, SQL_BADGE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, tok);
		int64_t bid = run(d, s, &e);
		int first_day = (int)rnd(5), days = 1 + (int)rnd(3);
		for (int k = first_day; k < 5 && k < first_day + days && !e; k++) {
			char day[11], at[21];
			int hour = 10 + (int)rnd(8);
			snprintf(day, sizeof day, "2025-07-%02d", 9 + k);
			snprintf(at, sizeof at, "%sT%02d:%02u:00Z", day, hour - 1, rnd(60));
			s = db_prepare(d, SQL_CHECKIN);
			db_bind_int(s, 1, ed);
			db_bind_int(s, 2, gate);
			db_bind_int(s, 3, bid);
			db_bind_text(s, 4, at);
			db_bind_text(s, 5, day);
			db_bind_int(s, 6, hour);
			run(d, s, &e);
		}
	}
	s = db_prepare(d, SQL_CURRENT);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)first);
	db_bind_text(s, 1, id);
	run(d, s, &e);
	return e;
}

cf_err demo_sales(db *d, int64_t edition_id)
{
	st = 0x5a1e52024ull;
	cf_err e = sales(d, edition_id, "2024-02", 20, 100);
	if (!e)
		e = b2b(d, edition_id);
	return e;
}

static const char SQL_DEMO_ID[] = "SELECT id FROM edition WHERE slug = ?";

cf_err demo_second_edition(db *d)
{
	int64_t first = 0;
	db_stmt *s = db_prepare(d, SQL_DEMO_ID);
	db_bind_text(s, 1, DEMO_SLUG);
	cf_err e = db_row(s);
	if (!e)
		first = db_col_int(s, 0);
	db_done(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_DEMO_ID);
	db_bind_text(s, 1, DEMO_SECOND_SLUG);
	e = db_row(s);
	db_done(s);
	if (e != CF_ERR_NOTFOUND)
		return e ? e : CF_ERR_CONFLICT;
	st = 0x5a1e52025ull;
	if ((e = db_begin(d)))
		return e;
	e = second_edition(d, first);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}
