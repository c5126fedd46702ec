//! relu-lab's training core: the one `Config` (`engine::config`), the Keras-faithful trainer
//! (`engine::train`), sweeps, the words about a run (`engine::report`), the bilingual message table
//! (`i18n`) and the lesson as data (`lesson`). Plain data and pure functions: no web dependency, no
//! I/O. The page (the `relu-lab` crate) and the headless runner are built on it.

pub mod engine;
pub mod i18n;
pub mod lesson;
