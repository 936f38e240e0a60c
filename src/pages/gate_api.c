/*
 * gate_api.c - the JSON API for dedicated scanners (docs/gate.md).
 *
 *   POST /api/gate/checkin
 *     Authorization: Bearer GATE_KEY   (the gate's scanner key, on /desk)
 *     Idempotency-Key: K               (or "idempotency_key" in the body)
 *     {"code": "TOKEN", "direction": "in" | "out", "idempotency_key": "K"}
 *     (or the same fields as an application/x-www-form-urlencoded form)
 *   200 {"result": "ok"|"unknown"|"revoked"|"inside"|"outside"|"day"|"hours",
 *        "green": true|false, "replay": false, "badge": {...} | null}
 *   400 malformed body, 401 no or wrong key, 503 not committed (retry with
 *   the same key: a retried scan is answered once and recorded once).
 *
 * The answer is sent only after the scan is committed durably (gate.h).
 * No cookie is involved: the bearer key is not sent by a browser on its
 * own, so the route needs no CSRF token.
 */
#include "../html/html.h"
#include "../model/gate.h"
#include "gate.h"

#include <jansson.h>
#include <string.h>

static void answer_error(request *r, int status, const char *code)
{
	r->status = status;
	r->content_type = "application/json";
	html_raw(&r->out, "{\"error\":");
	json_str(&r->out, code);
	html_raw(&r->out, "}\n");
}

/* A scan handed to the writer: what answers it once its batch is over. */
typedef struct pending {
	request *r;
	gate_answer a;
	cf_err e;
} pending;

static void answer(request *r, cf_err e, const gate_answer *a)
{
	if (e == CF_ERR_INVALID) {
		answer_error(r, 400, "idempotency_key");
		return;
	}
	if (e) {
		answer_error(r, 503, "retry");
		return;
	}
	r->content_type = "application/json";
	buf *o = &r->out;
	html_raw(o, "{\"result\":");
	json_str(o, gate_result_code(a->result));
	html_printf(o, ",\"green\":%s,\"replay\":%s,\"badge\":",
		    a->result == GATE_OK ? "true" : "false", a->replay ? "true" : "false");
	if (a->badge_id) {
		html_printf(o, "{\"id\":%lld,\"role\":", (long long)a->badge_id);
		json_str(o, a->role);
		html_raw(o, ",\"name_ar\":");
		json_str(o, a->name_ar);
		html_raw(o, ",\"name_latin\":");
		json_str(o, a->name_latin);
		html_raw(o, ",\"organisation\":");
		json_str(o, a->organisation);
		html_raw(o, "}");
	} else
		html_raw(o, "null");
	html_raw(o, "}\n");
}

/* on the writer's thread: the scan is committed (or its batch failed) */
static void committed(void *arg)
{
	req_resume(((pending *)arg)->r);
}

/* back on the connection's thread */
static void resumed(request *r, void *arg)
{
	pending *p = arg;
	answer(r, p->e, &p->a);
}

/* POST /api/gate/checkin */
void page_gate_api_checkin(request *r)
{
	const char *auth = req_header(r, "Authorization");
	gate_info g;
	if (!auth || strncmp(auth, "Bearer ", 7) || gate_by_key(r->a, auth + 7, &g)) {
		answer_error(r, 401, "key");
		return;
	}
	json_error_t jerr;
	json_t *j = r->body ? json_loadb(r->body, r->body_len, 0, &jerr) : NULL;
	const char *code = j ? json_string_value(json_object_get(j, "code")) : NULL;
	const char *dir = j ? json_string_value(json_object_get(j, "direction")) : NULL;
	const char *idem = req_header(r, "Idempotency-Key");
	if (!idem && j)
		idem = json_string_value(json_object_get(j, "idempotency_key"));
	if (!j) { /* a form body: the same three fields */
		code = req_form(r, "code");
		dir = req_form(r, "direction");
		if (!idem)
			idem = req_form(r, "idempotency_key");
	}
	if (!code || (dir && strcmp(dir, "in") && strcmp(dir, "out"))) {
		json_decref(j);
		answer_error(r, 400, "body");
		return;
	}
	int in = !dir || !strcmp(dir, "in");
	pending *p = arena_alloc(r->a, sizeof *p);
	memset(p, 0, sizeof *p);
	p->r = r;
	cf_err e;
	/* the connection's thread serves other scanners meanwhile; where the
	 * request cannot be suspended, wait here */
	if (req_suspend(r, resumed, p)) {
		e = gate_checkin_start(r->a, &g, code, in, idem, &p->a, &p->e, committed, p);
		json_decref(j);
		if (e) { /* never queued: answer now */
			p->e = e;
			req_resume(r);
		}
		return;
	}
	e = gate_checkin(g.id, code, in, idem, &p->a);
	json_decref(j);
	answer(r, e, &p->a);
}
