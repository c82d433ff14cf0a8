//! Customers: registration, changes, consent, tags, lifecycle, archive,
//! memberships, and the queries over them (search and duplicates are in
//! [`crate::identity`]).

use crate::convert::{self, args, id, input, meta, object, opt_input, required, string, to_js};
use crate::errors::{invalid, report, Failure, JsResult};
use crate::workspace::Workspace;
use clientcare::{
    Channel, Command, CustomerFilter, CustomerId, PageRequest, Purpose, RegisterCustomer,
    TimelineCursor,
};
use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    /// Registers a person or an organisation and returns its id.
    #[wasm_bindgen(js_name = registerCustomer, unchecked_return_type = "string")]
    pub fn register_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RegisterCustomerInput")] customer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: RegisterCustomer = input(&customer, "input")?;
        let meta = meta(&opts)?;
        Ok(self.inner.register_customer(meta, cmd)?.to_string())
    }

    /// Registers many customers. Each row is checked on its own; bad rows are
    /// reported (0-based `row`) and not applied, good rows are.
    #[wasm_bindgen(js_name = registerCustomers, unchecked_return_type = "BulkResult")]
    pub fn register_customers(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RegisterCustomerInput[]")] rows: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<JsValue> {
        let rows = convert::array_items(&rows, "rows")?;
        let meta = meta(&opts)?;
        let mut results: Vec<Option<Result<CustomerId, Failure>>> = Vec::new();
        let mut valid: Vec<RegisterCustomer> = Vec::new();
        for row in &rows {
            match input::<RegisterCustomer>(row, "input") {
                Ok(cmd) => {
                    valid.push(cmd);
                    results.push(None);
                }
                Err(e) => results.push(Some(Err(e))),
            }
        }
        let mut applied = self.inner.register_customers(meta, valid).rows.into_iter();
        let ids = Array::new();
        let errors = Array::new();
        for (row, slot) in results.into_iter().enumerate() {
            let outcome = match slot {
                Some(r) => r,
                None => match applied.next() {
                    Some(r) => r.map_err(Failure::from),
                    None => Err(invalid("rows", "", "internal: a row has no result")),
                },
            };
            match outcome {
                Ok(cid) => {
                    ids.push(&JsValue::from_str(&cid.to_string()));
                }
                Err(e) => {
                    ids.push(&JsValue::NULL);
                    let [code, message, details] = report(&e);
                    errors.push(&object(&[
                        ("row", JsValue::from_f64(row as f64)),
                        code,
                        message,
                        details,
                    ]));
                }
            }
        }
        Ok(object(&[("ids", ids.into()), ("errors", errors.into())]))
    }

    /// Changes some fields: absent ones stay, `null` clears. Only fields whose
    /// value really changes are recorded.
    #[wasm_bindgen(js_name = updateCustomer)]
    pub fn update_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "UpdateCustomerInput")] update: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&update, "input")?;
        self.run(&opts, Command::UpdateCustomer(cmd)).map(|_| ())
    }

    /// Adds an email, phone, postal address or social handle.
    #[wasm_bindgen(js_name = addContactPoint)]
    pub fn add_contact_point(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "AddContactPointInput")] contact: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&contact, "input")?;
        self.run(&opts, Command::AddContactPoint(cmd)).map(|_| ())
    }

    /// Removes a contact point (matched after normalisation, labels ignored).
    #[wasm_bindgen(js_name = removeContactPoint)]
    pub fn remove_contact_point(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RemoveContactPointInput")] contact: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&contact, "input")?;
        self.run(&opts, Command::RemoveContactPoint(cmd))
            .map(|_| ())
    }

    /// Records a consent decision (granted or withdrawn) at `opts.at`.
    #[wasm_bindgen(js_name = recordConsent)]
    pub fn record_consent(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RecordConsentInput")] consent: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&consent, "input")?;
        self.run(&opts, Command::RecordConsent(cmd)).map(|_| ())
    }

    /// Whether the customer's latest consent for this channel and purpose is a grant.
    #[wasm_bindgen(js_name = hasConsent)]
    pub fn has_consent(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Channel")] channel: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Purpose")] purpose: JsValue,
    ) -> JsResult<bool> {
        let customer: CustomerId = id(&customer, "customer")?;
        let channel: Channel = convert::enum_arg(&channel, "channel")?;
        let purpose: Purpose = convert::enum_arg(&purpose, "purpose")?;
        Ok(self.inner.customer(customer)?.has_consent(channel, purpose))
    }

    /// Adds tags (already present ones are ignored).
    #[wasm_bindgen(js_name = tagCustomer)]
    pub fn tag_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] tags: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = args(&[("customer", &customer), ("tags", &tags)])?;
        self.run(&opts, Command::TagCustomer(cmd)).map(|_| ())
    }

    /// Removes tags (absent ones are ignored).
    #[wasm_bindgen(js_name = untagCustomer)]
    pub fn untag_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] tags: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = args(&[("customer", &customer), ("tags", &tags)])?;
        self.run(&opts, Command::UntagCustomer(cmd)).map(|_| ())
    }

    /// Moves the customer to another lifecycle stage.
    #[wasm_bindgen(js_name = changeLifecycle)]
    pub fn change_lifecycle(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ChangeLifecycleInput")] change: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&change, "input")?;
        self.run(&opts, Command::ChangeLifecycle(cmd)).map(|_| ())
    }

    /// Sets the manual tier, or clears it with `null`.
    #[wasm_bindgen(js_name = setTier)]
    pub fn set_tier(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null")] tier: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        required(
            &tier,
            "tier",
            "a tier such as \"gold\", or null to clear it",
        )?;
        let cmd = args(&[("customer", &customer), ("tier", &tier)])?;
        self.run(&opts, Command::SetTier(cmd)).map(|_| ())
    }

    /// Archives the customer: hidden from lists and search, its emails and
    /// phones free for others.
    #[wasm_bindgen(js_name = archiveCustomer)]
    pub fn archive_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ArchiveCustomerInput")] archive: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&archive, "input")?;
        self.run(&opts, Command::ArchiveCustomer(cmd)).map(|_| ())
    }

    /// Restores an archived customer.
    #[wasm_bindgen(js_name = restoreCustomer)]
    pub fn restore_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RestoreCustomerInput")] restore: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&restore, "input")?;
        self.run(&opts, Command::RestoreCustomer(cmd)).map(|_| ())
    }

    /// Makes a person a member of an organisation (or changes the role).
    #[wasm_bindgen(js_name = addMembership)]
    pub fn add_membership(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "AddMembershipInput")] membership: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&membership, "input")?;
        self.run(&opts, Command::AddMembership(cmd)).map(|_| ())
    }

    /// Ends a person's membership of an organisation.
    #[wasm_bindgen(js_name = removeMembership)]
    pub fn remove_membership(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RemoveMembershipInput")] membership: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&membership, "input")?;
        self.run(&opts, Command::RemoveMembership(cmd)).map(|_| ())
    }

    // ----- queries -----

    /// A customer by id. An id merged into another resolves to the survivor
    /// (whose `id` differs then; see `resolveCustomer`).
    #[wasm_bindgen(unchecked_return_type = "Customer")]
    pub fn customer(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] customer_id: JsValue,
    ) -> JsResult<JsValue> {
        let customer_id: CustomerId = id(&customer_id, "id")?;
        to_js(self.inner.customer(customer_id)?)
    }

    /// Customers holding this email (active ones first).
    #[wasm_bindgen(js_name = findByEmail, unchecked_return_type = "Customer[]")]
    pub fn find_by_email(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
    ) -> JsResult<JsValue> {
        let email = string(&email, "email")?;
        to_js(&self.inner.find_by_email(&email)?)
    }

    /// Customers holding this phone, read in the default region (active ones first).
    #[wasm_bindgen(js_name = findByPhone, unchecked_return_type = "Customer[]")]
    pub fn find_by_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone: JsValue,
    ) -> JsResult<JsValue> {
        let phone = string(&phone, "phone")?;
        to_js(&self.inner.find_by_phone(&phone)?)
    }

    /// Customers matching every given filter, in registration order, one page
    /// at a time (active ones only unless `archived` says otherwise).
    #[wasm_bindgen(js_name = listCustomers, unchecked_return_type = "Page<Customer, string>")]
    pub fn list_customers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CustomerFilter")] filter: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest<string>")] page: JsValue,
    ) -> JsResult<JsValue> {
        let filter: CustomerFilter = opt_input(&filter, "filter")?;
        let page: PageRequest<CustomerId> = opt_input(&page, "page")?;
        to_js(&self.inner.list_customers(&filter, page)?)
    }

    /// The customer's timeline, newest first: interactions at the time they
    /// occurred and every other event about it. Page with `next` as `after`.
    #[wasm_bindgen(unchecked_return_type = "Page<TimelineEntry, number>")]
    pub fn timeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest<number>")] page: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        let page: PageRequest<TimelineCursor> = opt_input(&page, "page")?;
        to_js(&self.inner.timeline(customer, page)?)
    }
}
