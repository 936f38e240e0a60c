# coopfair - build, run, test.  See README.md.
#   make run    install what is missing, build, create the demo database, serve
#   make check  the same set-up, then every test (ends with "N passed, N failed")
#   make bench  performance figures, as ratios against references run alongside
#   make fuzz   fuzz the parsers (clang libFuzzer), bounded in time
#   make install [PREFIX=/usr/local] [DESTDIR=]

PREFIX ?= /usr/local
BUILD ?= build
DB ?= coopfair.db
ADDR ?= 127.0.0.1
PORT ?= 8080
SAN ?=

PKGS = libmicrohttpd sqlite3 libpq libsodium pangocairo jansson xlsxwriter libjpeg libpng libzip expat libqrencode
CC ?= cc
WARN = -Wall -Wextra -Werror -Wshadow -Wvla -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
	$(shell pkg-config --cflags $(PKGS)) -DCF_SHAREDIR='"$(PREFIX)/share/coopfair"'
LIBS = $(shell pkg-config --libs $(PKGS)) -lglpk -lgettextpo -lpthread -lm
ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDSAN = -fsanitize=address,undefined
endif

SRC = $(sort $(wildcard src/*/*.c))
OBJ = $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
EMBED = $(sort $(wildcard static/*) $(wildcard db/migrations/*.sql) $(wildcard po/*/*.po))
UNIT = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages: to build and run; and to test (browser, load, locale tools).
DEPS_BUILD = build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev \
	libgettextpo-dev gettext sqlite3 libcairo2-dev libpango1.0-dev fonts-noto-core libjansson-dev \
	libxlsxwriter-dev libjpeg-dev libpng-dev tzdata libzip-dev libexpat1-dev libglpk-dev libqrencode-dev
DEPS_TEST = $(DEPS_BUILD) libcmocka-dev chromium nginx-light wrk curl nodejs npm \
	fonts-noto-core clang clang-format postgresql-15 postgresql-client-15 \
	poppler-utils coinor-cbc unzip

.PHONY: all run check bench bench-bin bench-catalog bench-prize bench-stand bench-impact fuzz install clean deps deps-test unit test-bin demo-db po-check print-libs
all: $(BUILD)/coopfair

$(BUILD)/%.o: %.c $(wildcard src/*/*.h src/*/*.inc) src/version.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror $< -o $@

$(BUILD)/embedded.c: $(BUILD)/tools/embed $(EMBED) Makefile
	$(BUILD)/tools/embed $@ $(foreach f,$(EMBED),$(f)=$(patsubst db/%,%,$(f)))

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c $< -o $@

$(BUILD)/libcoopfair.a: $(filter-out $(BUILD)/src/main.o,$(OBJ))
	rm -f $@ && ar rcs $@ $^

$(BUILD)/coopfair: $(BUILD)/src/main.o $(BUILD)/libcoopfair.a
	$(CC) $(LDSAN) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libcoopfair.a $(wildcard tests/unit/*.h) bench/stand_gen.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-unused-parameter $< -o $@ $(BUILD)/libcoopfair.a $(LDSAN) $(LIBS) -lcmocka

test-bin: $(BUILD)/coopfair $(UNIT_BIN)

# deps: install missing Debian packages (as root), or say exactly what to run.
deps:
	@tools/deps.sh $(DEPS_BUILD)
deps-test:
	@tools/deps.sh $(DEPS_TEST)

$(DB): | $(BUILD)/coopfair
	$(BUILD)/coopfair --db $(DB) init --demo --second-edition

demo-db: $(DB)

run: deps
	$(MAKE) all
	$(MAKE) demo-db
	$(BUILD)/coopfair --db $(DB) --addr $(ADDR) --port $(PORT) serve

check: deps-test
	tools/format.sh --check
	$(MAKE) test-bin
	$(MAKE) bench-bin
	$(MAKE) test-bin BUILD=build-asan SAN=1
	tests/run.sh

po-check:
	tools/po-check.sh

# bench/*.c: one benchmark program each, linked against the library (and
# rebuilt when a header of bench/ changes: stand_bench includes two).
BENCH_BIN = $(patsubst bench/%.c,$(BUILD)/bench/%,$(sort $(wildcard bench/*.c)))
$(BUILD)/bench/%: bench/%.c $(wildcard bench/*.h) $(BUILD)/libcoopfair.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(BUILD)/libcoopfair.a $(LIBS)

# bench: the prize simulator's table, the page table (coopfair cached and
# uncached beside nginx, bench/run.sh), the exhibitors list on SQLite, on
# PostgreSQL and on two servers behind nginx (bench/pg.sh), and the registry's
# figures (import of 65,000 rows, search p50/p95, selection on 2,000:
# bench/registry.sh), backups under load (time, longest request during
# one: bench/backup.mjs), and the gate (durable check-ins/s, p50/p99 through
# the JSON API, badge PDFs/s: bench/gate.mjs), the catalogue PDF of 300
# exhibitors against 300 badges drawn in the same run (bench/catalog_bench.c),
# and the impact report of a national fair (700 exhibitors, 10 days, 350,000
# visits) against its bare aggregate queries run by sqlite3 (bench/impact_bench.c).
# About 10 minutes (the stand bench's 40-exhibitor row alone up to 5: 30 s
# per instance not proved); BENCH_SECONDS, BENCH_ROUNDS and ROWS shorten it.
# bench-bin: the benchmark programs built, not run (make check builds them
# with the project's flags, so they cannot rot between benchmark runs).
bench-bin: $(BENCH_BIN)

bench: deps-test
	$(MAKE) all $(BENCH_BIN)
	$(BUILD)/bench/prize_sim
	bench/run.sh
	bench/pg.sh
	BIN=$(BUILD)/coopfair bench/registry.sh
	BIN=$(BUILD)/coopfair node bench/backup.mjs
	$(BUILD)/bench/stand_bench
	COOPFAIR_BIN=$(BUILD)/coopfair node bench/gate.mjs
	$(BUILD)/bench/catalog_bench
	$(BUILD)/bench/impact_bench

# bench-impact: the impact report alone (bench/impact_bench.c; QUICK=1: a tenth of the data).
bench-impact: all $(BUILD)/bench/impact_bench
	$(BUILD)/bench/impact_bench $(if $(QUICK),--quick)

# bench-stand: the stand allocator alone (bench/stand_bench.c; QUICK=1 for short settings).
bench-stand: all $(BUILD)/bench/stand_bench
	$(BUILD)/bench/stand_bench $(if $(QUICK),--quick)

# bench-catalog: the catalogue PDF of 300 exhibitors beside 300 badges
# (bench/catalog_bench.c; QUICK=1 for one run).
bench-catalog: all $(BUILD)/bench/catalog_bench
	$(BUILD)/bench/catalog_bench $(if $(QUICK),--quick)

# bench-prize: the prize simulator alone (needs only the build packages).
bench-prize: all $(BUILD)/bench/prize_sim
	$(BUILD)/bench/prize_sim

fuzz: deps-test
	tests/fuzz/run.sh

# print-libs: the link line's libraries, for tests/fuzz/run.sh (one source).
print-libs:
	@echo $(LIBS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/coopfair
	install -m 755 $(BUILD)/coopfair $(DESTDIR)$(PREFIX)/bin/coopfair
	cp -r po $(DESTDIR)$(PREFIX)/share/coopfair/

clean:
	rm -rf build build-asan build-fuzz
