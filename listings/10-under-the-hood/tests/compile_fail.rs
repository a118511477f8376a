//! The book's "this does not compile" listings: each must fail, with the error the
//! page shows (`.stderr`).

#[test]
fn listings_that_must_not_compile() {
    trybuild::TestCases::new().compile_fail("compile-fail/*.rs");
}
