//! `clientcare-http`: a tiny HTTP service over clientcare workspaces kept in
//! PostgreSQL. Run several instances against one database: they all write,
//! and each catches up with the others' events before it answers.
//!
//! ```text
//! export CLIENTCARE_PG_URL=$(bash scripts/pg.sh)
//! cargo run -p clientcare-http-example -- --addr 127.0.0.1:8080
//! curl -s -X POST localhost:8080/workspaces/acme/commands \
//!      -d '{"type": "register_customer", "full_name": "Nguyễn Văn Đức", "emails": ["duc@example.vn"]}'
//! curl -s 'localhost:8080/workspaces/acme/search?q=nguyen+van+duc'
//! ```
//!
//! Routes (bodies and answers are JSON):
//!
//! - `POST /workspaces/{ws}/commands`: a command (`{"type": ..., ...}`, as
//!   `Command::from_json` reads it) with optional `at` (RFC 3339 with an
//!   offset; default now) and `actor` (`{"kind": "agent", "id": ...}`;
//!   default the system). 200 `{"outcome": {...}, "seq": n}`; an error is
//!   `{"code": ..., "message": ...}` with 422 (`invalid_input`), 404
//!   (`not_found`), 409 (`conflict`, `invalid_transition`), 503 (`storage`).
//! - `GET /workspaces/{ws}/customers/{id}`: the customer.
//! - `GET /workspaces/{ws}/search?q=...&limit=&offset=`: ranked customers.
//! - `GET /workspaces/{ws}/events?after=N&limit=M`: the log after seq N.
//! - `GET /workspaces/{ws}/seq`: `{"seq": n}`.

mod api;

use std::io::Write;
use std::sync::Arc;

const USAGE: &str = "usage: clientcare-http [--addr HOST:PORT] [--pg URL]

  --addr   where to listen (default 127.0.0.1:8080; port 0 picks a free one)
  --pg     the PostgreSQL URL (default: $CLIENTCARE_PG_URL)

Prints `listening on http://HOST:PORT` once it accepts requests.";

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "clientcare-http: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut addr = "127.0.0.1:8080".to_owned();
    let mut url = std::env::var("CLIENTCARE_PG_URL").ok();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => addr = args.next().ok_or("--addr needs HOST:PORT")?,
            "--pg" => url = Some(args.next().ok_or("--pg needs a URL")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    let url = url
        .filter(|u| !u.trim().is_empty())
        .ok_or("no PostgreSQL URL: pass --pg URL or set CLIENTCARE_PG_URL")?;
    // Fail early when the database cannot be reached (and create the schema).
    clientcare_store::PgStore::connect(&url).map_err(|e| e.to_string())?;
    let app = Arc::new(api::App::new(url));
    api::spawn_listener(app.clone());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let local = listener
            .local_addr()
            .map_err(|e| format!("no local address: {e}"))?;
        println!("listening on http://{local}");
        let _ = std::io::stdout().flush();
        axum::serve(listener, api::router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("server failed: {e}"))
    })
}
