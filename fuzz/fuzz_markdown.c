/*
 * fuzz_markdown.c - the Markdown directory reader (YAML front matter +
 * body) on arbitrary bytes.  The reader takes a directory, so each input
 * is written as post.md into a private temporary directory (on /dev/shm
 * when there is one) and converted to every stream writer.
 *
 * First, differential checks: the front matter (and the whole input) read
 * by fc_yaml_parse, whose quick path takes the common YAML subset, must
 * give the same tree as libyaml alone, or the same error; and the whole
 * input made HTML with the GFM extensions md2html.c chooses, the same
 * bytes as with all four.
 */
#include "fuzz.h"
#include "syntax/yaml.h"

#include <fcntl.h>
#include <unistd.h>

static char md_dir[256];
static char md_file[300];

static void md_cleanup(void)
{
    if (md_file[0])
        unlink(md_file);
    if (md_dir[0])
        rmdir(md_dir);
}

static bool md_setup(void)
{
    if (md_dir[0])
        return true;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(md_dir, sizeof md_dir, "%s/fc-fuzz-md.XXXXXX", base);
    if (!mkdtemp(md_dir)) {
        md_dir[0] = '\0';
        return false;
    }
    snprintf(md_file, sizeof md_file, "%s/2024-01-01-post.md", md_dir);
    atexit(md_cleanup);
    return true;
}

static bool md_write(const uint8_t *data, size_t size)
{
    int fd = open(md_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    bool ok = true;
    while (size && ok) {
        ssize_t w = write(fd, data, size);
        ok = w > 0;
        if (ok)
            data += w, size -= (size_t)w;
    }
    close(fd);
    return ok;
}

/* The front matter as the reader splits it (fc_fm_split). */
static bool split_fm(const char *text, size_t len, const char **yaml, size_t *ylen)
{
    const char *body;
    return fc_fm_split(text, len, yaml, ylen, &body);
}

FUZZ_ENTRY(markdown)
{
    if (size && fc_utf8_valid((const char *)data, size)) {
        const char *yaml;
        size_t ylen;
        if (split_fm((const char *)data, size, &yaml, &ylen))
            md_yaml_diff(yaml, ylen);
        md_yaml_diff((const char *)data, size);
    }
    fuzz_md2html_diff((const char *)data, size);
    const struct fc_format *from = fc_format_find("markdown");
    if (!from || !(from->caps & FC_CAN_READ) || !md_setup() || !md_write(data, size))
        return 0;
    struct fc_options opt;
    unsigned long warnings = 0;
    fuzz_options(&opt, data, size, &warnings);
    for (const struct fc_format *const *f = fc_formats(); *f; f++) {
        const struct fc_format *to = *f;
        if (!(to->caps & FC_CAN_WRITE) || (to->caps & FC_IS_DIRECTORY))
            continue;
        struct fc_error err = {0};
        struct fc_input *in = NULL;
        struct fc_output *o = NULL;
        warnings = 0;
        enum fc_status st = fc_input_open(md_dir, &in, &err);
        if (st == FC_OK)
            st = fc_output_open_memory(&o, &err);
        if (st == FC_OK)
            st = fc_convert(in, from, o, to, &opt, &err);
        fuzz_check_error(st, &err, "fc_convert(markdown)");
        if (st == FC_OK) {
            size_t len = 0;
            const char *out = fc_output_memory(o, &len);
            FUZZ_CHECK(fc_utf8_valid(out, len), "writer output is not valid UTF-8");
            if (opt.flags & FC_OPT_STRICT)
                FUZZ_CHECK(warnings == 0, "strict mode: FC_OK after a warning");
        }
        fc_output_close(o);
        fc_input_close(in);
    }
    return 0;
}
