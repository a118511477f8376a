// mistake: keeps one runtime in a static and reuses it, so it outlives the call (and the tasks left on it live on)
// expect: the runtime outlives the call
use std::future::Future;
use std::sync::LazyLock;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread().enable_time().build().expect("failed to build the tokio runtime")
});

pub fn run_by_hand<F: Future>(main: F) -> F::Output {
    RUNTIME.block_on(main)
}

#[tokio::main(flavor = "current_thread")]
pub async fn run_with_attribute<F: Future>(main: F) -> F::Output {
    main.await
}
