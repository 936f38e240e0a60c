/* prize_estimate.c - see prize_estimate.h. */
#include "prize_estimate.h"
#include "../util/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HUBER_C 2.0
#define NU0 16.0

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* median_noise - the median of the jurors' own noise variances (jurors with
 * scores); pooled when fewer than three jurors have scores. */
static double median_noise(int m, const double *jr, const double *jw, double keep, double pooled)
{
	double *v = xmalloc(sizeof(double) * (size_t)(m ? m : 1));
	int n = 0;
	for (int j = 0; j < m; j++)
		if (jw[j] > 0)
			v[n++] = jr[j] / (keep * jw[j]);
	double r = pooled;
	if (n >= 3) {
		qsort(v, (size_t)n, sizeof *v, cmp_double);
		r = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
		r += 1e-6;
	}
	free(v);
	return r;
}

void prize_plain_mean(int n, const prize_obs *obs, size_t nobs, double *mean)
{
	int *cnt = xcalloc((size_t)n, sizeof(int));
	memset(mean, 0, sizeof(double) * (size_t)n);
	for (size_t o = 0; o < nobs; o++)
		mean[obs[o].entry] += obs[o].y, cnt[obs[o].entry]++;
	for (int i = 0; i < n; i++)
		mean[i] = cnt[i] ? mean[i] / cnt[i] : 0;
	free(cnt);
}

void prize_estimate(int n, int m, const prize_obs *obs, size_t nobs, const prize_est_opts *opts,
		    double *q, double *b, double *s, prize_fit *fit)
{
	prize_estimate_noise(n, m, obs, nobs, opts, q, b, s, NULL, fit);
}

void prize_estimate_noise(int n, int m, const prize_obs *obs, size_t nobs,
			  const prize_est_opts *opts, double *q, double *b, double *s,
			  double *noise, prize_fit *fit)
{
	prize_est_opts o = { 1, 1, 0.3, 200, 1, NU0 };
	if (opts) {
		o = *opts;
		if (o.tau_s <= 0)
			o.tau_s = 0.3;
		if (o.max_iter <= 0)
			o.max_iter = 200;
		if (o.nu0 <= 0)
			o.nu0 = NU0;
	}
	double *w = xmalloc(sizeof(double) * (nobs ? nobs : 1));
	double *vb = xcalloc((size_t)m, sizeof(double));
	double *v2 = xcalloc((size_t)m + 1, sizeof(double)); /* sigma_j^2 */
	double *jr = xcalloc((size_t)m + 1, sizeof(double)),
	       *jw = xcalloc((size_t)m + 1, sizeof(double));
	int *per_entry = xcalloc((size_t)n, sizeof(int)),
	    *per_juror = xcalloc((size_t)m, sizeof(int));
	memset(fit, 0, sizeof *fit);
	for (size_t k = 0; k < nobs; k++) {
		w[k] = 1;
		per_entry[obs[k].entry]++;
		per_juror[obs[k].juror]++;
	}
	for (int j = 0; j < m; j++)
		b[j] = 0, s[j] = 1;
	double mu = 0;
	for (size_t k = 0; k < nobs; k++)
		mu += obs[k].y;
	mu = nobs ? mu / (double)nobs : 0;
	prize_plain_mean(n, obs, nobs, q);
	for (int i = 0; i < n; i++)
		q[i] = per_entry[i] ? q[i] - mu : 0;
	/* Can jurors be told apart at all? Only when some entry has two. */
	int separable = 0;
	for (int i = 0; i < n; i++)
		separable |= per_entry[i] >= 2;
	double sigma2 = 0;
	for (size_t k = 0; k < nobs; k++) {
		double r = obs[k].y - mu - q[obs[k].entry];
		sigma2 += r * r;
	}
	sigma2 = nobs ? sigma2 / (double)nobs + 1e-6 : 1;
	double tau_b2 = sigma2, tau_s2 = o.tau_s * o.tau_s;
	for (int j = 0; j < m; j++)
		v2[j] = sigma2;
	double *num = xcalloc((size_t)n, sizeof(double)), *den = xcalloc((size_t)n, sizeof(double));
	double(*J)[5] = xcalloc((size_t)m, sizeof *J); /* sw, swx, swxx, swr, swrx */
	int it = 0;
	for (; separable && it < o.max_iter; it++) {
		/* Jurors given q: ridge regression of (y - mu) on q. */
		memset(J, 0, sizeof(*J) * (size_t)m);
		for (size_t k = 0; k < nobs; k++) {
			double x = q[obs[k].entry], r = obs[k].y - mu, ww = w[k];
			double *a = J[obs[k].juror];
			a[0] += ww, a[1] += ww * x, a[2] += ww * x * x, a[3] += ww * r,
				a[4] += ww * r * x;
		}
		double logsum = 0, bsum = 0, ts = 0;
		int active = 0;
		for (int j = 0; j < m; j++) {
			double *a = J[j];
			/* the prior counts against this juror's own noise */
			double lb = v2[j] / tau_b2, ls = v2[j] / tau_s2;
			if (a[0] <= 0) {
				b[j] = 0, s[j] = 1, vb[j] = tau_b2;
				continue;
			}
			if (o.scale) {
				double a11 = a[0] + lb, a12 = a[1], a22 = a[2] + ls;
				double det = a11 * a22 - a12 * a12;
				b[j] = (a22 * a[3] - a12 * (a[4] + ls)) / det;
				s[j] = (a11 * (a[4] + ls) - a12 * a[3]) / det;
				if (s[j] < 0.1)
					s[j] = 0.1;
				vb[j] = v2[j] * a22 / det;
				ts += (s[j] - 1) * (s[j] - 1) + v2[j] * a11 / det;
			} else {
				b[j] = (a[3] - a[1]) / (a[0] + lb);
				s[j] = 1;
				vb[j] = v2[j] / (a[0] + lb);
			}
			logsum += log(s[j]);
			bsum += b[j];
			active++;
		}
		/* Identify: geometric mean of s is 1 (q takes the factor), mean b
		 * is 0 (mu takes it). */
		double g = active ? exp(logsum / active) : 1, bbar = active ? bsum / active : 0;
		double tb = 0;
		for (int j = 0; j < m; j++) {
			s[j] /= g;
			if (J[j][0] > 0) {
				b[j] -= bbar;
				tb += b[j] * b[j] + vb[j];
			}
		}
		mu += bbar;
		for (int i = 0; i < n; i++)
			q[i] *= g;
		/* Empirical Bayes (EM) updates of the spreads of offsets and
		 * scales; the scales' spread stays within [0.02, tau_s]. */
		tau_b2 = active ? tb / active : tau_b2;
		if (o.scale && active) {
			tau_s2 = ts / active;
			if (tau_s2 > o.tau_s * o.tau_s)
				tau_s2 = o.tau_s * o.tau_s;
			if (tau_s2 < 0.0004)
				tau_s2 = 0.0004;
		}
		if (tau_b2 < 1e-6 * sigma2 + 1e-9)
			tau_b2 = 1e-6 * sigma2 + 1e-9;
		/* Entries given the jurors: weighted least squares. */
		memset(num, 0, sizeof(double) * (size_t)n);
		memset(den, 0, sizeof(double) * (size_t)n);
		for (size_t k = 0; k < nobs; k++) {
			int j = obs[k].juror, i = obs[k].entry;
			num[i] += w[k] * s[j] * (obs[k].y - mu - b[j]) / v2[j];
			den[i] += w[k] * s[j] * s[j] / v2[j];
		}
		double change = 0, qsum = 0;
		int scored = 0;
		for (int i = 0; i < n; i++) {
			double nq = den[i] > 0 ? num[i] / den[i] : 0;
			if (fabs(nq - q[i]) > change)
				change = fabs(nq - q[i]);
			q[i] = nq;
			if (den[i] > 0)
				qsum += nq, scored++;
		}
		double qbar = scored ? qsum / scored : 0;
		for (int i = 0; i < n; i++)
			if (den[i] > 0)
				q[i] -= qbar;
		/* Noise and robust weights from the residuals: pooled, then per
		 * juror shrunk toward the pooled value (nu0 pseudo-scores). */
		double rss = 0, sw = 0;
		memset(jr, 0, sizeof(double) * (size_t)m);
		memset(jw, 0, sizeof(double) * (size_t)m);
		for (size_t k = 0; k < nobs; k++) {
			int j = obs[k].juror, i = obs[k].entry;
			double r = obs[k].y - mu - b[j] - s[j] * q[i];
			rss += w[k] * r * r, sw += w[k];
			jr[j] += w[k] * r * r, jw[j] += w[k];
		}
		double dof = sw - n - (o.scale ? 2.0 : 1.0) * m;
		if (dof < sw / 4)
			dof = sw / 4;
		sigma2 = rss / dof + 1e-6;
		double keep = sw > 0 ? dof / sw : 1; /* share of a score left for noise */
		/* the prior: the median juror's noise, which one wild juror does
		 * not inflate (the pooled sigma2 when there are few jurors) */
		double prior = o.per_juror ? median_noise(m, jr, jw, keep, sigma2) : sigma2;
		for (int j = 0; j < m; j++)
			v2[j] = o.per_juror
					? (o.nu0 * prior + jr[j]) / (o.nu0 + keep * jw[j]) + 1e-6
					: sigma2;
		if (o.robust) {
			for (size_t k = 0; k < nobs; k++) {
				int j = obs[k].juror, i = obs[k].entry;
				double c = HUBER_C * sqrt(o.per_juror ? v2[j] : sigma2);
				double r = fabs(obs[k].y - mu - b[j] - s[j] * q[i]);
				w[k] = r <= c ? 1 : c / r;
			}
		}
		if (change < 1e-7 && it > 5)
			break;
	}
	fit->mu = mu;
	fit->sigma = sqrt(sigma2);
	fit->tau_b = sqrt(tau_b2);
	fit->iterations = it;
	if (noise)
		for (int j = 0; j < m; j++)
			noise[j] = sqrt(separable ? v2[j] : sigma2);
	free(v2), free(jr), free(jw);
	free(w), free(vb), free(per_entry), free(per_juror), free(num), free(den), free(J);
}
