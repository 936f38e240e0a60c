/* unit.h - what every cmocka unit test includes. */
#ifndef CF_UNIT_H
#define CF_UNIT_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#endif
