/*
 * registry_decode.h - the files organisers bring, turned into the UTF-8 CSV
 * text the import reads (registry.h).
 *
 * Excel on a Moroccan computer saves "CSV" as Windows-1256 (Arabic) or
 * Windows-1252 (French), "Unicode text" as UTF-16LE with a BOM and tabs,
 * and workbooks as .xlsx (a zip of XML). A byte file cannot say which
 * 8-bit encoding it is in: registry_decode guesses (Arabic letters are
 * bytes 0xC1-0xDF and a few above in 1256, which French text hardly uses),
 * and the caller shows the first rows decoded for a person to confirm
 * before anything is written. Old .xls workbooks (OLE2) are recognised and
 * refused with a message saying what they are. No database, no HTML.
 */
#ifndef CF_REGISTRY_DECODE_H
#define CF_REGISTRY_DECODE_H
#include <stddef.h>

#include "../util/buf.h"
#include "../util/err.h"

typedef enum reg_encoding {
	REG_ENC_AUTO,	 /* detect */
	REG_ENC_UTF8,	 /* with or without BOM */
	REG_ENC_UTF16,	 /* with a BOM (LE or BE) */
	REG_ENC_CP1256,	 /* Windows-1256, Arabic */
	REG_ENC_CP1252,	 /* Windows-1252, French (Latin-1 and more) */
	REG_ENC_XLSX,	 /* an Office Open XML workbook: the first sheet */
	REG_ENC_XLS_OLD, /* an Excel 97-2003 .xls workbook: not read */
	REG_ENC__MAX
} reg_encoding;

/* registry_encoding_code / _parse - "utf-8", "utf-16", "windows-1256",
 * "windows-1252", "xlsx", "xls"; parse returns REG_ENC_AUTO for anything
 * else. */
const char *registry_encoding_code(reg_encoding e);
reg_encoding registry_encoding_parse(const char *s);

/* registry_decode - data[0..len) as UTF-8 CSV text in out (buf_init'ed by
 * the caller; its cap bounds the result): forced = REG_ENC_AUTO detects.
 * *found gets the encoding read (or guessed); *guessed is 1 when it was an
 * 8-bit guess a person should confirm. CF_ERR_INVALID for an old .xls
 * (*found = REG_ENC_XLS_OLD) or an .xlsx that cannot be read; CF_ERR_TOOBIG
 * past out's cap. UTF-8 input (*found = REG_ENC_UTF8) is not copied: out
 * stays empty and the caller reads data itself (the import checks it). */
cf_err registry_decode(const char *data, size_t len, reg_encoding forced, buf *out,
		       reg_encoding *found, int *guessed) CF_MUST_USE;

/* registry_xlsx_csv - the first sheet's values of an .xlsx workbook as CSV
 * (';', every value quoted, CRLF) in out; numbers as the workbook stores
 * them (dates are Excel serial numbers, which the import reads).
 * CF_ERR_INVALID when it is not a readable workbook. */
cf_err registry_xlsx_csv(const char *data, size_t len, buf *out) CF_MUST_USE;

#endif
