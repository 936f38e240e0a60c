/*
 * db_pg_sql.c - the dialect hook of the PostgreSQL backend: coopfair's SQL
 * is written for SQLite in a portable subset (docs/postgres.md), and this
 * file turns it into PostgreSQL's, once per statement and connection.
 *
 * Textual rewrites, outside string literals, quoted names, comments and
 * dollar-quoted bodies:
 *   ?  ?NNN                        -> $n (a bare ? is one more than the highest so far)
 *   id INTEGER PRIMARY KEY         -> id BIGINT PRIMARY KEY, and after the CREATE TABLE a
 *                                     sequence and a trigger giving SQLite's rowid rules
 *                                     (NULL or no id: the next one; an explicit id moves
 *                                     the sequence past it)
 *   x INTEGER PRIMARY KEY          -> x BIGINT PRIMARY KEY (always given: a reference)
 *   INTEGER / REAL / BLOB          -> BIGINT / DOUBLE PRECISION / BYTEA
 *   AUTOINCREMENT, WITHOUT ROWID   -> (dropped)
 *   INSERT OR IGNORE ...           -> INSERT ... ON CONFLICT DO NOTHING
 *   IFNULL                         -> COALESCE
 *   char(...)                      -> cf_char(...) (char is a type in PostgreSQL)
 *   LIKE                           -> ILIKE (SQLite's LIKE ignores ASCII case)
 *   a IS b, a IS NOT b             -> IS [NOT] DISTINCT FROM, when b is not NULL/TRUE/FALSE
 *   PRAGMA ...;                    -> (dropped: SQLite settings)
 *   FROM (SELECT ...)              -> FROM (SELECT ...) AS cf_qN (PostgreSQL 15 wants a name)
 * and the fragments of pg_fragments below (the registry's FTS5 search).
 * Functions SQLite has and PostgreSQL lacks (strftime, datetime, unixepoch,
 * hex, randomblob, instr, group_concat, last_insert_rowid) and the NOCASE collation are created by
 * pg_bootstrap_sql instead, so the text calling them needs no rewrite.
 *
 * What is left (CREATE VIRTUAL TABLE, SQLite's trigger bodies) goes in an
 * engine-specific migration, NNN_x.pg.sql (see migrate.c).
 */
#include "db_pg_sql.h"
#include "../util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* SQLite-only fragments and their PostgreSQL twins, matched exactly. The
 * registry's search (src/model/registry.c) reads an FTS5 table; PostgreSQL
 * keeps cooperative_fts(rowid, names, other, tsv) with a tsvector over the
 * same C-normalised text (db/migrations/020_registry.pg.sql), queried with
 * cf_fts_query (the FTS5 expression as a tsquery) and ranked with ts_rank,
 * names weighing ten times the rest as bm25(10, 1) does. A statement of
 * registry.c that changes so that a fragment no longer matches fails to
 * prepare on PostgreSQL, loudly, in the tests. */
static const char *const pg_fragments[][2] = {
	/* ranking keys: whole words (?5) before prefixes, then the weighted
	 * rank (bm25 is lower for better rows, ts_rank higher: negated) */
	{ "(f.rowid IN (SELECT rowid FROM cooperative_fts WHERE cooperative_fts MATCH ?5)) AS by_word",
	  "(f.rowid IN (SELECT rowid FROM cooperative_fts WHERE tsv @@ cf_fts_query(?5))) AS by_word" },
	{ "bm25(cooperative_fts, 10.0, 1.0) AS by_rank ",
	  "-ts_rank('{0.1, 0, 0, 1}', f.tsv, cf_fts_query(?1)) AS by_rank " },
	{ "FROM cooperative_fts WHERE cooperative_fts MATCH ?1 LIMIT 5000)",
	  "FROM cooperative_fts WHERE tsv @@ cf_fts_query(?1) LIMIT 5000) AS n" },
	{ "WHERE cooperative_fts MATCH ?1", "WHERE f.tsv @@ cf_fts_query(?1)" },
	{ "ORDER BY bm25(cooperative_fts, 10.0, 1.0)",
	  "ORDER BY ts_rank('{0.1, 0, 0, 1}', f.tsv, cf_fts_query(?1)) DESC" },
};

const char pg_bootstrap_sql[] =
	/* bumped by every committed write: the page caches of every server */
	"CREATE TABLE IF NOT EXISTS cf_generation (n BIGINT NOT NULL);\n"
	"INSERT INTO cf_generation SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM cf_generation);\n"
	"CREATE COLLATION IF NOT EXISTS nocase "
	"(provider = icu, locale = 'und-u-ks-level2', deterministic = false);\n"
	"CREATE OR REPLACE FUNCTION cf_time(at text) RETURNS timestamptz LANGUAGE sql STABLE AS $$"
	" SELECT CASE WHEN at = 'now' THEN statement_timestamp()"
	" WHEN at ~ '^[0-9]+$' THEN to_timestamp(at::double precision)"
	" WHEN at ~ '(Z|[+-][0-9][0-9]:?[0-9][0-9])$' THEN at::timestamptz"
	" ELSE (at || 'Z')::timestamptz END $$;\n"
	"CREATE OR REPLACE FUNCTION strftime(fmt text, at text) RETURNS text LANGUAGE sql STABLE AS $$"
	" SELECT CASE fmt WHEN '%s' THEN floor(extract(epoch FROM cf_time(at)))::bigint::text"
	" ELSE to_char(cf_time(at) AT TIME ZONE 'UTC',"
	" replace(replace(replace(replace(replace(replace(replace(replace(fmt,"
	" 'T', '\"T\"'), 'Z', '\"Z\"'), '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'),"
	" '%H', 'HH24'), '%M', 'MI'), '%S', 'SS')) END $$;\n"
	"CREATE OR REPLACE FUNCTION datetime(at text) RETURNS text LANGUAGE sql STABLE AS $$"
	" SELECT to_char(cf_time(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') $$;\n"
	"CREATE OR REPLACE FUNCTION unixepoch() RETURNS bigint LANGUAGE sql STABLE AS $$"
	" SELECT floor(extract(epoch FROM statement_timestamp()))::bigint $$;\n"
	"CREATE OR REPLACE FUNCTION hex(b bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
	" SELECT upper(encode(b, 'hex')) $$;\n"
	/* gen_random_uuid draws from the server's strong random source */
	"CREATE OR REPLACE FUNCTION randomblob(n bigint) RETURNS bytea LANGUAGE sql VOLATILE AS $$"
	" SELECT substring(string_agg(decode(md5(gen_random_uuid()::text), 'hex'), ''::bytea),"
	" 1, n::int) FROM generate_series(0, n / 16) $$;\n"
	/* SQLite's rowid: a NULL or missing id takes the next number, an
	 * explicit one moves the sequence past it (see the translation of
	 * "id INTEGER PRIMARY KEY") */
	"CREATE OR REPLACE FUNCTION cf_rowid() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	" IF NEW.id IS NULL THEN NEW.id := nextval(TG_ARGV[0]::regclass);"
	" ELSIF NEW.id > coalesce(pg_sequence_last_value(TG_ARGV[0]::regclass), 0) THEN"
	" PERFORM setval(TG_ARGV[0]::regclass, NEW.id); END IF; RETURN NEW; END $$;\n"
	"CREATE OR REPLACE FUNCTION last_insert_rowid() RETURNS bigint LANGUAGE sql VOLATILE AS $$"
	" SELECT lastval() $$;\n"
	"CREATE OR REPLACE FUNCTION cf_concat(acc text, v text, sep text) RETURNS text "
	"LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v"
	" ELSE acc || sep || v END $$;\n"
	"CREATE OR REPLACE FUNCTION cf_concat(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE"
	" AS $$ SELECT cf_concat(acc, v, ',') $$;\n"
	"CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = cf_concat, STYPE = text);\n"
	"CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = cf_concat, STYPE = text);\n"
	"CREATE OR REPLACE FUNCTION cf_concat_any(acc text, v anyelement, sep text) RETURNS text "
	"LANGUAGE sql IMMUTABLE AS $$ SELECT cf_concat(acc, v::text, sep) $$;\n"
	"CREATE OR REPLACE FUNCTION cf_concat_any(acc text, v anyelement) RETURNS text "
	"LANGUAGE sql IMMUTABLE AS $$ SELECT cf_concat(acc, v::text, ',') $$;\n"
	"CREATE OR REPLACE AGGREGATE group_concat(anyelement) (SFUNC = cf_concat_any, STYPE = text);\n"
	"CREATE OR REPLACE AGGREGATE group_concat(anyelement, text) "
	"(SFUNC = cf_concat_any, STYPE = text);\n"
	"CREATE OR REPLACE FUNCTION cf_char(VARIADIC c int[]) RETURNS text LANGUAGE sql IMMUTABLE"
	" AS $$ SELECT string_agg(chr(x), '' ORDER BY i) FROM unnest(c) WITH ORDINALITY u(x, i) $$;\n"
	/* sum over comparisons: SQLite's booleans are integers. plpgsql, not
	 * sql: an aggregate's sql transition function is not inlined and set
	 * up an executor per row (migration 105) */
	"CREATE OR REPLACE FUNCTION cf_sum_bool(acc bigint, v boolean) RETURNS bigint LANGUAGE plpgsql"
	" IMMUTABLE AS $$ BEGIN IF v IS NULL THEN RETURN acc; END IF;"
	" RETURN coalesce(acc, 0) + CASE WHEN v THEN 1 ELSE 0 END; END $$;\n"
	"CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = cf_sum_bool, STYPE = bigint);\n"
	"CREATE OR REPLACE FUNCTION instr(s text, t text) RETURNS int LANGUAGE sql IMMUTABLE AS $$"
	" SELECT strpos(s, t) $$;\n";

struct out {
	char *p;
	size_t n, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->n + n + 1 > o->cap) {
		o->cap = (o->n + n + 1) * 2;
		o->p = xrealloc(o->p, o->cap);
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
	o->p[o->n] = 0;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static int word_char(int c)
{
	return isalnum(c) || c == '_' || (unsigned char)c >= 0x80;
}

/* skip_ws - past spaces and comments from i. */
static size_t skip_ws(const char *s, size_t i)
{
	for (;;) {
		while (isspace((unsigned char)s[i]))
			i++;
		if (s[i] == '-' && s[i + 1] == '-') {
			while (s[i] && s[i] != '\n')
				i++;
		} else if (s[i] == '/' && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");
			i = e ? (size_t)(e - s) + 2 : strlen(s);
		} else {
			return i;
		}
	}
}

/* next_word - the word at i (after spaces), its length in *n; 0 if none. */
static size_t next_word(const char *s, size_t i, size_t *start)
{
	i = skip_ws(s, i);
	*start = i;
	size_t j = i;
	while (word_char((unsigned char)s[j]))
		j++;
	return j - i;
}

static int is_word(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !strncasecmp(s, w, n);
}

/* skip_quoted - past a literal, quoted name, comment or dollar-quoted body
 * starting at i; i itself when there is none. */
static size_t skip_quoted(const char *s, size_t i)
{
	char c = s[i];
	if (c == '\'' || c == '"') {
		size_t j = i + 1;
		while (s[j]) {
			if (s[j] == c && s[j + 1] == c)
				j += 2;
			else if (s[j] == c)
				return j + 1;
			else
				j++;
		}
		return j;
	}
	if ((c == '-' && s[i + 1] == '-') || (c == '/' && s[i + 1] == '*'))
		return skip_ws(s, i) > i ? skip_ws(s, i) : i;
	if (c == '$') {
		size_t j = i + 1;
		while (isalpha((unsigned char)s[j]) || s[j] == '_')
			j++;
		if (s[j] != '$')
			return i;
		size_t tag = j + 1 - i;
		const char *p = s + j + 1;
		while ((p = strchr(p, '$'))) {
			if (!strncmp(p, s + i, tag))
				return (size_t)(p - s) + tag;
			p++;
		}
		return strlen(s);
	}
	return i;
}

/* has_alias - whether the FROM item that ends before i is given a name. */
static int has_alias(const char *s, size_t i)
{
	static const char *const after[] = { "WHERE",  "GROUP",	  "ORDER", "LIMIT",  "OFFSET",
					     "JOIN",   "LEFT",	  "RIGHT", "INNER",  "CROSS",
					     "FULL",   "NATURAL", "UNION", "EXCEPT", "INTERSECT",
					     "HAVING", "WINDOW",  "ON",	   "USING",  "RETURNING" };
	size_t ws, wn = next_word(s, i, &ws);
	if (!wn)
		return 0;
	for (size_t k = 0; k < sizeof after / sizeof after[0]; k++)
		if (is_word(s + ws, wn, after[k]))
			return 0;
	return 1;
}

/* rowid_sequence - after CREATE TABLE t (id INTEGER PRIMARY KEY ...): the
 * sequence of t's ids and the trigger that gives SQLite's rowid rules. */
static void rowid_sequence(struct out *o, const char *t)
{
	char sql[512];
	int n = snprintf(sql, sizeof sql,
			 "\nCREATE SEQUENCE %s_id_seq OWNED BY %s.id;\n"
			 "CREATE TRIGGER %s_rowid BEFORE INSERT ON %s FOR EACH ROW "
			 "EXECUTE FUNCTION cf_rowid('%s_id_seq');",
			 t, t, t, t, t);
	put(o, sql, (size_t)n);
}

/* with_fragments - sql with pg_fragments replaced (malloc'd). */
static char *with_fragments(const char *sql)
{
	char *s = xstrdup(sql);
	for (size_t f = 0; f < sizeof pg_fragments / sizeof pg_fragments[0]; f++) {
		char *at;
		while ((at = strstr(s, pg_fragments[f][0]))) {
			size_t a = strlen(pg_fragments[f][0]), b = strlen(pg_fragments[f][1]);
			size_t pre = (size_t)(at - s), len = strlen(s);
			char *t = xmalloc(len - a + b + 1);
			memcpy(t, s, pre);
			memcpy(t + pre, pg_fragments[f][1], b);
			memcpy(t + pre + b, at + a, len - pre - a + 1);
			free(s);
			s = t;
		}
	}
	return s;
}

char *pg_sql_translate(const char *sql_in, int *nparams)
{
	char *sql = with_fragments(sql_in);
	const char *s = sql;
	struct out o = { 0 };
	put(&o, "", 0);
	int maxp = 0, ignore = 0, at_start = 1;
	size_t i = 0;
	/* in a CREATE TABLE: its name, and whether its id needs a sequence */
	char table[64] = "";
	int in_create = 0, rowid = 0;
	const char *prev = "";
	size_t prevn = 0;
	/* open parentheses: which ones hold a subquery in FROM that needs a name */
	unsigned char sub[64];
	int depth = 0, nsub = 0;
	while (s[i]) {
		size_t q = skip_quoted(s, i);
		if (q > i) {
			put(&o, s + i, q - i);
			i = q;
			continue;
		}
		char c = s[i];
		if (c == '?') {
			size_t j = i + 1;
			int n = 0;
			while (isdigit((unsigned char)s[j]))
				n = n * 10 + (s[j++] - '0');
			if (j == i + 1)
				n = maxp + 1;
			if (n > maxp)
				maxp = n;
			char num[16];
			int k = snprintf(num, sizeof num, "$%d", n);
			put(&o, num, (size_t)k);
			i = j;
			continue;
		}
		if (c == ';') {
			if (ignore)
				puts_(&o, " ON CONFLICT DO NOTHING");
			put(&o, ";", 1);
			if (rowid)
				rowid_sequence(&o, table);
			ignore = rowid = in_create = 0;
			at_start = 1;
			i++;
			continue;
		}
		if (c == '(') {
			size_t ws0, wn0 = next_word(s, i + 1, &ws0);
			if (depth < (int)sizeof sub)
				sub[depth] = is_word(s + ws0, wn0, "SELECT") &&
					     (is_word(prev, prevn, "FROM") ||
					      is_word(prev, prevn, "JOIN"));
			depth++;
		} else if (c == ')' && depth > 0) {
			depth--;
			if (depth < (int)sizeof sub && sub[depth] && !has_alias(s, i + 1)) {
				char alias[32];
				int k = snprintf(alias, sizeof alias, ") AS cf_q%d", ++nsub);
				put(&o, alias, (size_t)k);
				i++;
				continue;
			}
		}
		if (!word_char((unsigned char)c) || (i > 0 && word_char((unsigned char)s[i - 1]))) {
			put(&o, &c, 1);
			i++;
			continue;
		}
		size_t n = 0;
		while (word_char((unsigned char)s[i + n]))
			n++;
		const char *w = s + i;
		size_t ws, wn;
		int first = at_start;
		at_start = 0;
		if (first && is_word(w, n, "CREATE"))
			in_create = 1;
		if (in_create == 1 && is_word(w, n, "TABLE")) {
			/* the name: past TEMP, IF NOT EXISTS */
			size_t at = i + n, len;
			for (;;) {
				len = next_word(s, at, &ws);
				if (!is_word(s + ws, len, "IF") && !is_word(s + ws, len, "NOT") &&
				    !is_word(s + ws, len, "EXISTS"))
					break;
				at = ws + len;
			}
			snprintf(table, sizeof table, "%.*s", (int)len, s + ws);
			in_create = 2;
		} else if (in_create == 1 && !is_word(w, n, "CREATE") && !is_word(w, n, "TEMP") &&
			   !is_word(w, n, "TEMPORARY")) {
			in_create = 0;
		}
		if (first && is_word(w, n, "PRAGMA")) {
			while (s[i] && s[i] != ';')
				i++;
			if (s[i] == ';')
				i++;
			at_start = 1;
			continue;
		}
		if (is_word(w, n, "INSERT") && (wn = next_word(s, i + n, &ws)) &&
		    is_word(s + ws, wn, "OR")) {
			size_t ws2, wn2 = next_word(s, ws + wn, &ws2);
			if (is_word(s + ws2, wn2, "IGNORE")) {
				puts_(&o, "INSERT");
				ignore = 1;
				i = ws2 + wn2;
				continue;
			}
		}
		if (is_word(w, n, "RETURNING") && ignore) {
			puts_(&o, "ON CONFLICT DO NOTHING ");
			ignore = 0;
		}
		if (is_word(w, n, "INTEGER")) {
			size_t ws2, wn2 = next_word(s, i + n, &ws);
			wn = wn2;
			if (is_word(s + ws, wn, "PRIMARY") && (wn2 = next_word(s, ws + wn, &ws2)) &&
			    is_word(s + ws2, wn2, "KEY")) {
				puts_(&o, "BIGINT PRIMARY KEY");
				rowid = in_create == 2 && is_word(prev, prevn, "id");
				i = ws2 + wn2;
				prev = "";
				prevn = 0;
				continue;
			}
			puts_(&o, "BIGINT");
		} else if (is_word(w, n, "REAL")) {
			puts_(&o, "DOUBLE PRECISION");
		} else if (is_word(w, n, "BLOB")) {
			puts_(&o, "BYTEA");
		} else if (is_word(w, n, "AUTOINCREMENT")) {
		} else if (is_word(w, n, "IFNULL")) {
			puts_(&o, "COALESCE");
		} else if (is_word(w, n, "char") && s[i + n] == '(' && in_create != 2) {
			puts_(&o, "cf_char");
		} else if (is_word(w, n, "LIKE")) {
			puts_(&o, "ILIKE");
		} else if (is_word(w, n, "WITHOUT") && (wn = next_word(s, i + n, &ws)) &&
			   is_word(s + ws, wn, "ROWID")) {
			i = ws + wn;
			continue;
		} else if (is_word(w, n, "IS")) {
			wn = next_word(s, i + n, &ws);
			int neg = is_word(s + ws, wn, "NOT");
			size_t after = ws;
			if (neg)
				wn = next_word(s, ws + wn, &after);
			const char *x = s + after;
			if (wn && (is_word(x, wn, "NULL") || is_word(x, wn, "TRUE") ||
				   is_word(x, wn, "FALSE") || is_word(x, wn, "DISTINCT"))) {
				put(&o, w, n);
			} else {
				puts_(&o, neg ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ");
				i = after;
				continue;
			}
		} else {
			put(&o, w, n);
		}
		prev = w;
		prevn = n;
		i += n;
	}
	if (ignore)
		puts_(&o, " ON CONFLICT DO NOTHING");
	if (rowid) {
		puts_(&o, ";");
		rowid_sequence(&o, table);
	}
	free(sql);
	*nparams = maxp;
	return o.p;
}
