// ANCHOR: all
use listings_05_randomness::delays::crawl_holding_thread_rng;

#[tokio::main]
async fn main() {
    let pages = vec!["/".into(), "/about".into()];
    let crawler = tokio::spawn(crawl_holding_thread_rng(pages));
    crawler.await.unwrap();
}
// ANCHOR_END: all
