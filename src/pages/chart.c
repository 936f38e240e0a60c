/*
 * chart.c - bar charts as SVG, drawn by coopfair (the gate's counts, the
 * impact report). Every text goes through html_printf's escaping.
 */
#include "../html/html.h"
#include "pages.h"

void page_bars(request *r, const char *title, const page_bar *v, size_t n, int second)
{
	buf *o = &r->out;
	long max = 1;
	for (size_t i = 0; i < n; i++)
		if (v[i].v > max)
			max = v[i].v;
	int bw = 36, h = 160, w = (int)n * (bw + 12) + 12;
	html_printf(o,
		    "<figure class=\"chart\" tabindex=\"0\"><figcaption>%s</figcaption>"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		    "height=\"%d\" role=\"img\" aria-label=\"%s\" direction=\"ltr\">",
		    title, w, h + 40, w, h + 40, title);
	for (size_t i = 0; i < n; i++) {
		int x = 12 + (int)i * (bw + 12);
		int he = (int)(v[i].v * h / max), hu = (int)(v[i].v2 * h / max);
		html_printf(
			o,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2e7d32\"><title>%ld</title></rect>",
			x, h - he, second ? bw / 2 : bw, he, v[i].v);
		if (second)
			html_printf(
				o,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#a5d6a7\"><title>%ld</title></rect>",
				x + bw / 2, h - hu, bw / 2, hu, v[i].v2);
		html_printf(
			o,
			"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>"
			"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%ld</text>",
			x + bw / 2, h + 14, v[i].label, x + bw / 2, h + 28, v[i].v);
	}
	html_raw(o, "</svg></figure>");
}
