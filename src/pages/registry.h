/*
 * registry.h - page handlers of issue 4: cooperatives registry, applications, selection.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_REGISTRY_H
#define CF_PAGES_REGISTRY_H
#include "pages.h"

#endif
