//! The request variables the IR can evaluate without running anything, and
//! evaluation of values that use them (`$name`, `${name}`). A value with any
//! other variable cannot be evaluated yet: the caller says so.

use super::route::Request;

/// What variables are computed from.
pub struct VarContext<'a> {
    pub req: &'a Request,
    pub uri: &'a str,
    pub args: Option<&'a str>,
    /// `host:port` of the proxy_pass URL.
    pub proxy_host: &'a str,
    pub server_name: &'a str,
    /// The client's address (the tests' client is on loopback).
    pub remote_addr: &'a str,
}

impl VarContext<'_> {
    fn get(&self, name: &str) -> Option<String> {
        let req = self.req;
        Some(match name {
            "host" => {
                // Host without its port, lower-cased; else the server name.
                let h = req.header("host").map(|h| {
                    h.rsplit_once(':')
                        .map_or(h, |(a, _)| a)
                        .to_ascii_lowercase()
                });
                h.filter(|h| !h.is_empty())
                    .unwrap_or_else(|| self.server_name.to_string())
            }
            "proxy_host" => self.proxy_host.to_string(),
            "remote_addr" => self.remote_addr.to_string(),
            "proxy_add_x_forwarded_for" => match req.header("x-forwarded-for") {
                Some(x) => format!("{x}, {}", self.remote_addr),
                None => self.remote_addr.to_string(),
            },
            "scheme" => "http".to_string(),
            "server_port" => req.local.port().to_string(),
            "server_addr" => req.local.ip().to_string(),
            "server_name" => self.server_name.to_string(),
            "request_method" => req.method.clone(),
            "request_uri" => req.target.clone(),
            "uri" | "document_uri" => self.uri.to_string(),
            "args" | "query_string" => self.args.unwrap_or_default().to_string(),
            "is_args" => if self.args.is_some() { "?" } else { "" }.to_string(),
            n if n.starts_with("arg_") => {
                // The first `name=value` of the query string, as sent.
                let want = &n["arg_".len()..];
                self.args
                    .unwrap_or_default()
                    .split('&')
                    .find_map(|kv| {
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        k.eq_ignore_ascii_case(want).then(|| v.to_string())
                    })
                    .unwrap_or_default()
            }
            n if n.starts_with("http_") => {
                let header = n["http_".len()..].replace('_', "-");
                req.header(&header).unwrap_or_default().to_string()
            }
            _ => return None,
        })
    }

    /// Evaluate a value; `Err` names the first variable it cannot compute.
    pub fn eval(&self, template: &str) -> Result<String, String> {
        let mut out = String::new();
        let b = template.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'$' {
                let next = template[i..].find('$').map_or(b.len(), |j| i + j);
                out.push_str(&template[i..next]);
                i = next;
                continue;
            }
            let (name, end) = if b.get(i + 1) == Some(&b'{') {
                let close = template[i..]
                    .find('}')
                    .map(|j| i + j)
                    .ok_or("unterminated ${")?;
                (&template[i + 2..close], close + 1)
            } else {
                let len = template[i + 1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(b.len() - i - 1);
                (&template[i + 1..i + 1 + len], i + 1 + len)
            };
            match self.get(name) {
                Some(v) => out.push_str(&v),
                None => return Err(format!("${name} is not evaluated by the IR yet")),
            }
            i = end;
        }
        Ok(out)
    }
}
