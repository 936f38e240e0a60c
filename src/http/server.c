/* server.c - the libmicrohttpd adapter; see server.h. */
#include "server.h"
#include "../db/db.h"
#include "../util/xalloc.h"
#include "request.h"
#include "router.h"
#include "../pages/pages.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define REQUEST_ARENA_CAP (64u << 20) /* 64 MiB: uploads are copied in */
/* COOPFAIR_REQUEST_MEMORY=N overrides it (bytes), for the tests of a request
 * that passes its cap. */
static size_t request_arena_cap(void)
{
	const char *v = getenv("COOPFAIR_REQUEST_MEMORY");
	long long n = v ? strtoll(v, NULL, 10) : 0;
	return n >= 65536 ? (size_t)n : REQUEST_ARENA_CAP;
}
#define PAGE_CAP (16u << 20)

/* The per-connection state of one request, from its first byte to its end. */
struct ctx {
	request r;
	struct MHD_PostProcessor *pp;
	buf body;    /* raw body when not a form */
	kv *fields;  /* form fields as they stream in */
	buf *values; /* their values, growing */
	size_t nfields, fields_cap;
	size_t received;
	size_t cap;  /* bytes of body the route accepts (router_admit) */
	size_t held; /* bytes counted in bodies_held */
	int too_big;
	int bad_body;
	int busy;    /* the bodies of all connections already fill their cap */
	int refused; /* the router refused the request before its body */
	/* A route that waits (route_waits) runs on a waiter thread while its
	 * connection is suspended, so the connection's thread serves its
	 * other connections meanwhile; the waiter resumes it when done. */
	struct MHD_Connection *con;
	int deferred;	  /* handed to a waiter */
	atomic_int ready; /* the waiter is done: the answer is in r */
	struct ctx *next; /* in the waiters' queue */
};

static const struct server_config *cfg;
/* Bytes of request bodies held by every connection together: past
 * cfg->bodies_total, a body gets 503 instead of memory. */
static atomic_size_t bodies_held;

/* A connection's clock for cfg->request_s: since when its current request
 * has been arriving (the connection's start, or the end of its previous
 * request), and whether it has arrived whole. The reaper thread shuts down
 * the socket of a request that takes longer, however slowly it drips. Once
 * the request has arrived the clock restarts for cfg->response_s: a client
 * that reads its answer slowly (or not at all) holds the connection and
 * the answer's buffer no longer than that. libmicrohttpd's own
 * CONNECTION_TIMEOUT is an idle timeout, reset by every byte sent, so it
 * does not bound a reader that takes a few bytes at a time. */
struct conn {
	struct conn *prev, *next;
	int fd;
	struct timespec since;
	int arrived;
	int cut;
};
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *conns;

static double seconds_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void on_connection(void *cls, struct MHD_Connection *con, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		struct conn *k = xcalloc(1, sizeof *k);
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
		k->fd = ci ? ci->connect_fd : -1;
		clock_gettime(CLOCK_MONOTONIC, &k->since);
		pthread_mutex_lock(&conns_lock);
		k->next = conns;
		if (conns)
			conns->prev = k;
		conns = k;
		pthread_mutex_unlock(&conns_lock);
		*socket_context = k;
		return;
	}
	/* Closed: libmicrohttpd tells before it closes the socket, so the
	 * reaper never shuts down a descriptor that was reused. */
	struct conn *k = *socket_context;
	if (!k)
		return;
	pthread_mutex_lock(&conns_lock);
	if (k->prev)
		k->prev->next = k->next;
	else
		conns = k->next;
	if (k->next)
		k->next->prev = k->prev;
	pthread_mutex_unlock(&conns_lock);
	free(k);
	*socket_context = NULL;
}

static struct conn *conn_of(struct MHD_Connection *con)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* conn_arrived - the request is whole (1), or the next one starts (0). */
static void conn_arrived(struct MHD_Connection *con, int arrived)
{
	struct conn *k = conn_of(con);
	if (!k)
		return;
	pthread_mutex_lock(&conns_lock);
	k->arrived = arrived;
	clock_gettime(CLOCK_MONOTONIC, &k->since);
	pthread_mutex_unlock(&conns_lock);
}

static volatile sig_atomic_t stop;
/* Posted by the signal handler, which may run on any thread of the process
 * (every thread but libmicrohttpd's takes SIGTERM): the main thread waits
 * on it, not in pause(), which only a signal handled on the main thread
 * would end. */
static sem_t stop_sem;

/* reaper - four times a second, cut the connections whose request has
 * taken longer than cfg->request_s to arrive, or whose answer has taken
 * longer than cfg->response_s to be made and read. */
static void *reaper(void *arg)
{
	(void)arg;
	while (!stop) {
		struct timespec tick = { 0, 250 * 1000 * 1000 };
		nanosleep(&tick, NULL);
		pthread_mutex_lock(&conns_lock);
		for (struct conn *k = conns; k; k = k->next) {
			unsigned limit = k->arrived ? cfg->response_s : cfg->request_s;
			if (limit && !k->cut && k->fd >= 0 &&
			    seconds_since(&k->since) > (double)limit) {
				shutdown(k->fd, SHUT_RDWR);
				k->cut = 1;
			}
		}
		pthread_mutex_unlock(&conns_lock);
	}
	return NULL;
}

static void ctx_free(struct ctx *c)
{
	atomic_fetch_sub(&bodies_held, c->held);
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	for (size_t i = 0; i < c->nfields; i++)
		buf_free(&c->values[i]);
	free(c->fields);
	free(c->values);
	buf_free(&c->body);
	buf_free(&c->r.out);
	arena_free(c->r.a);
	free(c);
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *filename, const char *content_type,
				const char *transfer_encoding, const char *data, uint64_t off,
				size_t size)
{
	(void)kind, (void)transfer_encoding;
	struct ctx *c = cls;
	/* A new field starts at offset 0 with another key, or with the same key
	 * (repeated fields) once the previous one has bytes: libmicrohttpd may
	 * first call with no data at offset 0, then again at offset 0 with the
	 * value, when a part's headers and value arrive in separate chunks. */
	int fresh = c->nfields == 0 || strcmp(c->fields[c->nfields - 1].key, key) ||
		    (off == 0 && c->values[c->nfields - 1].len > 0);
	if (fresh) {
		if (c->nfields == c->fields_cap) {
			if (c->fields_cap >= 4096) {
				c->too_big = 1;
				return MHD_NO;
			}
			c->fields_cap = c->fields_cap ? c->fields_cap * 2 : 16;
			c->fields = xrealloc(c->fields, c->fields_cap * sizeof *c->fields);
			c->values = xrealloc(c->values, c->fields_cap * sizeof *c->values);
		}
		kv *f = &c->fields[c->nfields];
		memset(f, 0, sizeof *f);
		f->key = arena_strdup(c->r.a, key);
		f->filename = filename ? arena_strdup(c->r.a, filename) : NULL;
		f->content_type = content_type ? arena_strdup(c->r.a, content_type) : NULL;
		buf_init(&c->values[c->nfields], c->cap);
		c->nfields++;
	}
	if (size && buf_append(&c->values[c->nfields - 1], data, size)) {
		c->too_big = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	(void)kind;
	struct ctx *c = cls;
	kv **arr;
	size_t *n;
	if (kind == MHD_GET_ARGUMENT_KIND)
		arr = &c->r.query, n = &c->r.nquery;
	else if (kind == MHD_COOKIE_KIND)
		arr = &c->r.cookies, n = &c->r.ncookies;
	else
		arr = &c->r.headers, n = &c->r.nheaders;
	if (*n >= 256)
		return MHD_NO;
	if (*n % 16 == 0) {
		kv *bigger = arena_alloc(c->r.a, (*n + 16) * sizeof(kv));
		if (*n)
			memcpy(bigger, *arr, *n * sizeof(kv));
		*arr = bigger;
	}
	kv *e = &(*arr)[(*n)++];
	e->key = arena_strdup(c->r.a, key ? key : "");
	e->value = arena_strdup(c->r.a, value ? value : "");
	e->len = strlen(e->value);
	return MHD_YES;
}

/* query_string_of - the query arguments as one canonical, percent-encoded
 * string ("a=1&b=x%20y"): libmicrohttpd hands over the URL without them. */
static const char *query_string_of(request *r)
{
	static const char hex[] = "0123456789ABCDEF";
	buf b;
	buf_init(&b, 64 * 1024);
	for (size_t i = 0; i < r->nquery; i++) {
		const char *parts[2] = { r->query[i].key, r->query[i].value };
		if (i)
			(void)buf_putc(&b, '&');
		for (int k = 0; k < 2; k++) {
			if (k)
				(void)buf_putc(&b, '=');
			for (const unsigned char *p = (const unsigned char *)parts[k]; *p; p++) {
				if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
				    *p == '.' || *p == '~') {
					(void)buf_putc(&b, (char)*p);
				} else {
					char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
					(void)buf_append(&b, e, 3);
				}
			}
		}
	}
	const char *out = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* client_address - the peer's IP address as text, in the arena. */
static const char *client_address(arena *a, struct MHD_Connection *con)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
				  &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
				  sizeof text);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
				  sizeof text);
	}
	return arena_strdup(a, text);
}

static http_method method_of(const char *m)
{
	if (!strcmp(m, "GET"))
		return HTTP_GET;
	if (!strcmp(m, "HEAD"))
		return HTTP_HEAD;
	if (!strcmp(m, "POST"))
		return HTTP_POST;
	if (!strcmp(m, "PUT"))
		return HTTP_PUT;
	if (!strcmp(m, "DELETE"))
		return HTTP_DELETE;
	return HTTP_OTHER;
}

static enum MHD_Result send_response(struct MHD_Connection *con, request *r)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(r->out.len, r->out.data, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				r->content_type ? r->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; "
				"script-src 'self'; object-src 'none'; base-uri 'none'; "
				"form-action 'self'; frame-ancestors 'none'");
	for (size_t i = 0; i < r->nresp_headers; i++)
		MHD_add_response_header(resp, r->resp_headers[i].key, r->resp_headers[i].value);
	enum MHD_Result ret = MHD_queue_response(con, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ---- waiters: routes whose handler waits (a group commit) ----
 *
 * A libmicrohttpd worker thread serves many connections; a handler that
 * blocks there (waiting for its batch's fsync) stalls all of them, and the
 * group commit then gathers only as many requests as there are workers
 * free. So such a route's request is suspended on its connection and run
 * by one of a pool of waiter threads, which resumes the connection when the
 * answer is ready; libmicrohttpd then calls on_request once more and the
 * answer is sent from the connection's own thread. */
static pthread_mutex_t wait_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wait_cv = PTHREAD_COND_INITIALIZER;
static struct ctx *wait_head, *wait_tail;
static int waiters_started, waiters_stop;
static long waiting; /* requests handed to waiters and not yet resumed */

static void *waiter(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&wait_mu);
		while (!wait_head && !waiters_stop)
			pthread_cond_wait(&wait_cv, &wait_mu);
		if (!wait_head) {
			pthread_mutex_unlock(&wait_mu);
			db_thread_close();
			return NULL;
		}
		struct ctx *c = wait_head;
		wait_head = c->next;
		if (!wait_head)
			wait_tail = NULL;
		pthread_mutex_unlock(&wait_mu);
		router_dispatch(&c->r);
		atomic_store(&c->ready, 1);
		struct MHD_Connection *con = c->con;
		pthread_mutex_lock(&wait_mu);
		waiting--;
		pthread_mutex_unlock(&wait_mu);
		MHD_resume_connection(con);
	}
}

/* defer - hand c to a waiter; 0 when there is no waiter (run it here). */
static int defer(struct MHD_Connection *con, struct ctx *c)
{
	if (!waiters_started)
		return 0;
	c->con = con;
	c->deferred = 1;
	MHD_suspend_connection(con);
	pthread_mutex_lock(&wait_mu);
	c->next = NULL;
	if (wait_tail)
		wait_tail->next = c;
	else
		wait_head = c;
	wait_tail = c;
	waiting++;
	pthread_cond_signal(&wait_cv);
	pthread_mutex_unlock(&wait_mu);
	return 1;
}

/* waiter_count - how many requests may wait at once: the most a group
 * commit gathers. Each waiter may hold a database connection, hence the
 * bound. COOPFAIR_WAITERS overrides it; 0 runs those routes on the
 * connection's thread like any other (bench/gate.mjs compares the two). */
static int waiter_count(int threads)
{
	const char *e = getenv("COOPFAIR_WAITERS");
	long n = e && *e ? strtol(e, NULL, 10) : 4L * threads;
	if (e && *e && n <= 0)
		return 0;
	if (n < 16)
		n = 16;
	return n > 256 ? 256 : (int)n;
}

/* waiters_start - n waiter threads. */
static void waiters_start(int n)
{
	for (int i = 0; i < n; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, waiter, NULL))
			break;
		pthread_detach(t);
		waiters_started++;
	}
}

/* waiters_drain - wait (at most ~10 s) until no request is with a waiter:
 * libmicrohttpd must not be stopped with a connection suspended. */
static void waiters_drain(void)
{
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&wait_mu);
		long n = waiting;
		if (!n)
			waiters_stop = 1, pthread_cond_broadcast(&wait_cv);
		pthread_mutex_unlock(&wait_mu);
		if (!n)
			return;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	(void)cls, (void)version;
	struct ctx *c = *con_cls;
	if (!c) {
		/* First call: headers only. Do not queue here: libmicrohttpd 0.9.75
		 * closes the connection after a response queued on the first call,
		 * which would cost every request a new connection. */
		c = xcalloc(1, sizeof *c);
		c->r.a = arena_new(request_arena_cap());
		c->r.method = method_of(method);
		const char *local = site_local(url); /* NULL: outside the site, 404 */
		c->r.path = arena_strdup(c->r.a, local ? local : "");
		c->r.client = client_address(c->r.a, con);
		buf_init(&c->r.out, PAGE_CAP);
		MHD_get_connection_values(con, MHD_HEADER_KIND, collect, c);
		MHD_get_connection_values(con, MHD_COOKIE_KIND, collect, c);
		MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect, c);
		c->r.query_string = query_string_of(&c->r);
		*con_cls = c;
		/* Route and roles before the body: its size is the route's to
		 * say, and a refused request never gets its body read. */
		c->cap = router_admit(&c->r);
		if (c->cap > cfg->upload_cap)
			c->cap = cfg->upload_cap;
		buf_init(&c->body, c->cap);
		const char *cl =
			MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
		unsigned long long announced = cl ? strtoull(cl, NULL, 10) : 0;
		int big_body =
			announced > BODY_CAP_PUBLIC ||
			MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Transfer-Encoding");
		if (!c->r.route) {
			c->refused = 1;
			/* Queuing on the first call closes the connection
			 * afterwards, which is right when a large unread body
			 * is still on the wire. A small one is read and thrown
			 * away (closing with it unread would reset the
			 * connection under the answer); answer on the last
			 * call and keep the connection. */
			return big_body ? send_response(con, &c->r) : MHD_YES;
		}
		if (cl && strtoull(cl, NULL, 10) > c->cap)
			c->too_big = 1;
		if (!c->too_big && (c->r.method == HTTP_POST || c->r.method == HTTP_PUT))
			c->pp = MHD_create_post_processor(con, 64 * 1024, on_field, c);
		if (c->too_big) {
			/* Announced over the cap: answer now rather than read (or
			 * wait for) a body we would throw away. */
			page_error_status(&c->r, 413);
			return send_response(con, &c->r);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		c->received += n;
		if (c->received > c->cap)
			c->too_big = 1;
		if (!c->too_big && !c->bad_body && !c->busy && !c->refused) {
			if (atomic_fetch_add(&bodies_held, n) + n > cfg->bodies_total) {
				atomic_fetch_sub(&bodies_held, n);
				c->busy = 1;
			} else {
				c->held += n;
			}
		}
		if (!c->too_big && !c->bad_body && !c->busy && !c->refused) {
			if (c->pp) {
				if (MHD_post_process(c->pp, upload_data, n) != MHD_YES &&
				    !c->too_big)
					c->bad_body = 1;
			} else if (buf_append(&c->body, upload_data, n)) {
				c->too_big = 1;
			}
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	if (c->deferred) /* called again once its waiter resumed it */
		return atomic_load(&c->ready) ? send_response(con, &c->r) : MHD_YES;
	conn_arrived(con, 1);
	if (c->refused)
		return send_response(con, &c->r);
	request *r = &c->r;
	r->form = arena_alloc(r->a, (c->nfields + 1) * sizeof(kv));
	for (size_t i = 0; i < c->nfields; i++) {
		r->form[i] = c->fields[i];
		r->form[i].len = c->values[i].len;
		r->form[i].value = arena_strndup(r->a, buf_cstr(&c->values[i]), c->values[i].len);
	}
	r->nform = c->nfields;
	r->body = c->body.len ? buf_cstr(&c->body) : NULL;
	r->body_len = c->body.len;
	r->status = 500;
	if (c->too_big) {
		page_error_status(r, 413);
	} else if (c->busy) {
		/* admitted, so the router settled the language */
		page_error(
			r, 503,
			tr(r->lang,
			   "The server is receiving too much at once. Send it again in a minute."));
		resp_header(r, "Retry-After", "10");
	} else if (c->bad_body)
		page_error_status(r, 400);
	else if (route_waits(r->route) && defer(con, c))
		return MHD_YES;
	else
		router_dispatch(r);
	return send_response(con, r);
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)toe;
	if (*con_cls)
		ctx_free(*con_cls);
	*con_cls = NULL;
	conn_arrived(con, 0);
}
static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
	sem_post(&stop_sem); /* async-signal-safe */
}

static int listen_socket(const struct server_config *c, const char **why)
{
	struct sockaddr_storage ss;
	socklen_t len;
	memset(&ss, 0, sizeof ss);
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, c->addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)c->port);
		len = sizeof *v4;
	} else if (inet_pton(AF_INET6, c->addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)c->port);
		len = sizeof *v6;
	} else {
		*why = "the address is not an IPv4 or IPv6 address";
		return -2;
	}
	int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		*why = strerror(errno);
		return -2;
	}
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 511) < 0) {
		int busy = errno == EADDRINUSE;
		*why = busy ? "the port is already in use (is another coopfair running?)"
			    : strerror(errno);
		close(fd);
		return busy ? -1 : -2;
	}
	return fd;
}

cf_err server_run(const struct server_config *c, const char **why)
{
	cfg = c;
	int fd = listen_socket(c, why);
	if (fd == -1)
		return CF_ERR_BUSY;
	if (fd < 0)
		return CF_ERR_IO;
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_USE_ERROR_LOG |
			MHD_ALLOW_SUSPEND_RESUME,
		0, NULL, NULL, on_request, NULL, MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_THREAD_POOL_SIZE, c->threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)(128 * 1024), MHD_OPTION_CONNECTION_TIMEOUT, c->timeout_s,
		MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned)c->per_addr, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_END);
	if (!d) {
		close(fd);
		*why = "the HTTP server could not start";
		return CF_ERR_IO;
	}
	sem_init(&stop_sem, 0, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	waiters_start(waiter_count(c->threads));
	pthread_t reaper_thread;
	int reaping = (c->request_s || c->response_s) &&
		      !pthread_create(&reaper_thread, NULL, reaper, NULL);
	while (!stop)
		(void)sem_wait(&stop_sem); /* EINTR: look at stop again */
	if (reaping)
		pthread_join(reaper_thread, NULL);
	waiters_drain();
	MHD_stop_daemon(d);
	close(fd);
	return CF_OK;
}
