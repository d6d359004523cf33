//! Date expressions in Chinese reports, resolved against the report's date.

use crate::date::Date;

/// A date found in text: byte range and the resolved date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub date: Date,
}

fn digits_at(text: &str, i: usize) -> Option<(u32, usize)> {
    let rest = text.get(i..)?;
    let n: String = rest
        .chars()
        .take_while(char::is_ascii_digit)
        .take(4)
        .collect();
    if n.is_empty() {
        return None;
    }
    Some((n.parse().ok()?, i + n.len()))
}

/// Finds `YYYY年M月D日`, `M月D日` and `D日` (the last two need a reference date),
/// with an optional `当地时间` before them. Years alone and months alone are not dates.
#[must_use]
pub fn find_dates(text: &str, reference: Option<Date>) -> Vec<FoundDate> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let Some((n1, j1)) = digits_at(text, i) else {
            i += 1;
            continue;
        };
        let rest = &text[j1..];
        let found = if let Some(r) = rest.strip_prefix('年') {
            // YYYY年M月D日
            let j = j1 + '年'.len_utf8();
            match digits_at(text, j) {
                Some((m, jm))
                    if r.starts_with(|c: char| c.is_ascii_digit())
                        && text[jm..].starts_with('月') =>
                {
                    let jd = jm + '月'.len_utf8();
                    match digits_at(text, jd) {
                        Some((d, je))
                            if text[je..].starts_with('日') || text[je..].starts_with('号') =>
                        {
                            Date::new(n1 as i32, m, d).map(|date| (date, je + '日'.len_utf8()))
                        }
                        _ => None,
                    }
                }
                _ => None,
            }
        } else if rest.starts_with('月') {
            let jd = j1 + '月'.len_utf8();
            match (digits_at(text, jd), reference) {
                (Some((d, je)), Some(r))
                    if text[je..].starts_with('日') || text[je..].starts_with('号') =>
                {
                    resolve_month_day(r, n1, d).map(|date| (date, je + '日'.len_utf8()))
                }
                _ => None,
            }
        } else if (rest.starts_with('日') || rest.starts_with('号'))
            && n1 <= 31
            && !preceded_by_month(text, i)
        {
            reference
                .and_then(|r| resolve_day(r, n1))
                .map(|date| (date, j1 + '日'.len_utf8()))
        } else {
            None
        };
        match found {
            Some((date, end)) => {
                out.push(FoundDate {
                    start: i,
                    end,
                    date,
                });
                i = end;
            }
            None => i = j1,
        }
    }
    out
}

fn preceded_by_month(text: &str, i: usize) -> bool {
    text[..i].ends_with('月')
}

/// `M月D日` without a year: the year of the reference date, or the one before when that
/// would put the date more than six months after the reference.
fn resolve_month_day(reference: Date, month: u32, day: u32) -> Option<Date> {
    let same = Date::new(reference.year, month, day)?;
    if same.days_from_epoch() - reference.days_from_epoch() > 183 {
        Date::new(reference.year - 1, month, day)
    } else {
        Some(same)
    }
}

/// `D日` alone: that day of the reference month, or of the month before when the day
/// is after the reference day (a report dated the 2nd about the 30th).
fn resolve_day(reference: Date, day: u32) -> Option<Date> {
    if day <= reference.day {
        Date::new(reference.year, reference.month, day)
    } else {
        let prev = Date::new(reference.year, reference.month, 1)?.add_days(-1);
        Date::new(prev.year, prev.month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_full_and_relative_dates() {
        let r = Date::new(2021, 6, 24);
        let t = "2021年6月23日，会议举行。当地时间6月22日抵达，23日会见。2013年以来";
        let found: Vec<String> = find_dates(t, r)
            .iter()
            .map(|f| f.date.to_string())
            .collect();
        assert_eq!(found, ["2021-06-23", "2021-06-22", "2021-06-23"]);
        assert!(find_dates("23日", None).is_empty());
        let jan = Date::new(2022, 1, 2);
        assert_eq!(
            find_dates("12月30日", jan)
                .first()
                .map(|f| f.date.to_string())
                .as_deref(),
            Some("2021-12-30")
        );
        assert_eq!(
            find_dates("30日", jan)
                .first()
                .map(|f| f.date.to_string())
                .as_deref(),
            Some("2021-12-30")
        );
    }
}
