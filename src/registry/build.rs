//! What `-V` says was built: nginx's `./configure` module flags, decided
//! from the registry.
//!
//! Tools (nginx's own test suite among them) read `configure arguments:`
//! to learn which modules a binary has: an optional module is there when
//! `--with-<flag>` is printed, a default one unless `--without-<flag>`
//! is. rginx claims a module when the directives that switch it on run
//! (its `entry` directives below are not `Unsupported`); every other
//! directive of a claimed module that rginx does not implement yet is
//! still refused at startup with its file:line and reported by lint, so
//! a configuration never silently loses it.

use super::{lookup, Support};

/// One `./configure` module flag.
#[derive(Clone, Copy, Debug)]
pub struct Build {
    /// The flag's module name: `http_ssl_module` in `--with-http_ssl_module`.
    pub flag: &'static str,
    /// nginx builds it unless told `--without-…`.
    pub default: bool,
    /// Registry module names (source names: `http_gzip_filter_module`).
    pub modules: &'static [&'static str],
    /// The directives that switch the module on.
    pub entry: &'static [&'static str],
}

const fn on(
    flag: &'static str,
    modules: &'static [&'static str],
    entry: &'static [&'static str],
) -> Build {
    Build {
        flag,
        default: true,
        modules,
        entry,
    }
}

const fn with(
    flag: &'static str,
    modules: &'static [&'static str],
    entry: &'static [&'static str],
) -> Build {
    Build {
        flag,
        default: false,
        modules,
        entry,
    }
}

/// nginx's module flags, in `./configure --help` order.
#[rustfmt::skip]
pub const BUILDS: &[Build] = &[
    with("http_ssl_module", &["http_ssl_module"], &["ssl_certificate", "ssl_certificate_key"]),
    with("http_v2_module", &["http_v2_module"], &["http2"]),
    with("http_v3_module", &["http_v3_module"], &["http3"]),
    with("http_realip_module", &["http_realip_module"], &["set_real_ip_from", "real_ip_header"]),
    with("http_addition_module", &["http_addition_filter_module"], &["add_before_body", "add_after_body"]),
    with("http_xslt_module", &["http_xslt_filter_module"], &["xslt_stylesheet"]),
    with("http_image_filter_module", &["http_image_filter_module"], &["image_filter"]),
    with("http_geoip_module", &["http_geoip_module"], &["geoip_country"]),
    with("http_sub_module", &["http_sub_filter_module"], &["sub_filter"]),
    with("http_dav_module", &["http_dav_module"], &["dav_methods"]),
    with("http_flv_module", &["http_flv_module"], &["flv"]),
    with("http_mp4_module", &["http_mp4_module"], &["mp4"]),
    with("http_gunzip_module", &["http_gunzip_filter_module"], &["gunzip"]),
    with("http_gzip_static_module", &["http_gzip_static_module"], &["gzip_static"]),
    with("http_auth_request_module", &["http_auth_request_module"], &["auth_request"]),
    with("http_random_index_module", &["http_random_index_module"], &["random_index"]),
    with("http_secure_link_module", &["http_secure_link_module"], &["secure_link"]),
    with("http_degradation_module", &["http_degradation_module"], &["degradation"]),
    with("http_slice_module", &["http_slice_filter_module"], &["slice"]),
    with("http_stub_status_module", &["http_stub_status_module"], &["stub_status"]),
    with("http_perl_module", &["http_perl_module"], &["perl"]),
    on("http_charset_module", &["http_charset_filter_module"], &["charset"]),
    on("http_gzip_module", &["http_gzip_filter_module"], &["gzip"]),
    on("http_ssi_module", &["http_ssi_filter_module"], &["ssi"]),
    on("http_userid_module", &["http_userid_filter_module"], &["userid"]),
    on("http_access_module", &["http_access_module"], &["allow", "deny"]),
    on("http_auth_basic_module", &["http_auth_basic_module"], &["auth_basic", "auth_basic_user_file"]),
    on("http_mirror_module", &["http_mirror_module"], &["mirror"]),
    on("http_autoindex_module", &["http_autoindex_module"], &["autoindex"]),
    on("http_geo_module", &["http_geo_module"], &["geo"]),
    on("http_map_module", &["http_map_module"], &["map"]),
    on("http_split_clients_module", &["http_split_clients_module"], &["split_clients"]),
    on("http_referer_module", &["http_referer_module"], &["valid_referers"]),
    on("http_rewrite_module", &["http_rewrite_module"], &["rewrite", "return", "set", "if"]),
    on("http_proxy_module", &["http_proxy_module"], &["proxy_pass"]),
    on("http_fastcgi_module", &["http_fastcgi_module"], &["fastcgi_pass"]),
    on("http_uwsgi_module", &["http_uwsgi_module"], &["uwsgi_pass"]),
    on("http_scgi_module", &["http_scgi_module"], &["scgi_pass"]),
    on("http_grpc_module", &["http_grpc_module"], &["grpc_pass"]),
    on("http_memcached_module", &["http_memcached_module"], &["memcached_pass"]),
    on("http_limit_conn_module", &["http_limit_conn_module"], &["limit_conn_zone", "limit_conn"]),
    on("http_limit_req_module", &["http_limit_req_module"], &["limit_req_zone", "limit_req"]),
    on("http_empty_gif_module", &["http_empty_gif_module"], &["empty_gif"]),
    on("http_browser_module", &["http_browser_module"], &["modern_browser", "ancient_browser"]),
    on("http_upstream_hash_module", &["http_upstream_hash_module"], &["hash"]),
    on("http_upstream_ip_hash_module", &["http_upstream_ip_hash_module"], &["ip_hash"]),
    on("http_upstream_least_conn_module", &["http_upstream_least_conn_module"], &["least_conn"]),
    on("http_upstream_random_module", &["http_upstream_random_module"], &["random"]),
    on("http_upstream_keepalive_module", &["http_upstream_keepalive_module"], &["keepalive"]),
    on("http_upstream_zone_module", &["http_upstream_zone_module"], &["zone"]),
    on("http_tunnel_module", &["http_tunnel_module"], &["tunnel_pass"]),
    // `--without-http-cache`: the proxy_cache family of every upstream module.
    on("http-cache", &["http_proxy_module"], &["proxy_cache", "proxy_cache_path"]),
    with("mail", &["mail_module"], &["mail"]),
    with("mail_ssl_module", &["mail_ssl_module"], &["ssl_certificate"]),
    with("stream", &["stream_module"], &["stream"]),
    with("stream_ssl_module", &["stream_ssl_module"], &["ssl_certificate"]),
    with("stream_realip_module", &["stream_realip_module"], &["set_real_ip_from"]),
    with("stream_geoip_module", &["stream_geoip_module"], &["geoip_country"]),
    with("stream_ssl_preread_module", &["stream_ssl_preread_module"], &["ssl_preread"]),
];

impl Build {
    /// Whether rginx runs this module: each entry directive exists in one
    /// of its modules and is not `Unsupported`.
    pub fn claimed(&self) -> bool {
        self.entry.iter().all(|name| {
            let rows: Vec<_> = lookup(name.as_bytes())
                .iter()
                .filter(|d| self.modules.contains(&d.module))
                .collect();
            !rows.is_empty() && rows.iter().all(|d| d.support != Support::Unsupported)
        })
    }

    /// The flag `-V` prints for it, if any: `--with-…` for an optional
    /// module rginx runs, `--without-…` for a default one it does not.
    pub fn printed(&self) -> Option<String> {
        match (self.default, self.claimed()) {
            (false, true) => Some(format!("--with-{}", self.flag)),
            (true, false) => Some(format!("--without-{}", self.flag)),
            _ => None,
        }
    }
}

/// The `configure arguments:` line of `-V`.
pub fn configure_arguments() -> String {
    let mut with = Vec::new();
    let mut without = Vec::new();
    for b in BUILDS {
        if let Some(flag) = b.printed() {
            if b.default {
                without.push(flag);
            } else {
                with.push(flag);
            }
        }
    }
    with.extend(without);
    with.join(" ")
}

/// The whole of `-V` after the version line, as nginx prints it: the
/// compiler line, `TLS SNI support enabled` when TLS is built, and the
/// configure arguments.
pub fn version_details() -> String {
    let mut out = String::from("built with rustc (rginx is written in Rust)\n");
    if BUILDS
        .iter()
        .any(|b| b.flag == "http_ssl_module" && b.claimed())
    {
        out.push_str("TLS SNI support enabled\n");
    }
    out.push_str("configure arguments: ");
    out.push_str(&configure_arguments());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_directive_is_in_its_modules() {
        for b in BUILDS {
            for name in b.entry {
                assert!(
                    lookup(name.as_bytes())
                        .iter()
                        .any(|d| b.modules.contains(&d.module)),
                    "{}: {name} is not a directive of {:?}",
                    b.flag,
                    b.modules
                );
            }
        }
    }

    /// Every module flag of nginx's `./configure` that tools read.
    #[test]
    fn every_configure_flag_is_decided() {
        let flags: Vec<&str> = BUILDS.iter().map(|b| b.flag).collect();
        for f in [
            "http_ssl_module",
            "http_v2_module",
            "http_v3_module",
            "http_realip_module",
            "http_addition_module",
            "http_xslt_module",
            "http_image_filter_module",
            "http_geoip_module",
            "http_sub_module",
            "http_dav_module",
            "http_flv_module",
            "http_mp4_module",
            "http_gunzip_module",
            "http_gzip_static_module",
            "http_auth_request_module",
            "http_random_index_module",
            "http_secure_link_module",
            "http_degradation_module",
            "http_slice_module",
            "http_stub_status_module",
            "http_perl_module",
            "http_charset_module",
            "http_gzip_module",
            "http_ssi_module",
            "http_userid_module",
            "http_access_module",
            "http_auth_basic_module",
            "http_mirror_module",
            "http_autoindex_module",
            "http_geo_module",
            "http_map_module",
            "http_split_clients_module",
            "http_referer_module",
            "http_rewrite_module",
            "http_proxy_module",
            "http_fastcgi_module",
            "http_uwsgi_module",
            "http_scgi_module",
            "http_grpc_module",
            "http_memcached_module",
            "http_limit_conn_module",
            "http_limit_req_module",
            "http_empty_gif_module",
            "http_browser_module",
            "http_upstream_hash_module",
            "http_upstream_ip_hash_module",
            "http_upstream_least_conn_module",
            "http_upstream_random_module",
            "http_upstream_keepalive_module",
            "http_upstream_zone_module",
            "http_tunnel_module",
            "http-cache",
            "mail",
            "mail_ssl_module",
            "stream",
            "stream_ssl_module",
            "stream_realip_module",
            "stream_geoip_module",
            "stream_ssl_preread_module",
        ] {
            assert!(flags.contains(&f), "{f} is not in BUILDS");
        }
    }

    #[test]
    fn flags_use_nginx_names() {
        let args = configure_arguments();
        assert!(args.contains("--with-http_ssl_module"), "{args}");
        assert!(!args.contains("--with-ssl_module"), "{args}");
        assert!(version_details().contains("TLS SNI support enabled\n"));
    }
}
