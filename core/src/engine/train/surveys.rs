//! Surveys of a run (dead units, the output's range over the training inputs), remembered until the
//! weights change: a dead network's weights stop changing, and the page asks several times a frame.

use super::diagnosis::{self, Survey};
use super::hot::Hot;
use super::Trainer;
use crate::engine::net::kernels::Buffers;

/// The surveys a trainer remembers.
#[derive(Clone, Debug, Default)]
pub(super) struct Surveys {
    /// The last survey and the parameters it was made with.
    last: Option<(Vec<f32>, Survey)>,
    /// `latest_survey`'s answer for the update count it was made at.
    memo: SurveyMemo,
}

impl Surveys {
    /// The last survey made, whatever the weights were.
    pub(super) fn last(&self) -> Option<Survey> {
        self.last.as_ref().map(|(_, survey)| *survey)
    }

    /// The last survey if it was made with these parameters.
    fn made_with(&self, parameters: &[f32]) -> Option<Survey> {
        match &self.last {
            Some((checked, survey)) if checked.as_slice() == parameters => Some(*survey),
            _ => None,
        }
    }

    /// Remembers a survey made with these parameters (reusing the memory of the last).
    fn keep(&mut self, parameters: &[f32], survey: Survey) {
        match &mut self.last {
            Some((checked, kept)) => {
                checked.clear();
                checked.extend_from_slice(parameters);
                *kept = survey;
            }
            None => self.last = Some((parameters.to_vec(), survey)),
        }
    }
}

/// A survey remembered behind `&self` (a `Mutex`, so a trainer can be shared between threads);
/// a copy of the trainer starts with its own.
#[derive(Debug, Default)]
struct SurveyMemo(std::sync::Mutex<Option<(u64, Survey)>>);

impl Clone for SurveyMemo {
    fn clone(&self) -> Self {
        SurveyMemo::default()
    }
}

impl Trainer {
    /// The last survey if the weights have not changed since, else a fresh one, remembered until
    /// they change (the page asks several times a frame).
    pub fn latest_survey(&self) -> Survey {
        if let Some(survey) = self.surveys.made_with(&self.weights.parameters) {
            return survey;
        }
        let mut memo = self
            .surveys
            .memo
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some((iterations, survey)) = *memo {
            if iterations == self.iterations() {
                return survey;
            }
        }
        let shape = &self.engine.shape;
        let survey = (Hot::now().survey)(self.surveyed(), &mut Buffers::new(shape), None);
        *memo = Some((self.iterations(), survey));
        survey
    }

    /// What a survey of this run looks at.
    pub(super) fn surveyed(&self) -> diagnosis::Surveyed<'_> {
        diagnosis::Surveyed {
            config: &self.config,
            shape: &self.engine.shape,
            data: &self.data,
            parameters: self.inference_parameters(),
            fixed_slopes: &self.engine.fixed_slopes,
            input_range: self.input_range,
        }
    }

    /// Dead units and the output's largest input over the training inputs, now.
    pub fn survey(&mut self) -> Survey {
        if let Some(survey) = self.surveys.made_with(&self.weights.parameters) {
            return survey;
        }
        let mut buffers = std::mem::replace(&mut self.engine.buffers, Buffers::empty());
        let mut maxima = std::mem::take(&mut self.unit_maxima);
        let survey = (Hot::now().survey)(self.surveyed(), &mut buffers, Some(&mut maxima));
        self.engine.buffers = buffers;
        self.unit_maxima = maxima;
        self.surveys.keep(&self.weights.parameters, survey);
        survey
    }
}
