//! Solution to exercise 3.2.

use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

/// Everything an article page shows: the bodies of its three parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub text: String,
    pub comments: String,
    pub author: String,
}

/// The three parts of an article, fetched at the same time; the first error ends it.
pub async fn load_article(slug: &str) -> Result<Article, FetchError> {
    // ANCHOR: solution
    let text_url = format!("/articles/{slug}");
    let comments_url = format!("/articles/{slug}/comments");
    let author_url = format!("/articles/{slug}/author");
    let (text, comments, author) =
        tokio::try_join!(fetch_page(&text_url), fetch_page(&comments_url), fetch_page(&author_url))?;
    Ok(Article { text: text.body, comments: comments.body, author: author.body })
    // ANCHOR_END: solution
}
