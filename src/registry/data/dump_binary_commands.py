#!/usr/bin/env python3
"""Dump ngx_command_t tables found in a compiled nginx ELF (x86-64).

Usage: dump_binary_commands.py BINARY_OR_MODULE.so

Used to cross-check the source-derived TSVs against a real build: it scans
.data/.data.rel.ro for arrays of 56-byte ngx_command_t records (ngx_str_t
name, type flags, set, conf, offset, post) terminated by ngx_null_command,
resolving R_X86_64_RELATIVE / symbol relocations for PIE binaries and
dynamic modules.  Prints TSV: array_addr, directive, type (hex), setter
(symbol name when the relocation names one, else the address), post.
Context bits are shared between http/stream/mail, so decoding them needs the
module family; compare numerically instead.
"""
import re
import struct
import sys


def main(path):
    data = open(path, "rb").read()
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    secs = []
    for i in range(shnum):
        (name, typ, _fl, addr, off, size, link, _info, _al,
         _es) = struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
        secs.append(dict(name=name, type=typ, addr=addr, off=off, size=size,
                         link=link))

    def cstr(o):
        return data[o:data.index(b"\0", o)].decode()

    for s in secs:
        s["n"] = cstr(secs[shstrndx]["off"] + s["name"])
    rel = {}
    for s in secs:
        if s["type"] != 4:  # SHT_RELA
            continue
        symtab = secs[s["link"]]
        strtab = secs[symtab["link"]]
        for k in range(s["size"] // 24):
            r_off, r_info, r_add = struct.unpack_from("<QQq", data,
                                                      s["off"] + 24 * k)
            t, si = r_info & 0xffffffff, r_info >> 32
            if t == 8:
                rel[r_off] = ("addr", r_add)
            elif t in (1, 6):
                nm = struct.unpack_from("<I", data, symtab["off"] + 24 * si)[0]
                rel[r_off] = ("sym", cstr(strtab["off"] + nm))

    def v2o(va):
        for s in secs:
            if s["type"] != 8 and s["addr"] and \
                    s["addr"] <= va < s["addr"] + s["size"]:
                return s["off"] + va - s["addr"]
        return None

    def word(va):
        if va in rel:
            return rel[va]
        v = struct.unpack_from("<Q", data, v2o(va))[0]
        return ("addr", v) if v else ("int", 0)

    def name_at(va, ln):
        o = v2o(va)
        if o is None:
            return None
        b = data[o:o + ln + 1]
        if len(b) != ln + 1 or b[-1] != 0:
            return None
        try:
            s = b[:-1].decode()
        except UnicodeDecodeError:
            return None
        return s if re.fullmatch(r"[a-z0-9_]+", s) else None

    def fmt(w):
        return w[1] if w[0] == "sym" else ("0" if w[1] == 0 else hex(w[1]))

    print("array\tdirective\ttype\tsetter\tpost")
    for sname in (".data", ".data.rel.ro", ".data.rel.ro.local"):
        s = next((x for x in secs if x["n"] == sname), None)
        if s is None:
            continue
        i = 0
        while i + 56 <= s["size"]:
            cur, j = [], i
            while j + 56 <= s["size"]:
                va = s["addr"] + j
                ln = struct.unpack_from("<Q", data, v2o(va))[0]
                p, setf, post = word(va + 8), word(va + 24), word(va + 48)
                typ = struct.unpack_from("<Q", data, v2o(va + 16))[0]
                if 0 < ln < 80 and 0 < typ < 2 ** 32 and p[0] == "addr" \
                        and setf[0] in ("addr", "sym") and setf[1]:
                    nm = name_at(p[1], ln)
                    if nm:
                        cur.append((nm, typ, fmt(setf), fmt(post)))
                        j += 56
                        continue
                break
            term = j + 56 <= s["size"] and all(
                struct.unpack_from("<Q", data, v2o(s["addr"] + j + 8 * k))[0]
                == 0 and (s["addr"] + j + 8 * k) not in rel for k in range(7))
            if cur and term:
                for nm, typ, st, po in cur:
                    print("%#x\t%s\t%#x\t%s\t%s" % (s["addr"] + i, nm, typ,
                                                    st, po))
                i = j + 56
            else:
                i += 8


if __name__ == "__main__":
    main(sys.argv[1])
