//! Graded tests for exercise 1.4, on tokio's paused clock.

use std::time::Duration;

use errors_and_question_mark::{ShopError, order_total};
use grader::sim::journal;
use grader::{ms, timed};

const PAGE: grader::Page = grader::Page::new("src/01-async-await/04-errors-and-question-mark.md");

#[test]
fn adds_up_the_prices_of_known_products() {
    grader::run(async || {
        PAGE.failure("products 1, 2 and 3 cost 250, 1200 and 75 cents.")
            .unless_eq(&order_total(&[1, 2, 3]).await, &Ok(250 + 1200 + 75));
        PAGE.failure("a product listed twice is paid twice").unless_eq(&order_total(&[5, 5]).await, &Ok(60));
    });
}

#[test]
fn an_unknown_product_is_an_error() {
    grader::run(async || {
        PAGE.failure("product 42 does not exist: the order must fail with the error `fetch_price` gave.")
            .unless_eq(&order_total(&[1, 42, 2]).await, &Err(ShopError::NotFound(42)));
    });
}

#[test]
fn stops_at_the_first_error() {
    grader::run(async || {
        let (result, took) = timed(order_total(&[3, 42, 4, 77, 5])).await;
        PAGE.failure("the first error (product 42) is the one to return")
            .unless_eq(&result, &Err(ShopError::NotFound(42)));
        let spans = journal::spans();
        let fetched: Vec<String> = spans.iter().map(|s| s.name.clone()).collect();
        let cause = if spans.len() > 1 && spans.iter().all(|s| s.start.is_zero()) {
            "every fetch started at 0 ms: the prices were fetched at the same time; the order must be fetched one \
             after another (`fetch_price(id).await?` in the loop), so that the first error stops it before the next \
             fetch starts."
        } else {
            "`?` returns the error at once."
        };
        PAGE.failure(format!(
            "after product 42 failed, nothing more should be fetched: {cause}\n{}",
            journal::render(&spans)
        ))
        .unless_eq(&fetched, &["fetch_price(3)", "fetch_price(42)"]);
        PAGE.took("the failing order", took).expected(ms(200)).check();
    });
}

#[test]
fn an_empty_order_costs_nothing_and_takes_no_time() {
    grader::run(async || {
        let (result, took) = timed(order_total(&[])).await;
        PAGE.failure("an empty order costs 0.").unless_eq(&result, &Ok(0));
        PAGE.failure("an empty order needs no price, so it should not wait at all").unless_eq(&took, &Duration::ZERO);
    });
}
