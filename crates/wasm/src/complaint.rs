//! Complaints: the ticket lifecycle (open, respond, resolve, reopen, close,
//! cancel, merge, escalate), workspace complaint settings, and the queue
//! views and history over them. SLA clocks are in [`crate::sla`].

use crate::convert::{enum_arg, id, input, meta, opt_input, to_js};
use crate::errors::JsResult;
use crate::workspace::Workspace;
use clientcare::{
    Command, ComplaintFilter, ComplaintId, ComplaintSort, CustomerId, OpenComplaint, PageRequest,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    /// Records a complaint (state `new`) and returns its id. `receivedAt`
    /// (when the SLA clocks start) defaults to `opts.at`.
    #[wasm_bindgen(js_name = openComplaint, unchecked_return_type = "string")]
    pub fn open_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "OpenComplaintInput")] complaint: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: OpenComplaint = input(&complaint, "input")?;
        let meta = meta(&opts)?;
        Ok(self.inner.open_complaint(meta, cmd)?.to_string())
    }

    /// Changes the subject, description, category, priority or tags: absent
    /// fields stay, `null` clears. Only real changes are recorded.
    #[wasm_bindgen(js_name = updateComplaint)]
    pub fn update_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "UpdateComplaintInput")] update: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&update, "input")?;
        self.run(&opts, Command::UpdateComplaint(cmd)).map(|_| ())
    }

    /// Assigns to an agent and/or a team (absent: unchanged, `null`: unassigned).
    #[wasm_bindgen(js_name = assignComplaint)]
    pub fn assign_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "AssignComplaintInput")] assignment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&assignment, "input")?;
        self.run(&opts, Command::AssignComplaint(cmd)).map(|_| ())
    }

    /// Moves a working complaint between `open`, `in_progress` and
    /// `waiting_on_customer` (resolve, close, cancel and merge have their own methods).
    #[wasm_bindgen(js_name = changeComplaintState)]
    pub fn change_complaint_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ChangeComplaintStateInput")] change: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&change, "input")?;
        self.run(&opts, Command::ChangeComplaintState(cmd))
            .map(|_| ())
    }

    /// An agent's response (`public`, the default) or internal note. The first
    /// public response by a person (not `automated`) moves a `new` complaint
    /// to `open` and stops the first-response clock.
    #[wasm_bindgen(js_name = respondToComplaint)]
    pub fn respond_to_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RespondToComplaintInput")] response: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&response, "input")?;
        self.run(&opts, Command::RespondToComplaint(cmd))
            .map(|_| ())
    }

    /// A message from the customer; on a complaint waiting on the customer it
    /// resumes the working state it had.
    #[wasm_bindgen(js_name = addCustomerMessage)]
    pub fn add_customer_message(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "AddCustomerMessageInput")] message: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&message, "input")?;
        self.run(&opts, Command::AddCustomerMessage(cmd))
            .map(|_| ())
    }

    /// Links an interaction of the same customer.
    #[wasm_bindgen(js_name = linkInteraction)]
    pub fn link_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LinkInteractionInput")] link: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&link, "input")?;
        self.run(&opts, Command::LinkInteraction(cmd)).map(|_| ())
    }

    /// Resolves a working complaint, with what was given to the customer.
    #[wasm_bindgen(js_name = resolveComplaint)]
    pub fn resolve_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ResolveComplaintInput")] resolution: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&resolution, "input")?;
        self.run(&opts, Command::ResolveComplaint(cmd)).map(|_| ())
    }

    /// Reopens a resolved complaint within the reopen window.
    #[wasm_bindgen(js_name = reopenComplaint)]
    pub fn reopen_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ReopenComplaintInput")] reopen: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&reopen, "input")?;
        self.run(&opts, Command::ReopenComplaint(cmd)).map(|_| ())
    }

    /// Closes a resolved complaint (final).
    #[wasm_bindgen(js_name = closeComplaint)]
    pub fn close_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CloseComplaintInput")] close: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&close, "input")?;
        self.run(&opts, Command::CloseComplaint(cmd)).map(|_| ())
    }

    /// Cancels a working complaint (spam, duplicate, withdrawn, other with a note).
    #[wasm_bindgen(js_name = cancelComplaint)]
    pub fn cancel_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CancelComplaintInput")] cancel: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&cancel, "input")?;
        self.run(&opts, Command::CancelComplaint(cmd)).map(|_| ())
    }

    /// Merges a working complaint into another working one of the same customer.
    #[wasm_bindgen(js_name = mergeComplaint)]
    pub fn merge_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MergeComplaintInput")] merge: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&merge, "input")?;
        self.run(&opts, Command::MergeComplaint(cmd)).map(|_| ())
    }

    /// Raises the escalation level (one up by default, at most 9), optionally
    /// reassigning; `reason` is required.
    #[wasm_bindgen(js_name = escalateComplaint)]
    pub fn escalate_complaint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EscalateComplaintInput")] escalation: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&escalation, "input")?;
        self.run(&opts, Command::EscalateComplaint(cmd)).map(|_| ())
    }

    /// Changes the reopen window and the auto-close delay (absent fields stay).
    #[wasm_bindgen(js_name = configureComplaints)]
    pub fn configure_complaints(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ConfigureComplaintsInput")] settings: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&settings, "input")?;
        self.run(&opts, Command::ConfigureComplaints(cmd))
            .map(|_| ())
    }

    /// The complaint settings (reopen window, auto-close delay).
    #[wasm_bindgen(js_name = complaintSettings, unchecked_return_type = "ComplaintSettings")]
    pub fn complaint_settings(&self) -> JsResult<JsValue> {
        to_js(&self.inner.complaint_settings())
    }

    // ----- queries -----

    /// How many complaints there are (all states).
    #[wasm_bindgen(getter = complaintCount)]
    pub fn complaint_count(&self) -> f64 {
        self.inner.complaint_count() as f64
    }

    /// A complaint by id.
    #[wasm_bindgen(unchecked_return_type = "Complaint")]
    pub fn complaint(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] complaint_id: JsValue,
    ) -> JsResult<JsValue> {
        let complaint_id: ComplaintId = id(&complaint_id, "id")?;
        to_js(self.inner.complaint(complaint_id)?)
    }

    /// A customer's complaints, in the order recorded.
    #[wasm_bindgen(js_name = complaintsOf, unchecked_return_type = "Complaint[]")]
    pub fn complaints_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.complaints_of(customer)?)
    }

    /// Every event about a complaint in log order (the same shape as `events()`).
    #[wasm_bindgen(js_name = complaintHistory, unchecked_return_type = "EventJson[]")]
    pub fn complaint_history(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] complaint_id: JsValue,
    ) -> JsResult<JsValue> {
        let complaint_id: ComplaintId = id(&complaint_id, "id")?;
        to_js(&self.inner.complaint_history(complaint_id)?)
    }

    /// A queue view: complaints matching every given filter (working ones
    /// unless `states` says otherwise), `"oldest"` first by default, one page
    /// at a time (pass `next` as `after`).
    #[wasm_bindgen(js_name = listComplaints, unchecked_return_type = "Page<Complaint, string>")]
    pub fn list_complaints(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ComplaintFilter")] filter: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ComplaintSort")] sort: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest<string>")] page: JsValue,
    ) -> JsResult<JsValue> {
        let filter: ComplaintFilter = opt_input(&filter, "filter")?;
        let sort: ComplaintSort = if sort.is_undefined() || sort.is_null() {
            ComplaintSort::default()
        } else {
            enum_arg(&sort, "sort")?
        };
        let page: PageRequest<ComplaintId> = opt_input(&page, "page")?;
        to_js(&self.inner.list_complaints(&filter, sort, page)?)
    }
}
