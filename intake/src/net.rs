//! The accept loop: connection caps, per-client fairness and timeouts, so
//! slow or idle clients cannot hold what honest ones need.
//!
//! - **Total connections** are capped (`max_connections`); past the cap a
//!   new connection gets a one-line `503` JSON answer and is closed.
//! - **Per client** (remote IP address) connections are capped
//!   (`max_connections_per_client`), and so are submissions being received
//!   at once (`max_submissions_per_client`, checked in the handler): one
//!   address can never take every submission slot.
//! - **Header block**: it must arrive whole within `header_timeout` (a
//!   total deadline, not an idle timer) and be at most [`MAX_HEADER_BYTES`]
//!   (request line and headers, counted exactly, however fast they come;
//!   hyper answers a bare `431` beyond it, before any handler runs).
//! - **Idle**: a connection on which nothing is read or written for
//!   `idle_timeout` is closed (keep-alive sockets included) — except while
//!   a submission's body is being received ([`BodyTimers`]): then the
//!   handler's own timers apply (`body_idle_timeout`, `body_deadline`) and
//!   a stalled upload is answered `408` in JSON, not cut off.
//! - **Lifetime**: a connection is asked to close after `connection_lifetime`
//!   (it finishes the request in flight).
//! - The body has its own total deadline (`body_deadline`, in the handler).

use axum::extract::Request;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// The remote address of the request's connection (a request extension).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

/// How many of something each client holds; a slot is given back when its
/// [`Slot`] is dropped.
#[derive(Clone, Default)]
pub struct PerClient(Arc<Mutex<HashMap<IpAddr, usize>>>);

pub struct Slot {
    map: PerClient,
    ip: IpAddr,
}

impl PerClient {
    /// A slot for `ip` if it holds fewer than `max`.
    pub fn take(&self, ip: IpAddr, max: usize) -> Option<Slot> {
        let mut m = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = m.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Slot { map: self.clone(), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut m = self.map.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = m.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                m.remove(&self.ip);
            }
        }
    }
}

/// Whether a handler is receiving its request's body under timers of its
/// own (a submission: `body_idle_timeout` and `body_deadline`, both
/// bounded). While it is, the connection's idle timer does not cut the
/// connection: the handler answers a stalled body `408` itself. One per
/// connection, in each request's extensions.
#[derive(Clone, Debug, Default)]
pub struct BodyTimers(Arc<AtomicBool>);

/// Holds [`BodyTimers`] until dropped.
pub struct BodyTimersHeld(Arc<AtomicBool>);

impl BodyTimers {
    /// The handler's timers govern the body from now until the guard is dropped.
    pub fn hold(&self) -> BodyTimersHeld {
        self.0.store(true, Ordering::SeqCst);
        BodyTimersHeld(self.0.clone())
    }
    fn held(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

impl Drop for BodyTimersHeld {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// A stream that fails its reads once nothing has been read or written for
/// `idle` (unless a handler holds [`BodyTimers`]).
struct IdleIo {
    inner: TcpStream,
    idle: Duration,
    timer: Pin<Box<Sleep>>,
    body: BodyTimers,
}

impl IdleIo {
    fn new(inner: TcpStream, idle: Duration, body: BodyTimers) -> IdleIo {
        IdleIo { inner, idle, timer: Box::pin(tokio::time::sleep(idle)), body }
    }
    fn touch(&mut self) {
        let at = Instant::now() + self.idle;
        self.timer.as_mut().reset(at);
    }
}

impl AsyncRead for IdleIo {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    self.touch();
                }
                Poll::Ready(r)
            }
            Poll::Pending => loop {
                match self.timer.as_mut().poll(cx) {
                    // A submission's body: its handler's timers decide (and
                    // answer 408); re-arm, and poll the new timer so that it
                    // wakes this task.
                    Poll::Ready(()) if self.body.held() => self.touch(),
                    Poll::Ready(()) => return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "idle connection"))),
                    Poll::Pending => return Poll::Pending,
                }
            },
        }
    }
}

impl AsyncWrite for IdleIo {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The largest request header block (request line, headers and the blank
/// line) in bytes; a larger one is answered `431`.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Connection settings (see the module documentation).
#[derive(Clone, Debug)]
pub struct ConnLimits {
    pub max_connections: usize,
    pub max_connections_per_client: usize,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub connection_lifetime: Duration,
}

impl Default for ConnLimits {
    fn default() -> ConnLimits {
        ConnLimits {
            max_connections: 1024,
            max_connections_per_client: 64,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            connection_lifetime: Duration::from_secs(600),
        }
    }
}

/// The whole answer to a connection over a cap.
fn busy() -> Vec<u8> {
    let body = r#"{"errors": [{"path": "$", "message": "too many connections; retry in a moment (Retry-After)"}]}"#;
    format!("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 2\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Serves `router` on `listener` with the limits, until `shutdown`; then
/// stops accepting, asks every connection to close after its request in
/// flight, and waits for them.
pub async fn serve(listener: tokio::net::TcpListener, router: Router, limits: ConnLimits, shutdown: impl Future<Output = ()> + Send + 'static) {
    let busy: Arc<[u8]> = busy().into();
    let total = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let per_client = PerClient::default();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (mut stream, peer) = tokio::select! {
            _ = &mut shutdown => break,
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // Out of descriptors or similar: wait instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let ip = peer.ip();
        let (Ok(permit), Some(slot)) = (total.clone().try_acquire_owned(), per_client.take(ip, limits.max_connections_per_client)) else {
            let busy = busy.clone();
            tokio::spawn(async move {
                let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(&busy)).await;
            });
            continue;
        };
        let _ = stream.set_nodelay(true);
        let body_timers = BodyTimers::default();
        let timers = body_timers.clone();
        let svc = router.clone().map_request(move |mut req: Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ClientAddr(ip));
            req.extensions_mut().insert(timers.clone());
            req.map(axum::body::Body::new)
        });
        let svc = hyper_util::service::TowerToHyperService::new(svc);
        let limits = limits.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let _hold = (permit, slot);
            let io = TokioIo::new(IdleIo::new(stream, limits.idle_timeout, body_timers));
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                // The read buffer alone bounds a header block only when it
                // arrives in pieces (a block read at once could be bigger).
                .max_buf_size(MAX_HEADER_BYTES)
                .max_header_size(MAX_HEADER_BYTES)
                .serve_connection(io, svc);
            tokio::pin!(conn);
            let lifetime = tokio::time::sleep(limits.connection_lifetime);
            tokio::pin!(lifetime);
            tokio::select! {
                _ = conn.as_mut() => return,
                _ = stop.wait_for(|s| *s) => {}
                _ = &mut lifetime => {}
            }
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection holds a permit until it is done.
    let _ = total.acquire_many(limits.max_connections.max(1) as u32).await;
}
