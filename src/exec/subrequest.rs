//! Subrequests (`ngx_http_subrequest`): a request of the executor's own,
//! made for a request in progress (SSI includes, `addition`,
//! `auth_request` and `mirror` make them). It reaches internal locations,
//! starts at the server's rewrites with the GET method and the parent's
//! headers, and has variables of its own; what it answers goes back to
//! the parent (see `runtime::subrequest`).

use super::*;

impl<'a> Exec<'a> {
    /// A subrequest of this request for `uri` (and arguments).
    pub fn subrequest(&self, uri: &str, args: Option<String>) -> Exec<'a> {
        let mut sub = Exec {
            http: self.http,
            req: self.req,
            version: self.version,
            server: self.server,
            server_why: self.server_why.clone(),
            host: self.host.clone(),
            method: "GET".into(),
            headers: self.headers.clone(),
            uri: uri.to_string(),
            args,
            request_uri: self.request_uri.clone(),
            loc: None,
            if_block: None,
            captures: RefCell::new(Captures::default()),
            set_vars: HashMap::new(),
            map_cache: RefCell::new(HashMap::new()),
            internal: true,
            uri_changes: 11,
            uri_changed: false,
            uri_rewritten: true,
            valid_location: true,
            err_status: None,
            error_page_done: false,
            location_header: None,
            proxy_host: String::new(),
            remote: self.remote,
            realip_done: self.realip_done,
            closes: false,
            body_discarded: self.body_discarded,
            disable_not_modified: false,
            discards_first: false,
            status: None,
            request_port: self.request_port.clone(),
            serving: self.serving,
            upstream_addrs: Vec::new(),
            upstream_status: None,
            upstream_response_time: None,
            connection: self.connection,
            runtime_vars: HashMap::new(),
            client_cert: self.client_cert.clone(),
            upstream_headers: Vec::new(),
            sent_headers: Vec::new(),
            carried_headers: Vec::new(),
            steps: Vec::new(),
            depth: self.depth + 1,
        };
        step!(
            sub,
            format!(
                "subrequest \"{uri}{}\"",
                sub.args
                    .as_ref()
                    .map(|a| format!("?{a}"))
                    .unwrap_or_default()
            )
        );
        sub
    }

    /// A subrequest rather than the client's request (`r != r->main`).
    pub fn is_subrequest(&self) -> bool {
        self.depth > 0
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::http;
    use super::*;

    const CONF: &str = "http { server { listen 127.0.0.1:8080; \
        location / { set $mine parent; return 200 \"main\"; } \
        location /inner { internal; return 200 \"m=$request_method u=$uri a=$arg_a x=$http_x v=$mine r=$request_uri\"; } } }";

    #[test]
    fn a_subrequest_runs_the_phases_with_its_own_variables() {
        let http = http(CONF);
        let local = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
        let headers = vec![("Host".into(), "h".into()), ("X".into(), "hdr".into())];
        let req = Request::new("POST", "/page?q=1", headers, local);
        let mut main = Exec::new(&http, &req, crate::registry::LATEST).unwrap();
        assert!(matches!(main.run(), Outcome::Respond(r) if r.body == Body::Text("main".into())));
        assert_eq!(
            main.set_vars.get("mine").map(String::as_str),
            Some("parent")
        );
        let mut sub = main.subrequest("/inner", Some("a=1".into()));
        assert!(sub.is_subrequest() && !main.is_subrequest());
        let Outcome::Respond(r) = sub.run() else {
            panic!("a subrequest to a return is answered here");
        };
        // An internal location is reached; the method is GET; the
        // headers and $request_uri are the parent's; `set` of the parent
        // is not seen.
        assert_eq!(r.status, 200);
        assert_eq!(
            r.body,
            Body::Text("m=GET u=/inner a=1 x=hdr v= r=/page?q=1".into())
        );
        assert!(sub
            .steps
            .iter()
            .any(|s| s.what.starts_with("subrequest \"/inner?a=1\"")));
        // The client could not reach it itself.
        let req = Request::new("GET", "/inner", vec![("Host".into(), "h".into())], local);
        let mut direct = Exec::new(&http, &req, crate::registry::LATEST).unwrap();
        assert!(matches!(direct.run(), Outcome::Respond(r) if r.status == 404));
    }

    #[test]
    fn a_subrequest_gets_no_ranges() {
        // nginx answers a subrequest's static file whole (`r != r->main`).
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f.txt"), "hello\n").unwrap();
        let conf = format!(
            "http {{ server {{ listen 127.0.0.1:8080; root {}; }} }}",
            dir.path().display()
        );
        let http = http(&conf);
        let local = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
        let headers = vec![
            ("Host".into(), "h".into()),
            ("Range".into(), "bytes=1-2".into()),
        ];
        let req = Request::new("GET", "/f.txt", headers, local);
        let main = Exec::new(&http, &req, crate::registry::LATEST).unwrap();
        let mut sub = main.subrequest("/f.txt", None);
        let Outcome::Respond(r) = sub.run() else {
            panic!("static");
        };
        assert_eq!(r.status, 200);
        assert!(matches!(r.body, Body::File(_)));
        let mut main = Exec::new(&http, &req, crate::registry::LATEST).unwrap();
        assert!(matches!(main.run(), Outcome::Respond(r) if r.status == 206));
    }
}
