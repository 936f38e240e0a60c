/*
 * demo_stand.c - the demo edition's floor plan: a 50 x 30 m hall (1,500 m²)
 * with the exhibitors hub (its 40 stands of 3 x 3 m in five blocks of 2 x 4
 * along a main aisle), the AGORA, the partners hub, the entertainment area
 * and the services; two entrances. Sample wishes (pairs that asked to share,
 * competitors kept apart, returning exhibitors) and then the allocator places
 * the 80 sample exhibitors. Deterministic: a fixed seed.
 */
#include "demo.h"
#include "stand.h"

#include <stdio.h>

static const char SQL_VENUE[] =
	"INSERT INTO stand_venue (edition_id, width, depth) VALUES (?, 50, 30)";
static const char SQL_ZONE[] = "INSERT INTO stand_zone (edition_id, space_id, kind, name_ar, "
			       "name_fr, x, y, w, h) VALUES (?, "
			       "(SELECT id FROM space WHERE edition_id = ? AND kind = ?), "
			       "?, ?, ?, ?, ?, ?, ?)";
static const char SQL_ENTRANCE[] =
	"INSERT INTO stand_entrance (edition_id, name_ar, name_fr, x, y, w) "
	"VALUES (?, ?, ?, ? / 10.0, ? / 10.0, 4)";
static const char SQL_STAND[] =
	"UPDATE stand SET x = ?, y = ?, w = 3, h = 3, corner = ?, main_aisle = ?, near_entrance = ?, "
	"power = ?, water = ?, accessible = ?, footfall = ? WHERE edition_id = ? AND code = ?";
static const char SQL_COMPLEMENT[] =
	"INSERT INTO stand_complement (edition_id, category_a, category_b) "
	"SELECT a.edition_id, a.id, b.id FROM category a JOIN category b ON b.edition_id = a.edition_id "
	"WHERE a.edition_id = ? AND a.code = 'terroir' AND b.code = 'pastries'";
static const char SQL_EXHIBITORS[] =
	"SELECT x.id, x.cooperative_id, g.code FROM exhibitor x JOIN category g ON g.id = x.category_id "
	"WHERE x.edition_id = ? ORDER BY x.id";
static const char SQL_SHARE[] = "UPDATE application SET share_coop_id = ? "
				"WHERE edition_id = ? AND cooperative_id = ?";
static const char SQL_RETURNING[] = "UPDATE application SET first_time = 0 "
				    "WHERE edition_id = ? AND cooperative_id = ?";
static const char SQL_APART[] =
	"INSERT INTO stand_apart (edition_id, exhibitor_a, exhibitor_b) VALUES (?, ?, ?)";

struct zone {
	const char *kind, *ar, *fr;
	double x, y, w, h;
};

cf_err demo_stand(db *d, int64_t ed)
{
	cf_err e;
	db_stmt *s = db_prepare(d, SQL_VENUE);
	db_bind_int(s, 1, ed);
	if ((e = db_run(s)))
		return e;
	static const struct zone zones[] = {
		{ "exhibitors_hub", "قطب العارضين", "Pôle des exposants", 0, 0, 32, 30 },
		{ "agora", "الأكورا", "AGORA", 32, 0, 18, 12 },
		{ "partners_hub", "قطب الشركاء", "Pôle des partenaires", 32, 12, 18, 10 },
		{ "entertainment", "فضاء التنشيط", "Animation", 32, 22, 18, 8 },
		{ "services", "الخدمات والاستقبال", "Services et accueil", 17, 20, 12, 6 },
	};
	for (size_t i = 0; i < sizeof zones / sizeof *zones && !e; i++) {
		s = db_prepare(d, SQL_ZONE);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, ed);
		db_bind_text(s, 3, zones[i].kind);
		db_bind_text(s, 4, zones[i].kind);
		db_bind_text(s, 5, zones[i].ar);
		db_bind_text(s, 6, zones[i].fr);
		db_bind_int(s, 7, (int64_t)zones[i].x);
		db_bind_int(s, 8, (int64_t)zones[i].y);
		db_bind_int(s, 9, (int64_t)zones[i].w);
		db_bind_int(s, 10, (int64_t)zones[i].h);
		e = db_run(s);
	}
	/* the main entrance at the foot of the main aisle, a second at the top */
	static const struct {
		const char *ar, *fr;
		double x, y;
	} doors[] = { { "المدخل الرئيسي", "Entrée principale", 13.5, 30 },
		      { "المدخل الشمالي", "Entrée nord", 13.5, 0 } };
	for (size_t i = 0; i < 2 && !e; i++) {
		s = db_prepare(d, SQL_ENTRANCE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, doors[i].ar);
		db_bind_text(s, 3, doors[i].fr);
		db_bind_int(s, 4, (int64_t)(doors[i].x * 10)); /* decimetres: 13.5 m */
		db_bind_int(s, 5, (int64_t)(doors[i].y * 10));
		e = db_run(s);
	}
	/* five blocks of 2 rows x 4 stands; the main aisle runs x = 14..17 */
	static const int bx[5] = { 2, 17, 2, 17, 2 }, by[5] = { 2, 2, 11, 11, 20 };
	for (int b = 0; b < 5 && !e; b++)
		for (int r = 0; r < 2 && !e; r++)
			for (int c = 0; c < 4 && !e; c++) {
				int k = b * 8 + r * 4 + c;
				double x = bx[b] + 3 * c, y = by[b] + 3 * r;
				int corner = c == 0 || c == 3;
				int aisle = (bx[b] == 2 && c == 3) || (bx[b] == 17 && c == 0);
				int power = b < 4, water = (b == 2 || b == 3) && r == 1;
				char code[8];
				snprintf(code, sizeof code, "A%02d", k + 1);
				s = db_prepare(d, SQL_STAND);
				db_bind_int(s, 1, (int64_t)x);
				db_bind_int(s, 2, (int64_t)y);
				db_bind_int(s, 3, corner);
				db_bind_int(s, 4, aisle);
				db_bind_int(s, 5, 0); /* below: from the entrances */
				db_bind_int(s, 6, power);
				db_bind_int(s, 7, water || b == 0);
				db_bind_int(s, 8, corner);
				db_bind_int(s, 9, (int64_t)stand_footfall_of(corner, aisle, 0));
				db_bind_int(s, 10, ed);
				db_bind_text(s, 11, code);
				e = db_run(s);
			}
	/* near an entrance by the rule the committee's edits follow */
	if (!e)
		e = stand_near_refresh(d, ed, 0, NULL);
	if (e)
		return e;
	s = db_prepare(d, SQL_COMPLEMENT);
	db_bind_int(s, 1, ed);
	if ((e = db_run(s)))
		return e;

	/* the exhibitors in insertion order: 40 handicrafts, 25 terroir, 15 pastries */
	int64_t xid[DEMO_EXHIBITORS], coop[DEMO_EXHIBITORS];
	int n = 0, rc;
	s = db_prepare(d, SQL_EXHIBITORS);
	db_bind_int(s, 1, ed);
	while ((rc = db_step(s)) == DB_ROW && n < DEMO_EXHIBITORS) {
		xid[n] = db_col_int(s, 0);
		coop[n] = db_col_int(s, 1);
		n++;
	}
	db_done(s);
	if (rc == DB_ERR || n < DEMO_EXHIBITORS)
		return CF_ERR_DB;
	/* pairs that asked to share: six in one category, two terroir + pastries */
	static const int pairs[8][2] = { { 0, 1 },   { 10, 11 }, { 20, 21 }, { 41, 42 },
					 { 50, 51 }, { 66, 67 }, { 44, 70 }, { 60, 75 } };
	for (int i = 0; i < 8 && !e; i++)
		for (int k = 0; k < 2 && !e; k++) {
			s = db_prepare(d, SQL_SHARE);
			db_bind_int(s, 1, coop[pairs[i][1 - k]]);
			db_bind_int(s, 2, ed);
			db_bind_int(s, 3, coop[pairs[i][k]]);
			e = db_run(s);
		}
	/* one exhibitor in three came to an earlier fair */
	for (int i = 0; i < n && !e; i += 3) {
		s = db_prepare(d, SQL_RETURNING);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, coop[i]);
		e = db_run(s);
	}
	/* competitors the committee keeps apart (same products) */
	static const int apart[3][2] = { { 2, 3 }, { 5, 13 }, { 45, 46 } };
	for (int i = 0; i < 3 && !e; i++) {
		s = db_prepare(d, SQL_APART);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, xid[apart[i][0]]);
		db_bind_int(s, 3, xid[apart[i][1]]);
		e = db_run(s);
	}
	if (e)
		return e;
	stand_score sc;
	return stand_assign(ed, 0, 2024, &sc, NULL);
}
