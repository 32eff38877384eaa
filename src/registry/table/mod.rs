//! Every module's table, in nginx's module order (generated once).

pub mod conf_module;
pub mod core_module;
pub mod devpoll_module;
pub mod epoll_module;
pub mod errlog_module;
pub mod event_core_module;
pub mod eventport_module;
pub mod events_module;
pub mod google_perftools_module;
pub mod http_access_module;
pub mod http_addition_filter_module;
pub mod http_api_module;
pub mod http_auth_basic_module;
pub mod http_auth_jwt_module;
pub mod http_auth_request_module;
pub mod http_autoindex_module;
pub mod http_brotli_filter_module;
pub mod http_brotli_static_module;
pub mod http_browser_module;
pub mod http_charset_filter_module;
pub mod http_copy_filter_module;
pub mod http_core_module;
pub mod http_dav_module;
pub mod http_degradation_module;
pub mod http_echo_module;
pub mod http_empty_gif_module;
pub mod http_f4f_module;
pub mod http_fastcgi_module;
pub mod http_flv_module;
pub mod http_geo_module;
pub mod http_geoip2_module;
pub mod http_geoip_module;
pub mod http_grpc_module;
pub mod http_gunzip_filter_module;
pub mod http_gzip_filter_module;
pub mod http_gzip_static_module;
pub mod http_headers_filter_module;
pub mod http_headers_more_filter_module;
pub mod http_hls_module;
pub mod http_image_filter_module;
pub mod http_index_module;
pub mod http_internal_redirect_module;
pub mod http_js_core_module;
pub mod http_js_module;
pub mod http_keyval_module;
pub mod http_limit_conn_module;
pub mod http_limit_req_module;
pub mod http_log_module;
pub mod http_lua_module;
pub mod http_map_module;
pub mod http_memcached_module;
pub mod http_mirror_module;
pub mod http_module;
pub mod http_mp4_module;
pub mod http_perl_module;
pub mod http_proxy_module;
pub mod http_random_index_module;
pub mod http_realip_module;
pub mod http_referer_module;
pub mod http_rewrite_module;
pub mod http_scgi_module;
pub mod http_secure_link_module;
pub mod http_session_log_module;
pub mod http_set_misc_module;
pub mod http_slice_filter_module;
pub mod http_split_clients_module;
pub mod http_ssi_filter_module;
pub mod http_ssl_module;
pub mod http_status_module;
pub mod http_stub_status_module;
pub mod http_sub_filter_module;
pub mod http_try_files_module;
pub mod http_tunnel_module;
pub mod http_upstream_hash_module;
pub mod http_upstream_hc_module;
pub mod http_upstream_ip_hash_module;
pub mod http_upstream_keepalive_module;
pub mod http_upstream_least_conn_module;
pub mod http_upstream_least_time_module;
pub mod http_upstream_module;
pub mod http_upstream_random_module;
pub mod http_upstream_sticky_module;
pub mod http_upstream_zone_module;
pub mod http_userid_filter_module;
pub mod http_uwsgi_module;
pub mod http_v2_module;
pub mod http_v3_module;
pub mod http_xslt_filter_module;
pub mod iocp_module;
pub mod kqueue_module;
pub mod mail_auth_http_module;
pub mod mail_core_module;
pub mod mail_imap_module;
pub mod mail_module;
pub mod mail_pop3_module;
pub mod mail_proxy_module;
pub mod mail_realip_module;
pub mod mail_smtp_module;
pub mod mail_ssl_module;
pub mod ndk_http_module;
pub mod openssl_cache_module;
pub mod openssl_module;
pub mod quic_bpf_module;
pub mod regex_module;
pub mod rtmp_module;
pub mod stream_access_module;
pub mod stream_core_module;
pub mod stream_geo_module;
pub mod stream_geoip2_module;
pub mod stream_geoip_module;
pub mod stream_js_core_module;
pub mod stream_js_module;
pub mod stream_keyval_module;
pub mod stream_limit_conn_module;
pub mod stream_log_module;
pub mod stream_map_module;
pub mod stream_module;
pub mod stream_mqtt_filter_module;
pub mod stream_mqtt_preread_module;
pub mod stream_pass_module;
pub mod stream_proxy_module;
pub mod stream_realip_module;
pub mod stream_return_module;
pub mod stream_set_module;
pub mod stream_split_clients_module;
pub mod stream_ssl_module;
pub mod stream_ssl_preread_module;
pub mod stream_upstream_hash_module;
pub mod stream_upstream_hc_module;
pub mod stream_upstream_least_conn_module;
pub mod stream_upstream_least_time_module;
pub mod stream_upstream_module;
pub mod stream_upstream_random_module;
pub mod stream_upstream_zone_module;
pub mod stream_zone_sync_module;
pub mod thread_pool_module;

use super::Module;

pub const MODULES: &[Module] = &[
    Module {
        name: "core_module",
        directives: core_module::DIRECTIVES,
    },
    Module {
        name: "conf_module",
        directives: conf_module::DIRECTIVES,
    },
    Module {
        name: "errlog_module",
        directives: errlog_module::DIRECTIVES,
    },
    Module {
        name: "regex_module",
        directives: regex_module::DIRECTIVES,
    },
    Module {
        name: "thread_pool_module",
        directives: thread_pool_module::DIRECTIVES,
    },
    Module {
        name: "events_module",
        directives: events_module::DIRECTIVES,
    },
    Module {
        name: "event_core_module",
        directives: event_core_module::DIRECTIVES,
    },
    Module {
        name: "openssl_module",
        directives: openssl_module::DIRECTIVES,
    },
    Module {
        name: "openssl_cache_module",
        directives: openssl_cache_module::DIRECTIVES,
    },
    Module {
        name: "devpoll_module",
        directives: devpoll_module::DIRECTIVES,
    },
    Module {
        name: "epoll_module",
        directives: epoll_module::DIRECTIVES,
    },
    Module {
        name: "eventport_module",
        directives: eventport_module::DIRECTIVES,
    },
    Module {
        name: "iocp_module",
        directives: iocp_module::DIRECTIVES,
    },
    Module {
        name: "kqueue_module",
        directives: kqueue_module::DIRECTIVES,
    },
    Module {
        name: "quic_bpf_module",
        directives: quic_bpf_module::DIRECTIVES,
    },
    Module {
        name: "http_module",
        directives: http_module::DIRECTIVES,
    },
    Module {
        name: "http_copy_filter_module",
        directives: http_copy_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_core_module",
        directives: http_core_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_module",
        directives: http_upstream_module::DIRECTIVES,
    },
    Module {
        name: "http_access_module",
        directives: http_access_module::DIRECTIVES,
    },
    Module {
        name: "http_addition_filter_module",
        directives: http_addition_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_auth_basic_module",
        directives: http_auth_basic_module::DIRECTIVES,
    },
    Module {
        name: "http_auth_request_module",
        directives: http_auth_request_module::DIRECTIVES,
    },
    Module {
        name: "http_autoindex_module",
        directives: http_autoindex_module::DIRECTIVES,
    },
    Module {
        name: "http_browser_module",
        directives: http_browser_module::DIRECTIVES,
    },
    Module {
        name: "http_charset_filter_module",
        directives: http_charset_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_dav_module",
        directives: http_dav_module::DIRECTIVES,
    },
    Module {
        name: "http_degradation_module",
        directives: http_degradation_module::DIRECTIVES,
    },
    Module {
        name: "http_empty_gif_module",
        directives: http_empty_gif_module::DIRECTIVES,
    },
    Module {
        name: "http_fastcgi_module",
        directives: http_fastcgi_module::DIRECTIVES,
    },
    Module {
        name: "http_flv_module",
        directives: http_flv_module::DIRECTIVES,
    },
    Module {
        name: "http_geo_module",
        directives: http_geo_module::DIRECTIVES,
    },
    Module {
        name: "http_geoip_module",
        directives: http_geoip_module::DIRECTIVES,
    },
    Module {
        name: "http_grpc_module",
        directives: http_grpc_module::DIRECTIVES,
    },
    Module {
        name: "http_gunzip_filter_module",
        directives: http_gunzip_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_gzip_filter_module",
        directives: http_gzip_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_gzip_static_module",
        directives: http_gzip_static_module::DIRECTIVES,
    },
    Module {
        name: "http_headers_filter_module",
        directives: http_headers_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_image_filter_module",
        directives: http_image_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_index_module",
        directives: http_index_module::DIRECTIVES,
    },
    Module {
        name: "http_limit_conn_module",
        directives: http_limit_conn_module::DIRECTIVES,
    },
    Module {
        name: "http_limit_req_module",
        directives: http_limit_req_module::DIRECTIVES,
    },
    Module {
        name: "http_log_module",
        directives: http_log_module::DIRECTIVES,
    },
    Module {
        name: "http_map_module",
        directives: http_map_module::DIRECTIVES,
    },
    Module {
        name: "http_memcached_module",
        directives: http_memcached_module::DIRECTIVES,
    },
    Module {
        name: "http_mirror_module",
        directives: http_mirror_module::DIRECTIVES,
    },
    Module {
        name: "http_mp4_module",
        directives: http_mp4_module::DIRECTIVES,
    },
    Module {
        name: "http_proxy_module",
        directives: http_proxy_module::DIRECTIVES,
    },
    Module {
        name: "http_random_index_module",
        directives: http_random_index_module::DIRECTIVES,
    },
    Module {
        name: "http_realip_module",
        directives: http_realip_module::DIRECTIVES,
    },
    Module {
        name: "http_referer_module",
        directives: http_referer_module::DIRECTIVES,
    },
    Module {
        name: "http_rewrite_module",
        directives: http_rewrite_module::DIRECTIVES,
    },
    Module {
        name: "http_scgi_module",
        directives: http_scgi_module::DIRECTIVES,
    },
    Module {
        name: "http_secure_link_module",
        directives: http_secure_link_module::DIRECTIVES,
    },
    Module {
        name: "http_slice_filter_module",
        directives: http_slice_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_split_clients_module",
        directives: http_split_clients_module::DIRECTIVES,
    },
    Module {
        name: "http_ssi_filter_module",
        directives: http_ssi_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_ssl_module",
        directives: http_ssl_module::DIRECTIVES,
    },
    Module {
        name: "http_stub_status_module",
        directives: http_stub_status_module::DIRECTIVES,
    },
    Module {
        name: "http_sub_filter_module",
        directives: http_sub_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_try_files_module",
        directives: http_try_files_module::DIRECTIVES,
    },
    Module {
        name: "http_tunnel_module",
        directives: http_tunnel_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_hash_module",
        directives: http_upstream_hash_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_ip_hash_module",
        directives: http_upstream_ip_hash_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_keepalive_module",
        directives: http_upstream_keepalive_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_least_conn_module",
        directives: http_upstream_least_conn_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_least_time_module",
        directives: http_upstream_least_time_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_random_module",
        directives: http_upstream_random_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_sticky_module",
        directives: http_upstream_sticky_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_zone_module",
        directives: http_upstream_zone_module::DIRECTIVES,
    },
    Module {
        name: "http_userid_filter_module",
        directives: http_userid_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_uwsgi_module",
        directives: http_uwsgi_module::DIRECTIVES,
    },
    Module {
        name: "http_xslt_filter_module",
        directives: http_xslt_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_perl_module",
        directives: http_perl_module::DIRECTIVES,
    },
    Module {
        name: "http_v2_module",
        directives: http_v2_module::DIRECTIVES,
    },
    Module {
        name: "http_v3_module",
        directives: http_v3_module::DIRECTIVES,
    },
    Module {
        name: "mail_module",
        directives: mail_module::DIRECTIVES,
    },
    Module {
        name: "mail_auth_http_module",
        directives: mail_auth_http_module::DIRECTIVES,
    },
    Module {
        name: "mail_core_module",
        directives: mail_core_module::DIRECTIVES,
    },
    Module {
        name: "mail_imap_module",
        directives: mail_imap_module::DIRECTIVES,
    },
    Module {
        name: "mail_pop3_module",
        directives: mail_pop3_module::DIRECTIVES,
    },
    Module {
        name: "mail_proxy_module",
        directives: mail_proxy_module::DIRECTIVES,
    },
    Module {
        name: "mail_realip_module",
        directives: mail_realip_module::DIRECTIVES,
    },
    Module {
        name: "mail_smtp_module",
        directives: mail_smtp_module::DIRECTIVES,
    },
    Module {
        name: "mail_ssl_module",
        directives: mail_ssl_module::DIRECTIVES,
    },
    Module {
        name: "google_perftools_module",
        directives: google_perftools_module::DIRECTIVES,
    },
    Module {
        name: "stream_module",
        directives: stream_module::DIRECTIVES,
    },
    Module {
        name: "stream_access_module",
        directives: stream_access_module::DIRECTIVES,
    },
    Module {
        name: "stream_core_module",
        directives: stream_core_module::DIRECTIVES,
    },
    Module {
        name: "stream_geo_module",
        directives: stream_geo_module::DIRECTIVES,
    },
    Module {
        name: "stream_geoip_module",
        directives: stream_geoip_module::DIRECTIVES,
    },
    Module {
        name: "stream_limit_conn_module",
        directives: stream_limit_conn_module::DIRECTIVES,
    },
    Module {
        name: "stream_log_module",
        directives: stream_log_module::DIRECTIVES,
    },
    Module {
        name: "stream_map_module",
        directives: stream_map_module::DIRECTIVES,
    },
    Module {
        name: "stream_pass_module",
        directives: stream_pass_module::DIRECTIVES,
    },
    Module {
        name: "stream_proxy_module",
        directives: stream_proxy_module::DIRECTIVES,
    },
    Module {
        name: "stream_realip_module",
        directives: stream_realip_module::DIRECTIVES,
    },
    Module {
        name: "stream_return_module",
        directives: stream_return_module::DIRECTIVES,
    },
    Module {
        name: "stream_set_module",
        directives: stream_set_module::DIRECTIVES,
    },
    Module {
        name: "stream_split_clients_module",
        directives: stream_split_clients_module::DIRECTIVES,
    },
    Module {
        name: "stream_ssl_module",
        directives: stream_ssl_module::DIRECTIVES,
    },
    Module {
        name: "stream_ssl_preread_module",
        directives: stream_ssl_preread_module::DIRECTIVES,
    },
    Module {
        name: "stream_upstream_module",
        directives: stream_upstream_module::DIRECTIVES,
    },
    Module {
        name: "stream_upstream_hash_module",
        directives: stream_upstream_hash_module::DIRECTIVES,
    },
    Module {
        name: "stream_upstream_least_conn_module",
        directives: stream_upstream_least_conn_module::DIRECTIVES,
    },
    Module {
        name: "stream_upstream_least_time_module",
        directives: stream_upstream_least_time_module::DIRECTIVES,
    },
    Module {
        name: "stream_upstream_random_module",
        directives: stream_upstream_random_module::DIRECTIVES,
    },
    Module {
        name: "stream_upstream_zone_module",
        directives: stream_upstream_zone_module::DIRECTIVES,
    },
    Module {
        name: "http_lua_module",
        directives: http_lua_module::DIRECTIVES,
    },
    Module {
        name: "ndk_http_module",
        directives: ndk_http_module::DIRECTIVES,
    },
    Module {
        name: "http_headers_more_filter_module",
        directives: http_headers_more_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_echo_module",
        directives: http_echo_module::DIRECTIVES,
    },
    Module {
        name: "http_set_misc_module",
        directives: http_set_misc_module::DIRECTIVES,
    },
    Module {
        name: "http_brotli_filter_module",
        directives: http_brotli_filter_module::DIRECTIVES,
    },
    Module {
        name: "http_brotli_static_module",
        directives: http_brotli_static_module::DIRECTIVES,
    },
    Module {
        name: "http_geoip2_module",
        directives: http_geoip2_module::DIRECTIVES,
    },
    Module {
        name: "stream_geoip2_module",
        directives: stream_geoip2_module::DIRECTIVES,
    },
    Module {
        name: "rtmp_module",
        directives: rtmp_module::DIRECTIVES,
    },
    Module {
        name: "http_js_core_module",
        directives: http_js_core_module::DIRECTIVES,
    },
    Module {
        name: "http_js_module",
        directives: http_js_module::DIRECTIVES,
    },
    Module {
        name: "stream_js_core_module",
        directives: stream_js_core_module::DIRECTIVES,
    },
    Module {
        name: "stream_js_module",
        directives: stream_js_module::DIRECTIVES,
    },
    Module {
        name: "http_upstream_hc_module",
        directives: http_upstream_hc_module::DIRECTIVES,
    },
    Module {
        name: "http_api_module",
        directives: http_api_module::DIRECTIVES,
    },
    Module {
        name: "http_status_module",
        directives: http_status_module::DIRECTIVES,
    },
    Module {
        name: "http_keyval_module",
        directives: http_keyval_module::DIRECTIVES,
    },
    Module {
        name: "http_auth_jwt_module",
        directives: http_auth_jwt_module::DIRECTIVES,
    },
    Module {
        name: "http_session_log_module",
        directives: http_session_log_module::DIRECTIVES,
    },
    Module {
        name: "http_hls_module",
        directives: http_hls_module::DIRECTIVES,
    },
    Module {
        name: "http_f4f_module",
        directives: http_f4f_module::DIRECTIVES,
    },
    Module {
        name: "http_internal_redirect_module",
        directives: http_internal_redirect_module::DIRECTIVES,
    },
    Module {
        name: "stream_upstream_hc_module",
        directives: stream_upstream_hc_module::DIRECTIVES,
    },
    Module {
        name: "stream_keyval_module",
        directives: stream_keyval_module::DIRECTIVES,
    },
    Module {
        name: "stream_zone_sync_module",
        directives: stream_zone_sync_module::DIRECTIVES,
    },
    Module {
        name: "stream_mqtt_preread_module",
        directives: stream_mqtt_preread_module::DIRECTIVES,
    },
    Module {
        name: "stream_mqtt_filter_module",
        directives: stream_mqtt_filter_module::DIRECTIVES,
    },
];
