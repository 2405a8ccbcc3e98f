//! Floor 1: the plan and its rules, as plain data and pure functions. No SQL, no files, no
//! formats: everything here takes a `FullPlan` (or plain values) and answers.

pub mod approval;
pub mod changes;
pub mod conciliation;
pub mod content;
pub mod evaluation;
pub mod indicators;
pub mod model;
pub mod monitoring;
pub mod pay;
pub mod results;
pub mod rules;
pub mod targets;
pub mod text;
pub mod timeliness;
pub mod versions;
