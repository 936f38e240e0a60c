/*
 * stand_exact_box.h - part of the bench's exact solver (stand_exact.h,
 * which includes it after stage 1; not used alone): the branch and bound
 * over boxes of the categories' centroids (sx_boxes), used at 40 exhibitors.
 */

/* ---- boxes: a branch and bound over where the categories' centroids lie ----
 * The cluster term is concave in the centroids (SSD_c = sum |p|^2 - n_c
 * |mu_c|^2), which the bounds above see badly. Every placement has its
 * centroids in some box of the root's ranges; within a box, sx_centre's
 * form bounds SSD_c by costs linear in the places, less n_c rho^2, tight
 * when the box is small. sx_boxes takes the boxes lowest bound first: a
 * small one is bounded by the integer programme (sx_mip), a smaller one it
 * leaves open is searched by stage 1 with the box (sx_search, sx_centre
 * cuts every node whose centroids cannot end in the box) for at most
 * SX_BOX_NODES nodes; a box not settled is cut in two across its widest
 * side (by n_c times the squared half-width, on the lattice of sx_snap) and
 * each half bounded again. The least bound of the boxes left when the time
 * runs out is a lower bound of every placement. */

typedef struct sx_box {
	double b[SX_MAXC][4];
	double lb;
	long budget; /* the inner search's nodes (0: SX_BOX_NODES) */
	int mip;     /* sx_mip has bounded it: 1 without kinds, 2 with */
} sx_box;

static sx_box *sx_push(sx_box *q, size_t *nq, size_t *have, const sx_box *b)
{
	if (*nq == *have) {
		*have *= 2;
		q = xrealloc(q, *have * sizeof *q);
	}
	q[(*nq)++] = *b;
	return q;
}

static double sx_box_bound(sx *x, const sx_box *b)
{
	memcpy(x->box, b->b, sizeof x->box);
	x->boxed = 1;
	return sx_bound(x, 0);
}

static void sx_boxes(sx *x)
{
	size_t have = 256, nq = 0;
	sx_box *q = xcalloc(have, sizeof *q), cur;
	memset(&cur, 0, sizeof cur);
	for (int c = 0; c < x->C; c++) {
		int r = x->nc[c], m = 2 * x->S;
		if (!r)
			continue;
		cur.b[c][0] = x->xs[0][r] / r;
		cur.b[c][1] = (x->xs[0][m] - x->xs[0][m - r]) / r;
		cur.b[c][2] = x->ys[0][r] / r;
		cur.b[c][3] = (x->ys[0][m] - x->ys[0][m - r]) / r;
	}
	cur.lb = sx_box_bound(x, &cur);
	q = sx_push(q, &nq, &have, &cur);
	while (nq) {
		size_t bi = 0;
		for (size_t i = 1; i < nq; i++)
			if (q[i].lb < q[bi].lb)
				bi = i;
		cur = q[bi];
		q[bi] = q[--nq];
		if (cur.lb >= x->best)
			continue;
		if (sx_cpu() - x->t0 > x->limit) {
			q = sx_push(q, &nq, &have, &cur);
			x->stopped = 1;
			break;
		}
		/* what the box's size costs the bound: its centroids' ranges
		 * narrowed to the lattice (sx_centre) */
		double err = 0, hc[SX_MAXC][2], mc[SX_MAXC][2];
		memcpy(x->box, cur.b, sizeof x->box);
		x->boxed = 1;
		for (int c = 0; c < x->C; c++) {
			hc[c][0] = hc[c][1] = 0;
			if (x->nc[c] && !sx_centre(x, 0, c, mc[c], hc[c]))
				break; /* empty: its bound was infinite */
			err += x->p->w_cluster / 100 * x->nc[c] *
			       (hc[c][0] * hc[c][0] + hc[c][1] * hc[c][1]);
		}
		/* small: the integer programme without the singles' kinds, once;
		 * tiny: with them (at the root nothing is placed: the sharing so
		 * far is the pairs'). On one point of the lattice for every
		 * centroid, the latter is exact: the box's least score. */
		int point = err <= 1e-12, exact;
		int ms = (int)fmin(SX_MIP_MS, 1000 * (x->limit - (sx_cpu() - x->t0)));
		if (err <= SX_MIP_SMALL * x->best && cur.mip < 1 && ms > 0) {
			double rest = x->p->w_share * x->pair_share_left +
				      x->p->w_fair * sx_groups_lb(x, 0);
			double v = sx_mip(x, x->best - rest, ms, 0, &exact) + rest;
			cur.mip = 1;
			if (v >= x->best)
				continue;
			cur.lb = fmax(cur.lb, v);
		}
		ms = (int)fmin(SX_MIP_MS, 1000 * (x->limit - (sx_cpu() - x->t0)));
		if ((point || err <= SX_MIP_FULL * x->best) && cur.mip < 2 && ms > 0) {
			double rest = x->p->w_share * x->pair_share_left;
			double v = sx_mip(x, x->best - rest, ms, 1, &exact) + rest;
			cur.mip = 2;
			if (v >= x->best)
				continue;
			if (point && exact) { /* a placement below the best */
				x->best = v;
				x->found = 1;
				continue;
			}
			cur.lb = fmax(cur.lb, v);
		}
		if (err <= SX_BOX_SMALL * x->best) {
			memcpy(x->box, cur.b, sizeof x->box);
			x->boxed = 1;
			x->stopped = x->capped = 0;
			x->open_lb = INFINITY;
			x->cap = x->nodes + (cur.budget ? cur.budget : SX_BOX_NODES);
			sx_search(x, 0);
			if (!x->stopped)
				continue; /* settled: nothing below the best in it, or found */
			/* what the search proved of the box: the open nodes' least bound */
			double inner = fmin(x->open_lb, x->best);
			cur.lb = fmax(cur.lb, inner);
			if (!x->capped) { /* the time ran out */
				q = sx_push(q, &nq, &have, &cur);
				break;
			}
			/* not settled: cut in two (below), down to one point of
			 * the lattice, where the full programme is exact */
		}
		int bc = -1, bd = 0;
		double bw = 0;
		for (int c = 0; c < x->C; c++)
			for (int d = 0; d < 2 && x->nc[c]; d++) {
				double h = hc[c][d];
				if (x->nc[c] * h * h > bw) {
					bw = x->nc[c] * h * h;
					bc = c;
					bd = d;
				}
			}
		if (bc < 0) { /* every centroid on one point: search it longer */
			cur.budget = 4 * (cur.budget ? cur.budget : SX_BOX_NODES);
			q = sx_push(q, &nq, &have, &cur);
			continue;
		}
		double mid = mc[bc][bd];
		for (int half = 0; half < 2; half++) {
			sx_box ch = cur;
			ch.mip = 0;
			ch.b[bc][2 * bd + !half] = mid;
			ch.lb = fmax(cur.lb, sx_box_bound(x, &ch));
			if (ch.lb < x->best)
				q = sx_push(q, &nq, &have, &ch);
		}
	}
	x->cap = 0;
	x->boxed = 0;
	x->open_lb = INFINITY;
	for (size_t i = 0; i < nq; i++)
		x->open_lb = fmin(x->open_lb, q[i].lb);
	if (!nq)
		x->stopped = 0;
	free(q);
}
