//! TLS configuration support: OpenSSL cipher strings and what rustls can serve.

pub mod ciphers;
pub mod tickets;
pub mod x509;
