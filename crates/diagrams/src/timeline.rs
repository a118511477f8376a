//! Drawing: a [`Timeline`] of spans as an SVG picture (a wide layout and a narrow one for phones).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use sim::journal::Span;

/// A timeline: one row per span, optionally in titled sections that share one time axis.
#[derive(Clone, Debug)]
pub struct Timeline {
    title: String,
    sections: Vec<Section>,
    until: Duration,
}

#[derive(Clone, Debug)]
struct Section {
    label: Option<String>,
    spans: Vec<Span>,
    /// Rows of instants (a heartbeat's beats), drawn as dots after the spans.
    events: Vec<(String, Vec<Duration>)>,
    /// Vertical markers across the section (a deadline), with their labels.
    marks: Vec<(Duration, String)>,
}

impl Section {
    fn new(label: Option<String>, spans: Vec<Span>) -> Self {
        Section { label, spans, events: Vec::new(), marks: Vec::new() }
    }
}

/// Colours: mid-contrast, legible on the light themes' white and the dark themes' near-black backgrounds.
const FINISHED: &str = "#2b6cb0";
const CANCELLED: &str = "#c2410c";
const WIDTH: f64 = 720.0;
/// The width of the narrow layout ([`Timeline::to_svg_narrow`]): a 390 px phone's text column, about.
const NARROW: f64 = 350.0;
const PAD: f64 = 12.0;
const ROW: f64 = 28.0;
const BAR: f64 = 18.0;
const SECTION: f64 = 24.0;
const FONT: f64 = 12.5;
/// Average advance of a character at [`FONT`], generous so that estimated label widths never undershoot.
const CHAR: f64 = FONT * 0.62;
const SANS: &str = "'Open Sans', 'Segoe UI', Helvetica, Arial, sans-serif";
const MONO: &str = "'Source Code Pro', Consolas, 'DejaVu Sans Mono', monospace";

impl Timeline {
    /// A new, empty timeline. The title is shown above the picture and read by screen readers.
    pub fn new(title: impl Into<String>) -> Self {
        Timeline { title: title.into(), sections: Vec::new(), until: Duration::ZERO }
    }

    /// Adds rows without a section heading (for a picture of a single run).
    pub fn spans(mut self, spans: Vec<Span>) -> Self {
        self.sections.push(Section::new(None, spans));
        self
    }

    /// Adds a titled section: e.g. the same work "one after another", then "at the same time", on one time axis.
    pub fn section(mut self, label: impl Into<String>, spans: Vec<Span>) -> Self {
        self.sections.push(Section::new(Some(label.into()), spans));
        self
    }

    /// Adds a row of instants to the last section (or to a new one without a heading): a dot at each time, for
    /// things that happen at a moment rather than over a span (a heartbeat's beats, a message arriving). An empty
    /// list draws the row with "none", which is the point when the beats never came.
    pub fn events(mut self, name: impl Into<String>, times: Vec<Duration>) -> Self {
        self.last_section().events.push((name.into(), times));
        self
    }

    /// Adds a vertical marker at `at` across the rows of the last section (or of a new one without a heading),
    /// with `label` written under the rows: a deadline, the moment something was aborted.
    pub fn mark(mut self, at: Duration, label: impl Into<String>) -> Self {
        self.last_section().marks.push((at, label.into()));
        self
    }

    fn last_section(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::new(None, Vec::new()));
        }
        self.sections.last_mut().expect("a section")
    }

    /// Makes the time axis reach at least `time` (to draw several pictures on the same scale).
    pub fn until(mut self, time: Duration) -> Self {
        self.until = time;
        self
    }

    /// The latest moment the picture shows: the last end (or start, for a span still running).
    fn horizon(&self) -> Duration {
        self.sections
            .iter()
            .flat_map(|s| &s.spans)
            .map(|s| s.end.unwrap_or(s.start))
            .chain(self.sections.iter().flat_map(|s| s.events.iter().flat_map(|(_, times)| times.iter().copied())))
            .chain(self.sections.iter().flat_map(|s| s.marks.iter().map(|(at, _)| *at)))
            .chain([self.until])
            .max()
            .unwrap_or_default()
    }

    /// The picture in words: every span with its times, section by section (the SVG's `<desc>`).
    pub fn description(&self) -> String {
        let mut parts = Vec::new();
        for section in &self.sections {
            let mut spans: Vec<String> = section.spans.iter().map(describe).collect();
            for (name, times) in &section.events {
                spans.push(format!("{name}: {}", instants(times)));
            }
            for (at, label) in &section.marks {
                spans.push(format!("{label} (marked at {} s)", seconds(*at)));
            }
            let spans = if spans.is_empty() { "nothing ran".to_string() } else { spans.join("; ") };
            parts.push(match &section.label {
                Some(label) => format!("{label}: {spans}."),
                None => format!("{spans}."),
            });
        }
        parts.join(" ")
    }

    /// Draws the timeline as an SVG document.
    ///
    /// The wide layout, [`WIDTH`] wide, for a desktop's text column (a page includes [`Timeline::to_html`], which
    /// holds it next to the narrow layout).
    pub fn to_svg(&self) -> String {
        let horizon = self.horizon();
        let (step, axis_end) = ticks(horizon);
        let names = self.sections.iter().flat_map(|s| {
            s.spans.iter().map(|s| s.name.chars().count()).chain(s.events.iter().map(|(name, _)| name.chars().count()))
        });
        let label_width = (names.max().unwrap_or(0) as f64 * CHAR + 16.0).clamp(64.0, WIDTH * 0.4);
        let x0 = PAD + label_width;
        let x1 = WIDTH - PAD - 14.0; // room for half of the last tick's label
        let scale = |t: Duration| x0 + (x1 - x0) * t.as_secs_f64() / axis_end.as_secs_f64();

        let mut body = String::new();
        let mut y = PAD;
        // The title.
        let _ = writeln!(
            body,
            r#"<text x="{}" y="{}" font-size="14" font-weight="bold">{}</text>"#,
            n(PAD),
            n(y + 14.0),
            esc(&self.title)
        );
        y += 28.0;
        let rows_top = y;

        // Rows, section by section.
        let mut rows = String::new();
        let mut row_index = 0;
        for section in &self.sections {
            if let Some(label) = &section.label {
                if y > rows_top {
                    y += 8.0; // a little air between sections
                }
                let _ = writeln!(
                    rows,
                    r#"<text x="{}" y="{}" font-weight="bold">{}</text>"#,
                    n(PAD),
                    n(y + 16.0),
                    esc(label)
                );
                y += SECTION;
            }
            for span in &section.spans {
                let mid = y + ROW / 2.0;
                if row_index % 2 == 1 {
                    let _ = writeln!(
                        rows,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="currentColor" fill-opacity="0.05"/>"#,
                        n(PAD - 4.0),
                        n(y),
                        n(WIDTH - 2.0 * PAD + 8.0),
                        n(ROW)
                    );
                }
                row_index += 1;
                let name: String = span.name.chars().take((label_width / CHAR) as usize).collect();
                let _ = writeln!(
                    rows,
                    r#"<text x="{}" y="{}" font-family="{MONO}">{}</text>"#,
                    n(PAD),
                    n(mid + 4.5),
                    esc(&name)
                );
                let (from, to) = (scale(span.start), scale(span.end.unwrap_or(horizon)));
                draw_span(&mut rows, span, (from, to), mid, (x0, x1), None);
                y += ROW;
            }
            for (name, times) in &section.events {
                let mid = y + ROW / 2.0;
                if row_index % 2 == 1 {
                    let _ = writeln!(
                        rows,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="currentColor" fill-opacity="0.05"/>"#,
                        n(PAD - 4.0),
                        n(y),
                        n(WIDTH - 2.0 * PAD + 8.0),
                        n(ROW)
                    );
                }
                row_index += 1;
                let _ = writeln!(
                    rows,
                    r#"<text x="{}" y="{}" font-family="{MONO}">{}</text>"#,
                    n(PAD),
                    n(mid + 4.5),
                    esc(name)
                );
                rows.push_str("<g class=\"events\">\n");
                for time in times {
                    let _ = writeln!(
                        rows,
                        r#"<circle cx="{}" cy="{}" r="5.5" fill="{FINISHED}"/>"#,
                        n(scale(*time)),
                        n(mid)
                    );
                }
                let label = instants(times);
                let last = times.iter().max().map(|t| scale(*t) + 12.0).unwrap_or(x0 + 4.0);
                let width = label.chars().count() as f64 * CHAR;
                let (x, anchor) = if last + width <= x1 + 10.0 { (last, "start") } else { (x1 + 10.0, "end") };
                let _ = writeln!(
                    rows,
                    r#"<text x="{}" y="{}" text-anchor="{anchor}">{}</text>"#,
                    n(x),
                    n(mid + 4.5),
                    esc(&label)
                );
                rows.push_str("</g>\n");
                y += ROW;
            }
            if !section.marks.is_empty() {
                let top = y - ROW * (section.spans.len() + section.events.len()) as f64;
                draw_marks(&mut rows, &section.marks, top, &mut y, x1, &scale);
            }
        }
        y += 6.0;

        // Grid lines and the axis, drawn before the rows so the bars cover the grid.
        let mut axis = String::new();
        let mut t = Duration::ZERO;
        while t <= axis_end {
            let x = scale(t);
            let _ = writeln!(
                axis,
                r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.15"/>"#,
                n(rows_top),
                n(y),
                x = n(x)
            );
            let _ = writeln!(
                axis,
                r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.6"/>"#,
                n(y),
                n(y + 4.0),
                x = n(x)
            );
            let _ = writeln!(
                axis,
                r#"<text x="{}" y="{}" font-size="11.5" text-anchor="middle">{}</text>"#,
                n(x),
                n(y + 17.0),
                seconds(t)
            );
            t += step;
        }
        let _ = writeln!(
            axis,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-opacity="0.6"/>"#,
            n(x0),
            n(x1),
            y = n(y)
        );
        let _ = writeln!(
            axis,
            r#"<text x="{}" y="{}" font-size="11.5" text-anchor="end" fill-opacity="0.8">virtual time (s)</text>"#,
            n(x1 + 10.0),
            n(y + 34.0)
        );
        y += 40.0;

        // A legend, when the picture has more than one kind of span.
        let cancelled = self.sections.iter().flat_map(|s| &s.spans).any(|s| s.cancelled);
        let running = self.sections.iter().flat_map(|s| &s.spans).any(|s| s.end.is_none());
        let mut legend = String::new();
        if cancelled || running {
            let mid = y + 8.0;
            let mut x = PAD;
            let mut entry = |kind: Kind, text: &str, x: &mut f64| {
                let span_end = *x + 28.0;
                draw_bar(&mut legend, kind, *x, span_end, mid, 12.0);
                // Past the cross that ends a cancelled bar.
                let text_x = span_end + if kind == Kind::Cancelled { 16.0 } else { 8.0 };
                let _ = writeln!(
                    legend,
                    r#"<text x="{}" y="{}" font-size="11.5">{}</text>"#,
                    n(text_x),
                    n(mid + 4.0),
                    text
                );
                *x = text_x + text.len() as f64 * CHAR * 0.95 + 24.0;
            };
            entry(Kind::Finished, "finished", &mut x);
            if cancelled {
                entry(Kind::Cancelled, "cancelled: dropped before it finished", &mut x);
            }
            if running {
                entry(Kind::Running, "still running", &mut x);
            }
            y += 22.0;
        }
        let height = y + PAD - 6.0;

        let mut svg = self.svg_open("timeline timeline-wide", WIDTH, height);
        svg.push_str(&body);
        svg.push_str(&axis);
        svg.push_str(&rows);
        svg.push_str(&legend);
        svg.push_str("</g>\n</svg>\n");
        svg
    }

    /// The `<svg>` tag, its title and description, and the opening of its group.
    fn svg_open(&self, class: &str, width: f64, height: f64) -> String {
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}" style="max-width: 100%; height: auto;">"#,
            w = n(width),
            h = n(height),
            label = esc(&format!("{}. {}", self.title, self.description()))
        );
        let _ = writeln!(svg, "<title>{}</title>", esc(&self.title));
        let _ = writeln!(svg, "<desc>{}</desc>", esc(&self.description()));
        let _ = writeln!(svg, r#"<g font-family="{SANS}" font-size="{FONT}" fill="currentColor">"#);
        svg
    }

    /// The legend, when the picture has more than one kind of span: in one line, or `stacked` one entry a line.
    fn draw_legend(&self, y: &mut f64, stacked: bool) -> String {
        let spans = || self.sections.iter().flat_map(|s| &s.spans);
        let cancelled = spans().any(|s| s.cancelled);
        let running = spans().any(|s| s.end.is_none());
        let mut legend = String::new();
        if !(cancelled || running) {
            return legend;
        }
        let mut entries = vec![(Kind::Finished, "finished")];
        if cancelled {
            entries.push((Kind::Cancelled, "cancelled: dropped before it finished"));
        }
        if running {
            entries.push((Kind::Running, "still running"));
        }
        let mut x = PAD;
        for (kind, text) in entries {
            let mid = *y + 8.0;
            let span_end = x + 28.0;
            draw_bar(&mut legend, kind, x, span_end, mid, 12.0);
            let text_x = span_end + if kind == Kind::Cancelled { 16.0 } else { 8.0 };
            let _ =
                writeln!(legend, r#"<text x="{}" y="{}" font-size="11.5">{}</text>"#, n(text_x), n(mid + 4.0), text);
            if stacked {
                *y += 20.0;
            } else {
                x = text_x + text.len() as f64 * CHAR * 0.95 + 24.0;
            }
        }
        *y += if stacked { 2.0 } else { 22.0 };
        legend
    }

    /// The same timeline laid out for a phone, [`NARROW`] wide: each row's name on a line of its own above its bar
    /// (so the bars get the whole width), long titles wrapped, fewer ticks, the legend stacked. Drawn at its own
    /// size on a 390 px screen, its smallest text is 11.5 px.
    pub fn to_svg_narrow(&self) -> String {
        const W: f64 = NARROW;
        const NAME: f64 = 16.0;
        let horizon = self.horizon();
        let (step, axis_end) = ticks_at_most(horizon, 4);
        let x0 = PAD + 4.0;
        let x1 = W - PAD - 14.0;
        let scale = |t: Duration| x0 + (x1 - x0) * t.as_secs_f64() / axis_end.as_secs_f64();
        let per_line = |size: f64| ((W - 2.0 * PAD) / (size * 0.62)) as usize;

        let mut out = String::new();
        let mut y = PAD;
        for line in wrap(&self.title, per_line(14.0)) {
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="14" font-weight="bold">{}</text>"#,
                n(PAD),
                n(y + 14.0),
                esc(&line)
            );
            y += 18.0;
        }
        y += 10.0;
        let rows_top = y;
        let mut rows = String::new();
        let mut row_index = 0;
        for section in &self.sections {
            if let Some(label) = &section.label {
                if y > rows_top {
                    y += 8.0;
                }
                for line in wrap(label, per_line(FONT)) {
                    let _ = writeln!(
                        rows,
                        r#"<text x="{}" y="{}" font-weight="bold">{}</text>"#,
                        n(PAD),
                        n(y + 14.0),
                        esc(&line)
                    );
                    y += 17.0;
                }
                y += 4.0;
            }
            let section_top = y;
            let mut stripe = |rows: &mut String, y: f64, height: f64| {
                if row_index % 2 == 1 {
                    let _ = writeln!(
                        rows,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="currentColor" fill-opacity="0.05"/>"#,
                        n(PAD - 4.0),
                        n(y),
                        n(W - 2.0 * PAD + 8.0),
                        n(height)
                    );
                }
                row_index += 1;
            };
            for span in &section.spans {
                stripe(&mut rows, y, NAME + ROW);
                let _ = writeln!(
                    rows,
                    r#"<text x="{}" y="{}" font-family="{MONO}">{}</text>"#,
                    n(PAD),
                    n(y + 13.0),
                    esc(&span.name)
                );
                let mid = y + NAME + ROW / 2.0;
                let (from, to) = (scale(span.start), scale(span.end.unwrap_or(horizon)));
                draw_span(&mut rows, span, (from, to), mid, (x0, x1), Some(y + 13.0));
                y += NAME + ROW;
            }
            for (name, times) in &section.events {
                stripe(&mut rows, y, NAME + ROW);
                let _ = writeln!(
                    rows,
                    r#"<text x="{}" y="{}" font-family="{MONO}">{}</text>"#,
                    n(PAD),
                    n(y + 13.0),
                    esc(name)
                );
                let mid = y + NAME + ROW / 2.0;
                draw_events(&mut rows, times, mid, x0, x1, &scale);
                y += NAME + ROW;
            }
            draw_marks(&mut rows, &section.marks, section_top, &mut y, x1, &scale);
        }
        y += 6.0;
        let axis = draw_axis(rows_top, &mut y, step, axis_end, x0, x1, &scale);
        let legend = self.draw_legend(&mut y, true);
        let height = y + PAD - 6.0;

        let mut svg = self.svg_open("timeline timeline-narrow", W, height);
        svg.push_str(&out);
        svg.push_str(&axis);
        svg.push_str(&rows);
        svg.push_str(&legend);
        svg.push_str("</g>\n</svg>\n");
        svg
    }

    /// What a page includes: both layouts in a frame; the book's stylesheet (theme/course.css) shows the wide one,
    /// or on a phone's screen the narrow one. The output has no blank line and starts with the frame's tag on its
    /// first line, so that Markdown takes it as one block of HTML.
    pub fn to_html(&self) -> String {
        format!("<div class=\"timeline-frame\">\n{}{}</div>\n", self.to_svg(), self.to_svg_narrow())
    }

    /// Compares the picture with the file at `path` (relative to the package: `cargo test` runs there), or writes
    /// it there with `SNAPSHOTS=overwrite`. Panics with the command to run when the file is missing or stale.
    #[track_caller]
    pub fn check(&self, path: impl AsRef<Path>) {
        crate::golden::check(path.as_ref(), &self.to_html());
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Finished,
    Cancelled,
    Running,
}

fn kind(span: &Span) -> Kind {
    match (span.end, span.cancelled) {
        (None, _) => Kind::Running,
        (Some(_), true) => Kind::Cancelled,
        (Some(_), false) => Kind::Finished,
    }
}

/// One span's bar, from `from` to `to`, and its label, on the row centred at `mid`; the plot runs from `x0` to `x1`.
/// When the label fits neither after nor before the bar, it goes at the right end of the line `above` (the narrow
/// layout's name line), or else inside the bar: a cancelled bar's label then sits on a solid plate at the bar's end,
/// so that the hatching does not run through it.
fn draw_span(
    out: &mut String,
    span: &Span,
    (from, to): (f64, f64),
    mid: f64,
    (x0, x1): (f64, f64),
    above: Option<f64>,
) {
    let to = to.max(from + 2.0); // a zero-length span stays visible
    let kind = kind(span);
    let _ = writeln!(
        out,
        r#"<g class="span {}">"#,
        match kind {
            Kind::Finished => "finished",
            Kind::Cancelled => "cancelled",
            Kind::Running => "running",
        }
    );
    draw_bar(out, kind, from, to, mid, BAR);
    let end = span.end.map(seconds).unwrap_or_default();
    let (label, after_mark) = match kind {
        Kind::Finished => (format!("{} s", seconds(lasted(span))), 0.0),
        Kind::Cancelled => (format!("cancelled at {end} s"), 8.0),
        Kind::Running => ("still running".to_string(), 0.0),
    };
    let text_width = label.chars().count() as f64 * CHAR;
    let mut y = mid + 4.5;
    let (x, anchor, colour) = if kind == Kind::Finished && to - from >= text_width + 10.0 {
        ((from + to) / 2.0, "middle", Some("#ffffff"))
    } else if x1 + 10.0 - (to + after_mark) >= text_width + 8.0 {
        (to + after_mark + 6.0, "start", None)
    } else if from - x0 >= text_width + 8.0 {
        (from - 6.0, "end", None)
    } else if let Some(line) = above {
        y = line;
        (x1 + 10.0, "end", None)
    } else if kind == Kind::Cancelled && to - from >= text_width + 24.0 {
        // On a plate of the bar's colour, just before the cross: white text on it reads in every theme.
        let right = to - 8.0;
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{CANCELLED}" stroke="{CANCELLED}"/>"#,
            n(right - text_width - 4.0),
            n(mid - BAR / 2.0),
            n(text_width + 8.0),
            n(BAR)
        );
        (right, "end", Some("#ffffff"))
    } else {
        (from + 6.0, "start", None)
    };
    let fill = colour.map(|c| format!(r#" fill="{c}""#)).unwrap_or_default();
    let _ = writeln!(out, r#"<text x="{}" y="{}" text-anchor="{anchor}"{fill}>{}</text>"#, n(x), n(y), esc(&label));
    out.push_str("</g>\n");
}

/// A bar from `from` to `to`, `height` tall, centred on `mid`: solid when finished; hatched, dashed and crossed
/// out at its end when cancelled; faded with a dashed outline when still running.
fn draw_bar(out: &mut String, kind: Kind, from: f64, to: f64, mid: f64, height: f64) {
    let top = mid - height / 2.0;
    let (x, y, w, h) = (n(from), n(top), n(to - from), n(height));
    match kind {
        Kind::Finished => {
            let _ = writeln!(out, r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{FINISHED}"/>"#);
        }
        Kind::Running => {
            let _ = writeln!(
                out,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{FINISHED}" fill-opacity="0.35" stroke="{FINISHED}" stroke-width="1.5" stroke-dasharray="4 3"/>"#
            );
        }
        Kind::Cancelled => {
            let _ = writeln!(
                out,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{CANCELLED}" fill-opacity="0.15" stroke="{CANCELLED}" stroke-width="1.5" stroke-dasharray="4 3"/>"#
            );
            // Diagonal hatching, clipped to the bar by computing each stroke's ends.
            let mut d = String::new();
            let mut c = from - height;
            while c < to {
                let (t0, t1) = ((from - c).max(0.0), (to - c).min(height));
                if t1 > t0 {
                    let _ = write!(d, "M{} {}L{} {}", n(c + t0), n(top + height - t0), n(c + t1), n(top + height - t1));
                }
                c += 7.0;
            }
            let _ = writeln!(out, r#"<path d="{d}" stroke="{CANCELLED}" stroke-width="1.5"/>"#);
            // A cross where it was dropped.
            let r = height * 0.3;
            let _ = writeln!(
                out,
                r#"<path d="M{a} {b}L{c} {e}M{a} {e}L{c} {b}" stroke="{CANCELLED}" stroke-width="2.5" stroke-linecap="round"/>"#,
                a = n(to - r + 4.0),
                b = n(mid - r),
                c = n(to + r + 4.0),
                e = n(mid + r)
            );
        }
    }
}

/// How long a finished span lasted (`Span::duration` reads the clock for open spans; this never does).
fn lasted(span: &Span) -> Duration {
    span.end.unwrap_or(span.start).saturating_sub(span.start)
}

/// `text` in lines of at most `width` characters, broken at spaces (a longer word gets a line of its own).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    // A unit stays with its number: "2 s]" is never broken into "2" and "s]".
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let unit = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
        let after_number = words.last().is_some_and(|w| w.ends_with(|c: char| c.is_ascii_digit()));
        match words.last_mut() {
            Some(last) if after_number && ["s", "ms", "µs"].contains(&unit) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for word in &words {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// A row of instants: a dot at each time, and the times in words after the last one (or `none`).
fn draw_events(out: &mut String, times: &[Duration], mid: f64, x0: f64, x1: f64, scale: &dyn Fn(Duration) -> f64) {
    out.push_str("<g class=\"events\">\n");
    for time in times {
        let _ = writeln!(out, r#"<circle cx="{}" cy="{}" r="5.5" fill="{FINISHED}"/>"#, n(scale(*time)), n(mid));
    }
    let label = instants(times);
    let last = times.iter().max().map(|t| scale(*t) + 12.0).unwrap_or(x0 + 4.0);
    let width = label.chars().count() as f64 * CHAR;
    let (x, anchor) = if last + width <= x1 + 10.0 { (last, "start") } else { (x1 + 10.0, "end") };
    let _ = writeln!(out, r#"<text x="{}" y="{}" text-anchor="{anchor}">{}</text>"#, n(x), n(mid + 4.5), esc(&label));
    out.push_str("</g>\n");
}

/// A section's markers: a dashed line from `top` to below the rows at `*y`, and its label under it.
fn draw_marks(
    out: &mut String,
    marks: &[(Duration, String)],
    top: f64,
    y: &mut f64,
    x1: f64,
    scale: &dyn Fn(Duration) -> f64,
) {
    if marks.is_empty() {
        return;
    }
    // Each label goes on the first line under the rows where it overlaps no other label (two marks close together
    // get a line each), and its mark's line reaches down to it.
    const LINE: f64 = 18.0;
    let mut taken: Vec<Vec<(f64, f64)>> = Vec::new();
    for (at, label) in marks {
        let x = scale(*at);
        let width = label.chars().count() as f64 * CHAR;
        let (tx, anchor, left) = if x + width / 2.0 > x1 + 10.0 {
            (x1 + 10.0, "end", x1 + 10.0 - width)
        } else if x - width / 2.0 < PAD {
            (PAD, "start", PAD)
        } else {
            (x, "middle", x - width / 2.0)
        };
        let span = (left - 6.0, left + width + 6.0);
        let line = match taken.iter().position(|line| line.iter().all(|&(a, b)| span.1 <= a || b <= span.0)) {
            Some(free) => free,
            None => {
                taken.push(Vec::new());
                taken.len() - 1
            }
        };
        taken[line].push(span);
        let below = line as f64 * LINE;
        let _ = writeln!(
            out,
            r#"<g class="mark"><line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{CANCELLED}" stroke-width="2" stroke-dasharray="5 3"/>"#,
            n(top - 2.0),
            n(*y + 6.0 + below),
            x = n(x)
        );
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" font-weight="bold">{}</text></g>"#,
            n(tx),
            n(*y + 20.0 + below),
            esc(label)
        );
    }
    *y += 24.0 + (taken.len() - 1) as f64 * LINE;
}

/// The grid lines from `top` down to the axis at `*y`, the axis with its ticks and labels, and its caption.
fn draw_axis(
    top: f64,
    y: &mut f64,
    step: Duration,
    axis_end: Duration,
    x0: f64,
    x1: f64,
    scale: &dyn Fn(Duration) -> f64,
) -> String {
    let mut axis = String::new();
    let mut t = Duration::ZERO;
    while t <= axis_end {
        let x = n(scale(t));
        let _ = writeln!(
            axis,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.15"/>"#,
            n(top),
            n(*y)
        );
        let _ = writeln!(
            axis,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.6"/>"#,
            n(*y),
            n(*y + 4.0)
        );
        let _ = writeln!(
            axis,
            r#"<text x="{x}" y="{}" font-size="11.5" text-anchor="middle">{}</text>"#,
            n(*y + 17.0),
            seconds(t)
        );
        t += step;
    }
    let _ = writeln!(
        axis,
        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-opacity="0.6"/>"#,
        n(x0),
        n(x1),
        y = n(*y)
    );
    let _ = writeln!(
        axis,
        r#"<text x="{}" y="{}" font-size="11.5" text-anchor="end" fill-opacity="0.8">virtual time (s)</text>"#,
        n(x1 + 10.0),
        n(*y + 34.0)
    );
    *y += 40.0;
    axis
}

/// Instants in words: `at 0.1 s, 0.2 s`, or `none`.
fn instants(times: &[Duration]) -> String {
    if times.is_empty() {
        return "none".to_string();
    }
    let list: Vec<String> = times.iter().map(|t| format!("{} s", seconds(*t))).collect();
    format!("at {}", list.join(", "))
}

fn describe(span: &Span) -> String {
    let start = seconds(span.start);
    match (span.end, span.cancelled) {
        (None, _) => format!("{} from {start} s, still running", span.name),
        (Some(end), true) => format!("{} from {start} s, cancelled at {} s", span.name, seconds(end)),
        (Some(end), false) => format!("{} from {start} s to {} s", span.name, seconds(end)),
    }
}

/// The tick step (1, 2 or 5 times a power of ten, in milliseconds) that gives at most 8 intervals, and the end of
/// the axis (the first tick at or after `horizon`).
pub(crate) fn ticks(horizon: Duration) -> (Duration, Duration) {
    ticks_at_most(horizon, 8)
}

/// Like [`ticks`], with at most `intervals` intervals.
fn ticks_at_most(horizon: Duration, intervals: u128) -> (Duration, Duration) {
    let horizon_ms = horizon.as_micros().div_ceil(1000).max(1);
    let mut base = 1u128;
    loop {
        for m in [1, 2, 5] {
            let step = base * m;
            if horizon_ms.div_ceil(step) <= intervals {
                let end = horizon_ms.div_ceil(step) * step;
                return (Duration::from_millis(step as u64), Duration::from_millis(end as u64));
            }
        }
        base *= 10;
    }
}

/// Seconds with millisecond precision and no trailing zeros: `0`, `0.3`, `1.25`, `2`.
pub(crate) fn seconds(d: Duration) -> String {
    let ms = (d.as_micros() + 500) / 1000;
    let text = format!("{}.{:03}", ms / 1000, ms % 1000);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A coordinate with one decimal, without a trailing `.0`.
fn n(x: f64) -> String {
    let text = format!("{x:.1}");
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
