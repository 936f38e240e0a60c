/* demo_prog.c - the demo edition's programme and news (issue 15).
 *
 * From the announcement: the opening ceremony of Tuesday 20 February 2024
 * with its officials in the order the announcement names them (the
 * protocol order), the 2nd outreach and coaching meeting for SSE actors and
 * women artisans, the AGORA, and the first news post (the announcement
 * itself, 393 views, no comment). Everything else is sample data
 * (is_sample = 1): the times, the AGORA's talks and workshops, the prize
 * ceremony's hour, the speakers the announcement does not name, and a few
 * bookings. The announcement gives no hours; the sessions are therefore all
 * marked sample, the pages say which facts are real. */
#include "demo.h"
#include "prog.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "demo_prog_text.inc"

static const char SQL_SPACE[] = "SELECT id FROM space WHERE edition_id = ? AND kind = ?";
static const char SQL_SESSION[] =
	"INSERT INTO prog_session (edition_id, space_id, kind, title_ar, title_fr, title_en, "
	"about_ar, about_fr, about_en, starts_at, ends_at, capacity, booking, is_sample) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
static const char SQL_SPEAKER[] = "INSERT INTO prog_speaker (session_id, name, title, "
				  "organisation, protocol) VALUES (?, ?, ?, ?, ?)";
static const char SQL_BOOKING[] =
	"INSERT INTO prog_booking (session_id, name, email, phone, status, token, attended, "
	"created_at, is_sample) VALUES (?, ?, '', ?, ?, ?, ?, ?, 1)";
static const char SQL_BOOKED[] = "UPDATE prog_session SET booked = ? WHERE id = ?";
static const char SQL_SETTING[] =
	"INSERT INTO prog_setting (edition_id, opens, closes, moderate) VALUES (?, '10:00', '20:00', 1)";
static const char SQL_POST[] =
	"INSERT INTO news_post (edition_id, title_ar, title_fr, title_en, body_ar, body_fr, body_en, "
	"published, published_at, views, is_sample) VALUES (?, ?, ?, ?, ?, ?, ?, 1, "
	"'2024-02-20T17:00:00Z', 393, 0)";

typedef struct spk {
	const char *name, *title, *org;
	int protocol;
} spk;

typedef struct sess {
	const char *space, *kind;
	const char *title[3], *about[3];
	const char *starts, *ends;
	int capacity, booking;
	spk speakers[7];
} sess;

/* The announcement names the officials by office (and Mrs Hajoubi by
 * name): each is written "<Arabic> — <French>" (text_pick). */
static const sess SESSIONS[] = {
	{ "agora",
	  "ceremony",
	  { "حفل افتتاح الدورة الأولى لمعرض التعاونيات المبدعة",
	    "Cérémonie d’ouverture de la 1re édition du Salon des coopératives créatives",
	    "Opening ceremony of the 1st Creative Cooperatives Fair" },
	  { "افتتاح المعرض وزيارة أروقة العارضين.", "Ouverture du salon et visite des stands.",
	    "Opening of the fair and a visit of the stands." },
	  "2024-02-20T10:00",
	  "2024-02-20T11:30",
	  0,
	  0,
	  { { "وزيرة التضامن والإدماج الاجتماعي والأسرة — La ministre de la Solidarité, de l’Insertion sociale et de la Famille",
	      "", "", 1 },
	    { "والي ولاية جهة فاس-مكناس — Le wali de la région Fès-Meknès", "", "", 2 },
	    { "رئيس مجلس الجهة — Le président du Conseil de la Région Fès-Meknès", "", "", 3 },
	    { "ممثلة التعاون الوطني — La représentante de l’Entraide nationale", "", "", 4 },
	    { "السيدة خديجة حجوبي — Mme Khadija Hajoubi",
	      "نائبة رئيس مجلس الجهة المكلفة بإنعاش الاقتصاد الاجتماعي والتضامني، رئيسة اللجنة المنظمة — Vice-présidente du Conseil de la Région chargée de la promotion de l’ESS, présidente du comité d’organisation",
	      "", 5 },
	    { "مديرة النهوض بالاقتصاد الاجتماعي — La directrice de la promotion de l’ESS", "",
	      "وزارة السياحة والصناعة التقليدية والاقتصاد الاجتماعي والتضامني — Ministère du Tourisme, de l’Artisanat et de l’ESS",
	      6 } } },
	{ "agora",
	  "panel",
	  { "الإبداع دعامة لتطوير الاقتصاد الاجتماعي والتضامني",
	    "La créativité, pilier du développement de l’ESS",
	    "Creativity as a pillar of the SSE" },
	  { "مائدة مستديرة (مثال)", "Table ronde (exemple)", "Round table (example)" },
	  "2024-02-20T15:00",
	  "2024-02-20T16:30",
	  0,
	  0,
	  { { "Salma Bennani (exemple)", "Chercheuse", "Université Sidi Mohamed Ben Abdellah", 0 },
	    { "Youssef Alaoui (exemple)", "Conseiller", "ODCO", 0 } } },
	{ "partners_hub",
	  "meeting",
	  { "النسخة الثانية للقاء التواصلي والتأطيري الموجه للفاعلين في قطاع الاقتصاد الاجتماعي والتضامني والنساء الحرفيات من أجل التمكين الاقتصادي لهن",
	    "2e rencontre de sensibilisation et d’accompagnement des acteurs de l’ESS et des femmes artisanes, pour leur autonomisation économique",
	    "2nd outreach and coaching meeting for SSE actors and women artisans, for their economic empowerment" },
	  { "لقاء تواصلي وتأطيري لفائدة النساء الحرفيات.",
	    "Rencontre d’information et d’accompagnement pour les femmes artisanes.",
	    "An outreach and coaching meeting for women artisans." },
	  "2024-02-21T10:00",
	  "2024-02-21T12:30",
	  40,
	  1,
	  { { "Fatima Zahra Idrissi (exemple)", "Coach", "Entraide nationale", 0 } } },
	{ "agora",
	  "workshop",
	  { "ورشة: البيع عبر الإنترنت، الأثمنة وصور المنتوجات",
	    "Atelier : vendre en ligne, prix et photos des produits",
	    "Workshop: selling online, prices and product photos" },
	  { "ورشة تطبيقية (مثال)", "Atelier pratique (exemple)", "Hands-on workshop (example)" },
	  "2024-02-21T15:00",
	  "2024-02-21T17:00",
	  25,
	  1,
	  { { "Karim Tazi (exemple)", "Formateur", "Chambre d’artisanat", 0 } } },
	{ "agora",
	  "panel",
	  { "تبادل التجارب: تعاونيات تسيرها النساء",
	    "Échange d’expériences : coopératives dirigées par des femmes",
	    "Exchange of experience: women-led cooperatives" },
	  { "شهادات (مثال)", "Témoignages (exemple)", "Testimonies (example)" },
	  "2024-02-22T11:00",
	  "2024-02-22T12:30",
	  0,
	  0,
	  { { "Naima Berrada (exemple)", "Présidente", "Coopérative (exemple)", 0 } } },
	{ "entertainment",
	  "performance",
	  { "سهرة فن الملحون", "Soirée de malhoun", "Malhun music evening" },
	  { "", "", "" },
	  "2024-02-22T17:00",
	  "2024-02-22T18:30",
	  0,
	  0,
	  { { "Ensemble du malhoun de Fès (exemple)", "", "", 0 } } },
	{ "partners_hub",
	  "workshop",
	  { "ورشة: التلفيف والملصقات للمنتوجات المجالية",
	    "Atelier : emballage et étiquettes des produits du terroir",
	    "Workshop: packaging and labels for terroir products" },
	  { "ورشة تطبيقية (مثال)", "Atelier pratique (exemple)", "Hands-on workshop (example)" },
	  "2024-02-23T10:30",
	  "2024-02-23T12:30",
	  20,
	  1,
	  { { "Hicham El Fassi (exemple)", "Formateur", "Chambre d’agriculture", 0 } } },
	{ "agora",
	  "ceremony",
	  { "حفل توزيع جائزة الإبداع", "Cérémonie de remise du prix de la créativité",
	    "Creativity prize ceremony" },
	  { "إعلان الفائزات والفائزين في الأقطاب الثلاثة.",
	    "Annonce des lauréates et lauréats des trois filières.",
	    "The winners of the three categories are announced." },
	  "2024-02-24T16:00",
	  "2024-02-24T17:30",
	  0,
	  0,
	  { { "السيدة خديجة حجوبي — Mme Khadija Hajoubi",
	      "رئيسة اللجنة المنظمة — Présidente du comité d’organisation", "", 1 },
	    { "ممثل لجنة الشركاء — Le représentant du comité des partenaires (exemple)", "", "",
	      2 } } },
};

static cf_err run(db_stmt *s)
{
	return s ? db_run(s) : CF_ERR_DB;
}

static cf_err bookings(db *d, int64_t session, int n, int attended)
{
	static const char *const FIRST[] = { "Amina", "Khadija", "Zineb", "Hafsa",  "Meryem",
					     "Imane", "Salma",	 "Hind",  "Latifa", "Rachida" };
	static const char *const LAST[] = { "Bennis",  "Chraibi", "El Amrani",
					    "Kettani", "Lahlou",  "Sefrioui" };
	cf_err e = CF_OK;
	for (int i = 0; !e && i < n; i++) {
		char name[64], tok[PROG_TOKEN_LEN + 1], seed[48], phone[20];
		unsigned char h[PROG_TOKEN_LEN / 2];
		snprintf(name, sizeof name, "%s %s (exemple)", FIRST[i % 10], LAST[(i * 7) % 6]);
		snprintf(seed, sizeof seed, "coopfair-demo-booking-%lld-%d", (long long)session, i);
		crypto_generichash(h, sizeof h, (const unsigned char *)seed, strlen(seed), NULL, 0);
		sodium_bin2hex(tok, sizeof tok, h, sizeof h);
		snprintf(phone, sizeof phone, "0600%06d", 100 + i);
		db_stmt *s = db_prepare(d, SQL_BOOKING);
		if (!s)
			return CF_ERR_DB;
		db_bind_int(s, 1, session);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3, phone);
		db_bind_text(s, 4, "booked");
		db_bind_text(s, 5, tok);
		db_bind_int(s, 6, i < attended);
		db_bind_text(s, 7, "2024-02-19T09:00:00Z");
		e = db_run(s);
	}
	db_stmt *s = db_prepare(d, SQL_BOOKED);
	if (!e && s) {
		db_bind_int(s, 1, n);
		db_bind_int(s, 2, session);
		e = db_run(s);
	} else if (s) {
		db_done(s);
	}
	return e;
}

static cf_err space_of(db *d, int64_t ed, const char *kind, int64_t *id)
{
	db_stmt *s = db_prepare(d, SQL_SPACE);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	db_bind_text(s, 2, kind);
	cf_err e = db_row(s);
	*id = e ? 0 : db_col_int(s, 0);
	db_done(s);
	return e == CF_ERR_NOTFOUND ? CF_OK : e;
}

cf_err demo_prog(db *d, int64_t ed)
{
	cf_err e = CF_OK;
	db_stmt *s = db_prepare(d, SQL_SETTING);
	if (s)
		db_bind_int(s, 1, ed);
	e = run(s);
	for (size_t i = 0; !e && i < sizeof SESSIONS / sizeof *SESSIONS; i++) {
		const sess *v = &SESSIONS[i];
		int64_t space;
		if ((e = space_of(d, ed, v->space, &space)))
			break;
		s = db_prepare(d, SQL_SESSION);
		if (!s)
			return CF_ERR_DB;
		db_bind_int(s, 1, ed);
		if (space)
			db_bind_int(s, 2, space);
		else
			db_bind_null(s, 2);
		db_bind_text(s, 3, v->kind);
		for (int l = 0; l < 3; l++) {
			db_bind_text(s, 4 + l, v->title[l]);
			db_bind_text(s, 7 + l, v->about[l]);
		}
		db_bind_text(s, 10, v->starts);
		db_bind_text(s, 11, v->ends);
		db_bind_int(s, 12, v->capacity);
		db_bind_int(s, 13, v->booking);
		if ((e = db_run(s)))
			break;
		int64_t id = db_last_id(d);
		for (size_t k = 0; !e && k < sizeof v->speakers / sizeof *v->speakers; k++) {
			const spk *p = &v->speakers[k];
			if (!p->name)
				break;
			s = db_prepare(d, SQL_SPEAKER);
			if (!s)
				return CF_ERR_DB;
			db_bind_int(s, 1, id);
			db_bind_text(s, 2, p->name);
			db_bind_text(s, 3, p->title);
			db_bind_text(s, 4, p->org);
			db_bind_int(s, 5, p->protocol);
			e = db_run(s);
		}
		/* the coaching meeting and the first workshop have sample bookings */
		if (!e && !strcmp(v->kind, "meeting"))
			e = bookings(d, id, 12, 9);
		else if (!e && v->booking && !strcmp(v->starts, "2024-02-21T15:00"))
			e = bookings(d, id, 6, 5);
	}
	if (e)
		return e;
	s = db_prepare(d, SQL_POST);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	db_bind_text(s, 2, ANN_TITLE_AR);
	db_bind_text(s, 3, ANN_TITLE_FR);
	db_bind_text(s, 4, ANN_TITLE_EN);
	db_bind_text(s, 5, ANN_BODY_AR);
	db_bind_text(s, 6, ANN_BODY_FR);
	db_bind_text(s, 7, ANN_BODY_EN);
	return db_run(s);
}
