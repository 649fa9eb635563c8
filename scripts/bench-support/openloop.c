/* Open-loop HTTP/1.1 load generator for scripts/bench.
 *
 * wrk is closed-loop: a slow answer delays the next request, so a stall is counted once
 * instead of for every request that should have been sent during it (coordinated
 * omission). This client schedules request i at t0 + i/rate whatever happens, sends it on
 * the first idle keep-alive connection, and measures latency from the scheduled time, so
 * queueing behind a stall is part of the number.
 *
 *   openloop PORT RATE SECONDS CONNECTIONS BODYFILE
 *
 * Loopback only. Prints one line: OPENLOOP rate=... sent=... done=... p50_us=... ...
 * The first second is warm-up and not recorded.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXCONN 256

typedef struct {
    int fd;
    int busy;
    int64_t scheduled;   /* ns, of the request in flight */
    size_t written;      /* bytes of the request written so far */
    char buf[65536];
    size_t have;
} conn_t;

static char *request;
static size_t request_len;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Returns the length of a complete response at the start of buf, or 0 if incomplete. */
static size_t complete_response(const char *buf, size_t have) {
    const char *end = memmem(buf, have, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head = (size_t)(end - buf) + 4;
    size_t body = 0;
    for (const char *p = buf; p < end; ) {
        const char *eol = memmem(p, (size_t)(end - p) + 2, "\r\n", 2);
        if (!eol) break;
        if ((size_t)(eol - p) > 15 && strncasecmp(p, "content-length:", 15) == 0) body = strtoul(p + 15, NULL, 10);
        p = eol + 2;
    }
    return have >= head + body ? head + body : 0;
}

static void flush_write(conn_t *c) {
    while (c->written < request_len) {
        ssize_t n = write(c->fd, request + c->written, request_len - c->written);
        if (n < 0) { if (errno == EAGAIN) return; perror("write"); exit(1); }
        c->written += (size_t)n;
    }
}

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: openloop PORT RATE SECONDS CONNECTIONS BODYFILE\n"); return 2; }
    int port = atoi(argv[1]);
    double rate = atof(argv[2]);
    double seconds = atof(argv[3]);
    int nconn = atoi(argv[4]);
    if (rate <= 0 || seconds <= 1 || seconds > 600 || nconn < 1 || nconn > MAXCONN) { fprintf(stderr, "openloop: bad arguments\n"); return 2; }

    FILE *f = fopen(argv[5], "rb");
    if (!f) { perror("body"); return 2; }
    fseek(f, 0, SEEK_END); long blen = ftell(f); fseek(f, 0, SEEK_SET);
    char *body = malloc((size_t)blen);
    if (fread(body, 1, (size_t)blen, f) != (size_t)blen) { perror("read body"); return 2; }
    fclose(f);
    request = malloc((size_t)blen + 256);
    request_len = (size_t)sprintf(request, "POST /bench/openloop HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %ld\r\n\r\n", blen);
    memcpy(request + request_len, body, (size_t)blen);
    request_len += (size_t)blen;

    int ep = epoll_create1(0);
    static conn_t conns[MAXCONN];
    int free_list[MAXCONN], nfree = 0;
    for (int i = 0; i < nconn; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return 1; }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, O_NONBLOCK);
        conns[i].fd = fd;
        struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.u32 = (uint32_t)i };
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        free_list[nfree++] = i;
    }

    size_t total = (size_t)(rate * seconds);
    int64_t interval = (int64_t)(1e9 / rate);
    int64_t *scheduled_queue = malloc(total * sizeof(int64_t));   /* due but not yet sent */
    size_t qhead = 0, qtail = 0;
    int64_t *lat = malloc(total * sizeof(int64_t));
    size_t nlat = 0, done = 0, next = 0;
    int64_t t0 = now_ns() + 10000000;
    int64_t warm_end = t0 + 1000000000LL;
    int64_t hard_end = t0 + (int64_t)(seconds * 1e9) + 5000000000LL;
    struct epoll_event events[MAXCONN];

    while (done < total) {
        int64_t now = now_ns();
        if (now > hard_end) break;
        while (next < total && t0 + (int64_t)next * interval <= now) scheduled_queue[qtail++] = t0 + (int64_t)(next++) * interval;
        while (qhead < qtail && nfree > 0) {
            conn_t *c = &conns[free_list[--nfree]];
            c->busy = 1; c->scheduled = scheduled_queue[qhead++]; c->written = 0;
            flush_write(c);
        }
        int n = epoll_wait(ep, events, MAXCONN, 0);
        for (int e = 0; e < n; e++) {
            conn_t *c = &conns[events[e].data.u32];
            if (events[e].events & EPOLLOUT && c->busy) flush_write(c);
            if (!(events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
            for (;;) {
                ssize_t r = read(c->fd, c->buf + c->have, sizeof c->buf - c->have);
                if (r < 0 && errno == EAGAIN) break;
                if (r <= 0) { fprintf(stderr, "openloop: connection closed by server\n"); return 1; }
                c->have += (size_t)r;
                size_t len;
                while (c->busy && (len = complete_response(c->buf, c->have)) > 0) {
                    int64_t t = now_ns();
                    if (c->scheduled >= warm_end) lat[nlat++] = t - c->scheduled;
                    done++;
                    memmove(c->buf, c->buf + len, c->have - len);
                    c->have -= len;
                    c->busy = 0;
                    free_list[nfree++] = (int)(c - conns);
                }
                if (c->have == sizeof c->buf) { fprintf(stderr, "openloop: response too large\n"); return 1; }
            }
        }
    }
    double elapsed = (double)(now_ns() - t0) / 1e9;
    qsort(lat, nlat, sizeof(int64_t), cmp64);
#define PCT(p) (nlat ? lat[(size_t)((double)(nlat - 1) * (p))] / 1000 : -1)
    printf("OPENLOOP rate=%.0f achieved=%.0f sent=%zu done=%zu recorded=%zu p50_us=%lld p99_us=%lld p999_us=%lld max_us=%lld\n",
           rate, (double)done / elapsed, next, done, nlat,
           (long long)PCT(0.50), (long long)PCT(0.99), (long long)PCT(0.999), (long long)(nlat ? lat[nlat - 1] / 1000 : -1));
    return done == total ? 0 : 1;
}
