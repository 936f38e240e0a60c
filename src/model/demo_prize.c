/* demo_prize.c - sample jury, criteria, assignments and scores for the demo
 * edition (issue 5). Nothing yet. */
#include "demo.h"

cf_err demo_prize(db *d, int64_t edition_id)
{
	(void)d, (void)edition_id;
	return CF_OK;
}
