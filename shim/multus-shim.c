/*
 * multus-shim: the CNI plugin binary the container runtime execs in thick mode.
 *
 * It is the only C in multus-ts because it runs once per CNI call and must start in a few ms with no
 * runtime of its own; everything else lives in the daemon. It forwards its whole environment and stdin
 * to the daemon's socket (HTTP/1.1, wire-compatible with Multus' Go shim), prints the answer and exits
 * 0 on success, 1 with a CNI error JSON on stdout otherwise. See docs/shim.md.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#ifndef MULTUS_SHIM_VERSION
#define MULTUS_SHIM_VERSION "0.1.0"
#endif
#define DEFAULT_SOCKET_DIR "/run/multus/"
#define OUR_CONTENT_TYPE "application/vnd.multus-ts.cni-output+json"
#define MAX_STDIN ((size_t)16 << 20)    /* a CNI config is a few KiB; this only stops a runaway writer */
#define MAX_RESPONSE ((size_t)64 << 20) /* likewise for a misbehaving daemon */
#define ERR_BODY_MAX 4096               /* keep wrapped error messages readable in kubelet events */
#define UNREACHABLE_DETAILS "is the multus-daemon running on this node? The runtime retries; pods do not " \
                            "start with only the primary network while it is down."

extern char **environ;

struct buf {
    char *p;
    size_t len, cap;
};

static const char *sock_path = DEFAULT_SOCKET_DIR "multus.sock";

static bool write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Out of memory cannot build a message dynamically, so it prints a fixed one. */
_Noreturn static void oom(void) {
    static const char m[] = "{\"code\":999,\"msg\":\"multus-shim: out of memory\"}\n";
    write_all(1, m, sizeof m - 1);
    exit(1);
}

static void buf_reserve(struct buf *b, size_t extra) {
    if (extra > SIZE_MAX / 2 - b->len) oom();
    if (b->len + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) oom();
    b->p = p;
    b->cap = cap;
}

static void buf_add(struct buf *b, const char *p, size_t n) {
    if (n == 0) return; /* p may be NULL for an empty buffer: memcpy(NULL) would be UB */
    buf_reserve(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

static void buf_str(struct buf *b, const char *s) { buf_add(b, s, strlen(s)); }

/* JSON string contents: quote, backslash and control bytes escaped; bytes >= 0x80 pass through, since
 * env values are UTF-8 in practice and the daemon decodes invalid sequences to U+FFFD anyway. */
static void buf_json(struct buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            buf_add(b, e, 2);
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_add(b, e, 6);
        } else {
            buf_add(b, (const char *)&s[i], 1);
        }
    }
}

static void buf_base64(struct buf *b, const unsigned char *s, size_t n) {
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    buf_reserve(b, (n + 2) / 3 * 4);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16;
        if (i + 1 < n) v |= (uint32_t)s[i + 1] << 8;
        if (i + 2 < n) v |= s[i + 2];
        char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=',
                     i + 2 < n ? tab[v & 63] : '='};
        buf_add(b, q, 4);
    }
}

/* Prints a CNI error object on stdout (where the runtime looks for it) and exits 1. */
_Noreturn static void fail(int code, const char *msg, size_t msglen, const char *details) {
    struct buf o = {0};
    char num[24];
    snprintf(num, sizeof num, "%d", code);
    buf_str(&o, "{\"code\":");
    buf_str(&o, num);
    buf_str(&o, ",\"msg\":\"");
    buf_json(&o, msg, msglen);
    buf_str(&o, "\"");
    if (details) {
        buf_str(&o, ",\"details\":\"");
        buf_json(&o, details, strlen(details));
        buf_str(&o, "\"");
    }
    buf_str(&o, "}\n");
    write_all(1, o.p, o.len);
    exit(1);
}

_Noreturn static void fail_str(int code, const char *msg) { fail(code, msg, strlen(msg), NULL); }

/* Code 11 ("try again later") for every way the daemon cannot answer: the runtime keeps the sandbox
 * and retries, which is the point (Multus' shim answers success on DEL here and leaks what it held). */
_Noreturn static void fail_unreachable(const char *reason) {
    struct buf m = {0};
    buf_str(&m, "multus-ts daemon not reachable at ");
    buf_str(&m, sock_path);
    buf_str(&m, ": ");
    buf_str(&m, reason);
    fail(11, m.p, m.len, UNREACHABLE_DETAILS);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A millisecond setting from the environment; anything unparsable falls back to the default. */
static long long env_ms(const char *name, long long def, long long min) {
    const char *v = getenv(name);
    if (!v || !*v) return def;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || *end || n < min || n > 86400000LL) return def;
    return n;
}

static void sleep_ms(long long ms) {
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
    }
}

/* ---- a tiny JSON scanner: just enough to find top-level keys; never trusts its input ---- */

/* strchr(set, c) but false for c == 0, which strchr would find as the terminator. */
static bool in_set(char c, const char *set) { return c && strchr(set, c); }

static size_t skip_ws(const char *s, size_t n, size_t i) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

static bool isdig(char c) { return c >= '0' && c <= '9'; }

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool hex4(const char *s, size_t n, size_t i, unsigned *out) {
    if (n < 4 || i > n - 4) return false;
    unsigned v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hexval(s[i + k]);
        if (h < 0) return false;
        v = v << 4 | (unsigned)h;
    }
    *out = v;
    return true;
}

static size_t put_utf8(char *o, unsigned cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 63)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | (cp >> 6 & 63)); o[2] = (char)(0x80 | (cp & 63));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | (cp >> 12 & 63));
    o[2] = (char)(0x80 | (cp >> 6 & 63)); o[3] = (char)(0x80 | (cp & 63));
    return 4;
}

/* Scans the string starting at s[*i] == '"' and leaves *i after the closing quote. When out is given,
 * the decoded bytes go there; a decoded string never exceeds its raw length, and *outlen is set to
 * SIZE_MAX when it does not fit outcap (the caller then treats it as "no match"). */
static bool scan_string(const char *s, size_t n, size_t *i, char *out, size_t outcap, size_t *outlen) {
    size_t k = *i + 1, o = 0;
    bool over = false;
    while (k < n && s[k] != '"') {
        char tmp[4];
        size_t tl = 1;
        tmp[0] = s[k];
        if (s[k] == '\\') {
            if (++k >= n) return false;
            char c = s[k];
            unsigned cp;
            tmp[0] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 'b' ? '\b' : c == 'f' ? '\f' : c;
            if (c == 'u') {
                if (!hex4(s, n, k + 1, &cp)) return false;
                k += 4;
                unsigned lo;
                if (cp >= 0xD800 && cp < 0xDC00 && k + 2 < n && s[k + 1] == '\\' && s[k + 2] == 'u' &&
                    hex4(s, n, k + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    k += 6;
                } else if (cp >= 0xD800 && cp < 0xE000) {
                    cp = 0xFFFD; /* a lone surrogate has no UTF-8 form */
                }
                tl = put_utf8(tmp, cp);
            }
        }
        k++;
        if (out && !over) {
            if (outcap - o < tl) over = true;
            else { memcpy(out + o, tmp, tl); o += tl; }
        }
    }
    if (k >= n) return false;
    *i = k + 1;
    if (outlen) *outlen = over ? SIZE_MAX : o;
    return true;
}

/* Skips any JSON value (loosely: scalars are not validated, brackets only counted). */
static bool skip_value(const char *s, size_t n, size_t *i) {
    size_t k = *i;
    if (k >= n) return false;
    if (s[k] == '"') return scan_string(s, n, i, NULL, 0, NULL);
    if (s[k] == '{' || s[k] == '[') {
        size_t depth = 0;
        while (k < n) {
            char c = s[k];
            if (c == '"') {
                if (!scan_string(s, n, &k, NULL, 0, NULL)) return false;
                continue;
            }
            if (c == '{' || c == '[') depth++;
            else if ((c == '}' || c == ']') && --depth == 0) { *i = k + 1; return true; }
            k++;
        }
        return false;
    }
    while (k < n && !in_set(s[k], " \t\r\n,}]:{[\"")) k++;
    if (k == *i) return false;
    *i = k;
    return true;
}

static bool key_eq(const char *a, size_t alen, const char *key, bool nocase) {
    size_t kl = strlen(key);
    if (alen != kl) return false;
    for (size_t j = 0; j < kl; j++) {
        char x = a[j], y = key[j];
        if (nocase) {
            if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
            if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        }
        if (x != y) return false;
    }
    return true;
}

/* Finds the raw span [*vs, *ve) of the value of top-level `key` in the object `s`; the last occurrence
 * wins, as in JSON.parse and Go. *whole tells whether the text is exactly one complete object. A
 * malformed text stops the scan but keeps what was found before. */
static bool find_key(const char *s, size_t n, const char *key, bool nocase, size_t *vs, size_t *ve, bool *whole) {
    bool found = false;
    size_t i = skip_ws(s, n, 0);
    *whole = false;
    if (i >= n || s[i] != '{') return false;
    i = skip_ws(s, n, i + 1);
    if (i < n && s[i] == '}') {
        *whole = skip_ws(s, n, i + 1) == n;
        return false;
    }
    while (i < n && s[i] == '"') {
        char k[64];
        size_t klen, start;
        if (!scan_string(s, n, &i, k, sizeof k, &klen)) break;
        i = skip_ws(s, n, i);
        if (i >= n || s[i] != ':') break;
        start = i = skip_ws(s, n, i + 1);
        if (!skip_value(s, n, &i)) break;
        if (klen != SIZE_MAX && key_eq(k, klen, key, nocase)) {
            found = true;
            *vs = start;
            *ve = i;
        }
        i = skip_ws(s, n, i);
        if (i < n && s[i] == ',') { i = skip_ws(s, n, i + 1); continue; }
        if (i < n && s[i] == '}') *whole = skip_ws(s, n, i + 1) == n;
        break;
    }
    return found;
}

/* ---- HTTP response parsing ---- */

enum framing { BY_CLOSE, BY_LENGTH, CHUNKED };

struct resp {
    int status;
    size_t body; /* offset of the body in the receive buffer */
    enum framing framing;
    size_t clen;
    bool ours; /* Content-Type is our daemon's: the body is the plugin output verbatim */
};

static const char *trim(const char *s, size_t *n) {
    while (*n && (*s == ' ' || *s == '\t')) { s++; (*n)--; }
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r')) (*n)--;
    return s;
}

/* 1: head complete (r filled), 0: need more bytes, -1: not HTTP. Interim 1xx responses are skipped. */
static int parse_head(const char *s, size_t n, struct resp *r) {
    size_t at = 0;
    for (;;) {
        const char *end = NULL;
        for (size_t k = at; k + 1 < n; k++) {
            if (s[k] == '\n' && (s[k + 1] == '\n' || (s[k + 1] == '\r' && k + 2 < n && s[k + 2] == '\n'))) {
                end = s + k + (s[k + 1] == '\n' ? 2 : 3);
                break;
            }
        }
        if (!end) return n - at > 65536 ? -1 : 0; /* a head that never ends is not HTTP */
        const char *line = s + at;
        const char *p = memchr(line, '\n', (size_t)(end - line));
        if (p - line < 12 || memcmp(line, "HTTP/1.", 7) != 0 || line[8] != ' ' || !isdig(line[9]) ||
            !isdig(line[10]) || !isdig(line[11]))
            return -1;
        r->status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        r->framing = BY_CLOSE;
        r->ours = false;
        while (p && p + 1 < end) {
            const char *h = p + 1;
            const char *nl = memchr(h, '\n', (size_t)(end - h));
            size_t hl = (size_t)(nl - h);
            const char *colon = memchr(h, ':', hl);
            if (colon) {
                size_t nlen = (size_t)(colon - h), vlen = hl - nlen - 1;
                const char *v = trim(colon + 1, &vlen);
                if (key_eq(h, nlen, "content-type", true)) {
                    size_t ml = 0;
                    while (ml < vlen && v[ml] != ';') ml++;
                    v = trim(v, &ml);
                    r->ours = key_eq(v, ml, OUR_CONTENT_TYPE, true);
                } else if (key_eq(h, nlen, "transfer-encoding", true)) {
                    if (vlen >= 7 && key_eq(v + vlen - 7, 7, "chunked", true)) r->framing = CHUNKED;
                } else if (key_eq(h, nlen, "content-length", true) && r->framing != CHUNKED) {
                    size_t len = 0;
                    if (vlen == 0) return -1;
                    for (size_t k = 0; k < vlen; k++) {
                        if (v[k] < '0' || v[k] > '9' || len > MAX_RESPONSE) return -1;
                        len = len * 10 + (size_t)(v[k] - '0');
                    }
                    r->framing = BY_LENGTH;
                    r->clen = len;
                }
            }
            p = nl;
        }
        at = (size_t)(end - s);
        if (r->status >= 100 && r->status < 200) continue;
        r->body = at;
        if (r->status == 204 || r->status == 304) { r->framing = BY_LENGTH; r->clen = 0; }
        return 1;
    }
}

/* Decodes a chunked body into out (when given). 1: complete, 0: need more, -1: malformed. *pos is
 * where to resume: the start of the first chunk not yet complete, so that checking after every read
 * does not rescan the whole body. */
static int dechunk(const char *s, size_t n, struct buf *out, size_t *pos) {
    size_t i = *pos;
    for (;;) {
        *pos = i;
        size_t size = 0, digits = 0;
        int h;
        while (i < n && (h = hexval(s[i])) >= 0) {
            if (size > MAX_RESPONSE) return -1;
            size = size * 16 + (size_t)h;
            i++;
            digits++;
        }
        if (i >= n) return 0;
        if (digits == 0) return -1;
        const char *nl = memchr(s + i, '\n', n - i); /* skips chunk extensions */
        if (!nl) return 0;
        i = (size_t)(nl - s) + 1;
        if (size == 0) { /* trailers until an empty line */
            for (;;) {
                nl = memchr(s + i, '\n', n - i);
                if (!nl) return 0;
                size_t ll = (size_t)(nl - (s + i));
                i += ll + 1;
                if (ll == 0 || (ll == 1 && s[i - 2] == '\r')) return 1;
            }
        }
        if (n - i < size) return 0;
        if (out) buf_add(out, s + i, size);
        i += size;
        if (i < n && s[i] == '\r') i++;
        if (i >= n) return 0;
        if (s[i] != '\n') return -1;
        i++;
    }
}

/* ---- talking to the daemon ---- */

static int connect_daemon(long long timeout) {
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(sock_path) >= sizeof sa.sun_path) fail_unreachable(strerror(ENAMETOOLONG));
    memcpy(sa.sun_path, sock_path, strlen(sock_path) + 1);
    long long deadline = now_ms() + timeout;
    for (;;) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) fail_unreachable(strerror(errno));
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) return fd;
        int err = errno;
        if (err == EINPROGRESS) { /* not seen on Linux AF_UNIX, but allowed by POSIX */
            struct pollfd pf = {fd, POLLOUT, 0};
            long long rem = deadline - now_ms();
            socklen_t el = sizeof err;
            if (poll(&pf, 1, rem > 0 ? (int)rem : 0) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 &&
                err == 0)
                return fd;
            if (err == EINPROGRESS) err = ETIMEDOUT;
        }
        close(fd);
        /* Every error is retried: a restarting daemon briefly has no socket (ENOENT) or a full backlog. */
        long long rem = deadline - now_ms();
        if (rem <= 0) fail_unreachable(strerror(err));
        sleep_ms(rem < 100 ? rem : 100);
    }
}

/* Waits for fd to become ready before the request deadline; code 11 when it passes. */
static void wait_fd(int fd, short events, long long deadline, long long timeout) {
    for (;;) {
        long long rem = deadline - now_ms();
        struct pollfd pf = {fd, events, 0};
        int r = rem > 0 ? poll(&pf, 1, rem > INT32_MAX ? INT32_MAX : (int)rem) : 0;
        if (r > 0) return;
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) fail_unreachable(strerror(errno));
        char m[64];
        snprintf(m, sizeof m, "timed out after %lld ms", timeout);
        fail_unreachable(m);
    }
}

static void print_out(const char *p, size_t n) {
    if (!write_all(1, p, n)) exit(1); /* stdout is gone: nobody is left to read an error */
}

static void read_stdin(struct buf *in) {
    for (;;) {
        buf_reserve(in, 65536);
        ssize_t r = read(0, in->p + in->len, in->cap - in->len);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            struct buf m = {0};
            buf_str(&m, "multus-shim: cannot read the CNI config on stdin: ");
            buf_str(&m, strerror(errno));
            fail(5, m.p, m.len, NULL);
        }
        if (r == 0) return;
        in->len += (size_t)r;
        if (in->len > MAX_STDIN) fail_str(7, "multus-shim: the CNI config on stdin is larger than 16 MiB");
    }
}

/* The socket: MULTUS_SHIM_SOCKET, else <daemonSocketDir>/multus.sock from the config, else the default. */
static void pick_socket(const struct buf *in) {
    const char *override = getenv("MULTUS_SHIM_SOCKET");
    size_t vs = 0, ve = 0;
    bool whole;
    if (override && *override) {
        sock_path = override;
    } else if (find_key(in->p, in->len, "daemonSocketDir", false, &vs, &ve, &whole) && in->p[vs] == '"') {
        size_t cap = ve - vs, dl = 0, k = vs;
        char *dir = malloc(cap + sizeof "/multus.sock");
        if (!dir) oom();
        /* A dir with a NUL would silently name another path: keep the default, the daemon rejects the config. */
        if (scan_string(in->p, in->len, &k, dir, cap, &dl) && dl != SIZE_MAX && dl > 0 && !memchr(dir, 0, dl)) {
            strcpy(dir + dl, dir[dl - 1] == '/' ? "multus.sock" : "/multus.sock");
            sock_path = dir;
        } else {
            free(dir);
        }
    }
}

/* The request as Multus' Go shim sends it: the whole environment (first occurrence of a name wins, as
 * getenv sees it) and the stdin bytes base64-encoded. */
static void build_request(struct buf *req, const struct buf *in) {
    struct buf body = {0};
    buf_str(&body, "{\"env\":{");
    bool first = true;
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || eq == *e) continue;
        size_t nl = (size_t)(eq - *e);
        bool dup = false;
        for (char **p = environ; p < e && !dup; p++) dup = !strncmp(*p, *e, nl) && (*p)[nl] == '=';
        if (dup) continue;
        buf_str(&body, first ? "\"" : ",\"");
        first = false;
        buf_json(&body, *e, nl);
        buf_str(&body, "\":\"");
        buf_json(&body, eq + 1, strlen(eq + 1));
        buf_str(&body, "\"");
    }
    buf_str(&body, "},\"config\":\"");
    buf_base64(&body, (const unsigned char *)in->p, in->len);
    buf_str(&body, "\"}");

    char clen[32];
    snprintf(clen, sizeof clen, "%zu", body.len);
    buf_str(req, "POST /cni HTTP/1.1\r\nHost: dummy\r\nUser-Agent: multus-shim/" MULTUS_SHIM_VERSION
                 "\r\nContent-Type: application/json\r\nAccept: " OUR_CONTENT_TYPE ", application/json\r\n"
                 "Connection: close\r\nContent-Length: ");
    buf_str(req, clen);
    buf_str(req, "\r\n\r\n");
    buf_add(req, body.p, body.len);
    free(body.p);
}

/* Sends req and reads the whole answer into rx (framed by Content-Length, chunked or the close), all
 * before one deadline; the body of a chunked answer is decoded into dec. */
static void exchange(int fd, const struct buf *req, struct buf *rx, struct resp *r, struct buf *dec) {
    long long timeout = env_ms("MULTUS_SHIM_TIMEOUT_MS", 300000, 1);
    long long deadline = now_ms() + timeout;
    for (size_t off = 0; off < req->len;) {
        wait_fd(fd, POLLOUT, deadline, timeout);
        ssize_t w = send(fd, req->p + off, req->len - off, MSG_NOSIGNAL);
        if (w < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (w < 0 && (errno == EPIPE || errno == ECONNRESET)) break; /* it may have answered early: read it */
        if (w < 0) fail_unreachable(strerror(errno));
        off += (size_t)w;
    }
    bool head = false, eof = false;
    size_t chunk_pos = 0;
    for (;;) {
        if (!head) {
            int h = parse_head(rx->p, rx->len, r);
            if (h < 0) fail_str(999, "multus-shim: the daemon's answer is not an HTTP/1.x response");
            head = h > 0;
        }
        if (head) {
            size_t bl = rx->len - r->body;
            if (r->framing == BY_LENGTH && bl >= r->clen) {
                rx->len = r->body + r->clen;
                return;
            }
            if (r->framing == CHUNKED) {
                int c = dechunk(rx->p + r->body, bl, NULL, &chunk_pos);
                if (c < 0) fail_str(999, "multus-shim: the daemon sent a malformed chunked body");
                if (c > 0) {
                    size_t from = 0;
                    dechunk(rx->p + r->body, bl, dec, &from);
                    return;
                }
            }
            if (r->framing == BY_CLOSE && eof) return;
        }
        if (eof) fail_unreachable("the connection closed before the answer was complete");
        wait_fd(fd, POLLIN, deadline, timeout);
        buf_reserve(rx, 65536);
        ssize_t n = read(fd, rx->p + rx->len, rx->cap - rx->len);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (n < 0) fail_unreachable(strerror(errno));
        if (n == 0) eof = true;
        rx->len += (size_t)n;
        if (rx->len > MAX_RESPONSE) fail_str(999, "multus-shim: the daemon's answer is larger than 64 MiB");
    }
}

/* Prints what the runtime must see for this answer; returns the exit code. */
static int answer(const struct resp *r, const char *b, size_t bl) {
    size_t vs = 0, ve = 0;
    bool whole;
    if (r->status == 200 && r->ours) {
        print_out(b, bl);
        return 0;
    }
    if (r->status == 200) { /* Go Multus: ADD answers {"Result": <result>}, the other commands nothing */
        if (find_key(b, bl, "Result", true, &vs, &ve, &whole)) {
            print_out(b + vs, ve - vs);
            print_out("\n", 1);
        } else if (skip_ws(b, bl, 0) < bl) {
            print_out(b, bl);
        }
        return 0;
    }
    if (find_key(b, bl, "msg", true, &vs, &ve, &whole) && whole && b[vs] == '"' && ve - vs > 2) {
        print_out(b, bl); /* a typed CNI error: keep its code and details */
        return 1;
    }
    size_t cut = bl;
    while (cut > 0 && in_set(b[cut - 1], " \t\r\n")) cut--;
    bool truncated = cut > ERR_BODY_MAX;
    if (truncated) {
        cut = ERR_BODY_MAX;
        while (cut > 0 && ((unsigned char)b[cut] & 0xC0) == 0x80) cut--; /* never split a UTF-8 sequence */
    }
    struct buf m = {0};
    char st[64];
    snprintf(st, sizeof st, "CNI request failed with status %d: '", r->status);
    buf_str(&m, st);
    buf_add(&m, b, cut);
    buf_str(&m, truncated ? "...'" : "'");
    fail(999, m.p, m.len, NULL);
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN); /* a daemon closing early must be an error we report, not a silent death */
    if (argc > 1 && (!strcmp(argv[1], "-version") || !strcmp(argv[1], "-v") || !strcmp(argv[1], "--version"))) {
        printf("multus-shim: version:%s\n", MULTUS_SHIM_VERSION);
        return 0;
    }
    const char *cmd = getenv("CNI_COMMAND");
    if (!cmd || !*cmd) {
        fprintf(stderr, "multus-shim %s: the multus-ts thick plugin's CNI shim; forwards CNI calls to the "
                        "multus-ts daemon. CNI protocol versions supported: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, "
                        "1.0.0, 1.1.0\n", MULTUS_SHIM_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "VERSION")) { /* answered locally: it must work with the daemon down */
        puts("{\"cniVersion\":\"1.1.0\",\"supportedVersions\":[\"0.1.0\",\"0.2.0\",\"0.3.0\",\"0.3.1\",\"0.4.0\","
             "\"1.0.0\",\"1.1.0\"]}");
        return 0;
    }
    struct buf in = {0}, req = {0}, rx = {0}, dec = {0};
    struct resp r = {0};
    read_stdin(&in);
    pick_socket(&in);
    build_request(&req, &in);
    free(in.p);
    int fd = connect_daemon(env_ms("MULTUS_SHIM_CONNECT_TIMEOUT_MS", 1000, 0));
    exchange(fd, &req, &rx, &r, &dec);
    close(fd);
    free(req.p);
    const char *b = r.framing == CHUNKED ? dec.p : rx.p + r.body;
    size_t bl = r.framing == CHUNKED ? dec.len : rx.len - r.body;
    int code = answer(&r, bl ? b : "", bl); /* an empty buffer may still be NULL */
    free(rx.p);
    free(dec.p);
    return code;
}
