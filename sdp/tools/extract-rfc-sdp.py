"""Extracts the SDP examples of the RFCs into sdp/src/test/resources/corpus/sdp/rfc<NNNN>/<section>-<n>.sdp.

Usage: python3 sdp/tools/extract-rfc-sdp.py <folder with rfcNNNN.txt files> [corpus folder]

The RFC texts are the RFC Editor's plain-text files (e.g. from Debian's doc-rfc-std-proposed package,
/usr/share/doc/RFC/proposed-standard/rfcNNNN.txt.gz, gunzipped). SPECS lists each example by RFC,
file name and the line range of the figure in that text. Page-break lines are dropped, the figure
indentation removed and print folds joined (see corpus/sdp/README.md). Check every output by eye.
"""
import re, os, sys
RFC_DIR = sys.argv[1] if len(sys.argv) > 1 else '.'
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', 'src', 'test', 'resources', 'corpus', 'sdp')
def lines(rfc):
    return open(os.path.join(RFC_DIR, f'rfc{rfc}.txt'), encoding='latin-1').read().split('\n')

def block(rfc, start, end):
    """RFC lines start..end (1-based, inclusive): drop page-break lines, dedent, unfold."""
    src = lines(rfc)[start-1:end]
    kept = []
    for l in src:
        if l.strip() == '' or '\f' in l or re.match(r'^\S.*\[Page \d+\]$', l) or re.match(r'^RFC %s ' % rfc, l):
            continue
        kept.append(l)
    base = min(len(l) - len(l.lstrip(' ')) for l in kept if re.match(r'^\s*[a-z]=', l))
    out = []
    cont = False
    for l in kept:
        indent = len(l) - len(l.lstrip(' '))
        text = l.strip()
        if out and (cont or (indent > base and not re.match(r'^[a-z]=', text))):
            prev = out[-1]
            sep = '' if prev.endswith(':') else ' '
            out[-1] = prev + sep + text
        else:
            out.append(l[base:] if indent >= base else text)
        cont = False
        if out[-1].endswith('\\'):
            out[-1] = out[-1][:-1].rstrip()
            cont = True
    for o in out:
        assert re.match(r'^[a-z]=', o), (rfc, start, o)
    return out

SPECS = [
    ('4145', '7.1-1', 468, 471), ('4145', '7.1-2', 476, 479),
    ('4145', '7.2-1', 491, 494), ('4145', '7.2-2', 498, 501),
    ('4145', '7.3-1', 520, 523), ('4145', '7.3-2', 528, 531),
    ('4145', '7.4-1', 545, 548), ('4145', '7.4-2', 567, 570),
    ('4975', '4-1', 322, 325), ('4975', '4-2', 351, 354),
    ('4975', '8.2-1', 1631, 1638),
    ('4975', '8.7-1', 1884, 1891), ('4975', '8.7-2', 1913, 1920),
    ('4975', '11.1-1', 2252, 2259), ('4975', '11.1-2', 2265, 2272),
    ('4975', '14.4-1', 2933, 2938),
    ('5547', '6-1', 649, 668),
    ('5547', '9.1-1', 1647, 1665), ('5547', '9.1-2', 1699, 1712),
    ('5547', '9.2-1', 1922, 1934), ('5547', '9.2-2', 1967, 1979),
    ('5547', '9.2-3', 2095, 2112), ('5547', '9.2-4', 2146, 2160),
    ('5547', '9.3-1', 2259, 2268),
    ('7345', 'A.2-1', 820, 829), ('7345', 'A.2-2', 869, 878),
    ('7345', 'A.2-3', 972, 981), ('7345', 'A.2-4', 1037, 1046),
    ('7345', 'A.3-1', 1139, 1149), ('7345', 'A.3-2', 1200, 1210),
    ('8122', '3.4-1', 343, 351),
    ('8856', '4-1', 217, 217), ('8856', '5.1-1', 301, 301),
    ('8856', '11-1', 729, 744), ('8856', '11-2', 754, 763),
    ('8856', '11-3', 768, 783), ('8856', '11-4', 787, 800),
]
for rfc, name, s, e in SPECS:
    b = block(rfc, s, e)
    path = f'{OUT}/rfc{rfc}/{name}.sdp'
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, 'wb').write(('\r\n'.join(b) + '\r\n').encode('ascii'))
    print(f'== rfc{rfc}/{name}.sdp ({s}-{e})')
    print('\n'.join(b))
