"""Reference model of the nginx configuration tokenizer and block parser.

Written from the rules in grammar/README.md (not a port of nginx code).  Used to
produce and cross-check the `tree` of grammar/cases.  Works on bytes.

    parse(data: bytes) -> list of statements
    statement = {"name": Tok, "args": [Tok], "line": int,
                 "block": [statement] (if it opened "{"),
                 "lua": bytes (for *_by_lua_block)}
    Tok = (raw: bytes, value: bytes, quoted: bool)

Errors raise ConfError(message, line) with nginx's wording.
"""

WS = b" \t\r\n"
NL = 0x0A


class ConfError(Exception):
    def __init__(self, message, line):
        super().__init__("%s (line %s)" % (message, line))
        self.message = message
        self.line = line


def decode(raw):
    """Escape decoding of a token body (quotes already stripped)."""
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == 0x5C and i + 1 < n:
            nxt = raw[i + 1]
            if nxt in b'"\'\\':
                out.append(nxt)
                i += 2
                continue
            if nxt in b"trn":
                out.append({0x74: 0x09, 0x72: 0x0D, 0x6E: 0x0A}[nxt])
                i += 2
                continue
        out.append(c)
        i += 1
    return bytes(out)


EOF_STMT = 'unexpected end of file, expecting ";" or "}"'


CONF_BUFFER = 4096


class Lexer:
    """Byte-level model of nginx's tokenizer.

    `span` is the byte offset nginx calls the token start: it moves to every
    byte read between tokens (whitespace, the '#' of a comment, the first byte
    of a word or the byte after an opening quote) and stays put inside a word,
    inside quotes, inside a comment and for the one byte read right after a
    closing quote.  nginx fails with "too long parameter" when it has to read
    the byte CONF_BUFFER bytes past `span` (and the file has that byte).
    """

    def __init__(self, data):
        self.d = data
        self.i = 0
        self.line = 1
        self.span = 0
        self.span_line = 1
        self.in_quote = None
        self.limit = True

    # -- helpers ---------------------------------------------------------
    def _mark(self, offset=None):
        self.span = self.i if offset is None else offset
        self.span_line = self.line

    def _get(self):
        """Consume one byte, counting lines; None at EOF."""
        if self.i >= len(self.d):
            return None
        if self.limit and self.i - self.span >= CONF_BUFFER:
            if self.in_quote is not None:
                msg = ('too long parameter, probably missing terminating '
                       '"%s" character' % chr(self.in_quote))
            else:
                head = self.d[self.span:self.span + 10].decode('utf-8', 'replace')
                msg = 'too long parameter "%s..." started' % head
            raise ConfError(msg, self.span_line)
        c = self.d[self.i]
        self.i += 1
        if c == NL:
            self.line += 1
        return c

    def _peek(self):
        return self.d[self.i] if self.i < len(self.d) else None

    # -- statement level -------------------------------------------------
    def statement(self):
        """Return (kind, args, line); kind in 'stmt', 'open', 'close', 'eof'.

        Every byte is read with _get() first (limit check against the current
        span) and only then may become the new span, as in nginx.
        """
        args = []
        self._mark()
        while True:
            c = self._get()
            if c is None:
                if args:
                    raise ConfError(EOF_STMT, self.line)
                return ('eof', None, self.line)
            self._mark(self.i - 1)
            if c in WS:
                continue
            if c == 0x23:  # '#': comment up to (not including) LF
                while self._peek() not in (None, NL):
                    self._get()
                continue
            if c in b";{":
                if not args:
                    raise ConfError('unexpected "%s"' % chr(c), self.line)
                return ('stmt' if c == 0x3B else 'open', args, self.line)
            if c == 0x7D:
                if args:
                    raise ConfError('unexpected "}"', self.line)
                return ('close', None, self.line)
            if c in b"\"'":
                args.append(self.quoted_string(c))
                # the byte after a closing quote: separator, ; { or )
                while True:
                    c = self._get()
                    if c is None:
                        raise ConfError(EOF_STMT, self.line)
                    if c in WS:
                        break                # next byte is read in the loop
                    if c in b";{":
                        return ('stmt' if c == 0x3B else 'open', args, self.line)
                    if c == 0x29:            # ')' starts the next word
                        self._mark(self.i - 1)
                        tok, c = self.word(self.i - 1)
                        args.append(tok)
                        if c in b";{":
                            return ('stmt' if c == 0x3B else 'open', args, self.line)
                        break
                    raise ConfError('unexpected "%s"' % chr(c), self.line)
                continue
            tok, c = self.word(self.i - 1)
            args.append(tok)
            if c in b";{":
                return ('stmt' if c == 0x3B else 'open', args, self.line)

    def quoted_string(self, q):
        """The opening quote q has been read; read up to the closing quote."""
        start = self.i - 1
        self.span = self.i                   # the body starts after the quote
        self.in_quote = q
        while True:
            c = self._get()
            if c is None:
                raise ConfError(EOF_STMT, self.line)
            if c == 0x5C:
                if self._get() is None:
                    raise ConfError(EOF_STMT, self.line)
                continue
            if c == q:
                break
        self.in_quote = None
        raw = self.d[start:self.i]
        return (raw, decode(raw[1:-1]), True)

    def word(self, start):
        """The first byte (at start) has been read.  Reads the word and the
        byte that ends it; returns (token, terminator)."""
        after_dollar = self.d[start] == 0x24
        if self.d[start] == 0x5C:
            if self._get() is None:
                raise ConfError(EOF_STMT, self.line)
        while True:
            c = self._get()
            if c is None:
                raise ConfError(EOF_STMT, self.line)
            if c == 0x5C:
                if self._get() is None:
                    raise ConfError(EOF_STMT, self.line)
                after_dollar = False
                continue
            if c == 0x7B and after_dollar:       # "${" does not end a word
                after_dollar = False
                continue
            if c in WS or c in b";{":
                break
            after_dollar = (c == 0x24)
        raw = self.d[start:self.i - 1]
        return (raw, decode(raw), False), c

    # -- *_by_lua_block body (lua-nginx-module lexer model) ----------------
    def lua_block(self):
        """Called just after the '{'.  Returns the bytes between the braces."""
        d, n = self.d, len(self.d)
        start = self.i
        level = 1
        brace_line = self.line
        self.limit = False
        while True:
            if self.i >= n:
                raise ConfError('unexpected end of file, expecting terminating '
                                'characters for lua code block', brace_line)
            c = d[self.i]
            if c == 0x7B:
                self._get()
                level += 1
                brace_line = self.line
            elif c == 0x7D:
                level -= 1
                if level == 0:
                    body = d[start:self.i]
                    self._get()
                    self.limit = True
                    return body
                self._get()
            elif c in b"\"'":
                j = self.i + 1
                ok = False
                while j < n:
                    ch = d[j]
                    if ch == NL:
                        break
                    if ch == 0x5C:
                        if j + 1 < n and d[j + 1] != NL:
                            j += 2
                            continue
                        break
                    if ch == c:
                        ok = True
                        break
                    j += 1
                if ok:
                    self.i = j + 1          # short strings contain no LF
                else:
                    self._get()             # a lone quote is ordinary text
            elif d.startswith(b"--", self.i):
                if self._long_bracket(self.i + 2) is not None:
                    self._skip_long(self.i + 2, comment=True)
                else:
                    while self._peek() not in (None, NL):
                        self._get()
            elif c == 0x5B and self._long_bracket(self.i) is not None:
                self._skip_long(self.i, comment=False)
            else:
                self._get()

    def _long_bracket(self, j):
        """Level of a long-bracket opener "[" "="* "[" at j, else None."""
        d = self.d
        if j >= len(d) or d[j] != 0x5B:
            return None
        k = j + 1
        while k < len(d) and d[k] == 0x3D:
            k += 1
        if k < len(d) and d[k] == 0x5B:
            return k - j - 1
        return None

    def _skip_long(self, j, comment):
        level = self._long_bracket(j)
        while self.i < j:                     # the "--" of a comment
            self._get()
        open_line = self.line
        closer = b"]" + b"=" * level + b"]"
        end = self.d.find(closer, j + level + 2)
        if end < 0:
            raise ConfError('Lua code block missing the closing long bracket '
                            '"%s", the inlined Lua code may be too long'
                            % closer.decode(), open_line)
        while self.i < end + len(closer):
            self._get()


def is_lua_block(name):
    return name.endswith(b"_by_lua_block")


def parse(data):
    lx = Lexer(data)

    def block(depth):
        out = []
        while True:
            kind, args, line = lx.statement()
            if kind == 'eof':
                if depth:
                    raise ConfError('unexpected end of file, expecting "}"', line)
                return out
            if kind == 'close':
                if not depth:
                    raise ConfError('unexpected "}"', line)
                return out
            st = {'name': args[0], 'args': args[1:], 'line': line}
            if kind == 'open':
                if is_lua_block(args[0][1]):
                    st['lua'] = lx.lua_block()
                else:
                    st['block'] = block(depth + 1)
            out.append(st)

    return block(0)
