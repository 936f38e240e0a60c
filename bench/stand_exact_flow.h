/*
 * stand_exact_flow.h - part of the bench's exact solver (stand_exact.h,
 * which includes it after its state and helpers; not used alone): the
 * bounds by transportation problems within a box of the centroids. The
 * free places (sx_transport) or the free stands (sx_types) go to the
 * categories at costs linear in the places (sx_costs), a min-cost flow
 * (sx_flow); the categories' fair term and the centroids' ranges enter as
 * Lagrangian terms (sx_lagrange). docs/stand.md, "Boxes of the centroids".
 */

/* sx_costs - the cost of a free place at depth k for each category: w_cluster
 * / 100 |p - m_c|^2 (m_c from sx_centre) plus lin[c] per unit of footfall,
 * of x and of y (cc[i][c], i the free stand order[k + i]); *fixed gets the
 * placed places' part and the boxes' n_c |h_c|^2. 0 when a centroid's range
 * is empty. */
static int sx_costs(const sx *x, int k, const double (*lin)[3], double (*cc)[SX_MAXC],
		    double *fixed)
{
	const stand_problem *p = x->p;
	*fixed = 0;
	for (int c = 0; c < x->C; c++) {
		if (!x->nc[c])
			continue;
		double m[2], h[2];
		if (!sx_centre(x, k, c, m, h))
			return 0;
		*fixed += p->w_cluster / 100 *
			  (x->aq[c] - 2 * (m[0] * x->ax[c] + m[1] * x->ay[c]) +
			   x->na[c] * (m[0] * m[0] + m[1] * m[1]) -
			   x->nc[c] * (h[0] * h[0] + h[1] * h[1]));
		for (int i = 0; i < x->S - k; i++) {
			int s = x->order[k + i];
			cc[i][c] = p->w_cluster / 100 *
					   ((x->px[s] - m[0]) * (x->px[s] - m[0]) +
					    (x->py[s] - m[1]) * (x->py[s] - m[1])) +
				   lin[c][0] * x->ff[s] + lin[c][1] * x->px[s] +
				   lin[c][2] * x->py[s];
		}
	}
	return 1;
}

/* sx_flow - the least cost of giving each of K sinks its demand dem[j] from
 * F sources (the free stands) of supply sup each, at most sup on an arc, at
 * cost[i][j] a unit (INFINITY: no arc); the flows in f. Successive shortest
 * paths, Dijkstra on the costs reduced by potentials, which start as the
 * shortest distances of the empty network: 0 at the source and the stands,
 * the cheapest stand at a sink. INFINITY when the demands cannot be met. */
#define SX_SINKS (SX_MAXC * (SX_MAXC + 1) / 2 + SX_MAXU)
static double sx_flow(int F, int K, const double (*cost)[SX_SINKS], const int *dem, int sup,
		      int (*f)[SX_SINKS])
{
	int src = F + K, snk = F + K + 1, V = F + K + 2, need = 0, fs[SX_MAXS], fc[SX_SINKS];
	double pot[SX_MAXS + SX_SINKS + 2], total = 0;
	for (int j = 0; j < K; j++) {
		if (dem[j] < 0)
			return INFINITY;
		need += dem[j];
	}
	memset(fs, 0, sizeof fs);
	memset(fc, 0, sizeof fc);
	for (int i = 0; i < F; i++)
		for (int j = 0; j < K; j++)
			f[i][j] = 0;
	for (int v = 0; v < V; v++)
		pot[v] = 0;
	pot[snk] = INFINITY;
	for (int j = 0; j < K; j++) {
		pot[F + j] = INFINITY;
		for (int i = 0; i < F; i++)
			pot[F + j] = fmin(pot[F + j], cost[i][j]);
		if (pot[F + j] == INFINITY)
			pot[F + j] = 0; /* no stand can take it: found out below */
		pot[snk] = fmin(pot[snk], pot[F + j]);
	}
	while (need > 0) {
		double d[SX_MAXS + SX_SINKS + 2];
		int from[SX_MAXS + SX_SINKS + 2], done[SX_MAXS + SX_SINKS + 2];
		for (int v = 0; v < V; v++) {
			d[v] = INFINITY;
			from[v] = -1;
			done[v] = 0;
		}
		d[src] = 0;
		for (;;) {
			int u = -1;
			for (int v = 0; v < V; v++)
				if (!done[v] && d[v] < INFINITY && (u < 0 || d[v] < d[u]))
					u = v;
			if (u < 0 || u == snk)
				break;
			done[u] = 1;
			if (u == src) {
				for (int i = 0; i < F; i++)
					if (fs[i] < sup && !done[i] &&
					    d[u] + pot[u] - pot[i] < d[i]) {
						d[i] = d[u] + pot[u] - pot[i];
						from[i] = u;
					}
			} else if (u < F) {
				for (int j = 0; j < K; j++) {
					int jv = F + j;
					double r = cost[u][j] + pot[u] - pot[jv];
					if (f[u][j] < sup && cost[u][j] < INFINITY && !done[jv] &&
					    d[u] + r < d[jv]) {
						d[jv] = d[u] + r;
						from[jv] = u;
					}
				}
			} else {
				int j = u - F;
				for (int i = 0; i < F; i++) {
					double r = -cost[i][j] + pot[u] - pot[i];
					if (f[i][j] > 0 && !done[i] && d[u] + r < d[i]) {
						d[i] = d[u] + r;
						from[i] = u;
					}
				}
				if (fc[j] < dem[j] && d[u] + pot[u] - pot[snk] < d[snk]) {
					d[snk] = d[u] + pot[u] - pot[snk];
					from[snk] = u;
				}
			}
		}
		if (d[snk] == INFINITY)
			return INFINITY;
		/* the search stopped at the sink: nodes beyond it move by its
		 * distance, which keeps every reduced cost >= 0 */
		for (int v = 0; v < V; v++)
			pot[v] += fmin(d[v], d[snk]);
		/* push as much as the path takes, at most what is still needed */
		int push = need, v = snk;
		while (v != src) {
			int u = from[v], room;
			if (v == snk)
				room = dem[u - F] - fc[u - F];
			else if (u == src)
				room = sup - fs[v];
			else if (v >= F)
				room = sup - f[u][v - F];
			else
				room = f[v][u - F];
			push = room < push ? room : push;
			v = u;
		}
		for (v = snk; v != src;) {
			int u = from[v];
			if (v == snk)
				fc[u - F] += push;
			else if (u == src)
				fs[v] += push;
			else if (v >= F) /* stand u -> sink v */
				f[u][v - F] += push;
			else /* back along sink u -> stand v */
				f[v][u - F] -= push;
			v = u;
		}
		total += push * (pot[snk] - pot[src]);
		need -= push;
	}
	return total;
}

/* sx_out - the categories' sums of footfall, x and y (out[c]) for flows f
 * to sinks whose owner is a category (owner[j] >= 0; weight per unit wt[j])
 * or a pair (pu[j], owner -1: its members' categories, half each per unit
 * of a place, one each per unit of a stand) */
static void sx_out(const sx *x, int k, int K, int (*f)[SX_SINKS], const int *owner,
		   const double *wt, const int *pu, const int *mixc, double (*out)[3])
{
	for (int c = 0; c < x->C; c++) {
		out[c][0] = x->af[c];
		out[c][1] = x->ax[c];
		out[c][2] = x->ay[c];
	}
	for (int j = 0; j < K; j++)
		for (int i = 0; i < x->S - k; i++) {
			if (!f[i][j])
				continue;
			int s = x->order[k + i];
			double v[3] = { x->ff[s], x->px[s], x->py[s] };
			for (int d = 0; d < 3; d++) {
				if (owner[j] >= 0)
					out[owner[j]][d] += f[i][j] * wt[j] * v[d];
				if (mixc && mixc[j] >= 0)
					out[mixc[j]][d] += f[i][j] * v[d];
				if (owner[j] < 0)
					for (int m = 0; m < 2; m++)
						out[x->p->who[x->u[pu[j]].e[m]].category][d] +=
							f[i][j] * wt[j] * v[d];
			}
		}
}

/* sx_transport - cluster + the tangents of the categories' fair terms
 * (lin[c], sx_costs), with the categories competing for the very places:
 * the free places (two per stand) go to the sinks at the least cost, a
 * transportation problem (sx_flow). The sinks: each category's singles (and
 * exhibitors kept apart) not placed, and each pair not placed, which takes
 * two places on one stand that meets its needs, at the cost of its two
 * members (split across two stands in this relaxation, it can only cost the
 * same or more per place). Gives the categories' sums of footfall, x and y
 * in out; INFINITY when a centroid's range is empty or the places cannot be
 * shared out. */
static int sx_unit_fits(const sx *x, int i, int s);
static double sx_transport(const sx *x, int k, const double (*lin)[3], const int *mix,
			   double (*out)[3])
{
	(void)mix;
	const stand_problem *p = x->p;
	int F = x->S - k, C = x->C, K = C;
	double cost[SX_MAXS][SX_SINKS], cc[SX_MAXS][SX_MAXC], fixed, wt[SX_SINKS];
	int dem[SX_SINKS], pu[SX_SINKS], owner[SX_SINKS], f[SX_MAXS][SX_SINKS];
	if (!sx_costs(x, k, lin, cc, &fixed))
		return INFINITY;
	for (int c = 0; c < C; c++) {
		dem[c] = x->nc[c] - x->na[c];
		owner[c] = c;
		wt[c] = 1;
		for (int i = 0; i < F; i++)
			cost[i][c] = cc[i][c];
	}
	for (int u = 0; u < x->nu; u++) {
		if (x->u[u].e[1] < 0 || x->u[u].stand >= 0)
			continue;
		int a = p->who[x->u[u].e[0]].category, b = p->who[x->u[u].e[1]].category;
		dem[a]--;
		dem[b]--;
		pu[K] = u;
		dem[K] = 2;
		owner[K] = -1;
		wt[K] = 0.5;
		for (int i = 0; i < F; i++)
			cost[i][K] = sx_unit_fits(x, u, x->order[k + i]) ? (cc[i][a] + cc[i][b]) / 2
									 : INFINITY;
		K++;
	}
	/* needs: c's singles who need water (or access) and find no place
	 * offering it among c's places so far must take free places offering it
	 * (two sinks, when no single needs both) */
	for (int c = 0; c < C; c++) {
		if (!x->nc[c] || x->needcnt[c][6])
			continue;
		for (unsigned bit = 2; bit <= 4; bit *= 2) {
			int have = 0;
			for (int i = 0; i < k; i++) {
				int s = x->order[i];
				for (int m = 0; m < 2; m++)
					have += x->content[s][m] == c && (p->sites[s].offers & bit);
			}
			int req = x->needcnt[c][bit] - have;
			if (req <= 0)
				continue;
			dem[K] = req;
			dem[c] -= req;
			owner[K] = c;
			wt[K] = 1;
			for (int i = 0; i < F; i++)
				cost[i][K] = p->sites[x->order[k + i]].offers & bit ? cc[i][c]
										    : INFINITY;
			K++;
		}
	}
	double t = sx_flow(F, K, (const double(*)[SX_SINKS])cost, dem, 2, f);
	if (t == INFINITY)
		return INFINITY;
	sx_out(x, k, K, f, owner, wt, pu, NULL, out);
	return fixed + t;
}

/* sx_types - the transport by whole stands, for a given number of stands
 * mix[a * C + b] (a < b) that categories a and b share: each free stand
 * takes one content, two singles of one category, one of each of two
 * (their sharing cost is the caller's), or a pair not placed (on a stand
 * that meets its needs; its sharing cost is counted apart, in
 * pair_share_left); the rest of
 * each category's singles fill whole stands. The places of a category cost
 * as in sx_transport (sx_costs); needs other than the pairs' and competitors
 * apart are left out. Exact where sx_transport lets two categories split a
 * stand for nothing. INFINITY when the counts do not fit. */
static double sx_types(const sx *x, int k, const double (*lin)[3], const int *mix, double (*out)[3])
{
	const stand_problem *p = x->p;
	int F = x->S - k, C = x->C, K = 0;
	double cost[SX_MAXS][SX_SINKS], cc[SX_MAXS][SX_MAXC], fixed, wt[SX_SINKS];
	int dem[SX_SINKS], pu[SX_SINKS], owner[SX_SINKS], mixc[SX_SINKS], f[SX_MAXS][SX_SINKS];
	if (!sx_costs(x, k, lin, cc, &fixed))
		return INFINITY;
	for (int c = 0; c < C; c++) {
		int left = sx_left(x, c);
		for (int b = 0; b < C; b++)
			if (b != c)
				left -= mix[c < b ? c * C + b : b * C + c];
		if (left < 0 || left % 2)
			return INFINITY;
		dem[K] = left / 2;
		owner[K] = c;
		mixc[K] = -1;
		wt[K] = 2;
		for (int i = 0; i < F; i++)
			cost[i][K] = 2 * cc[i][c];
		K++;
	}
	for (int a = 0; a < C; a++)
		for (int b = a + 1; b < C; b++) {
			if (!mix[a * C + b])
				continue;
			dem[K] = mix[a * C + b];
			owner[K] = a;
			mixc[K] = b;
			wt[K] = 1;
			for (int i = 0; i < F; i++)
				cost[i][K] = cc[i][a] + cc[i][b];
			K++;
		}
	for (int u = 0; u < x->nu; u++) {
		if (x->u[u].e[1] < 0 || x->u[u].stand >= 0)
			continue;
		int a = p->who[x->u[u].e[0]].category, b = p->who[x->u[u].e[1]].category;
		pu[K] = u;
		dem[K] = 1;
		owner[K] = -1;
		mixc[K] = -1;
		wt[K] = 1;
		for (int i = 0; i < F; i++)
			cost[i][K] = sx_unit_fits(x, u, x->order[k + i]) ? cc[i][a] + cc[i][b]
									 : INFINITY;
		K++;
	}
	double t = sx_flow(F, K, (const double(*)[SX_SINKS])cost, dem, 1, f);
	if (t == INFINITY)
		return INFINITY;
	sx_out(x, k, K, f, owner, wt, pu, mixc, out);
	return fixed + t;
}

/* sx_lagrange - cluster and the categories' fair terms by a transport
 * (solve: sx_transport or sx_types, with mix) with Lagrangian terms: the
 * fair term is convex in F_c, so above its tangent at any F0_c, a cost
 * linear in the places (slope g'(F0_c) per unit of footfall); and the
 * centroid's range gives a_c (sum x - n_c m_x) >= -|a_c| n_c h_x for any
 * a_c, a cost per metre. Any tangents and multipliers give a lower bound;
 * they are moved towards the answers' sums its steps, from start (NULL:
 * cold, the tangents alone first), the best bound kept with its terms in
 * keep. With a finite target, the steps are Polyak's (the step's length
 * (target - bound) / |subgradient|^2, halved after 3 steps that gain
 * nothing), and it stops once the bound reaches the target. */
typedef double (*sx_solve)(const sx *, int, const double (*)[3], const int *, double (*)[3]);
static double sx_lagrange(const sx *x, int k, sx_solve solve, const int *mix,
			  const double (*start)[3], int its, double target, double (*keep)[3])
{
	const stand_problem *p = x->p;
	double lin[SX_MAXC][3], out[SX_MAXC][3], best = -INFINITY, theta = 1;
	double F0[SX_MAXC], m[SX_MAXC][2], h[SX_MAXC][2];
	int stale = 0;
	int phase1 = start ? 0 : SX_LAGR_IT; /* cold: the tangents alone first */
	for (int c = 0; c < x->C; c++) {
		F0[c] = start ? start[c][0] : x->nc[c] * x->M;
		lin[c][1] = start ? start[c][1] : 0;
		lin[c][2] = start ? start[c][2] : 0;
		keep[c][0] = F0[c];
		keep[c][1] = lin[c][1];
		keep[c][2] = lin[c][2];
		if (x->nc[c] && !sx_centre(x, k, c, m[c], h[c]))
			return INFINITY;
	}
	for (int it = 0; it < its; it++) {
		double cst = 0;
		if (phase1 && it == phase1) /* then both, from the best tangents */
			for (int c = 0; c < x->C; c++)
				F0[c] = keep[c][0];
		for (int c = 0; c < x->C; c++) {
			if (!x->nc[c]) {
				lin[c][0] = lin[c][1] = lin[c][2] = 0;
				continue;
			}
			double n = x->nc[c],
			       g = p->w_fair * (F0[c] - n * x->M) * (F0[c] - n * x->M) / n;
			lin[c][0] = p->w_fair * 2 * (F0[c] - n * x->M) / n;
			cst += g + lin[c][0] * (x->af[c] - F0[c]);
			/* the centroid's range: lin[c][1] (sum x - n m_x) >= -|lin| n h */
			for (int d = 0; d < 2; d++)
				cst += lin[c][1 + d] * ((d ? x->ay[c] : x->ax[c]) - n * m[c][d]) -
				       fabs(lin[c][1 + d]) * n * h[c][d];
		}
		double t = solve(x, k, (const double(*)[3])lin, mix, out);
		if (t == INFINITY)
			return INFINITY;
		if (t + cst > best) {
			best = t + cst;
			stale = 0;
			for (int c = 0; c < x->C; c++) {
				keep[c][0] = F0[c];
				keep[c][1] = lin[c][1];
				keep[c][2] = lin[c][2];
			}
		} else if (++stale >= 3) {
			theta /= 2;
			stale = 0;
		}
		if (target < INFINITY) {
			if (best >= target)
				break;
			double g[SX_MAXC][3], g2 = 0;
			for (int c = 0; c < x->C; c++) {
				double n = x->nc[c];
				g[c][0] = g[c][1] = g[c][2] = 0;
				if (!n)
					continue;
				g[c][0] = out[c][0] - F0[c];
				for (int d = 0; d < 2; d++) {
					double a = lin[c][1 + d], dv = out[c][1 + d] - n * m[c][d];
					g[c][1 + d] = dv - (a > 0   ? n * h[c][d]
							    : a < 0 ? -n * h[c][d]
								    : sx_clamp(dv, -n * h[c][d],
									       n * h[c][d]));
				}
				g2 += g[c][0] * g[c][0] + g[c][1] * g[c][1] + g[c][2] * g[c][2];
			}
			if (g2 < 1e-12)
				break; /* the optimum of the dual */
			double st = theta * (target - (t + cst)) / g2;
			for (int c = 0; c < x->C; c++) {
				if (!x->nc[c])
					continue;
				double n = x->nc[c];
				F0[c] += n / (2 * p->w_fair) * st * g[c][0];
				lin[c][1] += st * g[c][1];
				lin[c][2] += st * g[c][2];
			}
			continue;
		}
		for (int c = 0; c < x->C; c++) {
			if (!x->nc[c])
				continue;
			F0[c] += SX_LAGR_STEP * (out[c][0] - F0[c]);
			for (int d = 0; d < 2 && it + 1 >= phase1; d++) {
				double a = lin[c][1 + d], dv = out[c][1 + d] / x->nc[c] - m[c][d];
				double g = dv - (a > 0	 ? h[c][d]
						 : a < 0 ? -h[c][d]
							 : sx_clamp(dv, -h[c][d], h[c][d]));
				lin[c][1 + d] = a + SX_LAGR_ETA * g;
			}
		}
	}
	return best;
}

/* sx_transport_fair - sx_lagrange of sx_transport, from the parent node's
 * terms when it has some (x->tf[k]), leaving its own in x->tf[k + 1] */
static double sx_transport_fair(const sx *x, int k)
{
	int warm = x->tf[k][0][0] == x->tf[k][0][0]; /* not NaN: the parent's */
	return sx_lagrange(x, k, sx_transport, NULL, warm ? (const double(*)[3])x->tf[k] : NULL,
			   warm ? SX_LAGR_WARM : SX_LAGR_IT + SX_LAGR_IT2, INFINITY, x->tf[k + 1]);
}

/* sx_types_rec - every count of shared stands mix[] from pair (a, b) on
 * whose sharing cost keeps the bound below the best: the least of their
 * sx_types Lagrangian bounds into *low (base: the bound less sharing) */
static void sx_types_rec(const sx *x, int k, int *mix, int a, int b, double share, double base,
			 double *low)
{
	int C = x->C;
	if (b == C) {
		a++;
		b = a + 1;
	}
	if (a >= C - 1) {
		double keep[SX_MAXC][3];
		double v = sx_lagrange(x, k, sx_types, mix, (const double(*)[3])x->tf[k + 1],
				       SX_TYPES_IT, *low - x->p->w_share * share, keep);
		v = fmax(v, base) + x->p->w_share * share;
		*low = fmin(*low, v);
		return;
	}
	for (int m = 0; m <= x->S; m++) {
		double s = share + m * sx_pc(x, a, b);
		if (base + x->p->w_share * s >= *low)
			break;
		mix[a * C + b] = m;
		sx_types_rec(x, k, mix, a, b + 1, s, base, low);
	}
	mix[a * C + b] = 0;
}

/* sx_types_bound - the least over the counts of shared stands of the
 * Lagrangian bound by whole stands (sx_types), given that the transport's
 * bound without sharing is base: cluster and the categories' fair term
 * plus the free stands' sharing, at most cap (the bound is only needed
 * below it) */
static double sx_types_bound(const sx *x, int k, double base, double cap)
{
	int mix[SX_MAXC * SX_MAXC] = { 0 };
	double low = cap;
	sx_types_rec(x, k, mix, 0, 1, 0, base, &low);
	return low;
}
