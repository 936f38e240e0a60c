/*
 * prize_preview.c - what closing a prize category, or publishing its
 * results, will do, shown before it is done (issue 10, point 6).
 *
 *   POST /admin/prize/categories/{id}/close     without previewed=1
 *   POST /admin/prize/categories/{id}/publish   without previewed=1
 *
 * The category page's buttons post there; the answer is this preview (200),
 * nothing changed: for closing, the ranking that closing freezes and the
 * sheets still missing; for publishing, the winners exactly as the public
 * prize page will list them and the certificates that follow. Its own
 * button posts again with previewed=1 and confirm=1, which acts.
 * Roles: ROLES_ORGANISERS (the routes').
 */
#include "../html/html.h"
#include "../model/prize.h"
#include "prize.h"

#include <string.h>

/* winners - the public page's list (prize_public.c) for the ranking res. */
static void winners(request *r, const prize_results *res, int nwin)
{
	lang l = r->lang;
	int any = 0;
	for (int i = 0; i < res->n; i++) {
		const prize_ranked *e = &res->entries[i];
		if (e->rank < 1 || e->rank > nwin)
			continue;
		if (!any)
			html_raw(&r->out, "<ol class=\"winners\" id=\"preview-winners\">");
		any = 1;
		html_printf(
			&r->out,
			"<li value=\"%d\"><bdi>%s</bdi> <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span></li>",
			e->rank, l == LANG_AR ? e->name_ar : e->name_fr, l == LANG_AR ? "fr" : "ar",
			l == LANG_AR ? e->name_fr : e->name_ar);
	}
	if (any)
		html_raw(&r->out, "</ol>");
	else
		html_printf(&r->out, "<p class=\"found\">%s</p>", tr(l, "No entry is ranked yet."));
}

/* frozen - the ranking closing freezes: rank, entry, score, sheets. */
static void frozen(request *r, const prize_results *res, int nwin)
{
	lang l = r->lang;
	html_printf(
		&r->out,
		"<div class=\"table-wrap\"><table class=\"ranking\" id=\"preview-ranking\"><thead><tr>"
		"<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Rank"), tr(l, "Entry"), tr(l, "Corrected score"),
		tr(l, "Complete score sheets"));
	for (int i = 0; i < res->n; i++) {
		const prize_ranked *e = &res->entries[i];
		html_raw(&r->out,
			 e->rank >= 1 && e->rank <= nwin ? "<tr class=\"winner\">" : "<tr>");
		html_printf(&r->out, "<td>%s</td><td><bdi>%s</bdi></td><td>%s</td><td>%d</td></tr>",
			    e->rank ? arena_printf(r->a, "%d", e->rank) : "—",
			    l == LANG_AR ? e->name_ar : e->name_fr,
			    e->nmarks ? fmt_dec(r, e->adjusted, 2) : "—", e->nmarks);
	}
	html_raw(&r->out, "</tbody></table></div>");
}

void prize_preview_page(request *r, int publishing)
{
	lang l = r->lang;
	prize_category cat;
	prize_results res;
	prize_warning w;
	if (prize_category_get(r->a, r->id, &cat)) {
		page_error(r, 404, NULL);
		return;
	}
	cf_err e = prize_warn(r->id, publishing, &w);
	if (e == CF_ERR_CONFLICT) {
		r->status = 409;
		page_error(r, 409,
			   publishing ? tr(l, "Only a closed category can be published.")
				      : tr(l, "Only an open category can be closed."));
		return;
	}
	if (e || prize_compute(r->a, r->id, &res)) {
		page_error(r, 500, NULL);
		return;
	}
	const char *title = publishing ? tr(l, "Preview of the publication of the results")
				       : tr(l, "Preview of the closing of scoring");
	page_begin(r, title, 0);
	buf *o = &r->out;
	html_printf(o,
		    "<p><a href=\"%s\">%s</a></p><h1>%s — %s</h1>"
		    "<div id=\"preview\">",
		    site_href(r, "/admin/prize/categories/%lld", (long long)cat.id),
		    text3_get(&cat.name, l), title, text3_get(&cat.name, l));
	const char *warn = NULL;
	if (!publishing) {
		html_printf(
			o, "<p>%s</p>",
			tr(l,
			   "Once scoring is closed, no juror can add or change a score. The ranking it freezes:"));
		frozen(r, &res, cat.winners);
		if (w.missing_sheets)
			warn = arena_printf(
				r->a,
				trn(l,
				    "%d score sheet of %d is still missing: once closed, no juror can add it.",
				    "%d score sheets of %d are still missing: once closed, no juror can add them.",
				    w.missing_sheets),
				w.missing_sheets, w.sheets);
		if (w.flagged_jurors)
			warn = arena_printf(
				r->a, "%s %s", warn ? warn : "",
				arena_printf(
					r->a,
					trn(l,
					    "%d juror is flagged in the table of jurors below: look at their scores first.",
					    "%d jurors are flagged in the table of jurors below: look at their scores first.",
					    w.flagged_jurors),
					w.flagged_jurors));
	} else {
		html_printf(
			o, "<p>%s</p>",
			tr(l,
			   "What the public prize page will show for this category once you confirm:"));
		winners(r, &res, cat.winners);
		int ranked = 0;
		for (int i = 0; i < res.n; i++)
			ranked += res.entries[i].rank >= 1;
		int nwin = ranked < cat.winners ? ranked : cat.winners;
		html_printf(o, "<p>%s %s</p>",
			    arena_printf(r->a, tr(l, "Winners' certificates, with their rank: %d."),
					 nwin),
			    arena_printf(r->a,
					 tr(l, "Participation certificates, without a rank: %d."),
					 ranked - nwin));
		html_printf(
			o, "<p>%s</p>",
			tr(l,
			   "Each certificate carries a verification code and the head of the prize log at publication. A publication can be withdrawn afterwards; the public page then says so."));
		if (w.podium_short)
			warn = arena_printf(
				r->a,
				trn(l,
				    "%d winner was scored by fewer than %d jurors (the fewest: %d). Publish only if the committee accepts it.",
				    "%d winners were scored by fewer than %d jurors (the fewest: %d). Publish only if the committee accepts it.",
				    w.podium_short),
				w.podium_short, w.k, w.fewest);
	}
	if (warn)
		html_printf(
			o, "<div class=\"error-box\" role=\"alert\" id=\"warning\"><p>%s</p></div>",
			warn);
	html_printf(o, "</div><form method=\"post\" action=\"%s\" class=\"inline\">",
		    site_href(r, "/admin/prize/categories/%lld/%s", (long long)cat.id,
			      publishing ? "publish" : "close"));
	page_csrf_field(r);
	html_printf(
		o,
		"<input type=\"hidden\" name=\"previewed\" value=\"1\"><input type=\"hidden\" "
		"name=\"confirm\" value=\"1\"><button type=\"submit\" id=\"confirm\">%s</button></form> "
		"<a href=\"%s\">%s</a>",
		publishing ? (warn ? tr(l, "Publish anyway") : tr(l, "Publish the results"))
			   : (warn ? tr(l, "Close scoring anyway") : tr(l, "Close scoring")),
		site_href(r, "/admin/prize/categories/%lld", (long long)cat.id), tr(l, "Cancel"));
	page_end(r);
}
