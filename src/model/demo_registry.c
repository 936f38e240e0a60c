/* demo_registry.c - sample applications and selection for the demo edition
 * (issue 4). Nothing yet: the demo's exhibitors are inserted directly. */
#include "demo.h"

cf_err demo_registry(db *d, int64_t edition_id)
{
	(void)d, (void)edition_id;
	return CF_OK;
}
