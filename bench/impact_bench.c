/*
 * impact_bench.c - the time to build the impact report (issue 16) for a
 * national-fair-sized edition: 700 exhibitors, 10 days, 350,000 visits at
 * the gate, ~28,000 sales, 3,000 B2B meetings, a programme of 200 sessions
 * in 4 spaces with ~6,000 bookings, compared with a previous
 * edition (300 exhibitors, 5 days, 100,000 visits), against a reference
 * measured in the same run on the same file: the report's bare aggregate
 * queries run by the sqlite3 shell (sqlite3 FILE < queries).
 *
 * Usage: impact_bench [--quick]   (--quick: a tenth of the data, 3 runs)
 * Prints the median of the runs and the ratio; never fails on time.
 */
#include "../src/db/db.h"
#include "../src/model/impact.h"

#include <sodium.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t st = 0x1a2b3c4d5e6full;
static unsigned rnd(unsigned n)
{
	st ^= st >> 12, st ^= st << 25, st ^= st >> 27;
	return (unsigned)(((st * 2685821657736338717ull) >> 33) % n);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double children_ms(void)
{
	struct rusage u;
	getrusage(RUSAGE_CHILDREN, &u);
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
	       (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void die(const char *what)
{
	fprintf(stderr, "impact_bench: %s failed: %s\n", what, db_last_err(db_thread()));
	exit(1);
}

static void run(db_stmt *s, const char *what)
{
	if (db_run(s))
		die(what);
}

static const char SQL_EDITION[] =
	"INSERT INTO edition (slug, number, name_ar, name_fr, name_en, city_ar, city_fr, city_en, "
	"region_id, starts_on, ends_on, area_m2, state) VALUES (?, ?, 'م', 'Salon national', "
	"'National fair', 'ر', 'Rabat', 'Rabat', 4, ?, ?, 20000, 'over')";
static const char SQL_CATEGORY[] = "INSERT INTO category (edition_id, code, name_ar, name_fr, "
				   "name_en, position) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_PROVINCES[] = "SELECT id FROM province ORDER BY id";
static const char SQL_COOP[] =
	"INSERT INTO cooperative (name_ar, name_fr, province_id, members_women, members_men, "
	"members_young, women_led, first_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_EXHIBITOR[] =
	"INSERT INTO exhibitor (edition_id, cooperative_id, category_id) VALUES (?, ?, ?)";
static const char SQL_GATE[] = "INSERT INTO gate (edition_id, name, api_key) VALUES (?, ?, ?)";
static const char SQL_BADGE[] = "INSERT INTO badge (edition_id, role, token, created_at) VALUES "
				"(?, 'visitor', ?, '2026-01-01T00:00:00Z')";
static const char SQL_CHECKIN[] =
	"INSERT INTO checkin (edition_id, gate_id, badge_id, direction, result, at, day, hour) "
	"VALUES (?, ?, ?, 'in', 'ok', ?, ?, ?)";
static const char SQL_SALE[] =
	"INSERT INTO sale (edition_id, exhibitor_id, day, amount, items, category_id, payment, "
	"created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'cash', ?, ?)";
static const char SQL_PRO[] = "INSERT INTO b2b_pro (edition_id, kind, name, token, created_at) "
			      "VALUES (?, 'buyer', 'Pro', ?, '2026-01-01T00:00:00Z')";
static const char SQL_TABLE[] = "INSERT INTO b2b_table (edition_id, name) VALUES (?, ?)";
static const char SQL_MEETING[] =
	"INSERT INTO b2b_meeting (edition_id, pro_id, exhibitor_id, slot, status, table_id, "
	"outcome_pro, outcome_exhibitor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	"'2026-01-01T00:00:00Z')";

static const char SQL_SPACE[] = "INSERT INTO space (edition_id, kind, name_ar, name_fr, name_en, "
				"position) VALUES (?, 'agora', ?, ?, ?, ?)";
static const char SQL_SESSION[] =
	"INSERT INTO prog_session (edition_id, space_id, kind, title_ar, title_fr, title_en, "
	"starts_at, ends_at, capacity, booking, booked) VALUES (?, ?, ?, 'ج', 'S', 'S', ?, ?, 60, 1, "
	"?)";
static const char SQL_BOOKING[] =
	"INSERT INTO prog_booking (session_id, name, status, token, attended, created_at) VALUES "
	"(?, 'P', ?, ?, ?, '2026-01-01T00:00:00Z')";

static int tok_n;
static void token(char out[33])
{
	unsigned char h[16];
	char seed[32];
	snprintf(seed, sizeof seed, "bench-%d", ++tok_n);
	crypto_generichash(h, sizeof h, (const unsigned char *)seed, strlen(seed), NULL, 0);
	sodium_bin2hex(out, 33, h, sizeof h);
}

/* an edition of n exhibitors over days days from start (YYYY-MM-01 + d) with
 * visits check-ins and meetings B2B meetings */
static int64_t edition(const char *slug, int number, const char *month, int days, int n,
		       long visits, int meetings)
{
	db *d = db_thread();
	char from[11], to[11];
	snprintf(from, sizeof from, "%s-01", month);
	snprintf(to, sizeof to, "%s-%02d", month, days);
	db_stmt *s = db_prepare(d, SQL_EDITION);
	db_bind_text(s, 1, slug);
	db_bind_int(s, 2, number);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, to);
	run(s, "edition");
	int64_t ed = db_last_id(d);
	int64_t cats[6];
	static const char *const C[6] = { "crafts",  "terroir",	  "pastries",
					  "textile", "cosmetics", "wood" };
	for (int i = 0; i < 6; i++) {
		s = db_prepare(d, SQL_CATEGORY);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, C[i]);
		db_bind_text(s, 3, C[i]);
		db_bind_text(s, 4, C[i]);
		db_bind_text(s, 5, C[i]);
		db_bind_int(s, 6, i);
		run(s, "category");
		cats[i] = db_last_id(d);
	}
	int64_t prov[128];
	int np = 0;
	s = db_prepare(d, SQL_PROVINCES);
	while (db_step(s) == DB_ROW && np < 128)
		prov[np++] = db_col_int(s, 0);
	db_done(s);
	int64_t *ex = calloc((size_t)n, sizeof *ex), *excat = calloc((size_t)n, sizeof *excat);
	for (int i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof name, "Coop %s %d", slug, i);
		int wl = rnd(100) < 60;
		s = db_prepare(d, SQL_COOP);
		db_bind_text(s, 1, name);
		db_bind_text(s, 2, name);
		db_bind_int(s, 3, prov[rnd((unsigned)np)]);
		db_bind_int(s, 4, wl ? 5 + rnd(20) : rnd(5));
		db_bind_int(s, 5, wl ? rnd(4) : 5 + rnd(15));
		db_bind_int(s, 6, rnd(8));
		db_bind_int(s, 7, wl);
		db_bind_int(s, 8, (int)rnd(2));
		run(s, "cooperative");
		int64_t coop = db_last_id(d);
		excat[i] = cats[rnd(6)];
		s = db_prepare(d, SQL_EXHIBITOR);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, coop);
		db_bind_int(s, 3, excat[i]);
		run(s, "exhibitor");
		ex[i] = db_last_id(d);
	}
	int64_t gates[6];
	for (int g = 0; g < 6; g++) {
		char key[33], name[16];
		token(key);
		snprintf(name, sizeof name, "Gate %d", g + 1);
		s = db_prepare(d, SQL_GATE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3, key);
		run(s, "gate");
		gates[g] = db_last_id(d);
	}
	/* visitors come 2.5 times on average */
	long nb = visits * 2 / 5;
	int64_t first_badge = 0;
	for (long b = 0; b < nb; b++) {
		char t[33];
		token(t);
		s = db_prepare(d, SQL_BADGE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, t);
		run(s, "badge");
		if (!b)
			first_badge = db_last_id(d);
	}
	for (long v = 0; v < visits; v++) {
		int day = (int)rnd((unsigned)days), hour = 10 + (int)rnd(9);
		char iso[11], at[21];
		snprintf(iso, sizeof iso, "%s-%02d", month, day + 1);
		snprintf(at, sizeof at, "%sT%02d:%02u:00Z", iso, hour - 1, rnd(60));
		s = db_prepare(d, SQL_CHECKIN);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, gates[rnd(6)]);
		db_bind_int(s, 3, first_badge + (int64_t)rnd((unsigned)nb));
		db_bind_text(s, 4, at);
		db_bind_text(s, 5, iso);
		db_bind_int(s, 6, hour);
		run(s, "checkin");
	}
	for (int i = 0; i < n; i++)
		for (int day = 0; day < days; day++)
			for (int k = (int)rnd(9); k > 0; k--) {
				char iso[11], at[21];
				snprintf(iso, sizeof iso, "%s-%02d", month, day + 1);
				snprintf(at, sizeof at, "%sT12:00:00Z", iso);
				s = db_prepare(d, SQL_SALE);
				db_bind_int(s, 1, ed);
				db_bind_int(s, 2, ex[i]);
				db_bind_text(s, 3, iso);
				db_bind_int(s, 4, 20 + rnd(900));
				db_bind_int(s, 5, 1 + rnd(4));
				db_bind_int(s, 6, excat[i]);
				db_bind_text(s, 7, at);
				db_bind_text(s, 8, at);
				run(s, "sale");
			}
	int64_t pros[200], tables[25];
	for (int i = 0; i < 200; i++) {
		char t[33];
		token(t);
		s = db_prepare(d, SQL_PRO);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, t);
		run(s, "pro");
		pros[i] = db_last_id(d);
	}
	for (int i = 0; i < 25; i++) {
		char name[8];
		snprintf(name, sizeof name, "T%d", i + 1);
		s = db_prepare(d, SQL_TABLE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, name);
		run(s, "table");
		tables[i] = db_last_id(d);
	}
	/* the programme: 4 spaces, 5 sessions a space a day, up to n / 12 + 1
	 * places booked (59 for 700 exhibitors) and a waiting list when full;
	 * 3 in 4 of the booked come */
	static const char *const KIND[] = { "talk", "panel", "workshop", "meeting", "performance" };
	for (int sp = 0; sp < 4; sp++) {
		char name[16];
		snprintf(name, sizeof name, "Space %d", sp + 1);
		s = db_prepare(d, SQL_SPACE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3, name);
		db_bind_text(s, 4, name);
		db_bind_int(s, 5, sp);
		run(s, "space");
		int64_t space = db_last_id(d);
		for (int day = 0; day < days; day++)
			for (int k = 0; k < 5; k++) {
				char at[17], to2[17];
				snprintf(at, sizeof at, "%s-%02dT%02d:00", month, day + 1,
					 10 + 2 * k);
				snprintf(to2, sizeof to2, "%s-%02dT%02d:30", month, day + 1,
					 11 + 2 * k);
				int cap = n / 12 + 1, booked = (int)rnd((unsigned)cap + 1),
				    waiting = booked == cap ? (int)rnd(15) : 0;
				s = db_prepare(d, SQL_SESSION);
				db_bind_int(s, 1, ed);
				db_bind_int(s, 2, space);
				db_bind_text(s, 3, KIND[k]);
				db_bind_text(s, 4, at);
				db_bind_text(s, 5, to2);
				db_bind_int(s, 6, booked);
				run(s, "session");
				int64_t sid = db_last_id(d);
				for (int b = 0; b < booked + waiting; b++) {
					char t[33];
					token(t);
					s = db_prepare(d, SQL_BOOKING);
					db_bind_int(s, 1, sid);
					db_bind_text(s, 2, b < booked ? "booked" : "waiting");
					db_bind_text(s, 3, t);
					db_bind_int(s, 4, b < booked && rnd(4) != 0);
					run(s, "booking");
				}
			}
	}
	static const char *const O[] = { "", "none", "contact", "order", "follow_up" };
	for (int m = 0; m < meetings; m++) {
		/* meeting m: slot m / 25 (25 tables a slot, 14 slots a day), so nobody
		 * is booked twice */
		int slot = m / 25, day = slot / 14 % days, half = slot % 14;
		char iso[17];
		snprintf(iso, sizeof iso, "%s-%02dT%02d:%s", month, day + 1, 10 + half / 2,
			 half % 2 ? "30" : "00");
		int acc = m % 5 != 4;
		s = db_prepare(d, SQL_MEETING);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, pros[(m % 25) + 25 * (slot % 8)]);
		db_bind_int(s, 3, ex[(m % 25) * (n / 25) + slot % (n / 25)]);
		db_bind_text(s, 4, iso);
		db_bind_text(s, 5, acc ? "accepted" : "declined");
		if (acc)
			db_bind_int(s, 6, tables[m % 25]);
		else
			db_bind_null(s, 6);
		db_bind_text(s, 7, acc ? O[rnd(5)] : "");
		db_bind_text(s, 8, acc ? O[rnd(5)] : "");
		run(s, "meeting");
	}
	free(ex);
	free(excat);
	return ed;
}

/* The report's aggregates as bare SQL for the sqlite3 shell: the same
 * figures impact_read reads for the edition (:e) and the compared one. */
static void write_reference(const char *path, int64_t e, int64_t v)
{
	FILE *f = fopen(path, "w");
	if (!f)
		exit(1);
	int64_t eds[2] = { e, v };
	for (int i = 0; i < 2; i++) {
		long long x = (long long)eds[i];
		fprintf(f,
			"SELECT count(*), sum(c.women_led), sum(c.first_time), sum(c.members_women), "
			"sum(c.members_men), sum(c.members_young) FROM exhibitor x JOIN cooperative c "
			"ON c.id = x.cooperative_id WHERE x.edition_id = %lld;\n"
			"SELECT day, count(*), count(DISTINCT badge_id) FROM checkin WHERE edition_id = "
			"%lld AND result = 'ok' AND direction = 'in' GROUP BY day;\n"
			"SELECT count(*), count(DISTINCT badge_id) FROM checkin WHERE edition_id = %lld "
			"AND result = 'ok' AND direction = 'in';\n"
			"SELECT sum(amount), sum(items), count(*), count(DISTINCT exhibitor_id) FROM sale "
			"WHERE edition_id = %lld AND removed = 0;\n"
			"SELECT c.women_led, sum(s.amount) FROM sale s JOIN exhibitor x ON x.id = "
			"s.exhibitor_id JOIN cooperative c ON c.id = x.cooperative_id WHERE s.edition_id "
			"= %lld AND s.removed = 0 GROUP BY c.women_led;\n"
			"SELECT status, count(*) FROM b2b_meeting WHERE edition_id = %lld GROUP BY "
			"status;\n"
			"SELECT s.kind, COALESCE(s.space_id, 0), count(DISTINCT s.id), "
			"count(DISTINCT CASE WHEN s.starts_at < '2026-12-31T00:00' THEN s.id END), "
			"sum(b.status = 'booked'), sum(b.attended), sum(b.status = 'waiting') FROM "
			"prog_session s LEFT JOIN prog_booking b ON b.session_id = s.id WHERE "
			"s.edition_id = %lld GROUP BY 1, 2;\n",
			x, x, x, x, x, x, x);
	}
	long long x = (long long)e;
	fprintf(f,
		"SELECT p.code, count(*), sum(c.women_led) FROM exhibitor x JOIN cooperative c ON "
		"c.id = x.cooperative_id JOIN province p ON p.id = c.province_id WHERE x.edition_id "
		"= %lld GROUP BY p.code;\n"
		"SELECT g.code, count(*), sum(c.women_led) FROM exhibitor x JOIN cooperative c ON "
		"c.id = x.cooperative_id JOIN province p ON p.id = c.province_id JOIN region g ON "
		"g.id = p.region_id WHERE x.edition_id = %lld GROUP BY g.code;\n"
		"SELECT k.code, count(*), sum(c.women_led) FROM exhibitor x JOIN cooperative c ON "
		"c.id = x.cooperative_id JOIN category k ON k.id = x.category_id WHERE x.edition_id "
		"= %lld GROUP BY k.code;\n"
		"SELECT k.code, sum(s.amount), sum(s.items), count(*) FROM sale s JOIN category k ON "
		"k.id = s.category_id WHERE s.edition_id = %lld AND s.removed = 0 GROUP BY k.code;\n"
		"SELECT day, sum(amount), sum(items), count(*) FROM sale WHERE edition_id = %lld AND "
		"removed = 0 GROUP BY day;\n"
		"SELECT p.code, sum(s.amount) FROM sale s JOIN exhibitor x ON x.id = s.exhibitor_id "
		"JOIN cooperative c ON c.id = x.cooperative_id JOIN province p ON p.id = "
		"c.province_id WHERE s.edition_id = %lld AND s.removed = 0 GROUP BY p.code;\n"
		"SELECT outcome_pro, outcome_exhibitor, count(*) FROM b2b_meeting WHERE edition_id = "
		"%lld AND status = 'accepted' GROUP BY 1, 2;\n"
		"SELECT e.id, (SELECT count(*) FROM exhibitor x WHERE x.edition_id = e.id), (SELECT "
		"sum(s.amount) FROM sale s WHERE s.edition_id = e.id), (SELECT count(*) FROM checkin "
		"k WHERE k.edition_id = e.id AND k.result = 'ok' AND k.direction = 'in') FROM "
		"edition e;\n",
		x, x, x, x, x, x, x);
	fclose(f);
}

int main(int argc, char **argv)
{
	int quick = argc > 1 && !strcmp(argv[1], "--quick");
	int scale = quick ? 10 : 1, runs = quick ? 3 : 5;
	if (sodium_init() < 0)
		return 1;
	char path[64], sql[80];
	snprintf(path, sizeof path, "/tmp/coopfair-impact-bench-%d.db", (int)getpid());
	snprintf(sql, sizeof sql, "/tmp/coopfair-impact-bench-%d.sql", (int)getpid());
	unlink(path);
	db *d0;
	int applied;
	if (db_open(path, 1, &d0) || db_migrate(d0, &applied))
		return 1;
	db_close(d0);
	db_configure(path);
	db *d = db_thread();
	double t0 = now_ms();
	if (db_begin(d))
		die("begin");
	db_bulk(d, 1);
	int64_t prev =
		edition("bench-prev", 1, "2025-03", 5, 300 / scale, 100000 / scale, 600 / scale);
	int64_t ed = edition("bench-national", 2, "2026-03", 10, 700 / scale, 350000 / scale,
			     3000 / scale);
	if (db_commit(d))
		die("commit");
	db_bulk(d, 0);
	if (db_exec(d, "ANALYZE"))
		die("analyze");
	printf("impact bench: %d exhibitors, 10 days, %ld visits (compared with %d exhibitors, "
	       "%ld visits); data made in %.0f ms\n",
	       700 / scale, 350000L / scale, 300 / scale, 100000L / scale, now_ms() - t0);
	double rep[8], ref[8], repc[8], refc[8];
	long sales = 0;
	for (int i = 0; i < runs; i++) {
		arena *a = arena_new(64u << 20);
		impact_report r;
		double t = now_ms(), c = cpu_ms();
		if (impact_read(a, ed, prev, "2026-12-31T00:00", &r))
			die("impact_read");
		rep[i] = now_ms() - t;
		repc[i] = cpu_ms() - c;
		sales = r.t[0].rows[8].v[0];
		arena_free(a);
	}
	write_reference(sql, ed, prev);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "sqlite3 -batch %s < %s > /dev/null", path, sql);
	for (int i = 0; i < runs; i++) {
		double t = now_ms(), c = children_ms();
		if (system(cmd)) {
			fprintf(stderr, "impact_bench: sqlite3 failed\n");
			return 1;
		}
		ref[i] = now_ms() - t;
		refc[i] = children_ms() - c;
	}
	qsort(rep, (size_t)runs, sizeof *rep, cmp);
	qsort(ref, (size_t)runs, sizeof *ref, cmp);
	qsort(repc, (size_t)runs, sizeof *repc, cmp);
	qsort(refc, (size_t)runs, sizeof *refc, cmp);
	printf("impact report: built in %.1f ms wall, %.1f ms CPU (medians of %d; sales %ld "
	       "dirhams)\n",
	       rep[runs / 2], repc[runs / 2], runs, sales);
	printf("reference, the bare aggregate queries by sqlite3 (its process included): %.1f ms "
	       "wall, %.1f ms CPU\n",
	       ref[runs / 2], refc[runs / 2]);
	printf("ratio report / reference: %.2f wall, %.2f CPU\n", rep[runs / 2] / ref[runs / 2],
	       repc[runs / 2] / refc[runs / 2]);
	db_thread_close();
	unlink(path);
	char wal[80];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	unlink(sql);
	return 0;
}
