"""Extracts the MSRP message examples of the RFCs into msrp/src/test/resources/corpus/msrp/rfc<NNNN>/<section>-<n>[.kind].msrp.

Usage: python3 msrp/tools/extract-rfc-msrp.py <folder with rfcNNNN.txt files> [corpus folder]

The RFC texts are the RFC Editor's plain-text files (rfcNNNN.txt). SPECS lists each example by RFC,
file name and the line range of the figure in that text: from its start line (MSRP <tid> ...) to its
end-line (-------<tid>[$+#]), both inclusive. The layout rules (see corpus/msrp/README.md):

  1. Page breaks inside a figure are dropped: the blank lines before the page footer, the footer
     ("... [Page N]"), the form feed, the page header ("RFC NNNN ...") and the blank lines after it.
     Where a break falls between the last header line and the body of a request, the empty line
     that the grammar requires there (RFC 4975 section 9: Content-Type 2CRLF data) is written once.
  2. The figure's indentation (that of its start line) is removed from every line; a body line
     indented deeper keeps the extra spaces.
  3. Header section only (start line up to the first empty line): a line indented deeper than the
     start line continues the previous one (MSRP has no line folding, and no header line starts with
     white space). The RFC's "\\" fold mark, the line break and the indentation are removed and the
     two pieces are joined with one space. Body lines are never joined.
  4. Lines are written with CRLF, the end-line too.
  5. RFC 8591 section 10 shows binary bodies in hexadecimal between "[start-hex]" and "[end-hex]" lines
     and says the tags are not part of the message: such a body is written as the bytes the hex
     digits stand for (no tags, no line breaks).

Nothing else is changed: no byte is added, removed or replaced beyond these rules. Check every output
by eye against the RFC.
"""
import os
import re
import sys

RFC_DIR = sys.argv[1] if len(sys.argv) > 1 else '/work/rfc'
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'test', 'resources', 'corpus', 'msrp')

FOOTER = re.compile(r'^\S.*\[Page \d+\]$')
HEADER_LINE = re.compile(r'^[A-Za-z][A-Za-z0-9-]*: ')
END_LINE = re.compile(r'^-------([A-Za-z0-9][A-Za-z0-9.+%=-]{3,31})[$+#]$')
START_LINE = re.compile(r'^MSRP ([A-Za-z0-9][A-Za-z0-9.+%=-]{3,31}) ')


def rfc_lines(rfc):
    return open(os.path.join(RFC_DIR, f'rfc{rfc}.txt'), encoding='ascii').read().split('\n')


def drop_page_breaks(rfc, src):
    """src: list of (line number, text). Returns it without page breaks, plus the positions where one was."""
    out = []
    breaks = []
    i = 0
    while i < len(src):
        n, t = src[i]
        if FOOTER.match(t):
            while out and out[-1][1].strip() == '':
                out.pop()
            i += 1
            assert src[i][1] == '\f', (rfc, src[i])
            i += 1
            assert src[i][1].startswith(f'RFC {rfc} '), (rfc, src[i])
            i += 1
            while i < len(src) and src[i][1].strip() == '':
                i += 1
            breaks.append(len(out))
            continue
        assert '\f' not in t, (rfc, n)
        out.append((n, t))
        i += 1
    return out, breaks


def block(rfc, start, end, end_line=True):
    """RFC lines start..end (1-based, inclusive) as the lines of one wire message."""
    src = list(zip(range(start, end + 1), rfc_lines(rfc)[start - 1:end]))
    assert src[0][1].lstrip().startswith('MSRP '), (rfc, start, src[0])
    kept, breaks = drop_page_breaks(rfc, src)
    base = len(kept[0][1]) - len(kept[0][1].lstrip(' '))
    out = []
    in_headers = True
    for k, (n, t) in enumerate(kept):
        if k in breaks and in_headers and out and HEADER_LINE.match(out[-1]) \
                and not HEADER_LINE.match(t[base:]) and not END_LINE.match(t[base:]):
            # rule 1: the page break hides the empty line between the header section and the body
            out.append('')
            in_headers = False
        if t.strip() == '':
            out.append('')
            in_headers = False
            continue
        indent = len(t) - len(t.lstrip(' '))
        assert indent >= base, (rfc, n, 'line indented less than the start line')
        if in_headers and indent > base:
            assert out and k > 0, (rfc, n)
            prev = out[-1]
            if prev.endswith('\\'):
                prev = prev[:-1]
            out[-1] = prev.rstrip(' ') + ' ' + t.strip()
            continue
        out.append(t[base:])
    m = START_LINE.match(out[0])
    e = END_LINE.match(out[-1])
    assert m, (rfc, start, out[0])
    assert (e and m.group(1) == e.group(1)) if end_line else not e, (rfc, start, out[-1])
    for o in out[:out.index('') if '' in out else len(out)]:
        assert not o.endswith('\\'), (rfc, start, o)
    return out


def wire(lines):
    """The message bytes: CRLF after every line (rule 4); a [start-hex]..[end-hex] body as binary (rule 5)."""
    if '[start-hex]' not in lines:
        return ('\r\n'.join(lines) + '\r\n').encode('ascii')
    s, e = lines.index('[start-hex]'), lines.index('[end-hex]')
    assert lines[s - 1] == '' and e == len(lines) - 2, lines[s - 1:s + 1]
    hexdigits = ''.join(lines[s + 1:e])
    assert re.fullmatch(r'(?:[0-9a-f]{2})+', hexdigits), 'not hex'
    head = ('\r\n'.join(lines[:s]) + '\r\n').encode('ascii')
    return head + bytes.fromhex(hexdigits) + ('\r\n' + lines[-1] + '\r\n').encode('ascii')


# (rfc, file name, first line, last line). File names: <section>-<n>, n counting the messages of
# that section in the order printed; ".malformed" for examples that are not a valid message as
# printed (see README.md).
SPECS = [
    ('4975', '4-1', 399, 407), ('4975', '4-2', 409, 412),
    ('4975', '5.1-1.malformed', 511, 517), ('4975', '5.1-2.malformed', 519, 525),
    ('4975', '11.1-1', 2278, 2286), ('4975', '11.1-2', 2290, 2293),
    ('4975', '11.1-3', 2305, 2313), ('4975', '11.1-4', 2317, 2320),
    ('4975', '11.2-1', 2332, 2372),
    ('4975', '11.4-1', 2389, 2402), ('4975', '11.4-2', 2417, 2425),
    ('4975', '11.5-1', 2433, 2443),
    ('4975', '11.6-1', 2449, 2476), ('4975', '11.6-2', 2482, 2488),

    ('4976', '3-1', 369, 380), ('4976', '3-2', 383, 387),
    ('4976', '3-3', 399, 410), ('4976', '3-4', 413, 417),
    ('4976', '3-5', 419, 430), ('4976', '3-6.incomplete', 433, 436),
    ('4976', '3-7', 455, 463), ('4976', '3-8', 466, 474), ('4976', '3-9', 477, 485),
    ('4976', '5.1-1', 803, 806), ('4976', '5.1-2', 810, 815),
    ('4976', '5.1-3', 819, 827), ('4976', '5.1-4', 847, 855),
    ('4976', '5.1-5', 861, 865), ('4976', '5.1-6', 867, 871),
    ('4976', '5.1-7', 873, 879), ('4976', '5.1-8', 881, 887),
    ('4976', '5.1-9', 903, 912), ('4976', '5.1-10', 914, 923),
    ('4976', '5.1-11', 925, 935), ('4976', '5.1-12', 937, 947),

    ('5547', '9.1-1.layout', 1743, 1759), ('5547', '9.1-2.layout', 1768, 1776),
    ('5547', '9.1-3', 1783, 1787), ('5547', '9.1-4', 1801, 1805),
    ('5547', '9.2-1.layout', 1991, 2009), ('5547', '9.2-2', 2023, 2027),
    ('5547', '9.2-3.layout', 2191, 2207), ('5547', '9.2-4', 2213, 2217),

    ('7701', '9.2-1', 1667, 1671), ('7701', '9.2-2', 1687, 1690),
    ('7701', '9.2-3', 1695, 1699), ('7701', '9.2-4', 1704, 1707),
    ('7701', '9.3-1', 1748, 1761), ('7701', '9.3-2', 1766, 1770),
    ('7701', '9.3-3', 1775, 1788),
    ('7701', '9.4-1', 1830, 1843), ('7701', '9.4-2', 1855, 1859),
    ('7701', '9.4-3', 1868, 1881), ('7701', '9.4-4', 1886, 1890),
    ('7701', '9.5-1', 1918, 1927), ('7701', '9.5-2', 1929, 1940),

    ('7977', '8.1.1-1', 594, 597), ('7977', '8.1.1-2', 602, 607),
    ('7977', '8.1.2-1', 681, 684), ('7977', '8.1.2-2', 689, 694),
    ('7977', '8.1.2-3', 699, 707), ('7977', '8.1.2-4', 712, 717),
    ('7977', '8.2.2-1', 815, 825), ('7977', '8.2.2-2', 830, 833),
    ('7977', '8.2.2-3.lenient', 849, 859), ('7977', '8.2.2-4', 864, 867),
    ('7977', '8.2.3-1', 910, 920), ('7977', '8.2.3-2', 925, 928),
    ('7977', '8.2.3-3.lenient', 933, 943), ('7977', '8.2.3-4.lenient', 961, 964),
    ('7977', '8.3.2-1', 1045, 1056), ('7977', '8.3.2-2', 1073, 1076),
    ('7977', '8.3.2-3', 1081, 1092), ('7977', '8.3.2-4', 1097, 1100),
    ('7977', '8.4.2-1', 1190, 1201), ('7977', '8.4.2-2', 1206, 1209),
    ('7977', '8.4.2-3', 1214, 1225), ('7977', '8.4.2-4', 1241, 1244),
    ('7977', '8.4.2-5', 1249, 1260), ('7977', '8.4.2-6', 1265, 1268),

    ('8591', '10.3-1', 1076, 1156),
    ('8591', '10.4-1', 1166, 1215), ('8591', '10.4-2', 1218, 1272),
]

def same_words(rfc, start, end, data):
    """Self-check: the file has the words of the RFC lines, in order; only white space and the
    layout of rules 1, 3 and 5 differ (page-break lines, fold marks, hex digits vs. bytes)."""
    words = []
    for l in rfc_lines(rfc)[start - 1:end]:
        if FOOTER.match(l) or '\f' in l or l.startswith(f'RFC {rfc} '):
            continue
        words += [w[:-1] if w.endswith('\\') and len(w) > 1 else w for w in l.split() if w != '\\']
    if b'[start-hex]' not in data and '[start-hex]' in words:
        i, j = data.find(b'\r\n\r\n') + 4, data.rfind(b'\r\n-------')
        data = data[:i] + b'[start-hex] ' + data[i:j].hex().encode('ascii') + b' [end-hex]' + data[j:]
        s, e = words.index('[start-hex]'), words.index('[end-hex]')
        words[s + 1:e] = [''.join(words[s + 1:e])]
    return data.decode('latin-1').split() == words


# Printed without an end-line (see README.md).
NO_END_LINE = {('4976', '3-6.incomplete')}

if __name__ == '__main__':
    for rfc, name, s, e in SPECS:
        b = block(rfc, s, e, end_line=(rfc, name) not in NO_END_LINE)
        path = os.path.join(OUT, f'rfc{rfc}', f'{name}.msrp')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = wire(b)
        assert same_words(rfc, s, e, data), (rfc, name)
        with open(path, 'wb') as f:
            f.write(data)
        print(f'== rfc{rfc}/{name}.msrp (rfc{rfc}.txt lines {s}-{e})')
        print('\n'.join(b))
