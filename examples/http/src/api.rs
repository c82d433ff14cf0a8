//! The routes, the workspaces an instance holds, and the error mapping.
//!
//! Store calls are blocking (the synchronous PostgreSQL client): every
//! request runs them on tokio's blocking pool (`spawn_blocking`).

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use clientcare::{Actor, Command, CustomerId, Meta, SearchQuery};
use clientcare_store::{random_ids, PgStore, StoreError, Stored};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// One workspace as this instance holds it.
type Shared = Arc<Mutex<Stored<PgStore>>>;

/// What every request shares: the database and the workspaces opened so far.
#[derive(Debug)]
pub struct App {
    url: String,
    open: Mutex<HashMap<String, Shared>>,
}

impl App {
    pub fn new(url: String) -> Self {
        Self {
            url,
            open: Mutex::new(HashMap::new()),
        }
    }

    /// The workspace `name`, opened from the store on first use.
    fn workspace(&self, name: &str) -> Result<Shared, ApiError> {
        if let Some(ws) = self.lock_open().get(name) {
            return Ok(ws.clone());
        }
        // Opened outside the map's lock (it reads the whole log).
        let store = PgStore::connect(&self.url)?;
        let ws = Arc::new(Mutex::new(Stored::open(store, name, random_ids())?));
        Ok(self
            .lock_open()
            .entry(name.to_owned())
            .or_insert(ws)
            .clone())
    }

    fn opened(&self, name: &str) -> Option<Shared> {
        self.lock_open().get(name).cloned()
    }

    fn lock_open(&self) -> std::sync::MutexGuard<'_, HashMap<String, Shared>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on workspace `name`, caught up with every other writer first.
    fn with<T>(
        &self,
        name: &str,
        f: impl FnOnce(&mut Stored<PgStore>) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let ws = self.workspace(name)?;
        let mut ws = ws.lock().unwrap_or_else(PoisonError::into_inner);
        ws.refresh()?;
        f(&mut ws)
    }
}

/// Keeps open workspaces fresh: a thread that listens for the store's
/// notifications and catches up the workspaces they name. Requests catch up
/// anyway (one indexed query); this makes that usually a no-op.
pub fn spawn_listener(app: Arc<App>) {
    std::thread::spawn(move || loop {
        let mut listener = match PgStore::connect(&app.url).and_then(|s| s.listener()) {
            Ok(l) => l,
            Err(_) => {
                std::thread::sleep(Duration::from_secs(1));
                continue;
            }
        };
        while let Ok(notices) = listener.wait(Duration::from_secs(5)) {
            for n in notices {
                if let Some(ws) = app.opened(&n.workspace) {
                    let mut ws = ws.lock().unwrap_or_else(PoisonError::into_inner);
                    if ws.workspace().seq() < n.head {
                        // A failure here is seen (and reported) by the next request.
                        let _ = ws.refresh();
                    }
                }
            }
        }
    });
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/workspaces/{ws}/commands", post(command))
        .route("/workspaces/{ws}/customers/{id}", get(customer))
        .route("/workspaces/{ws}/search", get(search))
        .route("/workspaces/{ws}/events", get(events))
        .route("/workspaces/{ws}/seq", get(seq))
        .with_state(app)
}

/// An error answer: `{"code": ..., "message": ...}` with the status its code
/// maps to.
#[derive(Debug)]
pub struct ApiError {
    code: String,
    message: String,
}

impl ApiError {
    fn invalid(message: impl Into<String>) -> Self {
        Self {
            code: "invalid_input".into(),
            message: message.into(),
        }
    }

    fn status(&self) -> StatusCode {
        match self.code.as_str() {
            "invalid_input" => StatusCode::UNPROCESSABLE_ENTITY,
            "not_found" => StatusCode::NOT_FOUND,
            "conflict" | "invalid_transition" => StatusCode::CONFLICT,
            "storage" => StatusCode::SERVICE_UNAVAILABLE,
            "corrupt_log" | "corrupt_snapshot" | "corrupt_store" | "internal" => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        Self {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

impl From<clientcare::Error> for ApiError {
    fn from(e: clientcare::Error) -> Self {
        Self {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        (
            status,
            Json(json!({"code": self.code, "message": self.message})),
        )
            .into_response()
    }
}

/// Runs blocking work on the blocking pool and answers with its JSON.
async fn blocking(
    app: Arc<App>,
    f: impl FnOnce(&App) -> Result<Value, ApiError> + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(move || f(&app)).await {
        Ok(Ok(v)) => (StatusCode::OK, Json(v)).into_response(),
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError {
            code: "internal".into(),
            message: format!("the request failed: {e}"),
        }
        .into_response(),
    }
}

/// How many times a command that lost every race is tried again.
const RACE_ATTEMPTS: u32 = 4;

/// A pause of up to `attempt` milliseconds, different for each caller.
fn jitter(attempt: u32) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    Duration::from_micros(u64::from(nanos % (1000 * attempt.max(1))))
}

/// Reads the command, its time and its actor from a request body.
fn read_command(body: &[u8]) -> Result<(Meta, Command), ApiError> {
    let mut v: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid(format!("the body is not JSON: {e}")))?;
    let obj = v.as_object_mut().ok_or_else(|| {
        ApiError::invalid(
            "the body must be a command object: {\"type\": \"register_customer\", ...}",
        )
    })?;
    let at = match obj.remove("at") {
        None | Some(Value::Null) => Utc::now(),
        Some(Value::String(s)) => DateTime::parse_from_rfc3339(&s)
            .map_err(|e| {
                ApiError::invalid(format!(
                    "at: {s:?} is not an RFC 3339 time with an offset ({e}), such as 2026-11-02T09:00:00+07:00"
                ))
            })?
            .with_timezone(&Utc),
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "at: expected an RFC 3339 string, got {other}"
            )))
        }
    };
    let actor = match obj.remove("actor") {
        None | Some(Value::Null) => Actor::System,
        Some(a) => serde_json::from_value::<Actor>(a).map_err(|e| {
            ApiError::invalid(format!(
                "actor: {e}; expected {{\"kind\": \"agent\", \"id\": \"...\"}} or {{\"kind\": \"system\"}}"
            ))
        })?,
    };
    Ok((Meta { at, actor }, Command::from_json(&v)?))
}

async fn command(State(app): State<Arc<App>>, Path(ws): Path<String>, body: Bytes) -> Response {
    blocking(app, move |app| {
        let (meta, command) = read_command(&body)?;
        // `Stored::execute` retries a lost race itself; a writer that keeps
        // losing to faster ones (they need no catch-up) backs off a little,
        // lock released, and tries again before answering 409.
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = app.with(&ws, |s| match s.execute(meta, command.clone()) {
                Ok(outcome) => Ok(Ok(json!({"outcome": outcome, "seq": s.workspace().seq()}))),
                Err(e @ StoreError::Conflict { .. }) => Ok(Err(e)),
                Err(e) => Err(e.into()),
            })?;
            match result {
                Ok(answer) => return Ok(answer),
                Err(e) if attempt >= RACE_ATTEMPTS => return Err(e.into()),
                Err(_) => std::thread::sleep(jitter(attempt)),
            }
        }
    })
    .await
}

async fn customer(State(app): State<Arc<App>>, Path((ws, id)): Path<(String, String)>) -> Response {
    blocking(app, move |app| {
        let id: CustomerId = id.parse()?;
        app.with(&ws, |s| {
            let c = s.workspace().customer(id)?;
            serde_json::to_value(c).map_err(|e| ApiError::invalid(e.to_string()))
        })
    })
    .await
}

fn number(q: &HashMap<String, String>, key: &str, default: usize) -> Result<usize, ApiError> {
    q.get(key).map_or(Ok(default), |v| {
        v.parse()
            .map_err(|_| ApiError::invalid(format!("{key}: {v:?} is not a number")))
    })
}

async fn search(
    State(app): State<Arc<App>>,
    Path(ws): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    blocking(app, move |app| {
        let text = q
            .get("q")
            .ok_or_else(|| ApiError::invalid("q: the text to search for is missing (?q=...)"))?;
        let mut query = SearchQuery::new(text.as_str());
        query.limit = number(&q, "limit", query.limit)?;
        query.offset = number(&q, "offset", 0)?;
        app.with(&ws, |s| {
            let found = s.workspace().search_customers(&query)?;
            serde_json::to_value(&found).map_err(|e| ApiError::invalid(e.to_string()))
        })
    })
    .await
}

/// At most this many events per page.
const MAX_EVENTS: usize = 10_000;

async fn events(
    State(app): State<Arc<App>>,
    Path(ws): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    blocking(app, move |app| {
        let after = number(&q, "after", 0)? as u64;
        let limit = number(&q, "limit", 1000)?.clamp(1, MAX_EVENTS);
        app.with(&ws, |s| {
            let page: Vec<_> = s
                .workspace()
                .events_since(after)
                .iter()
                .take(limit)
                .collect();
            serde_json::to_value(&page).map_err(|e| ApiError::invalid(e.to_string()))
        })
    })
    .await
}

async fn seq(State(app): State<Arc<App>>, Path(ws): Path<String>) -> Response {
    blocking(app, move |app| {
        app.with(&ws, |s| Ok(json!({"seq": s.workspace().seq()})))
    })
    .await
}
