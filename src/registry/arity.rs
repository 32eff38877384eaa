//! Argument counts, as nginx's `NGX_CONF_*` argument flags say them.

/// A mask of accepted shapes. `TAKE{n}` bits accept exactly n arguments;
/// `FLAG`, `ONE_MORE`, `TWO_MORE` and `ANY` are the other nginx shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Arity(pub u16);

impl Arity {
    pub const NOARGS: Arity = Arity(1);
    pub const TAKE1: Arity = Arity(1 << 1);
    pub const TAKE2: Arity = Arity(1 << 2);
    pub const TAKE3: Arity = Arity(1 << 3);
    pub const TAKE4: Arity = Arity(1 << 4);
    pub const TAKE5: Arity = Arity(1 << 5);
    pub const TAKE6: Arity = Arity(1 << 6);
    pub const TAKE7: Arity = Arity(1 << 7);
    pub const FLAG: Arity = Arity(1 << 8);
    pub const ONE_MORE: Arity = Arity(1 << 9);
    pub const TWO_MORE: Arity = Arity(1 << 10);
    pub const ANY: Arity = Arity(1 << 11);
    pub const TAKE12: Arity = Arity(Self::TAKE1.0 | Self::TAKE2.0);
    pub const TAKE13: Arity = Arity(Self::TAKE1.0 | Self::TAKE3.0);
    pub const TAKE23: Arity = Arity(Self::TAKE2.0 | Self::TAKE3.0);
    pub const TAKE123: Arity = Arity(Self::TAKE1.0 | Self::TAKE2.0 | Self::TAKE3.0);
    pub const TAKE1234: Arity = Arity(Self::TAKE123.0 | Self::TAKE4.0);

    /// The most arguments nginx passes to a directive with fixed counts.
    pub const MAX_ARGS: usize = 8;

    pub const fn or(self, other: Arity) -> Arity {
        Arity(self.0 | other.0)
    }

    /// nginx's argument flag (`TAKE12` for `NGX_CONF_TAKE12`); `BLOCK` is
    /// not a count and maps to no shape.
    pub fn from_nginx_flag(flag: &str) -> Option<Arity> {
        Some(match flag {
            "NOARGS" => Self::NOARGS,
            "TAKE1" => Self::TAKE1,
            "TAKE2" => Self::TAKE2,
            "TAKE3" => Self::TAKE3,
            "TAKE4" => Self::TAKE4,
            "TAKE5" => Self::TAKE5,
            "TAKE6" => Self::TAKE6,
            "TAKE7" => Self::TAKE7,
            "TAKE12" => Self::TAKE12,
            "TAKE13" => Self::TAKE13,
            "TAKE23" => Self::TAKE23,
            "TAKE123" => Self::TAKE123,
            "TAKE1234" => Self::TAKE1234,
            "FLAG" => Self::FLAG,
            "1MORE" => Self::ONE_MORE,
            "2MORE" => Self::TWO_MORE,
            "ANY" => Self::ANY,
            "BLOCK" => Arity(0),
            _ => return None,
        })
    }

    /// nginx's rule (`ngx_conf_handler`) for `n` arguments after the name.
    pub fn accepts(self, n: usize) -> bool {
        if self.0 & Self::ANY.0 != 0 {
            return true;
        }
        if self.0 & Self::FLAG.0 != 0 {
            return n == 1;
        }
        if self.0 & Self::ONE_MORE.0 != 0 {
            return n >= 1;
        }
        if self.0 & Self::TWO_MORE.0 != 0 {
            return n >= 2;
        }
        n < Self::MAX_ARGS && self.0 & (1 << n) != 0
    }

    /// Human form for docs: `1`, `1..3`, `flag`, `1+`, `any`.
    pub fn describe(self) -> String {
        if self.0 & Self::ANY.0 != 0 {
            return "any".into();
        }
        if self.0 & Self::FLAG.0 != 0 {
            return "on|off".into();
        }
        if self.0 & Self::ONE_MORE.0 != 0 {
            return "1+".into();
        }
        if self.0 & Self::TWO_MORE.0 != 0 {
            return "2+".into();
        }
        let counts: Vec<String> = (0..Self::MAX_ARGS)
            .filter(|&n| self.0 & (1 << n) != 0)
            .map(|n| n.to_string())
            .collect();
        counts.join("|")
    }
}

#[cfg(test)]
mod tests {
    use super::Arity;

    #[test]
    fn nginx_counting() {
        assert!(Arity::TAKE12.accepts(1) && Arity::TAKE12.accepts(2) && !Arity::TAKE12.accepts(3));
        assert!(Arity::FLAG.accepts(1) && !Arity::FLAG.accepts(2));
        assert!(!Arity::ONE_MORE.accepts(0) && Arity::ONE_MORE.accepts(9));
        assert!(!Arity::TWO_MORE.accepts(1));
        assert!(Arity::NOARGS.accepts(0) && !Arity::NOARGS.accepts(1));
        assert!(!Arity::TAKE7.accepts(8));
        assert_eq!(Arity::TAKE123.describe(), "1|2|3");
    }
}
