//! The `Workspace` class: construction, the event log, generic commands and
//! workspace settings.

use crate::convert::{self, args, js_to_value, meta, options, to_js};
use crate::errors::{invalid, JsResult};
use clientcare::{Command, ConfigureWorkspace, Meta, Outcome, SeededIds};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// One tenant's customer-care data: an event log and the state folded from it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Workspace {
    pub(crate) inner: clientcare::Workspace,
}

impl Workspace {
    /// Runs a command with the `opts` of the call.
    pub(crate) fn run(&mut self, opts: &JsValue, command: Command) -> JsResult<Outcome> {
        let meta = meta(opts)?;
        Ok(self.inner.execute(meta, command)?)
    }
}

/// A command object (`{ type: "register_customer", fullName: ... }`) as a core command.
fn command(v: &JsValue) -> JsResult<Command> {
    let value = match js_to_value(v, "")? {
        Some(Value::Object(map)) => map,
        _ => {
            return Err(invalid(
                "command",
                convert::render_js(v),
                "expected a command object such as { type: \"tag_customer\", customer, tags }",
            ))
        }
    };
    // The core reads the type and names the field of any shape error.
    Ok(Command::from_json(&Value::Object(value))?)
}

#[wasm_bindgen]
impl Workspace {
    /// An empty workspace. `seed` makes new ids reproducible (random when
    /// absent); `defaultRegion` sets the region for phone numbers written
    /// without `+country`, recorded as an event at `at` (now by default).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "WorkspaceOptions")]
        options_: JsValue,
    ) -> JsResult<Workspace> {
        let o = options(&options_, "options", &["defaultRegion", "seed", "at"])?;
        let (region, seed, at) = (&o[0], &o[1], &o[2]);
        let mut inner = clientcare::Workspace::with_seed(convert::seed(seed)?);
        if !region.is_undefined() && !region.is_null() {
            let cmd: ConfigureWorkspace = args(&[("defaultRegion", region)])?;
            let at = convert::instant_or_now(at, "at")?;
            inner.execute(Meta::system(at), Command::ConfigureWorkspace(cmd))?;
        }
        Ok(Workspace { inner })
    }

    /// Rebuilds a workspace from a log written by `exportLog`. The text is
    /// untrusted: a bad line throws `corrupt_log` naming it. `seed` is for the
    /// ids of new entities (random when absent).
    #[wasm_bindgen(js_name = importLog)]
    pub fn import_log(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | bigint")] seed: JsValue,
    ) -> JsResult<Workspace> {
        let text = convert::string(&text, "text")?;
        let ids = Box::new(SeededIds::new(convert::seed(&seed)?));
        Ok(Workspace {
            inner: clientcare::Workspace::import_jsonl(&text, ids)?,
        })
    }

    /// Appends a chunk of JSON Lines events that continue this workspace's log
    /// (the next part of a large log, or events written elsewhere) and returns
    /// how many it appended. Every line is parsed before any is applied; a bad
    /// line throws `corrupt_log` naming its 1-based line in the chunk (an
    /// unreadable line changes nothing; an event that does not fit leaves the
    /// ones before it applied).
    #[wasm_bindgen(js_name = applyLog)]
    pub fn apply_log(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> JsResult<f64> {
        let text = convert::string(&text, "text")?;
        Ok(self.inner.apply_jsonl(&text)? as f64)
    }

    /// The folded state at `seq` as bytes, for a store to keep next to the
    /// event log (not the log itself): `Workspace.fromSnapshot(snapshot, log)`
    /// opens the workspace without replaying the events up to it. The same
    /// state gives the same bytes.
    pub fn snapshot(&self) -> Vec<u8> {
        self.inner.snapshot()
    }

    /// Opens a workspace from a `snapshot()` and the whole log from seq 1 (as
    /// `exportLog` writes it): the state comes from the snapshot, the events
    /// after it are checked and applied as `importLog` does. A damaged
    /// snapshot, one from another version or another log throws
    /// `corrupt_snapshot` (then use `importLog`); a bad line `corrupt_log`.
    /// `seed` is for the ids of new entities (random when absent).
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] log: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | bigint")] seed: JsValue,
    ) -> JsResult<Workspace> {
        let Some(bytes) = snapshot.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(invalid(
                "snapshot",
                format!("{snapshot:?}"),
                "expected the Uint8Array of a snapshot()",
            ));
        };
        let bytes = bytes.to_vec();
        let text = convert::string(&log, "log")?;
        let ids = Box::new(SeededIds::new(convert::seed(&seed)?));
        Ok(Workspace {
            inner: clientcare::Workspace::from_snapshot_jsonl(&bytes, &text, ids)?,
        })
    }

    /// The sequence numbers of earlier events rewritten in the log since the
    /// last call (an erasure redacts the events about the customer), in
    /// order, each once. A page that keeps a copy of the log (IndexedDB)
    /// replaces those events, or rewrites its copy whole.
    #[wasm_bindgen(js_name = takeRewritten, unchecked_return_type = "number[]")]
    pub fn take_rewritten(&mut self) -> js_sys::Array {
        self.inner
            .take_rewritten()
            .into_iter()
            .map(|s| JsValue::from_f64(s as f64))
            .collect()
    }

    /// The event log as JSON Lines (one event per line); with `since`, only
    /// the events after that sequence number (what to append to a stored copy).
    #[wasm_bindgen(js_name = exportLog)]
    pub fn export_log(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] since: JsValue,
    ) -> JsResult<String> {
        let since = convert::opt_count(&since, "since")?.unwrap_or(0);
        Ok(self.inner.export_jsonl_since(since))
    }

    /// The events after sequence number `since` (all of them when absent).
    #[wasm_bindgen(unchecked_return_type = "EventJson[]")]
    pub fn events(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] since: JsValue,
    ) -> JsResult<JsValue> {
        let since = convert::opt_count(&since, "since")?.unwrap_or(0);
        to_js(self.inner.events_since(since))
    }

    /// The sequence number of the last event (0 when empty).
    #[wasm_bindgen(getter)]
    pub fn seq(&self) -> f64 {
        self.inner.seq() as f64
    }

    /// How many customers there are (archived ones included).
    #[wasm_bindgen(getter = customerCount)]
    pub fn customer_count(&self) -> f64 {
        self.inner.customer_count() as f64
    }

    /// The default phone region (`"VN"`), or `null`.
    #[wasm_bindgen(getter = defaultRegion, unchecked_return_type = "string | null")]
    pub fn default_region(&self) -> JsValue {
        self.inner
            .default_region()
            .map_or(JsValue::NULL, JsValue::from_str)
    }

    /// Whether both workspaces hold the same log and state.
    pub fn equals(&self, other: &Workspace) -> bool {
        self.inner == other.inner
    }

    /// Runs any command given as data: `{ type: "tag_customer", customer, tags }`.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn execute(
        &mut self,
        #[wasm_bindgen(js_name = command, unchecked_param_type = "Command")] command_: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<JsValue> {
        let cmd = command(&command_)?;
        let outcome = self.run(&opts, cmd)?;
        to_js(&outcome)
    }

    /// Sets the default phone region (`"VN"`), or clears it with `null`.
    pub fn configure(
        &mut self,
        #[wasm_bindgen(js_name = defaultRegion, unchecked_param_type = "string | null")]
        default_region: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        convert::required(
            &default_region,
            "defaultRegion",
            "a region such as \"VN\", or null",
        )?;
        let cmd: ConfigureWorkspace = args(&[("defaultRegion", &default_region)])?;
        self.run(&opts, Command::ConfigureWorkspace(cmd))
            .map(|_| ())
    }
}
