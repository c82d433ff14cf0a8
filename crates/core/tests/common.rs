#![allow(dead_code, missing_docs, clippy::unwrap_used, clippy::expect_used)]
use chrono::{DateTime, Duration, TimeZone, Utc};
use clientcare::*;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0)
        .single()
        .expect("valid time")
}

pub fn at(minutes: i64) -> Meta {
    Meta::system(t0() + Duration::minutes(minutes))
}

pub fn vn_workspace() -> Workspace {
    let mut ws = Workspace::with_seed(7);
    ws.configure(at(0), Some("VN")).expect("configure");
    ws
}

pub fn person(name: &str, email: &str, phone: &str) -> RegisterCustomer {
    RegisterCustomer {
        full_name: name.into(),
        emails: vec![email.into()],
        phones: vec![phone.into()],
        ..Default::default()
    }
}
