//! `GET /metrics` in the Prometheus text format (version 0.0.4): what an
//! operator graphs and alerts on. Counters are per process (a scrape of
//! each replica; sum them in the query).
//!
//! - `mantetong_submissions_total{outcome}`: every `POST
//!   /api/v1/applications` by outcome: `created` (201), `replayed` (200),
//!   `refused` (4xx the client must fix), `conflict` (409, key in flight),
//!   `busy` (503), `error` (5xx);
//! - `mantetong_submission_seconds`: a histogram of their time;
//! - `mantetong_store_errors_total`, `mantetong_db_errors_total`: failed
//!   calls to the package store and to the database;
//! - `mantetong_submissions_in_flight`, `mantetong_readings_queued`: the
//!   queues (submissions being received; packages waiting for their
//!   photos to be read).

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

const OUTCOMES: [&str; 6] = ["created", "replayed", "refused", "conflict", "busy", "error"];
const BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

static SUBMISSIONS: [AtomicU64; 6] = [const { AtomicU64::new(0) }; 6];
static HIST: [AtomicU64; 12] = [const { AtomicU64::new(0) }; 12];
static HIST_COUNT: AtomicU64 = AtomicU64::new(0);
static HIST_SUM_MICROS: AtomicU64 = AtomicU64::new(0);
static STORE_ERRORS: AtomicU64 = AtomicU64::new(0);
static DB_ERRORS: AtomicU64 = AtomicU64::new(0);
static IN_FLIGHT: AtomicI64 = AtomicI64::new(0);
static READINGS: AtomicI64 = AtomicI64::new(0);

/// The outcome label of a submission's answer.
pub fn outcome(status: u16) -> &'static str {
    match status {
        201 => "created",
        200 => "replayed",
        409 => "conflict",
        503 => "busy",
        500..=599 => "error",
        _ => "refused",
    }
}

/// Counts one submission answered `status` after `secs`.
pub fn submission(status: u16, secs: f64) {
    let o = outcome(status);
    if let Some(i) = OUTCOMES.iter().position(|x| *x == o) {
        SUBMISSIONS[i].fetch_add(1, Relaxed);
    }
    for (i, b) in BUCKETS.iter().enumerate() {
        if secs <= *b {
            HIST[i].fetch_add(1, Relaxed);
        }
    }
    HIST_COUNT.fetch_add(1, Relaxed);
    HIST_SUM_MICROS.fetch_add((secs * 1e6) as u64, Relaxed);
}

pub fn store_error() {
    STORE_ERRORS.fetch_add(1, Relaxed);
}

pub fn db_error() {
    DB_ERRORS.fetch_add(1, Relaxed);
}

/// A gauge held up while its guard lives.
pub struct Gauge(&'static AtomicI64);

impl Drop for Gauge {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Relaxed);
    }
}

pub fn in_flight() -> Gauge {
    IN_FLIGHT.fetch_add(1, Relaxed);
    Gauge(&IN_FLIGHT)
}

pub fn reading_queued() -> Gauge {
    READINGS.fetch_add(1, Relaxed);
    Gauge(&READINGS)
}

/// The text a scrape gets.
pub fn render() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# HELP mantetong_submissions_total Submissions answered, by outcome.\n# TYPE mantetong_submissions_total counter");
    for (i, o) in OUTCOMES.iter().enumerate() {
        let _ = writeln!(s, "mantetong_submissions_total{{outcome=\"{o}\"}} {}", SUBMISSIONS[i].load(Relaxed));
    }
    let _ = writeln!(s, "# HELP mantetong_submission_seconds Time from a submission's headers to its answer.\n# TYPE mantetong_submission_seconds histogram");
    for (i, b) in BUCKETS.iter().enumerate() {
        let _ = writeln!(s, "mantetong_submission_seconds_bucket{{le=\"{b}\"}} {}", HIST[i].load(Relaxed));
    }
    let count = HIST_COUNT.load(Relaxed);
    let _ = writeln!(s, "mantetong_submission_seconds_bucket{{le=\"+Inf\"}} {count}");
    let _ = writeln!(s, "mantetong_submission_seconds_sum {}", HIST_SUM_MICROS.load(Relaxed) as f64 / 1e6);
    let _ = writeln!(s, "mantetong_submission_seconds_count {count}");
    let _ = writeln!(s, "# HELP mantetong_store_errors_total Failed calls to the package store.\n# TYPE mantetong_store_errors_total counter");
    let _ = writeln!(s, "mantetong_store_errors_total {}", STORE_ERRORS.load(Relaxed));
    let _ = writeln!(s, "# HELP mantetong_db_errors_total Failed calls to the database.\n# TYPE mantetong_db_errors_total counter");
    let _ = writeln!(s, "mantetong_db_errors_total {}", DB_ERRORS.load(Relaxed));
    let _ = writeln!(s, "# HELP mantetong_submissions_in_flight Submissions being received now.\n# TYPE mantetong_submissions_in_flight gauge");
    let _ = writeln!(s, "mantetong_submissions_in_flight {}", IN_FLIGHT.load(Relaxed).max(0));
    let _ = writeln!(s, "# HELP mantetong_readings_queued Stored packages whose photos wait to be read.\n# TYPE mantetong_readings_queued gauge");
    let _ = writeln!(s, "mantetong_readings_queued {}", READINGS.load(Relaxed).max(0));
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_histogram_is_cumulative_and_counts_outcomes() {
        super::submission(201, 0.02);
        super::submission(422, 3.0);
        let t = super::render();
        let get = |name: &str| -> u64 { t.lines().find(|l| l.starts_with(name)).and_then(|l| l.rsplit(' ').next()).and_then(|v| v.parse().ok()).unwrap() };
        assert!(get("mantetong_submissions_total{outcome=\"created\"}") >= 1);
        assert!(get("mantetong_submissions_total{outcome=\"refused\"}") >= 1);
        assert!(get("mantetong_submission_seconds_bucket{le=\"0.025\"}") >= 1);
        assert!(get("mantetong_submission_seconds_bucket{le=\"+Inf\"}") >= get("mantetong_submission_seconds_bucket{le=\"30\"}"));
    }
}
