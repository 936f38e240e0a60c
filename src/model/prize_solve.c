/* prize_solve.c - see prize_solve.h. */
#include "prize_solve.h"
#include "../util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- Dinic max-flow ---------------------------------------------------- */

typedef struct flow {
	int nv, ne, cap_e;
	int *head, *next, *to, *cap; /* edges in pairs: e and e^1 */
	int *level, *it, *queue;
} flow;

static void flow_init(flow *f, int nv, int max_edges)
{
	f->nv = nv;
	f->ne = 0;
	f->cap_e = max_edges * 2;
	f->head = xmalloc(sizeof(int) * (size_t)nv);
	for (int v = 0; v < nv; v++)
		f->head[v] = -1;
	f->next = xmalloc(sizeof(int) * (size_t)f->cap_e);
	f->to = xmalloc(sizeof(int) * (size_t)f->cap_e);
	f->cap = xmalloc(sizeof(int) * (size_t)f->cap_e);
	f->level = xmalloc(sizeof(int) * (size_t)nv);
	f->it = xmalloc(sizeof(int) * (size_t)nv);
	f->queue = xmalloc(sizeof(int) * (size_t)nv);
}

static void flow_free(flow *f)
{
	free(f->head), free(f->next), free(f->to), free(f->cap);
	free(f->level), free(f->it), free(f->queue);
}

/* flow_edge - add u->v with capacity c; returns the edge index. */
static int flow_edge(flow *f, int u, int v, int c)
{
	int e = f->ne;
	f->to[e] = v, f->cap[e] = c, f->next[e] = f->head[u], f->head[u] = e;
	f->to[e + 1] = u, f->cap[e + 1] = 0, f->next[e + 1] = f->head[v], f->head[v] = e + 1;
	f->ne += 2;
	return e;
}

static int flow_bfs(flow *f, int s, int t)
{
	for (int v = 0; v < f->nv; v++)
		f->level[v] = -1;
	int qh = 0, qt = 0;
	f->queue[qt++] = s;
	f->level[s] = 0;
	while (qh < qt) {
		int u = f->queue[qh++];
		for (int e = f->head[u]; e >= 0; e = f->next[e])
			if (f->cap[e] > 0 && f->level[f->to[e]] < 0) {
				f->level[f->to[e]] = f->level[u] + 1;
				f->queue[qt++] = f->to[e];
			}
	}
	return f->level[t] >= 0;
}

/* flow_dfs - iterative blocking-flow search (depth is at most 3 here, but
 * recursion depth is bounded by the level graph anyway). */
static int flow_dfs(flow *f, int u, int t, int pushed)
{
	if (u == t)
		return pushed;
	for (; f->it[u] >= 0; f->it[u] = f->next[f->it[u]]) {
		int e = f->it[u], v = f->to[e];
		if (f->cap[e] <= 0 || f->level[v] != f->level[u] + 1)
			continue;
		int got = flow_dfs(f, v, t, pushed < f->cap[e] ? pushed : f->cap[e]);
		if (got > 0) {
			f->cap[e] -= got;
			f->cap[e ^ 1] += got;
			return got;
		}
	}
	return 0;
}

static int flow_max(flow *f, int s, int t)
{
	int total = 0;
	while (flow_bfs(f, s, t)) {
		for (int v = 0; v < f->nv; v++)
			f->it[v] = f->head[v];
		int got;
		while ((got = flow_dfs(f, s, t, 1 << 30)) > 0)
			total += got;
	}
	return total;
}

/* run_flow - max-flow with juror load cap L; fills assigned, returns flow. */
static int run_flow(int n, int m, int k, const unsigned char *allowed, int L,
		    unsigned char *assigned, int *short_entries)
{
	flow f;
	int S = n + m, T = n + m + 1;
	flow_init(&f, n + m + 2, n + n * m + m);
	int *edge = xmalloc(sizeof(int) * (size_t)n * (size_t)m);
	int *src = xmalloc(sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++)
		src[i] = flow_edge(&f, S, i, k);
	/* Jurors' edges are added so that each entry tries a different juror
	 * first: the flow then starts from a spread-out (cyclic) design. The
	 * adjacency list is LIFO, hence the reverse order. */
	for (int i = 0; i < n; i++)
		for (int t = m - 1; t >= 0; t--) {
			int j = (i + t) % m;
			edge[i * m + j] = allowed[i * m + j] ? flow_edge(&f, i, n + j, 1) : -1;
		}
	for (int j = 0; j < m; j++)
		flow_edge(&f, n + j, T, L);
	int total = flow_max(&f, S, T);
	memset(assigned, 0, (size_t)n * (size_t)m);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++)
			if (edge[i * m + j] >= 0 && f.cap[edge[i * m + j]] == 0)
				assigned[i * m + j] = 1;
	if (short_entries) {
		*short_entries = 0;
		for (int i = 0; i < n; i++)
			if (f.cap[src[i]] > 0)
				(*short_entries)++;
	}
	free(edge), free(src);
	flow_free(&f);
	return total;
}

/* ---- balance: chain moves ---------------------------------------------- */

/* raise_min - while some juror u can take one more entry through a chain
 * u <- v1 <- v2 ... <- w ending at a juror w with load >= load(u) + 2, move
 * entries along the chain (u +1, w -1, others unchanged). Bounded. */
static void raise_min(int n, int m, const unsigned char *allowed, unsigned char *as, int *load)
{
	int *prev = xmalloc(sizeof(int) * (size_t)m), *via = xmalloc(sizeof(int) * (size_t)m);
	int *queue = xmalloc(sizeof(int) * (size_t)m);
	for (int round = 0; round < n * m + 1; round++) {
		int u = 0;
		for (int j = 1; j < m; j++)
			if (load[j] < load[u])
				u = j;
		for (int j = 0; j < m; j++)
			prev[j] = -2;
		prev[u] = -1;
		int qh = 0, qt = 0, found = -1;
		queue[qt++] = u;
		/* BFS: from juror a, reach juror b if an entry e held by b (and not
		 * by a) is allowed for a: a takes e from b. */
		while (qh < qt && found < 0) {
			int a = queue[qh++];
			for (int e = 0; e < n && found < 0; e++) {
				if (!allowed[e * m + a] || as[e * m + a])
					continue;
				for (int b = 0; b < m; b++)
					if (as[e * m + b] && prev[b] == -2) {
						prev[b] = a, via[b] = e;
						if (load[b] >= load[u] + 2) {
							found = b;
							break;
						}
						queue[qt++] = b;
					}
			}
		}
		if (found < 0)
			break;
		for (int b = found; prev[b] >= 0; b = prev[b]) {
			int a = prev[b], e = via[b];
			as[e * m + b] = 0, as[e * m + a] = 1;
		}
		load[found]--, load[u]++;
	}
	free(prev), free(via), free(queue);
}

/* ---- design quality and connectivity: double swaps --------------------- */

static uint64_t rng_next(uint64_t *st)
{
	*st ^= *st >> 12, *st ^= *st << 25, *st ^= *st >> 27;
	return *st * 2685821657736338717ull;
}

int prize_components(int n, int m, const unsigned char *as)
{
	int *parent = xmalloc(sizeof(int) * (size_t)m), *load = xcalloc((size_t)m, sizeof(int));
	for (int j = 0; j < m; j++)
		parent[j] = j;
	for (int i = 0; i < n; i++) {
		int first = -1;
		for (int j = 0; j < m; j++) {
			if (!as[i * m + j])
				continue;
			load[j]++;
			if (first < 0) {
				first = j;
				continue;
			}
			int a = first, b = j;
			while (parent[a] != a)
				a = parent[a] = parent[parent[a]];
			while (parent[b] != b)
				b = parent[b] = parent[parent[b]];
			parent[a] = b;
		}
	}
	int c = 0;
	for (int j = 0; j < m; j++)
		if (load[j] && parent[j] == j)
			c++;
	free(parent), free(load);
	return c;
}

/* bump - co[p][q] += d, returning the change of sum(co^2) over pairs. */
static long bump(int *co, int m, int p, int q, int d)
{
	if (p == q)
		return 0;
	int v = co[p * m + q];
	co[p * m + q] += d, co[q * m + p] += d;
	return (long)(v + d) * (v + d) - (long)v * v;
}

/* swap_apply - e moves from a to c, f moves from c to a; returns the change
 * of sum(co^2). Call again with (e,c,f,a) swapped roles to undo. */
static long swap_apply(int m, unsigned char *as, int *co, int e, int a, int f, int c)
{
	long delta = 0;
	as[e * m + a] = 0;
	for (int x = 0; x < m; x++)
		if (as[e * m + x])
			delta += bump(co, m, a, x, -1) + bump(co, m, c, x, +1);
	as[e * m + c] = 1;
	as[f * m + c] = 0;
	for (int x = 0; x < m; x++)
		if (as[f * m + x])
			delta += bump(co, m, c, x, -1) + bump(co, m, a, x, +1);
	as[f * m + a] = 1;
	return delta;
}

static void improve_design(int n, int m, const unsigned char *allowed, unsigned char *as,
			   uint64_t seed)
{
	int *co = xcalloc((size_t)m * (size_t)m, sizeof(int));
	for (int i = 0; i < n; i++)
		for (int p = 0; p < m; p++)
			for (int q = p + 1; q < m && as[i * m + p]; q++)
				if (as[i * m + q])
					co[p * m + q]++, co[q * m + p]++;
	uint64_t st = seed | 1;
	long tries = 40L * n * (m < 30 ? m : 30) + 1000;
	int comps = prize_components(n, m, as);
	for (long t = 0; t < tries; t++) {
		int e = (int)(rng_next(&st) % (uint64_t)n), f = (int)(rng_next(&st) % (uint64_t)n);
		int a = (int)(rng_next(&st) % (uint64_t)m), c = (int)(rng_next(&st) % (uint64_t)m);
		if (e == f || a == c || !as[e * m + a] || as[e * m + c] || !as[f * m + c] ||
		    as[f * m + a] || !allowed[e * m + c] || !allowed[f * m + a])
			continue;
		long d = swap_apply(m, as, co, e, a, f, c);
		int nc = comps > 1 ? prize_components(n, m, as) : 1;
		if (nc < comps || (nc == comps && d < 0)) {
			comps = nc;
			continue;
		}
		(void)swap_apply(m, as, co, e, c, f, a);
	}
	/* A last exhaustive pass when still disconnected: any swap that joins
	 * (bounded: each try costs a components count, O(n m); about 2e8
	 * steps in all, well under a second). */
	long budget = 200000000L / ((long)n * m + 1) + 100;
	if (budget > 200000)
		budget = 200000;
	for (int e = 0; e < n && comps > 1 && budget > 0; e++)
		for (int f = 0; f < n && comps > 1; f++)
			for (int a = 0; a < m && comps > 1; a++)
				for (int c = 0; c < m && comps > 1; c++) {
					if (e == f || a == c || !as[e * m + a] || as[e * m + c] ||
					    !as[f * m + c] || as[f * m + a] ||
					    !allowed[e * m + c] || !allowed[f * m + a])
						continue;
					(void)swap_apply(m, as, co, e, a, f, c);
					budget--;
					int nc = prize_components(n, m, as);
					if (nc < comps)
						comps = nc;
					else
						(void)swap_apply(m, as, co, e, c, f, a);
				}
	free(co);
}

/* allowed_parts - connected parts of the allowed graph (entries and jurors
 * linked where allowed) that hold an entry: a connected design needs 1. */
static int allowed_parts(int n, int m, const unsigned char *allowed)
{
	int *parent = xmalloc(sizeof(int) * (size_t)(n + m));
	for (int v = 0; v < n + m; v++)
		parent[v] = v;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++) {
			if (!allowed[i * m + j])
				continue;
			int a = i, b = n + j;
			while (parent[a] != a)
				a = parent[a] = parent[parent[a]];
			while (parent[b] != b)
				b = parent[b] = parent[parent[b]];
			if (a != b)
				parent[a] = b;
		}
	int parts = 0;
	/* a part is counted at its root once, when it holds an entry */
	char *has = xcalloc((size_t)(n + m), 1);
	for (int i = 0; i < n; i++) {
		int a = i;
		while (parent[a] != a)
			a = parent[a];
		if (!has[a])
			has[a] = 1, parts++;
	}
	free(has), free(parent);
	return parts;
}

/* join_moves - single moves of an entry from one juror to another allowed
 * one whose load stays within cap, kept when they join components. */
static int join_moves(int n, int m, const unsigned char *allowed, unsigned char *as, int *load,
		      int cap, int comps)
{
	long budget = 200000000L / ((long)n * m + 1) + 100;
	for (int e = 0; e < n && comps > 1 && budget > 0; e++)
		for (int a = 0; a < m && comps > 1 && budget > 0; a++) {
			if (!as[e * m + a])
				continue;
			for (int c = 0; c < m && comps > 1 && budget > 0; c++) {
				if (c == a || as[e * m + c] || !allowed[e * m + c] ||
				    load[c] >= cap)
					continue;
				as[e * m + a] = 0, as[e * m + c] = 1;
				budget--;
				int nc = prize_components(n, m, as);
				if (nc < comps) {
					comps = nc, load[a]--, load[c]++;
					break; /* e no longer has a */
				}
				as[e * m + c] = 0, as[e * m + a] = 1;
			}
		}
	return comps;
}

/* ---- the solver -------------------------------------------------------- */

cf_err prize_assign(int n, int m, int k, const unsigned char *allowed, uint64_t seed,
		    unsigned char *assigned, prize_assign_info *info)
{
	return prize_assign_progress(n, m, k, allowed, seed, assigned, info, NULL, NULL);
}

static void say(prize_progress fn, void *ctx, const char *phase, double done)
{
	if (fn)
		fn(ctx, phase, done);
}

/* design_at - a design with juror loads capped at L: flow, balance, then
 * design quality and connectivity (skipped when split: nothing can join).
 * Fills load[]; returns the overlap graph's components. */
static int design_at(int n, int m, int k, const unsigned char *allowed, int L, uint64_t seed,
		     int split, unsigned char *as, int *load, prize_progress fn, void *ctx)
{
	say(fn, ctx, "flow", 0.3);
	(void)run_flow(n, m, k, allowed, L, as, NULL);
	memset(load, 0, sizeof(int) * (size_t)m);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++)
			load[j] += as[i * m + j];
	say(fn, ctx, "balance", 0.4);
	raise_min(n, m, allowed, as, load);
	if (split)
		return prize_components(n, m, as);
	say(fn, ctx, "design", 0.5);
	improve_design(n, m, allowed, as, seed);
	int comps = prize_components(n, m, as);
	if (comps > 1) {
		say(fn, ctx, "join", 0.8);
		comps = join_moves(n, m, allowed, as, load, L, comps);
	}
	return comps;
}

cf_err prize_assign_progress(int n, int m, int k, const unsigned char *allowed, uint64_t seed,
			     unsigned char *assigned, prize_assign_info *info, prize_progress fn,
			     void *ctx)
{
	memset(info, 0, sizeof *info);
	info->entry = -1;
	if (n <= 0) {
		info->unmet = PRIZE_UNMET_NO_ENTRIES;
		return CF_ERR_INVALID;
	}
	memset(assigned, 0, (size_t)n * (size_t)(m > 0 ? m : 0));
	info->ideal = m > 0 ? (double)n * k / m : 0;
	if (m < k) {
		info->unmet = PRIZE_UNMET_FEW_JURORS;
		info->count = m;
		return CF_ERR_INVALID;
	}
	for (int i = 0; i < n; i++) {
		int c = 0;
		for (int j = 0; j < m; j++)
			c += allowed[i * m + j] != 0;
		if (c < k) {
			info->unmet = PRIZE_UNMET_ENTRY_ALLOWED;
			info->entry = i;
			info->count = c;
			(void)run_flow(n, m, k, allowed, n, assigned, NULL);
			return CF_ERR_INVALID;
		}
	}
	/* The allowed graph first: if it falls apart, no design connects. */
	int parts = allowed_parts(n, m, allowed);
	say(fn, ctx, "flow", 0.1);
	/* The smallest cap L with full coverage: binary search on L in
	 * [ceil(nk/m), n]. */
	int lo = (n * k + m - 1) / m, hi = n, shorts = 0;
	if (run_flow(n, m, k, allowed, hi, assigned, &shorts) < n * k) {
		info->unmet = PRIZE_UNMET_GROUP;
		info->count = shorts;
		for (int i = 0; i < n; i++) {
			int c = 0;
			for (int j = 0; j < m; j++)
				c += assigned[i * m + j];
			if (c < k) {
				info->entry = i;
				break;
			}
		}
		return CF_ERR_INVALID;
	}
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (run_flow(n, m, k, allowed, mid, assigned, NULL) == n * k)
			hi = mid;
		else
			lo = mid + 1;
	}
	int *load = xcalloc((size_t)m, sizeof(int));
	int comps = design_at(n, m, k, allowed, lo, seed, parts > 1, assigned, load, fn, ctx);
	if (comps > 1 && parts == 1 && lo < n) {
		/* One more entry for some jurors may join the design: prefer a
		 * connected design (juror effects are not identifiable across
		 * parts) when it exists. */
		unsigned char *as2 = xmalloc((size_t)n * (size_t)m);
		int *load2 = xcalloc((size_t)m, sizeof(int));
		int c2 = design_at(n, m, k, allowed, lo + 1, seed, 0, as2, load2, fn, ctx);
		if (c2 < comps) {
			memcpy(assigned, as2, (size_t)n * (size_t)m);
			memcpy(load, load2, sizeof(int) * (size_t)m);
			comps = c2;
			info->raised = c2 == 1;
		}
		free(as2), free(load2);
	}
	say(fn, ctx, "done", 1);
	info->max_load = 0, info->min_load = n;
	for (int j = 0; j < m; j++) {
		if (load[j] > info->max_load)
			info->max_load = load[j];
		if (load[j] < info->min_load)
			info->min_load = load[j];
	}
	free(load);
	info->components = comps;
	if (parts > 1) {
		info->unmet = PRIZE_UNMET_SPLIT;
		info->count = parts;
		return CF_ERR_CONFLICT;
	}
	if (info->components > 1) {
		info->unmet = PRIZE_UNMET_CONNECTED;
		info->count = info->components;
		return CF_ERR_CONFLICT;
	}
	return CF_OK;
}
