//! A small website (chapter 3): an origin server that answers at its own pace, and a mirror (a CDN) that keeps
//! copies of some pages and answers them at a different pace.
//!
//! [`fetch_page`] asks the origin, [`fetch_mirror`] the mirror. Each request is recorded in the
//! [`journal`](crate::journal) as `GET <url>` (origin) or `mirror GET <url>`.
//!
//! | url                         | origin             | mirror               |
//! |-----------------------------|--------------------|----------------------|
//! | `/home`                     | 300 ms             | 120 ms               |
//! | `/menu`                     | 200 ms             | 250 ms               |
//! | `/about`                    | 100 ms             | 400 ms               |
//! | `/news`                     | 400 ms             | not mirrored (60 ms) |
//! | `/blog`                     | 500 ms             | 200 ms               |
//! | `/archive`                  | 2 s (overloaded)   | 150 ms               |
//! | `/hours`                    | 503 after 150 ms   | 200 ms               |
//! | `/articles/tokio`           | 400 ms             | not mirrored (60 ms) |
//! | `/articles/tokio/comments`  | 600 ms             | not mirrored (60 ms) |
//! | `/articles/tokio/author`    | 200 ms             | not mirrored (60 ms) |
//! | `/articles/draft`           | 400 ms             | not mirrored (60 ms) |
//! | `/articles/draft/comments`  | 600 ms             | not mirrored (60 ms) |
//! | `/articles/outage`          | 503 after 300 ms   | not mirrored (60 ms) |
//! | `/articles/outage/comments` | 503 after 200 ms   | not mirrored (60 ms) |
//! | `/articles/outage/author`   | 250 ms             | not mirrored (60 ms) |
//! | anything else               | 404 after 100 ms   | 404 after 60 ms      |
//!
//! "not mirrored" means the mirror answers `404 Not Found` after 60 ms. A page's body is the same on both servers
//! ([`body_of`] gives it without waiting). `/articles/draft/author` is not listed: it is a 404 like any unknown url.

use std::fmt;
use std::time::Duration;

use crate::journal::work;

/// How long the origin takes to answer `404 Not Found` for a url it does not know.
pub const ORIGIN_NOT_FOUND_LATENCY: Duration = Duration::from_millis(100);
/// How long the mirror takes to answer `404 Not Found` for a url it has no copy of.
pub const MIRROR_NOT_FOUND_LATENCY: Duration = Duration::from_millis(60);

/// Which server answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Server {
    /// The website's own server: [`fetch_page`].
    Origin,
    /// The copy on the CDN: [`fetch_mirror`].
    Mirror,
}

/// A fetched page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The url it was fetched from, e.g. `/home`.
    pub url: String,
    /// Its content.
    pub body: String,
}

/// Why a page could not be fetched. Each variant names the url.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FetchError {
    /// `404 Not Found`: the server has no such page.
    NotFound(String),
    /// `503 Service Unavailable`: the server has the page but failed to serve it.
    Unavailable(String),
    /// The page took too long. The services here never return it; code that gives up waiting does.
    TimedOut(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::NotFound(url) => write!(f, "404 Not Found: {url}"),
            FetchError::Unavailable(url) => write!(f, "503 Service Unavailable: {url}"),
            FetchError::TimedOut(url) => write!(f, "timed out: {url}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// The page that fetching `url` gives when it succeeds, known without waiting: what tests compare answers with.
/// `None` for an unknown url.
///
/// ```
/// let home = sim::web::page_of("/home").unwrap();
/// assert_eq!((home.url.as_str(), home.body.as_str()), ("/home", "Welcome to the Async Café."));
/// ```
pub fn page_of(url: &str) -> Option<Page> {
    body_of(url).map(|body| Page { url: url.to_string(), body: body.to_string() })
}

/// The body of a page that exists (on the origin or as a copy on the mirror), known without waiting: for tests
/// and examples. `None` for an unknown url.
pub fn body_of(url: &str) -> Option<&'static str> {
    Some(match url {
        "/home" => "Welcome to the Async Café.",
        "/menu" => "Espresso, flat white, and crab-shaped cookies.",
        "/about" => "A café where every order is a future.",
        "/news" => "New: oat milk, served concurrently.",
        "/blog" => "Ten ways to await your coffee.",
        "/archive" => "Every order since 2015, in one very long page.",
        "/hours" => "Open every day, 8:00 to 18:00.",
        "/articles/tokio" => "Tokio is a runtime for writing asynchronous applications in Rust.",
        "/articles/tokio/comments" => "3 comments: 'Great read!', 'Finally join! makes sense.', 'More please.'",
        "/articles/tokio/author" => "Ferris, who writes about crabs and runtimes.",
        "/articles/draft" => "A draft about select!, not finished yet.",
        "/articles/draft/comments" => "0 comments.",
        "/articles/outage" => "Why our servers were down on Tuesday.",
        "/articles/outage/comments" => "1 comment: 'It was down for me too.'",
        "/articles/outage/author" => "The on-call engineer.",
        _ => return None,
    })
}

/// What a server does with a request: answer with the page, or fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Page,
    NotFound,
    Unavailable,
}

fn origin(url: &str) -> (Duration, Answer) {
    let ms = Duration::from_millis;
    match url {
        "/home" => (ms(300), Answer::Page),
        "/menu" => (ms(200), Answer::Page),
        "/about" => (ms(100), Answer::Page),
        "/news" => (ms(400), Answer::Page),
        "/blog" => (ms(500), Answer::Page),
        "/archive" => (ms(2000), Answer::Page),
        "/hours" => (ms(150), Answer::Unavailable),
        "/articles/tokio" => (ms(400), Answer::Page),
        "/articles/tokio/comments" => (ms(600), Answer::Page),
        "/articles/tokio/author" => (ms(200), Answer::Page),
        "/articles/draft" => (ms(400), Answer::Page),
        "/articles/draft/comments" => (ms(600), Answer::Page),
        "/articles/outage" => (ms(300), Answer::Unavailable),
        "/articles/outage/comments" => (ms(200), Answer::Unavailable),
        "/articles/outage/author" => (ms(250), Answer::Page),
        _ => (ORIGIN_NOT_FOUND_LATENCY, Answer::NotFound),
    }
}

fn mirror(url: &str) -> (Duration, Answer) {
    let ms = Duration::from_millis;
    match url {
        "/home" => (ms(120), Answer::Page),
        "/menu" => (ms(250), Answer::Page),
        "/about" => (ms(400), Answer::Page),
        "/blog" => (ms(200), Answer::Page),
        "/archive" => (ms(150), Answer::Page),
        "/hours" => (ms(200), Answer::Page),
        _ => (MIRROR_NOT_FOUND_LATENCY, Answer::NotFound),
    }
}

/// How long `server` takes to answer a request for `url`, whatever the answer: for tests and examples.
///
/// ```
/// use sim::web::{latency, Server};
/// assert_eq!(latency(Server::Origin, "/home"), std::time::Duration::from_millis(300));
/// assert_eq!(latency(Server::Mirror, "/home"), std::time::Duration::from_millis(120));
/// ```
pub fn latency(server: Server, url: &str) -> Duration {
    match server {
        Server::Origin => origin(url).0,
        Server::Mirror => mirror(url).0,
    }
}

async fn serve(name: String, url: &str, (delay, answer): (Duration, Answer)) -> Result<Page, FetchError> {
    work(name, delay).await;
    match (answer, page_of(url)) {
        (Answer::Page, Some(page)) => Ok(page),
        (Answer::Unavailable, _) => Err(FetchError::Unavailable(url.to_string())),
        _ => Err(FetchError::NotFound(url.to_string())),
    }
}

/// Fetches `url` from the origin server, taking that page's origin latency (see the table above).
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// use sim::web::{fetch_page, FetchError};
/// let home = fetch_page("/home").await.unwrap();
/// assert_eq!(home.body, "Welcome to the Async Café.");
/// assert_eq!(fetch_page("/hours").await, Err(FetchError::Unavailable("/hours".to_string())));
/// assert_eq!(fetch_page("/nope").await, Err(FetchError::NotFound("/nope".to_string())));
/// # }
/// ```
pub async fn fetch_page(url: &str) -> Result<Page, FetchError> {
    serve(format!("GET {url}"), url, origin(url)).await
}

/// Fetches `url` from the mirror, taking that page's mirror latency (see the table above).
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// use sim::web::{fetch_mirror, FetchError};
/// assert_eq!(fetch_mirror("/hours").await.unwrap().body, "Open every day, 8:00 to 18:00.");
/// assert_eq!(fetch_mirror("/news").await, Err(FetchError::NotFound("/news".to_string())));
/// # }
/// ```
pub async fn fetch_mirror(url: &str) -> Result<Page, FetchError> {
    serve(format!("mirror GET {url}"), url, mirror(url)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal;

    #[tokio::test(start_paused = true)]
    async fn every_listed_page_has_a_body_and_takes_its_latency() {
        for url in ["/home", "/menu", "/about", "/news", "/blog", "/archive", "/articles/tokio/author"] {
            let start = tokio::time::Instant::now();
            let page = fetch_page(url).await.unwrap();
            assert_eq!(page.body, body_of(url).unwrap());
            assert_eq!(start.elapsed(), latency(Server::Origin, url), "{url}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn failures_and_journal_names() {
        journal::reset();
        assert_eq!(
            fetch_page("/articles/draft/author").await,
            Err(FetchError::NotFound("/articles/draft/author".into()))
        );
        assert_eq!(fetch_page("/articles/outage").await, Err(FetchError::Unavailable("/articles/outage".into())));
        assert_eq!(fetch_mirror("/archive").await.unwrap().body, body_of("/archive").unwrap());
        let names: Vec<String> = journal::spans().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["GET /articles/draft/author", "GET /articles/outage", "mirror GET /archive"]);
        assert_eq!(journal::now(), Duration::from_millis(100 + 300 + 150));
    }

    #[test]
    fn errors_display_like_http() {
        assert_eq!(FetchError::NotFound("/x".into()).to_string(), "404 Not Found: /x");
        assert_eq!(FetchError::Unavailable("/x".into()).to_string(), "503 Service Unavailable: /x");
        assert_eq!(FetchError::TimedOut("/x".into()).to_string(), "timed out: /x");
    }
}
