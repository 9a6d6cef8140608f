//! Runtime values: exact numbers (rust_decimal), calendar dates, texts,
//! enumeration values, records and lists. Also how staff see them in French.

use rust_decimal::Decimal;
use std::fmt;
use std::sync::Arc;

/// A calendar date (proleptic Gregorian), ordered by day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, when it exists in the calendar (years 1 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day > days_in_month {
            return None;
        }
        Some(Date {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// Reads `YYYY-MM-DD`; `None` when malformed, `Some(Err(()))` when well
    /// formed but not a day of the calendar.
    pub fn parse_iso(text: &str) -> Option<Result<Date, ()>> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = number(0..4)?;
        let month = number(5..7)?;
        let day = number(8..10)?;
        let year = i32::try_from(year).ok()?;
        Some(Date::new(year, month, day).ok_or(()))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The same day `years` years later (earlier when negative); 29 February
    /// becomes 28 February in a year that has none.
    pub fn shifted_years(self, years: i32) -> Option<Date> {
        let year = self.year.checked_add(years)?;
        Date::new(year, u32::from(self.month), u32::from(self.day))
            .or_else(|| Date::new(year, u32::from(self.month), u32::from(self.day) - 1))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// The date written out in French: `12 juin 2023`, `1er juillet 2023`.
    pub fn french_long(self) -> String {
        const MONTHS: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("?");
        let day = if self.day == 1 {
            "1er".to_string()
        } else {
            self.day.to_string()
        };
        format!("{day} {month} {}", self.year)
    }

    /// The date as French staff write it: `12/06/2023`.
    pub fn french(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// A value computed by a rulebook or read from an application.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A number without unit.
    Decimal(Decimal),
    /// Euros.
    Money(Decimal),
    /// A rate, as a fraction: 32,5 % is `0.325`.
    Rate(Decimal),
    /// A day.
    Date(Date),
    /// A text.
    Text(Arc<str>),
    /// A value of an enumeration: the enumeration's id and the value's index in it.
    Enum(u32, u32),
    /// A record's fields, in declaration order.
    Record(Arc<[Value]>),
    /// A list's items.
    List(Arc<[Value]>),
    /// An inclusive range.
    Range(Arc<(Value, Value)>),
    /// An absent optional value.
    Absent,
}

impl Value {
    /// The value with every date in it moved by `years` years (to read an
    /// application of one school year with the rules of another).
    pub fn with_dates_shifted(&self, years: i32) -> Value {
        match self {
            Value::Date(date) => Value::Date(date.shifted_years(years).unwrap_or(*date)),
            Value::Record(fields) => {
                Value::Record(fields.iter().map(|v| v.with_dates_shifted(years)).collect())
            }
            Value::List(items) => Value::List(items.iter().map(|v| v.with_dates_shifted(years)).collect()),
            Value::Range(bounds) => Value::Range(Arc::new((
                bounds.0.with_dates_shifted(years),
                bounds.1.with_dates_shifted(years),
            ))),
            other => other.clone(),
        }
    }

    /// The boolean, or `false` for anything else.
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

/// Formats an amount the French way, with two decimals: `7 885,00 €`.
pub fn french_money(amount: Decimal) -> String {
    format!("{} €", french_decimal(amount.round_dp(2), 2))
}

/// Formats a number with French separators and at least `min_decimals` decimals.
pub fn french_decimal(value: Decimal, min_decimals: u32) -> String {
    let mut value = value.normalize();
    if value.scale() < min_decimals {
        value.rescale(min_decimals);
    }
    let text = value.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::new();
    let digits: Vec<char> = int_part.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202F}');
        }
        grouped.push(*c);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    match frac_part {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Formats a rate the French way: `32,5 %`.
pub fn french_rate(rate: Decimal) -> String {
    let percent = rate * Decimal::ONE_HUNDRED;
    format!("{} %", french_decimal(percent, 0))
}

/// Money as the JSON contract writes it: `"2563.00"`.
pub fn contract_money(amount: Decimal) -> String {
    let mut out = String::new();
    write_contract_money(&mut out, amount);
    out
}

/// Appends [`contract_money`]'s text to `out`, without allocating.
pub fn write_contract_money(out: &mut String, amount: Decimal) {
    // The common case, whole cents or coarser: written from the mantissa,
    // without rounding or rescaling the decimal.
    let factor = match amount.scale() {
        0 => Some(100),
        1 => Some(10),
        2 => Some(1),
        _ => None,
    };
    if let Some(cents) = factor.and_then(|f| amount.mantissa().checked_mul(f))
        && push_cents(out, cents)
    {
        return;
    }
    let mut amount = amount.round_dp(2);
    amount.rescale(2);
    if amount.scale() == 2 && push_cents(out, amount.mantissa()) {
        return;
    }
    use std::fmt::Write as _;
    let _ = write!(out, "{amount}");
}

/// Appends a number of cents as euros with two decimals (`-12.05`) when
/// it fits in a `u64`; whether it did.
fn push_cents(out: &mut String, cents: i128) -> bool {
    let Ok(whole_cents) = u64::try_from(cents.unsigned_abs()) else {
        return false;
    };
    if cents < 0 {
        out.push('-');
    }
    push_integer(out, whole_cents / 100);
    out.push('.');
    let rest = whole_cents % 100;
    out.push(char::from(b'0' + (rest / 10) as u8));
    out.push(char::from(b'0' + (rest % 10) as u8));
    true
}

/// Appends the decimal digits of `n` to `out`, without the formatting machinery.
pub fn push_integer(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(digit) = digits.get_mut(start) {
            *digit = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    // Only ASCII digits: always UTF-8.
    if let Ok(text) = std::str::from_utf8(digits.get(start..).unwrap_or_default()) {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn contract_money_is_the_decimal_with_two_places() {
        for text in [
            "0",
            "-0",
            "-0.001",
            "7885",
            "2562.625",
            "-12.5",
            "0.005",
            "18446744073709551.61",
            "79228162514264337593543950335",
            // Whole cents or coarser, written from the mantissa; at and past
            // the largest number of cents a u64 holds.
            "-0.00",
            "0.0",
            "1.2",
            "-3.40",
            "184467440737095516.15",
            "184467440737095516.16",
            "-184467440737095516.16",
            "7922816251426433759354395033.5",
        ] {
            let amount = Decimal::from_str(text).unwrap();
            let mut expected = amount.round_dp(2);
            expected.rescale(2);
            assert_eq!(contract_money(amount), expected.to_string(), "{text}");
        }
        for n in [0u64, 7, 10, 99, 100, 12345, u64::MAX] {
            let mut out = String::new();
            push_integer(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn dates_check_the_calendar() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 4, 31).is_none());
        assert_eq!(Date::parse_iso("2023-02-30"), Some(Err(())));
        assert_eq!(Date::parse_iso("12/06/2023"), None);
        assert_eq!(
            Date::parse_iso("2023-06-12")
                .and_then(Result::ok)
                .map(|d| d.to_string()),
            Some("2023-06-12".to_string())
        );
    }

    #[test]
    fn french_formats() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(french_money(d("7885")), "7\u{202F}885,00 €");
        assert_eq!(french_money(d("2112.5")), "2\u{202F}112,50 €");
        assert_eq!(french_money(d("305")), "305,00 €");
        assert_eq!(french_rate(d("0.325")), "32,5 %");
        assert_eq!(contract_money(d("2563")), "2563.00");
        assert_eq!(contract_money(d("-0.5")), "-0.50");
    }
}
