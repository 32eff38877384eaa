#!/usr/bin/env python3
"""Extract per-directive documentation facts from nginx.org XML sources.

Usage:
    extract_docs.py [--overlay DIR]... [--code-tsv FILE]... [-o OUT] XML_DOCS_DIR

XML_DOCS_DIR is a directory laid out like xml/en/docs of the nginx.org
repository (ngx_core_module.xml, http/ngx_http_*_module.xml, stream/...,
mail/...).  Every *_module.xml file with <directive> elements is read
(fragments named *_head.xml and the pages in SKIP_PAGES are skipped).  Output is TSV:

    module  directive  default  appeared_in  url

module       page name without "ngx_" and ".xml" (ngx_http_proxy_module.xml ->
             http_proxy_module), optionally remapped to the module that
             registers the directive in code (see --code-tsv).
default      text of <default> with markup removed, entities decoded and
             whitespace collapsed; several <default> elements are joined
             with "; "; empty if the element is empty or absent.
appeared_in  text of the directive's own <appeared-in> elements (the ones
             before the first <para>), joined with ","; empty if none.
url          https://nginx.org/en/docs/<dir>/<page>.html#<directive>, built
             from the file path (not from the page's link attribute).

Commented-out markup (<!-- ... -->) is ignored, so commented directives do
not produce rows.

--overlay DIR   A second tree with the same layout, holding a newer rendering
                of some pages.  For a page present in both, the overlay wins
                if its rev attribute is higher, or if the primary file is
                marked scope="partial".  When the overlay wins, its directive
                list and values are used, except that a multi-valued
                <default>/<appeared-in> from the primary page is kept when
                the overlay's single value equals the primary's last value
                (renderings that keep only the last element lose the rest).
                May be given more than once; later overlays are applied last.

--code-tsv FILE Directive tables (module, directive, ... columns, as in
                nginx-*.tsv) used to name modules as the code does.  For a
                row whose page module does not register the directive, the
                module is replaced by the one module of the same family
                (http_*, stream_*, mail_*, or other = core; failing that, the
                one core-level module) that does, unless
                that (module, directive) pair is already produced by another
                page (modules whose pair another page already produces are
                not counted as candidates).  Directives of the core page that no table knows fall
                back to the built-in EVENTS_FALLBACK mapping.

Problems are reported on stderr with the prefix "WARN".
"""

import argparse
import html
import os
import re
import sys

DIRECTIVE_RE = re.compile(r'<directive\s+name\s*=\s*"([^"]+)"\s*>(.*?)</directive>', re.S)
COMMENT_RE = re.compile(r'<!--.*?-->', re.S)
REV_RE = re.compile(r'<module\b[^>]*?\brev\s*=\s*"([^"]*)"', re.S)
SCOPE_RE = re.compile(r'<module\b[^>]*?\bscope\s*=\s*"([^"]*)"', re.S)
DEFAULT_RE = re.compile(r'<default\s*/>|<default(?:\s[^>]*)?>(.*?)</default>', re.S)
APPEARED_RE = re.compile(r'<appeared-in>(.*?)</appeared-in>', re.S)
TAG_RE = re.compile(r'<[^>]+>')

# Directives of the core page (ngx_core_module.xml) that belong to the events
# modules when no --code-tsv table names their module.
EVENTS_FALLBACK = {
    'events': 'events_module',
    'accept_mutex': 'event_core_module',
    'accept_mutex_delay': 'event_core_module',
    'debug_connection': 'event_core_module',
    'multi_accept': 'event_core_module',
    'use': 'event_core_module',
    'worker_aio_requests': 'event_core_module',
    'worker_connections': 'event_core_module',
    'stall_threshold': 'event_core_module',
}

CORE_PAGE = 'ngx_core_module.xml'

# Pages present in the source tree but left out on purpose.
SKIP_PAGES = {
    # the pre-1.9.0 commercial stream page, superseded by
    # ngx_stream_core_module and no longer in the documentation index
    os.path.join('stream', 'ngx_stream_module.xml'),
}


def warn(msg):
    print('WARN ' + msg, file=sys.stderr)


def text_of(fragment):
    s = TAG_RE.sub('', fragment)
    s = html.unescape(s)
    return ' '.join(s.split())


def parse_page(path):
    """Return (rev, scope, [(name, [defaults], [appeared])])."""
    with open(path, encoding='utf-8') as f:
        src = f.read()
    src = COMMENT_RE.sub('', src)
    m = REV_RE.search(src)
    rev = int(m.group(1)) if m and m.group(1).isdigit() else None
    m = SCOPE_RE.search(src)
    scope = m.group(1) if m else 'full'
    out = []
    for name, body in DIRECTIVE_RE.findall(src):
        head = body.split('<para', 1)[0]
        defaults = []
        for dm in DEFAULT_RE.finditer(head):
            if dm.group(1) is not None:
                t = text_of(dm.group(1))
                if t:
                    defaults.append(t)
        appeared = [text_of(a) for a in APPEARED_RE.findall(head)]
        appeared = [a for a in appeared if a]
        out.append((name.strip(), defaults, appeared))
    return rev, scope, out


def page_files(root):
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for f in sorted(fn):
            if not f.endswith('_module.xml') or f.endswith('_head.xml'):
                continue
            rel = os.path.relpath(os.path.join(dp, f), root)
            if rel not in SKIP_PAGES:
                yield rel


def merge(primary, overlay, rel):
    """Merge two parsed pages; see --overlay in the module docstring."""
    prev, pscope, pdirs = primary
    orev, oscope, odirs = overlay
    if prev is not None and orev is not None and orev <= prev and pscope != 'partial':
        return primary
    pmap = {n: (d, a) for n, d, a in pdirs}
    merged = []
    for name, d, a in odirs:
        if name in pmap:
            pd, pa = pmap[name]
            if len(pd) > 1 and len(d) == 1 and d[0] == pd[-1]:
                d = pd
            if len(pa) > 1 and len(a) == 1 and a[0] == pa[-1]:
                a = pa
        merged.append((name, d, a))
    return orev, oscope, merged


def family(module):
    for p in ('http_', 'stream_', 'mail_'):
        if module.startswith(p):
            return p
    return ''


def load_code(files):
    code = {}
    for fn in files:
        with open(fn, encoding='utf-8') as f:
            for line in f:
                cols = line.rstrip('\n').split('\t')
                if len(cols) < 2 or cols[0] == 'module' or line.startswith('#'):
                    continue
                code.setdefault(cols[1], set()).add(cols[0])
    return code


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('root')
    ap.add_argument('--overlay', action='append', default=[])
    ap.add_argument('--code-tsv', action='append', default=[])
    ap.add_argument('-o', '--output')
    args = ap.parse_args()

    pages = {}
    for rel in page_files(args.root):
        pages[rel] = parse_page(os.path.join(args.root, rel))
    for odir in args.overlay:
        for rel in page_files(odir):
            ov = parse_page(os.path.join(odir, rel))
            if rel in pages:
                pages[rel] = merge(pages[rel], ov, rel)
            else:
                print('NOTE page taken from overlay only: %s' % rel, file=sys.stderr)
                pages[rel] = ov

    code = load_code(args.code_tsv)

    rows = []  # [module, directive, default, appeared, url, rel]
    for rel in sorted(pages):
        rev, scope, dirs = pages[rel]
        if scope == 'partial':
            warn('page only partly read and no newer overlay: %s' % rel)
        base = os.path.basename(rel)
        module = base[len('ngx_'):-len('.xml')] if base.startswith('ngx_') else base[:-len('.xml')]
        urlpath = rel[:-len('.xml')].replace(os.sep, '/') + '.html'
        seen = set()
        for name, defaults, appeared in dirs:
            if name in seen:
                warn('%s: directive %s documented twice' % (rel, name))
                continue
            seen.add(name)
            rows.append([module, name, '; '.join(defaults), ','.join(appeared),
                         'https://nginx.org/en/docs/%s#%s' % (urlpath, name), rel])

    produced = {(r[0], r[1]) for r in rows}
    for r in rows:
        page_module, name, rel = r[0], r[1], r[5]
        owners = code.get(name, set())
        target = None
        if os.path.basename(rel) == CORE_PAGE:
            cands = sorted(m for m in owners if family(m) == '')
            if page_module in cands:
                continue
            if len(cands) == 1:
                target = cands[0]
            elif not cands and name in EVENTS_FALLBACK:
                target = EVENTS_FALLBACK[name]
            elif len(cands) > 1:
                warn('%s: %s registered by several modules: %s' % (rel, name, ' '.join(cands)))
        else:
            if not owners or page_module in owners:
                continue
            cands = sorted(m for m in owners if family(m) == family(page_module)
                           and (m, name) not in produced)
            if not cands:
                # e.g. quic_bpf, documented on the http_v3 page but
                # registered by a core-level module
                cands = sorted(m for m in owners if family(m) == ''
                               and (m, name) not in produced)
            if len(cands) == 1:
                target = cands[0]
        if target and (target, name) not in produced:
            produced.discard((page_module, name))
            produced.add((target, name))
            r[0] = target

    keys = [(r[0], r[1]) for r in rows]
    if len(keys) != len(set(keys)):
        for k in sorted({k for k in keys if keys.count(k) > 1}):
            warn('duplicate row %s %s' % k)

    rows.sort(key=lambda r: (r[0], r[1], r[4]))
    out = open(args.output, 'w', encoding='utf-8') if args.output else sys.stdout
    out.write('module\tdirective\tdefault\tappeared_in\turl\n')
    for r in rows:
        for v in r[:5]:
            if '\t' in v or '\n' in v:
                warn('tab or newline in value: %r' % v)
        out.write('\t'.join(r[:5]) + '\n')
    if out is not sys.stdout:
        out.close()


if __name__ == '__main__':
    main()
