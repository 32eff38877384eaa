//! Time as nginx shows it, in one place: the cached clock
//! (`timer_resolution`), civil dates (Howard Hinnant's algorithms), and
//! every format nginx writes or reads — HTTP dates (`Date`,
//! `Last-Modified`, `If-Range`), `$time_local`, `$time_iso8601`, the error
//! log's timestamp, and OpenSSL's `ASN1_TIME_print` for certificates. All
//! in UTC. A leaf: it depends on nothing else in the crate.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `timer_resolution` in milliseconds (0: the clock is read every time).
static RESOLUTION_MS: AtomicU64 = AtomicU64::new(0);

/// Set `timer_resolution`: nginx then updates its cached time only that
/// often, so the times it logs and sends move in steps of it.
pub fn set_timer_resolution(r: Duration) {
    let ms = u64::try_from(r.as_millis()).unwrap_or(u64::MAX);
    RESOLUTION_MS.store(ms, Ordering::Relaxed);
}

/// Time since the epoch as nginx's cached clock shows it.
pub fn now() -> Duration {
    let exact = since_epoch(SystemTime::now());
    match RESOLUTION_MS.load(Ordering::Relaxed) {
        0 => exact,
        step => {
            let ms = u64::try_from(exact.as_millis()).unwrap_or(u64::MAX);
            Duration::from_millis(ms - ms % step)
        }
    }
}

/// Seconds since the epoch, now.
pub fn now_secs() -> u64 {
    now().as_secs()
}

/// A system time as time since the epoch (zero before it: file times and
/// clocks set before 1970 are not worth an error).
pub fn since_epoch(t: SystemTime) -> Duration {
    t.duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// Look at the HTTP date of now without copying it (formatted once a
/// second per thread, as nginx keeps its cached time strings).
pub fn with_http_date_now<T>(f: impl FnOnce(&str) -> T) -> T {
    thread_local! {
        static CACHE: std::cell::RefCell<(u64, String)> = const { std::cell::RefCell::new((0, String::new())) };
    }
    let now = now_secs();
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != now {
            *c = (now, http_date(now));
        }
        f(&c.1)
    })
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

impl Civil {
    /// `Jan` to `Dec`.
    pub fn month_name(&self) -> &'static str {
        MONTHS[self.month - 1]
    }

    /// `HH:MM:SS`, as every format here writes the time of day.
    pub fn clock(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }
}

const MONTHS: [&str; 12] = [
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

/// Days since the epoch of a civil date (month 1 to 12; the inverse of
/// [`civil`]); `None` before 1970.
pub fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let (y, m) = if month <= 2 {
        (year.checked_sub(1)?, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).checked_sub(719_468)
}

/// An HTTP date (IMF-fixdate) for seconds since the epoch.
pub fn http_date(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let c = civil(secs);
    let (wd, mon, t) = (DAYS[c.weekday_from_thursday], c.month_name(), c.clock());
    format!("{wd}, {:02} {mon} {} {t} GMT", c.day, c.year)
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
    let days = days_from_civil(year, month, day)?;
    Some(days * 86_400 + h * 3600 + mi * 60 + s)
}

/// `$time_local`: `22/Nov/2026:13:25:09 +0000`.
pub fn time_local(secs: u64) -> String {
    let c = civil(secs);
    let (mon, t) = (c.month_name(), c.clock());
    format!("{:02}/{mon}/{}:{t} +0000", c.day, c.year)
}

/// `$time_iso8601`: `2026-11-22T13:25:09+00:00`.
pub fn time_iso8601(secs: u64) -> String {
    let c = civil(secs);
    let t = c.clock();
    format!("{}-{:02}-{:02}T{t}+00:00", c.year, c.month, c.day)
}

/// The error log's timestamp: `2026/11/22 13:25:09`.
pub fn error_log_time(secs: u64) -> String {
    let c = civil(secs);
    let t = c.clock();
    format!("{}/{:02}/{:02} {t}", c.year, c.month, c.day)
}

/// `ASN1_TIME_print`: `Nov  2 15:27:04 2026 GMT`. (Certificates are not
/// dated before 1970 in practice; such a time prints as the epoch.)
pub fn asn1_time(ts: i64) -> String {
    let c = civil(u64::try_from(ts).unwrap_or(0));
    let (mon, t) = (c.month_name(), c.clock());
    format!("{mon} {:2} {t} {} GMT", c.day, c.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_read_back() {
        let t = 1_700_000_000;
        assert_eq!(parse_http_date(http_date(t).as_bytes()), Some(t));
        assert_eq!(
            parse_http_date(b"Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date(b"Sun Nov  6 08:49:37 1994"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date(b"Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date(b"yesterday"), None);
    }

    #[test]
    fn http_dates() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(1_700_000_000), "Tue, 14 Nov 2023 22:13:20 GMT");
    }

    #[test]
    fn civil_dates_round_trip() {
        for secs in [0, 951_782_400, 1_700_000_000, 4_102_444_800] {
            let c = civil(secs);
            let days = days_from_civil(c.year as u64, c.month as u64, c.day as u64);
            assert_eq!(days, Some(secs / 86_400));
        }
        assert_eq!(days_from_civil(1969, 12, 31), None);
    }

    #[test]
    fn nginx_log_formats() {
        assert_eq!(time_local(1_700_000_000), "14/Nov/2023:22:13:20 +0000");
        assert_eq!(time_iso8601(1_700_000_000), "2023-11-14T22:13:20+00:00");
        assert_eq!(error_log_time(1_700_000_000), "2023/11/14 22:13:20");
    }

    #[test]
    fn certificate_dates_print_as_openssl() {
        assert_eq!(asn1_time(0), "Jan  1 00:00:00 1970 GMT");
        assert_eq!(asn1_time(1_795_361_224), "Nov 22 15:27:04 2026 GMT");
        assert_eq!(asn1_time(951_782_400), "Feb 29 00:00:00 2000 GMT");
    }
}
