// mistake: builds the runtime without its timer driver, so the program's first sleep panics
// expect: enable_time()
use std::future::Future;

pub fn run_by_hand<F: Future>(main: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().expect("failed to build the tokio runtime").block_on(main)
}

#[tokio::main(flavor = "current_thread")]
pub async fn run_with_attribute<F: Future>(main: F) -> F::Output {
    main.await
}
