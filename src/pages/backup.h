/*
 * backup.h - what the pages show of backups (issue 20): the notice of a
 * failed scheduled backup, for the committee's dashboard.
 */
#ifndef CF_PAGES_BACKUP_H
#define CF_PAGES_BACKUP_H
#include "../http/request.h"

/* backup_notice - when the last scheduled backup failed, one alert
 * paragraph (id "backup-failed") saying when, why, and where backups go;
 * nothing otherwise. */
void backup_notice(request *r);

#endif
