//! Numbers as Chinese news writes them: Arabic digits with 万/亿 multipliers
//! (9.2万亿 = 9.2e12) and Chinese numerals (一百四十, 两, 四).

/// Value of a Chinese numeral string (零一二两三四五六七八九十百千万亿), if it is one.
#[must_use]
pub fn chinese_numeral(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0f64; // completed 亿/万 sections
    let mut section = 0f64; // below 万
    let mut digit: Option<f64> = None;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => Some(0.0),
            '一' | '壹' => Some(1.0),
            '二' | '两' | '兩' | '贰' => Some(2.0),
            '三' | '叁' => Some(3.0),
            '四' | '肆' => Some(4.0),
            '五' | '伍' => Some(5.0),
            '六' | '陆' => Some(6.0),
            '七' | '柒' => Some(7.0),
            '八' | '捌' => Some(8.0),
            '九' | '玖' => Some(9.0),
            _ => None,
        };
        if let Some(d) = d {
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10.0,
            '百' | '佰' => 100.0,
            '千' | '仟' => 1000.0,
            '万' | '萬' => 1e4,
            '亿' | '億' => 1e8,
            _ => return None,
        };
        if unit >= 1e4 {
            section += digit.take().unwrap_or(0.0);
            if section == 0.0 && total == 0.0 {
                section = 1.0;
            }
            total = (total + section) * unit;
            section = 0.0;
        } else {
            section += digit.take().unwrap_or(1.0) * unit;
        }
    }
    Some(total + section + digit.unwrap_or(0.0))
}

/// Whether `c` is a Chinese numeral character (一, 十, 百, 两…).
#[must_use]
pub fn is_chinese_digit(c: char) -> bool {
    "零〇一壹二两兩贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億".contains(c)
}

/// Multiplier of a 万/亿 suffix run (万亿 = 1e12).
#[must_use]
pub fn multiplier(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            '万' | '萬' => 1e4,
            '亿' | '億' => 1e8,
            '千' => 1e3,
            '百' => 1e2,
            _ => 1.0,
        })
        .product()
}

/// Parses an Arabic number with optional thousands separators.
#[must_use]
pub fn arabic(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|c| *c != ',')
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect();
    cleaned.parse().ok()
}

/// Rounds away floating-point noise from products like 9.2 * 1e12.
#[must_use]
pub fn tidy(v: f64) -> f64 {
    if v.abs() >= 1.0 {
        let digits = 15 - v.abs().log10().floor() as i32;
        let scale = 10f64.powi(digits.clamp(0, 15));
        if scale.is_finite() && scale > 0.0 {
            return (v * scale).round() / scale;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_numeral("四"), Some(4.0));
        assert_eq!(chinese_numeral("十二"), Some(12.0));
        assert_eq!(chinese_numeral("二十九"), Some(29.0));
        assert_eq!(chinese_numeral("一百四十"), Some(140.0));
        assert_eq!(chinese_numeral("百"), Some(100.0));
        assert_eq!(chinese_numeral("两万"), Some(20000.0));
        assert_eq!(chinese_numeral("带"), None);
    }

    #[test]
    fn multipliers_normalise() {
        assert_eq!(tidy(9.2 * multiplier("万亿")), 9.2e12);
        assert_eq!(tidy(1300.0 * multiplier("亿")), 1.3e11);
        assert_eq!(arabic("1,300"), Some(1300.0));
    }
}
