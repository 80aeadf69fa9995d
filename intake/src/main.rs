//! `mantetong-intake --listen 127.0.0.1:8080 --data DIR [--static dist]
//! [--database postgres://…] [--store s3://bucket/prefix]`

use clap::Parser;
use mantetong_core::package::Limits;
use mantetong_intake::Config;
use std::path::PathBuf;
use std::process::ExitCode;

/// Reference intake server for mantetong application packages (protocol v1).
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Address to listen on; port 0 picks a free one (the "listening" log line tells which).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Folder for the database and the stored packages (created if missing, 0700); with
    /// --database and --store it keeps only this replica's reviewers' audit log.
    #[arg(long, required_unless_present = "inspect")]
    data: Option<PathBuf>,
    /// PostgreSQL for the metadata, shared by any number of replicas: postgres://USER@HOST/DB
    /// (the password from PGPASSWORD, not the command line). Also from MANTETONG_DATABASE.
    /// Default: SQLite in --data, one process.
    #[arg(long)]
    database: Option<String>,
    /// S3-compatible storage for the package bytes: s3://BUCKET/PREFIX, with the endpoint, region
    /// and credentials from AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
    /// Also from MANTETONG_STORE. Default: the folder --data.
    #[arg(long)]
    store: Option<String>,
    /// Also serve the built app from this folder (dist/), with its CSP.
    #[arg(long = "static")]
    static_dir: Option<PathBuf>,
    /// An origin allowed to call the API from a browser (CORS); repeatable. None by default.
    #[arg(long = "allow-origin")]
    allow_origin: Vec<String>,
    /// A CSP frame-ancestors source ('self', https://portal.example); repeatable. Default 'none'.
    #[arg(long = "frame-ancestors")]
    frame_ancestors: Vec<String>,
    /// An extra CSP connect-src source (an intake endpoint on another origin); repeatable.
    #[arg(long = "connect-src")]
    connect_src: Vec<String>,
    /// Largest request body (package) in bytes.
    #[arg(long, default_value_t = Limits::default().max_bytes)]
    max_body_bytes: u64,
    /// Most files in one package.
    #[arg(long, default_value_t = Limits::default().max_files)]
    max_files: usize,
    /// Largest single file in a package, in bytes.
    #[arg(long, default_value_t = Limits::default().max_file_bytes)]
    max_file_bytes: u64,
    /// Seconds a submission's body may stall before it is answered 408 (while a body
    /// arrives, this applies rather than --idle-timeout-secs).
    #[arg(long, default_value_t = 60)]
    body_timeout_secs: u64,
    /// Seconds within which a submission's whole body must arrive (a total deadline).
    #[arg(long, default_value_t = 300)]
    body_deadline_secs: u64,
    /// Submissions received at once; more are answered 503 with Retry-After.
    #[arg(long, default_value_t = 16)]
    max_concurrent: usize,
    /// Submissions received at once from one client address.
    #[arg(long, default_value_t = 4)]
    max_per_client: usize,
    /// Open connections in all; more are answered 503 and closed.
    #[arg(long, default_value_t = 1024)]
    max_connections: usize,
    /// Open connections from one client address.
    #[arg(long, default_value_t = 64)]
    max_connections_per_client: usize,
    /// Seconds within which a request's whole header block must arrive.
    #[arg(long, default_value_t = 10)]
    header_timeout_secs: u64,
    /// Seconds a connection may stay silent (keep-alive included) before it is closed; a
    /// submission's body has its own timers (--body-timeout-secs, --body-deadline-secs).
    #[arg(long, default_value_t = 30)]
    idle_timeout_secs: u64,
    /// Delete an application's package bytes this many days after its decision
    /// (accepted or rejected), keeping its receipt, status and an audit entry. Default: keep.
    #[arg(long)]
    retention_days: Option<f64>,
    /// Read FILE with the package reader and print its entries (name, size, sha256)
    /// or its problems as JSON, then exit (0 if it verifies, 1 if not).
    #[arg(long, value_name = "FILE")]
    inspect: Option<PathBuf>,
    /// The receiver's official name, shown to people before they send (e.g. 临汾市医疗保障局).
    /// Without it the app calls this server a demonstration server, not the insurance bureau.
    #[arg(long = "receiver-name")]
    receiver_name: Option<String>,
    /// The receiver's name in English.
    #[arg(long = "receiver-name-en", requires = "receiver_name")]
    receiver_name_en: Option<String>,
    /// A region (pack id) this receiver takes; repeatable. Default: every bundled region.
    #[arg(long = "receiver-region")]
    receiver_region: Vec<String>,
    /// File of reviewers' bearer tokens, one NAME:TOKEN a line, mode 600; enables the reviewer API and /review.
    #[arg(long = "review-token-file")]
    review_token_file: Option<PathBuf>,
    /// Run the rules core's pre-review on arrival and return an application at once when a
    /// required paper is missing or has a problem (always on with --receiver-name).
    #[arg(long = "pre-review")]
    pre_review: bool,
    /// Read the region packs from DIR at start (every `*.json` but index.json, validated
    /// as the bundled ones are) instead of the packs built in: a city dropped in as a
    /// data file is evaluated after a restart, with no rebuild. Also MANTETONG_REGIONS.
    #[arg(long, value_name = "DIR")]
    regions: Option<PathBuf>,
    /// With PostgreSQL (replicas): a package object without a row is removed once this many
    /// seconds old (an upload another replica is still committing is younger).
    #[arg(long, default_value_t = 900)]
    orphan_grace_secs: u64,
    /// SQLite: write a consistent copy of the database (online, VACUUM INTO) and then of the
    /// package folder into this new folder, beside a running server, and exit. Restore: start
    /// the intake with --data on the copy. (PostgreSQL: pg_dump, then the bucket; see docs/deployment.md.)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["list", "set_status"])]
    backup: Option<PathBuf>,
    /// Print every stored application as JSON lines and exit (safe beside a running server).
    #[arg(long, conflicts_with = "set_status")]
    list: bool,
    /// Read every kept package back from the store and compare it with its row's SHA-256; print
    /// {"applications", "missing", "mismatched"} and exit 0 if every one is there and intact, else 1.
    #[arg(long, conflicts_with_all = ["list", "set_status", "backup"])]
    verify: bool,
    /// Move an application to another status (received, returned, in_review, approved, refused;
    /// v1's accepted, rejected) and exit. Reviewers' decisions with reasons go through the API.
    #[arg(long, value_name = "RECEIPT=STATUS")]
    set_status: Option<String>,
}

/// `--list` and `--set-status`: the back office's two verbs.
async fn admin(args: &Args) -> Option<ExitCode> {
    use mantetong_intake::store::{Location, Store};
    if !args.list && !args.verify && args.set_status.is_none() && args.backup.is_none() {
        return None;
    }
    let fail = |msg: String| {
        eprintln!("mantetong-intake: {msg}");
        Some(ExitCode::from(2))
    };
    let data = args.data.clone().unwrap_or_default();
    let at = Location { data: data.clone(), database: args.database.clone(), store: args.store.clone() };
    let store = match Store::open_admin(&at).await {
        Ok(s) => s,
        Err(e) => return fail(format!("--data {}: {e}", data.display())),
    };
    if let Some(dest) = &args.backup {
        return match store.backup(dest).await {
            Ok(n) => {
                println!("{}", serde_json::json!({"backup": dest, "applications": n}));
                Some(ExitCode::SUCCESS)
            }
            Err(e) => fail(format!("--backup {}: {e}", dest.display())),
        };
    }
    if args.verify {
        let all = match store.list().await {
            Ok(a) => a,
            Err(e) => return fail(e.to_string()),
        };
        let (mut missing, mut mismatched) = (Vec::new(), Vec::new());
        for r in all.iter().filter(|r| r.purged_at.is_none()) {
            match store.package(&r.receipt).await {
                Ok(Some(b)) if mantetong_core::package::sha256_hex(&b) == r.body_sha256 => {}
                Ok(Some(_)) => mismatched.push(r.receipt.clone()),
                Ok(None) => missing.push(r.receipt.clone()),
                Err(e) => return fail(format!("--verify: {e}")),
            }
        }
        println!("{}", serde_json::json!({"applications": all.len(), "missing": missing, "mismatched": mismatched}));
        return Some(if missing.is_empty() && mismatched.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    if args.list {
        let all = match store.list().await {
            Ok(a) => a,
            Err(e) => return fail(e.to_string()),
        };
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for r in all {
            let line = serde_json::json!({
                "receipt": r.receipt, "idempotency_key": r.idempotency_key, "status": r.status,
                "received_at": r.received_at, "pack": { "id": r.pack_id, "version": r.pack_version },
                "eligibility": r.eligibility, "files": r.files, "size": r.size,
                "result_differs": r.result_differs, "decided_at": r.decided_at, "purged_at": r.purged_at,
                "package": if r.purged_at.is_some() { None } else { Some(store.package_location(&r.receipt)) },
                "sha256": r.body_sha256,
            });
            // A reader that went away (| head) ends the listing quietly.
            if writeln!(out, "{line}").is_err() {
                break;
            }
        }
        return Some(ExitCode::SUCCESS);
    }
    let arg = args.set_status.as_deref().unwrap_or("");
    let Some((receipt, status)) = arg.split_once('=') else {
        return fail(format!("--set-status: \"{arg}\" is not RECEIPT=STATUS"));
    };
    match store.set_status(receipt, status).await {
        Ok(true) => Some(ExitCode::SUCCESS),
        Ok(false) => fail(format!("--set-status: no application has receipt \"{receipt}\"")),
        Err(e) => fail(format!("--set-status: {e}")),
    }
}

/// `--inspect FILE`: what the server's package reader sees in FILE.
fn inspect(file: &std::path::Path, args: &Args) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("mantetong-intake: --inspect {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let limits = Limits { max_bytes: args.max_body_bytes, max_files: args.max_files, max_file_bytes: args.max_file_bytes };
    let archive = mantetong_core::package::read_archive(&bytes, limits.max_files.saturating_add(2));
    let entries: Vec<serde_json::Value> = archive
        .iter()
        .flatten()
        .map(|e| serde_json::json!({"name": e.name, "size": e.data.len(), "sha256": mantetong_core::package::sha256_hex(e.data)}))
        .collect();
    match mantetong_intake::validate::read_package(&bytes, &limits) {
        Ok(_) => {
            println!("{}", serde_json::json!({"verified": true, "entries": entries}));
            ExitCode::SUCCESS
        }
        Err(p) => {
            println!("{}", serde_json::json!({"verified": false, "entries": entries, "errors": p}));
            ExitCode::from(1)
        }
    }
}

/// Warns when `--data` is on a network or FUSE filesystem: its permissions
/// and locks may not hold there, and others may read it.
fn warn_if_shared(data: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let probe = if data.exists() { data.to_path_buf() } else { data.parent().map(|p| if p.as_os_str().is_empty() { std::path::Path::new(".") } else { p }).unwrap_or(std::path::Path::new(".")).to_path_buf() };
    let Ok(c) = std::ffi::CString::new(probe.as_os_str().as_bytes()) else { return };
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: c is a valid C string and st a valid out-pointer.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return;
    }
    let kind = match st.f_type as i64 {
        0x6969 => "NFS",
        0x517B => "SMB",
        0xFF53_4D42 => "CIFS",
        0xFE53_4D42 => "SMB2",
        0x6573_5546 => "FUSE",
        0x0102_1997 => "9p",
        0x5346_414F => "AFS",
        0x0BD0_0BD0 => "Lustre",
        _ => return,
    };
    tracing::warn!(data = %data.display(), filesystem = kind, "--data is on a shared filesystem: file permissions and the lock may not protect the packages there; use a local disk");
    eprintln!("mantetong-intake: warning: --data {} is on a shared filesystem ({kind}); use a local disk", data.display());
}

async fn shutdown_signal() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Reads and validates every pack in `dir` (see `--regions`) and makes the
/// server use them; each problem names its file and JSON path.
fn load_regions(dir: &std::path::Path) -> Result<(), Vec<String>> {
    let shown = dir.display();
    let entries = std::fs::read_dir(dir).map_err(|e| vec![format!("{shown}: cannot read: {e}")])?;
    let mut files = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.ends_with(".json") || name == "index.json" {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).map_err(|err| vec![format!("{shown}/{name}: cannot read: {err}")])?;
        files.push((name, text));
    }
    files.sort();
    if files.is_empty() {
        return Err(vec![format!("{shown}: no *.json packs in it")]);
    }
    let packs = mantetong_core::bundled::packs_from_files(&files).map_err(|ps| ps.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    mantetong_intake::validate::use_packs(packs);
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = Args::parse();
    // The back-office verbs print their answer (one JSON row per line for
    // `--list`) on stdout, so their logs (sqlx's slow-statement warnings on
    // a busy machine, say) go to stderr, never into the listing. The server
    // logs on stdout as before.
    let back_office = args.list || args.verify || args.set_status.is_some() || args.backup.is_some();
    let logs = tracing_subscriber::fmt()
        .json()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx::postgres::notice=warn".into()))
        .with_current_span(false);
    if back_office {
        logs.with_writer(std::io::stderr).init();
    } else {
        logs.init();
    }
    if args.database.is_none() {
        args.database = std::env::var("MANTETONG_DATABASE").ok().filter(|v| !v.is_empty());
    }
    if args.store.is_none() {
        args.store = std::env::var("MANTETONG_STORE").ok().filter(|v| !v.is_empty());
    }
    if let Some(file) = &args.inspect {
        return inspect(file, &args);
    }
    // Bodies (up to 20 MB) are allocated and freed per request: keep every
    // allocation of 1 MiB or more in its own mapping, returned to the system
    // when freed, instead of letting glibc raise the threshold and keep the
    // freed bodies in its heap (RSS that never comes down after a burst).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called before any thread starts serving.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
    // Everything the server writes is private: packages hold ID-card scans.
    // SAFETY: umask only sets the process's file creation mask.
    unsafe {
        libc::umask(0o077);
    }
    let env_regions = std::env::var_os("MANTETONG_REGIONS").map(PathBuf::from);
    if let Some(dir) = args.regions.as_deref().or(env_regions.as_deref()).filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = load_regions(dir) {
            for line in e {
                eprintln!("mantetong-intake: --regions: {line}");
            }
            return ExitCode::from(2);
        }
    }
    if let Some(code) = admin(&args).await {
        return code;
    }
    let data = args.data.clone().unwrap_or_default();
    warn_if_shared(&data);
    let mut config = Config::new(data);
    config.database = args.database;
    config.store = args.store;
    config.orphan_grace = std::time::Duration::from_secs(args.orphan_grace_secs);
    config.static_dir = args.static_dir;
    config.allow_origins = args.allow_origin;
    config.frame_ancestors = args.frame_ancestors;
    config.connect_src = args.connect_src;
    config.limits = Limits { max_bytes: args.max_body_bytes, max_files: args.max_files, max_file_bytes: args.max_file_bytes };
    config.body_idle_timeout = std::time::Duration::from_secs(args.body_timeout_secs.max(1));
    config.max_concurrent_submissions = args.max_concurrent.max(1);
    config.body_deadline = std::time::Duration::from_secs(args.body_deadline_secs.max(1));
    config.max_submissions_per_client = args.max_per_client.max(1);
    config.conn.max_connections = args.max_connections.max(1);
    config.conn.max_connections_per_client = args.max_connections_per_client.max(1);
    config.conn.header_timeout = std::time::Duration::from_secs(args.header_timeout_secs.max(1));
    config.conn.idle_timeout = std::time::Duration::from_secs(args.idle_timeout_secs.max(1));
    if let Some(d) = args.retention_days {
        if !(d.is_finite() && d >= 0.0) {
            eprintln!("mantetong-intake: --retention-days: {d} is not a number of days (0 or more)");
            return ExitCode::from(2);
        }
        config.retention = Some(std::time::Duration::from_secs_f64(d * 86_400.0));
    }
    config.review.pre_review = args.pre_review || args.receiver_name.is_some();
    config.review.receiver_name = args.receiver_name;
    config.review.receiver_name_en = args.receiver_name_en;
    config.review.receiver_regions = args.receiver_region;
    config.review.review_token_file = args.review_token_file;
    let listener = match tokio::net::TcpListener::bind(&args.listen).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(listen = %args.listen, error = %e, "cannot listen");
            eprintln!("mantetong-intake: --listen {}: {e}", args.listen);
            return ExitCode::from(2);
        }
    };
    match mantetong_intake::serve(listener, config, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "cannot serve");
            eprintln!("mantetong-intake: {e}");
            ExitCode::from(2)
        }
    }
}
