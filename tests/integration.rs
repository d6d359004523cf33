//! One integration-test binary (faster linking): the real `diplograph` binary run on
//! the seed and on fixtures written for these tests.

mod it {
    pub mod common;
    mod bad_input;
    mod dot;
    mod exports;
    mod fixtures;
    mod queries;
    mod seed;
    mod snapshots;
}
