//! The sales and after-sales journey: pipelines and opportunities (board,
//! weighted forecast, rotting deals), purchases and the loyalty rules they
//! drive, referrals, and after-sales playbooks with their runs. Follow-ups
//! (what playbook steps become) are in [`crate::followup`].

use crate::convert::{args, id, input, instant_or_now, meta, string, to_js};
use crate::errors::JsResult;
use crate::workspace::Workspace;
use clientcare::{
    AgentId, CancelPlaybookRun, Command, CustomerId, LoyaltySettings, OpenOpportunity,
    OpportunityId, Pipeline, Playbook, PlaybookRunId, PurchaseId, RecordPurchase, RecordReferral,
    ReferralId, RemovePlaybook, DEFAULT_PIPELINE,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    // ----- pipelines and opportunities -----

    /// Defines (or replaces, by `key`) a sales pipeline: open stages with a
    /// win probability, at least one won and one lost stage, and the reasons
    /// a deal can be lost for. Until a `sales` pipeline is defined, the
    /// built-in one is used under that key.
    #[wasm_bindgen(js_name = definePipeline)]
    pub fn define_pipeline(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PipelineInput")] pipeline: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let p: Pipeline = input(&pipeline, "input")?;
        self.run(&opts, Command::DefinePipeline(p)).map(|_| ())
    }

    /// A pipeline by key (`"sales"`: the built-in one until redefined).
    #[wasm_bindgen(unchecked_return_type = "Pipeline")]
    pub fn pipeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    ) -> JsResult<JsValue> {
        let key = string(&key, "key")?;
        to_js(self.inner.pipeline(&key)?)
    }

    /// Opens a sales opportunity (in the first open stage unless `stage`
    /// says otherwise) and returns its id.
    #[wasm_bindgen(js_name = openOpportunity, unchecked_return_type = "string")]
    pub fn open_opportunity(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "OpenOpportunityInput")] opportunity: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: OpenOpportunity = input(&opportunity, "input")?;
        let meta = meta(&opts)?;
        Ok(self.inner.open_opportunity(meta, cmd)?.to_string())
    }

    /// Changes the title, value, expected close date or owner: absent fields
    /// stay, `null` clears (expected close, owner). Only real changes are recorded.
    #[wasm_bindgen(js_name = updateOpportunity)]
    pub fn update_opportunity(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "UpdateOpportunityInput")] update: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&update, "input")?;
        self.run(&opts, Command::UpdateOpportunity(cmd)).map(|_| ())
    }

    /// Moves an opportunity to another stage of its pipeline. Into a lost
    /// stage it needs a `lostReason` from the pipeline's list; into a won
    /// stage it records the purchase (`purchase`, or the opportunity's value);
    /// out of a won or lost stage (only into an open one) it reopens the deal.
    #[wasm_bindgen(js_name = moveOpportunity)]
    pub fn move_opportunity(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MoveOpportunityInput")] movement: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&movement, "input")?;
        self.run(&opts, Command::MoveOpportunity(cmd)).map(|_| ())
    }

    /// An opportunity by id.
    #[wasm_bindgen(unchecked_return_type = "Opportunity")]
    pub fn opportunity(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] opportunity_id: JsValue,
    ) -> JsResult<JsValue> {
        let opportunity_id: OpportunityId = id(&opportunity_id, "id")?;
        to_js(self.inner.opportunity(opportunity_id)?)
    }

    /// Every event about an opportunity in log order (its stage history; the
    /// same shape as `events()`).
    #[wasm_bindgen(js_name = opportunityHistory, unchecked_return_type = "EventJson[]")]
    pub fn opportunity_history(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] opportunity_id: JsValue,
    ) -> JsResult<JsValue> {
        let opportunity_id: OpportunityId = id(&opportunity_id, "id")?;
        to_js(&self.inner.opportunity_history(opportunity_id)?)
    }

    /// A customer's opportunities, in the order opened.
    #[wasm_bindgen(js_name = opportunitiesOf, unchecked_return_type = "Opportunity[]")]
    pub fn opportunities_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.opportunities_of(customer)?)
    }

    /// An agent's open opportunities, soonest expected close first (undated last).
    #[wasm_bindgen(js_name = openDeals, unchecked_return_type = "Opportunity[]")]
    pub fn open_deals(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] owner: JsValue,
    ) -> JsResult<JsValue> {
        let owner: AgentId = id(&owner, "owner")?;
        to_js(&self.inner.open_deals(owner)?)
    }

    /// The board of a pipeline (`"sales"` by default): per stage, the count
    /// and value of its opportunities and their value weighted by the stage
    /// probability (per currency), and the weighted forecast of the open ones.
    #[wasm_bindgen(js_name = pipelineBoard, unchecked_return_type = "Board")]
    pub fn pipeline_board(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] key: JsValue,
    ) -> JsResult<JsValue> {
        let key = if key.is_undefined() || key.is_null() {
            DEFAULT_PIPELINE.to_owned()
        } else {
            string(&key, "key")?
        };
        to_js(&self.inner.pipeline_board(&key)?)
    }

    /// Open opportunities idle (no event of their own, no interaction with
    /// the customer) for longer than their stage's `rotDays` at `now` (the
    /// current time by default), longest idle first.
    #[wasm_bindgen(js_name = rottingOpportunities, unchecked_return_type = "Opportunity[]")]
    pub fn rotting_opportunities(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] now: JsValue,
    ) -> JsResult<JsValue> {
        let now = instant_or_now(&now, "now")?;
        to_js(&self.inner.rotting_opportunities(now))
    }

    // ----- purchases and loyalty -----

    /// Records a purchase and returns its id. In the same command it moves the
    /// customer's lifecycle (lead, prospect or churned to customer; to loyal by
    /// the loyalty rule), recomputes a rule-given tier, qualifies a pending
    /// referral of the customer and starts the matching playbooks.
    #[wasm_bindgen(js_name = recordPurchase, unchecked_return_type = "string")]
    pub fn record_purchase(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RecordPurchaseInput")] purchase: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: RecordPurchase = input(&purchase, "input")?;
        let meta = meta(&opts)?;
        Ok(self.inner.record_purchase(meta, cmd)?.to_string())
    }

    /// A purchase by id.
    #[wasm_bindgen(unchecked_return_type = "Purchase")]
    pub fn purchase(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] purchase_id: JsValue,
    ) -> JsResult<JsValue> {
        let purchase_id: PurchaseId = id(&purchase_id, "id")?;
        to_js(self.inner.purchase(purchase_id)?)
    }

    /// A customer's purchases, oldest first.
    #[wasm_bindgen(js_name = purchasesOf, unchecked_return_type = "Purchase[]")]
    pub fn purchases_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.purchases_of(customer)?)
    }

    /// Sets the loyalty rules as a whole (absent fields take their defaults):
    /// `loyal` after a number of purchases in the window, and tier rules
    /// (best tier first) by spend and/or number of purchases.
    #[wasm_bindgen(js_name = configureLoyalty)]
    pub fn configure_loyalty(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LoyaltySettingsInput")] settings: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let s: LoyaltySettings = input(&settings, "input")?;
        self.run(&opts, Command::ConfigureLoyalty(s)).map(|_| ())
    }

    /// The loyalty rules.
    #[wasm_bindgen(unchecked_return_type = "LoyaltySettings")]
    pub fn loyalty(&self) -> JsResult<JsValue> {
        to_js(self.inner.loyalty())
    }

    // ----- referrals -----

    /// Records that one customer referred another (each customer is referred
    /// once) and returns its id. It qualifies on the referred customer's first purchase.
    #[wasm_bindgen(js_name = recordReferral, unchecked_return_type = "string")]
    pub fn record_referral(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RecordReferralInput")] referral: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: RecordReferral = input(&referral, "input")?;
        let meta = meta(&opts)?;
        Ok(self.inner.record_referral(meta, cmd)?.to_string())
    }

    /// Rewards the referrer of a qualified referral (once).
    #[wasm_bindgen(js_name = rewardReferral)]
    pub fn reward_referral(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RewardReferralInput")] reward: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&reward, "input")?;
        self.run(&opts, Command::RewardReferral(cmd)).map(|_| ())
    }

    /// A referral by id.
    #[wasm_bindgen(unchecked_return_type = "Referral")]
    pub fn referral(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] referral_id: JsValue,
    ) -> JsResult<JsValue> {
        let referral_id: ReferralId = id(&referral_id, "id")?;
        to_js(self.inner.referral(referral_id)?)
    }

    /// The referrals a customer made, in the order recorded.
    #[wasm_bindgen(js_name = referralsBy, unchecked_return_type = "Referral[]")]
    pub fn referrals_by(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] referrer: JsValue,
    ) -> JsResult<JsValue> {
        let referrer: CustomerId = id(&referrer, "referrer")?;
        to_js(&self.inner.referrals_by(referrer)?)
    }

    /// The referral that brought a customer, or `null`.
    #[wasm_bindgen(js_name = referralOf, unchecked_return_type = "Referral | null")]
    pub fn referral_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.referral_of(customer)?)
    }

    // ----- after-sales playbooks -----

    /// Defines (or replaces, by `key`) an after-sales playbook: the steps a
    /// matching purchase schedules as follow-ups (each step skipped when the
    /// customer has not consented to its channel and purpose).
    #[wasm_bindgen(js_name = definePlaybook)]
    pub fn define_playbook(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PlaybookInput")] playbook: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let p: Playbook = input(&playbook, "input")?;
        self.run(&opts, Command::DefinePlaybook(p)).map(|_| ())
    }

    /// Removes a playbook (its runs go on).
    #[wasm_bindgen(js_name = removePlaybook)]
    pub fn remove_playbook(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd: RemovePlaybook = args(&[("key", &key)])?;
        self.run(&opts, Command::RemovePlaybook(cmd)).map(|_| ())
    }

    /// Cancels a running playbook run and its open follow-ups (`reason` required).
    #[wasm_bindgen(js_name = cancelPlaybookRun)]
    pub fn cancel_playbook_run(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CancelPlaybookRunInput")] cancel: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd: CancelPlaybookRun = input(&cancel, "input")?;
        self.run(&opts, Command::CancelPlaybookRun(cmd)).map(|_| ())
    }

    /// The playbooks, in the order defined.
    #[wasm_bindgen(unchecked_return_type = "Playbook[]")]
    pub fn playbooks(&self) -> JsResult<JsValue> {
        to_js(self.inner.playbooks())
    }

    /// A playbook run by id.
    #[wasm_bindgen(js_name = playbookRun, unchecked_return_type = "PlaybookRun")]
    pub fn playbook_run(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] run_id: JsValue,
    ) -> JsResult<JsValue> {
        let run_id: PlaybookRunId = id(&run_id, "id")?;
        to_js(self.inner.playbook_run(run_id)?)
    }

    /// The progress of a run: each step's status (from its follow-up) and
    /// the run's status.
    #[wasm_bindgen(js_name = playbookProgress, unchecked_return_type = "RunProgress")]
    pub fn playbook_progress(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] run_id: JsValue,
    ) -> JsResult<JsValue> {
        let run_id: PlaybookRunId = id(&run_id, "id")?;
        to_js(&self.inner.playbook_progress(run_id)?)
    }

    /// A customer's playbook runs, oldest first.
    #[wasm_bindgen(js_name = playbookRunsOf, unchecked_return_type = "PlaybookRun[]")]
    pub fn playbook_runs_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.playbook_runs_of(customer)?)
    }
}
