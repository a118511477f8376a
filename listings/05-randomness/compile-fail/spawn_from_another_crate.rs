// ANCHOR: all
use listings_05_randomness::delays::crawl_holding_thread_rng;

#[tokio::main]
async fn main() {
    let crawler = tokio::spawn(crawl_holding_thread_rng(vec!["/".into(), "/about".into()]));
    crawler.await.unwrap();
}
// ANCHOR_END: all
