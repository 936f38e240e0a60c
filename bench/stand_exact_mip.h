/*
 * stand_exact_mip.h - part of the bench's exact solver (stand_exact.h,
 * which includes it; not used alone): the whole-stand model of a box of
 * the centroids as an integer programme solved by GLPK (sx_mip), exact on a
 * box where every centroid is one point of its lattice. docs/stand.md,
 * "Boxes of the centroids".
 */

#include <glpk.h>

/* sx_mip_row - a row of sx_mip: sum of v[j] col[j] within [lo, hi] (lo =
 * -INFINITY, hi = INFINITY: no bound that side) */
#define SX_MIP_COLS (SX_MAXS * (SX_SINKS + SX_MAXU + SX_MAXC * SX_MAXT) + 2 * SX_MAXC + 4)
static void sx_mip_row(glp_prob *lp, int len, const int *col, const double *v, double lo, double hi)
{
	int r = glp_add_rows(lp, 1), ind[SX_MIP_COLS + 1];
	double val[SX_MIP_COLS + 1];
	memcpy(ind + 1, col, (size_t)len * sizeof *col); /* GLPK counts from 1 */
	memcpy(val + 1, v, (size_t)len * sizeof *v);
	glp_set_mat_row(lp, r, len, ind, val);
	int type = lo == -INFINITY   ? (hi == INFINITY ? GLP_FR : GLP_UP)
		   : hi == INFINITY  ? GLP_LO
		   : hi - lo < 1e-12 ? GLP_FX
				     : GLP_DB;
	glp_set_row_bnds(lp, r, type, lo == -INFINITY ? 0 : lo, hi == INFINITY ? 0 : hi);
}

/* sx_mip - at depth 0 in a box: the whole-stand model of sx_types as an
 * integer programme (GLPK), with what the Lagrangian bounds only price:
 * each category's centroid within its range (sx_centre: one point of the
 * lattice in a small box), its fair term exactly at whole footfall sums
 * (above the chords between them), competitors apart, the needs of its
 * singles (for every mask of needs, as many of its places offering it as
 * singles needing it), and the counts of shared stands free. With kinds,
 * also the singles by kind (stage 2's) on each stand, their needs met, and
 * the first-time and outside terms at their chords; without, the caller
 * adds those terms' bound. Gives a lower bound of cluster + the fair terms
 * (the categories', and with kinds the groups') + the sharing of the free
 * stands: the optimum (*exact set when it is below cap), or cap when
 * nothing is below cap, or when the time (ms) runs out, the bound of the
 * linear relaxation. With kinds, on a box where every centroid is one
 * point of its lattice, every term and rule of the score is in the model:
 * its optimum is the least score in the box. */
static double sx_mip(const sx *x, double cap, int ms, int kinds, int *exact)
{
	const stand_problem *p = x->p;
	int S = x->S, C = x->C, nt = 0, ty[SX_SINKS][2]; /* categories, or C + unit */
	double cc[SX_MAXS][SX_MAXC], fixed, lin[SX_MAXC][3] = { { 0 } }, m[SX_MAXC][2],
					    h[SX_MAXC][2];
	if (!sx_costs(x, 0, (const double(*)[3])lin, cc, &fixed))
		return INFINITY;
	for (int c = 0; c < C; c++)
		if (x->nc[c] && !sx_centre(x, 0, c, m[c], h[c]))
			return INFINITY;
	for (int a = 0; a < C; a++)
		for (int b = a; b < C; b++)
			if (x->nc[a] && x->nc[b]) {
				ty[nt][0] = a;
				ty[nt++][1] = b;
			}
	for (int u = 0; u < x->nu; u++)
		if (x->u[u].e[1] >= 0 && x->u[u].stand < 0) {
			ty[nt][0] = ty[nt][1] = C + u;
			nt++;
		}
	/* columns: y (stand i, type t) binary; then F_c and z_c */
	int ny = 0, ci[SX_MAXS * SX_SINKS], ct[SX_MAXS * SX_SINKS], cat[SX_MAXS * SX_SINKS][2];
	double cost[SX_MAXS * SX_SINKS];
	for (int i = 0; i < S; i++)
		for (int t = 0; t < nt; t++) {
			int a = ty[t][0], b = ty[t][1], s = x->order[i];
			if (a >= C && !sx_unit_fits(x, a - C, s))
				continue;
			ci[ny] = i;
			ct[ny] = t;
			cat[ny][0] = a < C ? a : p->who[x->u[a - C].e[0]].category;
			cat[ny][1] = a < C ? b : p->who[x->u[a - C].e[1]].category;
			cost[ny] = cc[i][cat[ny][0]] + cc[i][cat[ny][1]] +
				   (a < C ? p->w_share * sx_pc(x, a, b) : 0);
			ny++;
		}
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_cols(lp, ny + 2 * C);
	for (int j = 0; j < ny; j++) {
		glp_set_col_kind(lp, j + 1, GLP_BV);
		glp_set_obj_coef(lp, j + 1, cost[j]);
	}
	int colF = ny + 1, colZ = ny + C + 1;
	for (int c = 0; c < C; c++) {
		glp_set_col_bnds(lp, colF + c, GLP_FR, 0, 0);
		glp_set_col_bnds(lp, colZ + c, GLP_LO, 0, 0);
		glp_set_obj_coef(lp, colZ + c, 1);
	}
	int col[SX_MIP_COLS];
	double v[SX_MIP_COLS];
	int len;
	for (int i = 0; i < S; i++) { /* one content per stand */
		len = 0;
		for (int j = 0; j < ny; j++)
			if (ci[j] == i) {
				col[len] = j + 1;
				v[len++] = 1;
			}
		sx_mip_row(lp, len, col, v, 1, 1);
	}
	for (int t = 0; t < nt; t++) { /* every pair once */
		if (ty[t][0] < C)
			continue;
		len = 0;
		for (int j = 0; j < ny; j++)
			if (ct[j] == t) {
				col[len] = j + 1;
				v[len++] = 1;
			}
		sx_mip_row(lp, len, col, v, 1, 1);
	}
	for (int c = 0; c < C; c++) {
		if (!x->nc[c])
			continue;
		int left = sx_left(x, c);
		/* the singles' count, then the needs of the singles */
		for (int msk = 0; msk < 8; msk++) {
			if (msk && !x->needcnt[c][msk])
				continue;
			len = 0;
			for (int j = 0; j < ny; j++) {
				int s = x->order[ci[j]],
				    k = ty[ct[j]][0] < C ? (cat[j][0] == c) + (cat[j][1] == c) : 0;
				if (k && (p->sites[s].offers & (unsigned)msk) == (unsigned)msk) {
					col[len] = j + 1;
					v[len++] = k;
				}
			}
			sx_mip_row(lp, len, col, v, msk ? x->needcnt[c][msk] : left,
				   msk ? INFINITY : left);
		}
		/* the centroid's range; F_c */
		for (int d = 0; d < 3; d++) {
			len = 0;
			for (int j = 0; j < ny; j++) {
				int s = x->order[ci[j]], k = (cat[j][0] == c) + (cat[j][1] == c);
				if (k) {
					col[len] = j + 1;
					v[len++] = k * (d == 0	 ? x->px[s]
							: d == 1 ? x->py[s]
								 : x->ff[s]);
				}
			}
			double n = x->nc[c];
			if (d < 2) {
				double done = d ? x->ay[c] : x->ax[c];
				/* widened by 0.1 mm: GLPK's tolerances lose a range
				 * narrower than about 1e-6 (8 exhibitors, seed 523: a box
				 * holding the optimum found empty) */
				sx_mip_row(lp, len, col, v, n * (m[c][d] - h[c][d]) - done - 1e-4,
					   n * (m[c][d] + h[c][d]) - done + 1e-4);
			} else {
				col[len] = colF + c;
				v[len++] = -1;
				sx_mip_row(lp, len, col, v, -x->af[c], -x->af[c]);
			}
		}
		/* z_c above the chords of the fair term between whole sums */
		double n = x->nc[c], lo = x->af[c], hi = x->af[c] + n * x->fmax;
		for (double F = floor(lo); F < hi; F++) {
			double g0 = p->w_fair * (F - n * x->M) * (F - n * x->M) / n,
			       g1 = p->w_fair * (F + 1 - n * x->M) * (F + 1 - n * x->M) / n;
			col[0] = colZ + c;
			v[0] = 1;
			col[1] = colF + c;
			v[1] = -(g1 - g0);
			sx_mip_row(lp, 2, col, v, g0 - (g1 - g0) * F, INFINITY);
		}
	}
	/* competitors apart: z (u, i) binary, the single kept apart u on the
	 * stand order[i] (one of its category's places there, its needs met);
	 * then for two competitors, one on stand i keeps the other off i and
	 * its neighbours */
	int zc[SX_MAXU][SX_MAXS];
	for (int u = 0; u < x->nu; u++)
		for (int i = 0; i < S; i++) {
			zc[u][i] = 0;
			int e = x->u[u].e[0], s = x->order[i];
			if (x->u[u].e[1] >= 0 ||
			    (p->sites[s].offers & p->who[e].needs) != p->who[e].needs)
				continue;
			zc[u][i] = glp_add_cols(lp, 1);
			glp_set_col_kind(lp, zc[u][i], GLP_BV);
		}
	for (int u = 0; u < x->nu; u++) {
		if (x->u[u].e[1] >= 0)
			continue;
		len = 0;
		for (int i = 0; i < S; i++)
			if (zc[u][i]) {
				col[len] = zc[u][i];
				v[len++] = 1;
			}
		sx_mip_row(lp, len, col, v, 1, 1);
	}
	for (int i = 0; i < S; i++)
		for (int c = 0; c < C; c++) {
			len = 0;
			for (int u = 0; u < x->nu; u++)
				if (x->u[u].e[1] < 0 && zc[u][i] &&
				    p->who[x->u[u].e[0]].category == c) {
					col[len] = zc[u][i];
					v[len++] = 1;
				}
			if (!len)
				continue;
			for (int j = 0; j < ny; j++)
				if (ci[j] == i && ty[ct[j]][0] < C &&
				    (cat[j][0] == c || cat[j][1] == c)) {
					col[len] = j + 1;
					v[len++] = -((cat[j][0] == c) + (cat[j][1] == c));
				}
			sx_mip_row(lp, len, col, v, -INFINITY, 0);
		}
	for (size_t a = 0; a < p->napart; a++)
		for (int i = 0; i < S; i++) {
			if (x->unit_of[p->apart[2 * a]] == x->unit_of[p->apart[2 * a + 1]])
				break; /* one pair: left out (a relaxation) */
			len = 0;
			for (int side = 0; side < 2; side++) {
				int e = p->apart[2 * a + side], u = x->unit_of[e];
				for (int i2 = 0; i2 < S; i2++) {
					if (side == 0 ? i2 != i
						      : i2 != i && !stand_neighbours(
									   &p->sites[x->order[i]],
									   &p->sites[x->order[i2]]))
						continue;
					if (x->u[u].e[1] < 0) {
						if (zc[u][i2]) {
							col[len] = zc[u][i2];
							v[len++] = 1;
						}
						continue;
					}
					for (int j = 0; j < ny; j++)
						if (ci[j] == i2 && ty[ct[j]][0] == C + u) {
							col[len] = j + 1;
							v[len++] = 1;
						}
				}
			}
			sx_mip_row(lp, len, col, v, -INFINITY, 1);
		}
	/* the singles by kind (needs, first-time, outside: stage 2's), w (c, t,
	 * i) of c's kind t on the stand order[i], which meets their needs: with
	 * c's competitors apart there, c's singles' places on it; then the
	 * first-time and outside terms above their chords at whole sums */
	int fo = glp_add_cols(lp, 4); /* F1, O1, and their terms */
	for (int g = 0; g < 2; g++) {
		glp_set_col_bnds(lp, fo + g, GLP_FR, 0, 0);
		glp_set_col_bnds(lp, fo + 2 + g, GLP_LO, 0, 0);
		glp_set_obj_coef(lp, fo + 2 + g, 1);
	}
	if (kinds) {
		int grow[2][SX_MIP_COLS], glen[2] = { 0, 0 };
		double gv[2][SX_MIP_COLS];
		for (int c = 0; c < C; c++) {
			int wc[SX_MAXT][SX_MAXS];
			for (int t = 0; t < x->nkind[c]; t++) {
				const sx_kind *kd = &x->kind[c][t];
				len = 0;
				for (int i = 0; i < S; i++) {
					int st = x->order[i];
					wc[t][i] = 0;
					if ((p->sites[st].offers & kd->needs) != kd->needs)
						continue;
					wc[t][i] = glp_add_cols(lp, 1);
					glp_set_col_kind(lp, wc[t][i], GLP_IV);
					glp_set_col_bnds(lp, wc[t][i], GLP_DB, 0,
							 kd->count < 2 ? kd->count : 2);
					col[len] = wc[t][i];
					v[len++] = 1;
					for (int g = 0; g < 2; g++)
						if (g ? kd->out : kd->ft) {
							grow[g][glen[g]] = wc[t][i];
							gv[g][glen[g]++] = x->ff[st];
						}
				}
				sx_mip_row(lp, len, col, v, kd->count, kd->count);
			}
			for (int i = 0; i < S; i++) {
				len = 0;
				for (int t = 0; t < x->nkind[c]; t++)
					if (wc[t][i]) {
						col[len] = wc[t][i];
						v[len++] = 1;
					}
				for (int u = 0; u < x->nu; u++)
					if (x->u[u].e[1] < 0 && zc[u][i] &&
					    p->who[x->u[u].e[0]].category == c) {
						col[len] = zc[u][i];
						v[len++] = 1;
					}
				for (int j = 0; j < ny; j++)
					if (ci[j] == i && ty[ct[j]][0] < C &&
					    (cat[j][0] == c || cat[j][1] == c)) {
						col[len] = j + 1;
						v[len++] = -((cat[j][0] == c) + (cat[j][1] == c));
					}
				sx_mip_row(lp, len, col, v, 0, 0);
			}
		}
		for (int u = 0; u < x->nu; u++) /* units: pairs (y) and singles apart (z) */
			for (int g = 0; g < 2; g++) {
				int cnt = 0; /* the unit's members first-time (outside) */
				for (int m2 = 0; m2 < 2; m2++) {
					int e = x->u[u].e[m2];
					cnt += e >= 0 &&
					       (g ? p->who[e].outside : p->who[e].first_time);
				}
				for (int i = 0; i < S && cnt; i++) {
					int st = x->order[i];
					if (x->u[u].e[1] < 0 && zc[u][i]) {
						grow[g][glen[g]] = zc[u][i];
						gv[g][glen[g]++] = cnt * x->ff[st];
					}
					for (int j = 0; j < ny && x->u[u].e[1] >= 0; j++)
						if (ci[j] == i && ty[ct[j]][0] == C + u) {
							grow[g][glen[g]] = j + 1;
							gv[g][glen[g]++] = cnt * x->ff[st];
						}
				}
			}
		for (int g = 0; g < 2; g++) {
			double n1 = g ? x->n_out : x->n_ft;
			grow[g][glen[g]] = fo + g;
			gv[g][glen[g]++] = -1;
			sx_mip_row(lp, glen[g], grow[g], gv[g], 0, 0);
			if (n1 < 1 || n1 >= x->n)
				continue;
			for (double F = 0; F < x->T; F++) {
				double g0 = p->w_fair * sx_fam(x, n1, F),
				       g1 = p->w_fair * sx_fam(x, n1, F + 1);
				col[0] = fo + 2 + g;
				v[0] = 1;
				col[1] = fo + g;
				v[1] = -(g1 - g0);
				sx_mip_row(lp, 2, col, v, g0 - (g1 - g0) * F, INFINITY);
			}
		}
	}
	/* the cutoff: only what lies below cap matters */
	for (int j = 0; j < ny; j++) {
		col[j] = j + 1;
		v[j] = cost[j];
	}
	for (int c = 0; c < C; c++) {
		col[ny + c] = colZ + c;
		v[ny + c] = 1;
	}
	col[ny + C] = fo + 2;
	col[ny + C + 1] = fo + 3;
	v[ny + C] = v[ny + C + 1] = 1;
	sx_mip_row(lp, ny + C + 2, col, v, -INFINITY, cap - fixed);
	double res = -INFINITY; /* no answer: no bound */
	*exact = 0;
	glp_smcp sp;
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	int lrc = glp_simplex(lp, &sp), lst = glp_get_status(lp);
	if (lrc == 0 && lst == GLP_NOFEAS)
		res = cap; /* nothing below cap */
	if (lrc == 0 && lst == GLP_OPT) {
		double relax = fixed + glp_get_obj_val(lp);
		glp_iocp ip;
		glp_init_iocp(&ip);
		ip.msg_lev = GLP_MSG_OFF;
		ip.tm_lim = ms;
		int rc = glp_intopt(lp, &ip), st = glp_mip_status(lp);
		if (rc == 0 && st == GLP_OPT) {
			res = fmin(cap, fixed + glp_mip_obj_val(lp));
			*exact = res < cap;
		} else if (rc == 0 && st == GLP_NOFEAS)
			res = cap;
		else /* the time ran out */
			res = fmin(cap, relax);
	}
	glp_delete_prob(lp);
	return res;
}
