//! KPIs: one measure (`kpi`) or the headline ones at once (`dashboard`), each
//! row with the counts behind its value. Definitions: `docs/kpi.md`.

use crate::convert::{input, string, to_js};
use crate::errors::JsResult;
use crate::workspace::Workspace;
use clientcare::{KpiQuery, KPI_NAMES};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    /// One KPI over `[from, to)`, grouped by `groupBy` if given (one set of
    /// rows per group, `"all"` without grouping, `"(none)"` for records
    /// without the dimension). An unknown name, a bad range or time zone, or a
    /// grouping the KPI does not support is an `invalid_input`.
    #[wasm_bindgen(unchecked_return_type = "KpiRow[]")]
    pub fn kpi(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KpiName")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "KpiQuery")] query: JsValue,
    ) -> JsResult<JsValue> {
        let name = string(&name, "name")?;
        let q: KpiQuery = input(&query, "query")?;
        to_js(&self.inner.kpi(&name, &q)?)
    }

    /// Every KPI of `kpiNames()` but cohort retention over `[from, to)`,
    /// ungrouped, in that order.
    #[wasm_bindgen(unchecked_return_type = "Dashboard")]
    pub fn dashboard(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DashboardQuery")] query: JsValue,
    ) -> JsResult<JsValue> {
        let q: KpiQuery = input(&query, "query")?;
        to_js(&self.inner.dashboard(&q)?)
    }
}

/// The names of the KPIs, in dashboard order.
#[wasm_bindgen(js_name = kpiNames, unchecked_return_type = "KpiName[]")]
pub fn kpi_names() -> JsResult<JsValue> {
    to_js(KPI_NAMES)
}
