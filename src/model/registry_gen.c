/*
 * registry_gen.c - a deterministic CSV of cooperatives for tests and the
 * benchmark (registry_generate, see registry.h): French headers as ODCO
 * extracts have them, ';' separators, a BOM, CRLF, quoted values with the
 * separator or a line break inside, Arabic-Indic digits in some phones,
 * province names in French or Arabic. Names are unique per province.
 */
#include "../db/db.h"
#include "registry.h"

#include <string.h>

/* ---- the generator ---- */

struct pair {
	const char *ar, *fr;
};
static const struct pair gen_quality[] = {
	{ "النور", "Annour" },		 { "الأمل", "Al Amal" },    { "الوفاء", "Al Wafae" },
	{ "الخير", "Al Khair" },	 { "النجاح", "Annajah" },   { "الفتح", "Al Fath" },
	{ "الإبداع", "Al Ibdaa" },	 { "السعادة", "Assaada" },  { "الياسمين", "Yasmine" },
	{ "الأطلس", "Atlas" },		 { "الزيتونة", "Zitouna" }, { "البركة", "Al Baraka" },
	{ "التيسير", "Attaysir" },	 { "الرياض", "Riad" },	    { "الفردوس", "Al Ferdaous" },
	{ "المستقبل", "Al Moustakbal" }, { "الصفاء", "Assafae" },   { "الوحدة", "Al Wahda" },
	{ "الأصالة", "Al Assala" },	 { "النخيل", "Annakhil" },
};
static const struct pair gen_craft[] = {
	{ "للنسيج التقليدي", "du tissage traditionnel" },
	{ "للفخار", "de la poterie" },
	{ "للزليج", "du zellige" },
	{ "للنحاس", "du cuivre" },
	{ "للجلد", "du cuir" },
	{ "للطرز", "de la broderie" },
	{ "لخشب الأرز", "du bois de cèdre" },
	{ "للزرابي", "des tapis" },
	{ "لزيت الزيتون", "de l'huile d'olive" },
	{ "للعسل", "du miel" },
	{ "للأعشاب العطرية", "des plantes aromatiques" },
	{ "للكسكس", "du couscous" },
	{ "للتين", "des figues" },
	{ "للوز", "des amandes" },
	{ "للجبن", "du fromage" },
	{ "للتفاح", "des pommes" },
	{ "للحلويات", "de la pâtisserie" },
	{ "للشباكية", "de la chebakia" },
	{ "للأركان", "de l'argan" },
	{ "للزعفران", "du safran" },
	{ "للتمور", "des dattes" },
	{ "للصابون البلدي", "du savon beldi" },
	{ "للحلفاء", "de l'alfa" },
	{ "للفضة", "de l'argent ciselé" },
};
static const struct pair gen_place[] = {
	{ "بالدوار", "du douar" },	{ "بالجبل", "de la montagne" },
	{ "بالواحة", "de l'oasis" },	{ "بالوادي", "de la vallée" },
	{ "بالسهل", "de la plaine" },	{ "بالقصبة", "de la kasbah" },
	{ "بالمدينة", "de la médina" }, { "بالعين", "de la source" },
	{ "بالغابة", "de la forêt" },	{ "بالساحل", "du littoral" },
	{ "بالهضبة", "du plateau" },	{ "بالقرية", "du village" },
	{ "بالمرج", "de la prairie" },	{ "بالربوة", "de la colline" },
	{ "بالبحيرة", "du lac" },
};
static const char *const gen_sector[] = { "artisanat", "agriculture", "agroalimentaire",
					  "services" };

static uint64_t gen_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* put_csv - a value for a ';' file, quoted when it must be. */
static void put_csv(FILE *f, const char *v, int last)
{
	if (strpbrk(v, ";\"\n\r")) {
		fputc('"', f);
		for (; *v; v++) {
			if (*v == '"')
				fputc('"', f);
			fputc(*v, f);
		}
		fputc('"', f);
	} else {
		fputs(v, f);
	}
	fputs(last ? "\r\n" : ";", f);
}

/* to_indic - the ASCII digits of s as Arabic-Indic digits. */
static void to_indic(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	for (; *s && o + 3 < cap; s++) {
		if (*s >= '0' && *s <= '9') {
			out[o++] = (char)0xd9;
			out[o++] = (char)(0xa0 + (*s - '0'));
		} else {
			out[o++] = *s;
		}
	}
	out[o] = 0;
}

cf_err registry_generate(FILE *f, long n, uint64_t seed)
{
	static const char SQL_GEN_PROVINCES[] = "SELECT name_fr, name_ar FROM province ORDER BY id";
	char prov_fr[128][64], prov_ar[128][96];
	int np = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_GEN_PROVINCES);
	while (np < 128 && db_step(s) == DB_ROW) {
		snprintf(prov_fr[np], sizeof prov_fr[np], "%s", db_col_text(s, 0));
		snprintf(prov_ar[np], sizeof prov_ar[np], "%s", db_col_text(s, 1));
		np++;
	}
	db_done(s);
	if (!np)
		return CF_ERR_DB;
	/* every name carries a place word, so generated names never collide
	 * with the demo's (which have none) */
	const long nq = 20, nc = 24, npl = 15;
	if (n < 0 || n > (long)np * nq * nc * npl)
		return CF_ERR_INVALID;
	uint64_t st = seed ? seed : 0x9e3779b97f4a7c15ull;
	/* Header in French, the way ODCO extracts look; a BOM as Excel writes. */
	fputs("\xef\xbb\xbf", f);
	fputs("Nom;Nom (arabe);Forme juridique;Numéro d'immatriculation;Date d'immatriculation;"
	      "Province;Secteur;Produits;Adhérentes;Adhérents hommes;Jeunes;Dirigée par une femme;"
	      "Personne de contact;Téléphone;Email\r\n",
	      f);
	for (long i = 0; i < n; i++) {
		int p = (int)(i % np);
		long k = i / np; /* unique within a province */
		const struct pair *q = &gen_quality[k % nq], *c = &gen_craft[(k / nq) % nc],
				  *pl = &gen_place[(k / (nq * nc)) % npl];
		char fr[256], ar[256], reg[32], date[16], phone[64], email[64], women[16], men[16],
			young[16];
		snprintf(fr, sizeof fr, "Coopérative %s %s %s", q->fr, c->fr, pl->fr);
		snprintf(ar, sizeof ar, "تعاونية %s %s %s", q->ar, c->ar, pl->ar);
		uint64_t r = gen_next(&st);
		snprintf(reg, sizeof reg, "%d/%06ld", 2000 + (int)(r % 24), i + 1);
		snprintf(date, sizeof date, "%02d/%02d/%d", 1 + (int)((r >> 8) % 28),
			 1 + (int)((r >> 16) % 12), 2000 + (int)(r % 24));
		snprintf(phone, sizeof phone, "06 %02d %02d %02d %02d", (int)((r >> 20) % 100),
			 (int)((r >> 27) % 100), (int)((r >> 34) % 100), (int)((r >> 41) % 100));
		if (i % 5 == 0) { /* some phones typed with Arabic-Indic digits */
			char t[64];
			to_indic(phone, t, sizeof t);
			snprintf(phone, sizeof phone, "%s", t);
		}
		if (i % 3)
			snprintf(email, sizeof email, "coop%06ld@example.org", i + 1);
		else
			email[0] = 0; /* a third have no email */
		int wl = (r >> 48) % 100 < 40;
		snprintf(women, sizeof women, "%d",
			 wl ? 7 + (int)((r >> 50) % 30) : (int)((r >> 50) % 5));
		snprintf(men, sizeof men, "%d",
			 wl ? (int)((r >> 53) % 4) : 5 + (int)((r >> 53) % 20));
		snprintf(young, sizeof young, "%d", (int)((r >> 56) % 8));
		char prod[160];
		/* a value with the separator inside, and one with a line break */
		snprintf(prod, sizeof prod,
			 i % 7 == 0    ? "%s; vente directe"
			 : i % 11 == 0 ? "%s\nsur commande"
				       : "%s",
			 c->fr);
		put_csv(f, fr, 0);
		put_csv(f, ar, 0);
		put_csv(f, (r >> 5) % 10 == 0 ? "association" : "coopérative", 0);
		put_csv(f, reg, 0);
		put_csv(f, date, 0);
		put_csv(f, (i / np) % 2 ? prov_ar[p] : prov_fr[p], 0);
		put_csv(f, gen_sector[(k / nq) % nc < 8 ? 0 : (k / nq) % nc < 16 ? 1 : 2], 0);
		put_csv(f, prod, 0);
		put_csv(f, women, 0);
		put_csv(f, men, 0);
		put_csv(f, young, 0);
		put_csv(f, wl ? "oui" : "non", 0);
		put_csv(f, wl ? "Fatima (exemple)" : "Ahmed (exemple)", 0);
		put_csv(f, phone, 0);
		put_csv(f, email, 1);
	}
	return ferror(f) ? CF_ERR_IO : CF_OK;
}
