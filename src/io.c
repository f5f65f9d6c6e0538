/*
 * io.c - the only file-system code.  Inputs are byte streams (file, fd,
 * memory) or directories; outputs are byte streams written atomically
 * (an unnamed O_TMPFILE linked into place at commit, so even SIGKILL
 * leaves no partial or temporary file), fds, memory, or directories whose
 * files are each written the same way.  Directory paths are walked one
 * component at a time with O_NOFOLLOW, so no symlink leads out; the
 * directories an output directory has walked stay open for its next files.
 */
#define _GNU_SOURCE
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif

#define PEEK_MAX (64u << 10)
#define OUT_BUF (64u << 10)
#define DIR_SLOTS 8 /* >= 3: a walk uses one slot while filling two */

enum io_kind { IO_FD, IO_MEMORY, IO_DIR, IO_FILE };

struct fc_input {
    enum io_kind kind;
    char *name;
    int fd;
    bool own_fd;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    unsigned char *head; /* peeked bytes, replayed before the fd */
    size_t head_len, head_pos;
    bool eof;
    /* handed to the reader so far (fc_in_bytes); atomic: an XML
     * reader's parse thread reads while progress is reported */
    _Atomic uint64_t bytes;
};

struct fc_output {
    enum io_kind kind;
    char *name; /* as given, for messages */
    char *dir;  /* IO_FILE: directory of the target */
    char *base; /* IO_FILE: file name of the target */
    int fd;     /* IO_FD / IO_FILE: where bytes go; IO_DIR: the directory */
    bool own_fd;
    bool tmpfile;  /* IO_FILE: fd is an O_TMPFILE, else a named temp */
    char *tmpname; /* IO_FILE with a named temp */
    mode_t mode;
    unsigned flags;
    bool committed, failed;
    struct fc_buf buf;
    unsigned long serial; /* for temporary names */
    bool no_tmpfile;      /* O_TMPFILE refused once: go straight to named temps */
    bool no_empty_link;   /* linkat(AT_EMPTY_PATH) refused once: link through /proc */
    /* IO_DIR: open subdirectories by relative path, so that each file
     * does not walk (and mkdir) its whole path again */
    struct dir_slot {
        char *rel;
        size_t len;
        int fd;
        unsigned long used;
    } dirs[DIR_SLOTS];
    unsigned long tick;
};

static enum fc_status sys_fail(struct fc_error *err, const char *file, const char *what, int e)
{
    char msg[128];
    if (e == ENOMEM)
        return fc_nomem(err);
    const char *s = strerror_r(e, msg, sizeof msg);
    return fc_fail(err, FC_EIO, file, 0, 0, "%s: %s", what, s);
}

/* ---- input ----------------------------------------------------------- */

/* size zeroed bytes for a new input or output, and in *copy a copy of its
 * name (NULL: ""); NULL, with nothing allocated, when either fails. */
static void *io_alloc(size_t size, const char *name, char **copy)
{
    void *p = calloc(1, size);
    *copy = strdup(name ? name : "");
    if (p && *copy)
        return p;
    free(p);
    free(*copy);
    return NULL;
}

/* A new input reading fd (-1: none; not owned); NULL on ENOMEM. */
static struct fc_input *input_new(enum io_kind kind, const char *name, int fd)
{
    char *copy;
    struct fc_input *in = io_alloc(sizeof *in, name, &copy);
    if (in) {
        in->kind = kind;
        in->name = copy;
        in->fd = fd;
    }
    return in;
}

enum fc_status fc_input_open(const char *path, struct fc_input **in, struct fc_error *err)
{
    *in = NULL;
    if (!path || strcmp(path, "-") == 0)
        return fc_input_open_fd(0, "<stdin>", in, err);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return sys_fail(err, path, "cannot open", errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return sys_fail(err, path, "cannot stat", e);
    }
    struct fc_input *n = input_new(S_ISDIR(st.st_mode) ? IO_DIR : IO_FD, path, fd);
    if (!n) {
        close(fd);
        return fc_nomem(err);
    }
    n->own_fd = true;
    *in = n;
    return FC_OK;
}

enum fc_status fc_input_open_fd(int fd, const char *name, struct fc_input **in,
                                struct fc_error *err)
{
    *in = input_new(IO_FD, name, fd);
    return *in ? FC_OK : fc_nomem(err);
}

enum fc_status fc_input_open_memory(const void *data, size_t len, const char *name,
                                    struct fc_input **in, struct fc_error *err)
{
    *in = input_new(IO_MEMORY, name ? name : "<memory>", -1);
    if (!*in)
        return fc_nomem(err);
    (*in)->mem = data;
    (*in)->mem_len = len;
    return FC_OK;
}

void fc_input_close(struct fc_input *in)
{
    if (!in)
        return;
    if (in->own_fd && in->fd >= 0)
        close(in->fd);
    free(in->head);
    free(in->name);
    free(in);
}

const char *fc_input_name(const struct fc_input *in)
{
    return in->name;
}

bool fc_in_is_dir(const struct fc_input *in)
{
    return in->kind == IO_DIR;
}

static enum fc_status fd_read(struct fc_input *in, void *buf, size_t cap, size_t *got,
                              struct fc_error *err)
{
    *got = 0;
    if (in->eof || cap == 0)
        return FC_OK;
    for (;;) {
        ssize_t r = read(in->fd, buf, cap);
        if (r >= 0) {
            *got = (size_t)r;
            if (r == 0)
                in->eof = true;
            return FC_OK;
        }
        if (errno != EINTR)
            return sys_fail(err, in->name, "read error", errno);
    }
}

/* Copy up to cap bytes of src[*pos, len) to buf, advancing *pos; how many. */
static size_t take(void *buf, size_t cap, const unsigned char *src, size_t len, size_t *pos)
{
    size_t n = len - *pos < cap ? len - *pos : cap;
    if (n)
        memcpy(buf, src + *pos, n);
    *pos += n;
    return n;
}

enum fc_status fc_in_read(struct fc_input *in, void *buf, size_t cap, size_t *got,
                          struct fc_error *err)
{
    *got = 0;
    if (in->kind == IO_DIR)
        return fc_fail(err, FC_EUSAGE, in->name, 0, 0, "is a directory");
    enum fc_status st = FC_OK;
    if (in->head_pos < in->head_len)
        *got = take(buf, cap, in->head, in->head_len, &in->head_pos);
    else if (in->kind == IO_MEMORY)
        *got = take(buf, cap, in->mem, in->mem_len, &in->mem_pos);
    else
        st = fd_read(in, buf, cap, got, err);
    atomic_fetch_add_explicit(&in->bytes, *got, memory_order_relaxed);
    return st;
}

uint64_t fc_in_bytes(const struct fc_input *in)
{
    return atomic_load_explicit(&in->bytes, memory_order_relaxed);
}

enum fc_status fc_in_peek(struct fc_input *in, const unsigned char **head, size_t *len,
                          struct fc_error *err)
{
    if (in->kind == IO_DIR)
        return fc_fail(err, FC_EUSAGE, in->name, 0, 0, "is a directory");
    if (in->kind == IO_MEMORY) {
        *head = in->mem + in->mem_pos;
        *len = in->mem_len - in->mem_pos;
        if (*len > PEEK_MAX)
            *len = PEEK_MAX;
        return FC_OK;
    }
    if (!in->head) {
        in->head = malloc(PEEK_MAX);
        if (!in->head)
            return fc_nomem(err);
        /* fill fully: a pipe hands over small pieces */
        while (in->head_len < PEEK_MAX && !in->eof) {
            size_t got;
            enum fc_status st =
                fd_read(in, in->head + in->head_len, PEEK_MAX - in->head_len, &got, err);
            if (st)
                return st;
            in->head_len += got;
        }
    }
    *head = in->head + in->head_pos;
    *len = in->head_len - in->head_pos;
    return FC_OK;
}

enum fc_status fc_in_slurp(struct fc_input *in, struct fc_buf *b, size_t max, struct fc_error *err)
{
    for (;;) {
        if (!fc_buf_reserve(b, 64u << 10))
            return fc_nomem(err);
        size_t got;
        enum fc_status st = fc_in_read(in, b->data + b->len, b->cap - b->len - 1, &got, err);
        if (st)
            return st;
        if (got == 0)
            break;
        b->len += got;
        b->data[b->len] = '\0';
        if (b->len > max)
            return fc_fail(err, FC_ELIMIT, in->name, 0, 0, "input larger than %zu bytes", max);
    }
    return FC_OK;
}

/* ---- safe paths below a directory ------------------------------------ */

/* A relative path made of plain components: no "..", ".", "" or "/" start. */
static bool rel_ok(const char *rel)
{
    if (!rel || !*rel || rel[0] == '/')
        return false;
    const char *p = rel;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        if (!e)
            break;
        p = e + 1;
        if (!*p)
            return false;
    }
    return true;
}

/* Open directory `name` in fd, without following a symlink unless follow;
 * with create, make it first (below a cached directory the missing ones
 * are new, so mkdir-then-open is the short way). */
static int open_dir_at(int fd, const char *name, bool create, bool follow)
{
    const int fl = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
    int mk = 0;
    if (create && mkdirat(fd, name, 0755) != 0)
        mk = errno;
    int r = openat(fd, name, fl);
    if (r < 0 && errno == ENOENT && mk && mk != EEXIST)
        errno = mk;
    return r;
}

/* Open the directory at the first len bytes of path below dirfd, one
 * component at a time, so that each is the one made or checked before
 * (a component renamed meanwhile cannot redirect the walk).  With create,
 * missing directories are made.  Symlinks are refused (EPERM), unless
 * follow: then the path is one the caller gave (mkdir -p), and "" and "."
 * components are skipped too.  Returns a new fd or -1 (errno). */
static int walk_dirs(int dirfd, const char *path, size_t len, bool create, bool follow)
{
    int fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    const char *p = path, *end = path + len;
    while (fd >= 0 && p < end) {
        const char *e = memchr(p, '/', (size_t)(end - p));
        size_t n = (size_t)((e ? e : end) - p);
        const char *name = p;
        p = e ? e + 1 : end;
        if (follow && (n == 0 || (n == 1 && name[0] == '.')))
            continue;
        char comp[NAME_MAX + 1];
        int next = -1, e2 = ENAMETOOLONG;
        if (n <= NAME_MAX) {
            memcpy(comp, name, n);
            comp[n] = '\0';
            next = open_dir_at(fd, comp, create, follow);
            e2 = errno;
        }
        close(fd);
        fd = next;
        errno = e2 == ELOOP && !follow ? EPERM : e2; /* a symlink on the way */
    }
    return fd;
}

/* Open the directory holding the last component of rel (see walk_dirs);
 * *last points into rel. */
static int open_parent(int dirfd, const char *rel, bool create, const char **last)
{
    const char *slash = strrchr(rel, '/');
    *last = slash ? slash + 1 : rel;
    return walk_dirs(dirfd, rel, slash ? (size_t)(slash - rel) : 0, create, false);
}

static int open_beneath(int dirfd, const char *rel, int flags)
{
    const char *last;
    if (!*rel)
        return openat(dirfd, ".", flags | O_CLOEXEC);
#if defined(SYS_openat2) && defined(RESOLVE_BENEATH)
    /* One system call where the kernel has openat2 (a site's files are
     * read twice each: the long way is 4 calls more a file, 2 more a
     * directory on its path).  It opens what the long way opens; any
     * failure but a missing file takes the long way, which says why as
     * it always did (and works where openat2 is missing or filtered). */
    struct open_how how = {.flags = (unsigned long long)(flags | O_NOFOLLOW | O_CLOEXEC),
                           .resolve =
                               RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS};
    long r2 = syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
    if (r2 >= 0 || errno == ENOENT)
        return (int)r2;
#endif
    if (!strchr(rel, '/')) /* the long way without its copy of dirfd */
        return openat(dirfd, rel, flags | O_NOFOLLOW | O_CLOEXEC);
    int pfd = open_parent(dirfd, rel, false, &last);
    if (pfd < 0)
        return -1;
    int fd = openat(pfd, last, flags | O_NOFOLLOW | O_CLOEXEC);
    int e = errno;
    close(pfd);
    errno = e;
    return fd;
}

/* A directory entry: its name, and its type as readdir gave it. */
struct dir_entry {
    char *name;
    unsigned char type; /* DT_* */
};

static int name_cmp(const void *a, const void *b)
{
    return strcmp(((const struct dir_entry *)a)->name, ((const struct dir_entry *)b)->name);
}

enum fc_status fc_in_dir_list(struct fc_input *in, const char *rel, fc_dir_fn fn, void *ctx,
                              struct fc_error *err)
{
    if (in->kind != IO_DIR)
        return fc_fail(err, FC_EUSAGE, in->name, 0, 0, "not a directory");
    if (*rel && !rel_ok(rel))
        return fc_fail(err, FC_EUSAGE, in->name, 0, 0, "unsafe path '%s'", rel);
    int fd = open_beneath(in->fd, rel, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return sys_fail(err, in->name, "cannot open directory", errno);
    DIR *d = fdopendir(fd);
    if (!d) {
        int e = errno;
        close(fd);
        return sys_fail(err, in->name, "cannot read directory", e);
    }
    struct dir_entry *names = NULL;
    size_t n = 0, cap = 0;
    enum fc_status st = FC_OK;
    struct dirent *de;
    errno = 0;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            struct dir_entry *nn = realloc(names, nc * sizeof *nn);
            if (!nn) {
                st = fc_nomem(err);
                goto out;
            }
            names = nn, cap = nc;
        }
        if (!(names[n].name = strdup(de->d_name))) {
            st = fc_nomem(err);
            goto out;
        }
        names[n++].type = de->d_type;
    }
    if (errno) {
        st = sys_fail(err, in->name, "cannot read directory", errno);
        goto out;
    }
    qsort(names, n, sizeof *names, name_cmp);
    struct fc_buf path;
    fc_buf_init(&path);
    for (size_t i = 0; i < n && !st; i++) {
        const char *name = names[i].name;
        /* symlinks are neither file nor directory here: never followed;
         * the type readdir gave saves a call a file where it has one */
        unsigned char type = names[i].type;
        struct stat sb;
        if (type == DT_UNKNOWN) {
            if (fstatat(dirfd(d), name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            type = S_ISREG(sb.st_mode) ? DT_REG : S_ISDIR(sb.st_mode) ? DT_DIR : DT_UNKNOWN;
        }
        if (type != DT_REG && type != DT_DIR)
            continue;
        fc_buf_reset(&path);
        if (*rel) {
            fc_buf_puts(&path, rel);
            fc_buf_putc(&path, '/');
        }
        fc_buf_puts(&path, name);
        if (path.oom) {
            st = fc_nomem(err);
            break;
        }
        st = fn(ctx, path.data, type == DT_DIR, err);
    }
    fc_buf_free(&path);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i].name);
    free(names);
    closedir(d);
    return st;
}

bool fc_in_dir_exists(struct fc_input *in, const char *rel)
{
    if (in->kind != IO_DIR || !rel_ok(rel))
        return false;
    int fd = open_beneath(in->fd, rel, O_RDONLY | O_PATH);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

enum fc_status fc_in_dir_read(struct fc_input *in, const char *rel, struct fc_buf *b, size_t max,
                              struct fc_error *err)
{
    if (in->kind != IO_DIR || !rel_ok(rel))
        return fc_fail(err, FC_EUSAGE, rel, 0, 0, "unsafe path");
    int fd = open_beneath(in->fd, rel, O_RDONLY);
    if (fd < 0)
        return sys_fail(err, rel, "cannot open", errno);
    struct fc_input sub = {.kind = IO_FD, .fd = fd, .name = (char *)rel};
    enum fc_status st = fc_in_slurp(&sub, b, max, err);
    close(fd);
    atomic_fetch_add_explicit(&in->bytes, atomic_load_explicit(&sub.bytes, memory_order_relaxed),
                              memory_order_relaxed);
    return st;
}

/* ---- system time zone files ------------------------------------------- */

#define ZONEINFO_DIR "/usr/share/zoneinfo"
#define ZONEINFO_MAX (1u << 20) /* real TZif files are a few KB */

/* An IANA zone name: plain components of letters, digits, '_', '+', '-'
 * and '.', none starting with '.' (so no "..", no hidden files). */
static bool zone_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255 || name[0] == '/')
        return false;
    bool start = true;
    for (const char *p = name; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '/') {
            if (start)
                return false;
            start = true;
            continue;
        }
        if (start && c == '.')
            return false;
        start = false;
        if (!fc_ascii_alnum(c) && c != '_' && c != '+' && c != '-' && c != '.')
            return false;
    }
    return !start;
}

enum fc_status fc_zoneinfo_read(const char *name, struct fc_buf *b, struct fc_error *err)
{
    if (!name || !zone_name_ok(name))
        return fc_fail(err, FC_EUSAGE, name, 0, 0, "not a time zone name");
    /* Debian makes the zones' other names (UTC, US/Eastern) symlinks
     * inside the zone directory: follow them, but only to files that
     * stay inside it. */
    char base[PATH_MAX], real[PATH_MAX], path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", ZONEINFO_DIR, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return fc_fail(err, FC_EUSAGE, name, 0, 0, "not a time zone name");
    if (!realpath(ZONEINFO_DIR, base))
        return sys_fail(err, ZONEINFO_DIR, "no time zone data (Debian package tzdata)", errno);
    if (!realpath(path, real))
        return sys_fail(err, name, "unknown time zone", errno);
    size_t bl = strlen(base);
    if (strncmp(real, base, bl) != 0 || real[bl] != '/')
        return fc_fail(err, FC_EUSAGE, name, 0, 0, "time zone file outside " ZONEINFO_DIR);
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    if (fd < 0)
        return sys_fail(err, name, "unknown time zone", errno);
    struct stat sb;
    enum fc_status st;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        st = fc_fail(err, FC_EUSAGE, name, 0, 0, "unknown time zone");
    } else {
        struct fc_input sub = {.kind = IO_FD, .fd = fd, .name = (char *)name};
        st = fc_in_slurp(&sub, b, ZONEINFO_MAX, err);
    }
    close(fd);
    return st;
}

/* ---- atomic files ------------------------------------------------------ */

/* An unnamed file in dirfd when the file system can (O_TMPFILE), else a
 * named temporary ".NAME.tmp-N" created exclusively. */
static int tmp_create(int dirfd, const char *base, unsigned long *serial, char **tmpname,
                      mode_t mode, bool *no_tmpfile)
{
    *tmpname = NULL;
    if (!*no_tmpfile) {
        int fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
        if (fd >= 0)
            return fd;
        /* not supported here (old kernels say EISDIR): do not ask again */
        if (errno == EOPNOTSUPP || errno == EISDIR)
            *no_tmpfile = true;
    }
    int fd;
    for (int tries = 0; tries < 100; tries++) {
        char name[NAME_MAX + 32];
        snprintf(name, sizeof name, ".%.200s.tmp-%ld-%lu", base, (long)getpid(), (*serial)++);
        fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd >= 0) {
            *tmpname = strdup(name);
            if (!*tmpname) {
                unlinkat(dirfd, name, 0);
                close(fd);
                errno = ENOMEM;
                return -1;
            }
            return fd;
        }
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

/* Link the unnamed file fd as name in dirfd.  AT_EMPTY_PATH needs no
 * /proc lookup and no /proc (Linux 6.10+ lets the opener; before, only
 * CAP_DAC_READ_SEARCH); once refused, *no_empty keeps to /proc. */
static int link_tmp(int fd, int dirfd, const char *name, bool *no_empty)
{
    if (!*no_empty) {
        if (linkat(fd, "", dirfd, name, AT_EMPTY_PATH) == 0)
            return 0;
        if (errno != ENOENT && errno != EPERM && errno != EINVAL)
            return -1;
        *no_empty = true;
    }
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
}

/* Give the temporary file the name `base` in dirfd, replacing any file. */
static int tmp_publish(int dirfd, int fd, const char *tmpname, const char *base,
                       unsigned long *serial, bool *no_empty)
{
    if (tmpname)
        return renameat(dirfd, tmpname, dirfd, base);
    /* A new name takes one link; only replacing a file needs the rename. */
    if (link_tmp(fd, dirfd, base, no_empty) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    /* link the unnamed file under a fresh name, then rename over base */
    char name[NAME_MAX + 32];
    for (int tries = 0; tries < 100; tries++) {
        snprintf(name, sizeof name, ".%.200s.tmp-%ld-%lu", base, (long)getpid(), (*serial)++);
        if (link_tmp(fd, dirfd, name, no_empty) == 0) {
            if (renameat(dirfd, name, dirfd, base) == 0)
                return 0;
            int e = errno;
            unlinkat(dirfd, name, 0);
            errno = e;
            return -1;
        }
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

static bool write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        c += w, n -= (size_t)w;
    }
    return true;
}

/* ---- output ------------------------------------------------------------ */

/* A new output writing to fd (-1: none yet; not owned); NULL on ENOMEM. */
static struct fc_output *output_new(enum io_kind kind, const char *name, int fd)
{
    char *copy;
    struct fc_output *o = io_alloc(sizeof *o, name, &copy);
    if (o) {
        fc_buf_init(&o->buf);
        o->kind = kind;
        o->name = copy;
        o->fd = fd;
    }
    return o;
}

enum fc_status fc_output_open(const char *path, unsigned flags, struct fc_output **out,
                              struct fc_error *err)
{
    *out = NULL;
    if (!path || !*path)
        return fc_fail(err, FC_EUSAGE, NULL, 0, 0, "empty output path");
    if (strcmp(path, "-") == 0)
        return fc_output_open_fd(1, "<stdout>", out, err);
    struct fc_output *o = output_new(IO_FILE, path, -1);
    if (!o)
        return fc_nomem(err);
    o->flags = flags;
    o->mode = 0644;
    const char *slash = strrchr(path, '/');
    o->dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    o->base = strdup(slash ? slash + 1 : path);
    enum fc_status st = FC_OK;
    if (!o->dir || !o->base) {
        st = fc_nomem(err);
        goto fail;
    }
    if (!*o->base) {
        st = fc_fail(err, FC_EUSAGE, path, 0, 0, "output path names a directory");
        goto fail;
    }
    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            st = fc_fail(err, FC_EUSAGE, path, 0, 0, "output is a directory");
            goto fail;
        }
        if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode)) {
            /* /dev/null, a named pipe: written into, there is no file to replace */
            fc_output_close(o);
            int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (fd < 0)
                return sys_fail(err, path, "cannot open output", errno);
            if ((st = fc_output_open_fd(fd, path, out, err)) != FC_OK) {
                close(fd);
                return st;
            }
            (*out)->own_fd = true;
            return FC_OK;
        }
        if (!(flags & FC_OPT_FORCE)) {
            st = fc_fail(err, FC_EEXIST, path, 0, 0,
                         "output file exists (use --force to replace it)");
            goto fail;
        }
        o->mode = sb.st_mode & 07777;
    }
    int dfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        st = sys_fail(err, path, "cannot open output directory", errno);
        goto fail;
    }
    o->fd = tmp_create(dfd, o->base, &o->serial, &o->tmpname, o->mode, &o->no_tmpfile);
    int e = errno;
    close(dfd);
    if (o->fd < 0) {
        st = sys_fail(err, path, "cannot create output", e);
        goto fail;
    }
    o->own_fd = true;
    *out = o;
    return FC_OK;
fail:
    fc_output_close(o);
    return st;
}

/* Open directory `path`, made first with any missing parents (mkdir -p,
 * by walk_dirs); -1 (errno; ENOTDIR when a component is a file). */
static int make_dirs(const char *path)
{
    int top = open(*path == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (top < 0)
        return -1;
    int fd = walk_dirs(top, path, strlen(path), true, true);
    int e = errno;
    close(top);
    errno = e;
    return fd;
}

enum fc_status fc_output_open_dir(const char *path, unsigned flags, struct fc_output **out,
                                  struct fc_error *err)
{
    *out = NULL;
    if (!path || !*path)
        return fc_fail(err, FC_EUSAGE, NULL, 0, 0, "empty output path");
    int fd = make_dirs(path);
    if (fd < 0)
        return sys_fail(err, path, "cannot create directory", errno);
    if (!(flags & FC_OPT_FORCE)) {
        int dfd = dup(fd);
        DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
        if (!d) {
            int e = errno;
            if (dfd >= 0)
                close(dfd);
            close(fd);
            return sys_fail(err, path, "cannot read directory", e);
        }
        bool empty = true;
        struct dirent *de;
        while (empty && (de = readdir(d)) != NULL)
            empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
        closedir(d);
        if (!empty) {
            close(fd);
            return fc_fail(err, FC_EEXIST, path, 0, 0,
                           "output directory is not empty (use --force to write into it)");
        }
    }
    struct fc_output *o = output_new(IO_DIR, path, fd);
    if (!o) {
        close(fd);
        return fc_nomem(err);
    }
    o->own_fd = true;
    o->flags = flags;
    *out = o;
    return FC_OK;
}

enum fc_status fc_output_open_fd(int fd, const char *name, struct fc_output **out,
                                 struct fc_error *err)
{
    *out = output_new(IO_FD, name, fd);
    return *out ? FC_OK : fc_nomem(err);
}

enum fc_status fc_output_open_memory(struct fc_output **out, struct fc_error *err)
{
    *out = output_new(IO_MEMORY, "<memory>", -1);
    return *out ? FC_OK : fc_nomem(err);
}

const char *fc_output_memory(const struct fc_output *out, size_t *len)
{
    if (len)
        *len = out->kind == IO_MEMORY ? out->buf.len : 0;
    if (out->kind != IO_MEMORY || !out->buf.data || out->buf.oom)
        return "";
    return out->buf.data;
}

int fc_output_is_dir(const struct fc_output *out)
{
    return out->kind == IO_DIR;
}

const char *fc_out_name(const struct fc_output *out)
{
    return out->name;
}

static enum fc_status out_flush(struct fc_output *out, struct fc_error *err)
{
    if (out->kind == IO_MEMORY || out->buf.len == 0)
        return FC_OK;
    if (!write_all(out->fd, out->buf.data, out->buf.len)) {
        out->failed = true;
        return sys_fail(err, out->name, "write error", errno);
    }
    fc_buf_reset(&out->buf);
    return FC_OK;
}

enum fc_status fc_out_write(struct fc_output *out, const void *p, size_t n, struct fc_error *err)
{
    if (out->kind == IO_DIR)
        return fc_fail(err, FC_EUSAGE, out->name, 0, 0, "output is a directory");
    if (out->failed)
        return fc_fail(err, FC_EIO, out->name, 0, 0, "earlier write failed");
    if (out->kind != IO_MEMORY && out->buf.len + n > OUT_BUF) {
        enum fc_status st = out_flush(out, err);
        if (st)
            return st;
        if (n >= OUT_BUF) { /* large blocks go straight through */
            if (!write_all(out->fd, p, n)) {
                out->failed = true;
                return sys_fail(err, out->name, "write error", errno);
            }
            return FC_OK;
        }
    }
    fc_buf_add(&out->buf, p, n);
    return out->buf.oom ? fc_nomem(err) : FC_OK;
}

enum fc_status fc_out_buf(struct fc_output *out, struct fc_buf *b, struct fc_error *err)
{
    if (b->oom)
        return fc_nomem(err);
    enum fc_status st = fc_out_write(out, b->data ? b->data : "", b->len, err);
    fc_buf_reset(b);
    return st;
}

enum fc_status fc_output_commit(struct fc_output *out, struct fc_error *err)
{
    if (out->committed)
        return FC_OK;
    enum fc_status st = out_flush(out, err);
    if (st)
        return st;
    if (out->kind == IO_FILE) {
        if (fsync(out->fd) != 0)
            return sys_fail(err, out->name, "cannot sync", errno);
        int dfd = open(out->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
            return sys_fail(err, out->name, "cannot open output directory", errno);
        if (fchmod(out->fd, out->mode) != 0 ||
            tmp_publish(dfd, out->fd, out->tmpname, out->base, &out->serial, &out->no_empty_link) !=
                0) {
            int e = errno;
            close(dfd);
            return sys_fail(err, out->name, "cannot move output into place", e);
        }
        close(dfd);
        free(out->tmpname);
        out->tmpname = NULL;
    }
    out->committed = true;
    return FC_OK;
}

void fc_output_close(struct fc_output *out)
{
    if (!out)
        return;
    if (out->kind == IO_FILE && out->tmpname && !out->committed) {
        int dfd = open(out->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            unlinkat(dfd, out->tmpname, 0);
            close(dfd);
        }
    }
    for (size_t i = 0; i < DIR_SLOTS; i++)
        if (out->dirs[i].rel) {
            close(out->dirs[i].fd);
            free(out->dirs[i].rel);
        }
    if (out->own_fd && out->fd >= 0)
        close(out->fd);
    fc_buf_free(&out->buf);
    free(out->tmpname);
    free(out->dir);
    free(out->base);
    free(out->name);
    free(out);
}

/* ---- directory output ---------------------------------------------------- */

/* Keep fd open as directory rel[0..len) in the least recently used slot.
 * Safe to keep: this run never removes or replaces a directory (a file
 * write onto one fails), so the fd stays the directory that was walked. */
static bool dir_keep(struct fc_output *out, const char *rel, size_t len, int fd)
{
    struct dir_slot *v = &out->dirs[0];
    for (size_t i = 1; i < DIR_SLOTS && v->rel; i++)
        if (!out->dirs[i].rel || out->dirs[i].used < v->used)
            v = &out->dirs[i];
    char *copy = strndup(rel, len);
    if (!copy)
        return false;
    if (v->rel) {
        close(v->fd);
        free(v->rel);
    }
    *v = (struct dir_slot){.rel = copy, .len = len, .fd = fd, .used = ++out->tick};
    return true;
}

/* Walk from the directory base (that of rel[0..from)) to rel[0..len) and
 * keep the fd in a slot; -1 (errno) on failure. */
static int walk_keep(struct fc_output *out, int base, const char *rel, size_t from, size_t len,
                     bool create)
{
    int fd = walk_dirs(base, rel + from, len - from, create, false);
    if (fd >= 0 && !dir_keep(out, rel, len, fd)) {
        close(fd);
        errno = ENOMEM;
        return -1;
    }
    return fd;
}

/* The directory rel[0..len) below the output directory, walked (and with
 * create, made) without following symlinks.  The fd is lent: the cache
 * owns it.  Returns -1 (errno) on failure. */
static int dir_get(struct fc_output *out, const char *rel, size_t len, bool create)
{
    if (len == 0)
        return out->fd;
    struct dir_slot *best = NULL;
    for (size_t i = 0; i < DIR_SLOTS; i++) {
        struct dir_slot *v = &out->dirs[i];
        if (!v->rel || v->len > len || memcmp(v->rel, rel, v->len) != 0)
            continue;
        if (v->len == len) {
            v->used = ++out->tick;
            return v->fd;
        }
        if (rel[v->len] == '/' && (!best || v->len > best->len))
            best = v;
    }
    /* walk from the deepest known ancestor */
    int base = out->fd;
    size_t from = 0;
    if (best) {
        best->used = ++out->tick;
        base = best->fd;
        from = best->len + 1;
    }
    /* keep the grandparent too: its children (Hugo bundles) come next */
    const char *gp = memrchr(rel + from, '/', len - from);
    if (gp) {
        size_t glen = (size_t)(gp - rel);
        if ((base = walk_keep(out, base, rel, from, glen, create)) < 0)
            return -1;
        from = glen + 1;
    }
    return walk_keep(out, base, rel, from, len, create);
}

bool fc_out_dir_exists(struct fc_output *out, const char *rel)
{
    if (out->kind != IO_DIR || !rel_ok(rel))
        return false;
    const char *slash = strrchr(rel, '/');
    int pfd = dir_get(out, rel, slash ? (size_t)(slash - rel) : 0, false);
    if (pfd < 0)
        return false;
    struct stat sb;
    return fstatat(pfd, slash ? slash + 1 : rel, &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

/*
 * One file of a directory output: an unnamed temporary in its directory
 * (or a hidden named one, when the file system cannot), written, then
 * linked into place; dropped when anything fails, so no partial file ever
 * appears at rel.  A directory in the way is found by the publish step
 * (EISDIR) instead of a stat before every file.
 */
struct fc_out_file {
    struct fc_output *out;
    const char *rel;  /* for messages */
    const char *last; /* the file name, in rel */
    int dirfd;        /* its directory: lent by the cache, or own (heap) */
    bool heap;        /* from fc_out_file_open: f, rel_copy and dirfd are owned */
    char *rel_copy;
    int fd;
    char *tmpname; /* the named temporary, NULL for an unnamed one */
    bool committed, failed;
};

/* Start f at rel: check the path, walk (making) its directory, create the
 * temporary.  own_dir: keep a duplicate of the directory's fd, which the
 * cache may close while the file is open. */
static enum fc_status file_begin(struct fc_output *out, const char *rel, bool own_dir,
                                 struct fc_out_file *f, struct fc_error *err)
{
    *f = (struct fc_out_file){.out = out, .rel = rel, .dirfd = -1, .fd = -1};
    if (out->kind != IO_DIR)
        return fc_fail(err, FC_EUSAGE, out->name, 0, 0, "output is not a directory");
    if (!fc_out_path_ok(rel))
        return fc_fail(err, FC_EUSAGE, out->name, 0, 0, "unsafe output path '%.200s'", rel);
    const char *slash = strrchr(rel, '/');
    f->last = slash ? slash + 1 : rel;
    int pfd = dir_get(out, rel, slash ? (size_t)(slash - rel) : 0, true);
    if (pfd >= 0 && own_dir)
        pfd = fcntl(pfd, F_DUPFD_CLOEXEC, 0);
    if (pfd < 0)
        return sys_fail(err, rel, "cannot create directory", errno);
    f->dirfd = pfd;
    f->fd = tmp_create(pfd, f->last, &out->serial, &f->tmpname, 0644, &out->no_tmpfile);
    if (f->fd < 0)
        return sys_fail(err, rel, "cannot create", errno);
    return FC_OK;
}

static enum fc_status file_write(struct fc_out_file *f, const void *p, size_t n,
                                 struct fc_error *err)
{
    if (f->failed || f->committed)
        return fc_fail(err, FC_EIO, f->rel, 0, 0,
                       f->failed ? "earlier write failed" : "already committed");
    if (!write_all(f->fd, p, n)) {
        f->failed = true;
        return sys_fail(err, f->rel, "write error", errno);
    }
    return FC_OK;
}

static enum fc_status file_publish(struct fc_out_file *f, struct fc_error *err)
{
    if (f->failed || f->committed)
        return fc_fail(err, FC_EIO, f->rel, 0, 0,
                       f->failed ? "earlier write failed" : "already committed");
    if (tmp_publish(f->dirfd, f->fd, f->tmpname, f->last, &f->out->serial,
                    &f->out->no_empty_link) != 0) {
        f->failed = true;
        return errno == EISDIR ? fc_fail(err, FC_EIO, f->rel, 0, 0, "a directory is in the way")
                               : sys_fail(err, f->rel, "cannot move into place", errno);
    }
    free(f->tmpname); /* renamed: nothing left to remove */
    f->tmpname = NULL;
    f->committed = true;
    return FC_OK;
}

/* Close f's fds, removing the named temporary of an uncommitted file. */
static void file_end(struct fc_out_file *f)
{
    if (f->tmpname && f->dirfd >= 0)
        unlinkat(f->dirfd, f->tmpname, 0);
    free(f->tmpname);
    if (f->fd >= 0)
        close(f->fd);
    if (f->heap && f->dirfd >= 0)
        close(f->dirfd);
}

bool fc_out_path_ok(const char *rel)
{
    return rel_ok(rel) && strlen(rel) <= 4000;
}

enum fc_status fc_out_dir_write(struct fc_output *out, const char *rel, const void *p, size_t n,
                                struct fc_error *err)
{
    struct fc_out_file f;
    enum fc_status st = file_begin(out, rel, false, &f, err);
    if (!st)
        st = file_write(&f, p, n, err);
    if (!st)
        st = file_publish(&f, err);
    file_end(&f);
    return st;
}

/* The bytes of the open file src (named name) into f, at most max. */
static enum fc_status copy_into(struct fc_out_file *f, int src, const char *name, size_t max,
                                struct fc_error *err)
{
    char buf[OUT_BUF];
    size_t total = 0;
    for (;;) {
        ssize_t r = read(src, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return sys_fail(err, name, "read error", errno);
        if (r == 0)
            return FC_OK;
        total += (size_t)r;
        if (total > max) /* it grew since the size was checked */
            return fc_fail(err, FC_ELIMIT, name, 0, 0, "file larger than %zu bytes", max);
        enum fc_status st = file_write(f, buf, (size_t)r, err);
        if (st)
            return st;
    }
}

enum fc_status fc_out_dir_copy(struct fc_output *out, const char *rel, const char *src_dir,
                               const char *src_rel, size_t max, struct fc_error *err)
{
    if (!src_dir || !rel_ok(src_rel))
        return fc_fail(err, FC_EUSAGE, src_rel, 0, 0, "unsafe source path");
    int dfd = open(src_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return sys_fail(err, src_dir, "cannot open directory", errno);
    int src = open_beneath(dfd, src_rel, O_RDONLY);
    int e = errno;
    close(dfd);
    if (src < 0) /* a symlink anywhere on the way is ELOOP or EPERM */
        return sys_fail(err, src_rel, "cannot open", e == ELOOP ? EPERM : e);
    struct stat sb;
    enum fc_status st = FC_OK;
    if (fstat(src, &sb) != 0)
        st = sys_fail(err, src_rel, "cannot read", errno);
    else if (!S_ISREG(sb.st_mode))
        st = fc_fail(err, FC_EUSAGE, src_rel, 0, 0, "not a regular file");
    else if ((uintmax_t)sb.st_size > max)
        st = fc_fail(err, FC_ELIMIT, src_rel, 0, 0, "file larger than %zu bytes", max);
    else {
        struct fc_out_file f;
        st = file_begin(out, rel, false, &f, err);
        if (!st)
            st = copy_into(&f, src, src_rel, max, err);
        if (!st)
            st = file_publish(&f, err);
        file_end(&f);
    }
    close(src);
    return st;
}

enum fc_status fc_out_file_open(struct fc_output *out, const char *rel, struct fc_out_file **file,
                                struct fc_error *err)
{
    *file = NULL;
    if (!rel)
        return fc_fail(err, FC_EUSAGE, out->name, 0, 0, "no output path");
    struct fc_out_file *f = malloc(sizeof *f);
    char *copy = strdup(rel);
    if (!f || !copy) {
        free(f);
        free(copy);
        return fc_nomem(err);
    }
    enum fc_status st = file_begin(out, copy, true, f, err);
    f->heap = true;
    f->rel_copy = copy;
    if (st) {
        fc_out_file_close(f);
        return st;
    }
    *file = f;
    return FC_OK;
}

enum fc_status fc_out_file_write(struct fc_out_file *f, const void *p, size_t n,
                                 struct fc_error *err)
{
    return file_write(f, p, n, err);
}

enum fc_status fc_out_file_commit(struct fc_out_file *f, struct fc_error *err)
{
    return file_publish(f, err);
}

void fc_out_file_close(struct fc_out_file *f)
{
    if (!f)
        return;
    file_end(f);
    free(f->rel_copy);
    free(f);
}

/* ---- spools ------------------------------------------------------------ */

struct fc_spool {
    int fd;
    /* all of a small spool, which never touches the disk; once on disk,
     * the writes not made yet (a write per item was a system call per
     * post of a WordPress export, two with its newline) */
    struct fc_buf buf;
    bool on_disk;
    uint64_t size; /* bytes written */
};

#define SPOOL_MEM (4u << 20)
#define SPOOL_CHUNK (64u << 10)

enum fc_status fc_spool_open(struct fc_spool **sp, struct fc_error *err)
{
    *sp = calloc(1, sizeof **sp);
    if (!*sp)
        return fc_nomem(err);
    (*sp)->fd = -1;
    fc_buf_init(&(*sp)->buf);
    return FC_OK;
}

static enum fc_status spool_to_disk(struct fc_spool *sp, struct fc_error *err)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    sp->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (sp->fd < 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/feedconv-spool-XXXXXX", dir);
        sp->fd = mkostemp(path, O_CLOEXEC);
        if (sp->fd < 0)
            return sys_fail(err, dir, "cannot create a temporary file", errno);
        unlink(path); /* unnamed from here on: nothing is left behind */
    }
    sp->on_disk = true;
    if (!write_all(sp->fd, sp->buf.data ? sp->buf.data : "", sp->buf.len))
        return sys_fail(err, dir, "cannot write a temporary file", errno);
    fc_buf_free(&sp->buf);
    return FC_OK;
}

/* The writes that wait in an on-disk spool's buffer, made. */
static enum fc_status spool_flush(struct fc_spool *sp, struct fc_error *err)
{
    if (!sp->on_disk || sp->buf.len == 0)
        return FC_OK;
    bool ok = write_all(sp->fd, sp->buf.data, sp->buf.len);
    fc_buf_reset(&sp->buf);
    return ok ? FC_OK : sys_fail(err, "<spool>", "cannot write a temporary file", errno);
}

enum fc_status fc_spool_write(struct fc_spool *sp, const void *p, size_t n, struct fc_error *err)
{
    if (!sp->on_disk) {
        if (sp->buf.len + n <= SPOOL_MEM) {
            fc_buf_add(&sp->buf, p, n);
            sp->size += n;
            return sp->buf.oom ? fc_nomem(err) : FC_OK;
        }
        enum fc_status st = spool_to_disk(sp, err);
        if (st)
            return st;
    }
    if (sp->buf.len + n > SPOOL_CHUNK) {
        enum fc_status st = spool_flush(sp, err);
        if (st)
            return st;
    }
    if (n >= SPOOL_CHUNK) {
        if (!write_all(sp->fd, p, n))
            return sys_fail(err, "<spool>", "cannot write a temporary file", errno);
    } else {
        fc_buf_add(&sp->buf, p, n);
        if (sp->buf.oom)
            return fc_nomem(err);
    }
    sp->size += n;
    return FC_OK;
}

uint64_t fc_spool_size(const struct fc_spool *sp)
{
    return sp->size;
}

/* pread into rd, or pwrite from wr, all n bytes at off (EINTR and short
 * counts retried). */
static bool pio_all(int fd, char *rd, const char *wr, size_t n, uint64_t off)
{
    for (size_t done = 0; done < n;) {
        ssize_t r = rd ? pread(fd, rd + done, n - done, (off_t)(off + done))
                       : pwrite(fd, wr + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        done += (size_t)r;
    }
    return true;
}

enum fc_status fc_spool_patch(struct fc_spool *sp, uint64_t off, const void *p, size_t n,
                              struct fc_error *err)
{
    if (off > sp->size || n > sp->size - off)
        return fc_fail(err, FC_EUSAGE, "<spool>", 0, 0, "patch past the end of the spool");
    if (!sp->on_disk) {
        memcpy(sp->buf.data + off, p, n);
        return FC_OK;
    }
    enum fc_status st = spool_flush(sp, err);
    if (st)
        return st;
    errno = 0;
    if (!pio_all(sp->fd, NULL, p, n, off))
        return sys_fail(err, "<spool>", "cannot write a temporary file", errno ? errno : EIO);
    return FC_OK;
}

enum fc_status fc_spool_read(struct fc_spool *sp, uint64_t off, void *p, size_t n,
                             struct fc_error *err)
{
    if (off > sp->size || n > sp->size - off)
        return fc_fail(err, FC_EUSAGE, "<spool>", 0, 0, "read past the end of the spool");
    if (!sp->on_disk) {
        memcpy(p, sp->buf.data + off, n);
        return FC_OK;
    }
    enum fc_status st = spool_flush(sp, err);
    if (st)
        return st;
    errno = 0;
    if (!pio_all(sp->fd, p, NULL, n, off))
        return sys_fail(err, "<spool>", "cannot read a temporary file", errno ? errno : EIO);
    return FC_OK;
}

enum fc_status fc_spool_copy(struct fc_spool *sp, struct fc_output *out, struct fc_error *err)
{
    if (!sp->on_disk)
        return fc_out_write(out, sp->buf.data ? sp->buf.data : "", sp->buf.len, err);
    enum fc_status st = spool_flush(sp, err);
    if (st)
        return st;
    if (lseek(sp->fd, 0, SEEK_SET) != 0)
        return sys_fail(err, "<spool>", "cannot read a temporary file", errno);
    char chunk[64u << 10];
    for (;;) {
        ssize_t r = read(sp->fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return sys_fail(err, "<spool>", "cannot read a temporary file", errno);
        if (r == 0)
            return FC_OK;
        if ((st = fc_out_write(out, chunk, (size_t)r, err)) != FC_OK)
            return st;
    }
}

enum fc_status fc_spool_input(struct fc_spool *sp, const char *name, struct fc_input **in,
                              struct fc_error *err)
{
    if (!sp->on_disk)
        return fc_input_open_memory(sp->buf.data ? sp->buf.data : "", sp->buf.len, name, in, err);
    enum fc_status st = spool_flush(sp, err);
    if (st)
        return st;
    if (lseek(sp->fd, 0, SEEK_SET) != 0)
        return sys_fail(err, "<spool>", "cannot read a temporary file", errno);
    return fc_input_open_fd(sp->fd, name, in, err);
}

void fc_spool_close(struct fc_spool *sp)
{
    if (!sp)
        return;
    if (sp->fd >= 0)
        close(sp->fd);
    fc_buf_free(&sp->buf);
    free(sp);
}
