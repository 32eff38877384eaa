//! Why a proxied request got no upstream response: each cause names the
//! side at fault (client, upstream, internal) and maps, in one table, to
//! the status nginx answers with; `Display` is the message of nginx's log
//! line (before " while …", which `upstream::log_upstream` adds).

/// Who failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The client went away (nginx's 499).
    Client,
    /// The upstream could not be reached or answered badly (502, 504).
    Upstream,
    /// rginx itself (500).
    Internal,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The client closed the connection or stopped sending the body.
    #[error("client prematurely closed connection")]
    ClientGone,
    #[error("connect() failed ({0})")]
    Connect(String),
    /// Connecting, the TLS handshake or reading the head took too long.
    #[error("upstream timed out (110: Connection timed out)")]
    TimedOut,
    /// The TLS handshake failed; already in OpenSSL's or the verifier's
    /// words.
    #[error("{0}")]
    Tls(String),
    #[error("{}", super::upstream_head::PREMATURE_CLOSE)]
    PrematureClose,
    #[error("recv() failed ({0})")]
    Recv(String),
    /// Writing the request did not finish (not logged, as before).
    #[error("sending the request to upstream failed")]
    Send,
    /// The group's peers are all down or failed.
    #[error("no live upstreams while connecting to upstream \"{0}\"")]
    NoLiveUpstreams(String),
    /// Every try was used up (`proxy_next_upstream_tries`).
    #[error("no more upstream tries")]
    NoTries,
    /// The response head was not one nginx accepts (logged from the
    /// head parser's verdict, whose bytes may not be UTF-8).
    #[error("upstream sent an invalid header")]
    InvalidHeader,
    /// The upstream's error status, left to `error_page`
    /// (`proxy_intercept_errors`).
    #[error("upstream answered {0}, intercepted")]
    Intercepted(u16),
    /// The request body could not be kept for the upstream.
    #[error("writing the request body failed ({0})")]
    BodyTemp(String),
}

impl Error {
    /// The one table: who failed and the status nginx answers.
    fn row(&self) -> (Side, u16) {
        match self {
            Error::ClientGone => (Side::Client, 499),
            Error::TimedOut => (Side::Upstream, 504),
            Error::Connect(_)
            | Error::Tls(_)
            | Error::PrematureClose
            | Error::Recv(_)
            | Error::Send
            | Error::NoLiveUpstreams(_)
            | Error::NoTries
            | Error::InvalidHeader => (Side::Upstream, 502),
            Error::Intercepted(status) => (Side::Upstream, *status),
            Error::BodyTemp(_) => (Side::Internal, 500),
        }
    }

    pub fn side(&self) -> Side {
        self.row().0
    }

    /// The status of the response (or of `$status` when there is none).
    pub fn status(&self) -> u16 {
        self.row().1
    }
}

#[cfg(test)]
mod tests {
    use super::{Error, Side};

    #[test]
    fn statuses_and_wording() {
        assert_eq!(Error::ClientGone.status(), 499);
        assert_eq!(Error::ClientGone.side(), Side::Client);
        assert_eq!(Error::TimedOut.status(), 504);
        assert_eq!(
            Error::Connect("111: Connection refused".into()).status(),
            502
        );
        assert_eq!(Error::BodyTemp("disk full".into()).side(), Side::Internal);
        assert_eq!(Error::Intercepted(404).status(), 404);
        assert_eq!(
            Error::Connect("111: Connection refused".into()).to_string(),
            "connect() failed (111: Connection refused)"
        );
        assert_eq!(
            Error::TimedOut.to_string(),
            "upstream timed out (110: Connection timed out)"
        );
        assert_eq!(
            Error::PrematureClose.to_string(),
            "upstream prematurely closed connection"
        );
        assert_eq!(
            Error::NoLiveUpstreams("b".into()).to_string(),
            "no live upstreams while connecting to upstream \"b\""
        );
    }
}
