/*
 * site_text.c - the bits of Unicode the generators' slug rules need
 * (site.h): which code points a slug keeps (Go's unicode.IsLetter /
 * IsDigit / IsMark for Hugo, Ruby's \p{L}\p{M}\p{Nd} for Jekyll), lower
 * case (Go's strings.ToLower, Ruby's downcase) and accents removed
 * (Hugo's removePathAccents: NFD, marks dropped).
 *
 * No Unicode database is at hand (Debian's C libraries for it would be a
 * new dependency for a few slugs), so the tables cover the blocks real
 * titles are written in: Latin, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic, Devanagari, Thai, CJK and the punctuation, symbol and emoji
 * blocks; a code point of another block counts as a letter.
 */
#include "sites/site.h"

/* Ranges of what is not a letter, digit or mark (punctuation, symbols,
 * separators, other numbers, format characters, private use), sorted. */
static const struct range {
    uint32_t lo, hi;
} non_word[] = {
    {0x0080, 0x00A9},    {0x00AB, 0x00B4},   {0x00B6, 0x00B9},   {0x00BB, 0x00BF},
    {0x00D7, 0x00D7},    {0x00F7, 0x00F7},   {0x02C2, 0x02C5},   {0x02D2, 0x02DF},
    {0x02E5, 0x02EB},    {0x02ED, 0x02ED},   {0x02EF, 0x02FF},   {0x0375, 0x0375},
    {0x037E, 0x037E},    {0x0384, 0x0385},   {0x0387, 0x0387},   {0x03F6, 0x03F6},
    {0x0482, 0x0482},    {0x055A, 0x055F},   {0x0589, 0x058A},   {0x058D, 0x058F},
    {0x05BE, 0x05BE},    {0x05C0, 0x05C0},   {0x05C3, 0x05C3},   {0x05C6, 0x05C6},
    {0x05F3, 0x05F4},    {0x0600, 0x060F},   {0x061B, 0x061F},   {0x066A, 0x066D},
    {0x06D4, 0x06D4},    {0x06DD, 0x06DE},   {0x06E9, 0x06E9},   {0x06FD, 0x06FE},
    {0x0964, 0x0965},    {0x0970, 0x0970},   {0x0E3F, 0x0E3F},   {0x0E4F, 0x0E4F},
    {0x0E5A, 0x0E5B},    {0x10FB, 0x10FB},   {0x1680, 0x1680},   {0x180E, 0x180E},
    {0x2000, 0x2070},    {0x2074, 0x207E},   {0x2080, 0x208E},   {0x20A0, 0x20CF},
    {0x2100, 0x2101},    {0x2103, 0x2106},   {0x2108, 0x2109},   {0x2114, 0x2114},
    {0x2116, 0x2118},    {0x211E, 0x2123},   {0x2125, 0x2125},   {0x2127, 0x2127},
    {0x2129, 0x2129},    {0x212E, 0x212E},   {0x213A, 0x213B},   {0x2140, 0x2144},
    {0x214A, 0x214D},    {0x214F, 0x218F},   {0x2190, 0x2BFF},   {0x2CE5, 0x2CEA},
    {0x2CF9, 0x2CFF},    {0x2E00, 0x2E7F},   {0x2E80, 0x2FFF},   {0x3000, 0x3004},
    {0x3007, 0x3029},    {0x3030, 0x3030},   {0x3036, 0x303A},   {0x303D, 0x303F},
    {0x309B, 0x309C},    {0x30A0, 0x30A0},   {0x30FB, 0x30FB},   {0x3190, 0x319F},
    {0x31C0, 0x31EF},    {0x3200, 0x33FF},   {0x4DC0, 0x4DFF},   {0xA490, 0xA4CF},
    {0xA4FE, 0xA4FF},    {0xA60D, 0xA60F},   {0xA673, 0xA673},   {0xA67E, 0xA67E},
    {0xA6F2, 0xA6F7},    {0xA700, 0xA716},   {0xA720, 0xA721},   {0xA789, 0xA78A},
    {0xA828, 0xA82B},    {0xA830, 0xA839},   {0xD800, 0xF8FF},   {0xFB29, 0xFB29},
    {0xFD3E, 0xFD3F},    {0xFDFC, 0xFDFD},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFEFF, 0xFEFF},    {0xFF01, 0xFF0F},   {0xFF1A, 0xFF20},   {0xFF3B, 0xFF40},
    {0xFF5B, 0xFF65},    {0xFFE0, 0xFFFF},   {0x10100, 0x1013F}, {0x1D000, 0x1D24F},
    {0x1D300, 0x1D37F},  {0x1F000, 0x1FAFF}, {0x1FB00, 0x1FBEF}, {0xE0000, 0xE007F},
    {0xF0000, 0x10FFFF},
};

bool fc_site_is_word(uint32_t cp)
{
    if (cp < 0x80)
        return fc_ascii_alnum((unsigned char)cp);
    size_t lo = 0, hi = sizeof non_word / sizeof non_word[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < non_word[mid].lo)
            hi = mid;
        else if (cp > non_word[mid].hi)
            lo = mid + 1;
        else
            return false;
    }
    return true;
}

bool fc_site_is_space(uint32_t cp)
{
    if (cp < 0x80)
        return fc_ascii_space((unsigned char)cp);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool fc_site_is_accent_mark(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* Pairs where upper case is even and lower case the next code point. */
static bool even_pair(uint32_t cp, uint32_t lo, uint32_t hi)
{
    return cp >= lo && cp <= hi && (cp & 1) == (lo & 1);
}

uint32_t fc_site_lower(uint32_t cp)
{
    if (cp < 0x80)
        return (uint32_t)fc_ascii_lower((int)cp);
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
        (cp >= 0x410 && cp <= 0x42F) || (cp >= 0xFF21 && cp <= 0xFF3A))
        return cp + 32;
    if (cp == 0x130)
        return 'i';
    if (cp == 0x178)
        return 0xFF;
    if (cp == 0x1E9E)
        return 0xDF;
    if (cp == 0x386)
        return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A)
        return cp + 37;
    if (cp == 0x38C)
        return 0x3CC;
    if (cp == 0x38E || cp == 0x38F)
        return cp + 63;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp >= 0x531 && cp <= 0x556)
        return cp + 48;
    if (cp == 0x1C4 || cp == 0x1C5)
        return 0x1C6;
    if (cp == 0x1C7 || cp == 0x1C8)
        return 0x1C9;
    if (cp == 0x1CA || cp == 0x1CB)
        return 0x1CC;
    if (cp == 0x1F1 || cp == 0x1F2)
        return 0x1F3;
    if (cp == 0x4C0)
        return 0x4CF;
    if (even_pair(cp, 0x100, 0x136) || even_pair(cp, 0x139, 0x147) || even_pair(cp, 0x14A, 0x176) ||
        even_pair(cp, 0x179, 0x17D) || even_pair(cp, 0x1CD, 0x1DB) || even_pair(cp, 0x1DE, 0x1EE) ||
        cp == 0x1F4 || even_pair(cp, 0x1F8, 0x21E) || even_pair(cp, 0x222, 0x232) ||
        even_pair(cp, 0x460, 0x480) || even_pair(cp, 0x48A, 0x4BE) || even_pair(cp, 0x4C1, 0x4CD) ||
        even_pair(cp, 0x4D0, 0x52E) || even_pair(cp, 0x1E00, 0x1E94) ||
        even_pair(cp, 0x1EA0, 0x1EFE))
        return cp + 1;
    return cp;
}

/* Base letters of U+00C0..U+017F ('-': no decomposition to a base). */
static const char unaccent_tab[] = "AAAAAA-CEEEEIIII-NOOOOO--UUUUY--"
                                   "aaaaaa-ceeeeiiii-nooooo--uuuuy-y"
                                   "AaAaAaCcCcCcCcDd--EeEeEeEeEeGgGg"
                                   "GgGgHh--IiIiIiIiI---JjKk-LlLlLl-"
                                   "---NnNnNn---OoOoOo--RrRrRrSsSsSs"
                                   "SsTtTt--UuUuUuUuUuUuWwYyYZzZzZz-";

uint32_t fc_site_unaccent(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0x17F && unaccent_tab[cp - 0xC0] != '-')
        return (uint32_t)(unsigned char)unaccent_tab[cp - 0xC0];
    return cp;
}

void fc_site_lower_str(struct fc_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = fc_utf8_decode(p + i, n - i, &cp);
        if (k == 0 || k == (size_t)-1) {
            fc_buf_putc(b, (char)p[i++]);
            continue;
        }
        if (cp < 0x80)
            fc_buf_putc(b, (char)fc_ascii_lower((int)cp));
        else
            fc_utf8_put(b, fc_site_lower(cp));
        i += k;
    }
}
