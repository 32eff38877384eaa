//! What rginx writes on the wire as nginx writes it: status lines with
//! nginx's reason phrases, the response head in nginx's header order
//! (`ngx_http_header_filter`) and chunked framing.

/// nginx's reason phrase for a status line: the titles of its pages,
/// except where its status lines say otherwise ("Moved Temporarily" for
/// 302, "Unauthorized" for 401), and the 1xx/2xx ones it has no page for;
/// `None` for statuses it has none for.
pub fn reason(status: u16) -> Option<&'static str> {
    Some(match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        302 => "Moved Temporarily",
        304 => "Not Modified",
        401 => "Unauthorized",
        other => return crate::ir::pages::reason(other),
    })
}

/// A number in decimal, without the formatting machinery (this runs for
/// every response).
pub fn push_decimal(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(decimal(n, &mut [0; 20]).as_bytes());
}

/// A number in decimal, written into `digits`.
pub fn decimal(mut n: u64, digits: &mut [u8; 20]) -> &str {
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&digits[i..]).unwrap_or("0")
}

/// The response head nginx's header filter writes: status line, Server,
/// Date, Content-Type, Content-Length, Last-Modified, Location,
/// Transfer-Encoding, Connection, Keep-Alive, then the other headers in
/// their order.
pub struct Head<'a> {
    pub status: u16,
    /// What follows "HTTP/1.1 " when nginx passes on a proxied
    /// response's status line ("200", "403.1 Forbidden": the upstream's
    /// bytes, as `octets` text); `None`: the status and nginx's phrase.
    pub status_line: Option<&'a str>,
    pub server: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub content_length: Option<u64>,
    pub chunked: bool,
    /// `Some(true)` keep-alive, `Some(false)` close, `None` upgrade.
    pub keepalive: Option<bool>,
    pub keepalive_header: Option<&'a str>,
    pub headers: &'a [(String, String)],
}

impl Head<'_> {
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"HTTP/1.1 ");
        match self.status_line {
            Some(l) => crate::octets::push_bytes(l, out),
            None => {
                push_decimal(out, u64::from(self.status));
                out.push(b' ');
                out.extend_from_slice(reason(self.status).unwrap_or("").as_bytes());
            }
        }
        out.extend_from_slice(b"\r\n");
        let mut line = |n: &str, v: &str| {
            crate::octets::push_bytes(n, out);
            out.extend_from_slice(b": ");
            crate::octets::push_bytes(v, out);
            out.extend_from_slice(b"\r\n");
        };
        if let Some(s) = self.server {
            line("Server", s);
        }
        crate::time::with_http_date_now(|d| line("Date", d));
        if let Some(t) = self.content_type {
            line("Content-Type", t);
        }
        if let Some(n) = self.content_length {
            line("Content-Length", decimal(n, &mut [0; 20]));
        }
        let special = |n: &str| {
            ["last-modified", "location"]
                .iter()
                .any(|s| n.eq_ignore_ascii_case(s))
        };
        for (n, v) in self.headers.iter().filter(|(n, _)| special(n)) {
            line(n, v);
        }
        if self.chunked {
            line("Transfer-Encoding", "chunked");
        }
        match self.keepalive {
            Some(true) => {
                line("Connection", "keep-alive");
                if let Some(k) = self.keepalive_header {
                    line("Keep-Alive", k);
                }
            }
            Some(false) => line("Connection", "close"),
            None => line("Connection", "upgrade"),
        }
        for (n, v) in self.headers.iter().filter(|(n, _)| !special(n)) {
            line(n, v);
        }
        out.extend_from_slice(b"\r\n");
    }
}

/// One chunk of a chunked body.
pub fn chunk(data: &[u8], out: &mut Vec<u8>) {
    if data.is_empty() {
        return;
    }
    out.extend_from_slice(format!("{:x}\r\n", data.len()).as_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
}

/// The end of a chunked body.
pub const LAST_CHUNK: &[u8] = b"0\r\n\r\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        for n in [0u64, 7, 10, 404, 65535, u64::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string());
        }
    }

    #[test]
    fn head_in_nginx_order() {
        let headers = vec![
            ("ETag".to_string(), "\"1\"".to_string()),
            ("Location".to_string(), "http://h/x".to_string()),
        ];
        let mut out = Vec::new();
        Head {
            status: 302,
            status_line: None,
            server: Some("rginx"),
            content_type: Some("text/html"),
            content_length: Some(5),
            chunked: false,
            keepalive: Some(true),
            keepalive_header: Some("timeout=5"),
            headers: &headers,
        }
        .write(&mut out);
        let text = String::from_utf8(out).unwrap();
        let names: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':').map(|(n, _)| n))
            .collect();
        assert!(text.starts_with("HTTP/1.1 302 Moved Temporarily\r\n"));
        assert_eq!(
            names,
            [
                "Server",
                "Date",
                "Content-Type",
                "Content-Length",
                "Location",
                "Connection",
                "Keep-Alive",
                "ETag"
            ]
        );
    }
}
