//! Who receives an application sent from here, if anyone (issue 12).
//!
//! Architecture invariant: **never claim what did not happen.** An online
//! send exists only where a receiving endpoint is configured — by the pack
//! (an `online` channel with an endpoint and the receiver's official name),
//! by the host portal (`endpoint` with `receiver`), or by the deployment
//! (the intake's `--receiver-name`, read from `GET …/receiver`) — and the
//! page always names who receives it. The reference server without a
//! receiver name is a demonstration server, and is called one.

use mantetong_core::pack::{ChannelKind, Pack};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Receiver {
    /// An official receiver, by its name.
    Named { zh: String, en: String, endpoint: String },
    /// The reference intake without `--receiver-name`: a demonstration
    /// server, not the insurance bureau.
    Demo { endpoint: String },
    /// An endpoint a host portal configured without naming who receives.
    Unnamed { endpoint: String },
    /// No online send for this region here.
    Nobody,
}

impl Receiver {
    pub fn endpoint(&self) -> Option<&str> {
        match self {
            Receiver::Named { endpoint, .. } | Receiver::Demo { endpoint } | Receiver::Unnamed { endpoint } => Some(endpoint),
            Receiver::Nobody => None,
        }
    }
}

// What `GET {base}/receiver` says, by URL (asked once per page load).
thread_local!(static INFO: RefCell<HashMap<String, Option<Value>>> = RefCell::new(HashMap::new()));

/// `…/applications` → `…/receiver`.
pub fn info_url(endpoint: &str) -> Option<String> {
    endpoint.trim_end_matches('/').strip_suffix("/applications").map(|b| format!("{b}/receiver"))
}

async fn info(endpoint: &str) -> Option<Value> {
    let url = info_url(endpoint)?;
    if let Some(v) = INFO.with(|m| m.borrow().get(&url).cloned()) {
        return v;
    }
    let got = async {
        let resp = gloo_net::http::Request::get(&url).send().await.ok()?;
        if !resp.ok() {
            return None;
        }
        serde_json::from_str::<Value>(&resp.text().await.ok()?).ok()
    }
    .await;
    INFO.with(|m| m.borrow_mut().insert(url, got.clone()));
    got
}

/// Reads a receiver answer for `region` (pure, for tests).
pub fn from_info(v: Option<&Value>, region: &str, endpoint: &str, host_configured: bool) -> Receiver {
    let endpoint = endpoint.to_string();
    let Some(v) = v else {
        return if host_configured { Receiver::Unnamed { endpoint } } else { Receiver::Nobody };
    };
    let regions: Vec<&str> = v.get("regions").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    if !regions.is_empty() && !regions.contains(&region) {
        return Receiver::Nobody;
    }
    match v.get("receiver").and_then(|r| r.get("zh")).and_then(Value::as_str) {
        Some(zh) if !zh.trim().is_empty() => Receiver::Named {
            zh: zh.to_string(),
            en: v.pointer("/receiver/en").and_then(Value::as_str).unwrap_or(zh).to_string(),
            endpoint,
        },
        _ => Receiver::Demo { endpoint },
    }
}

/// Who receives an application for `pack`'s region sent from this page.
pub async fn resolve(pack: &Pack) -> Receiver {
    // 1. The pack's own online channel, with its receiver's name.
    for c in &pack.channels {
        if let (ChannelKind::Online, Some(e), Some(r)) = (c.kind, &c.endpoint, &c.receiver) {
            return Receiver::Named { zh: r.zh.to_string(), en: r.en.to_string(), endpoint: e.to_string() };
        }
    }
    // 2. A host portal's endpoint (and the name it gives).
    let host = crate::embed::config();
    if let Some(e) = host.endpoint {
        // The portal names the receiver in its configuration; else a
        // protocol endpoint (`…/api/v1/applications`, the widget's default)
        // is asked; a portal's own gateway is not (it need not answer), and
        // the page says the receiver is not named.
        if let Some(r) = host.receiver {
            return Receiver::Named { zh: r.clone(), en: r, endpoint: e };
        }
        if !e.trim_end_matches('/').ends_with("/api/v1/applications") {
            return Receiver::Unnamed { endpoint: e };
        }
        let v = info(&e).await;
        return from_info(v.as_ref(), &pack.id, &e, true);
    }
    // 3. The deployment: the intake this page came from (or a meta tag's).
    let e = crate::submit::endpoint();
    let v = info(&e).await;
    from_info(v.as_ref(), &pack.id, &e, false)
}
