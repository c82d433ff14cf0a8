//! Interactions: touchpoints with a customer on any channel.

use crate::convert::{id, input, meta, to_js};
use crate::errors::JsResult;
use crate::workspace::Workspace;
use clientcare::{CustomerId, InteractionId, LogInteraction};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    /// Logs an interaction and returns its id. `occurredAt` defaults to `opts.at`.
    #[wasm_bindgen(js_name = logInteraction, unchecked_return_type = "string")]
    pub fn log_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LogInteractionInput")] interaction: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: LogInteraction = input(&interaction, "input")?;
        let meta = meta(&opts)?;
        Ok(self.inner.log_interaction(meta, cmd)?.to_string())
    }

    /// An interaction by id.
    #[wasm_bindgen(unchecked_return_type = "Interaction")]
    pub fn interaction(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] interaction_id: JsValue,
    ) -> JsResult<JsValue> {
        let interaction_id: InteractionId = id(&interaction_id, "id")?;
        to_js(self.inner.interaction(interaction_id)?)
    }

    /// A customer's interactions, oldest first.
    #[wasm_bindgen(js_name = interactionsOf, unchecked_return_type = "Interaction[]")]
    pub fn interactions_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.interactions_of(customer)?)
    }
}
