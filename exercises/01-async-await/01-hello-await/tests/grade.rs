//! Graded tests for exercise 1.1. They run on tokio's paused clock: "2 s" below is 2 s of virtual time.

use std::cell::Cell;
use std::rc::Rc;

use grader::{expect_ready_at, secs};
use hello_await::greet_after;

const PAGE: grader::Page = grader::Page::new("src/01-async-await/01-hello-await.md");

#[test]
fn returns_the_greeting() {
    grader::run(async || {
        let greeting = greet_after("Ada", secs(1)).await;
        PAGE.failure("greet_after(\"Ada\", ..) must return exactly \"Hello, Ada!\".")
            .unless_eq(&greeting, &"Hello, Ada!");
        let greeting = greet_after("Grace", secs(1)).await;
        PAGE.failure("the name in the greeting must be the one passed in.").unless_eq(&greeting, &"Hello, Grace!");
    });
}

#[test]
fn waits_exactly_the_delay_before_answering() {
    grader::run(async || {
        let greeting = expect_ready_at("greet_after(\"Linus\", 2 s)", greet_after("Linus", secs(2)), secs(2)).await;
        assert_eq!(greeting, "Hello, Linus!");
    });
}

#[test]
fn other_work_keeps_running_while_it_waits() {
    grader::run(async || {
        // A ticker counts the seconds while greet_after waits 3 s. If greet_after blocked the thread, the ticker
        // could not run until it was over.
        let ticks = Rc::new(Cell::new(0));
        let ticks_when_greeted = Rc::new(Cell::new(None));
        let greeter = {
            let (ticks, seen) = (ticks.clone(), ticks_when_greeted.clone());
            async move {
                let greeting = greet_after("Ada", secs(3)).await;
                seen.set(Some((ticks.get(), tokio::time::Instant::now())));
                greeting
            }
        };
        let ticker = async {
            for _ in 0..2 {
                tokio::time::sleep(secs(1)).await;
                ticks.set(ticks.get() + 1);
            }
        };
        let start = tokio::time::Instant::now();
        let wall = std::time::Instant::now();
        let (greeting, ()) = tokio::join!(greeter, ticker);
        assert_eq!(greeting, "Hello, Ada!");
        let (ticks_seen, at) = ticks_when_greeted.get().expect("the greeting was returned");
        // Came at once: blocked, or never waited (the real time it took tells which). Came at 3 s without the
        // ticks: blocked for part of it.
        let cause = if at == start {
            grader::zero_time_cause(Some(wall.elapsed()))
        } else {
            "the wait blocked the thread (`std::thread::sleep`) for part of the time, so the ticker could not run. \
             Use `tokio::time::sleep(delay).await`."
                .to_string()
        };
        PAGE.failure(format!(
            "while greet_after(\"Ada\", 3 s) waited, a ticker should have ticked at 1 s and 2 s; it had ticked \
             {ticks_seen} time(s) when the greeting came, at {} of virtual time.",
            grader::sim::secs(at - start)
        ))
        .cause(cause)
        .unless(ticks_seen == 2 && at - start == secs(3));
    });
}
