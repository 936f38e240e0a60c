/* demo.c - see demo.h. Sample names are assembled from word lists. */
#include "demo.h"
#include "account.h"
#include "role.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A small deterministic generator (xorshift64*): the demo must not depend on
 * the C library's rand(). */
static uint64_t rng_state = 0x2024022020240224ull;
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ull) >> 33) % n;
}

struct pair {
	const char *ar, *fr;
};

/* Product words whose noun is not found by dropping the preposition li- the
 * usual way: "للوز" is li + al-lawz, the almonds "اللوز" (dropping "لل" and
 * adding "ال" would give "الوز", the goose). */
static const struct pair li_exceptions[] = {
	{ "للوز", "اللوز" },
};

/* ar_product - the product named by w ("للنسيج" -> "النسيج", "لكعب" ->
 * "كعب", "للوز" -> "اللوز"): only the preposition is removed. */
static void ar_product(const char *w, char *out, size_t cap)
{
	for (size_t i = 0; i < sizeof li_exceptions / sizeof li_exceptions[0]; i++)
		if (!strcmp(w, li_exceptions[i].ar)) {
			snprintf(out, cap, "%s", li_exceptions[i].fr);
			return;
		}
	if (!strncmp(w, "لل", strlen("لل")))
		snprintf(out, cap, "ال%s", w + strlen("لل"));
	else
		snprintf(out, cap, "%s", w + strlen("ل"));
}

/* Names cooperatives commonly take (virtues, places, plants). */
static const struct pair qualities[] = {
	{ "النور", "Annour" },		 { "الأمل", "Al Amal" },    { "الوفاء", "Al Wafae" },
	{ "الخير", "Al Khair" },	 { "النجاح", "Annajah" },   { "الفتح", "Al Fath" },
	{ "الإبداع", "Al Ibdaa" },	 { "السعادة", "Assaada" },  { "الياسمين", "Yasmine" },
	{ "الأطلس", "Atlas" },		 { "الزيتونة", "Zitouna" }, { "البركة", "Al Baraka" },
	{ "التيسير", "Attaysir" },	 { "الرياض", "Riad" },	    { "الفردوس", "Al Ferdaous" },
	{ "المستقبل", "Al Moustakbal" }, { "الصفاء", "Assafae" },   { "الوحدة", "Al Wahda" },
	{ "الأصالة", "Al Assala" },	 { "النخيل", "Annakhil" },
};

/* Per category: the product word of the name, and the sector. */
static const struct pair crafts[] = {
	{ "للنسيج التقليدي", "du tissage traditionnel" },
	{ "للفخار", "de la poterie" },
	{ "للزليج", "du zellige" },
	{ "للنحاس", "du cuivre ciselé" },
	{ "للجلد", "du cuir" },
	{ "للطرز الفاسي", "de la broderie fassie" },
	{ "لخشب الأرز", "du bois de cèdre" },
	{ "للزرابي", "des tapis" },
};
static const struct pair terroirs[] = {
	{ "لزيت الزيتون", "de l’huile d’olive" },	  { "للعسل", "du miel" },
	{ "للأعشاب العطرية", "des plantes aromatiques" }, { "للكسكس", "du couscous" },
	{ "للتين المجفف", "des figues sèches" },	  { "للوز", "des amandes" },
	{ "لجبن الماعز", "du fromage de chèvre" },	  { "للتفاح", "des pommes" },
};
static const struct pair pastries[] = {
	{ "للحلويات التقليدية", "de la pâtisserie traditionnelle" },
	{ "للشباكية", "de la chebakia" },
	{ "لكعب غزال", "des cornes de gazelle" },
	{ "للفقاص", "du fekkas" },
	{ "للغريبة", "de la ghriba" },
	{ "للبريوات", "des briouates" },
};

static const char *const fm_provinces[] = { "fes",	 "meknes",	  "el-hajeb",
					    "ifrane",	 "moulay-yacoub", "sefrou",
					    "boulemane", "taounate",	  "taza" };
static const char *const outside_provinces[] = { "marrakech", "agadir-ida-outanane", "tetouan",
						 "oujda-angad", "errachidia" };

static const char SQL_EDITION[] =
	"INSERT INTO edition (slug, number, name_ar, name_fr, name_en, slogan_ar, slogan_fr, "
	"slogan_en, city_ar, city_fr, city_en, region_id, starts_on, ends_on, area_m2, "
	"stands_planned, exhibitors_planned, outside_region_planned, chair_ar, chair_fr, chair_en, "
	"state, call_opens_on, call_closes_on) "
	"VALUES (?, 1, ?, ?, ?, ?, ?, ?, 'فاس', 'Fès', 'Fez', 3, '2024-02-20', '2024-02-24', 1500, "
	"40, 80, 5, ?, ?, ?, 'over', '2023-12-01', '2024-01-31')";
static const char SQL_SPACE[] =
	"INSERT INTO space (edition_id, kind, name_ar, name_fr, name_en, about_ar, about_fr, about_en, "
	"position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_ORG[] =
	"INSERT INTO organisation (name_ar, name_fr, name_en, short_name) VALUES (?, ?, ?, ?)";
static const char SQL_EDITION_ORG[] =
	"INSERT INTO edition_organisation (edition_id, organisation_id, role, position) VALUES (?, ?, ?, ?)";
static const char SQL_CATEGORY[] =
	"INSERT INTO category (edition_id, code, name_ar, name_fr, name_en, position) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_SIDE_EVENT[] =
	"INSERT INTO side_event (edition_id, name_ar, name_fr, name_en, position) VALUES (?, ?, ?, ?, 1)";
static const char SQL_STAND[] =
	"INSERT INTO stand (edition_id, space_id, code, area_m2, capacity) VALUES (?, ?, ?, 9, 2)";
static const char SQL_COOP[] =
	"INSERT INTO cooperative (name_ar, name_fr, legal_form, reg_number, reg_date, province_id, "
	"sector, products_ar, products_fr, members_women, members_men, members_young, women_led, "
	"contact_name, phone, email, is_sample) "
	"VALUES (?, ?, ?, ?, ?, (SELECT id FROM province WHERE code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
static const char SQL_EXHIBITOR[] =
	"INSERT INTO exhibitor (edition_id, cooperative_id, category_id, stand_id, is_sample) "
	"VALUES (?, ?, ?, ?, 1)";
static const char SQL_EXISTS[] = "SELECT 1 FROM edition WHERE slug = ?";

/* strip_article - "du cuir" -> "cuir", "de l’huile" -> "huile". */
static const char *strip_article(const char *fr)
{
	static const char *const articles[] = { "de la ", "de l’", "de l'", "du ", "des " };
	for (int i = 0; i < 5; i++)
		if (!strncmp(fr, articles[i], strlen(articles[i])))
			return fr + strlen(articles[i]);
	return fr;
}

struct tri {
	const char *ar, *fr, *en;
};

static int64_t insert(db *d, db_stmt *s, cf_err *e)
{
	if (*e)
		return 0;
	*e = db_run(s);
	return *e ? 0 : db_last_id(d);
}

static void bind3(db_stmt *s, int first, const struct tri *t)
{
	db_bind_text(s, first, t->ar);
	db_bind_text(s, first + 1, t->fr);
	db_bind_text(s, first + 2, t->en);
}

/* One sample account per role, to try coopfair out (README.md lists them).
 * Their passwords are public: never keep these accounts on a real fair. */
static const struct {
	const char *email, *name, *password;
	role r;
} DEMO_ACCOUNTS[] = {
	{ "admin@example.org", "مسؤول(ة) الموقع (مثال) — Administration du site (exemple)",
	  "demo-admin-2024", ROLE_ADMIN },
	{ "committee@example.org",
	  "عضو(ة) اللجنة المنظمة (مثال) — Membre du comité d’organisation (exemple)",
	  "demo-committee-2024", ROLE_COMMITTEE },
	{ "jury@example.org", "نادية (مثال) — Nadia (exemple)", "demo-jury-2024", ROLE_JURY },
	{ "exhibitor@example.org", "عارضة (مثال) — Exposante (exemple)", "demo-exhibitor-2024",
	  ROLE_EXHIBITOR },
	{ "desk@example.org", "الاستقبال (مثال) — Accueil (exemple)", "demo-desk-2024", ROLE_DESK },
};

static const char SQL_ACCOUNT_LINKS[] =
	"UPDATE account SET is_sample = 1, "
	"cooperative_id = CASE WHEN ?2 = 'exhibitor' THEN (SELECT cooperative_id FROM exhibitor ORDER BY id LIMIT 1) END, "
	"organisation_id = CASE WHEN ?2 = 'jury' THEN (SELECT id FROM organisation WHERE short_name = 'CAFM') END "
	"WHERE id = ?1";

static cf_err demo_accounts(db *d)
{
	cf_err e = CF_OK;
	for (size_t i = 0; i < sizeof DEMO_ACCOUNTS / sizeof DEMO_ACCOUNTS[0] && !e; i++) {
		int64_t id;
		e = account_create(DEMO_ACCOUNTS[i].email, DEMO_ACCOUNTS[i].name,
				   DEMO_ACCOUNTS[i].password, ROLE_BIT(DEMO_ACCOUNTS[i].r), &id);
		if (e)
			break;
		db_stmt *s = db_prepare(d, SQL_ACCOUNT_LINKS);
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, role_name(DEMO_ACCOUNTS[i].r));
		e = db_run(s);
	}
	return e;
}

static cf_err fill(db *d)
{
	cf_err e = CF_OK;
	db_stmt *s = db_prepare(d, SQL_EDITION);
	db_bind_text(s, 1, DEMO_SLUG);
	bind3(s, 2,
	      &(struct tri){
		      "معرض التعاونيات المبدعة في الاقتصاد الاجتماعي والتضامني لجهة فاس مكناس",
		      "Salon des coopératives créatives de l’économie sociale et solidaire de la région Fès-Meknès",
		      "Creative Cooperatives Fair of the Social and Solidarity Economy of the Fès-Meknès region" });
	bind3(s, 5,
	      &(struct tri){
		      "التعاونيات المبدعات: رائدات التميز في الاقتصاد الاجتماعي والتضامني",
		      "Coopératives créatives : pionnières de l’excellence dans l’économie sociale et solidaire",
		      "Creative cooperatives: pioneers of excellence in the social and solidarity economy" });
	bind3(s, 8,
	      &(struct tri){
		      "نائبة رئيس مجلس جهة فاس مكناس المكلفة بإنعاش الاقتصاد الاجتماعي والتضامني، السيدة خديجة حجوبي",
		      "la vice-présidente du Conseil de la Région Fès-Meknès chargée de la promotion de l’ESS, Mme Khadija Hajoubi",
		      "the Vice-President of the Regional Council in charge of promoting the SSE, Mrs Khadija Hajoubi" });
	int64_t ed = insert(d, s, &e);

	static const struct {
		const char *kind;
		struct tri name, about;
	} spaces[] = {
		{ "exhibitors_hub",
		  { "قطب العارضين", "Pôle des exposants", "Exhibitors hub" },
		  { "حوالي 40 رواقا (80 عارضة وعارضا)، منهم 5 من خارج الجهة",
		    "Environ 40 stands (80 exposantes et exposants), dont 5 venus d’autres régions",
		    "About 40 stands (80 exhibitors, women and men), 5 of them from outside the region" } },
		{ "agora",
		  { "فضاء AGORA", "Agora", "Agora" },
		  { "فضاء للتواصل وتبادل الخبرات والتجارب",
		    "Un espace de rencontre et d’échange d’expertises et d’expériences",
		    "A space for networking and exchanging expertise and experience" } },
		{ "partners_hub",
		  { "قطب الشركاء", "Pôle des partenaires", "Partners hub" },
		  { "يعرض فيه الشركاء تجارب الإبداع في الاقتصاد الاجتماعي والتضامني لفائدة المهنيين",
		    "Les partenaires y présentent des expériences de créativité dans l’ESS, à l’intention des professionnels",
		    "Partners show experiences of creativity in the SSE, aimed at professionals" } },
		{ "entertainment",
		  { "فضاء التنشيط", "Espace d’animation", "Entertainment area" },
		  { "فضاء للتنشيط والترفيه", "Un espace d’animation et de divertissement",
		    "A space for entertainment and activities" } },
	};
	int64_t hub = 0;
	for (int i = 0; i < 4; i++) {
		s = db_prepare(d, SQL_SPACE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, spaces[i].kind);
		bind3(s, 3, &spaces[i].name);
		bind3(s, 6, &spaces[i].about);
		db_bind_int(s, 9, i);
		int64_t id = insert(d, s, &e);
		if (i == 0)
			hub = id;
	}

	static const struct {
		const char *role, *short_name;
		struct tri name;
	} orgs[] = {
		{ "organiser",
		  "CRFM",
		  { "مجلس جهة فاس مكناس", "Conseil de la Région Fès-Meknès",
		    "Fès-Meknès Regional Council" } },
		{ "partner",
		  "MTAESS",
		  { "وزارة السياحة والصناعة التقليدية والاقتصاد الاجتماعي والتضامني",
		    "Ministère du Tourisme, de l’Artisanat et de l’Économie sociale et solidaire",
		    "Ministry of Tourism, Handicrafts and Social and Solidarity Economy" } },
		{ "partner",
		  "Wilaya",
		  { "ولاية جهة فاس مكناس", "Wilaya de la région Fès-Meknès",
		    "Wilaya of the Fès-Meknès region" } },
		{ "partner",
		  "EN",
		  { "التعاون الوطني", "Entraide Nationale", "Entraide Nationale" } },
		{ "partner",
		  "ODCO",
		  { "مكتب تنمية التعاون", "Office du Développement de la Coopération (ODCO)",
		    "Office for the Development of Cooperation (ODCO)" } },
		{ "partner",
		  "CAFM",
		  { "غرفة الصناعة التقليدية لجهة فاس مكناس",
		    "Chambre d’Artisanat de la région Fès-Meknès",
		    "Chamber of Handicrafts of Fès-Meknès" } },
		{ "partner",
		  "CAgFM",
		  { "الغرفة الفلاحية لجهة فاس مكناس",
		    "Chambre d’Agriculture de la région Fès-Meknès",
		    "Chamber of Agriculture of Fès-Meknès" } },
	};
	for (int i = 0; i < 7; i++) {
		s = db_prepare(d, SQL_ORG);
		bind3(s, 1, &orgs[i].name);
		db_bind_text(s, 4, orgs[i].short_name);
		int64_t org = insert(d, s, &e);
		s = db_prepare(d, SQL_EDITION_ORG);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, org);
		db_bind_text(s, 3, orgs[i].role);
		db_bind_int(s, 4, i);
		insert(d, s, &e);
	}

	static const struct {
		const char *code;
		struct tri name;
	} cats[] = {
		{ "handicrafts", { "الصناعة التقليدية", "Artisanat", "Handicrafts" } },
		{ "terroir", { "المنتوجات المجالية", "Produits du terroir", "Terroir products" } },
		{ "pastries", { "الحلويات", "Pâtisserie", "Pastries" } },
	};
	int64_t cat_ids[3];
	for (int i = 0; i < 3; i++) {
		s = db_prepare(d, SQL_CATEGORY);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, cats[i].code);
		bind3(s, 3, &cats[i].name);
		db_bind_int(s, 6, i);
		cat_ids[i] = insert(d, s, &e);
	}

	s = db_prepare(d, SQL_SIDE_EVENT);
	db_bind_int(s, 1, ed);
	bind3(s, 2,
	      &(struct tri){
		      "النسخة الثانية للقاء التواصلي والتأطيري الموجه للفاعلين في قطاع الاقتصاد الاجتماعي والتضامني والنساء الحرفيات من أجل التمكين الاقتصادي لهن",
		      "2e rencontre de sensibilisation et d’accompagnement des acteurs de l’ESS et des femmes artisanes, pour leur autonomisation économique",
		      "2nd outreach and coaching meeting for SSE actors and women artisans, for their economic empowerment" });
	insert(d, s, &e);

	/* 40 stands in the exhibitors hub, A01..A40. */
	int64_t stands[DEMO_STANDS];
	for (int i = 0; i < DEMO_STANDS; i++) {
		char code[8];
		snprintf(code, sizeof code, "A%02d", i + 1);
		s = db_prepare(d, SQL_STAND);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, hub);
		db_bind_text(s, 3, code);
		stands[i] = insert(d, s, &e);
	}

	/* 80 sample exhibitors: 40 handicrafts, 25 terroir, 15 pastries; the 5
	 * from outside the region spread over the categories; two per stand. */
	static const int per_cat[3] = { 40, 25, 15 };
	static const char *const women[] = { "فاطمة", "خديجة", "زينب",	"نعيمة",
					     "سعاد",  "مليكة", "حفيظة", "لطيفة" };
	static const char *const men[] = { "محمد", "أحمد", "يوسف",  "عبد الله",
					   "رشيد", "حسن",  "إدريس", "مصطفى" };
	int k = 0;
	for (int c = 0; c < 3 && !e; c++) {
		const struct pair *words = c == 0 ? crafts : c == 1 ? terroirs : pastries;
		int nwords = c == 0 ? 8 : c == 1 ? 8 : 6;
		for (int i = 0; i < per_cat[c] && !e; i++, k++) {
			const struct pair *q = &qualities[(k * 7 + c) % 20];
			const struct pair *w = &words[(i + k / 20) % nwords];
			char ar[256], fr[256], reg[32], date[16], phone[16], email[64],
				prod_ar[128];
			snprintf(ar, sizeof ar, "تعاونية %s %s", q->ar, w->ar);
			snprintf(fr, sizeof fr, "Coopérative %s %s", q->fr, w->fr);
			snprintf(reg, sizeof reg, "SAMPLE-%04d-%03d", 2008 + (int)rnd(15), k + 1);
			snprintf(date, sizeof date, "%.4s-%02u-%02u", reg + 7, 1 + rnd(12),
				 1 + rnd(28));
			snprintf(phone, sizeof phone, "+2126%08u", 10000000u + rnd(89999999u));
			snprintf(email, sizeof email, "sample.coop%02d@example.org", k + 1);
			ar_product(w->ar, prod_ar, sizeof prod_ar);
			/* every 16th exhibitor comes from another region: 5 of 80 */
			int outside = k % 16 == 7;
			const char *prov =
				outside ? outside_provinces[k / 16] : fm_provinces[rnd(9)];
			int wl = rnd(100) < 65;
			int nw = wl ? 6 + (int)rnd(25) : (int)rnd(6);
			int nm = wl ? (int)rnd(4) : 5 + (int)rnd(15);
			char contact[64];
			snprintf(contact, sizeof contact, "%s (مثال)",
				 wl ? women[rnd(8)] : men[rnd(8)]);
			s = db_prepare(d, SQL_COOP);
			db_bind_text(s, 1, ar);
			db_bind_text(s, 2, fr);
			db_bind_text(s, 3,
				     "cooperative"); /* every sample name says "cooperative" */
			db_bind_text(s, 4, reg);
			db_bind_text(s, 5, date);
			db_bind_text(s, 6, prov);
			db_bind_text(s, 7, cats[c].code);
			db_bind_text(s, 8, prod_ar);
			db_bind_text(s, 9, strip_article(w->fr));
			db_bind_int(s, 10, nw);
			db_bind_int(s, 11, nm);
			db_bind_int(s, 12, (int)rnd((unsigned)(nw + nm) / 2 + 1));
			db_bind_int(s, 13, wl);
			db_bind_text(s, 14, contact);
			db_bind_text(s, 15, phone);
			db_bind_text(s, 16, email);
			int64_t coop = insert(d, s, &e);
			s = db_prepare(d, SQL_EXHIBITOR);
			db_bind_int(s, 1, ed);
			db_bind_int(s, 2, coop);
			db_bind_int(s, 3, cat_ids[c]);
			db_bind_int(s, 4, stands[k / 2]);
			insert(d, s, &e);
		}
	}
	if (!e)
		e = demo_accounts(d);
	if (!e)
		e = demo_registry(d, ed);
	if (!e)
		e = demo_prize(d, ed);
	if (!e)
		e = demo_stand(d, ed);
	if (!e)
		e = demo_gate(d, ed);
	if (!e)
		e = demo_catalog(d, ed);
	return e;
}

cf_err demo_create(db *d)
{
	rng_state = 0x2024022020240224ull;
	db_stmt *s = db_prepare(d, SQL_EXISTS);
	db_bind_text(s, 1, DEMO_SLUG);
	int exists = db_step(s) == DB_ROW;
	db_done(s);
	if (exists)
		return CF_ERR_CONFLICT;
	cf_err e = db_begin(d);
	if (e)
		return e;
	e = fill(d);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}
