/*
 * prize_estimate.h - from jurors' scores to entries' quality, correcting for
 * lenient or harsh jurors and for jurors who use a narrower or wider part of
 * the scale (pure computation: no database; bench/prize_sim.c calls it).
 *
 * Model: y_ij = mu + b_j + s_j * q_i + e_ij for each score y_ij (entry i,
 * juror j, already combined over the weighted criteria), with
 *   b_j ~ N(0, tau_b^2)   the juror's offset (leniency > 0, harshness < 0),
 *   log s_j ~ N(0, tau_s^2) the juror's use of the scale,
 *   e_ij ~ N(0, sigma_j^2) with Huber weights (a single wild score counts
 *   less); each juror's noise sigma_j^2 is estimated from their residuals
 *   and shrunk toward the pooled level (the median juror's, which one wild
 *   juror cannot inflate; a prior worth nu0 scores, so a juror with few
 *   scores is not trusted blindly); scores weigh 1/sigma_j^2.
 *   A much noisier juror, or one who games (top marks to a favourite,
 *   bottom marks to its rivals) leaves large residuals and counts less.
 * Fitted by alternating (penalised, reweighted) least squares: entries'
 * q given the jurors, then each juror's (b, s) given q by a 2x2 ridge
 * regression; tau_b^2 is re-estimated from the data (empirical Bayes, EM
 * step), so with no real offsets the method shrinks back to the plain mean.
 * Identified by mean(q) = 0 (weighted) and geometric mean(s) = 1.
 * With one juror per entry only, nothing can be separated: b = 0, s = 1.
 */
#ifndef CF_PRIZE_ESTIMATE_H
#define CF_PRIZE_ESTIMATE_H
#include <stddef.h>

typedef struct prize_obs {
	int entry, juror;
	double y;
} prize_obs;

typedef struct prize_est_opts {
	int scale;     /* estimate s_j (1) or keep s_j = 1 (0) */
	int robust;    /* Huber weights on residuals */
	double tau_s;  /* prior sd of log s_j (default 0.3) */
	int max_iter;  /* default 200 */
	int per_juror; /* estimate sigma_j per juror (1, the default) or one sigma (0) */
	double nu0;    /* prior weight of the pooled noise, in scores (default 8) */
} prize_est_opts;

typedef struct prize_fit {
	double mu, sigma, tau_b;
	int iterations;
} prize_fit;

/* prize_estimate - fill q[n] (entries' quality on the score scale, centred),
 * b[m] (offsets, in score points) and s[m] (scales). opts may be NULL for
 * the defaults. Entries with no score get q = 0. Allocates its own scratch
 * memory (freed before returning). */
void prize_estimate(int n, int m, const prize_obs *obs, size_t nobs, const prize_est_opts *opts,
		    double *q, double *b, double *s, prize_fit *fit);
/* prize_estimate_noise - the same, and noise[m] (may be NULL) gets each
 * juror's noise sigma_j in score points (the pooled sigma when not per
 * juror, or for a juror with no score). */
void prize_estimate_noise(int n, int m, const prize_obs *obs, size_t nobs,
			  const prize_est_opts *opts, double *q, double *b, double *s,
			  double *noise, prize_fit *fit);

/* prize_plain_mean - mean score per entry (0 where none), for comparison. */
void prize_plain_mean(int n, const prize_obs *obs, size_t nobs, double *mean);

#endif
