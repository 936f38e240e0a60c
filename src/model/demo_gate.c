/* demo_gate.c - the demo edition's badges and gate (issue 14), all sample:
 * three gates, a badge for every exhibitor (its cooperative), every juror
 * and eight officials, 600 sample visitors, and their check-ins over the
 * five days (entries in the morning and afternoon, exits later; exhibitors
 * every day, jurors on the two judging days), plus tap-counter entries.
 * Everything is deterministic: tokens are hashes of a fixed text (so a demo
 * database is the same every time; never run a real fair on demo badges). */
#include "badge.h"
#include "demo.h"
#include "gate.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static uint64_t st = 0x6a7e2024;
static unsigned rnd(unsigned n)
{
	st ^= st >> 12, st ^= st << 25, st ^= st >> 27;
	return (unsigned)(((st * 2685821657736338717ull) >> 33) % n);
}

static const char SQL_GATE[] = "INSERT INTO gate (edition_id, name, api_key) VALUES (?, ?, ?)";
static const char SQL_BADGE[] =
	"INSERT INTO badge (edition_id, role, name_ar, name_latin, organisation, token, is_sample, "
	"created_at) VALUES (?, ?, ?, ?, ?, ?, 1, '2024-02-15T09:00:00Z')";
static const char SQL_EXHIBITORS[] =
	"SELECT c.name_ar, c.name_fr FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
	"WHERE x.edition_id = ? ORDER BY x.id";
static const char SQL_JURORS[] =
	"SELECT DISTINCT a.name, COALESCE(o.short_name, '') FROM account a JOIN account_role r ON "
	"r.account_id = a.id LEFT JOIN organisation o ON o.id = a.organisation_id "
	"WHERE r.role = 'jury' ORDER BY a.name";
static const char SQL_CHECKIN[] =
	"INSERT INTO checkin (edition_id, gate_id, badge_id, direction, result, at, day, hour, "
	"is_sample) VALUES (?, ?, ?, ?, 'ok', ?, ?, ?, 1)";
static const char SQL_TAP[] = "INSERT INTO gate_tap (gate_id, direction, at, day, hour, is_sample) "
			      "VALUES (?, ?, ?, ?, ?, 1)";

static void token(int n, char out[BADGE_TOKEN_LEN + 1])
{
	char seed[48];
	unsigned char h[16];
	snprintf(seed, sizeof seed, "coopfair-demo-badge-%d", n);
	crypto_generichash(h, sizeof h, (const unsigned char *)seed, strlen(seed), NULL, 0);
	sodium_bin2hex(out, BADGE_TOKEN_LEN + 1, h, sizeof h);
}

typedef struct person {
	int64_t id;
	int role; /* 0 visitor, 1 exhibitor, 2 jury, 3 official */
} person;

static int nbadge;

static cf_err add_badge(db *d, int64_t ed, const char *role, const char *ar, const char *latin,
			const char *org, int64_t *id)
{
	char tok[BADGE_TOKEN_LEN + 1];
	token(++nbadge, tok);
	db_stmt *s = db_prepare(d, SQL_BADGE);
	db_bind_int(s, 1, ed);
	db_bind_text(s, 2, role);
	db_bind_text(s, 3, ar);
	db_bind_text(s, 4, latin);
	db_bind_text(s, 5, org);
	db_bind_text(s, 6, tok);
	cf_err e = db_run(s);
	*id = e ? 0 : db_last_id(d);
	return e;
}

static cf_err checkin(db *d, int64_t ed, int64_t gate, int64_t badge_id, int in, int day, int hour,
		      int minute)
{
	/* Fès is UTC+1 in February 2024 */
	char at[40], dayiso[24];
	snprintf(dayiso, sizeof dayiso, "2024-02-%02d", 20 + day);
	snprintf(at, sizeof at, "2024-02-%02dT%02d:%02d:00Z", 20 + day, hour - 1, minute);
	db_stmt *s = db_prepare(d, SQL_CHECKIN);
	db_bind_int(s, 1, ed);
	db_bind_int(s, 2, gate);
	db_bind_int(s, 3, badge_id);
	db_bind_text(s, 4, in ? "in" : "out");
	db_bind_text(s, 5, at);
	db_bind_text(s, 6, dayiso);
	db_bind_int(s, 7, hour);
	return db_run(s);
}

static const char *const OFFICIALS[][2] = {
	{ "والي جهة فاس مكناس", "Wali de la région Fès-Meknès" },
	{ "رئيس مجلس الجهة", "Président du Conseil de la région" },
	{ "عامل عمالة فاس", "Gouverneur de la préfecture de Fès" },
	{ "رئيس جماعة فاس", "Président de la commune de Fès" },
	{ "المدير الجهوي لمكتب تنمية التعاون", "Directeur régional de l'ODCo" },
	{ "رئيس غرفة الصناعة التقليدية", "Président de la Chambre d'artisanat" },
	{ "ممثل وزارة السياحة والصناعة التقليدية", "Représentant du ministère du Tourisme" },
	{ "ممثل وكالة التنمية الاجتماعية", "Représentant de l'ADS" },
};
static const char *const FIRST[][2] = {
	{ "فاطمة", "Fatima" }, { "محمد", "Mohammed" }, { "خديجة", "Khadija" },
	{ "يوسف", "Youssef" }, { "مريم", "Meryem" },   { "أحمد", "Ahmed" },
	{ "سعاد", "Souad" },   { "عمر", "Omar" },      { "نادية", "Nadia" },
	{ "حسن", "Hassan" },
};
static const char *const LAST[][2] = {
	{ "العلوي", "Alaoui" },	 { "بنيس", "Bennis" },	 { "الإدريسي", "Idrissi" },
	{ "التازي", "Tazi" },	 { "الفاسي", "Fassi" },	 { "بنجلون", "Benjelloun" },
	{ "المريني", "Marini" }, { "السقاط", "Sekkat" },
};

cf_err demo_gate(db *d, int64_t ed)
{
	st = 0x6a7e2024;
	nbadge = 0;
	static const char *const GATES[] = { "البوابة الرئيسية — Porte principale",
					     "باب المعرض الشمالي — Porte nord",
					     "مدخل العارضين — Entrée des exposants" };
	int64_t gates[3];
	cf_err e = CF_OK;
	for (int i = 0; i < 3 && !e; i++) {
		char key[33];
		unsigned char h[16];
		char seed[32];
		snprintf(seed, sizeof seed, "coopfair-demo-gate-%d", i);
		crypto_generichash(h, sizeof h, (const unsigned char *)seed, strlen(seed), NULL, 0);
		sodium_bin2hex(key, sizeof key, h, sizeof h);
		db_stmt *s = db_prepare(d, SQL_GATE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, GATES[i]);
		db_bind_text(s, 3, key);
		e = db_run(s);
		gates[i] = db_last_id(d);
	}
	enum { MAXP = 1200 };
	static person p[MAXP];
	size_t np = 0;
	/* exhibitors: read first, insert after (one statement at a time) */
	char names[200][2][160];
	size_t nx = 0;
	db_stmt *s = db_prepare(d, SQL_EXHIBITORS);
	db_bind_int(s, 1, ed);
	while (db_step(s) == DB_ROW && nx < 200) {
		snprintf(names[nx][0], 160, "%s", db_col_text(s, 0));
		snprintf(names[nx][1], 160, "%s", db_col_text(s, 1));
		nx++;
	}
	db_done(s);
	for (size_t i = 0; i < nx && !e; i++) {
		e = add_badge(d, ed, "exhibitor", names[i][0], names[i][1], names[i][1], &p[np].id);
		p[np++].role = 1;
	}
	size_t nj = 0;
	s = db_prepare(d, SQL_JURORS);
	while (db_step(s) == DB_ROW && nj < 200) {
		snprintf(names[nj][0], 160, "%s", db_col_text(s, 0));
		snprintf(names[nj][1], 160, "%s", db_col_text(s, 1));
		nj++;
	}
	db_done(s);
	for (size_t i = 0; i < nj && !e; i++) {
		e = add_badge(d, ed, "jury", "", names[i][0], names[i][1], &p[np].id);
		p[np++].role = 2;
	}
	for (size_t i = 0; i < sizeof OFFICIALS / sizeof *OFFICIALS && !e; i++) {
		e = add_badge(d, ed, "official", OFFICIALS[i][0], OFFICIALS[i][1], "", &p[np].id);
		p[np++].role = 3;
	}
	for (int i = 0; i < 600 && !e && np < MAXP; i++) {
		unsigned f = rnd(10), g = rnd(8);
		char ar[80], la[80];
		snprintf(ar, sizeof ar, "%s %s", FIRST[f][0], LAST[g][0]);
		snprintf(la, sizeof la, "%s %s", FIRST[f][1], LAST[g][1]);
		e = add_badge(d, ed, "visitor", ar, la, "", &p[np].id);
		p[np++].role = 0;
	}
	/* five days; visitors come on one to three days, more at the weekend */
	for (int day = 0; day < 5 && !e; day++) {
		for (size_t i = 0; i < np && !e; i++) {
			int come;
			switch (p[i].role) {
			case 1:
				come = rnd(10) < 9;
				break;
			case 2:
				come = day == 1 || day == 2;
				break;
			case 3:
				come = day == 0 || (day == 4 && rnd(2));
				break;
			default:
				come = rnd(100) < (unsigned)(day >= 3 ? 45 : 30);
			}
			if (!come)
				continue;
			int in_h = p[i].role == 1 ? 9 : 10 + (int)rnd(8);
			int out_h = in_h + 1 + (int)rnd(4);
			if (out_h > 20)
				out_h = 20;
			int64_t gate = p[i].role == 1 ? gates[2] : gates[rnd(2)];
			e = checkin(d, ed, gate, p[i].id, 1, day, in_h, (int)rnd(60));
			if (!e)
				e = checkin(d, ed, gate, p[i].id, 0, day, out_h, (int)rnd(60));
		}
		for (int t = 0; t < 120 + day * 40 && !e; t++) {
			char at[40], dayiso[24];
			int hour = 10 + (int)rnd(9);
			snprintf(dayiso, sizeof dayiso, "2024-02-%02d", 20 + day);
			snprintf(at, sizeof at, "2024-02-%02dT%02d:%02d:00Z", 20 + day, hour - 1,
				 (int)rnd(60));
			for (int dir = 1; dir >= 0 && !e; dir--) {
				s = db_prepare(d, SQL_TAP);
				db_bind_int(s, 1, gates[0]);
				db_bind_text(s, 2, dir ? "in" : "out");
				db_bind_text(s, 3, at);
				db_bind_text(s, 4, dayiso);
				db_bind_int(s, 5, dir ? hour : hour + 1);
				e = db_run(s);
			}
		}
	}
	return e;
}
