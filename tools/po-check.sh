#!/bin/sh
# po-check.sh - are the translations complete and valid?
#
#   1. extract every tr(lang, "...") msgid and every N_("...") label (strings
#      translated later, from a table) of src/ into build/coopfair.pot;
#   2. check every po/<lang>/*.po with `msgfmt -c --check-format`;
#   3. per language, merge po/<lang>/*.po (msgcat) and list each msgid of the
#      .pot that has no non-empty, non-fuzzy translation:
#          untranslated: LANG: "msgid"
#      English is the source language: po/en may leave msgstr empty, so en
#      is only checked for validity and never counted as untranslated;
#   4. a msgid translated differently in two files of one language is a
#      conflict (which one coopfair would load depends on directory order);
#   5. a translation whose printf directives differ from its msgid's (same
#      rule as src/i18n/i18n.c: same directives, same order) is refused by
#      coopfair at load, so it is reported too.
# Exits 1 if ar or fr has an untranslated string, or on any invalid file,
# conflict or directive mismatch; 0 otherwise. Run from anywhere.
set -u

cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
POT=$BUILD/coopfair.pot
TMP=$BUILD/po-check
LANGS="ar fr en"

for tool in xgettext msgcat msgattrib msgmerge msgfmt; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "po-check: $tool not found (Debian package gettext)" >&2
		exit 2
	}
done

rm -rf "$TMP"
mkdir -p "$BUILD" "$TMP" || exit 2
# shellcheck disable=SC2046 # the globs are meant to expand
xgettext --from-code=UTF-8 --language=C --keyword=tr:2 --keyword=trn:2,3 --keyword=N_ --add-comments=TRANSLATORS: \
	--package-name=coopfair -o "$POT" $(ls src/*.c src/*/*.c) || {
	echo "po-check: xgettext failed" >&2
	exit 1
}

# msgids FILE - the msgids of FILE's messages (header excluded), one per
# line, as written in a PO file (C escapes kept), continuation lines joined.
msgids()
{
	msgcat --no-wrap "$1" | awk '
		/^msgid "/ { s = substr($0, 8, length($0) - 8); inid = 1; next }
		inid && /^"/ { s = s substr($0, 2, length($0) - 2); next }
		inid { inid = 0; if (s != "") print s }'
}

# directive_check FILE - print the msgids of FILE whose msgstr has other
# printf directives than the msgid (i18n.c: directives()).
directive_check()
{
	msgcat --no-wrap "$1" | awk '
		function dirs(s,    out, i, c) {
			out = ""
			for (i = 1; i <= length(s); i++) {
				if (substr(s, i, 1) != "%") continue
				i++
				if (substr(s, i, 1) == "%") continue
				while (i <= length(s) && index("0123456789.-+ #lz", substr(s, i, 1)))
					out = out substr(s, i++, 1)
				if (i > length(s)) break
				out = out substr(s, i, 1) ","
			}
			return out
		}
		function flush() {
			if (id != "" && str != "" && dirs(id) != dirs(str))
				print "\"" id "\""
			id = str = ""
		}
		/^msgid / { flush(); cur = "id"; id = substr($0, 8, length($0) - 8); next }
		/^msgstr / { cur = "str"; str = substr($0, 9, length($0) - 9); next }
		/^"/ { t = substr($0, 2, length($0) - 2); if (cur == "id") id = id t; else if (cur == "str") str = str t; next }
		{ cur = "" }
		END { flush() }'
}

# --- Vocabulary and counts (issue 19): kept apart from the checks above. ---

# glossary_rules - the forbidden forms of docs/glossary.md (its ```forbidden
# block): one "lang | ERE | use | msgid-ERE" rule a line.
glossary_rules()
{
	sed -n '/^```forbidden$/,/^```$/p' docs/glossary.md 2>/dev/null | grep -v '^```'
}

# forbidden_check RULES LANG FILE - print 'forbidden: LANG: "msgid": /form/ (use: X)'
# for each translation in FILE (a merged PO file) that matches one of LANG's
# forbidden forms (and whose msgid matches the rule's msgid expression, when
# the rule has one). Every plural form is checked.
forbidden_check()
{
	msgcat --no-wrap "$3" | awk -v L="$2" '
		FNR == NR {
			n = split($0, f, / \| /)
			if (f[1] != L || n < 3) next
			nr++; re[nr] = f[2]; use[nr] = f[3]; idre[nr] = (n >= 4 ? f[4] : "")
			next
		}
		function check(s,    i) {
			if (s == "" || id == "") return
			for (i = 1; i <= nr; i++)
				if (s ~ re[i] && (idre[i] == "" || id ~ idre[i]))
					printf "forbidden: %s: \"%s\": /%s/ (use: %s)\n", L, id, re[i], use[i]
		}
		function flush() { check(str); id = str = ""; cur = "" }
		/^msgid / { flush(); cur = "id"; id = substr($0, 8, length($0) - 8); next }
		/^msgid_plural / { cur = "pl"; next }
		/^msgstr(\[[0-9]\])? / { check(str); cur = "str"; sub(/^msgstr(\[[0-9]\])? "/, ""); str = substr($0, 1, length($0) - 1); next }
		/^"/ { t = substr($0, 2, length($0) - 2); if (cur == "id") id = id t; else if (cur == "str") str = str t; next }
		{ cur = "" }
		END { flush() }' "$1" -
}

# forbidden_demo RULES - the same for the lines of src/model/demo*.c (rules of
# language "demo"), comment lines skipped.
forbidden_demo()
{
	awk '
		FNR == NR {
			n = split($0, f, / \| /)
			if (f[1] != "demo" || n < 3) next
			nr++; re[nr] = f[2]; use[nr] = f[3]
			next
		}
		/^[ \t]*(\/\*|\*)/ { next }
		{
			for (i = 1; i <= nr; i++)
				if ($0 ~ re[i])
					printf "forbidden: demo: %s:%d: /%s/ (use: %s)\n", FILENAME, FNR, re[i], use[i]
		}' "$1" src/model/demo*.c
}

# count_check POT - a message that shows a count with a noun must be a plural
# message (trn) or a label ("Jurors: %d"). Prints 'count: "msgid"' for each
# message with an integer directive followed by a word (not a unit or a
# preposition) that is not plural, unless a translator comment says "not a
# count"; then one line "counts: P plural, L label, N neither".
count_check()
{
	msgcat --no-wrap "$1" | awk '
		function flush(    s, rest, w, bad) {
			if (id != "" && id ~ /%(l|ll|z)?[diu]/) {
				if (plural) {
					np++
				} else {
					bad = 0; s = id
					while (match(s, /%(l|ll|z)?[diu]/)) {
						rest = substr(s, RSTART + RLENGTH)
						if (match(rest, /^ [A-Za-z]+/)) {
							w = substr(rest, 2, RLENGTH - 1)
							if (w !~ /^(of|to|from|in|and|or|MB|KB|m|per|at|on|for|by|is|are|was)$/)
								bad = 1
						}
						s = rest
					}
					if (bad && cmt !~ /not a count/) {
						nb++
						printf "count: \"%s\"\n", id
					} else if (id ~ /: *%(l|ll|z)?[diu]/) {
						nl++
					}
				}
			}
			id = ""; plural = 0; cmt = ""
		}
		/^#\./ { cmt = cmt $0; next }
		/^msgid / { id = substr($0, 8, length($0) - 8); cur = "id"; next }
		/^msgid_plural / { plural = 1; cur = ""; next }
		/^msgstr/ { cur = ""; flush(); next }
		/^"/ { if (cur == "id") id = id substr($0, 2, length($0) - 2); next }
		END { flush(); printf "counts: %d plural, %d label, %d neither\n", np, nl, nb }'
}

nmsg=$(msgids "$POT" | wc -l)
status=0
summary=""
for l in $LANGS; do
	files=$(ls po/"$l"/*.po 2>/dev/null)
	if [ -z "$files" ]; then
		echo "invalid: $l: no po/$l/*.po file"
		status=1
		summary="$summary
  $l: no translation file"
		continue
	fi
	bad=0
	for f in $files; do
		# Missing optional header fields are not worth a line each.
		if ! msgfmt -c --check-format -o /dev/null "$f" 2>"$TMP/msgfmt.err"; then
			grep -v "warning: header field '.*' missing in header" "$TMP/msgfmt.err" >&2
			echo "invalid: $l: $f"
			bad=$((bad + 1))
		fi
	done
	if [ "$bad" -gt 0 ]; then
		status=1
		summary="$summary
  $l: $bad invalid file(s)"
		continue
	fi

	# Conflicts: a msgid in several files with different translations comes
	# out of msgcat fuzzy, its msgstr joined with "#-#-#-#-#" separators.
	merged=$TMP/$l.po
	# shellcheck disable=SC2086 # $files is a list
	msgcat --force-po --no-wrap -o "$merged" $files || { status=1; continue; }
	# The same with one header, for the untranslated count below (a merged
	# header is fuzzy, and msgattrib/msgmerge then read the file as ASCII,
	# printing a warning per Arabic byte).
	# shellcheck disable=SC2086 # $files is a list
	msgcat --force-po --no-wrap --use-first -o "$TMP/$l.first.po" $files || { status=1; continue; }
	# shellcheck disable=SC2086 # $files is a list
	msgcat --no-wrap --more-than=1 -o "$TMP/$l.dup.po" $files 2>/dev/null
	nconf=0
	if [ -s "$TMP/$l.dup.po" ]; then
		msgattrib --no-wrap --only-fuzzy -o "$TMP/$l.conf.po" "$TMP/$l.dup.po"
		if [ -s "$TMP/$l.conf.po" ]; then
			while IFS= read -r id; do
				[ -n "$id" ] || continue
				echo "conflict: $l: \"$id\""
				nconf=$((nconf + 1))
			done <<EOF
$(msgids "$TMP/$l.conf.po")
EOF
		fi
	fi

	# Directive mismatches (coopfair would ignore the translation).
	ndir=0
	while IFS= read -r id; do
		[ -n "$id" ] || continue
		echo "directives differ: $l: $id"
		ndir=$((ndir + 1))
	done <<EOF
$(directive_check "$merged")
EOF

	# Untranslated: keep the good translations, lay them over the template;
	# what stays empty had none (or only an empty or fuzzy one).
	# (a conflict is counted above; here the first file's translation stands)
	msgattrib --force-po --no-wrap --translated --no-fuzzy --no-obsolete -o "$TMP/$l.good.po" "$TMP/$l.first.po"
	msgmerge --force-po --quiet --no-wrap --no-fuzzy-matching -o "$TMP/$l.full.po" "$TMP/$l.good.po" "$POT" || {
		status=1
		continue
	}
	# The template's c-format flags now sit on every translation: check again.
	if ! msgfmt --check-format -o /dev/null "$TMP/$l.full.po"; then
		echo "invalid: $l: translations do not match the msgids' format directives"
		status=1
	fi
	# msgmerge marks fuzzy what disagrees with the template's format flags:
	# coopfair would not use it either, so it counts as untranslated.
	msgattrib --force-po --no-wrap --clear-fuzzy --empty -o "$TMP/$l.unfuzzy.po" "$TMP/$l.full.po"
	msgattrib --force-po --no-wrap --untranslated --no-obsolete -o "$TMP/$l.untr.po" "$TMP/$l.unfuzzy.po"
	nuntr=0
	if [ "$l" != en ] && [ -s "$TMP/$l.untr.po" ]; then
		while IFS= read -r id; do
			[ -n "$id" ] || continue
			echo "untranslated: $l: \"$id\""
			nuntr=$((nuntr + 1))
		done <<EOF
$(msgids "$TMP/$l.untr.po")
EOF
	fi
	if [ "$l" = en ]; then
		summary="$summary
  $l: valid (source language; empty msgstr allowed)"
	else
		summary="$summary
  $l: $((nmsg - nuntr))/$nmsg translated, $nuntr untranslated"
	fi
	[ "$nconf" -gt 0 ] && summary="$summary, $nconf conflicting"
	[ "$ndir" -gt 0 ] && summary="$summary, $ndir with other directives"
	if [ "$nuntr" -gt 0 ] || [ "$nconf" -gt 0 ] || [ "$ndir" -gt 0 ]; then
		status=1
	fi
done

# Vocabulary (docs/glossary.md) and counts with a noun (issue 19).
glossary_rules >"$TMP/glossary.rules"
if [ ! -s "$TMP/glossary.rules" ]; then
	echo "invalid: docs/glossary.md has no forbidden block"
	status=1
fi
{
	for l in ar fr; do
		[ -s "$TMP/$l.po" ] && forbidden_check "$TMP/glossary.rules" "$l" "$TMP/$l.po"
	done
	forbidden_demo "$TMP/glossary.rules"
} >"$TMP/forbidden.out"
cat "$TMP/forbidden.out"
nforb=$(grep -c '^forbidden: ' "$TMP/forbidden.out")
summary="$summary
  glossary: $nforb forbidden form(s) (docs/glossary.md)"
[ "$nforb" -gt 0 ] && status=1
count_check "$POT" >"$TMP/counts.out"
grep '^count: ' "$TMP/counts.out"
ncount=$(grep -c '^count: ' "$TMP/counts.out")
summary="$summary
  $(grep '^counts: ' "$TMP/counts.out") (a count with a noun must be a plural or a label)"
[ "$ncount" -gt 0 ] && status=1

echo "po-check: $nmsg messages in $POT$summary"
[ "$status" -eq 0 ] && echo "po-check: OK" || echo "po-check: FAILED"
exit "$status"
