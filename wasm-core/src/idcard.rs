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
            IdError::BirthDate(s) => write!(f, "birth date {s:?} (characters 7-14) is not a date"),
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

/// Parses and checks an 18-character resident identity number; lower-case
/// `x` is accepted. Surrounding spaces are not.
pub fn parse_id(s: &str) -> Result<IdNumber, IdError> {
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
    let birth = Date::parse(&format!("{}-{}-{}", &birth_s[0..4], &birth_s[4..6], &birth_s[6..8]))
        .ok_or_else(|| IdError::BirthDate(birth_s.to_string()))?;
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
}
