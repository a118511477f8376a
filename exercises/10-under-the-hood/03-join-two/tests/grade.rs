//! Graded tests for "Your own join: Pin projection", on tokio's paused clock.

use grader::secs;
use join_two::answer;

const PAGE: &str = "src/10-under-the-hood/03-join-two.md";

#[test]
fn answers_after_the_delay() {
    grader::run(async || {
        let (out, took) = grader::timed(answer(41, secs(2))).await;
        assert_eq!(out, 42, "answer(41, 2 s) should be 42. Read: {PAGE}");
        grader::took("answer(41, 2 s)", took).expected(secs(2)).read(PAGE).check();
    });
}
