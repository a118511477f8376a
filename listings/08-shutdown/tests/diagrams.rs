//! The timeline pictures of chapter 8, drawn from real runs of the listings on tokio's
//! paused clock and compared with the committed SVGs in `diagrams/`, which the pages
//! include. `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them (every
//! chapter's at once).

use diagrams::last_end;
use std::time::Duration;

use diagrams::{Span, Timeline, record};
use listings_08_shutdown::{cancel_safety, select_loop, shutdown, ticker};
use sim::farm::{Job, Probe};
use tokio::time::MissedTickBehavior;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn cancelled(spans: &[Span]) -> Vec<&str> {
    spans.iter().filter(|s| s.cancelled).map(|s| s.name.as_str()).collect()
}

#[test]
fn a_render_across_the_turns_of_a_loop() {
    let job = || Job::new(1, ms(3000));
    let restarting = record(async || {
        let questions = select_loop::questions_at(&[500, 1200, 2000]);
        select_loop::restarting(job(), questions).await;
    });
    let pinned = record(async || {
        select_loop::pinned(job(), select_loop::questions_at(&[500, 1200, 2000]))
            .await;
    });
    assert_eq!((last_end(&restarting), cancelled(&restarting).len()), (ms(5100), 3));
    assert_eq!((last_end(&pinned), cancelled(&pinned).len()), (ms(3000), 0));
    Timeline::new("A 3 s render, with questions at 0.5 s, 1.2 s and 2 s")
        .section("restarting(): render(&job) in the select!, so each question drops it: done at 5.1 s", restarting)
        .section("pinned(): one render, polled through &mut render on every turn: done at 3 s", pinned)
        .check("diagrams/select_loop.svg");
}

#[test]
fn missed_tick_behaviors() {
    let run = |behavior| {
        record(async move || {
            let mut probe = Probe::new(vec![ms(200), ms(2500), ms(200)]);
            ticker::reads(&mut probe, ms(1000), behavior, 5).await;
        })
    };
    let (burst, delay, skip) = (
        run(MissedTickBehavior::Burst),
        run(MissedTickBehavior::Delay),
        run(MissedTickBehavior::Skip),
    );
    let starts = |spans: &[Span]| spans.iter().map(|s| s.start).collect::<Vec<_>>();
    assert_eq!(starts(&burst)[2..], [ms(3500), ms(3700), ms(4000)]);
    assert_eq!(starts(&delay)[2..], [ms(3500), ms(4500), ms(5500)]);
    assert_eq!(starts(&skip)[2..], [ms(3500), ms(4000), ms(5000)]);
    Timeline::new(
        "A read every second; read 2 takes 2.5 s and misses the ticks at 2 s and 3 s",
    )
    .section(
        "Burst (the default): reads 3 and 4 back to back, then on the grid",
        burst,
    )
    .section(
        "Delay: read 3 at once, then the grid restarts from it (4.5 s, 5.5 s)",
        delay,
    )
    .section(
        "Skip: read 3 at once, then back on the grid of whole seconds (4 s, 5 s)",
        skip,
    )
    .check("diagrams/ticker.svg");
}

#[test]
fn frames_lost_and_kept() {
    let every = ms(1000);
    let lossy = record(async || {
        assert_eq!(
            cancel_safety::lossy(cancel_safety::five_frames(), every).await,
            [1, 2, 4]
        );
    });
    let kept = record(async || {
        let got = cancel_safety::kept(cancel_safety::five_frames(), every).await;
        assert_eq!(got, [1, 2, 3, 4, 5]);
    });
    assert_eq!(cancelled(&lossy), ["decode #3", "decode #5"]);
    let ends = |spans: &[Span]| {
        spans.iter().filter(|s| s.cancelled).map(|s| s.end).collect::<Vec<_>>()
    };
    assert_eq!(ends(&lossy), [Some(every), Some(every * 3)]); // dropped by those ticks
    // the ticker's ticks, while the feed lasts (it ends at 3.05 s)
    let ticks = vec![every, every * 2, every * 3];
    assert!(cancelled(&kept).is_empty());
    Timeline::new(
        "Five frames and a tick every second: feed.next() is not cancel-safe",
    )
    .section(
        "lossy(): the ticks at 1 s and 3 s drop the next() decoding frames 3 and 5",
        lossy,
    )
    .events("tick", ticks.clone())
    .section(
        "kept(): the same next() future lives across the turns: nothing lost",
        kept,
    )
    .events("tick", ticks)
    .check("diagrams/cancel_safety.svg");
}

#[test]
fn a_drain_then_a_forced_stop() {
    let spans = record(async || {
        let jobs = vec![
            Job::new(1, ms(1000)),
            Job::new(2, ms(2500)),
            Job::new(3, ms(10_000)),
        ];
        shutdown::farm(jobs, shutdown::ctrl_c_at(ms(2000)), ms(1000)).await;
    });
    assert_eq!((last_end(&spans), cancelled(&spans)), (ms(3000), vec!["render #3"]));
    Timeline::new(
        "farm(): Ctrl-C at 2 s, a drain of at most 1 s, then job 3 is forced to stop",
    )
    .spans(spans)
    .mark(ms(2000), "2 s: Ctrl-C, the drain begins")
    .until(ms(3500)) // room for the labels right of 3 s
    .check("diagrams/shutdown.svg");
}
