//! nginx version profiles: every behaviour of an unchanged configuration
//! that differs between nginx versions, as one table. rginx behaves as the
//! version selected with `--nginx-version` (or `RGINX_NGINX_VERSION`;
//! default: the latest profile). The IR, the runtime and lint ask
//! [`has`]; `docs/versions.md` is generated from [`CHANGES`].
//!
//! Profiles 1.22 and 1.31 are confirmed by the conformance oracle (the
//! cases named in `confirmed_by`); other versions follow the version each
//! change was made in, from nginx's CHANGES.

use crate::registry::Version;

/// A behaviour that changed in some nginx version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Behaviour {
    /// `$http_*` joins repeated request header lines.
    JoinedHeaderVariables,
    /// `$sent_http_*`/`$upstream_http_*` join repeated response lines.
    JoinedResponseVariables,
    /// An upstream's Content-Length and Transfer-Encoding are checked
    /// (502 when repeated, invalid, other than "chunked", or both).
    UpstreamLengthChecks,
    /// Prefix locations longer than 255 bytes match as usual.
    LongPrefixLocations,
    /// TLSv1.3 in the default `ssl_protocols`.
    DefaultTls13,
    /// `ssl on;` is an error (it was a deprecated directive).
    SslOnRemoved,
    /// `listen … http2` is deprecated in favour of `http2 on;`.
    ListenHttp2Deprecated,
    /// A plaintext HTTP/2 port tells HTTP/2 (its preface) from HTTP/1.x.
    PlaintextHttp2Sniffed,
    /// realip takes a bracketed IPv6 address without a port.
    RealipBracketedIpv6,
    /// TLSv1 and TLSv1.1 left the default `ssl_protocols`.
    DefaultNoTls11,
    /// `ssl_verify_client` is satisfied by `ssl_trusted_certificate` alone
    /// (no `ssl_client_certificate`, so no CA names in the handshake).
    VerifyClientTrustedOnly,
    /// An upstream's 103 (Early Hints) is read apart from the response.
    UpstreamEarlyHints,
    /// `add_header_inherit`, `$request_port`, `$is_request_port` exist.
    AddHeaderInherit,
    RequestPortVariables,
    /// Host and request-line authorities are validated as RFC 3986 says.
    StrictAuthority,
    /// A chunked body (request or upstream response) with bare-LF line
    /// ends is refused.
    StrictChunkedLineEnds,
    /// `$cookie_*`: only ";" separates cookies (no longer ",").
    CookieSemicolonOnly,
    /// Upstream requests are HTTP/1.1 without `Connection: close`, and
    /// upstream groups keep idle connections (`keepalive 32 local`).
    UpstreamHttp11Keepalive,
    /// The client's `Proxy-Connection` is not passed upstream.
    DropProxyConnection,
    /// `CONNECT host:port` is parsed (and refused with 405 without
    /// `tunnel_pass`); `CONNECT /path` is a bad request.
    ConnectAuthorityForm,
    /// `split_clients` percentages adding up to 100% cover every hash.
    SplitClientsFullPercent,
    /// A second `Proxy-Authorization` request header is refused (400).
    UniqueProxyAuthorization,
    /// An accepted CONNECT request with a body is refused (400).
    ConnectBodyRefused,
    /// HTTP/2: `:authority` is no longer a Host line: a Host header equal
    /// to it is accepted, a different one refused.
    H2AuthorityHost,
    /// HTTP/2: connection-specific headers and `te` other than `trailers`
    /// are refused with 400.
    H2ConnectionHeadersRefused,
    /// HTTP/2: a pseudo-header after a regular header is refused with 400.
    H2PseudoHeaderOrder,
}

/// One entry of the table.
#[derive(Clone, Copy, Debug)]
pub struct Change {
    pub behaviour: Behaviour,
    /// The first nginx version with the new behaviour.
    pub since: Version,
    /// What it concerns (directives, variables…).
    pub concerns: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    /// Conformance cases (under `conformance/cases/`) that show it on both
    /// sides, or why none can.
    pub confirmed_by: &'static str,
    /// The lint rule that reports configurations relying on it.
    pub lint: Option<&'static str>,
}

use Behaviour::*;

pub const CHANGES: &[Change] = &[
    Change {
        behaviour: JoinedHeaderVariables,
        since: Version::new(1, 23, 0),
        concerns: "`$http_*`",
        before: "the first line of a repeated request header (X-Forwarded-For and Cookie were joined)",
        after: "every line joined with \", \" (Cookie with \"; \")",
        confirmed_by: "`version_defaults/http_variable_duplicates_*`, `variables/duplicate_headers_*`, `underscores/both_spellings_*`, `websocket/two_upgrade_lines_*`",
        lint: None,
    },
    Change {
        behaviour: JoinedResponseVariables,
        since: Version::new(1, 23, 0),
        concerns: "`$sent_http_*`, `$upstream_http_*`, intercepted 401s",
        before: "the first line of a repeated response header; one `WWW-Authenticate` passed",
        after: "joined with \", \"; every `WWW-Authenticate` line passed",
        confirmed_by: "`version_defaults/sent_and_upstream_http_duplicates_*`, `version_defaults/intercepted_401_www_authenticate_*`",
        lint: None,
    },
    Change {
        behaviour: UpstreamLengthChecks,
        since: Version::new(1, 23, 0),
        concerns: "upstream response heads (`proxy_pass`)",
        before: "the last Content-Length counts, an invalid one means \"until close\"; a Transfer-Encoding containing \"chunked\" makes the body chunked and beats Content-Length, any other is ignored",
        after: "502 for a second Content-Length or Transfer-Encoding, an invalid Content-Length, a Transfer-Encoding other than \"chunked\", or both headers; repeated Server, Date, Content-Type, Location… lines are dropped with a warning",
        confirmed_by: "`runtime::upstream_head` tests, against nginx 1.22.1 and 1.31.3",
        lint: None,
    },
    Change {
        behaviour: LongPrefixLocations,
        since: Version::new(1, 23, 4),
        concerns: "`location`",
        before: "a prefix longer than 255 bytes breaks the location tree",
        after: "the longest prefix wins as usual",
        confirmed_by: "`version_defaults/prefix_location_over_255_*`",
        lint: None,
    },
    Change {
        behaviour: DefaultTls13,
        since: Version::new(1, 23, 4),
        concerns: "`ssl_protocols` default",
        before: "`TLSv1 TLSv1.1 TLSv1.2`",
        after: "`TLSv1 TLSv1.1 TLSv1.2 TLSv1.3`",
        confirmed_by: "TLS only (not in the HTTP case format)",
        lint: Some("RGX204"),
    },
    Change {
        behaviour: SslOnRemoved,
        since: Version::new(1, 25, 1),
        concerns: "`ssl on;`",
        before: "accepted with a deprecation warning",
        after: "an unknown directive, as in rginx's profiles from 1.25.1 (before: accepted with the warning)",
        confirmed_by: "`tests/seeds.rs` (seed-004 on nginx 1.22.1)",
        lint: Some("RGX201"),
    },
    Change {
        behaviour: ListenHttp2Deprecated,
        since: Version::new(1, 25, 1),
        concerns: "`listen … http2`",
        before: "the way to enable HTTP/2",
        after: "deprecated (a warning) in favour of `http2 on;`",
        confirmed_by: "log only",
        lint: Some("RGX203"),
    },
    Change {
        behaviour: PlaintextHttp2Sniffed,
        since: Version::new(1, 25, 1),
        concerns: "HTTP/2 on a port without `ssl`",
        before: "`listen … http2` speaks HTTP/2 with prior knowledge only (an HTTP/1.1 request gets no response)",
        after: "`listen … http2` or `http2 on;`: HTTP/2 when the connection starts with its preface, HTTP/1.x otherwise",
        confirmed_by: "`tests/serve_tls.rs` (`plaintext_http2_as_each_nginx`, against nginx 1.22.1 and 1.31.3)",
        lint: None,
    },
    Change {
        behaviour: VerifyClientTrustedOnly,
        since: Version::new(1, 27, 2),
        concerns: "`ssl_verify_client` without `ssl_client_certificate`",
        before: "`no ssl_client_certificate for ssl_verify_client` (emerg)",
        after: "`ssl_trusted_certificate` is enough; without either, `no ssl_client_certificate or ssl_trusted_certificate for ssl_verify_client`",
        confirmed_by: "TLS only (not in the HTTP case format): both messages seen from 1.22.1 and 1.31.3; tests/serve_tls.rs",
        lint: None,
    },
    Change {
        behaviour: RealipBracketedIpv6,
        since: Version::new(1, 27, 3),
        concerns: "`real_ip_header`",
        before: "`[2001:db8::1]` (no port) is not an address",
        after: "taken as the client address",
        confirmed_by: "`x_forwarded_for/realip_ipv6_forms_*`",
        lint: None,
    },
    Change {
        behaviour: DefaultNoTls11,
        since: Version::new(1, 27, 3),
        concerns: "`ssl_protocols` default",
        before: "includes `TLSv1 TLSv1.1`",
        after: "`TLSv1.2 TLSv1.3`",
        confirmed_by: "TLS only (not in the HTTP case format)",
        lint: Some("RGX204"),
    },
    Change {
        behaviour: UpstreamEarlyHints,
        since: Version::new(1, 29, 0),
        concerns: "an upstream's 1xx responses",
        before: "a 103 is the response (passed to the client, what follows it as its body)",
        after: "a 103 is skipped (its header lines unchecked) and the response read after it; an HTTP/1.0 103 is a 502. Other 1xx are still the response",
        confirmed_by: "`runtime::upstream_head` tests, against nginx 1.22.1 and 1.31.3",
        lint: None,
    },
    Change {
        behaviour: H2AuthorityHost,
        since: Version::new(1, 29, 1),
        concerns: "HTTP/2 `:authority` and `host`",
        before: "`:authority` is a Host line: a `host` header beside it is \"client sent duplicate host header\" (400); neither is \"client sent HTTP/1.1 request without \\\"Host\\\" header\" (400)",
        after: "a `host` equal to `:authority` accepted, a different one 400 \"client sent \\\":authority\\\" and \\\"Host\\\" headers with different values\"; neither is \"client sent neither …\" (400)",
        confirmed_by: "`tests/h2_validation.rs` (nginx 1.22.1 and 1.31.3)",
        lint: None,
    },
    Change {
        behaviour: AddHeaderInherit,
        since: Version::new(1, 29, 3),
        concerns: "`add_header_inherit`",
        before: "a level with its own `add_header` inherits none (no directive to change it)",
        after: "the same by default; `add_header_inherit merge|off` changes it",
        confirmed_by: "`add_header/add_header_inherit_since_1_29_3`, `add_header/add_header_inherit_chain_since_1_29_3`",
        lint: Some("RGX406"),
    },
    Change {
        behaviour: RequestPortVariables,
        since: Version::new(1, 29, 3),
        concerns: "`$request_port`, `$is_request_port`",
        before: "unknown variables (nginx refuses the configuration)",
        after: "the port of the request line or Host, `:` when there is one",
        confirmed_by: "`version_defaults/request_port_variables_since_1_29_3`",
        lint: Some("RGX202"),
    },
    Change {
        behaviour: StrictAuthority,
        since: Version::new(1, 29, 4),
        concerns: "Host, request-line authority, `$host`",
        before: "non-numeric, signed or too large ports, userinfo, backslashes and malformed `[IPv6]` accepted",
        after: "400",
        confirmed_by: "`host/host_port_validation_*`, `version_defaults/authority_port_and_ipv6_validation_*`",
        lint: None,
    },
    Change {
        behaviour: StrictChunkedLineEnds,
        since: Version::new(1, 29, 4),
        concerns: "chunked request bodies and upstream responses",
        before: "a bare LF ends a chunk line",
        after: "400 for a request; \"upstream sent invalid chunked response\" (the client connection closed) for a response",
        confirmed_by: "`hop_by_hop/chunked_bare_lf_*`; `runtime::upstream_head` tests (`chunked_bodies`)",
        lint: None,
    },
    Change {
        behaviour: CookieSemicolonOnly,
        since: Version::new(1, 29, 6),
        concerns: "`$cookie_*`",
        before: "\",\" also starts a cookie name",
        after: "only \";\"",
        confirmed_by: "`version_defaults/cookie_comma_*`",
        lint: None,
    },
    Change {
        behaviour: UpstreamHttp11Keepalive,
        since: Version::new(1, 29, 7),
        concerns: "`proxy_http_version`, `Connection`, upstream `keepalive`",
        before: "HTTP/1.0 with `Connection: close`; no idle upstream connections kept",
        after: "HTTP/1.1, no Connection header; `keepalive 32 local` by default",
        confirmed_by: "`proxy_uri/defaults_*`, `proxy_uri/http_1_*`, `hop_by_hop/connection_clear_lost_*`, `version_defaults/upstream_group_defaults_*`, `websocket/no_http_version_*`",
        lint: Some("RGX204"),
    },
    Change {
        behaviour: DropProxyConnection,
        since: Version::new(1, 29, 7),
        concerns: "client `Proxy-Connection`",
        before: "passed upstream",
        after: "dropped (not in CHANGES; seen on 1.31.3, assumed to come with 1.29.7)",
        confirmed_by: "`hop_by_hop/hop_by_hop_*`",
        lint: None,
    },
    Change {
        behaviour: UniqueProxyAuthorization,
        since: Version::new(1, 29, 7),
        concerns: "the `Proxy-Authorization` request header",
        before: "any number of lines",
        after: "a second line is a 400 (\"client sent duplicate header line\")",
        confirmed_by: "`runtime::head` tests (`duplicate_proxy_authorization`), against nginx 1.22.1 and 1.31.3",
        lint: None,
    },
    Change {
        behaviour: ConnectAuthorityForm,
        since: Version::new(1, 31, 0),
        concerns: "the CONNECT method",
        before: "`CONNECT host:port` 400, `CONNECT /path` 405",
        after: "`CONNECT host:port` 405 (without `tunnel_pass`), `CONNECT /path` 400",
        confirmed_by: "`version_defaults/connect_method_*`",
        lint: None,
    },
    Change {
        behaviour: H2ConnectionHeadersRefused,
        since: Version::new(1, 31, 0),
        concerns: "HTTP/2 `connection`, `keep-alive`, `proxy-connection`, `transfer-encoding`, `upgrade`, `te`",
        before: "passed through (200)",
        after: "400 \"client sent \\\"Connection\\\" header\" (…); rginx under either profile: hyper's h2 resets the stream (RST_STREAM PROTOCOL_ERROR) before rginx sees it",
        confirmed_by: "`tests/h2_validation.rs` (nginx 1.22.1 and 1.31.3; not matched: h2 decides)",
        lint: None,
    },
    Change {
        behaviour: SplitClientsFullPercent,
        since: Version::new(1, 31, 2),
        concerns: "`split_clients`",
        before: "with shares adding up to 100%, the highest hashes get an empty value",
        after: "the last share covers them",
        confirmed_by: "`version_defaults/split_clients_full_percent_*`",
        lint: None,
    },
    Change {
        behaviour: ConnectBodyRefused,
        since: Version::new(1, 31, 3),
        concerns: "CONNECT with `tunnel_pass`",
        before: "a Content-Length or chunked body is accepted",
        after: "400 (\"client sent CONNECT request with body\")",
        confirmed_by: "source only (nginx 1.31.3 `ngx_http_process_request_header`); `runtime::head` tests",
        lint: None,
    },
    Change {
        behaviour: H2PseudoHeaderOrder,
        since: Version::new(1, 31, 3),
        concerns: "HTTP/2 pseudo-headers after a regular header",
        before: "accepted (200)",
        after: "400 \"client sent out of order pseudo-headers\"; rginx under either profile: hyper's h2 resets the stream (RST_STREAM PROTOCOL_ERROR)",
        confirmed_by: "`tests/h2_validation.rs` (nginx 1.22.1 and 1.31.3; not matched: h2 decides)",
        lint: None,
    },
];

/// The version a behaviour appeared in.
pub const fn since(b: Behaviour) -> Version {
    let mut i = 0;
    while i < CHANGES.len() {
        if CHANGES[i].behaviour as u8 == b as u8 {
            return CHANGES[i].since;
        }
        i += 1;
    }
    Version::new(0, 0, 0)
}

/// Whether nginx `version` behaves the new way.
pub fn has(version: Version, b: Behaviour) -> bool {
    version >= since(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_behaviour_has_one_entry() {
        for c in CHANGES {
            let n = CHANGES
                .iter()
                .filter(|d| d.behaviour == c.behaviour)
                .count();
            assert_eq!(n, 1, "{:?}", c.behaviour);
        }
        assert!(CHANGES.windows(2).all(|w| w[0].since <= w[1].since));
        assert!(has(Version::new(1, 31, 3), UpstreamHttp11Keepalive));
        assert!(!has(Version::new(1, 22, 1), UpstreamHttp11Keepalive));
    }
}
