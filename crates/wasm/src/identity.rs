//! Identity: customer search, duplicate detection, merge and unmerge of
//! duplicates, erasure of a customer's personal data, the per-customer
//! export, the contact check (`mayContact`) and id resolution.

use crate::convert::{
    self, args, enum_arg, id, input, instant_or_now, meta, opt_input, options, to_js,
};
use crate::errors::{invalid, Failure, JsResult};
use crate::workspace::Workspace;
use clientcare::{
    Channel, CustomerId, DuplicateRules, MergeCustomers, Purpose, RegisterCustomer, ScanProgress,
    SearchQuery, ERASED,
};
use js_sys::Function;
use wasm_bindgen::prelude::*;

/// The keys of `searchCustomers`' options.
const SEARCH_OPTIONS: [&str; 5] = ["kind", "includeArchived", "offset", "limit", "typos"];

/// The rules of a duplicate check (`undefined` or `null`: the defaults).
fn to_rules(v: &JsValue) -> JsResult<DuplicateRules> {
    opt_input(v, "rules")
}

#[wasm_bindgen]
impl Workspace {
    /// Merges customers into a survivor: each field of the survivor is
    /// picked by `rules` (the survivor's values, gaps filled, by default),
    /// contact points, tags and memberships are unioned, consents keep the
    /// most restrictive decision, and every linked record moves to the
    /// survivor. The merged ids keep resolving to it (`customer(id)`,
    /// `resolveCustomer`). An empty list, the survivor itself, a customer
    /// named twice, or a person with an organisation is an `invalid_input`;
    /// an erased or already merged customer, or an archived survivor, an
    /// `invalid_transition`.
    #[wasm_bindgen(js_name = mergeCustomers)]
    pub fn merge_customers(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MergeCustomersInput")] merge: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd: MergeCustomers = input(&merge, "input")?;
        let meta = meta(&opts)?;
        Ok(self.inner.merge_customers(meta, cmd)?)
    }

    /// Undoes the merge that absorbed `customer` (an id that was merged
    /// away): it and the others of that merge come back with their records,
    /// and the survivor's fields the merge set are restored unless changed
    /// since. An `invalid_transition` when it was not merged, when a later
    /// merge into the same survivor must be undone first, or when erased.
    #[wasm_bindgen(js_name = unmergeCustomers)]
    pub fn unmerge_customers(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let customer: CustomerId = id(&customer, "customer")?;
        let meta = meta(&opts)?;
        Ok(self.inner.unmerge_customers(meta, customer)?)
    }

    /// Erases the customer's personal data (and that of the customers merged
    /// into it): names read `Workspace.ERASED`, contact points, attributes,
    /// tags and the free text of its records are gone, and earlier events
    /// are redacted so `exportLog` holds no trace of them. Ids, times,
    /// states, amounts and consent decisions stay. An `invalid_transition`
    /// when already erased.
    #[wasm_bindgen(js_name = eraseCustomer)]
    pub fn erase_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let customer: CustomerId = id(&customer, "customer")?;
        let meta = meta(&opts)?;
        Ok(self.inner.erase_customer(meta, customer)?)
    }

    /// May the customer be contacted on `channel` for `purpose` at `at` (now
    /// by default)? Allowed only when the latest consent decision at that
    /// time is a grant and the customer is neither archived nor erased;
    /// `reason` says why, `reachable` whether an address for the channel is
    /// on file, `consent` the decision that applied.
    #[wasm_bindgen(js_name = mayContact, unchecked_return_type = "ContactDecision")]
    pub fn may_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Channel")] channel: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Purpose")] purpose: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] at: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        let channel: Channel = enum_arg(&channel, "channel")?;
        let purpose: Purpose = enum_arg(&purpose, "purpose")?;
        let at = instant_or_now(&at, "at")?;
        to_js(&self.inner.may_contact(customer, channel, purpose, at)?)
    }

    /// Everything held about the customer, as one JSON-ready object
    /// (`format: "clientcare.customer_export"`, `version: 1`): the customer,
    /// the records merged into it, its interactions, complaints,
    /// opportunities, purchases, referrals, follow-ups, playbook runs,
    /// surveys and the events of its timeline.
    #[wasm_bindgen(js_name = exportCustomer, unchecked_return_type = "CustomerExport")]
    pub fn export_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.export_customer(customer)?)
    }

    /// The id `id` stands for now: itself, or the survivor of the merges
    /// that absorbed it.
    #[wasm_bindgen(js_name = resolveCustomer, unchecked_return_type = "string")]
    pub fn resolve_customer(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] customer_id: JsValue,
    ) -> JsResult<String> {
        let customer_id: CustomerId = id(&customer_id, "id")?;
        Ok(self.inner.resolve_customer(customer_id)?.to_string())
    }

    /// What erased text reads as (`"[erased]"`).
    #[wasm_bindgen(getter = ERASED, unchecked_return_type = "\"[erased]\"")]
    pub fn erased() -> String {
        ERASED.to_owned()
    }

    // ----- search -----

    /// Customers matching `text`, best first, one page at a time: words of
    /// names (case and diacritics ignored, each word a prefix, typos allowed
    /// unless `typos: false`) or tags, an email address or its start, or a
    /// phone number in any formatting. `total` counts every match; pass
    /// `nextOffset` as `offset` for the next page (`null` at the end).
    /// Active customers only unless `includeArchived`; `limit` is 1 to 1000
    /// (20 by default). Blank text finds nothing.
    #[wasm_bindgen(js_name = searchCustomers, unchecked_return_type = "SearchResults")]
    pub fn search_customers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "SearchOptions")]
        options_: JsValue,
    ) -> JsResult<JsValue> {
        convert::string(&text, "text")?;
        let o = options(&options_, "options", &SEARCH_OPTIONS)?;
        let mut named: Vec<(&str, &JsValue)> = vec![("text", &text)];
        named.extend(SEARCH_OPTIONS.iter().copied().zip(o.iter()));
        let query: SearchQuery = args(&named)?;
        to_js(&self.inner.search_customers(&query)?)
    }

    // ----- duplicates -----

    /// Likely duplicates of a record before it is registered (the same
    /// input as `registerCustomer`), best first, at most `rules.limit`.
    /// Nothing is changed. A name, email, phone or address registration
    /// would refuse is the same `invalid_input`.
    #[wasm_bindgen(js_name = checkDuplicates, unchecked_return_type = "DuplicateMatch[]")]
    pub fn check_duplicates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RegisterCustomerInput")] draft: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DuplicateRules")] rules: JsValue,
    ) -> JsResult<JsValue> {
        let draft: RegisterCustomer = input(&draft, "draft")?;
        let rules = to_rules(&rules)?;
        to_js(&self.inner.check_duplicates(&draft, &rules)?)
    }

    /// Likely duplicates of a registered customer (itself excluded), best
    /// first, at most `rules.limit`. Empty for a merged or erased customer.
    #[wasm_bindgen(js_name = duplicatesOf, unchecked_return_type = "DuplicateMatch[]")]
    pub fn duplicates_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DuplicateRules")] rules: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        let rules = to_rules(&rules)?;
        to_js(&self.inner.duplicates_of(customer, &rules)?)
    }

    /// How much customer `b` looks like customer `a`: the score and the
    /// reasons whatever the threshold (values as `a` holds them).
    #[wasm_bindgen(js_name = compareCustomers, unchecked_return_type = "DuplicateMatch")]
    pub fn compare_customers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DuplicateRules")] rules: JsValue,
    ) -> JsResult<JsValue> {
        let a: CustomerId = id(&a, "a")?;
        let b: CustomerId = id(&b, "b")?;
        let rules = to_rules(&rules)?;
        to_js(&self.inner.compare_customers(a, b, &rules)?)
    }

    /// Every likely duplicate pair in the workspace, best first.
    /// `progress` is called with `{ phase, done, total }` about every 1 % of
    /// each phase; returning `false` stops the scan (the report then holds
    /// the pairs found so far, with `cancelled: true`). An error the callback
    /// throws stops the scan and is thrown from here as it is.
    #[wasm_bindgen(js_name = scanDuplicates, unchecked_return_type = "DuplicateReport")]
    pub fn scan_duplicates(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "DuplicateRules")] rules: JsValue,
        #[wasm_bindgen(
            unchecked_optional_param_type = "(progress: ScanProgress) => boolean | void"
        )]
        progress: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = to_rules(&rules)?;
        let callback: Option<Function> = if progress.is_undefined() || progress.is_null() {
            None
        } else {
            Some(progress.dyn_into::<Function>().map_err(|v| {
                invalid(
                    "progress",
                    convert::render_js(&v),
                    "expected a function (progress) => boolean | void",
                )
            })?)
        };
        // The first error of the callback (thrown, or a progress that could
        // not be converted); the scan stops at it.
        let mut failed: Option<JsValue> = None;
        let mut report = |p: ScanProgress| -> bool {
            let Some(f) = &callback else { return true };
            if failed.is_some() {
                return false;
            }
            let outcome = to_js(&p)
                .map_err(JsValue::from)
                .and_then(|arg| f.call1(&JsValue::UNDEFINED, &arg));
            match outcome {
                Ok(answer) => answer.as_bool() != Some(false),
                Err(e) => {
                    failed = Some(e);
                    false
                }
            }
        };
        let result = self
            .inner
            .scan_duplicates(&rules, &mut report)
            .map_err(Failure::from);
        if let Some(e) = failed {
            return Err(e);
        }
        Ok(to_js(&result?)?)
    }
}
