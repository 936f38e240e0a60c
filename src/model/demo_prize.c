/* demo_prize.c - the demo edition's creativity prize (issue 5), all sample:
 * a jury from the partner organisations (jury@example.org of the Chamber of
 * Handicrafts and seven more sample jurors, password demo-jury-2024), the
 * committee's sample criteria, entries, conflicts (one declared, one
 * committee rule), assignments from the solver, and sample scores
 * generated with lenient and harsh jurors. Handicrafts and terroir are
 * closed and published; pastries stays open, and jury@example.org still
 * has its pastries entries to score. */
#include "account.h"
#include "demo.h"
#include "prize.h"
#include "role.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char SQL_CAT[] =
	"INSERT INTO prize_category (category_id, k, winners, tie_rule, is_sample) "
	"SELECT id, 3, 3, 'plain_mean', 1 FROM category WHERE edition_id = ? AND code = ?";
static const char SQL_CAT_ID[] = "SELECT id FROM category WHERE edition_id = ? AND code = ?";
static const char SQL_CRIT[] =
	"INSERT INTO prize_criterion (category_id, name_ar, name_fr, name_en, weight, scale_min, scale_max, "
	"position, is_sample) VALUES (?, ?, ?, ?, ?, 0, 20, ?, 1)";
static const char SQL_ACC_ORG[] =
	"UPDATE account SET is_sample = 1, organisation_id = (SELECT id FROM organisation WHERE short_name = ?) "
	"WHERE id = ?";
static const char SQL_ACC_ID[] = "SELECT id FROM account WHERE email = ?";
static const char SQL_JUROR[] = "INSERT INTO prize_juror (account_id, category_id) VALUES (?, ?)";
static const char SQL_NTH_ENTRY[] =
	"SELECT id FROM prize_entry WHERE category_id = ? ORDER BY id LIMIT 1 OFFSET ?";
static const char SQL_DECLARE[] =
	"INSERT INTO prize_conflict (account_id, entry_id, reason, declared_at) "
	"VALUES (?, ?, ?, '2024-02-20T09:00:00Z')";
static const char SQL_RULE[] =
	"INSERT INTO prize_rule (edition_id, kind, account_id, province_id, reason) "
	"VALUES (?, 'province', ?, (SELECT id FROM province WHERE code = ?), ?)";
static const char SQL_SHEETS[] =
	"SELECT a.account_id, a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id "
	"WHERE e.category_id = ? ORDER BY a.entry_id, a.account_id";

static uint64_t st = 0x5eed2024;
static double unif(void)
{
	st ^= st >> 12, st ^= st << 25, st ^= st >> 27;
	return (double)((st * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}
static double gauss(void)
{
	double u = unif(), v = unif();
	return sqrt(-2 * log(u > 1e-12 ? u : 1e-12)) * cos(6.283185307179586 * v);
}

static int64_t one_id(db *d, const char *sql, int64_t a, const char *b)
{
	db_stmt *s = db_prepare(d, sql);
	db_bind_int(s, 1, a);
	db_bind_text(s, 2, b);
	int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	return id;
}

static const char *const codes[3] = { "handicrafts", "terroir", "pastries" };

/* Jurors: email, organisation, the categories they judge (bits 0..2) and
 * their sample leniency (offset, points) and use of the scale. */
static const struct {
	const char *email, *name, *org;
	unsigned cats;
	double offset, scale;
} jurors[] = {
	{ "jury@example.org", NULL, "CAFM", 5, 0.5, 1.0 },
	{ "jury.mtaess@example.org", "سعيد (مثال) — Saïd (exemple)", "MTAESS", 3, -2.0, 0.8 },
	{ "jury.wilaya@example.org", "أمينة (مثال) — Amina (exemple)", "Wilaya", 7, 1.5, 1.2 },
	{ "jury.en@example.org", "كريم (مثال) — Karim (exemple)", "EN", 3, 0.0, 1.0 },
	{ "jury.odco@example.org", "سلمى (مثال) — Salma (exemple)", "ODCO", 7, -0.8, 1.1 },
	{ "jury.cagfm@example.org", "عبد الرحيم (مثال) — Abderrahim (exemple)", "CAgFM", 6, 2.2,
	  0.9 },
	{ "jury.mtaess2@example.org", "هدى (مثال) — Houda (exemple)", "MTAESS", 5, -1.2, 1.0 },
	{ "jury.en2@example.org", "يونس (مثال) — Younes (exemple)", "EN", 6, 0.8, 1.3 },
};
#define NJ (int)(sizeof jurors / sizeof jurors[0])

static cf_err criteria(db *d, int64_t cat)
{
	static const struct {
		const char *ar, *fr, *en;
		double w;
	} c[] = {
		{ "الابتكار", "Innovation", "Innovation", 0.30 },
		{ "الجودة والإتقان", "Qualité et finition", "Quality and finish", 0.25 },
		{ "التراث والهوية", "Patrimoine et identité", "Heritage and identity", 0.20 },
		{ "التلفيف والتسويق", "Emballage et marketing", "Packaging and marketing", 0.15 },
		{ "الاستدامة", "Durabilité", "Sustainability", 0.10 },
	};
	cf_err e = CF_OK;
	for (int i = 0; i < 5 && !e; i++) {
		db_stmt *s = db_prepare(d, SQL_CRIT);
		db_bind_int(s, 1, cat);
		db_bind_text(s, 2, c[i].ar);
		db_bind_text(s, 3, c[i].fr);
		db_bind_text(s, 4, c[i].en);
		char w[16];
		snprintf(w, sizeof w, "%.2f", c[i].w);
		db_bind_text(s, 5, w);
		db_bind_int(s, 6, i);
		e = db_run(s);
	}
	return e;
}

/* scores - every assigned sheet of the category gets sample scores, except
 * skip_account's (left for the demo juror to fill). */
static cf_err scores(db *d, int64_t cat, const int64_t *acc, int64_t skip_account)
{
	int64_t sheet[512][2];
	int n = 0;
	db_stmt *s = db_prepare(d, SQL_SHEETS);
	db_bind_int(s, 1, cat);
	while (n < 512 && db_step(s) == DB_ROW)
		sheet[n][0] = db_col_int(s, 0), sheet[n][1] = db_col_int(s, 1), n++;
	db_done(s);
	cf_err e = CF_OK;
	int64_t last_entry = 0;
	double q = 0;
	for (int t = 0; t < n && !e; t++) {
		if (sheet[t][1] != last_entry)
			q = gauss(), last_entry = sheet[t][1];
		if (sheet[t][0] == skip_account)
			continue;
		int j = 0;
		while (j < NJ && acc[j] != sheet[t][0])
			j++;
		int v[5];
		for (int c = 0; c < 5; c++) {
			double x =
				11 + 2.5 * jurors[j].scale * q + jurors[j].offset + 1.2 * gauss();
			v[c] = x < 0 ? 0 : x > 20 ? 20 : (int)lround(x);
		}
		int bad;
		e = prize_score_save(sheet[t][0], sheet[t][1], v, 5,
				     "تعليق توضيحي (مثال) — commentaire fictif (exemple)", &bad);
	}
	return e;
}

cf_err demo_prize(db *d, int64_t edition_id)
{
	st = 0x5eed2024;
	cf_err e = CF_OK;
	int64_t cat[3], acc[NJ];
	for (int c = 0; c < 3 && !e; c++) {
		db_stmt *s = db_prepare(d, SQL_CAT);
		db_bind_int(s, 1, edition_id);
		db_bind_text(s, 2, codes[c]);
		e = db_run(s);
		cat[c] = one_id(d, SQL_CAT_ID, edition_id, codes[c]);
		if (!e)
			e = criteria(d, cat[c]);
	}
	if (!e)
		e = prize_entries_default(edition_id);
	for (int j = 0; j < NJ && !e; j++) {
		if (jurors[j].name)
			e = account_create(jurors[j].email, jurors[j].name, "demo-jury-2024",
					   ROLE_BIT(ROLE_JURY), &acc[j]);
		else {
			db_stmt *s = db_prepare(d, SQL_ACC_ID);
			db_bind_text(s, 1, jurors[j].email);
			acc[j] = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
			db_done(s);
		}
		db_stmt *s = db_prepare(d, SQL_ACC_ORG);
		db_bind_text(s, 1, jurors[j].org);
		db_bind_int(s, 2, acc[j]);
		if (!e)
			e = db_run(s);
		for (int c = 0; c < 3 && !e; c++)
			if (jurors[j].cats & (1u << c)) {
				s = db_prepare(d, SQL_JUROR);
				db_bind_int(s, 1, acc[j]);
				db_bind_int(s, 2, cat[c]);
				e = db_run(s);
			}
	}
	/* jury@example.org declares a tie with the third pastries entry; a
	 * committee rule keeps the ODCO juror off cooperatives of Ifrane. */
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_NTH_ENTRY);
		db_bind_int(s, 1, cat[2]);
		db_bind_int(s, 2, 2);
		int64_t entry = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
		db_done(s);
		s = db_prepare(d, SQL_DECLARE);
		db_bind_int(s, 1, acc[0]);
		db_bind_int(s, 2, entry);
		db_bind_text(
			s, 3,
			"معطيات توضيحية (مثال): أحد المنخرطين في هذه التعاونية من أقارب المحكم — Données fictives (exemple) : un membre de cette coopérative est un proche du juré.");
		e = db_run(s);
	}
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_RULE);
		db_bind_int(s, 1, edition_id);
		db_bind_int(s, 2, acc[4]);
		db_bind_text(s, 3, "ifrane");
		db_bind_text(
			s, 4,
			"قاعدة توضيحية (مثال): يعمل المحكم في إقليم إفران — Règle fictive (exemple) : le juré travaille dans la province d’Ifrane.");
		e = db_run(s);
	}
	arena *a = arena_new(16u << 20);
	for (int c = 0; c < 3 && !e; c++) {
		prize_assign_info info;
		const char *who;
		e = prize_log_all(0, cat[c]);
		if (!e)
			e = prize_assign_category(a, 0, cat[c], &info, &who);
		if (!e)
			e = scores(d, cat[c], acc, c == 2 ? acc[0] : 0);
		if (!e && c < 2)
			e = prize_close(0, cat[c], 1, NULL);
		if (!e && c < 2)
			e = prize_publish(0, cat[c], 1, NULL);
	}
	arena_free(a);
	return e;
}
