/*
 * prize.h - page handlers of issue 5: the creativity prize.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_PRIZE_H
#define CF_PAGES_PRIZE_H
#include "pages.h"

#endif
