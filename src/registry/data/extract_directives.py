#!/usr/bin/env python3
"""Extract nginx directive tables (ngx_command_t arrays) from C sources.

Usage:
    extract_directives.py [--source-label LABEL] [--header|--no-header] ROOT [ROOT...]

Walks each ROOT for *.c files, finds every
    [static] ngx_command_t NAME[] = { { ngx_string("dir"), FLAGS, set, conf, off, post }, ... ngx_null_command };
and prints TSV rows:
    module  directive  contexts  arity  setter  post  cond  source

module    the ngx_module_t variable that references the array, minus "ngx_"
          (fallback: array name minus "ngx_" and "_commands", plus "_module")
contexts  context flags (NGX_*_CONF) with "NGX_" and "_CONF" stripped
arity     NGX_CONF_* flags with "NGX_CONF_" stripped; other flag names kept literally
post      symbol of the post field (without '&'), or 0 for NULL/0
cond      enclosing preprocessor condition(s), joined with " && "; empty if none
source    path relative to ROOT, or --source-label if given

Entries inside "#if 0" blocks are dropped (dead code). Problems are reported
on stderr with the prefix "WARN".
"""

import argparse
import os
import re
import sys

CONTEXT_FLAGS = {
    "NGX_MAIN_CONF", "NGX_DIRECT_CONF", "NGX_ANY_CONF", "NGX_EVENT_CONF",
    "NGX_HTTP_MAIN_CONF", "NGX_HTTP_SRV_CONF", "NGX_HTTP_LOC_CONF",
    "NGX_HTTP_UPS_CONF", "NGX_HTTP_SIF_CONF", "NGX_HTTP_LIF_CONF",
    "NGX_HTTP_LMT_CONF",
    "NGX_STREAM_MAIN_CONF", "NGX_STREAM_SRV_CONF", "NGX_STREAM_UPS_CONF",
    "NGX_MAIL_MAIN_CONF", "NGX_MAIL_SRV_CONF",
    "NGX_RTMP_MAIN_CONF", "NGX_RTMP_SRV_CONF", "NGX_RTMP_APP_CONF",
    "NGX_RTMP_REC_CONF",
}

ARRAY_RE = re.compile(
    r"(?:static\s+)?ngx_command_t\s+(\w+)\s*\[\s*\w*\s*\]\s*=\s*\{")


def strip_comments(text):
    """Remove /* */ and // comments, keeping strings and line structure."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                if text[j] == "\\":
                    j += 1
                j += 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j) or " ")
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def norm_cond(expr):
    expr = " ".join(expr.split())
    # strip one pair of redundant outer parentheses: "(NGX_HTTP_SSL)"
    while expr.startswith("(") and expr.endswith(")"):
        depth = 0
        ok = True
        for k, ch in enumerate(expr):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and k != len(expr) - 1:
                ok = False
                break
        if not ok:
            break
        expr = expr[1:-1].strip()
    expr = re.sub(r"\(\s+", "(", expr)
    expr = re.sub(r"\s+\)", ")", expr)
    return expr


def negate(expr):
    if re.fullmatch(r"[\w]+", expr):
        return "!" + expr
    if re.fullmatch(r"![\w]+", expr):
        return expr[1:]
    return "!(" + expr + ")"


def line_conditions(lines):
    """For each line, the list of active conditions (None = '#if 0' dead)."""
    stack = []  # entries: [list_of_prior_negations, current_cond]
    result = []
    defined1 = set()  # macros set to 1 by "#define NAME 1" earlier in file
    for line in lines:
        s = line.strip()
        d = re.match(r"#\s*define\s+(\w+)\s+1\s*$", s)
        if d:
            defined1.add(d.group(1))
        u = re.match(r"#\s*undef\s+(\w+)", s)
        if u:
            defined1.discard(u.group(1))
        m = re.match(r"#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)", s)
        if m:
            kw, rest = m.group(1), norm_cond(m.group(2))
            if kw == "if":
                stack.append([[], "1" if rest in defined1 else rest])
            elif kw == "ifdef":
                stack.append([[], rest])
            elif kw == "ifndef":
                stack.append([[], negate(rest)])
            elif kw == "elif" and stack:
                prev = stack[-1]
                prev[0].append(negate(prev[1]))
                prev[1] = rest
            elif kw == "else" and stack:
                prev = stack[-1]
                prev[0].append(negate(prev[1]))
                prev[1] = None
            elif kw == "endif" and stack:
                stack.pop()
            result.append(None)
            continue
        conds = []
        dead = False
        for negs, cur in stack:
            parts = list(negs) + ([cur] if cur is not None else [])
            for p in parts:
                if p in ("0", "!1"):
                    dead = True
                if p == "!0" or p == "1":
                    continue
                conds.append(p)
        result.append(None if dead else conds)
    return result


def split_top(s, sep=","):
    parts, depth, cur, i = [], 0, [], 0
    while i < len(s):
        c = s[i]
        if c == '"':
            j = i + 1
            while j < len(s) and s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def classify_flags(flag_expr, warn):
    contexts, arity = [], []
    expr = re.sub(r"\s+", "", flag_expr)
    expr = expr.strip("()")
    for f in expr.split("|"):
        f = f.strip("()")
        if not f:
            continue
        if not re.fullmatch(r"\w+", f):
            warn("unparsed flag token %r" % f)
            arity.append(f)
        elif f in CONTEXT_FLAGS:
            contexts.append(f[len("NGX_"):-len("_CONF")])
        elif f.startswith("NGX_CONF_"):
            arity.append(f[len("NGX_CONF_"):])
        elif f.endswith("_CONF"):
            warn("unknown context-like flag %s kept literally" % f)
            contexts.append(f)
        else:
            warn("unknown flag %s kept literally" % f)
            arity.append(f)
    return contexts, arity


def symbol(expr):
    expr = " ".join(expr.split())
    expr = re.sub(r"^\(\s*[\w\s\*]+\)\s*", "", expr)  # drop casts
    expr = expr.lstrip("&").strip()
    if expr in ("NULL", "0", ""):
        return "0"
    return expr


def find_include(name, path, root):
    """Locate an #include'd file: next to the source, then anywhere in root."""
    cand = os.path.join(os.path.dirname(path), name)
    if os.path.isfile(cand):
        return cand
    base = os.path.basename(name)
    for d, _dirs, fs in os.walk(root):
        if base in fs:
            return os.path.join(d, base)
    return None


def expand_includes(raw, path, root):
    """Inline files #include'd inside a commands array (used by some
    third-party modules, e.g. ngx_devel_kit, to assemble their tables)."""
    out, pos = [], 0
    for am in ARRAY_RE.finditer(raw):
        end = raw.find("ngx_null_command", am.end())
        if end < 0:
            continue
        body = raw[am.end():end]

        def repl(m):
            inc = find_include(m.group(1), path, root)
            if inc is None:
                sys.stderr.write("WARN %s: include %s not found\n"
                                 % (path, m.group(1)))
                return m.group(0)
            with open(inc, encoding="utf-8", errors="replace") as fh:
                return fh.read()

        body = re.sub(r'#\s*include\s*[<"]([^>"]+)[>"]', repl, body)
        out.append(raw[pos:am.end()])
        out.append(body)
        pos = end
    out.append(raw[pos:])
    return "".join(out)


def parse_file(path, rel, label, rows, root=None):
    with open(path, encoding="utf-8", errors="replace") as fh:
        raw = fh.read()
    if "ngx_command_t" not in raw:
        return
    if root and re.search(r"ngx_command_t[^;]*?\{[^;]*?#\s*include", raw,
                          re.S):
        raw = expand_includes(raw, path, root)
    text = strip_comments(raw)
    lines = text.split("\n")
    conds = line_conditions(lines)
    # offset -> line number
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1

    def line_of(off):
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= off:
                lo = mid
            else:
                hi = mid - 1
        return lo

    # module variable names referencing each commands array
    modmap = {}
    for m in re.finditer(r"ngx_module_t\s+(\w+)\s*=\s*\{([^;]*?)\};", text,
                         re.S):
        body = m.group(2)
        for arr in re.findall(r"\b(\w+_commands)\b", body):
            modmap.setdefault(arr, m.group(1))
        for arr in re.findall(r"\b(\w+)\b", body):
            modmap.setdefault(arr, m.group(1))

    for am in ARRAY_RE.finditer(text):
        arr = am.group(1)
        mod = modmap.get(arr)
        if mod:
            module = re.sub(r"^ngx_", "", mod)
        else:
            module = re.sub(r"_commands$", "", re.sub(r"^ngx_", "", arr)) \
                + "_module"
        i = am.end()
        # scan entries
        depth = 1
        while i < len(text) and depth > 0:
            c = text[i]
            if c == "{":
                # entry start
                j, d = i + 1, 1
                while j < len(text) and d:
                    if text[j] == '"':
                        j += 1
                        while text[j] != '"':
                            j += 2 if text[j] == "\\" else 1
                    elif text[j] == "{":
                        d += 1
                    elif text[j] == "}":
                        d -= 1
                    j += 1
                body = text[i + 1:j - 1]
                ln = line_of(i)
                cond = conds[ln]
                fields = split_top(body)

                def warn(msg, _n=None):
                    sys.stderr.write("WARN %s:%d: %s\n" % (rel, ln + 1, msg))

                if cond is None:
                    i = j
                    continue
                if len(fields) < 6:
                    warn("entry with %d fields: %r" % (len(fields), body))
                    i = j
                    continue
                nm = re.fullmatch(r'ngx_string\s*\(\s*"([^"]*)"\s*\)',
                                  fields[0].strip())
                if not nm:
                    warn("cannot parse name %r" % fields[0])
                    i = j
                    continue
                ctx, ar = classify_flags(fields[1], warn)
                if not ctx:
                    warn("no context flag for %s: %r" % (nm.group(1),
                                                          fields[1]))
                rows.append([module, nm.group(1), ",".join(ctx),
                             ",".join(ar), symbol(fields[2]),
                             symbol(fields[5]), " && ".join(cond),
                             label or rel])
                i = j
                continue
            if c == "}":
                depth -= 1
            elif text.startswith("ngx_null_command", i):
                # terminator; find closing brace of the array
                k = text.find("}", i)
                i = k + 1
                break
            i += 1


HEADER = ["module", "directive", "contexts", "arity", "setter", "post",
          "cond", "source"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("roots", nargs="+")
    ap.add_argument("--source-label",
                    help="put this text in the source column instead of "
                         "the file path")
    ap.add_argument("--source-prefix", default="",
                    help="prefix for the source column, e.g. 'owner/repo:'")
    ap.add_argument("--exclude", action="append",
                    default=[r"(^|/)(t|tests?|examples?)/"],
                    help="skip files whose relative path matches this regex "
                         "(default: test and example directories)")
    ap.add_argument("--no-header", action="store_true")
    ap.add_argument("--only", action="append", default=[],
                    help="only files whose relative path matches this regex")
    args = ap.parse_args()
    rows = []
    for root in args.roots:
        files = []
        if os.path.isfile(root):
            files.append((root, os.path.basename(root)))
        else:
            for d, dirs, fs in os.walk(root):
                dirs.sort()
                for f in sorted(fs):
                    if f.endswith(".c"):
                        p = os.path.join(d, f)
                        files.append((p, os.path.relpath(p, root)))
        for p, rel in files:
            if args.only and not any(re.search(o, rel) for o in args.only):
                continue
            if any(re.search(x, rel) for x in args.exclude):
                continue
            parse_file(p, args.source_prefix + rel, args.source_label, rows,
                       root if os.path.isdir(root) else None)
    out = sys.stdout
    if not args.no_header:
        out.write("\t".join(HEADER) + "\n")
    for r in rows:
        out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
