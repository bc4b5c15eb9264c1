pub(crate) mod collections;
pub mod converters;
pub mod date_time;
pub(crate) mod strings;
