//! One integration-test binary (faster linking): the real `diplograph` binary run on
//! the seed and on fixtures written for these tests.

mod it {
    mod analyze;
    mod bad_input;
    pub mod common;
    mod crash;
    mod cross;
    mod dot;
    mod eval_scorer;
    mod exports;
    mod fixtures;
    mod html;
    mod patterns;
    mod props;
    mod queries;
    mod query_engine;
    mod seed;
    mod serve;
    mod snapshots;
    mod store_options;
    mod tables;
}
