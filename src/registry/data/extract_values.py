#!/usr/bin/env python3
"""Extract the fixed value sets of nginx directives from an nginx source tree.

Reads a directive table (TSV with columns
``module directive contexts arity setter post cond source``) and one or more
nginx source trees, and writes ``values.tsv`` with columns
``module directive kind values``:

* ``enum``     -- the post names an ``ngx_conf_enum_t`` array; values are the
                  ``ngx_string("...")`` names in array order.
* ``bitmask``  -- the post names an ``ngx_conf_bitmask_t`` array; same format.
* ``bounds``   -- the post names an ``ngx_conf_num_bounds_t``
                  ``{ ngx_conf_check_num_bounds, LOW, HIGH }``; values are
                  ``LOW,HIGH`` as written (HIGH ``-1`` means no upper bound).

The kind comes from the C type of the post symbol, not from the setter, so a
custom setter whose post is an enum or bitmask array (``ngx_mail_ssl_starttls``
with ``ngx_mail_starttls_state``, for example) is covered as well. Other posts
(``ngx_conf_post_t`` handlers, ``ngx_conf_deprecated_t``, module pointers,
``[0]`` type lists) are skipped.

Entries under ``#if``/``#ifdef`` inside an array are all included; the
preprocessor is not evaluated.

Several source trees may be given with ``--src``; they are tried in the order
given (put the newest first). For each directive the symbol is looked up first
in the directive's own source file, then anywhere else in that tree, and then
in the next tree.

Usage:
    extract_values.py --src /path/to/nginx-1.26.3 --src /path/to/nginx-1.22.1 \\
        [--tsv nginx-1.31.3.tsv] [-o values.tsv]

Only the Python 3 standard library is used.
"""

import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Strings and character literals are matched so that comment markers inside
# them are left alone; comments are replaced by a single space.
_TOKEN_RE = re.compile(
    r'"(?:\\.|[^"\\\n])*"'        # string literal
    r"|'(?:\\.|[^'\\\n])*'"       # char literal
    r"|/\*.*?\*/"                 # block comment
    r"|//[^\n]*",                 # line comment
    re.S,
)

_ARRAY_RE = re.compile(
    r"(?:\bstatic\s+)?\b(ngx_conf_enum_t|ngx_conf_bitmask_t)\s+"
    r"([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*\]\s*=\s*\{(.*?)\n\s*\}\s*;",
    re.S,
)

_BOUNDS_RE = re.compile(
    r"(?:\bstatic\s+)?\bngx_conf_num_bounds_t\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"
    r"\{\s*ngx_conf_check_num_bounds\s*,\s*(-?\s*\w+)\s*,\s*(-?\s*\w+)\s*\}\s*;",
    re.S,
)

# Any other definition of a named conf object, to tell "known but not a value
# set" (post handler, deprecated) from "not found at all".
_OTHER_RE = re.compile(
    r"\b(ngx_conf_post_t|ngx_conf_deprecated_t|ngx_conf_post_handler_pt|"
    r"ngx_module_t|ngx_str_t)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[\s*\])?\s*=",
)

_NGX_STRING_RE = re.compile(r'ngx_string\(\s*"((?:\\.|[^"\\])*)"\s*\)')

KIND_OF_TYPE = {
    "ngx_conf_enum_t": "enum",
    "ngx_conf_bitmask_t": "bitmask",
}


def strip_comments(text):
    def repl(m):
        s = m.group(0)
        if s.startswith("/*") or s.startswith("//"):
            # keep line structure so multi-line comments do not glue lines
            return " " + "\n" * s.count("\n")
        return s

    return _TOKEN_RE.sub(repl, text)


def c_unescape(s):
    # nginx names never use anything but plain characters; handle the
    # obvious escapes anyway.
    return (
        s.replace('\\"', '"')
        .replace("\\\\", "\\")
    )


class SourceTree:
    """Lazily parsed symbols of one nginx source tree."""

    def __init__(self, root):
        self.root = root
        self._files = {}        # relpath -> {name: (kind, values)}
        self._all = None        # name -> [(relpath, (kind, values))]

    def _parse_file(self, rel):
        if rel in self._files:
            return self._files[rel]
        path = os.path.join(self.root, rel)
        syms = {}
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = strip_comments(f.read())
        except OSError:
            self._files[rel] = None
            return None

        for m in _ARRAY_RE.finditer(text):
            ctype, name, body = m.groups()
            names = [c_unescape(x) for x in _NGX_STRING_RE.findall(body)]
            syms[name] = (KIND_OF_TYPE[ctype], ",".join(names))

        for m in _BOUNDS_RE.finditer(text):
            name, low, high = m.groups()
            low = re.sub(r"\s+", "", low)
            high = re.sub(r"\s+", "", high)
            syms[name] = ("bounds", "%s,%s" % (low, high))

        for m in _OTHER_RE.finditer(text):
            ctype, name = m.groups()
            syms.setdefault(name, ("other:" + ctype, None))

        self._files[rel] = syms
        return syms

    def _index_all(self):
        if self._all is not None:
            return self._all
        self._all = {}
        src = os.path.join(self.root, "src")
        base = src if os.path.isdir(src) else self.root
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for fn in sorted(filenames):
                if not fn.endswith((".c", ".h")):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, fn), self.root)
                syms = self._parse_file(rel)
                if not syms:
                    continue
                for name, val in syms.items():
                    self._all.setdefault(name, []).append((rel, val))
        return self._all

    def lookup(self, name, source_rel):
        """Return (relpath, (kind, values)) or None."""
        if source_rel:
            syms = self._parse_file(source_rel)
            if syms and name in syms:
                return source_rel, syms[name]
        hits = self._index_all().get(name)
        if not hits:
            return None
        # prefer a real value set over an "other" declaration
        for rel, val in hits:
            if not val[0].startswith("other:"):
                return rel, val
        return hits[0]


def nginx_version(root):
    try:
        with open(os.path.join(root, "src/core/nginx.h")) as f:
            m = re.search(r'#define\s+NGINX_VERSION\s+"([^"]+)"', f.read())
            return m.group(1) if m else "?"
    except OSError:
        return "?"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", action="append", required=True,
                    help="nginx source tree root (repeatable; newest first)")
    ap.add_argument("--tsv", default=os.path.join(HERE, "nginx-1.31.3.tsv"),
                    help="directive table (default: %(default)s)")
    ap.add_argument("-o", "--out", default=os.path.join(HERE, "values.tsv"),
                    help="output file (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="report which tree and file each row came from")
    args = ap.parse_args(argv)

    trees = []
    for root in args.src:
        if not os.path.isdir(os.path.join(root, "src")):
            ap.error("not an nginx source tree (no src/): %s" % root)
        trees.append(SourceTree(root))
        print("source tree: %s (nginx %s)" % (root, nginx_version(root)),
              file=sys.stderr)

    rows = []
    unresolved = []
    skipped = []
    counts = {}

    with open(args.tsv, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t")
        for rec in reader:
            post = (rec.get("post") or "").strip()
            if not post or post in ("0", "NULL"):
                continue
            if post.startswith("&"):
                post = post[1:].strip()
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", post):
                # e.g. "ngx_http_html_default_types[0]" or a literal
                skipped.append((rec, post, "not a symbol"))
                continue

            found = None
            for tree in trees:
                hit = tree.lookup(post, rec.get("source", "").strip())
                if hit is not None:
                    found = (tree, hit)
                    if not hit[1][0].startswith("other:"):
                        break
            if found is None:
                unresolved.append((rec, post))
                continue

            tree, (rel, (kind, values)) = found
            if kind.startswith("other:"):
                skipped.append((rec, post, kind[6:]))
                continue

            rows.append((rec["module"], rec["directive"], kind, values))
            counts[kind] = counts.get(kind, 0) + 1
            if args.verbose:
                print("  %s %s: %s from %s/%s" % (
                    rec["module"], rec["directive"], kind,
                    os.path.basename(tree.root.rstrip("/")), rel),
                    file=sys.stderr)

    with open(args.out, "w", newline="", encoding="utf-8") as f:
        f.write("module\tdirective\tkind\tvalues\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    print("wrote %s: %d rows (%s)" % (
        args.out, len(rows),
        ", ".join("%s=%d" % kv for kv in sorted(counts.items()))),
        file=sys.stderr)
    if args.verbose:
        for rec, post, why in skipped:
            print("skipped %s %s: %s (%s)" % (
                rec["module"], rec["directive"], post, why), file=sys.stderr)
    for rec, post in unresolved:
        print("UNRESOLVED %s %s: post %s (setter %s) not found in any tree" % (
            rec["module"], rec["directive"], post, rec.get("setter")),
            file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
