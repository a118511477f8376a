// mistake: spawns the fetches as tasks; dropping their JoinHandles on an error does not cancel them
// expect: was still running
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub text: String,
    pub comments: String,
    pub author: String,
}

pub async fn load_article(slug: &str) -> Result<Article, FetchError> {
    let get = |url: String| tokio::spawn(async move { fetch_page(&url).await });
    let text = get(format!("/articles/{slug}"));
    let comments = get(format!("/articles/{slug}/comments"));
    let author = get(format!("/articles/{slug}/author"));
    let output = |handle: tokio::task::JoinHandle<Result<Page, FetchError>>| async move {
        handle.await.expect("the fetch task panicked")
    };
    let (text, comments, author) = tokio::try_join!(output(text), output(comments), output(author))?;
    Ok(Article { text: text.body, comments: comments.body, author: author.body })
}
