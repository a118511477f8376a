// mistake: uses join! and checks the results afterwards, so it waits for every part even after an error
// expect: checked the results afterwards
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub text: String,
    pub comments: String,
    pub author: String,
}

pub async fn load_article(slug: &str) -> Result<Article, FetchError> {
    let text_url = format!("/articles/{slug}");
    let comments_url = format!("/articles/{slug}/comments");
    let author_url = format!("/articles/{slug}/author");
    let (text, comments, author) =
        tokio::join!(fetch_page(&text_url), fetch_page(&comments_url), fetch_page(&author_url));
    Ok(Article { text: text?.body, comments: comments?.body, author: author?.body })
}
