//! blindspot: finds the gaps in security logging and monitoring in Terraform and
//! CloudFormation before anything is deployed.
//!
//! Pipeline: [`discover`] -> [`frontend`] (parse with spans, evaluate) -> [`adapt`]
//! (one normalized [`model`] with resolved links) -> [`rules`] -> [`report`].

#![forbid(unsafe_code)]

pub mod adapt;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod debug_eval;
pub mod directive;
pub mod discover;
pub mod doc;
pub mod finding;
pub mod fix;
pub mod frontend;
pub mod guard;
pub mod ignore;
pub mod interned;
pub mod lsp;
pub mod model;
pub mod patterns;
pub mod policy;
pub mod report;
pub mod rule_ids;
pub mod rules;
pub mod scan;
pub mod select;
pub mod source;
pub mod suppress;
