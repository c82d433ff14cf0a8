//! Sales pipelines: ordered stages with a win probability and a kind.

use crate::complaint::str_enum;
use crate::error::{Error, Result};
use crate::text::normalize_label;
use serde::{Deserialize, Serialize};

str_enum! {
    /// Whether a stage is still in play, won or lost.
    StageKind {
        /// In play.
        Open => "open",
        /// Won: the deal closed with a purchase.
        Won => "won",
        /// Lost: the deal closed without one (a reason is required).
        Lost => "lost",
    }
}

/// One stage of a pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Key, unique in the pipeline (`qualified`).
    pub key: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Win probability in percent (0 to 100); won stages are 100, lost 0.
    pub probability: u8,
    /// Open, won or lost (open when absent).
    #[serde(default = "open_kind")]
    pub kind: StageKind,
    /// An open opportunity with no activity for this many days is rotting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rot_days: Option<u32>,
}

fn open_kind() -> StageKind {
    StageKind::Open
}

/// An ordered list of stages and the reasons a deal can be lost for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pipeline {
    /// Key (`sales`); defining a pipeline with a used key replaces it.
    pub key: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Stages in order: open stages first, then at least one won and one lost stage.
    pub stages: Vec<Stage>,
    /// Reasons a deal can be lost for (`price`, `competitor`, ...).
    pub lost_reasons: Vec<String>,
}

/// The key of the built-in pipeline used when none is named.
pub const DEFAULT_PIPELINE: &str = "sales";

fn stage(key: &str, probability: u8, kind: StageKind, rot_days: Option<u32>) -> Stage {
    Stage {
        key: key.to_owned(),
        name: None,
        probability,
        kind,
        rot_days,
    }
}

impl Default for Pipeline {
    /// The default sales pipeline: need identified (10 %), contacted (20 %),
    /// qualified (40 %), proposal (60 %), negotiation (80 %), won, lost; lost
    /// reasons price, competitor, no budget, no need, timing, no response.
    fn default() -> Self {
        Self {
            key: DEFAULT_PIPELINE.to_owned(),
            name: Some("Sales".to_owned()),
            stages: vec![
                stage("need_identified", 10, StageKind::Open, Some(14)),
                stage("contacted", 20, StageKind::Open, Some(14)),
                stage("qualified", 40, StageKind::Open, Some(21)),
                stage("proposal", 60, StageKind::Open, Some(14)),
                stage("negotiation", 80, StageKind::Open, Some(10)),
                stage("won", 100, StageKind::Won, None),
                stage("lost", 0, StageKind::Lost, None),
            ],
            lost_reasons: [
                "price",
                "competitor",
                "no_budget",
                "no_need",
                "timing",
                "no_response",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        }
    }
}

impl Pipeline {
    /// The stage with `key`.
    #[must_use]
    pub fn stage(&self, key: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.key == key)
    }

    /// The first open stage (where new opportunities start).
    #[must_use]
    pub fn first_open(&self) -> Option<&Stage> {
        self.stages.iter().find(|s| s.kind == StageKind::Open)
    }

    /// Validates and normalises.
    pub(crate) fn normalized(mut self) -> Result<Self> {
        self.key = normalize_label("key", &self.key, 64)?;
        self.name = self
            .name
            .as_deref()
            .map(|n| normalize_label("name", n, 200))
            .transpose()?;
        if self.stages.is_empty() {
            return Err(Error::invalid_input(
                "stages",
                "[]",
                "a pipeline has stages",
            ));
        }
        for (i, s) in self.stages.iter_mut().enumerate() {
            s.key = normalize_label(&format!("stages[{i}].key"), &s.key, 64)?;
            s.name = s
                .name
                .as_deref()
                .map(|n| normalize_label(&format!("stages[{i}].name"), n, 200))
                .transpose()?;
            let ok = match s.kind {
                StageKind::Open => s.probability <= 100,
                StageKind::Won => s.probability == 100,
                StageKind::Lost => s.probability == 0,
            };
            if !ok {
                return Err(Error::invalid_input(
                    format!("stages[{i}].probability"),
                    s.probability.to_string(),
                    "open stages are 0 to 100 %, won stages 100 % and lost stages 0 %",
                ));
            }
            if s.kind != StageKind::Open && s.rot_days.is_some() {
                return Err(Error::invalid_input(
                    format!("stages[{i}].rot_days"),
                    s.rot_days.unwrap_or_default().to_string(),
                    "only open stages rot",
                ));
            }
        }
        for (i, s) in self.stages.iter().enumerate() {
            if self.stages[..i].iter().any(|x| x.key == s.key) {
                return Err(Error::invalid_input(
                    format!("stages[{i}].key"),
                    s.key.clone(),
                    "stage keys are unique in a pipeline",
                ));
            }
        }
        for kind in StageKind::ALL {
            if !self.stages.iter().any(|s| s.kind == *kind) {
                return Err(Error::invalid_input(
                    "stages",
                    format!("{} stages", self.stages.len()),
                    format!("a pipeline needs at least one {} stage", kind.as_str()),
                ));
            }
        }
        let mut reasons = self
            .lost_reasons
            .iter()
            .enumerate()
            .map(|(i, r)| normalize_label(&format!("lost_reasons[{i}]"), r, 64))
            .collect::<Result<Vec<_>>>()?;
        reasons.dedup();
        if reasons.is_empty() {
            return Err(Error::invalid_input(
                "lost_reasons",
                "[]",
                "give the reasons a deal can be lost for (price, competitor, ...)",
            ));
        }
        self.lost_reasons = reasons;
        Ok(self)
    }
}
