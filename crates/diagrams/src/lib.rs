//! Timeline diagrams for the book: SVG pictures of what ran when, drawn from the spans that [`sim::journal`]
//! records while example code really runs on tokio's paused clock. Nothing is drawn by hand.
//!
//! A chapter's listings crate has a `tests/diagrams.rs` that runs its example code with [`record`], draws the spans
//! with [`Timeline`] and compares the picture with the committed file with [`Timeline::check`]:
//!
//! ```no_run
//! use std::time::Duration;
//!
//! let spans = diagrams::record(async || {
//!     sim::work("fetch /a", Duration::from_secs(1)).await;
//!     sim::work("fetch /b", Duration::from_secs(1)).await;
//! });
//! diagrams::Timeline::new("Two fetches, one after another").spans(spans).check("diagrams/two_fetches.svg");
//! ```
//!
//! `SNAPSHOTS=overwrite cargo test` (re)writes every chapter's pictures and recorded outputs; without it a test
//! fails, with a diff, when a committed file is out of date. A page includes the SVG *inline*, on a line of its own with
//! a blank line before and after, so that its text takes the colour of the book's theme (light or dark):
//! `{{#include ../../listings/NN-chapter/diagrams/two_fetches.svg}}`.
//!
//! The pictures are made to be readable in every theme: text and axis use `currentColor` (the page's text
//! colour), the background is transparent, and the bars use mid-contrast colours that stand out on white and on
//! near-black. A cancelled span is hatched, outlined with dashes and ends in a cross, so it differs in shape as
//! well as in colour. Each picture carries a `<title>`, a `<desc>` that lists every span in words, and an
//! `aria-label`, for screen readers.

//!
//! Two modules: [`timeline`] draws the pictures; [`golden`] holds the listing tests' helpers (compare with the
//! committed file, run a book program with its printed durations masked).

mod golden;
mod timeline;

pub use golden::{PROGRAM_LIMIT, REGENERATE, UPDATE_VAR, check_output, mask_durations, run_program};
pub use sim::journal::Span;
pub use timeline::Timeline;

/// The last moment anything in `spans` ran (zero for no span): the scenarios' total time, for their checks.
///
/// ```
/// use std::time::Duration;
/// let spans = diagrams::record(async || sim::work("fetch", Duration::from_secs(2)).await);
/// assert_eq!(diagrams::last_end(&spans), Duration::from_secs(2));
/// ```
pub fn last_end(spans: &[Span]) -> std::time::Duration {
    spans.iter().filter_map(|s| s.end).max().unwrap_or_default()
}

/// The span called `name`; panics, listing the spans, if there is none.
///
/// ```
/// use std::time::Duration;
/// let spans = diagrams::record(async || sim::work("fetch", Duration::from_secs(2)).await);
/// assert_eq!(diagrams::span(&spans, "fetch").end, Some(Duration::from_secs(2)));
/// ```
#[track_caller]
pub fn span<'a>(spans: &'a [Span], name: &str) -> &'a Span {
    spans.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no span {name}: {spans:?}"))
}

/// Runs `scenario` on a fresh current-thread runtime with tokio's clock paused (as the grader does) and returns the
/// spans it recorded in [`sim::journal`], in virtual time from the start of the scenario.
///
/// A span still open when the scenario returns (a spawned task still running) has no `end`: it is drawn as still
/// running up to the end of the picture.
pub fn record<F>(scenario: F) -> Vec<Span>
where
    F: AsyncFnOnce(),
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("build a paused tokio runtime");
    runtime.block_on(async {
        sim::journal::reset();
        scenario().await;
        sim::journal::spans()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::golden::check_file;
    use crate::timeline::{seconds, ticks, wrap};
    use std::time::Duration;

    fn span(name: &str, start: u64, end: Option<u64>, cancelled: bool) -> Span {
        Span { name: name.into(), start: Duration::from_millis(start), end: end.map(Duration::from_millis), cancelled }
    }

    #[test]
    fn printed_durations_are_masked_and_other_numbers_kept() {
        assert_eq!(
            mask_durations("together: 301.2ms, one by one 1.5s\n3 steps in 2sec, 12ns 3.5µs, v1.0s x10ms\n"),
            "together: <time>, one by one <time>\n3 steps in 2sec, <time> <time>, v1.0s x10ms\n"
        );
    }

    #[test]
    fn one_row_per_span_with_its_kind() {
        let svg = Timeline::new("Three kinds")
            .spans(vec![
                span("done", 0, Some(300), false),
                span("dropped", 0, Some(200), true),
                span("open", 100, None, false),
            ])
            .to_svg();
        assert_eq!(svg.matches(r#"<g class="span finished">"#).count(), 1, "{svg}");
        assert_eq!(svg.matches(r#"<g class="span cancelled">"#).count(), 1, "{svg}");
        assert_eq!(svg.matches(r#"<g class="span running">"#).count(), 1, "{svg}");
        assert!(svg.contains(">cancelled at 0.2 s</text>"), "{svg}");
        assert!(svg.contains(">still running</text>"), "{svg}");
        assert!(svg.contains("cancelled: dropped before it finished"), "the legend explains the hatching: {svg}");
    }

    #[test]
    fn has_a_title_a_description_and_an_aria_label() {
        let timeline = Timeline::new("Two lookups")
            .section("one after another", vec![span("find_user(1)", 0, Some(300), false)])
            .section("together", vec![span("find_user(2)", 0, Some(300), true)]);
        let svg = timeline.to_svg();
        let desc =
            "one after another: find_user(1) from 0 s to 0.3 s. together: find_user(2) from 0 s, cancelled at 0.3 s.";
        assert_eq!(timeline.description(), desc);
        assert!(svg.contains("<title>Two lookups</title>"), "{svg}");
        assert!(svg.contains(&format!("<desc>{desc}</desc>")), "{svg}");
        assert!(svg.contains(&format!(r#"role="img" aria-label="Two lookups. {desc}""#)), "{svg}");
    }

    #[test]
    fn can_be_included_inline_in_markdown() {
        let svg = Timeline::new("t").spans(vec![span("a", 0, Some(1000), false)]).to_html();
        let mut lines = svg.lines();
        assert_eq!(lines.next(), Some(r#"<div class="timeline-frame">"#), "a block-level tag first: {svg}");
        let tag = lines.next().unwrap();
        assert!(tag.starts_with("<svg ") && tag.ends_with('>'), "the whole <svg> tag on one line: {tag}");
        assert!(tag.contains(r#"class="timeline timeline-wide""#), "{tag}");
        assert!(svg.contains(r#"class="timeline timeline-narrow""#), "both layouts: {svg}");
        assert!(!svg.contains("\n\n"), "a blank line would end Markdown's HTML block: {svg}");
        assert!(svg.ends_with("</svg>\n</div>\n"));
        assert!(!svg.contains(" id="), "ids would clash when several diagrams share a page (print.html)");
    }

    #[test]
    fn events_are_dots_and_marks_are_labelled_lines() {
        let timeline = Timeline::new("t")
            .section("beating", vec![span("heart", 0, None, false)])
            .events("beats", vec![Duration::from_millis(100), Duration::from_millis(200)])
            .section("silent", vec![])
            .events("beats", vec![])
            .mark(Duration::from_millis(250), "deadline");
        let svg = timeline.to_svg();
        assert_eq!(svg.matches("<circle ").count(), 2, "{svg}");
        assert!(svg.contains(">at 0.1 s, 0.2 s</text>") && svg.contains(">none</text>"), "{svg}");
        assert_eq!(svg.matches(r#"<g class="mark">"#).count(), 1, "{svg}");
        assert!(svg.contains(">deadline</text>"), "{svg}");
        assert!(timeline.description().contains("beats: at 0.1 s, 0.2 s"), "{}", timeline.description());
        assert!(timeline.description().contains("deadline (marked at 0.25 s)"), "{}", timeline.description());
    }

    #[test]
    fn a_cancelled_bar_that_fills_the_width_gets_its_label_on_a_plate() {
        // No room after the bar (it ends at the axis end) or before it (it starts at 0): the label goes inside, in
        // white on a solid plate, not in the theme's colour over the hatching.
        let svg = Timeline::new("t")
            .spans(vec![span("short", 0, Some(1000), false), span("long", 0, Some(3000), true)])
            .to_svg();
        assert!(svg.contains(r##"fill="#ffffff">cancelled at 3 s</text>"##), "{svg}");
        assert_eq!(svg.matches(r##"rx="3" fill="#c2410c" stroke="#c2410c"/>"##).count(), 1, "one plate: {svg}");
    }

    #[test]
    fn marks_close_together_put_their_labels_on_lines_of_their_own() {
        let label_ys = |svg: &str| -> Vec<String> {
            svg.split(r#"<g class="mark">"#)
                .skip(1)
                .map(|mark| {
                    mark.split("<text ")
                        .nth(1)
                        .unwrap()
                        .split("y=\"")
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect()
        };
        let close = Timeline::new("t")
            .spans(vec![span("a", 0, Some(3000), false)])
            .mark(Duration::from_millis(2000), "2 s: the first thing happens here")
            .mark(Duration::from_millis(2200), "2.2 s: and the second one here")
            .to_svg();
        let ys = label_ys(&close);
        assert_eq!(ys.len(), 2, "{close}");
        assert_ne!(ys[0], ys[1], "the labels would overlap: {close}");
        let apart = Timeline::new("t")
            .spans(vec![span("a", 0, Some(3000), false)])
            .mark(Duration::from_millis(200), "start")
            .mark(Duration::from_millis(2800), "end")
            .to_svg();
        let ys = label_ys(&apart);
        assert_eq!(ys[0], ys[1], "labels far apart share a line: {apart}");
    }

    #[test]
    fn the_narrow_layout_keeps_every_row_name_and_label_and_fits_a_phone() {
        let timeline = Timeline::new("A long title that cannot fit on one line of a phone's screen at all")
            .section(
                "a long section heading that has to be wrapped too, over two lines",
                vec![span("a rather long span name", 0, Some(300), false), span("dropped", 0, Some(200), true)],
            )
            .events("beats", vec![Duration::from_millis(100)])
            .mark(Duration::from_millis(250), "deadline");
        let svg = timeline.to_svg_narrow();
        assert!(svg.contains(r#"viewBox="0 0 350 "#), "{svg}");
        assert!(svg.contains(">a rather long span name</text>"), "names are not cut: {svg}");
        assert!(svg.contains(">cancelled at 0.2 s</text>") && svg.contains(">deadline</text>"), "{svg}");
        assert_eq!(svg.matches("<circle ").count(), 1, "{svg}");
        assert!(svg.contains(">A long title that cannot fit on one</text>"), "wrapped: {svg}");
        let sizes = svg.split("font-size=\"").skip(1).map(|s| s.split('"').next().unwrap().parse::<f64>().unwrap());
        assert!(sizes.fold(f64::MAX, f64::min) >= 11.5, "{svg}");
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("order, [3 s, 1 s, 2 s]", 20), ["order, [3 s, 1 s,", "2 s]"], "a unit stays with its number");
    }

    #[test]
    fn the_axis_is_in_seconds_and_covers_the_last_end() {
        let svg =
            Timeline::new("t").spans(vec![span("a", 0, Some(300), false), span("b", 300, Some(600), false)]).to_svg();
        for tick in ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"] {
            assert!(svg.contains(&format!(r#"text-anchor="middle">{tick}</text>"#)), "tick {tick}: {svg}");
        }
        assert!(!svg.contains(">0.7</text>"), "{svg}");
        assert!(svg.contains("virtual time (s)"));
        assert_eq!(ticks(Duration::from_secs(3)), (Duration::from_millis(500), Duration::from_secs(3)));
        assert_eq!(ticks(Duration::from_millis(2500)), (Duration::from_millis(500), Duration::from_millis(2500)));
        assert_eq!(ticks(Duration::from_secs(10)), (Duration::from_secs(2), Duration::from_secs(10)));
        assert_eq!(ticks(Duration::from_millis(500)), (Duration::from_millis(100), Duration::from_millis(500)));
        assert_eq!(ticks(Duration::from_millis(1001)), (Duration::from_millis(200), Duration::from_millis(1200)));
        assert_eq!(ticks(Duration::ZERO), (Duration::from_millis(1), Duration::from_millis(1)));
        assert_eq!(seconds(Duration::from_millis(1250)), "1.25");
        assert_eq!(seconds(Duration::from_secs(2)), "2");
    }

    #[test]
    fn until_extends_the_axis_so_pictures_share_a_scale() {
        let svg =
            Timeline::new("t").spans(vec![span("a", 0, Some(1000), false)]).until(Duration::from_secs(3)).to_svg();
        assert!(svg.contains(r#"text-anchor="middle">3</text>"#), "{svg}");
    }

    #[test]
    fn names_are_escaped() {
        let svg = Timeline::new("a < b & \"c\"").spans(vec![span("Vec<u8>", 0, Some(10), false)]).to_svg();
        assert!(svg.contains("<title>a &lt; b &amp; &quot;c&quot;</title>"), "{svg}");
        assert!(svg.contains(">Vec&lt;u8&gt;</text>"), "{svg}");
    }

    #[test]
    fn the_same_spans_give_the_same_picture() {
        let draw = || Timeline::new("t").spans(vec![span("a", 0, Some(123), false)]).to_svg();
        assert_eq!(draw(), draw());
    }

    #[test]
    fn record_runs_on_the_paused_clock() {
        let wall = std::time::Instant::now();
        let spans = record(async || {
            tokio::join!(sim::work("a", Duration::from_secs(3)), sim::work("b", Duration::from_secs(5)));
        });
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[1].end, Some(Duration::from_secs(5)));
        assert!(wall.elapsed() < Duration::from_secs(2), "virtual seconds, not real ones");
    }

    #[test]
    fn a_task_still_running_has_no_end() {
        let spans = record(async || {
            tokio::spawn(sim::work("background", Duration::from_secs(10)));
            sim::work("foreground", Duration::from_secs(1)).await;
        });
        let background = spans.iter().find(|s| s.name == "background").expect("the task started");
        assert_eq!(background.end, None);
    }

    #[test]
    fn a_committed_file_is_compared_and_overwritten_on_demand() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("picture.svg");
        std::fs::write(&path, "<svg/>\r\n").unwrap();
        check_file(&path, "<svg/>\n", false); // a Windows checkout's line endings are fine
        let stale = std::panic::catch_unwind(|| check_file(&path, "<svg>changed</svg>\n", false));
        assert!(stale.is_err(), "a stale file fails");
        check_file(&path, "<svg>changed</svg>\n", true);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "<svg>changed</svg>\n");
        let missing = std::panic::catch_unwind(|| check_file(&temp.path().join("none.svg"), "<svg/>\n", false));
        assert!(missing.is_err(), "a missing file fails");
    }
}
