// mistake: fetches the three parts one after another with `?`
// expect: one after another
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub text: String,
    pub comments: String,
    pub author: String,
}

pub async fn load_article(slug: &str) -> Result<Article, FetchError> {
    let text = fetch_page(&format!("/articles/{slug}")).await?;
    let comments = fetch_page(&format!("/articles/{slug}/comments")).await?;
    let author = fetch_page(&format!("/articles/{slug}/author")).await?;
    Ok(Article { text: text.body, comments: comments.body, author: author.body })
}
