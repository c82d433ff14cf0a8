//! Text normalisation: NFC, search folding, emails, phone numbers, language
//! tags and time zones. Built on crates made for each job (`unicode-normalization`,
//! `deunicode`, `email_address`, `rlibphonenumber`, `chrono-tz`).

use crate::error::{Error, Result};
use rlibphonenumber::{PhoneNumberFormat, Region, PHONE_NUMBER_UTIL};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `s` trimmed and in Unicode NFC.
#[must_use]
pub fn nfc(s: &str) -> String {
    let t = s.trim();
    match is_nfc_quick(t.chars()) {
        IsNormalized::Yes => t.to_owned(),
        _ => t.nfc().collect(),
    }
}

/// Folds text for search and matching: case, diacritics and Vietnamese `đ`
/// disappear, punctuation becomes a space. `"Nguyễn Văn Đức"` folds to
/// `"nguyen van duc"`.
#[must_use]
pub fn fold(s: &str) -> String {
    fn push(c: char, out: &mut String, pending_space: &mut bool) {
        if c.is_ascii_alphanumeric() {
            if *pending_space && !out.is_empty() {
                out.push(' ');
            }
            *pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            *pending_space = true;
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_ascii() {
            push(c, &mut out, &mut pending_space);
        } else {
            match deunicode::deunicode_char(c) {
                Some(ascii) => {
                    for a in ascii.chars() {
                        push(a, &mut out, &mut pending_space);
                    }
                }
                None => pending_space = true,
            }
        }
    }
    out
}

/// Splits folded text into its words.
pub(crate) fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(' ').filter(|t| !t.is_empty())
}

/// Validates and normalises an email address: trimmed, NFC, lower case.
///
/// # Errors
/// [`Error::InvalidInput`] naming the field and the value when it is not a
/// valid address.
pub fn normalize_email(field: &str, raw: &str) -> Result<String> {
    let s = nfc(raw).to_lowercase();
    let ok = email_address::EmailAddress::parse_with_options(
        &s,
        email_address::Options::default()
            .without_display_text()
            .without_domain_literal(),
    )
    .is_ok()
        && s.rsplit_once('@')
            .is_some_and(|(_, domain)| domain.contains('.') && !domain.ends_with('.'));
    if ok {
        Ok(s)
    } else {
        Err(Error::invalid_input(
            field,
            raw,
            "not a valid email address (expected name@example.com)",
        ))
    }
}

/// Parses an ISO 3166 region code such as `VN` for phone parsing.
///
/// # Errors
/// [`Error::InvalidInput`] for an unknown region.
pub fn parse_region(raw: &str) -> Result<Region> {
    // Any two letters make a `Region`; only those with phone metadata are known.
    Region::from_code(&raw.trim().to_ascii_uppercase())
        .ok()
        .filter(|r| PHONE_NUMBER_UTIL.get_country_code_for_region(*r).is_some())
        .ok_or_else(|| {
            Error::invalid_input(
                "default_region",
                raw,
                "not an ISO 3166 region code (e.g. VN, US, FR)",
            )
        })
}

/// Validates a phone number and returns it in E.164 (`+84901234567`).
/// Numbers without a `+` prefix are read in `region`.
///
/// # Errors
/// [`Error::InvalidInput`] naming the field and the value when the number is
/// not a valid number (or needs a region and none is set).
pub fn normalize_phone(field: &str, raw: &str, region: Option<Region>) -> Result<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed.len() > 40 {
        return Err(Error::invalid_input(field, raw, "not a phone number"));
    }
    if region.is_none() && !trimmed.starts_with('+') {
        return Err(Error::invalid_input(
            field,
            raw,
            "a number without +country code needs the workspace default region; configure one or write it as +84...",
        ));
    }
    // A number written with +country is read without the default region.
    let region = if trimmed.starts_with('+') {
        None
    } else {
        region
    };
    let parsed = PHONE_NUMBER_UTIL
        .parse(trimmed, region)
        .map_err(|_| Error::invalid_input(field, raw, "not a phone number"))?;
    if !parsed.is_valid() {
        return Err(Error::invalid_input(
            field,
            raw,
            "not a valid phone number for its country (check the digits and the country code)",
        ));
    }
    // E.164 keeps the national number's leading zeros (Italy: +39 02 ...).
    Ok(parsed.format_as(PhoneNumberFormat::E164).into_owned())
}

/// Cheap structural check that a stored value is E.164 (`+` and 8 to 15 digits).
pub(crate) fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// Validates a BCP 47 language tag in its common form (`vi`, `en-US`,
/// `zh-Hant-TW`) and returns it in canonical case.
///
/// # Errors
/// [`Error::InvalidInput`] when it is not of that form.
pub fn normalize_language(raw: &str) -> Result<String> {
    let bad = || {
        Error::invalid_input(
            "language",
            raw,
            "expected a BCP 47 language tag such as vi, en-US or zh-Hant-TW",
        )
    };
    let mut out = Vec::new();
    for (i, part) in raw.trim().split(['-', '_']).enumerate() {
        if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad());
        }
        let p = if i == 0 {
            if !(2..=3).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(bad());
            }
            part.to_ascii_lowercase()
        } else if part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            part.to_ascii_uppercase()
        } else if part.len() == 4 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            let lower = part.to_ascii_lowercase();
            let mut cs = lower.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        } else {
            part.to_ascii_lowercase()
        };
        out.push(p);
    }
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out.join("-"))
}

/// Validates an IANA time zone name (`Asia/Ho_Chi_Minh`).
///
/// # Errors
/// [`Error::InvalidInput`] for an unknown zone.
pub fn normalize_time_zone(raw: &str) -> Result<String> {
    raw.trim()
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| {
            Error::invalid_input(
                "time_zone",
                raw,
                "not an IANA time zone name (e.g. Asia/Ho_Chi_Minh, Europe/Paris)",
            )
        })
}

/// Validates a tag: NFC, trimmed, 1 to 64 characters, no control characters.
///
/// # Errors
/// [`Error::InvalidInput`] otherwise.
pub fn normalize_label(field: &str, raw: &str, max: usize) -> Result<String> {
    let s = nfc(raw);
    if s.is_empty() {
        return Err(Error::invalid_input(field, raw, "must not be empty"));
    }
    if s.chars().count() > max {
        return Err(Error::invalid_input(
            field,
            raw,
            format!("must be at most {max} characters"),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(Error::invalid_input(
            field,
            raw,
            "must not contain control characters",
        ));
    }
    Ok(s)
}

/// Like [`normalize_label`] for free text that may hold line breaks.
///
/// # Errors
/// [`Error::InvalidInput`] when too long.
pub fn normalize_text(field: &str, raw: &str, max: usize) -> Result<String> {
    let s = nfc(raw);
    if s.chars().count() > max {
        return Err(Error::invalid_input(
            field,
            raw.chars().take(40).collect::<String>() + "...",
            format!("must be at most {max} characters"),
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_diacritics_and_vietnamese_d() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("  ĐẶNG   thị-Ánh  "), "dang thi anh");
        assert_eq!(fold("Zoë O'Brien"), "zoe o brien");
        assert_eq!(fold("Công ty TNHH Phở Hà Nội"), "cong ty tnhh pho ha noi");
    }

    #[test]
    fn nfc_composes() {
        let decomposed = "Nguye\u{302}\u{303}n";
        assert_eq!(nfc(decomposed), "Nguyễn");
    }

    #[test]
    fn emails_are_validated_and_lowercased() {
        assert_eq!(
            normalize_email("email", " Duc.Nguyen@Example.VN ").ok(),
            Some("duc.nguyen@example.vn".into())
        );
        for bad in ["", "no-at", "a@b", "a@", "@b.vn", "a b@c.vn", "a@b."] {
            let e = normalize_email("email", bad).err();
            assert_eq!(e.map(|e| e.code()), Some("invalid_input"), "{bad}");
        }
    }

    #[test]
    fn phones_normalise_to_e164_with_default_region() {
        let vn = parse_region("vn").ok();
        assert_eq!(
            normalize_phone("phone", "090 123 4567", vn).ok(),
            Some("+84901234567".into())
        );
        assert_eq!(
            normalize_phone("phone", "+1 (650) 253-0000", vn).ok(),
            Some("+16502530000".into())
        );
        assert!(normalize_phone("phone", "12", vn).is_err());
        // Italian numbers keep their leading zero in E.164.
        assert_eq!(
            normalize_phone("phone", "+39 02 1234 5678", vn).map_err(|e| e.to_string()),
            Ok("+390212345678".into())
        );
        assert!(normalize_phone("phone", "0901234567", None).is_err());
        assert!(parse_region(" fr ").is_ok());
        for bad in ["", "V", "XX", "ZZ", "001", "VNM", "V1"] {
            assert!(parse_region(bad).is_err(), "{bad}");
        }
        assert!(is_e164("+84901234567"));
        assert!(!is_e164("0901234567"));
    }

    #[test]
    fn languages_and_zones() {
        assert_eq!(normalize_language("EN_us").ok(), Some("en-US".into()));
        assert_eq!(
            normalize_language("zh-hant-tw").ok(),
            Some("zh-Hant-TW".into())
        );
        assert!(normalize_language("english!").is_err());
        assert_eq!(
            normalize_time_zone("Asia/Ho_Chi_Minh").ok(),
            Some("Asia/Ho_Chi_Minh".into())
        );
        assert!(normalize_time_zone("Mars/Base").is_err());
    }
}
