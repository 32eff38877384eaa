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

Compiled builds may be given with ``--binary`` (x86-64 ELF: a static or PIE
nginx, or a dynamic module ``.so``). Their ``ngx_command_t`` tables are read
as in ``dump_binary_commands.py``, each table is matched to the TSV module
with exactly the same directive names, and the post of every matching row is
decoded from the build's data: a ``{ngx_str_t name; ngx_uint_t value}`` array
ending in a null entry, or a num-bounds struct whose handler is the one the
source-known bounds rows use. A build that has the module wins over the
source trees (it is the exact version the TSV describes); differences are
reported on stderr. The kind of a row that only a build resolves comes from
its setter (the build's address of ``ngx_conf_set_enum_slot`` /
``ngx_conf_set_bitmask_slot``, learnt from rows the source resolves); for a
custom setter it is a guess from the symbol name (``*_mask(s)``, ``*_flags``,
``*_methods``, ``*_protocols`` -> bitmask, otherwise enum), marked on stderr.

Usage:
    extract_values.py --src /path/to/nginx-1.26.3 --src /path/to/nginx-1.22.1 \\
        [--binary /path/to/nginx [--binary mod.so ...]] \\
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


class ElfBuild:
    """ngx_command_t tables and post data of a compiled nginx (x86-64 ELF)."""

    CMD = 56        # sizeof(ngx_command_t)
    ENT = 24        # sizeof(ngx_conf_enum_t) == sizeof(ngx_conf_bitmask_t)

    def __init__(self, path):
        import struct
        self.path = path
        self.st = struct
        self.data = data = open(path, "rb").read()
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError("not a 64-bit little-endian ELF: %s" % path)
        shoff = struct.unpack_from("<Q", data, 0x28)[0]
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        secs = []
        for i in range(shnum):
            (name, typ, _fl, addr, off, size, link, _info, _al,
             _es) = struct.unpack_from("<IIQQQQIIQQ", data,
                                       shoff + i * shentsize)
            secs.append(dict(name=name, type=typ, addr=addr, off=off,
                             size=size, link=link))
        for s in secs:
            s["n"] = self._cstr(secs[shstrndx]["off"] + s["name"])
        self.secs = secs
        self.rel = {}
        for s in secs:
            if s["type"] != 4:              # SHT_RELA
                continue
            symtab = secs[s["link"]]
            strtab = secs[symtab["link"]]
            for k in range(s["size"] // 24):
                r_off, r_info, r_add = struct.unpack_from(
                    "<QQq", data, s["off"] + 24 * k)
                t, si = r_info & 0xffffffff, r_info >> 32
                if t == 8:                  # R_X86_64_RELATIVE
                    self.rel[r_off] = ("addr", r_add)
                elif t in (1, 6):           # R_X86_64_64, GLOB_DAT
                    nm = struct.unpack_from("<I", data,
                                            symtab["off"] + 24 * si)[0]
                    self.rel[r_off] = ("sym",
                                       self._cstr(strtab["off"] + nm))
        self.tables = self._scan()

    def _cstr(self, o):
        return self.data[o:self.data.index(b"\0", o)].decode("latin-1")

    def v2o(self, va):
        for s in self.secs:
            if s["type"] != 8 and s["addr"] and \
                    s["addr"] <= va < s["addr"] + s["size"]:
                return s["off"] + va - s["addr"]
        return None

    def u64(self, va):
        o = self.v2o(va)
        if o is None:
            return None
        return self.st.unpack_from("<Q", self.data, o)[0]

    def i64(self, va):
        o = self.v2o(va)
        if o is None:
            return None
        return self.st.unpack_from("<q", self.data, o)[0]

    def word(self, va):
        """("addr", n) / ("sym", name) / ("int", 0), relocations applied."""
        if va in self.rel:
            return self.rel[va]
        v = self.u64(va)
        return ("addr", v) if v else ("int", 0)

    def string(self, va, ln):
        o = self.v2o(va)
        if o is None or ln <= 0 or ln > 256:
            return None
        b = self.data[o:o + ln]
        if len(b) != ln:
            return None
        try:
            s = b.decode("ascii")
        except UnicodeDecodeError:
            return None
        return s if s.isprintable() else None

    def _scan(self):
        """[(table_addr, [(directive, setter_word, post_word)])]"""
        tables = []
        for sname in (".data", ".data.rel.ro", ".data.rel.ro.local"):
            s = next((x for x in self.secs if x["n"] == sname), None)
            if s is None:
                continue
            i = 0
            while i + self.CMD <= s["size"]:
                cur, j = [], i
                while j + self.CMD <= s["size"]:
                    va = s["addr"] + j
                    ln = self.u64(va)
                    p, setf = self.word(va + 8), self.word(va + 24)
                    post = self.word(va + 48)
                    typ = self.u64(va + 16)
                    if 0 < ln < 80 and 0 < typ < 2 ** 32 and p[0] == "addr" \
                            and setf[0] in ("addr", "sym") and setf[1]:
                        nm = self.string(p[1], ln)
                        if nm and re.fullmatch(r"[a-z0-9_]+", nm) \
                                and self.u64(p[1] + ln) is not None \
                                and self.data[self.v2o(p[1] + ln)] == 0:
                            cur.append((nm, setf, post))
                            j += self.CMD
                            continue
                    break
                term = j + self.CMD <= s["size"] and all(
                    self.u64(s["addr"] + j + 8 * k) == 0
                    and (s["addr"] + j + 8 * k) not in self.rel
                    for k in range(7))
                if cur and term:
                    tables.append((s["addr"] + i, cur))
                    i = j + self.CMD
                else:
                    i += 8
        return tables

    def names(self, va):
        """Names of an ngx_conf_enum_t/bitmask_t array, or None."""
        out = []
        for k in range(256):
            ln = self.u64(va + self.ENT * k)
            p = self.word(va + self.ENT * k + 8)
            if ln is None:
                return None
            if ln == 0 and p[0] == "int":
                return out
            if p[0] != "addr":
                return None
            nm = self.string(p[1], ln)
            if nm is None:
                return None
            out.append(nm)
        return None

    def bounds(self, va):
        """(handler_word, low, high) of an ngx_conf_num_bounds_t."""
        h, lo, hi = self.word(va), self.i64(va + 8), self.i64(va + 16)
        if lo is None or hi is None:
            return None
        return h, lo, hi


def _guess_kind(post):
    if re.search(r"(_masks?|_flags|_methods|_protocols)$", post):
        return "bitmask"
    return "enum"


def binary_values(builds, tsv_rows, src_found):
    """{(module, directive): (kind, values, how)} read from compiled builds.

    src_found maps (module, directive) -> kind for rows the sources resolved;
    it is used to learn the builds' enum/bitmask setter and bounds handler.
    """
    by_module = {}
    for rec in tsv_rows:
        by_module.setdefault(rec["module"], []).append(rec)
    # module -> (build, {directive: (setter, post)}) ; first build wins
    # A table belongs to the module with exactly the same directive names.
    # When several modules share one name set (http and stream least_time),
    # the build's tables and the TSV's modules are paired in order: both
    # follow nginx's module order (http before stream).
    order = list(by_module)
    found = {}
    for b in builds:
        groups = {}
        for addr, cmds in b.tables:
            names = frozenset(c[0] for c in cmds)
            groups.setdefault(names, []).append(cmds)
        for names, tables in groups.items():
            hits = [m for m in order
                    if frozenset(r["directive"] for r in by_module[m])
                    == names]
            if len(hits) != len(tables):
                continue
            for m, cmds in zip(hits, tables):
                if m not in found:
                    found[m] = (b, dict((c[0], (c[1], c[2])) for c in cmds))

    # learn setter words / bounds handler per build
    learnt = {}     # (build path, kind) -> set of setter/handler words
    for m, (b, cmds) in found.items():
        for rec in by_module[m]:
            d = rec["directive"]
            kind = src_found.get((m, d))
            if kind is None or d not in cmds:
                continue
            setf, post = cmds[d]
            if kind in ("enum", "bitmask") and \
                    rec["setter"] in ("ngx_conf_set_enum_slot",
                                      "ngx_conf_set_bitmask_slot"):
                learnt.setdefault((b.path, kind), set()).add(setf)
            elif kind == "bounds" and post[0] == "addr":
                r = b.bounds(post[1])
                if r:
                    learnt.setdefault((b.path, "bounds"), set()).add(r[0])

    out = {}
    for m, (b, cmds) in found.items():
        for rec in by_module[m]:
            d = rec["directive"]
            if d not in cmds:
                continue
            setf, post = cmds[d]
            if post[0] != "addr":
                continue
            key = (m, d)
            src_kind = src_found.get(key)
            bnd = b.bounds(post[1])
            if bnd and bnd[0] in learnt.get((b.path, "bounds"), ()) and \
                    src_kind in (None, "bounds"):
                out[key] = ("bounds", "%d,%d" % (bnd[1], bnd[2]),
                            os.path.basename(b.path))
                continue
            nm = b.names(post[1])
            if not nm:
                continue
            if src_kind in ("enum", "bitmask"):
                kind, how = src_kind, ""
            elif setf in learnt.get((b.path, "enum"), ()) or \
                    (setf[0] == "sym" and setf[1] == "ngx_conf_set_enum_slot"):
                kind, how = "enum", ""
            elif setf in learnt.get((b.path, "bitmask"), ()) or \
                    (setf[0] == "sym" and
                     setf[1] == "ngx_conf_set_bitmask_slot"):
                kind, how = "bitmask", ""
            elif src_kind is None and \
                    re.fullmatch(r"&?[A-Za-z_][A-Za-z0-9_]*",
                                 rec["post"].strip()):
                kind = _guess_kind(rec["post"].strip().lstrip("&"))
                how = " (kind guessed from the name)"
            else:
                continue
            out[key] = (kind, ",".join(nm), os.path.basename(b.path) + how)
    return out, sorted(found)


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
    ap.add_argument("--binary", action="append", default=[],
                    help="compiled nginx or module .so of the TSV's version "
                         "(repeatable; first wins; overrides the sources)")
    ap.add_argument("--tsv", default=os.path.join(HERE, "nginx-1.31.3.tsv"),
                    help="directive table (default: %(default)s)")
    ap.add_argument("-o", "--out", default=os.path.join(HERE, "values.tsv"),
                    help="output file (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="report where each row came from and what was "
                         "skipped")
    args = ap.parse_args(argv)

    def log(msg):
        print(msg, file=sys.stderr)

    trees = []
    for root in args.src:
        if not os.path.isdir(os.path.join(root, "src")):
            ap.error("not an nginx source tree (no src/): %s" % root)
        trees.append(SourceTree(root))
        log("source tree: %s (nginx %s)" % (root, nginx_version(root)))

    with open(args.tsv, newline="", encoding="utf-8") as f:
        tsv_rows = list(csv.DictReader(f, delimiter="\t"))

    # pass 1: source trees
    src = {}            # (module, directive) -> (kind, values, how)
    unresolved = []     # recs
    skipped = []        # (rec, post, why)
    for rec in tsv_rows:
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
            hit = tree.lookup(post, (rec.get("source") or "").strip())
            if hit is not None:
                found = (tree, hit)
                if not hit[1][0].startswith("other:"):
                    break
        if found is None:
            unresolved.append(rec)
            continue
        tree, (rel, (kind, values)) = found
        if kind.startswith("other:"):
            skipped.append((rec, post, kind[6:]))
            continue
        src[(rec["module"], rec["directive"])] = (
            kind, values, "%s/%s" % (
                os.path.basename(tree.root.rstrip("/")), rel))

    # pass 2: compiled builds
    binv = {}
    if args.binary:
        builds = []
        for path in args.binary:
            b = ElfBuild(path)
            log("build: %s (%d command tables)" % (path, len(b.tables)))
            builds.append(b)
        binv, mods = binary_values(
            builds, tsv_rows,
            dict((k, v[0]) for k, v in src.items()))
        log("builds matched %d TSV modules" % len(mods))

    rows, counts, notes = [], {}, []
    still_unresolved = []
    for rec in tsv_rows:
        key = (rec["module"], rec["directive"])
        s_val, b_val = src.get(key), binv.get(key)
        val = b_val or s_val
        if b_val and s_val and (b_val[0], b_val[1]) != (s_val[0], s_val[1]):
            notes.append("DIFFERS %s %s: build %s %s, source %s %s (%s)" % (
                key + (b_val[0], b_val[1], s_val[0], s_val[1], s_val[2])))
        if b_val and not s_val:
            notes.append("BUILD ONLY %s %s: %s %s from %s" % (
                key + b_val))
        if val is None:
            if rec in unresolved:
                still_unresolved.append(rec)
            continue
        rows.append((rec["module"], rec["directive"], val[0], val[1]))
        counts[val[0]] = counts.get(val[0], 0) + 1
        if args.verbose:
            log("  %s %s: %s from %s" % (key + (val[0], val[2])))

    with open(args.out, "w", newline="", encoding="utf-8") as f:
        f.write("module\tdirective\tkind\tvalues\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    log("wrote %s: %d rows (%s)" % (
        args.out, len(rows),
        ", ".join("%s=%d" % kv for kv in sorted(counts.items()))))
    if args.verbose:
        for rec, post, why in skipped:
            log("skipped %s %s: %s (%s)" % (
                rec["module"], rec["directive"], post, why))
    for n in notes:
        log(n)
    for rec in still_unresolved:
        log("UNRESOLVED %s %s: post %s (setter %s) not found" % (
            rec["module"], rec["directive"], rec["post"], rec.get("setter")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
