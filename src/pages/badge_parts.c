/*
 * badge_parts.c - what every badge page shares: the role's label, the QR
 * code drawn as SVG by coopfair (libqrencode gives the modules), and the
 * badge card (colour band, names in Arabic and Latin script, organisation,
 * edition, the QR code and the token printed below it).
 */
#include "../html/html.h"
#include "../model/badge.h"
#include "../model/edition.h"
#include "gate.h"

#include <qrencode.h>
#include <string.h>

const char *badge_role_label(request *r, const char *role)
{
	lang l = r->lang;
	if (!strcmp(role, "visitor"))
		return tr(l, "Visitor");
	if (!strcmp(role, "exhibitor"))
		return tr(l, "Exhibitor");
	if (!strcmp(role, "jury"))
		return tr(l, "Jury");
	if (!strcmp(role, "official"))
		return tr(l, "Official");
	if (!strcmp(role, "press"))
		return tr(l, "Press");
	if (!strcmp(role, "staff"))
		return tr(l, "Staff");
	return role;
}

void badge_qr_svg(request *r, const char *token)
{
	QRcode *q = QRcode_encodeString(token, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return;
	int w = q->width, quiet = 4, size = w + 2 * quiet;
	html_printf(
		&r->out,
		"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		"width=\"200\" height=\"200\" role=\"img\" aria-label=\"QR\" "
		"shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		"<path fill=\"#000\" d=\"",
		size, size, size, size);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (q->data[y * w + x] & 1)
				html_printf(&r->out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	html_raw(&r->out, "\"/></svg>");
	QRcode_free(q);
}

void badge_card(request *r, const badge *b)
{
	lang l = r->lang;
	edition ed;
	const char *edname = "";
	if (!edition_by_id(r->a, b->edition_id, &ed))
		edname = text3_get(&ed.name, l);
	html_printf(&r->out,
		    "<article class=\"badge badge-%s\"><p class=\"badge-band\">%s</p>"
		    "<p class=\"badge-name\" lang=\"ar\" dir=\"rtl\"><bdi>%s</bdi></p>"
		    "<p class=\"badge-latin\" lang=\"fr\" dir=\"ltr\"><bdi>%s</bdi></p>"
		    "<p class=\"badge-org\"><bdi>%s</bdi></p><p class=\"badge-ed\">%s</p>",
		    b->role, badge_role_label(r, b->role), b->name_ar, b->name_latin,
		    b->organisation, edname);
	if (b->revoked)
		html_printf(&r->out, "<p class=\"gate-red\">%s</p>", tr(l, "Revoked"));
	badge_qr_svg(r, b->token);
	html_printf(&r->out, "<p class=\"badge-token\" dir=\"ltr\"><code>%s</code></p></article>",
		    b->token);
}
