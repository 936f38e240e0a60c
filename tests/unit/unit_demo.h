/*
 * unit_demo.h - a unit test's own demo fair: a new folder (unit_tmpdir), a
 * database file in it migrated to the full schema with the demo's data
 * (demo_create), configured as the one db_thread() opens, as the server's
 * pages use it. Close with db_thread_close, remove with unit_rmtree.
 */
#ifndef CF_UNIT_DEMO_H
#define CF_UNIT_DEMO_H
#include "unit.h"

#include "../../src/db/db.h"
#include "../../src/model/demo.h"

/* unit_demo_open - dir[cap] gets the folder; file is the database's name in
 * it. 0 when the demo is ready, -1 otherwise. */
static inline int unit_demo_open(char *dir, size_t cap, const char *file)
{
	unit_tmpdir(dir, cap);
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	db *d;
	int applied;
	if (db_open(path, 1, &d))
		return -1;
	db_close(d);
	db_configure(path);
	d = db_thread();
	return db_migrate(d, &applied) || demo_create(d) ? -1 : 0;
}

#endif
