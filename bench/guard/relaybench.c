/*
 * relaybench: the backend and the bulk client for bench/guard/run_guard.sh.
 *
 * Build:  gcc -O2 -Wall -o relaybench relaybench.c
 *
 *   relaybench echo PORT          echo server on 127.0.0.1:PORT (one thread, epoll, non-blocking);
 *                                 on a client's EOF it shuts its side down and closes
 *   relaybench sink PORT          reads each connection to EOF, answers with the byte count as
 *                                 8 bytes big-endian, closes (one connection at a time)
 *   relaybench send PORT BYTES    connects to 127.0.0.1:PORT, writes BYTES, shuts down writing,
 *                                 reads the sink's 8-byte count and checks it; prints
 *                                 "bytes=N seconds=S mbps=M" (MB/s = 10^6 bytes per second)
 *
 * The servers run until killed. Everything is on loopback.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BLOCK (64 * 1024)

static int listener(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 1024) < 0) {
        perror("bind/listen");
        exit(1);
    }
    return fd;
}

static void echo_server(int port)
{
    int lfd = listener(port), ep = epoll_create1(0);
    static char buf[BLOCK];
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = lfd }, evs[64];
    fcntl(lfd, F_SETFL, O_NONBLOCK);
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    for (;;) {
        int n = epoll_wait(ep, evs, 64, -1);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == lfd) {
                int c;
                while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    struct epoll_event cev = { .events = EPOLLIN, .data.fd = c };
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r > 0) {
                /* small echo lines: a short write is not expected on loopback; treat as failure */
                if (write(fd, buf, r) != r) {
                    close(fd);
                }
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                shutdown(fd, SHUT_WR);
                close(fd);
            }
        }
    }
}

static void sink_server(int port)
{
    int lfd = listener(port);
    static char buf[BLOCK];
    for (;;) {
        int c = accept(lfd, NULL, NULL);
        if (c < 0) {
            continue;
        }
        uint64_t total = 0;
        ssize_t r;
        while ((r = read(c, buf, sizeof buf)) > 0) {
            total += r;
        }
        unsigned char out[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (unsigned char)(total >> (56 - 8 * i));
        }
        if (write(c, out, 8) != 8) {
            perror("sink write");
        }
        close(c);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int send_bulk(int port, uint64_t bytes)
{
    static char buf[BLOCK];
    memset(buf, 'x', sizeof buf);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    double t0 = now();
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        perror("connect");
        return 1;
    }
    uint64_t sent = 0;
    while (sent < bytes) {
        size_t chunk = bytes - sent < sizeof buf ? bytes - sent : sizeof buf;
        ssize_t w = write(fd, buf, chunk);
        if (w <= 0) {
            perror("write");
            return 1;
        }
        sent += w;
    }
    shutdown(fd, SHUT_WR);
    unsigned char in[8];
    size_t got = 0;
    while (got < 8) {
        ssize_t r = read(fd, in + got, 8 - got);
        if (r <= 0) {
            fprintf(stderr, "short count from sink\n");
            return 1;
        }
        got += r;
    }
    double seconds = now() - t0;
    uint64_t counted = 0;
    for (int i = 0; i < 8; i++) {
        counted = counted << 8 | in[i];
    }
    close(fd);
    if (counted != bytes) {
        fprintf(stderr, "sink counted %llu of %llu bytes\n", (unsigned long long)counted, (unsigned long long)bytes);
        return 1;
    }
    printf("bytes=%llu seconds=%.3f mbps=%.1f\n", (unsigned long long)bytes, seconds, bytes / seconds / 1e6);
    return 0;
}

int main(int argc, char **argv)
{
    /* a peer that closed first (the port probes of run_guard.sh) must cost a write error, not the server */
    signal(SIGPIPE, SIG_IGN);
    if (argc == 3 && strcmp(argv[1], "echo") == 0) {
        echo_server(atoi(argv[2]));
    }
    if (argc == 3 && strcmp(argv[1], "sink") == 0) {
        sink_server(atoi(argv[2]));
    }
    if (argc == 4 && strcmp(argv[1], "send") == 0) {
        return send_bulk(atoi(argv[2]), strtoull(argv[3], NULL, 10));
    }
    fprintf(stderr, "usage: relaybench echo PORT | sink PORT | send PORT BYTES\n");
    return 2;
}
