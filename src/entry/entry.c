/* entry.c - sparkgen-entry: the Spark image's PID 1 (replaces entrypoint.sh).
 *
 *   SPARK_MODE=master   spark-class org.apache.spark.deploy.master.Master --port P --webui-port W [--host H]
 *   SPARK_MODE=worker   wait until the master accepts TCP connections, then
 *                       spark-class org.apache.spark.deploy.worker.Worker spark://H:P
 *                           --port P --webui-port W --cores C --memory M
 *   sparkgen-entry CMD ARGS...   run any other command (pass-through, as the official image does)
 *   sparkgen-entry probe master|worker   readiness check (exec probe): GET http://127.0.0.1:W/json/
 *                       (W = SPARK_MASTER_WEBUI_PORT / SPARK_WORKER_WEBUI_PORT, 8080 / 8081) and
 *                       exit 0 iff the master's "status" is "ALIVE" / the worker's "masterurl"
 *                       is not empty (the worker has registered); 1 otherwise, 64 bad usage.
 *                       SPARK_PROBE_HOST overrides 127.0.0.1, SPARK_PROBE_TIMEOUT_MS (3000).
 *
 * Whatever it starts, it stays as a correct init: it forwards signals to the child, reaps
 * zombies, exits with the child's status (128+signal when killed), 126/127 when the program
 * cannot be executed, and registers as a child subreaper when it is not PID 1.
 * libc only; one function per step (tini's shape).  Exit statuses of its own:
 *   64  configuration error (bad mode, host, port, cores, memory, timeout)
 *   69  the master did not accept connections before SPARK_MASTER_WAIT_TIMEOUT
 *   128+N  a signal N arrived while waiting for the master
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_CONFIG = 64, EXIT_NOMASTER = 69 };

#define MASTER_CLASS "org.apache.spark.deploy.master.Master"
#define WORKER_CLASS "org.apache.spark.deploy.worker.Worker"

typedef struct config {
    enum { MODE_MASTER, MODE_WORKER, MODE_COMMAND } mode;
    const char *spark_home;
    const char *master_host;   /* worker: where the master is; master: advertised host (optional) */
    const char *master_port, *master_webui_port;
    const char *worker_port, *worker_webui_port;
    const char *cores, *memory;
    long wait_timeout_s;       /* worker: give up waiting for the master after this long */
    long connect_timeout_ms;   /* per connection attempt */
    int verbose;
} config;

static int verbose;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sparkgen-entry: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static const char *env_or(const char *name, const char *def)
{
    const char *v = getenv(name);
    return v && *v ? v : def;
}

/* ---- validation ---- */

static int parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi) return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p)) return -1;
    *out = v;
    return 0;
}

static int check_port(const char *var, const char *val)
{
    long p;
    if (parse_long(val, 1, 65535, &p) != 0) {
        say("%s=%s is not a port number (1-65535)", var, val);
        return -1;
    }
    return 0;
}

/* Spark's memory strings: digits and a unit (JavaUtils.byteStringAsBytes); no unit means
 * bytes, which Spark rejects as 0 MB, so a unit is required here. */
static int check_memory(const char *val)
{
    static const char *units[] = { "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb" };
    const char *p = val;
    while (isdigit((unsigned char)*p)) p++;
    if (p == val) {
        say("SPARK_WORKER_MEMORY=%s: expected a whole number with a unit such as 2g or 512m", val);
        return -1;
    }
    if (!*p) {
        say("SPARK_WORKER_MEMORY=%s has no unit: Spark reads it as bytes; write e.g. %sm or %sg", val, val, val);
        return -1;
    }
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcasecmp(p, units[i]) == 0) {
            long long n = strtoll(val, NULL, 10);
            if (n == 0 || ((tolower((unsigned char)*p) == 'k') && n < 1024)) {
                say("SPARK_WORKER_MEMORY=%s is less than 1 MB", val);
                return -1;
            }
            return 0;
        }
    say("SPARK_WORKER_MEMORY=%s: unknown unit \"%s\" (Spark accepts k, m, g, t, p with optional b; "
        "Kubernetes units like Gi are not Spark units)", val, p);
    return -1;
}

static int check_host(const char *var, const char *val)
{
    size_t n = strlen(val);
    if (n == 0 || n > 253) {
        say("%s=%s is not a valid host name", var, val);
        return -1;
    }
    for (const char *p = val; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '-' || *p == '.' || *p == ':' || *p == '_')) {
            say("%s=%s is not a valid host name or address", var, val);
            return -1;
        }
    return 0;
}

/* Kubernetes service links inject SPARK_MASTER_PORT=tcp://10.0.0.1:7077 for a Service named
 * spark-master; Spark would die parsing it.  Drop every SPARK_*_PORT that is not a number. */
static void drop_service_link_ports(void)
{
    extern char **environ;
    char name[256];
    for (int again = 1; again;) {
        again = 0;
        for (char **e = environ; *e; e++) {
            const char *eq = strchr(*e, '=');
            size_t n = eq ? (size_t)(eq - *e) : 0;
            if (!eq || n >= sizeof name || n < 11 || strncmp(*e, "SPARK_", 6) != 0 ||
                memcmp(*e + n - 5, "_PORT", 5) != 0)
                continue;
            const char *v = eq + 1;
            int numeric = *v != 0;
            for (const char *p = v; *p; p++)
                if (!isdigit((unsigned char)*p)) numeric = 0;
            if (numeric || !*v) continue;
            memcpy(name, *e, n);
            name[n] = 0;
            say("ignoring %s=%s (not a port number; set by a Kubernetes service link?)", name, v);
            unsetenv(name);
            again = 1; /* environ changed under us */
            break;
        }
    }
}

static int load_config(config *c, int argc)
{
    memset(c, 0, sizeof *c);
    const char *mode = getenv("SPARK_MODE");
    c->spark_home = env_or("SPARK_HOME", "/opt/spark");
    c->master_host = getenv("SPARK_MASTER_HOST");
    c->master_port = env_or("SPARK_MASTER_PORT", "7077");
    c->master_webui_port = env_or("SPARK_MASTER_WEBUI_PORT", "8080");
    c->worker_port = env_or("SPARK_WORKER_PORT", "7078");
    c->worker_webui_port = env_or("SPARK_WORKER_WEBUI_PORT", "8081");
    c->cores = env_or("SPARK_WORKER_CORES", "2");
    c->memory = env_or("SPARK_WORKER_MEMORY", "2g");
    c->wait_timeout_s = 120;
    c->connect_timeout_ms = 2000;
    int bad = 0;
    const char *wt = getenv("SPARK_MASTER_WAIT_TIMEOUT");
    if (wt && parse_long(wt, 0, 86400 * 7, &c->wait_timeout_s) != 0) {
        say("SPARK_MASTER_WAIT_TIMEOUT=%s is not a number of seconds", wt);
        bad = 1;
    }
    if (argc > 1) {
        c->mode = MODE_COMMAND;
        return bad ? -1 : 0;
    }
    if (!mode || !*mode) {
        say("SPARK_MODE is not set: use SPARK_MODE=master or SPARK_MODE=worker, or give a command to run");
        return -1;
    }
    if (strcmp(mode, "master") == 0) c->mode = MODE_MASTER;
    else if (strcmp(mode, "worker") == 0) c->mode = MODE_WORKER;
    else {
        say("SPARK_MODE=%s is not valid: expected master or worker", mode);
        return -1;
    }
    bad |= check_port("SPARK_MASTER_PORT", c->master_port) != 0;
    if (c->mode == MODE_MASTER) {
        bad |= check_port("SPARK_MASTER_WEBUI_PORT", c->master_webui_port) != 0;
        if (c->master_host) bad |= check_host("SPARK_MASTER_HOST", c->master_host) != 0;
    } else {
        long cores;
        if (!c->master_host || !*c->master_host) {
            say("SPARK_MASTER_HOST must name the master (e.g. the master Service) in worker mode");
            bad = 1;
        } else bad |= check_host("SPARK_MASTER_HOST", c->master_host) != 0;
        bad |= check_port("SPARK_WORKER_PORT", c->worker_port) != 0;
        bad |= check_port("SPARK_WORKER_WEBUI_PORT", c->worker_webui_port) != 0;
        if (parse_long(c->cores, 1, 100000, &cores) != 0) {
            say("SPARK_WORKER_CORES=%s is not a whole number of cores >= 1", c->cores);
            bad = 1;
        }
        bad |= check_memory(c->memory) != 0;
    }
    return bad ? -1 : 0;
}

/* ---- signals ---- */

static sigset_t parent_mask, child_mask;

/* Block every asynchronous signal in the init; the child gets the original mask back. */
static void configure_signals(void)
{
    sigfillset(&parent_mask);
    static const int sync_sigs[] = { SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGTRAP, SIGSYS, SIGTTIN, SIGTTOU };
    for (size_t i = 0; i < sizeof sync_sigs / sizeof *sync_sigs; i++) sigdelset(&parent_mask, sync_sigs[i]);
    sigprocmask(SIG_SETMASK, &parent_mask, &child_mask);
}

/* Sleep up to ms milliseconds (0: just look) for a signal that asks us to stop while no
 * child runs yet; returns that signal, or 0 when none arrived. */
static int sleep_or_signal(long ms)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGQUIT);
    sigaddset(&set, SIGHUP);
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    for (;;) {
        int s = sigtimedwait(&set, NULL, &ts);
        if (s > 0) return s;
        if (errno == EINTR) continue;
        return 0; /* EAGAIN: timeout */
    }
}

static int pending_stop_signal(void) { return sleep_or_signal(0); }

/* ---- waiting for the master ---- */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One non-blocking connect with a timeout, sliced so that a stop signal is seen quickly.
 * Returns 1 connected, 0 failed, or -signal. */
static int try_connect(const struct addrinfo *ai, long timeout_ms)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) return 0;
    int ok = 0;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) ok = 1;
    else if (errno == EINPROGRESS) {
        long deadline = now_ms() + timeout_ms;
        for (;;) {
            int sig = pending_stop_signal();
            if (sig) { close(fd); return -sig; }
            long left = deadline - now_ms();
            if (left <= 0) break;
            struct pollfd p = { fd, POLLOUT, 0 };
            int r = poll(&p, 1, left < 200 ? (int)left : 200);
            if (r > 0) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                ok = err == 0;
                break;
            }
            if (r < 0 && errno != EINTR) break;
        }
    }
    close(fd);
    return ok;
}

static unsigned jitter_state;

/* Backoff: 500 ms doubling to 5 s, each delay scaled by a random factor in [0.8, 1.2). */
static long next_delay(long *base)
{
    long d = *base;
    *base = *base * 2 > 5000 ? 5000 : *base * 2;
    jitter_state = jitter_state * 1103515245u + 12345u;
    return d * (800 + (long)((jitter_state >> 8) % 400)) / 1000;
}

/* Wait until host:port accepts a TCP connection.  Re-resolves the name on every attempt and
 * tries every address.  Returns 0, EXIT_NOMASTER on timeout, or 128+signal. */
static int wait_for_master(const config *c)
{
    if (c->wait_timeout_s == 0) return 0;
    long deadline = now_ms() + c->wait_timeout_s * 1000, base = 500;
    jitter_state = (unsigned)getpid() ^ (unsigned)now_ms();
    int attempt = 0;
    say("waiting for the master at %s:%s (up to %lds)", c->master_host, c->master_port, c->wait_timeout_s);
    for (;;) {
        attempt++;
        struct addrinfo hints = { 0 }, *res = NULL;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_family = AF_UNSPEC;
        int gai = getaddrinfo(c->master_host, c->master_port, &hints, &res);
        if (gai == 0) {
            for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
                long left = deadline - now_ms();
                long t = c->connect_timeout_ms < left ? c->connect_timeout_ms : left;
                if (t <= 0) break;
                int r = try_connect(ai, t);
                if (r < 0) { freeaddrinfo(res); say("received signal %d while waiting for the master", -r); return 128 - r; }
                if (r == 1) {
                    freeaddrinfo(res);
                    say("master %s:%s is accepting connections (attempt %d)", c->master_host, c->master_port, attempt);
                    return 0;
                }
            }
            freeaddrinfo(res);
        } else if (verbose) {
            say("cannot resolve %s: %s", c->master_host, gai_strerror(gai));
        }
        long left = deadline - now_ms();
        if (left <= 0) {
            say("gave up: the master at %s:%s did not accept connections within %lds (%d attempts)",
                c->master_host, c->master_port, c->wait_timeout_s, attempt);
            return EXIT_NOMASTER;
        }
        long d = next_delay(&base);
        int sig = sleep_or_signal(d < left ? d : left);
        if (sig) { say("received signal %d while waiting for the master", sig); return 128 + sig; }
    }
}

/* ---- probe mode (readiness/liveness exec probe) ---- */

/* The value after "KEY" : in a JSON text (no nesting awareness: the keys probed are
 * top-level scalars in Spark's /json/), or NULL.  *quoted tells whether it is a string. */
static const char *json_scalar(const char *json, const char *key, int *quoted)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(json, pat);
    if (!p) return NULL;
    p += strlen(pat);
    while (isspace((unsigned char)*p)) p++;
    if (*p != ':') return NULL;
    p++;
    while (isspace((unsigned char)*p)) p++;
    *quoted = *p == '"';
    return *quoted ? p + 1 : p;
}

/* GET path from host:port over HTTP/1.0 into buf (NUL-terminated, truncated at size-1);
 * returns the HTTP status code, or -1 when no answer came within timeout_ms. */
static int http_get(const char *host, const char *port, const char *path, long timeout_ms,
                    char *buf, size_t size)
{
    struct addrinfo hints = { 0 }, *res = NULL;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0) return -1;
    long deadline = now_ms() + timeout_ms;
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) continue;
        struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) { close(fd); fd = -1; }
    }
    freeaddrinfo(res);
    if (fd < 0) return -1;
    char req[512];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n", path, host, port);
    if (write(fd, req, (size_t)n) != n) { close(fd); return -1; }
    size_t len = 0;
    while (len + 1 < size && now_ms() < deadline) {
        ssize_t r = read(fd, buf + len, size - 1 - len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        len += (size_t)r;
    }
    close(fd);
    buf[len] = 0;
    int code;
    if (sscanf(buf, "HTTP/%*d.%*d %d", &code) != 1) return -1;
    return code;
}

/* `sparkgen-entry probe master|worker`: 0 ready, 1 not ready, 64 usage. */
static int probe(int argc, char **argv)
{
    int master = argc == 3 && strcmp(argv[2], "master") == 0;
    if (!master && !(argc == 3 && strcmp(argv[2], "worker") == 0)) {
        say("usage: sparkgen-entry probe master|worker");
        return EXIT_CONFIG;
    }
    const char *port = master ? env_or("SPARK_MASTER_WEBUI_PORT", "8080") : env_or("SPARK_WORKER_WEBUI_PORT", "8081");
    const char *host = env_or("SPARK_PROBE_HOST", "127.0.0.1");
    long timeout_ms = 3000;
    if (check_port(master ? "SPARK_MASTER_WEBUI_PORT" : "SPARK_WORKER_WEBUI_PORT", port) != 0) return EXIT_CONFIG;
    const char *t = getenv("SPARK_PROBE_TIMEOUT_MS");
    if (t && parse_long(t, 1, 600000, &timeout_ms) != 0) {
        say("SPARK_PROBE_TIMEOUT_MS=%s is not a number of milliseconds", t);
        return EXIT_CONFIG;
    }
    static char buf[1 << 20];
    int code = http_get(host, port, "/json/", timeout_ms, buf, sizeof buf);
    if (code != 200) {
        if (code < 0) say("probe: no HTTP answer from %s:%s/json/", host, port);
        else say("probe: %s:%s/json/ answered HTTP %d", host, port, code);
        return 1;
    }
    const char *body = strstr(buf, "\r\n\r\n");
    body = body ? body + 4 : buf;
    int quoted = 0;
    const char *v = json_scalar(body, master ? "status" : "masterurl", &quoted);
    if (master) {
        if (v && quoted && strncmp(v, "ALIVE\"", 6) == 0) return 0;
        say("probe: master status is not ALIVE");
        return 1;
    }
    if (v && quoted && *v != '"' && *v) return 0;
    say("probe: worker has not registered with a master (empty masterurl)");
    return 1;
}

/* ---- building the command ---- */

static char **build_argv(const config *c, char **argv)
{
    static char *out[32];
    static char cls[4096], url[1024];
    if (c->mode == MODE_COMMAND) return argv + 1;
    int n = 0;
    snprintf(cls, sizeof cls, "%s/bin/spark-class", c->spark_home);
    out[n++] = cls;
    if (c->mode == MODE_MASTER) {
        out[n++] = MASTER_CLASS;
        if (c->master_host) { out[n++] = "--host"; out[n++] = (char *)c->master_host; }
        out[n++] = "--port"; out[n++] = (char *)c->master_port;
        out[n++] = "--webui-port"; out[n++] = (char *)c->master_webui_port;
    } else {
        snprintf(url, sizeof url, "spark://%s:%s", c->master_host, c->master_port);
        out[n++] = WORKER_CLASS;
        out[n++] = url;
        out[n++] = "--port"; out[n++] = (char *)c->worker_port;
        out[n++] = "--webui-port"; out[n++] = (char *)c->worker_webui_port;
        out[n++] = "--cores"; out[n++] = (char *)c->cores;
        out[n++] = "--memory"; out[n++] = (char *)c->memory;
    }
    out[n] = NULL;
    return out;
}

/* ---- running the child as init ---- */

static pid_t spawn(char **argv)
{
    pid_t pid = fork();
    if (pid < 0) {
        say("fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        /* A clean signal state, as a container's first process has: dispositions we
         * inherited as ignored (a shell's background job ignores INT and QUIT) would
         * make the signals we forward vanish in the child. */
        for (int sig = 1; sig < NSIG; sig++)
            if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
        sigprocmask(SIG_SETMASK, &child_mask, NULL);
        execvp(argv[0], argv);
        int e = errno;
        say("cannot execute %s: %s", argv[0], strerror(e));
        _exit(e == ENOENT ? 127 : 126);
    }
    return pid;
}

/* Forward signals, reap every zombie, and return the child's exit status as a shell
 * would report it (128+signal when it was killed). */
static int supervise(pid_t child)
{
    for (;;) {
        struct timespec ts = { 1, 0 };
        siginfo_t si;
        int sig = sigtimedwait(&parent_mask, &si, &ts);
        if (sig > 0 && sig != SIGCHLD) {
            if (kill(child, sig) != 0 && errno != ESRCH) say("kill(%d, %d): %s", (int)child, sig, strerror(errno));
        }
        for (;;) {
            int st;
            pid_t p = waitpid(-1, &st, WNOHANG);
            if (p <= 0) break;
            if (p == child) {
                /* reap what is left over, then leave with the child's status */
                while (waitpid(-1, NULL, WNOHANG) > 0) {}
                if (WIFEXITED(st)) return WEXITSTATUS(st);
                if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
                return 1;
            }
        }
    }
}

static void usage(void)
{
    fputs("usage: sparkgen-entry [COMMAND [ARG...]]\n"
          "  With no command, SPARK_MODE=master|worker starts a Spark standalone daemon:\n"
          "    master: SPARK_MASTER_PORT (7077) SPARK_MASTER_WEBUI_PORT (8080) [SPARK_MASTER_HOST]\n"
          "    worker: SPARK_MASTER_HOST SPARK_MASTER_PORT (7077) SPARK_WORKER_PORT (7078)\n"
          "            SPARK_WORKER_WEBUI_PORT (8081) SPARK_WORKER_CORES (2) SPARK_WORKER_MEMORY (2g)\n"
          "            SPARK_MASTER_WAIT_TIMEOUT seconds (120; 0 = do not wait)\n"
          "  sparkgen-entry probe master|worker: exit 0 iff /json/ shows ALIVE / a master URL.\n"
          "  SPARK_HOME (/opt/spark). Exit: child's status, 128+signal, 126/127 exec failure,\n"
          "  64 bad configuration, 69 master unreachable.\n", stderr);
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage();
        return 0;
    }
    verbose = getenv("SPARKGEN_ENTRY_VERBOSE") != NULL;
    if (argc > 1 && strcmp(argv[1], "probe") == 0) return probe(argc, argv);
    configure_signals();
    if (getpid() != 1 && prctl(PR_SET_CHILD_SUBREAPER, 1) != 0 && verbose)
        say("cannot become a child subreaper: %s", strerror(errno));
    drop_service_link_ports();
    config c;
    if (load_config(&c, argc) != 0) return EXIT_CONFIG;
    if (c.mode == MODE_WORKER) {
        int r = wait_for_master(&c);
        if (r) return r;
    }
    int sig = pending_stop_signal();
    if (sig) return 128 + sig;
    char **cmd = build_argv(&c, argv);
    pid_t child = spawn(cmd);
    if (child < 0) return 1;
    return supervise(child);
}
