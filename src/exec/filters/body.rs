//! The body filter chain: a response's body passes through the filters
//! its header filters chose, in nginx's order, as it streams (a piece
//! at a time, then the end). nginx's body filters that change the body
//! (gzip, gunzip, sub, addition, ssi, charset…) belong here; a chain
//! with none passes every piece through untouched at no cost, which is
//! every response until those modules are built.

/// One body filter: takes each piece of the body and the end of it, and
/// passes on what it has made so far.
pub trait BodyFilter: Send {
    /// nginx's module name, for explanations.
    fn name(&self) -> &'static str;
    /// A piece of the body: what follows it is appended to `out`.
    fn data(&mut self, data: &[u8], out: &mut Vec<u8>);
    /// The body ended: what the filter still holds is appended to `out`.
    fn end(&mut self, out: &mut Vec<u8>);
}

/// The body filters of one response, in the order nginx calls them.
#[derive(Default)]
pub struct BodyChain {
    filters: Vec<Box<dyn BodyFilter>>,
}

impl std::fmt::Debug for BodyChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.filters.iter().map(|x| x.name()))
            .finish()
    }
}

impl BodyChain {
    /// Append a filter: it runs after those already in the chain.
    pub fn push(&mut self, filter: Box<dyn BodyFilter>) {
        self.filters.push(filter);
    }

    /// No filter changes this body: its length stays what the head says.
    pub fn is_empty(&self) -> bool {
        self.filters.is_empty()
    }

    /// A piece of the body through every filter.
    pub fn data(&mut self, data: &[u8]) -> Vec<u8> {
        let mut piece = data.to_vec();
        for f in &mut self.filters {
            let mut out = Vec::new();
            f.data(&piece, &mut out);
            piece = out;
        }
        piece
    }

    /// The end of the body through every filter: each one's remainder
    /// passes through the filters after it before they end too.
    pub fn end(&mut self) -> Vec<u8> {
        let mut carried = Vec::new();
        for f in &mut self.filters {
            let mut out = Vec::new();
            if !carried.is_empty() {
                f.data(&carried, &mut out);
            }
            f.end(&mut out);
            carried = out;
        }
        carried
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Holds back the last byte of what it has seen until the end (as a
    /// filter that needs to see what follows does).
    struct HoldLast(Option<u8>);

    impl BodyFilter for HoldLast {
        fn name(&self) -> &'static str {
            "hold_last"
        }
        fn data(&mut self, data: &[u8], out: &mut Vec<u8>) {
            for &b in data {
                if let Some(prev) = self.0.replace(b) {
                    out.push(prev);
                }
            }
        }
        fn end(&mut self, out: &mut Vec<u8>) {
            out.extend(self.0.take());
        }
    }

    struct Upper;

    impl BodyFilter for Upper {
        fn name(&self) -> &'static str {
            "upper"
        }
        fn data(&mut self, data: &[u8], out: &mut Vec<u8>) {
            out.extend(data.iter().map(u8::to_ascii_uppercase));
        }
        fn end(&mut self, _: &mut Vec<u8>) {}
    }

    #[test]
    fn an_empty_chain_passes_the_body_through() {
        let mut chain = BodyChain::default();
        assert!(chain.is_empty());
        assert_eq!(chain.data(b"abc"), b"abc");
        assert!(chain.end().is_empty());
    }

    #[test]
    fn filters_stream_in_order_and_flush_at_the_end() {
        let mut chain = BodyChain::default();
        chain.push(Box::new(HoldLast(None)));
        chain.push(Box::new(Upper));
        assert_eq!(format!("{chain:?}"), "[\"hold_last\", \"upper\"]");
        let mut body = chain.data(b"ab");
        assert_eq!(body, b"A", "the held byte waits for what follows");
        body.extend(chain.data(b"c"));
        // What the first filter releases at the end still passes the
        // second.
        body.extend(chain.end());
        assert_eq!(body, b"ABC");
    }
}
