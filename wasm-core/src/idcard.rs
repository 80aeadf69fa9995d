//! Resident identity numbers (GB 11643-1999): 6-digit address code, birth
//! date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
//!
//! The address code is where the number was first issued. It never says
//! where someone is insured or lives, and this module does not try.

use crate::date::Date;
use std::fmt;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Sex as encoded by the sequence number's parity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

/// A valid resident identity number, normalised to upper-case `X`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumber {
    pub number: String,
    pub address_code: String,
    pub birth: Date,
    pub sex: Sex,
}

/// Why a string is not a valid identity number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    /// Not 18 characters (the count is given).
    Length(usize),
    /// A character other than a digit in positions 1-17, or other than a
    /// digit or X in position 18 (position is 1-based).
    Character { position: usize, found: char },
    /// Positions 7-14 are not a real date.
    BirthDate(String),
    /// The check character is wrong; `expected` is the right one.
    CheckDigit { expected: char, found: char },
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Length(n) => write!(f, "must be 18 characters, got {n}"),
            IdError::Character { position, found } => {
                write!(f, "character {position} is {found:?}; expected a digit{}", if *position == 18 { " or X" } else { "" })
            }
            IdError::BirthDate(s) => match birth_date(s) {
                Some(d) if d.year() < MIN_BIRTH_YEAR => write!(f, "birth date {d} (characters 7-14) is before {MIN_BIRTH_YEAR}"),
                _ => write!(f, "birth date {s:?} (characters 7-14) is not a date"),
            },
            IdError::CheckDigit { expected, .. } => write!(f, "check digit should be {expected}"),
        }
    }
}

/// The check character for the first 17 digits, or `None` if they are not
/// 17 ASCII digits.
pub fn check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let s: u32 = b.iter().zip(WEIGHTS).map(|(c, w)| (c - b'0') as u32 * w).sum();
    Some(CHECK[(s % 11) as usize])
}

/// The earliest birth year accepted: older numbers are typing errors.
pub const MIN_BIRTH_YEAR: i32 = 1900;

fn birth_date(s: &str) -> Option<Date> {
    Date::parse(&format!("{}-{}-{}", s.get(0..4)?, s.get(4..6)?, s.get(6..8)?))
}

/// What a Chinese keyboard or a copy from a document gives, made plain:
/// surrounding whitespace removed (including the full-width space U+3000),
/// full-width digits `０`-`９` and `Ｘ`/`ｘ` made ASCII. Nothing else changes.
pub fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            '\u{FF38}' | '\u{FF58}' => 'X',
            c => c,
        })
        .collect()
}

/// Parses and checks an 18-character resident identity number, after
/// [`normalize`] (surrounding spaces, full-width digits); lower-case `x` is
/// accepted. A birth date before [`MIN_BIRTH_YEAR`] is refused (the caller
/// checks it against its `as_of`).
pub fn parse_id(s: &str) -> Result<IdNumber, IdError> {
    let s = &normalize(s);
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 18 {
        return Err(IdError::Length(chars.len()));
    }
    for (i, &c) in chars.iter().enumerate() {
        let ok = c.is_ascii_digit() || (i == 17 && (c == 'X' || c == 'x'));
        if !ok {
            return Err(IdError::Character { position: i + 1, found: c });
        }
    }
    let upper: String = s.to_ascii_uppercase();
    let birth_s = &upper[6..14];
    let birth = birth_date(birth_s).filter(|d| d.year() >= MIN_BIRTH_YEAR).ok_or_else(|| IdError::BirthDate(birth_s.to_string()))?;
    let expected = check_char(&upper[..17]).unwrap_or('?');
    let found = chars[17].to_ascii_uppercase();
    if expected != found {
        return Err(IdError::CheckDigit { expected, found });
    }
    let seq = upper.as_bytes()[16] - b'0';
    Ok(IdNumber {
        address_code: upper[..6].to_string(),
        birth,
        sex: if seq % 2 == 1 { Sex::Male } else { Sex::Female },
        number: upper,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn examples() {
        let a = parse_id("11010519491231002X").unwrap();
        assert_eq!(a.birth.to_string(), "1949-12-31");
        assert_eq!(a.sex, Sex::Female);
        assert!(parse_id("34052419800101001x").is_ok());
        assert_eq!(parse_id("110105194912310021"), Err(IdError::CheckDigit { expected: 'X', found: '1' }));
        assert!(matches!(parse_id("110105194913310021"), Err(IdError::BirthDate(_))));
        assert_eq!(parse_id("123"), Err(IdError::Length(3)));
    }

    #[test]
    fn full_width_and_surrounding_space_are_normalised() {
        let plain = parse_id("11010519491231002X").unwrap();
        for typed in [
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            "\u{3000}11010519491231002X\u{3000}",
            " \t11010519491231002x\n",
            "\u{3000}１１０１０５19491231００２X ",
        ] {
            assert_eq!(parse_id(typed).as_ref(), Ok(&plain), "{typed:?}");
        }
        // Inner spaces and other full-width letters are still refused.
        assert_eq!(parse_id("110105 19491231002X"), Err(IdError::Length(19)));
        assert_eq!(parse_id("11010519491231002Ｙ"), Err(IdError::Character { position: 18, found: 'Ｙ' }));
        assert_eq!(normalize("\u{3000}１２\u{3000}"), "12");
    }

    #[test]
    fn birth_years_before_1900_are_refused() {
        // 1899-12-31 with a correct check digit.
        let first17 = "11010518991231002";
        let n = format!("{first17}{}", check_char(first17).unwrap());
        let e = parse_id(&n).unwrap_err();
        assert_eq!(e, IdError::BirthDate("18991231".into()));
        assert_eq!(e.to_string(), "birth date 1899-12-31 (characters 7-14) is before 1900");
        let first17 = "11010519000101002";
        assert!(parse_id(&format!("{first17}{}", check_char(first17).unwrap())).is_ok());
        assert_eq!(IdError::BirthDate("19491331".into()).to_string(), "birth date \"19491331\" (characters 7-14) is not a date");
    }
}
