/*
 * fuzz_site.c - the site writers (markdown_write.c, src/sites/) on feeds
 * made of arbitrary bytes.  The first byte picks the generator (its value
 * mod 5: plain, Hugo, Jekyll, Eleventy, Zola), HTML bodies (0x08), two
 * threads (0x20) and the reader of the rest: RSS (0x40 clear) or JSON
 * Feed.  The site goes to a private directory (on /dev/shm when there is
 * one), is read back by the same generator's reader, and is removed.
 * Properties: a failure fills the error; the site holds only directories
 * and regular files; what the writer wrote reads back with no parse error
 * (its front matter, YAML or TOML, is its reader's).
 */
#include "fuzz.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static char site_base[256];
static char site_dir[300];

static int site_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

static void site_rm(void)
{
    nftw(site_dir, site_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void site_cleanup(void)
{
    if (site_dir[0])
        site_rm();
    if (site_base[0])
        rmdir(site_base);
}

static bool site_setup(void)
{
    if (site_base[0])
        return true;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(site_base, sizeof site_base, "%s/fc-fuzz-site.XXXXXX", base);
    if (!mkdtemp(site_base)) {
        site_base[0] = '\0';
        return false;
    }
    snprintf(site_dir, sizeof site_dir, "%s/site", site_base);
    atexit(site_cleanup);
    return true;
}

static int site_odd;

static int site_check_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag != FTW_D && flag != FTW_DP && !(flag == FTW_F && S_ISREG(sb->st_mode)))
        site_odd++;
    return 0;
}

FUZZ_ENTRY(site)
{
    static const char *const gens[] = {"plain", "hugo", "jekyll", "eleventy", "zola"};
    if (size < 1 || !site_setup())
        return 0;
    unsigned char pick = data[0];
    const char *gen = gens[pick % 5];
    const struct fc_format *from = fc_format_find(pick & 0x40 ? "jsonfeed" : "rss");
    const struct fc_format *md = fc_format_find("markdown");
    if (!from || !md)
        return 0;
    struct fc_options opt;
    unsigned long warnings = 0;
    fuzz_options(&opt, data, size, &warnings);
    opt.flags &= ~(unsigned)FC_OPT_STRICT; /* a site, whatever the warnings */
    if (pick & 0x20)
        opt.jobs = 2;
    struct fc_error err = {0};
    enum fc_status st = fc_options_set(&opt, "markdown", "site", gen, &err);
    if (st == FC_OK && (pick & 0x08))
        st = fc_options_set(&opt, "markdown", "body", "html", &err);
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    if (st == FC_OK)
        st = fc_input_open_memory(data + 1, size - 1, "fuzz", &in, &err);
    if (st == FC_OK)
        st = fc_output_open_dir(site_dir, 0, &out, &err);
    if (st == FC_OK)
        st = fc_convert(in, from, out, md, &opt, &err);
    if (st == FC_OK)
        st = fc_output_commit(out, &err);
    fuzz_check_error(st, &err, "fc_convert(site)");
    fc_output_close(out);
    fc_input_close(in);

    site_odd = 0;
    nftw(site_dir, site_check_one, 16, FTW_PHYS);
    FUZZ_CHECK(site_odd == 0, "the site holds something but files and directories");

    if (st == FC_OK) { /* the site read back by its generator's reader */
        struct fc_options ropt;
        unsigned long rw = 0;
        fc_options_init(&ropt);
        ropt.warn = fuzz_on_warning;
        ropt.warn_ctx = &rw;
        struct fc_error rerr = {0};
        struct fc_input *rin = NULL;
        struct fc_output *rout = NULL;
        const struct fc_format *jf = fc_format_find("jsonfeed");
        enum fc_status rt = fc_options_set(&ropt, "markdown", "site", gen, &rerr);
        if (rt == FC_OK)
            rt = fc_input_open(site_dir, &rin, &rerr);
        if (rt == FC_OK)
            rt = fc_output_open_memory(&rout, &rerr);
        if (rt == FC_OK && jf)
            rt = fc_convert(rin, md, rout, jf, &ropt, &rerr);
        fuzz_check_error(rt, &rerr, "fc_convert(site read back)");
        if (rt == FC_EPARSE) {
            fprintf(stderr, "fuzz: %s site does not read back: %s:%lu: %s\n", gen, rerr.file,
                    rerr.line, rerr.message);
            FUZZ_CHECK(0, "a written site does not read back");
        }
        fc_output_close(rout);
        fc_input_close(rin);
    }
    site_rm();
    return 0;
}
