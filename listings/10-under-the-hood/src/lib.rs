//! Listings of chapter 10-under-the-hood ("Under the hood: futures, wakers and Pin"): one module per page, included by anchor.
