//! Agents: the people of the care and sales teams.

use crate::convert::{id, input, to_js};
use crate::errors::JsResult;
use crate::workspace::Workspace;
use clientcare::{AgentId, Command, RegisterAgent};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    /// Registers an agent and returns its id.
    #[wasm_bindgen(js_name = registerAgent, unchecked_return_type = "string")]
    pub fn register_agent(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RegisterAgentInput")] agent: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: RegisterAgent = input(&agent, "input")?;
        let meta = crate::convert::meta(&opts)?;
        Ok(self.inner.register_agent(meta, cmd)?.to_string())
    }

    /// Renames an agent, changes its team (`null` clears) or (de)activates it.
    #[wasm_bindgen(js_name = updateAgent)]
    pub fn update_agent(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "UpdateAgentInput")] update: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&update, "input")?;
        self.run(&opts, Command::UpdateAgent(cmd)).map(|_| ())
    }

    /// An agent by id.
    #[wasm_bindgen(unchecked_return_type = "Agent")]
    pub fn agent(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] agent_id: JsValue,
    ) -> JsResult<JsValue> {
        let agent_id: AgentId = id(&agent_id, "id")?;
        to_js(self.inner.agent(agent_id)?)
    }

    /// All agents, by id.
    #[wasm_bindgen(unchecked_return_type = "Agent[]")]
    pub fn agents(&self) -> JsResult<JsValue> {
        to_js(&self.inner.agents().collect::<Vec<_>>())
    }
}
