//! A small PCRE reader for the security rules: enough structure to ask what
//! a capture group can hold and whether a repetition can backtrack
//! exponentially. Unknown syntax errs on the side of "matches anything".

/// A set of bytes (non-ASCII input is folded into the high half).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Set([u128; 2]);

impl Set {
    pub const EMPTY: Set = Set([0, 0]);
    pub const ALL: Set = Set([u128::MAX, u128::MAX]);

    pub fn byte(b: u8) -> Set {
        let mut s = Set::EMPTY;
        s.insert(b);
        s
    }

    pub fn range(lo: u8, hi: u8) -> Set {
        let mut s = Set::EMPTY;
        for b in lo..=hi {
            s.insert(b);
        }
        s
    }

    pub fn insert(&mut self, b: u8) {
        self.0[(b >> 7) as usize] |= 1u128 << (b & 127);
    }

    pub fn has(&self, b: u8) -> bool {
        self.0[(b >> 7) as usize] & (1u128 << (b & 127)) != 0
    }

    pub fn union(self, o: Set) -> Set {
        Set([self.0[0] | o.0[0], self.0[1] | o.0[1]])
    }

    pub fn negate(self) -> Set {
        Set([!self.0[0], !self.0[1]])
    }

    pub fn intersects(self, o: Set) -> bool {
        (self.0[0] & o.0[0]) != 0 || (self.0[1] & o.0[1]) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == [0, 0]
    }

    pub fn count(self) -> u32 {
        self.0[0].count_ones() + self.0[1].count_ones()
    }

    /// Both cases of every ASCII letter in the set.
    pub fn fold(self) -> Set {
        let mut s = self;
        for b in b'a'..=b'z' {
            if self.has(b) || self.has(b.to_ascii_uppercase()) {
                s.insert(b);
                s.insert(b.to_ascii_uppercase());
            }
        }
        s
    }

    fn digit() -> Set {
        Set::range(b'0', b'9')
    }

    fn word() -> Set {
        Set::range(b'a', b'z')
            .union(Set::range(b'A', b'Z'))
            .union(Set::digit())
            .union(Set::byte(b'_'))
    }

    fn space() -> Set {
        let mut s = Set::EMPTY;
        for b in [b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c] {
            s.insert(b);
        }
        s
    }

    fn hspace() -> Set {
        Set::byte(b' ').union(Set::byte(b'\t'))
    }

    fn vspace() -> Set {
        let mut s = Set::EMPTY;
        for b in [b'\n', b'\r', 0x0b, 0x0c] {
            s.insert(b);
        }
        s
    }
}

/// A parsed regular expression.
#[derive(Clone, Debug)]
pub enum Node {
    /// One character from the set.
    Char(Set),
    /// Matches the empty string (anchors, lookarounds, unknown assertions).
    Empty,
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        /// `None`: unbounded.
        max: Option<u32>,
        /// Possessive (`a++`): never gives back, so never backtracks.
        possessive: bool,
    },
    Group {
        node: Box<Node>,
        /// Capture number (1-based), if it captures.
        index: Option<usize>,
        name: Option<String>,
        /// `(?>…)`: no backtracking into it.
        atomic: bool,
    },
}

/// The parsed regex and its capture count.
pub struct Regex {
    pub root: Node,
    pub groups: usize,
}

impl Regex {
    pub fn parse(src: &str, caseless: bool) -> Regex {
        let mut p = Parser {
            s: src.as_bytes(),
            i: 0,
            groups: 0,
            caseless,
            dotall: false,
            extended: false,
        };
        let root = p.alt();
        Regex {
            root,
            groups: p.groups,
        }
    }

    /// The capture group with this number or name.
    pub fn group(&self, which: &Capture) -> Option<&Node> {
        fn find<'n>(n: &'n Node, which: &Capture) -> Option<&'n Node> {
            match n {
                Node::Group {
                    node, index, name, ..
                } => {
                    let hit = match which {
                        Capture::Index(k) => *index == Some(*k),
                        Capture::Name(s) => name.as_deref() == Some(s.as_str()),
                    };
                    if hit {
                        return Some(node);
                    }
                    find(node, which)
                }
                Node::Seq(v) | Node::Alt(v) => v.iter().find_map(|c| find(c, which)),
                Node::Repeat { node, .. } => find(node, which),
                _ => None,
            }
        }
        find(&self.root, which)
    }

    /// Every named group.
    pub fn names(&self) -> Vec<String> {
        fn walk(n: &Node, out: &mut Vec<String>) {
            match n {
                Node::Group { node, name, .. } => {
                    if let Some(s) = name {
                        out.push(s.clone());
                    }
                    walk(node, out);
                }
                Node::Seq(v) | Node::Alt(v) => v.iter().for_each(|c| walk(c, out)),
                Node::Repeat { node, .. } => walk(node, out),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }

    /// A repetition whose body can be matched in more than one way per
    /// input (a nested unbounded quantifier that overlaps what follows it
    /// in the body, or the body's own start): the shape of exponential
    /// backtracking.
    pub fn nested_quantifier(&self) -> bool {
        fn walk(n: &Node) -> bool {
            match n {
                Node::Repeat {
                    node,
                    max,
                    possessive,
                    ..
                } => {
                    let repeats = max.is_none_or(|m| m >= 2);
                    if repeats && !*possessive && body_is_ambiguous(node) {
                        return true;
                    }
                    walk(node)
                }
                Node::Group { node, atomic, .. } => !*atomic && walk(node),
                Node::Seq(v) | Node::Alt(v) => v.iter().any(walk),
                _ => false,
            }
        }
        walk(&self.root)
    }
}

/// A reference to a capture: `$1` or `$name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Capture {
    Index(usize),
    Name(String),
}

/// Can this node match the empty string?
pub fn nullable(n: &Node) -> bool {
    match n {
        Node::Char(_) => false,
        Node::Empty => true,
        Node::Seq(v) => v.iter().all(nullable),
        Node::Alt(v) => v.iter().any(nullable),
        Node::Repeat { node, min, .. } => *min == 0 || nullable(node),
        Node::Group { node, .. } => nullable(node),
    }
}

/// The characters the node's matches can begin with.
pub fn first(n: &Node) -> Set {
    match n {
        Node::Char(s) => *s,
        Node::Empty => Set::EMPTY,
        Node::Seq(v) => {
            let mut out = Set::EMPTY;
            for c in v {
                out = out.union(first(c));
                if !nullable(c) {
                    break;
                }
            }
            out
        }
        Node::Alt(v) => v.iter().fold(Set::EMPTY, |a, c| a.union(first(c))),
        Node::Repeat { node, .. } | Node::Group { node, .. } => first(node),
    }
}

/// Every character the node can match anywhere.
pub fn chars(n: &Node) -> Set {
    match n {
        Node::Char(s) => *s,
        Node::Empty => Set::EMPTY,
        Node::Seq(v) | Node::Alt(v) => v.iter().fold(Set::EMPTY, |a, c| a.union(chars(c))),
        Node::Repeat { node, max, .. } => {
            if *max == Some(0) {
                Set::EMPTY
            } else {
                chars(node)
            }
        }
        Node::Group { node, .. } => chars(node),
    }
}

/// Only literal alternatives (`(a|bc)`, `(?:www\.)?`): no class wider than
/// one letter in both cases, no repetition beyond optional.
pub fn is_literal(n: &Node) -> bool {
    match n {
        Node::Char(s) => s.count() <= 2 && *s == Set::byte(first_byte(*s)).fold() || s.count() == 1,
        Node::Empty => true,
        Node::Seq(v) | Node::Alt(v) => v.iter().all(is_literal),
        Node::Repeat { node, max, .. } => max.is_some_and(|m| m <= 1) && is_literal(node),
        Node::Group { node, .. } => is_literal(node),
    }
}

fn first_byte(s: Set) -> u8 {
    (0..=255u8).find(|&b| s.has(b)).unwrap_or(0)
}

/// Inside one iteration of a repeated body: an unbounded, backtracking
/// inner repetition whose characters overlap what can come right after it
/// (later in the body, or the body again on the next iteration).
fn body_is_ambiguous(body: &Node) -> bool {
    let wrap = first(body);
    let mut found = false;
    visit_follow(body, wrap, &mut |inner, follow| {
        if first(inner).intersects(follow) {
            found = true;
        }
    });
    found
}

/// Call `f(inner, follow)` for each unbounded non-possessive repetition
/// inside `n` (not inside atomic groups), with the characters that can
/// come right after it, given `after` follows `n`.
fn visit_follow(n: &Node, after: Set, f: &mut dyn FnMut(&Node, Set)) {
    match n {
        Node::Char(_) | Node::Empty => {}
        Node::Seq(v) => {
            for (k, c) in v.iter().enumerate() {
                let rest = &v[k + 1..];
                let mut follow = Set::EMPTY;
                let mut all_nullable = true;
                for r in rest {
                    follow = follow.union(first(r));
                    if !nullable(r) {
                        all_nullable = false;
                        break;
                    }
                }
                if all_nullable {
                    follow = follow.union(after);
                }
                visit_follow(c, follow, f);
            }
        }
        Node::Alt(v) => v.iter().for_each(|c| visit_follow(c, after, f)),
        Node::Group { node, atomic, .. } => {
            if !*atomic {
                visit_follow(node, after, f)
            }
        }
        Node::Repeat {
            node,
            max,
            possessive,
            ..
        } => {
            if *possessive {
                return;
            }
            if max.is_none() {
                f(node, after);
            }
            let inner_after = if max.is_none_or(|m| m >= 2) {
                after.union(first(node))
            } else {
                after
            };
            visit_follow(node, inner_after, f);
        }
    }
}

struct Parser<'s> {
    s: &'s [u8],
    i: usize,
    groups: usize,
    caseless: bool,
    dotall: bool,
    extended: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn starts(&self, p: &str) -> bool {
        self.s[self.i..].starts_with(p.as_bytes())
    }

    fn alt(&mut self) -> Node {
        let mut alts = vec![self.seq()];
        while self.eat(b'|') {
            alts.push(self.seq());
        }
        if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Node::Alt(alts)
        }
    }

    fn seq(&mut self) -> Node {
        let mut items = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'|' || b == b')' {
                break;
            }
            let Some(atom) = self.atom() else {
                continue;
            };
            let atom = self.quantified(atom);
            items.push(atom);
        }
        Node::Seq(items)
    }

    fn quantified(&mut self, atom: Node) -> Node {
        let mut atom = atom;
        loop {
            let (min, max) = match self.peek() {
                Some(b'*') => {
                    self.i += 1;
                    (0, None)
                }
                Some(b'+') => {
                    self.i += 1;
                    (1, None)
                }
                Some(b'?') => {
                    self.i += 1;
                    (0, Some(1))
                }
                Some(b'{') => match self.braces() {
                    Some(q) => q,
                    None => return atom,
                },
                _ => return atom,
            };
            let mut possessive = false;
            if self.eat(b'+') {
                possessive = true;
            } else {
                self.eat(b'?');
            }
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                possessive,
            };
        }
    }

    /// `{n}`, `{n,}`, `{n,m}`; anything else is a literal `{`.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let rest = &self.s[self.i + 1..];
        let close = rest.iter().position(|&b| b == b'}')?;
        let body = std::str::from_utf8(&rest[..close]).ok()?;
        let (lo, hi) = match body.split_once(',') {
            Some((lo, hi)) => (lo, Some(hi)),
            None => (body, None),
        };
        let min: u32 = lo.trim().parse().ok()?;
        let max = match hi {
            None => Some(min),
            Some(h) if h.trim().is_empty() => None,
            Some(h) => Some(h.trim().parse().ok()?),
        };
        self.i += close + 2;
        Some((min, max))
    }

    fn set(&self, s: Set) -> Node {
        Node::Char(if self.caseless { s.fold() } else { s })
    }

    fn atom(&mut self) -> Option<Node> {
        let b = self.peek()?;
        self.i += 1;
        Some(match b {
            b'(' => self.group(),
            b'[' => {
                let s = self.class();
                self.set(s)
            }
            b'.' => {
                if self.dotall {
                    Node::Char(Set::ALL)
                } else {
                    Node::Char(Set::byte(b'\n').negate())
                }
            }
            b'^' | b'$' => Node::Empty,
            b'\\' => self.escape(false).map_or(Node::Empty, |s| self.set(s)),
            b' ' | b'\t' | b'\n' | b'\r' if self.extended => return None,
            b'#' if self.extended => {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == b'\n' {
                        break;
                    }
                }
                return None;
            }
            _ => self.set(Set::byte(b)),
        })
    }

    fn group(&mut self) -> Node {
        let mut index = None;
        let mut name = None;
        let mut atomic = false;
        let mut lookaround = false;
        let saved = (self.caseless, self.dotall, self.extended);
        if self.eat(b'?') {
            if self.starts("P<") || self.starts("<") && !self.starts("<=") && !self.starts("<!") {
                self.eat(b'P');
                self.i += 1;
                name = Some(self.until(b'>'));
            } else if self.eat(b'\'') {
                name = Some(self.until(b'\''));
            } else if self.eat(b'>') {
                atomic = true;
            } else if self.eat(b':') || self.eat(b'|') {
            } else if self.eat(b'=') || self.eat(b'!') {
                lookaround = true;
            } else if self.starts("<=") || self.starts("<!") {
                self.i += 2;
                lookaround = true;
            } else if self.eat(b'#') {
                self.until(b')');
                return Node::Empty;
            } else {
                // Inline flags: `(?i)`, `(?s-i:…)`.
                let mut on = true;
                while let Some(c) = self.peek() {
                    self.i += 1;
                    match c {
                        b'-' => on = false,
                        b'i' => self.caseless = on,
                        b's' => self.dotall = on,
                        b'x' => self.extended = on,
                        b')' => return Node::Empty, // applies to the rest
                        b':' => break,
                        _ => {}
                    }
                }
            }
            if name.is_some() {
                self.groups += 1;
                index = Some(self.groups);
            }
        } else {
            self.groups += 1;
            index = Some(self.groups);
        }
        let inner = self.alt();
        self.eat(b')');
        (self.caseless, self.dotall, self.extended) = saved;
        if lookaround {
            return Node::Empty;
        }
        Node::Group {
            node: Box::new(inner),
            index,
            name,
            atomic,
        }
    }

    fn until(&mut self, end: u8) -> String {
        let start = self.i;
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == end {
                return String::from_utf8_lossy(&self.s[start..self.i - 1]).into_owned();
            }
        }
        String::from_utf8_lossy(&self.s[start..]).into_owned()
    }

    /// After a backslash: the set it matches, or `None` for an assertion.
    fn escape(&mut self, in_class: bool) -> Option<Set> {
        let Some(b) = self.peek() else {
            return Some(Set::byte(b'\\'));
        };
        self.i += 1;
        Some(match b {
            b'd' => Set::digit(),
            b'D' => Set::digit().negate(),
            b'w' => Set::word(),
            b'W' => Set::word().negate(),
            b's' => Set::space(),
            b'S' => Set::space().negate(),
            b'h' => Set::hspace(),
            b'H' => Set::hspace().negate(),
            b'v' => Set::vspace(),
            b'V' => Set::vspace().negate(),
            b'R' if !in_class => Set::vspace(),
            b'N' if !in_class => Set::byte(b'\n').negate(),
            b'n' => Set::byte(b'\n'),
            b'r' => Set::byte(b'\r'),
            b't' => Set::byte(b'\t'),
            b'f' => Set::byte(0x0c),
            b'e' => Set::byte(0x1b),
            b'a' => Set::byte(0x07),
            b'b' if in_class => Set::byte(0x08),
            b'b' | b'B' | b'A' | b'z' | b'Z' | b'G' | b'K' => return None,
            b'x' => {
                if self.eat(b'{') {
                    let h = self.until(b'}');
                    u32::from_str_radix(&h, 16)
                        .ok()
                        .map_or(Set::ALL, |v| Set::byte(v.min(255) as u8))
                } else {
                    let start = self.i;
                    while self.i < start + 2 && self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                        self.i += 1;
                    }
                    let h = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("0");
                    Set::byte(u8::from_str_radix(h, 16).unwrap_or(0))
                }
            }
            b'p' | b'P' | b'X' => {
                if self.eat(b'{') {
                    self.until(b'}');
                } else {
                    self.i += 1;
                }
                Set::ALL
            }
            b'Q' => {
                // Literal text up to `\E`: read it as a run of characters.
                let start = self.i;
                let end = self.s[start..]
                    .windows(2)
                    .position(|w| w == b"\\E")
                    .map_or(self.s.len(), |p| start + p);
                self.i = (end + 2).min(self.s.len());
                let mut set = Set::EMPTY;
                for &c in &self.s[start..end] {
                    set.insert(c);
                }
                if set.is_empty() {
                    return None;
                }
                set
            }
            b'E' => return None,
            b'1'..=b'9' | b'k' | b'g' if !in_class => {
                // A back-reference: whatever the group held.
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || b"<>{}'_".contains(&c))
                {
                    self.i += 1;
                }
                Set::ALL
            }
            b'0' => Set::byte(0),
            c => Set::byte(c),
        })
    }

    /// After `[`: the class's set.
    fn class(&mut self) -> Set {
        let negated = self.eat(b'^');
        let mut set = Set::EMPTY;
        let mut first = true;
        let mut prev: Option<u8> = None;
        while let Some(b) = self.peek() {
            if b == b']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            self.i += 1;
            if b == b'[' && self.peek() == Some(b':') {
                let name = self.until(b']');
                set = set.union(posix(name.trim_matches(':')));
                prev = None;
                continue;
            }
            if b == b'-' && prev.is_some() && self.peek().is_some_and(|c| c != b']') {
                let lo = prev.unwrap();
                let mut hi = self.peek().unwrap();
                self.i += 1;
                if hi == b'\\' {
                    match self.escape(true) {
                        Some(s) if s.count() == 1 => hi = first_byte(s),
                        Some(s) => {
                            set = set.union(s).union(Set::byte(b'-'));
                            prev = None;
                            continue;
                        }
                        None => continue,
                    }
                }
                if lo <= hi {
                    set = set.union(Set::range(lo, hi));
                }
                prev = None;
                continue;
            }
            if b == b'\\' {
                match self.escape(true) {
                    Some(s) => {
                        prev = (s.count() == 1).then(|| first_byte(s));
                        set = set.union(s);
                    }
                    None => prev = None,
                }
                continue;
            }
            set.insert(b);
            prev = Some(b);
        }
        if self.caseless {
            set = set.fold();
        }
        if negated {
            set.negate()
        } else {
            set
        }
    }
}

fn posix(name: &str) -> Set {
    match name {
        "alpha" => Set::range(b'a', b'z').union(Set::range(b'A', b'Z')),
        "digit" => Set::digit(),
        "alnum" => Set::range(b'a', b'z')
            .union(Set::range(b'A', b'Z'))
            .union(Set::digit()),
        "upper" => Set::range(b'A', b'Z'),
        "lower" => Set::range(b'a', b'z'),
        "space" => Set::space(),
        "blank" => Set::hspace(),
        "xdigit" => Set::digit()
            .union(Set::range(b'a', b'f'))
            .union(Set::range(b'A', b'F')),
        "word" => Set::word(),
        "punct" => Set::range(b'!', b'/')
            .union(Set::range(b':', b'@'))
            .union(Set::range(b'[', b'`'))
            .union(Set::range(b'{', b'~')),
        "cntrl" => Set::range(0, 31).union(Set::byte(127)),
        _ => Set::range(0x20, 0x7e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redos(s: &str) -> bool {
        Regex::parse(s, false).nested_quantifier()
    }

    #[test]
    fn nested_quantifiers() {
        assert!(redos("(a+)+"));
        assert!(redos("^(a*)*$"));
        assert!(redos("(.*a){12}"));
        assert!(redos(r"^(\w+)*$"));
        assert!(redos(r"([a-z]+-?)+$"));
        assert!(!redos(r"(\d+\.)+"));
        assert!(!redos(r"(/[^/]+)+"));
        assert!(!redos(r"^/(.*)/(.*)$"));
        assert!(!redos(r"(?>a+)+"));
        assert!(!redos(r"(a++)+"));
        assert!(!redos(r"\.(css|js|png)$"));
    }

    #[test]
    fn malformed_input_does_not_panic() {
        let bits = [
            "(", ")", "[", "]", "\\", "(?", "(?<", "(?P", "(?'", "[a-", "{", "a{2", "{,}", "\\Q",
            "\\E", "[[:", "\\x{", "\\x", "[\\", "*", "+", "?", "|", "(?#", "(?i", "-", "^", "$",
            ".", "\\k<", "\\p{", "\\1", "(?>", "(?=", "(?<=", "é",
        ];
        for a in bits {
            for b in bits {
                for c in bits {
                    let s = format!("{a}{b}{c}");
                    let r = Regex::parse(&s, true);
                    r.nested_quantifier();
                    r.names();
                }
            }
        }
    }

    #[test]
    fn captures() {
        let r = Regex::parse(r"^/a/(?<rest>[^/]+)/(.*)$", false);
        assert_eq!(r.groups, 2);
        let g = r.group(&Capture::Name("rest".into())).unwrap();
        assert!(chars(g).has(b'\n'));
        let g = r.group(&Capture::Index(2)).unwrap();
        assert!(!chars(g).has(b'\n'));
        assert!(chars(g).has(b'\r'));
        let r = Regex::parse(r"^/(api|web)/", false);
        assert!(is_literal(r.group(&Capture::Index(1)).unwrap()));
        let r = Regex::parse(r"^/([a-z]+)/", false);
        assert!(!is_literal(r.group(&Capture::Index(1)).unwrap()));
    }
}
