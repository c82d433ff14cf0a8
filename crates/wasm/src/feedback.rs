//! Feedback: the feedback settings, custom survey templates, sending CSAT,
//! NPS, CES and custom surveys to customers and recording their answers.
//! (Resolving a complaint and completing a playbook survey step send surveys
//! too; that happens in the core.)

use crate::convert::{args, id, input, opt_input, to_js};
use crate::errors::{invalid, JsResult};
use crate::workspace::Workspace;
use clientcare::{
    AnswerSurvey, Command, ConfigureFeedback, EntityRef, RemoveSurvey, SendSurvey, SurveyFilter,
    SurveyId, SurveyTemplate,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    /// Changes the feedback settings; absent fields keep their current value
    /// (initially: no CSAT on resolve, 14 response days).
    #[wasm_bindgen(js_name = configureFeedback)]
    pub fn configure_feedback(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FeedbackSettingsInput")] settings: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let s: ConfigureFeedback = input(&settings, "input")?;
        self.run(&opts, Command::ConfigureFeedback(s)).map(|_| ())
    }

    /// The feedback settings.
    #[wasm_bindgen(js_name = feedbackSettings, unchecked_return_type = "FeedbackSettings")]
    pub fn feedback_settings(&self) -> JsResult<JsValue> {
        to_js(self.inner.feedback_settings())
    }

    /// Defines (or replaces, by `key`) a custom survey: its questions (scale,
    /// choice or free text), at most one scale feeding a standard measure.
    #[wasm_bindgen(js_name = defineSurvey)]
    pub fn define_survey(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SurveyTemplateInput")] template: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let t: SurveyTemplate = input(&template, "input")?;
        self.run(&opts, Command::DefineSurvey(t)).map(|_| ())
    }

    /// Removes a custom survey (surveys already sent keep their questions);
    /// `conflict` while a playbook step or a running playbook step sends it.
    #[wasm_bindgen(js_name = removeSurvey)]
    pub fn remove_survey(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd: RemoveSurvey = args(&[("key", &key)])?;
        self.run(&opts, Command::RemoveSurvey(cmd)).map(|_| ())
    }

    /// The custom surveys, by key.
    #[wasm_bindgen(js_name = surveyTemplates, unchecked_return_type = "SurveyTemplate[]")]
    pub fn survey_templates(&self) -> JsResult<JsValue> {
        let list: Vec<&SurveyTemplate> = self.inner.survey_templates().collect();
        to_js(&list)
    }

    /// Sends a survey to a customer (who must consent to feedback on the
    /// channel) and returns its id. It accepts an answer for `responseDays`.
    #[wasm_bindgen(js_name = sendSurvey, unchecked_return_type = "string")]
    pub fn send_survey(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SendSurveyInput")] survey: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: SendSurvey = input(&survey, "input")?;
        match self.run(&opts, Command::SendSurvey(cmd))?.created {
            Some(EntityRef::Survey(id)) => Ok(id.to_string()),
            _ => Err(invalid(
                "output",
                "",
                "internal: send_survey created no survey",
            )),
        }
    }

    /// Records a customer's answer: a `score` for CSAT, NPS and CES,
    /// `answers` by question key for a custom survey. A survey takes one
    /// answer (a second one is an `invalid_transition`); one after it expired
    /// is kept as `answered_late` and not counted.
    #[wasm_bindgen(js_name = answerSurvey)]
    pub fn answer_survey(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "AnswerSurveyInput")] answer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd: AnswerSurvey = input(&answer, "input")?;
        self.run(&opts, Command::AnswerSurvey(cmd)).map(|_| ())
    }

    /// A survey by id.
    #[wasm_bindgen(unchecked_return_type = "Survey")]
    pub fn survey(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] survey_id: JsValue,
    ) -> JsResult<JsValue> {
        let survey_id: SurveyId = id(&survey_id, "id")?;
        to_js(self.inner.survey(survey_id)?)
    }

    /// The surveys matching every given filter (all of them when absent), in
    /// the order sent.
    #[wasm_bindgen(unchecked_return_type = "Survey[]")]
    pub fn surveys(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SurveyFilter")] filter: JsValue,
    ) -> JsResult<JsValue> {
        let f: SurveyFilter = opt_input(&filter, "filter")?;
        to_js(&self.inner.surveys(&f)?)
    }
}
