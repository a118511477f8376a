//! A small simulated world for the exercises: slow services whose latency is spent on tokio's clock.
//!
//! Nothing here touches a real network or disk. Every service sleeps for a fixed, documented latency with
//! `tokio::time::sleep`, so under the grader's paused clock a "300 ms database query" takes 300 ms of *virtual*
//! time and a few microseconds of real time. Each call is recorded in the [`journal`], which the grader prints
//! as a timeline when a timing check fails.
//!
//! The services are grouped by the chapter that introduces them.

pub mod accounts;
pub mod archive;
pub mod exports;
pub mod farm;
pub mod files;
pub mod flaky;
pub mod journal;
#[cfg(feature = "io")]
pub mod net;
pub mod photos;
pub mod rates;
pub mod shop;
pub mod sync;
pub mod web;

pub use journal::{secs, traced, work};
