//! # The region's back office (protocol v1.1)
//!
//! What happens to an application after it is received: the server's own
//! pre-review, the reviewer's decisions (returned with reasons, in review,
//! approved, refused), resubmissions that supersede a returned application,
//! and the status a citizen's app reads by receipt.
//!
//! ## Architecture invariants
//! - **Decisions are append-only.** Every decision is a row of its own in
//!   `decisions` (triggers refuse UPDATE and DELETE, on SQLite and
//!   PostgreSQL alike) and a line in `DATA/audit.log` (opened append-only,
//!   fsynced; each replica keeps its own) written *before* the row: no
//!   decision without its audit line. The application's current status is
//!   the last decision's.
//! - **Consistent from any replica.** A decision moves the status with a
//!   compare-and-set in the same transaction as its row (`UPDATE … WHERE
//!   status = the status it was decided from`): two reviewers deciding at
//!   once on two replicas get one decision and one `409`.
//! - **Nothing personal without a token.** The public status answer holds
//!   no facts, names or papers; everything else under `/api/v1/review/` and
//!   the decision endpoint need `Authorization: Bearer TOKEN`, a token from
//!   `--review-token-file` (refused at start when missing, empty or readable
//!   by every user).
//! - **Dates for people are China Standard Time.** Deadlines (`resubmit_by`,
//!   `effective_from`) are days in UTC+8 on the working-day calendar.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use mantetong_core::package::{self, sha256_hex, Limits};
use mantetong_core::{bundled, Date};
use serde_json::{json, Value};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::store::{Record, Store};

/// How the back office runs (part of [`crate::Config`]).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The receiver's official name (`--receiver-name`, e.g. 临汾市医疗保障局).
    /// `None`: this server is a demonstration endpoint, and the app says so.
    pub receiver_name: Option<String>,
    /// The name in English (`--receiver-name-en`).
    pub receiver_name_en: Option<String>,
    /// Regions this receiver takes (`--receiver-region`); empty: any pack.
    pub receiver_regions: Vec<String>,
    /// `--review-token-file`: lines `NAME:TOKEN`. `None`: no reviewer API.
    pub review_token_file: Option<PathBuf>,
    /// Run the rules core's pre-review on arrival and return an application
    /// at once when a required paper is missing or has a problem.
    pub pre_review: bool,
    /// Test hook: seconds added to the clock (a deadline that has passed).
    #[doc(hidden)]
    pub clock_offset_secs: i64,
}

/// Every status an application can have in v1.1. (`accepted` and
/// `rejected`, set by v1's `--set-status`, are final like `approved` and
/// `refused`, and answered as they were set.)
pub const STATUSES: [&str; 5] = ["received", "returned", "in_review", "approved", "refused"];
/// The statuses a reviewer can decide.
pub const DECISIONS: [&str; 4] = ["returned", "in_review", "approved", "refused"];

/// The contract's problem codes, with what a person reads for each.
pub const REASON_CODES: [(&str, &str, &str); 9] = [
    ("missing", "缺少必需的材料，请补充后重新提交", "A required paper is missing: add it and send again"),
    ("expired", "材料已超过有效期，请到医院重新开具", "The paper is too old: ask the hospital for a new one"),
    ("unsealed", "材料没有所需的印章，请到出具医院补盖公章", "The paper lacks the required seal: have the issuing hospital add it"),
    ("stage_missing", "诊断证明没有注明疾病分期或分型", "The certificate does not state the stage or type of the disease"),
    ("hospital_level", "出具材料的医院等级不符合要求", "The issuing hospital is not of the required level"),
    ("file_type", "文件类型无法使用，请上传照片或 PDF", "The file type cannot be used: send a photo or a PDF"),
    ("file_too_large", "文件太大，请重新拍照", "The file is too large: take the photo again"),
    ("future_date", "材料上的日期晚于提交日期，请核对", "The date on the paper is after the day it was sent: check it"),
    ("unsigned", "材料缺少医师签字", "The paper lacks the doctor's signature"),
];

fn code_message(code: &str) -> Option<(&'static str, &'static str)> {
    REASON_CODES.iter().find(|(c, _, _)| *c == code).map(|(_, zh, en)| (*zh, *en))
}

const MAX_REASONS: usize = 20;
const MAX_REASON_CHARS: usize = 500;
const MAX_NOTE_CHARS: usize = 2000;
const MAX_DECISION_BYTES: usize = 64 * 1024;

/// A reviewer's token, by name (the name goes into the audit log).
#[derive(Clone)]
struct Token {
    name: String,
    secret: Vec<u8>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Token({})", self.name)
    }
}

/// Reads `--review-token-file`: one `NAME:TOKEN` per line (`#` comments and
/// blank lines ignored), tokens of at least 16 characters. The file must
/// not be readable or writable by every user.
fn load_tokens(path: &Path) -> Result<Vec<Token>, String> {
    let flag = format!("--review-token-file {}", path.display());
    let meta = std::fs::metadata(path).map_err(|e| format!("{flag}: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o006 != 0 {
            return Err(format!("{flag}: readable or writable by every user (mode {mode:o}); run chmod 600 on it"));
        }
    }
    if !meta.is_file() {
        return Err(format!("{flag}: not a file"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{flag}: {e}"))?;
    let mut tokens = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, secret)) = line.split_once(':') else {
            return Err(format!("{flag}: line {}: not NAME:TOKEN", i + 1));
        };
        let (name, secret) = (name.trim(), secret.trim());
        if name.is_empty() || name.len() > 64 || !name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c)) {
            return Err(format!("{flag}: line {}: the name must be 1-64 letters, digits, - _ . @", i + 1));
        }
        if secret.chars().count() < 16 || secret.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("{flag}: line {}: the token of \"{name}\" must be at least 16 characters without spaces", i + 1));
        }
        tokens.push(Token { name: name.into(), secret: secret.as_bytes().to_vec() });
    }
    if tokens.is_empty() {
        return Err(format!("{flag}: no NAME:TOKEN line"));
    }
    Ok(tokens)
}

/// The back office: its own tables beside the store's, the audit log and
/// the reviewers' tokens.
pub struct Review {
    settings: Settings,
    tokens: Vec<Token>,
    audit: Mutex<File>,
    store: Arc<Store>,
    limits: Limits,
}

impl Review {
    /// Opens the back office over `data` (the store's folder). Fails on a
    /// bad token file: a server that cannot authorise reviewers safely does
    /// not start.
    pub fn open(data: &Path, settings: Settings, store: Arc<Store>, limits: Limits) -> Result<Review, String> {
        let tokens = match &settings.review_token_file {
            Some(p) => load_tokens(p)?,
            None => Vec::new(),
        };
        for r in &settings.receiver_regions {
            if crate::validate::pack(r).is_none() {
                return Err(format!("--receiver-region: unknown region \"{r}\"; known: {}", crate::validate::known_packs().join(", ")));
            }
        }
        if let Some(n) = &settings.receiver_name {
            if n.trim().is_empty() || n.chars().count() > 100 || n.chars().any(char::is_control) {
                return Err("--receiver-name: give the receiver's official name, 1 to 100 characters".into());
            }
        }
        let audit_path = data.join("audit.log");
        let mut open = OpenOptions::new();
        open.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            open.mode(0o600);
        }
        let audit = open.open(&audit_path).map_err(|e| format!("cannot open {}: {e}", audit_path.display()))?;
        Ok(Review { settings, tokens, audit: Mutex::new(audit), store, limits })
    }

    fn pool(&self) -> &sqlx::AnyPool {
        &self.store.db.pool
    }

    fn now_secs(&self) -> i64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0) + self.settings.clock_offset_secs
    }

    /// Whether this receiver takes applications of `pack_id`; the problem
    /// to answer otherwise.
    pub fn check_region(&self, pack_id: &str) -> Result<(), (String, String)> {
        let r = &self.settings.receiver_regions;
        if r.is_empty() || r.iter().any(|x| x == pack_id) {
            return Ok(());
        }
        let who = self.settings.receiver_name.clone().unwrap_or_else(|| "this server".into());
        Err(("manifest.pack.id".into(), format!("{who} receives applications for {} only, not \"{pack_id}\": apply through that region's own channel", r.join(", "))))
    }

    /// Checks a resubmission's `Supersedes` before anything is stored. The
    /// header's value is never echoed: an answer names only receipts this
    /// server has (and a store error is logged, not sent).
    pub async fn check_supersedes(&self, supersedes: &str) -> Result<(), (StatusCode, String)> {
        let fail = |e: &dyn std::fmt::Display| {
            tracing::error!(error = %e, "could not read the store for Supersedes");
            (StatusCode::INTERNAL_SERVER_ERROR, "could not read the store to check it; nothing was stored, retry later".to_string())
        };
        let Some(old) = self.store.by_receipt(supersedes).await.map_err(|e| fail(&e))? else {
            return Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                "names no application this server has; send the receipt of the returned application this one replaces (as its status answer gives it), or leave the header out for a new application".into(),
            ));
        };
        let by = self.superseded_by(&old.receipt).await.map_err(|e| fail(&e))?;
        if let Some(by) = by {
            let old = old.receipt;
            return Err((StatusCode::UNPROCESSABLE_ENTITY, format!("\"{old}\" was already replaced by \"{by}\"; a new resubmission supersedes \"{by}\"")));
        }
        Ok(())
    }

    /// After a new application is stored: links a resubmission (late when
    /// sent after the returned one's `resubmit_by`), keeps the server's
    /// evaluation, and runs the pre-review. Returns the status now.
    pub async fn after_receipt(&self, rec: &Record, result: &Value, supersedes: Option<&str>) -> Result<String, String> {
        let today = cst_day(self.now_secs());
        let late = match supersedes {
            Some(s) => match self.last_decision(s).await.map_err(|e| e.to_string())? {
                Some(d) if d.status == "returned" => d.resubmit_by.as_deref().and_then(Date::parse).is_some_and(|by| today > by),
                _ => false,
            },
            None => false,
        };
        let tl = &result["timeline"];
        let renewal_years = match (tl["effective_from"].as_str().and_then(Date::parse), tl["renewal_due"].as_str().and_then(Date::parse)) {
            (Some(e), Some(r)) => Some(i64::from(r.year() - e.year())),
            _ => None,
        };
        sqlx::query("INSERT INTO application_meta (receipt, supersedes, late, result, renewal_years) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
            .bind(&rec.receipt)
            .bind(supersedes)
            .bind(late as i64)
            .bind(result.to_string())
            .bind(renewal_years)
            .execute(self.pool())
            .await
            .map_err(|e| db_err(&e))?;
        if !self.settings.pre_review {
            return Ok(rec.status.clone());
        }
        let mut reasons = Vec::new();
        for m in result["materials"].as_array().into_iter().flatten() {
            let required = m["required"].as_bool() == Some(true);
            let status = m["status"].as_str().unwrap_or("");
            if !required || !(status == "missing" || status == "problem") {
                continue;
            }
            for p in m["problems"].as_array().into_iter().flatten() {
                let code = p["code"].as_str().unwrap_or("missing");
                let (zh, en) = code_message(code).unwrap_or(("", ""));
                let name = m["name_zh"].as_str().or(m["name"].as_str()).unwrap_or("");
                let message = p["message_zh"].as_str().or(p["message"].as_str()).map(String::from).unwrap_or_else(|| format!("{name}：{zh}"));
                reasons.push(json!({ "code": code, "material": m["id"], "message": message,
                    "message_en": p["message_en"].as_str().unwrap_or(en) }));
            }
            if status == "missing" && m["problems"].as_array().is_none_or(Vec::is_empty) {
                let (zh, en) = code_message("missing").unwrap_or(("", ""));
                reasons.push(json!({ "code": "missing", "material": m["id"], "message": format!("{}：{zh}", m["name_zh"].as_str().unwrap_or("")), "message_en": en }));
            }
        }
        if reasons.is_empty() {
            return Ok(rec.status.clone());
        }
        let d = NewDecision { status: "returned".into(), reasons, note: "智能预审：必需材料缺失或有问题".into(), effective_from: None };
        self.decide(&rec.receipt, "pre-review", d).await.map(|v| v["status"].as_str().unwrap_or("returned").to_string()).map_err(|(_, m)| m)
    }

    async fn last_decision(&self, receipt: &str) -> Result<Option<Decision>, sqlx::Error> {
        let sql = format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE receipt = $1 ORDER BY id DESC LIMIT 1");
        sqlx::query(AssertSqlSafe(sql)).bind(receipt).fetch_optional(self.pool()).await?.as_ref().map(decision_row).transpose()
    }

    async fn decisions(&self, receipt: &str) -> Result<Vec<Decision>, sqlx::Error> {
        let sql = format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE receipt = $1 ORDER BY id");
        sqlx::query(AssertSqlSafe(sql)).bind(receipt).fetch_all(self.pool()).await?.iter().map(decision_row).collect()
    }

    /// Appends one line to the audit log and fsyncs it.
    fn audit(&self, by: &str, what: Value) -> Result<(), String> {
        let line = json!({ "at": rfc3339(self.now_secs()), "by": by, "what": what }).to_string();
        let mut f = self.audit.lock().unwrap_or_else(|p| p.into_inner());
        f.write_all(format!("{line}\n").as_bytes()).and_then(|_| f.sync_data()).map_err(|e| format!("audit log: {e}"))
    }

    /// Records a decision (audit line first, then the row and the
    /// application's status in one transaction).
    async fn decide(&self, receipt: &str, by: &str, d: NewDecision) -> Result<Value, (StatusCode, String)> {
        let fail = |e: &dyn std::fmt::Display| (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}; nothing was recorded"));
        let Some(rec) = self.store.by_receipt(receipt).await.map_err(|e| fail(&e))? else {
            return Err((StatusCode::NOT_FOUND, format!("no application has receipt \"{}\"", clip(receipt, 80))));
        };
        let current = v11_status(&rec.status);
        let allowed: &[&str] = match current {
            "received" => &["returned", "in_review", "approved", "refused"],
            "in_review" => &["returned", "approved", "refused"],
            "returned" => &["in_review", "approved", "refused"],
            _ => &[],
        };
        if !allowed.contains(&d.status.as_str()) {
            let next = if allowed.is_empty() { "none: the decision is final".to_string() } else { allowed.join(", ") };
            return Err((StatusCode::CONFLICT, format!("the application is \"{current}\"; it can move to {next}")));
        }
        if let Some(by) = self.superseded_by(receipt).await.map_err(|e| fail(&e))? {
            return Err((StatusCode::CONFLICT, format!("the application was replaced by the resubmission \"{by}\": decide on that one")));
        }
        let now = self.now_secs();
        let day = cst_day(now);
        let meta = self.meta(receipt).await.map_err(|e| fail(&e))?;
        let result = meta.as_ref().map(|m| m.result.clone()).unwrap_or(Value::Null);
        let mut resubmit_by = None;
        let (mut effective_from, mut renewal_due) = (None, None);
        if d.status == "returned" {
            if let Some(n) = result["timeline"]["resubmit_within_working_days"].as_u64() {
                if let Ok(cal) = bundled::calendar() {
                    resubmit_by = cal.nth_working_day_after(day, n as u32).ok();
                }
            }
        }
        if d.status == "approved" {
            effective_from = d.effective_from.or_else(|| result["timeline"]["effective_from"].as_str().map(|_| day.add_days(1)));
            if let (Some(e), Some(y)) = (effective_from, meta.as_ref().and_then(|m| m.renewal_years)) {
                renewal_due = Some(e.add_months(12 * y as i32));
            }
        }
        // Each reason names its paper for people, from the region's pack.
        let pack = crate::validate::pack(&rec.pack_id).and_then(Result::ok);
        let reasons = Value::Array(
            d.reasons
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    let name = r["material"].as_str().and_then(|m| pack.as_ref()?.materials.iter().find(|x| x.id == m)).map(|x| json!({ "zh": x.name.zh, "en": x.name.en }));
                    if let Some(n) = name {
                        r["material_name"] = n;
                    }
                    r
                })
                .collect(),
        );
        let decided_at = rfc3339(now);
        self.audit(
            by,
            json!({ "action": "decision", "receipt": receipt, "from": current, "status": d.status, "reasons": reasons, "note": d.note,
                    "resubmit_by": resubmit_by.map(|x| x.to_string()), "effective_from": effective_from.map(|x| x.to_string()) }),
        )
        .map_err(|e| fail(&e))?;
        {
            let dberr = |e: sqlx::Error| fail(&db_err(&e));
            let mut tx = self.pool().begin().await.map_err(dberr)?;
            // Compare-and-set: another reviewer (on any replica) who
            // decided since we read the status makes this one a 409.
            let moved = sqlx::query("UPDATE applications SET status = $1 WHERE receipt = $2 AND status = $3")
                .bind(&d.status)
                .bind(receipt)
                .bind(&rec.status)
                .execute(&mut *tx)
                .await
                .map_err(dberr)?
                .rows_affected();
            if moved != 1 {
                drop(tx);
                return Err((StatusCode::CONFLICT, "the application was decided by someone else a moment ago: reload it and decide again".into()));
            }
            sqlx::query(
                "INSERT INTO decisions (receipt, status, reasons, note, decided_at, decided_by, resubmit_by, effective_from, renewal_due)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(receipt)
            .bind(&d.status)
            .bind(reasons.to_string())
            .bind(&d.note)
            .bind(&decided_at)
            .bind(by)
            .bind(resubmit_by.map(|x| x.to_string()))
            .bind(effective_from.map(|x| x.to_string()))
            .bind(renewal_due.map(|x| x.to_string()))
            .execute(&mut *tx)
            .await
            .map_err(dberr)?;
            // A final decision starts the retention period (--retention-days).
            if matches!(d.status.as_str(), "approved" | "refused") {
                sqlx::query("UPDATE applications SET decided_at = $1 WHERE receipt = $2 AND decided_at IS NULL").bind(&decided_at).bind(receipt).execute(&mut *tx).await.map_err(dberr)?;
            }
            tx.commit().await.map_err(dberr)?;
        }
        tracing::info!(receipt = %receipt, status = %d.status, by = %by, "decision recorded");
        let rec = self.store.by_receipt(receipt).await.map_err(|e| fail(&e))?.unwrap_or(rec);
        self.status_json(&rec).await.map_err(|e| fail(&e))
    }

    async fn superseded_by(&self, receipt: &str) -> Result<Option<String>, sqlx::Error> {
        let r = sqlx::query("SELECT receipt FROM application_meta WHERE supersedes = $1").bind(receipt).fetch_optional(self.pool()).await?;
        r.map(|r| r.try_get(0)).transpose()
    }

    async fn meta(&self, receipt: &str) -> Result<Option<Meta>, sqlx::Error> {
        let r = sqlx::query("SELECT supersedes, late, result, renewal_years FROM application_meta WHERE receipt = $1").bind(receipt).fetch_optional(self.pool()).await?;
        r.map(|r| {
            Ok(Meta {
                supersedes: r.try_get(0)?,
                late: r.try_get::<i64, _>(1)? != 0,
                result: serde_json::from_str(&r.try_get::<String, _>(2)?).unwrap_or(Value::Null),
                renewal_years: r.try_get(3)?,
            })
        })
        .transpose()
    }

    /// The public status answer (v1 fields and the v1.1 additions); no
    /// personal data.
    pub async fn status_json(&self, r: &Record) -> Result<Value, sqlx::Error> {
        let last = self.last_decision(&r.receipt).await?;
        let meta = self.meta(&r.receipt).await?;
        let superseded_by = self.superseded_by(&r.receipt).await?;
        // The decision's reasons and dates, while it is the one in force
        // (`--set-status` moves the status without a decision).
        let d = last.as_ref().filter(|d| d.status == r.status);
        Ok(json!({
            "receipt": r.receipt,
            // As stored: v1's `accepted`/`rejected` (from `--set-status`)
            // stay as they were set, for v1 clients.
            "status": r.status,
            "received_at": r.received_at,
            "pack": { "id": r.pack_id, "version": r.pack_version },
            "eligibility": r.eligibility,
            "files": r.files,
            "size": r.size,
            "reasons": d.map(|d| d.reasons.clone()).unwrap_or_else(|| json!([])),
            "resubmit_by": d.and_then(|d| d.resubmit_by.clone()),
            "decided_at": d.map(|d| d.decided_at.clone()),
            "effective_from": d.and_then(|d| d.effective_from.clone()),
            "renewal_due": d.and_then(|d| d.renewal_due.clone()),
            "supersedes": meta.as_ref().and_then(|m| m.supersedes.clone()),
            "superseded_by": superseded_by,
            "late": meta.as_ref().is_some_and(|m| m.late),
            "result_differs": !r.result_differs.is_empty(),
            "package_kept": r.purged_at.is_none(),
        }))
    }

    /// The reviewer a request's bearer token names, if any.
    fn reviewer(&self, headers: &HeaderMap) -> Option<String> {
        let given = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")?.trim().as_bytes().to_vec();
        let mut found = None;
        for t in &self.tokens {
            // Compare every byte of every token: no early exit on a mismatch.
            let same = t.secret.len() == given.len() && t.secret.iter().zip(&given).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
            if same && found.is_none() {
                found = Some(t.name.clone());
            }
        }
        found
    }
}

struct Meta {
    supersedes: Option<String>,
    late: bool,
    result: Value,
    renewal_years: Option<i64>,
}

struct NewDecision {
    status: String,
    reasons: Vec<Value>,
    note: String,
    effective_from: Option<Date>,
}

#[derive(Clone, Debug)]
struct Decision {
    status: String,
    reasons: Value,
    note: String,
    decided_at: String,
    decided_by: String,
    resubmit_by: Option<String>,
    effective_from: Option<String>,
    renewal_due: Option<String>,
}

const DECISION_COLUMNS: &str = "status, reasons, note, decided_at, decided_by, resubmit_by, effective_from, renewal_due";

fn decision_row(r: &AnyRow) -> Result<Decision, sqlx::Error> {
    Ok(Decision {
        status: r.try_get(0)?,
        reasons: serde_json::from_str(&r.try_get::<String, _>(1)?).unwrap_or_else(|_| json!([])),
        note: r.try_get(2)?,
        decided_at: r.try_get(3)?,
        decided_by: r.try_get(4)?,
        resubmit_by: r.try_get(5)?,
        effective_from: r.try_get(6)?,
        renewal_due: r.try_get(7)?,
    })
}

/// A database error, counted for `/metrics`.
fn db_err(e: &sqlx::Error) -> String {
    crate::metrics::db_error();
    format!("database: {e}")
}

/// v1's `accepted`/`rejected` (from `--set-status`) in v1.1's words.
pub fn v11_status(s: &str) -> &str {
    match s {
        "accepted" => "approved",
        "rejected" => "refused",
        s => s,
    }
}

fn clip(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The day in China Standard Time (UTC+8) at `secs` since the epoch.
pub fn cst_day(secs: i64) -> Date {
    Date::from_days((secs + 8 * 3600).div_euclid(86_400)).unwrap_or_else(|| Date::new(2026, 1, 1).expect("valid"))
}

/// RFC 3339 in UTC, to the second.
pub fn rfc3339(secs: i64) -> String {
    let d = Date::from_days(secs.div_euclid(86_400)).unwrap_or_else(|| Date::new(1970, 1, 1).expect("valid"));
    let rem = secs.rem_euclid(86_400);
    format!("{d}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

// ------------------------------------------------------------------ HTTP

fn err(status: StatusCode, path: &str, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "errors": [{ "path": path, "message": message.into() }] }))).into_response()
}

fn unauthorized() -> Response {
    let mut r = err(StatusCode::UNAUTHORIZED, "Authorization", "a reviewer's bearer token is needed (Authorization: Bearer TOKEN, from --review-token-file)");
    r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"mantetong-review\""));
    r
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, Response> {
    tokio::task::spawn_blocking(f).await.map_err(|e| err(StatusCode::INTERNAL_SERVER_ERROR, "$", format!("a worker failed: {e}")))
}

/// The back office's routes (merged into the main router).
pub fn routes<S: Clone + Send + Sync + 'static>(review: Arc<Review>) -> Router<S> {
    Router::new()
        .route("/api/v1/receiver", get(receiver))
        .route("/api/v1/applications/{receipt}", get(status))
        .route("/api/v1/applications/{receipt}/decision", post(decision).layer(DefaultBodyLimit::max(DECISION_MAX_BYTES)))
        .route("/api/v1/review/applications", get(list))
        .route("/api/v1/review/applications/{receipt}", get(detail))
        .route("/api/v1/review/applications/{receipt}/files/{name}", get(paper))
        .route("/review", get(|| async { page("text/html; charset=utf-8", REVIEW_HTML) }))
        .route("/review/review.js", get(|| async { page("text/javascript; charset=utf-8", REVIEW_JS) }))
        .route("/review/review.css", get(|| async { page("text/css; charset=utf-8", REVIEW_CSS) }))
        .with_state(review)
}

const REVIEW_HTML: &str = include_str!("review/index.html");
const REVIEW_JS: &str = include_str!("review/review.js");
const REVIEW_CSS: &str = include_str!("review/review.css");

fn page(ctype: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, ctype), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// `GET /api/v1/receiver`: who receives what is sent here (for the app to
/// name it), or that this is a demonstration server.
async fn receiver(State(rv): State<Arc<Review>>) -> Response {
    let s = &rv.settings;
    axum::Json(json!({
        "receiver": s.receiver_name.as_ref().map(|zh| json!({ "zh": zh, "en": s.receiver_name_en.clone().unwrap_or_else(|| zh.clone()) })),
        "demo": s.receiver_name.is_none(),
        "regions": s.receiver_regions,
        "review": !rv.tokens.is_empty(),
    }))
    .into_response()
}

fn etag_of(body: &[u8]) -> String {
    format!("\"{}\"", &sha256_hex(body)[..32])
}

/// A receipt from the URL, or the JSON 404 every door gives for one that is
/// not UTF-8 or not shaped like a receipt (no plain-text rejection).
fn receipt_of(r: Result<UrlPath<String>, axum::extract::rejection::PathRejection>) -> Result<String, Response> {
    match r {
        Ok(UrlPath(s)) if s.len() <= 64 && !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => Ok(s),
        _ => Err(err(StatusCode::NOT_FOUND, "receipt", "not a receipt (MTT-YYYYMMDD-16 characters)".to_string())),
    }
}

/// `GET /api/v1/applications/{receipt}` with `ETag` / `If-None-Match`.
async fn status(State(rv): State<Arc<Review>>, receipt: Result<UrlPath<String>, axum::extract::rejection::PathRejection>, headers: HeaderMap) -> Response {
    let receipt = match receipt_of(receipt) {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let r = rv.clone();
    let rc = receipt.clone();
    let got: Result<Option<Value>, String> = async move {
        match r.store.by_receipt(&rc).await.map_err(|e| e.to_string())? {
            None => Ok(None),
            Some(rec) => r.status_json(&rec).await.map(Some).map_err(|e| db_err(&e)),
        }
    }
    .await;
    match got {
        Err(e) => err(StatusCode::INTERNAL_SERVER_ERROR, "$", format!("could not read the store: {e}")),
        Ok(None) => err(StatusCode::NOT_FOUND, "receipt", format!("no application has receipt \"{}\"", clip(&receipt, 80))),
        Ok(Some(v)) => {
            let body = serde_json::to_vec(&v).unwrap_or_default();
            let tag = etag_of(&body);
            let matches = headers
                .get(header::IF_NONE_MATCH)
                .and_then(|h| h.to_str().ok())
                .is_some_and(|h| h.split(',').any(|t| t.trim() == tag || t.trim() == "*" || t.trim().strip_prefix("W/") == Some(tag.as_str())));
            let mut resp = if matches {
                StatusCode::NOT_MODIFIED.into_response()
            } else {
                ([(header::CONTENT_TYPE, "application/json")], body).into_response()
            };
            if let Ok(h) = HeaderValue::from_str(&tag) {
                resp.headers_mut().insert(header::ETAG, h);
            }
            resp
        }
    }
}

/// Parses a decision body: `{status, reasons, note, effective_from}`.
/// Reasons in the contract's code list become `{code, material?, message}`;
/// anything else is kept as the reviewer's text (`code: "other"`) and
/// listed apart in `text_reasons`.
fn parse_decision(body: &[u8]) -> Result<(NewDecision, Vec<String>), Vec<(String, String)>> {
    let mut p: Vec<(String, String)> = Vec::new();
    if body.len() > MAX_DECISION_BYTES {
        return Err(vec![("$".into(), format!("larger than {MAX_DECISION_BYTES} bytes"))]);
    }
    let v: Value = serde_json::from_slice(body).map_err(|e| vec![("$".to_string(), format!("not JSON: {e}"))])?;
    let Some(obj) = v.as_object() else { return Err(vec![("$".into(), "must be a JSON object".into())]) };
    for k in obj.keys() {
        if !["status", "reasons", "note", "effective_from"].contains(&k.as_str()) {
            p.push((clip(k, 40), "unknown field; known: status, reasons, note, effective_from".into()));
        }
    }
    let status = match obj.get("status").and_then(Value::as_str) {
        Some(s) if DECISIONS.contains(&s) => s.to_string(),
        Some(s) => {
            p.push(("status".into(), format!("\"{}\" is not a decision; one of {}", clip(s, 40), DECISIONS.join(", "))));
            String::new()
        }
        None => {
            p.push(("status".into(), format!("missing: one of {}", DECISIONS.join(", "))));
            String::new()
        }
    };
    let mut reasons = Vec::new();
    let mut text = Vec::new();
    match obj.get("reasons") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.len() > MAX_REASONS => p.push(("reasons".into(), format!("at most {MAX_REASONS} reasons"))),
        Some(Value::Array(a)) => {
            for (i, r) in a.iter().enumerate() {
                let at = format!("reasons[{i}]");
                let (code, material, message) = match r {
                    Value::String(s) => (s.trim().to_string(), None, None),
                    Value::Object(o) => (
                        o.get("code").and_then(Value::as_str).unwrap_or("").trim().to_string(),
                        o.get("material").and_then(Value::as_str).map(String::from),
                        o.get("message").and_then(Value::as_str).map(String::from),
                    ),
                    _ => {
                        p.push((at, "a code (\"unsealed\"), a text, or {code, material, message}".into()));
                        continue;
                    }
                };
                if code.is_empty() && message.as_deref().is_none_or(|m| m.trim().is_empty()) {
                    p.push((at, "empty: give a code or a text".into()));
                    continue;
                }
                if code.chars().count() > MAX_REASON_CHARS || message.as_ref().is_some_and(|m| m.chars().count() > MAX_REASON_CHARS) {
                    p.push((at, format!("longer than {MAX_REASON_CHARS} characters")));
                    continue;
                }
                if let Some(m) = &material {
                    if !mantetong_core::MATERIAL_IDS.contains(&m.as_str()) {
                        p.push((format!("{at}.material"), format!("\"{}\" is not a material id", clip(m, 40))));
                        continue;
                    }
                }
                match code_message(&code) {
                    Some((zh, en)) => reasons.push(json!({ "code": code, "material": material, "message": message.unwrap_or_else(|| zh.to_string()), "message_en": en })),
                    None => {
                        let t = if code.is_empty() { message.clone().unwrap_or_default() } else { code.clone() };
                        text.push(t.clone());
                        reasons.push(json!({ "code": "other", "material": material, "message": message.unwrap_or(t), "message_en": Value::Null }));
                    }
                }
            }
        }
        Some(_) => p.push(("reasons".into(), "must be a list".into())),
    }
    let note = match obj.get("note") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if s.chars().count() <= MAX_NOTE_CHARS => s.clone(),
        Some(Value::String(_)) => {
            p.push(("note".into(), format!("longer than {MAX_NOTE_CHARS} characters")));
            String::new()
        }
        Some(_) => {
            p.push(("note".into(), "must be a string".into()));
            String::new()
        }
    };
    let effective_from = match obj.get("effective_from") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match Date::parse(s) {
            Some(d) => Some(d),
            None => {
                p.push(("effective_from".into(), format!("\"{}\" is not a date YYYY-MM-DD", clip(s, 40))));
                None
            }
        },
        Some(_) => {
            p.push(("effective_from".into(), "must be a date YYYY-MM-DD".into()));
            None
        }
    };
    if status == "returned" && reasons.is_empty() && p.is_empty() {
        p.push(("reasons".into(), "a returned application needs at least one reason the person can act on".into()));
    }
    if !p.is_empty() {
        return Err(p);
    }
    Ok((NewDecision { status, reasons, note, effective_from }, text))
}

fn problems(status: StatusCode, list: Vec<(String, String)>) -> Response {
    let errors: Vec<Value> = list.into_iter().map(|(p, m)| json!({ "path": p, "message": m })).collect();
    (status, axum::Json(json!({ "errors": errors }))).into_response()
}

/// The most a decision's body may hold: a status, reasons and a note are a
/// few hundred bytes; more is refused before it is read in full.
pub const DECISION_MAX_BYTES: usize = 64 * 1024;

/// `POST /api/v1/applications/{receipt}/decision` (reviewers only).
async fn decision(
    State(rv): State<Arc<Review>>,
    receipt: Result<UrlPath<String>, axum::extract::rejection::PathRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let receipt = match receipt_of(receipt) {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let Some(by) = rv.reviewer(&headers) else { return unauthorized() };
    // A body too large or cut off gets the JSON error shape of every other
    // answer, not axum's plain-text rejection.
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return err(StatusCode::PAYLOAD_TOO_LARGE, "$", format!("the decision is larger than {DECISION_MAX_BYTES} bytes; send only {{status, reasons, note, effective_from}}"))
        }
        Err(e) => return err(StatusCode::BAD_REQUEST, "$", format!("the decision's body could not be read ({}); send it again", e.body_text())),
    };
    let (d, text) = match parse_decision(&body) {
        Ok(x) => x,
        Err(p) => return problems(StatusCode::UNPROCESSABLE_ENTITY, p),
    };
    match rv.decide(&receipt, &by, d).await {
        Err((code, msg)) => err(code, if code == StatusCode::NOT_FOUND { "receipt" } else { "status" }, msg),
        Ok(mut v) => {
            v["text_reasons"] = json!(text);
            axum::Json(v).into_response()
        }
    }
}

/// `GET /api/v1/review/applications?status=&region=&late=true`.
async fn list(State(rv): State<Arc<Review>>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(by) = rv.reviewer(&headers) else { return unauthorized() };
    if let Some(s) = q.get("status") {
        if !s.is_empty() && !STATUSES.contains(&s.as_str()) {
            return err(StatusCode::UNPROCESSABLE_ENTITY, "status", format!("\"{}\" is not a status; one of {}", clip(s, 40), STATUSES.join(", ")));
        }
    }
    let r = rv.clone();
    let out: Result<Vec<Value>, String> = async move {
        let all = r.store.list().await.map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for rec in all.iter().rev() {
            let v = r.status_json(rec).await.map_err(|e| db_err(&e))?;
            let keep = q.get("status").is_none_or(|s| s.is_empty() || v["status"] == s.as_str())
                && q.get("region").is_none_or(|s| s.is_empty() || rec.pack_id == *s)
                && q.get("late").is_none_or(|s| s != "true" || v["late"] == true);
            if keep {
                out.push(v);
            }
        }
        let _ = r.audit(&by, json!({ "action": "list", "filters": q }));
        Ok(out)
    }
    .await;
    match out {
        Err(e) => err(StatusCode::INTERNAL_SERVER_ERROR, "$", e),
        Ok(list) => axum::Json(json!({ "applications": list, "statuses": STATUSES, "regions": crate::validate::known_packs(),
            "reason_codes": REASON_CODES.iter().map(|(c, zh, en)| json!({ "code": c, "zh": zh, "en": en })).collect::<Vec<_>>() })).into_response(),
    }
}

async fn read_package(rv: &Review, receipt: &str) -> Result<(Record, package::Package), (StatusCode, String)> {
    let rec = rv
        .store
        .by_receipt(receipt)
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .ok_or_else(|| (StatusCode::NOT_FOUND, format!("no application has receipt \"{}\"", clip(receipt, 80))))?;
    let bytes = rv
        .store
        .package(&rec.receipt)
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, format!("the stored package: {e}")))?
        .ok_or_else(|| (StatusCode::INTERNAL_SERVER_ERROR, "the stored package: not found".to_string()))?;
    let limits = Limits { max_bytes: u64::MAX, ..rv.limits };
    blocking(move || package::read_and_verify(&bytes, &limits))
        .await
        .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, "a worker failed".to_string()))?
        .map(|pkg| (rec, pkg))
        .map_err(|p| (StatusCode::INTERNAL_SERVER_ERROR, format!("the stored package does not verify: {}", p.first().map(ToString::to_string).unwrap_or_default())))
}

/// `GET /api/v1/review/applications/{receipt}`: facts, the server's
/// evaluation, the papers and every decision.
async fn detail(State(rv): State<Arc<Review>>, receipt: Result<UrlPath<String>, axum::extract::rejection::PathRejection>, headers: HeaderMap) -> Response {
    let receipt = match receipt_of(receipt) {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let Some(by) = rv.reviewer(&headers) else { return unauthorized() };
    let r = rv.clone();
    let out: Result<Value, (StatusCode, String)> = async move {
        let (rec, pkg) = read_package(&r, &receipt).await?;
        let ise = |e: sqlx::Error| (StatusCode::INTERNAL_SERVER_ERROR, db_err(&e));
        let mut v = r.status_json(&rec).await.map_err(ise)?;
        let meta = r.meta(&receipt).await.map_err(ise)?;
        let history = r.decisions(&receipt).await.map_err(ise)?;
        v["facts"] = pkg.manifest.facts.clone();
        v["result"] = meta.map(|m| m.result).unwrap_or(Value::Null);
        v["papers"] = json!(pkg.manifest.files.iter().map(|f| json!({ "path": f.path, "name": f.path.trim_start_matches("files/"), "kind": f.kind, "type": f.media_type, "size": f.size })).collect::<Vec<_>>());
        v["decisions"] = json!(history.iter().map(|d| json!({ "status": d.status, "reasons": d.reasons, "note": d.note, "decided_at": d.decided_at,
            "decided_by": d.decided_by, "resubmit_by": d.resubmit_by, "effective_from": d.effective_from })).collect::<Vec<_>>());
        r.audit(&by, json!({ "action": "view", "receipt": receipt })).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e))?;
        Ok(v)
    }
    .await;
    match out {
        Err((c, m)) => err(c, "receipt", m),
        Ok(v) => axum::Json(v).into_response(),
    }
}

/// `GET /api/v1/review/applications/{receipt}/files/{name}`: one paper.
async fn paper(State(rv): State<Arc<Review>>, UrlPath((receipt, name)): UrlPath<(String, String)>, headers: HeaderMap) -> Response {
    let Some(by) = rv.reviewer(&headers) else { return unauthorized() };
    let r = rv.clone();
    let out: Result<(String, Vec<u8>), (StatusCode, String)> = async move {
        let (_, pkg) = read_package(&r, &receipt).await?;
        let want = format!("files/{name}");
        let i = pkg.manifest.files.iter().position(|f| f.path == want).ok_or_else(|| (StatusCode::NOT_FOUND, format!("the application has no paper \"{}\"", clip(&name, 80))))?;
        r.audit(&by, json!({ "action": "paper", "receipt": receipt, "paper": want })).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e))?;
        Ok((pkg.manifest.files[i].media_type.clone(), pkg.files[i].clone()))
    }
    .await;
    match out {
        Err((c, m)) => err(c, "name", m),
        Ok((t, bytes)) => ([(header::CONTENT_TYPE, t), (header::CONTENT_DISPOSITION, "attachment".to_string())], bytes).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_standard_time_days() {
        // 2026-11-30T16:30:00Z is 2026-12-01 00:30 in Beijing.
        let secs = Date::parse("2026-11-30").unwrap().to_days() * 86_400 + 16 * 3600 + 30 * 60;
        assert_eq!(cst_day(secs).to_string(), "2026-12-01");
        assert_eq!(rfc3339(secs), "2026-11-30T16:30:00Z");
    }

    #[test]
    fn decisions_parse_codes_text_and_refuse_bad_input() {
        let (d, text) = parse_decision(r#"{"status":"returned","reasons":["unsealed",{"code":"expired","material":"exam_reports"},"请补充近三个月的检查报告"],"note":"x"}"#.as_bytes()).unwrap();
        assert_eq!(d.status, "returned");
        assert_eq!(d.reasons.len(), 3);
        assert_eq!(d.reasons[1]["material"], "exam_reports");
        assert_eq!(d.reasons[2]["code"], "other");
        assert_eq!(text, vec!["请补充近三个月的检查报告".to_string()]);
        let bad = |b: &str, want: &str| {
            let e = parse_decision(b.as_bytes()).err().unwrap_or_default();
            assert!(e.iter().any(|(p, m)| format!("{p}: {m}").starts_with(want)), "{b}: {e:?}");
        };
        bad(r#"{"status":"received"}"#, "status: \"received\" is not a decision");
        bad(r#"{"status":"lost"}"#, "status: \"lost\" is not a decision");
        bad(r#"{"reasons":[]}"#, "status: missing");
        bad(r#"{"status":"returned"}"#, "reasons: a returned application needs");
        bad(r#"{"status":"returned","reasons":[{"code":"unsealed","material":"passport"}]}"#, "reasons[0].material");
        bad(r#"{"status":"approved","effective_from":"2026-13-01"}"#, "effective_from");
        bad(r#"{"status":"approved","extra":1}"#, "extra: unknown field");
        bad("[1]", "$: must be a JSON object");
    }
}
