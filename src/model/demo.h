/*
 * demo.h - the demo fair: the 1st Creative Cooperatives Fair of Fès-Meknès
 * (Fès, 20-24 February 2024), with the facts of its public announcement
 * reproduced exactly, and sample exhibitors (the announcement names none)
 * generated deterministically: every run builds the same database.
 * Sample rows carry is_sample = 1 and pages say so.
 */
#ifndef CF_DEMO_H
#define CF_DEMO_H
#include "../db/db.h"

/* demo_create - add the demo edition, its sample exhibitors and one sample
 * account per role (see DEMO_ACCOUNTS in demo.c and README.md), in one
 * transaction on d, which must be this thread's connection (db_thread()).
 * CF_ERR_CONFLICT when the demo edition is already there. */
cf_err demo_create(db *d) CF_MUST_USE;

/* Each feature adds its own sample data to the demo edition (inside the
 * same transaction): demo_registry.c (applications, selection) and
 * demo_prize.c (jury, criteria, scores). */
cf_err demo_registry(db *d, int64_t edition_id) CF_MUST_USE;
cf_err demo_prize(db *d, int64_t edition_id) CF_MUST_USE;
/* demo_stand.c: the floor plan, placed by the allocator */
cf_err demo_stand(db *d, int64_t edition_id) CF_MUST_USE;
/* demo_gate.c: badges, gates, sample check-ins (issue 14). */
cf_err demo_gate(db *d, int64_t edition_id) CF_MUST_USE;
/* demo_catalog.c: catalogue profiles with sample photos (issue 18). */
cf_err demo_catalog(db *d, int64_t edition_id) CF_MUST_USE;

#define DEMO_SLUG "fes-meknes-2024"
#define DEMO_EXHIBITORS 80
#define DEMO_STANDS 40
#define DEMO_OUTSIDE 5

#endif
