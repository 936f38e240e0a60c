/*
 * backup.c - the notice of a failed scheduled backup (backup.h). Rendered
 * by the dashboard (GET /admin) and by any page that calls it; reads only
 * the server's in-memory backup state (model/backup.h), never the disk.
 */
#include "backup.h"
#include "../html/html.h"
#include "../model/backup.h"
#include "pages.h"
#include "../util/clock.h"

void backup_notice(request *r)
{
	backup_state bs;
	if (!backup_status(&bs))
		return;
	char at[21];
	lang l = r->lang;
	if (!bs.last_failed) { /* overdue: the backup in progress hangs */
		clock_iso(bs.last_ok ? bs.last_ok : bs.started, at);
		html_printf(
			&r->out,
			"<p class=\"error-box\" role=\"alert\" id=\"backup-failed\">%s</p>",
			arena_printf(r->a,
				     tr(l, "No backup has succeeded since %s: the backup to %s "
					   "does not finish. Check the disk, USB stick or network "
					   "share, then the server log."),
				     at, bs.dir));
		return;
	}
	clock_iso(bs.last_failed, at);
	html_printf(
		&r->out, "<p class=\"error-box\" role=\"alert\" id=\"backup-failed\">%s</p>",
		arena_printf(r->a,
			     tr(l, "The last backup, at %s, FAILED: %s. Backups go to %s; the next "
				   "try comes on schedule. Check the disk or USB stick, then the "
				   "server log."),
			     at, bs.why, bs.dir));
}
