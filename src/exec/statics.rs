//! Local content: mapping the URI to a path (`root`, `alias`), the index
//! module (`index`), and static files (nginx's static handler): types,
//! the 301 for directories, 403/404/405 as nginx answers them.

use super::step;
use super::{Body, Exec, Outcome, Reply};

use std::path::PathBuf;

/// nginx's types when the configuration has no `types` block.
const DEFAULT_TYPES: &[(&str, &str)] = &[
    ("html", "text/html"),
    ("gif", "image/gif"),
    ("jpg", "image/jpeg"),
];

impl<'a> Exec<'a> {
    /// The `root` or `alias` in effect, evaluated (`html` by default).
    fn root_value(&self) -> (String, Option<&'a crate::ir::conf::AliasOf>) {
        match &self.conf().root {
            Some(r) => (self.eval(&r.path), r.alias.as_ref()),
            None => ("html".into(), None),
        }
    }

    /// The file a URI maps to.
    pub fn map_to_path(&self, uri: &str) -> PathBuf {
        let (value, alias) = self.root_value();
        let base = if value.starts_with('/') {
            PathBuf::from(&value)
        } else {
            self.http.prefix.join(&value)
        };
        let base = base.to_string_lossy().into_owned();
        match alias {
            // A regex location's alias is the whole path.
            Some(a) if a.regex => PathBuf::from(base),
            Some(a) => {
                let rest = uri.get(a.prefix_len.min(uri.len())..).unwrap_or("");
                PathBuf::from(format!("{base}{rest}"))
            }
            None => PathBuf::from(format!("{}{uri}", base.trim_end_matches('/'))),
        }
    }

    /// `$document_root`.
    pub fn document_root(&self) -> String {
        let (value, _) = self.root_value();
        if value.starts_with('/') {
            value
        } else {
            self.http.prefix.join(value).to_string_lossy().into_owned()
        }
    }

    /// The Content-Type for the URI's extension.
    fn content_type_of(&self, uri: &str) -> String {
        let last = uri.rsplit('/').next().unwrap_or("");
        let ext = last
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let conf = self.conf();
        match &conf.types {
            Some(types) => {
                if let Some(t) = types.get(&ext) {
                    return t.clone();
                }
            }
            None => {
                if let Some((_, t)) = DEFAULT_TYPES.iter().find(|(e, _)| *e == ext) {
                    return (*t).to_string();
                }
            }
        }
        conf.default_type.clone()
    }

    /// The index module for a URI ending in "/".
    pub(super) fn index(&mut self) -> Outcome {
        if !matches!(self.method.as_str(), "GET" | "HEAD" | "POST") {
            return self.special(405);
        }
        let names: Vec<String> = self.conf().index.iter().map(|a| self.eval(a)).collect();
        let dir = self.map_to_path(&self.uri);
        for (i, name) in names.iter().enumerate() {
            if name.starts_with('/') {
                if i + 1 == names.len() {
                    return self.index_redirect(name.clone());
                }
                continue;
            }
            let path = PathBuf::from(format!("{}{name}", dir.to_string_lossy()));
            if path.exists() {
                let target = format!("{}{name}", self.uri);
                return self.index_redirect(target);
            }
        }
        if !dir.is_dir() {
            step!(self, format!("\"{}\" is not found: 404", dir.display()));
            return self.special(404);
        }
        step!(
            self,
            format!("directory index of \"{}\" is forbidden: 403", dir.display())
        );
        self.special(403)
    }

    fn index_redirect(&mut self, target: String) -> Outcome {
        step!(self, format!("index: \"{target}\""));
        let args = self.args.clone();
        let out = match args {
            Some(a) => format!("{target}?{a}"),
            None => target,
        };
        self.redirect_keep_args(&out)
    }

    fn redirect_keep_args(&mut self, target: &str) -> Outcome {
        let (path, args) = match target.split_once('?') {
            Some((p, a)) => (p.to_string(), Some(a.to_string())),
            None => (target.to_string(), None),
        };
        self.redirect_to(path, args)
    }

    /// The static handler for a URI not ending in "/".
    pub(super) fn static_file(&mut self) -> Outcome {
        if !matches!(self.method.as_str(), "GET" | "HEAD" | "POST") {
            return self.special(405);
        }
        let path = self.map_to_path(&self.uri);
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let code = if e.kind() == std::io::ErrorKind::PermissionDenied {
                    403
                } else {
                    404
                };
                step!(self, format!("\"{}\": {e}: {code}", path.display()));
                return self.special(code);
            }
        };
        if meta.is_dir() {
            let mut to = format!("{}/", self.uri);
            if let Some(a) = &self.args {
                to.push('?');
                to.push_str(a);
            }
            step!(self, format!("\"{}\" is a directory: 301", path.display()));
            return self.redirect_status(301, to);
        }
        if !meta.is_file() {
            return self.special(404);
        }
        if self.method == "POST" {
            return self.special(405);
        }
        step!(self, format!("static file \"{}\"", path.display()));
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        let len = meta.len();
        // Ranges are the range filter's (see `filters`).
        let reply = Reply {
            status: 200,
            headers: vec![
                ("Last-Modified".into(), http_date(mtime)),
                ("ETag".into(), format!("\"{mtime:x}-{len:x}\"")),
            ],
            content_type: Some(self.content_type_of(&self.uri.clone())),
            body: Body::File(path.clone()),
        };
        self.respond(reply)
    }
}

/// An HTTP date (`ngx_parse_http_time`: RFC 1123, RFC 850 or asctime)
/// as seconds since the epoch.
pub fn parse_http_date(value: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(value).ok()?;
    let words: Vec<&str> = text
        .split([' ', ',', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    // RFC 1123/850: weekday day month year time GMT; asctime: weekday
    // month day time year.
    let (day, month, year, time) = match words.as_slice() {
        [_, d, m, y, t, "GMT"] => (*d, *m, *y, *t),
        [_, m, d, t, y] => (*d, *m, *y, *t),
        _ => return None,
    };
    let day: u64 = day.parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let mut year: u64 = year.parse().ok()?;
    if year < 100 {
        // RFC 850's two-digit years.
        year += if year < 70 { 2000 } else { 1900 };
    }
    let mut hms = time.split(':').map(|n| n.parse::<u64>().ok());
    let (h, mi, s) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some()
        || !(1..=31).contains(&day)
        || h > 23
        || mi > 59
        || s > 59
        || year < 1970
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + mi * 60 + s)
}

/// A UTC time split as calendars write it.
pub struct Civil {
    pub year: i64,
    /// 1 to 12.
    pub month: usize,
    pub day: i64,
    pub hour: u64,
    pub minute: u64,
    pub second: u64,
    /// 0 is Thursday (1970-01-01).
    pub weekday_from_thursday: usize,
}

pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Seconds since the epoch as a civil date (Howard Hinnant's algorithm).
pub fn civil(secs: u64) -> Civil {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    Civil {
        year: yoe + era * 400 + i64::from(month <= 2),
        month: month as usize,
        day,
        hour: rem / 3600,
        minute: rem % 3600 / 60,
        second: rem % 60,
        weekday_from_thursday: (days % 7) as usize,
    }
}

/// An HTTP date (IMF-fixdate) for seconds since the epoch.
pub fn http_date(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let c = civil(secs);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        DAYS[c.weekday_from_thursday],
        c.day,
        MONTHS[c.month - 1],
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates_read_back() {
        let t = 1_700_000_000;
        assert_eq!(
            super::parse_http_date(super::http_date(t).as_bytes()),
            Some(t)
        );
        assert_eq!(
            super::parse_http_date(b"Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            super::parse_http_date(b"Sun Nov  6 08:49:37 1994"),
            Some(784_111_777)
        );
        assert_eq!(
            super::parse_http_date(b"Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(super::parse_http_date(b"yesterday"), None);
    }

    #[test]
    fn http_dates() {
        assert_eq!(super::http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            super::http_date(1_700_000_000),
            "Tue, 14 Nov 2023 22:13:20 GMT"
        );
    }
}
