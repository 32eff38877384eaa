//! The pages nginx sends itself for redirects and errors when nothing else
//! is configured (`ngx_http_special_response.c` has the same texts); rginx
//! signs them `rginx` where nginx signs `nginx`.

/// The reason phrase nginx's page uses for a status, for the statuses it
/// has a page for.
pub fn reason(status: u16) -> Option<&'static str> {
    Some(match status {
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Authorization Required",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Time-out",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Large",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        421 => "Misdirected Request",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        _ => return None,
    })
}

/// nginx's pages for its TLS statuses, all sent as 400: 495 (the client's
/// certificate failed verification), 496 (`ssl_verify_client on` and no
/// certificate), 497 (plain HTTP sent to a TLS port).
pub fn tls_page(status: u16, tokens: bool) -> String {
    let signature = if tokens {
        concat!("rginx/", env!("CARGO_PKG_VERSION"))
    } else {
        "rginx"
    };
    let why = match status {
        495 => "The SSL certificate error",
        496 => "No required SSL certificate was sent",
        _ => "The plain HTTP request was sent to HTTPS port",
    };
    format!(
        "<html>\r\n<head><title>400 {why}</title></head>\r\n<body>\r\n\
         <center><h1>400 Bad Request</h1></center>\r\n<center>{why}</center>\r\n\
         <hr><center>{signature}</center>\r\n</body>\r\n</html>\r\n"
    )
}

/// The HTML body for a status, if nginx has a page for it, signed
/// `rginx`.
pub fn page(status: u16) -> Option<String> {
    signed_page(status, false)
}

/// The page signed as `server_tokens` says: with the version when on.
pub fn signed_page(status: u16, tokens: bool) -> Option<String> {
    let reason = reason(status)?;
    let signature = if tokens {
        concat!("rginx/", env!("CARGO_PKG_VERSION"))
    } else {
        "rginx"
    };
    Some(format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n\
         <center><h1>{status} {reason}</h1></center>\r\n<hr><center>{signature}</center>\r\n</body>\r\n</html>\r\n"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn pages_have_nginx_shape() {
        let p = super::page(404).unwrap();
        assert!(p.starts_with("<html>\r\n<head><title>404 Not Found</title></head>"));
        assert!(p.contains("<hr><center>rginx</center>"));
        assert_eq!(super::page(200), None);
    }
}
