//! Charts as inline SVG, drawn by plotters' SVG backend: bars, bars of two
//! years side by side, a histogram with a marked cap. Each has a title and a
//! text alternative (`<title>`, `<desc>`, `role="img"`), so that a screen
//! reader and a printed page say what it shows.
//!
//! Amounts stay exact: a bar's length is its amount rounded to the euro,
//! explicitly, and every number written on a chart is formatted from the
//! exact decimal.

use super::html::escape;
use crate::value::french_money;
use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordi64, RangedCoordu32};
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// The colours of the charts: dark enough on white (above 4.5:1).
const FIRST: RGBColor = RGBColor(0x0b, 0x4f, 0x9c);
const SECOND: RGBColor = RGBColor(0xb3, 0x4d, 0x00);
const INK: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
const CAP: RGBColor = RGBColor(0x8a, 0x11, 0x11);

/// What a chart says in words: its title and its text alternative. `id`
/// makes the ids of its `<title>` and `<desc>` unique in the page.
#[derive(Clone, Debug)]
pub struct Caption<'a> {
    /// Unique in the page, made of letters, digits and `-`.
    pub id: &'a str,
    /// What it shows, in a few words.
    pub title: &'a str,
    /// The same as a sentence with its figures, for who cannot see it.
    pub description: &'a str,
}

/// An amount as a bar's length: whole euros, rounded half away from zero.
fn length(amount: Decimal) -> i64 {
    amount
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
        .unwrap_or(i64::MAX / 4)
}

/// A round upper bound for an axis that starts at zero.
fn axis_end(max: i64) -> i64 {
    let max = max.max(1);
    let mut step = 1i64;
    while step.saturating_mul(10) <= max {
        step = step.saturating_mul(10);
    }
    let end = (max / step + 1).saturating_mul(step);
    end.max(1)
}

/// Whole euros as staff read them on an axis: `12 500 €`.
fn euros(value: i64) -> String {
    french_money(Decimal::from(value)).replace(",00", "")
}

/// Puts the words on the SVG plotters drew.
fn accessible(svg: String, caption: &Caption) -> String {
    let id = escape(caption.id);
    let head = format!("<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" ",);
    let words = format!(
        "<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(caption.title),
        escape(caption.description)
    );
    match svg.strip_prefix("<svg ") {
        Some(rest) => match rest.split_once('>') {
            Some((attributes, body)) => format!("{head}{attributes}>{words}{body}"),
            None => svg,
        },
        None => svg,
    }
}

/// Draws into an SVG string; a drawing error leaves a chart that says so in
/// its alternative rather than no page at all.
fn draw(
    size: (u32, u32),
    caption: &Caption,
    paint: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), DrawingAreaErrorKind<std::io::Error>>,
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|()| paint(&root).map_err(|e| e.to_string()))
            .and_then(|()| root.present().map_err(|e| e.to_string()));
        if drawn.is_err() {
            drop(root);
            svg = format!(
                "<svg width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\"></svg>",
                size.0, size.1, size.0, size.1
            );
        }
    }
    accessible(svg, caption)
}

/// A chart of horizontal bars: amounts across, one row per label.
type RowsChart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordi64, SegmentedCoord<RangedCoordu32>>>;

/// The frame of a chart of horizontal bars: an axis from 0 to `end`
/// (numbers written by `axis`), one row per label, the first at the top
/// once the caller has reversed them.
fn rows_chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    end: i64,
    labels: &[&str],
    axis: &dyn Fn(i64) -> String,
) -> Result<RowsChart<'a, 'b>, DrawingAreaErrorKind<std::io::Error>> {
    let count = labels.len().max(1) as u32;
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        // Room for the amount written past the longest bar, and the last axis label.
        .margin_right(110)
        .x_label_area_size(28)
        .y_label_area_size(230)
        .build_cartesian_2d(0i64..end, (0u32..count).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_labels(5)
        .x_label_formatter(&|v| axis(*v))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i as usize).map(|l| l.to_string()).unwrap_or_default(),
            _ => String::new(),
        })
        .label_style(("sans-serif", 13).into_font().color(&INK))
        .draw()?;
    Ok(chart)
}

/// Horizontal bars, one per labelled amount, the amount written at its end.
pub fn bars(caption: &Caption, rows: &[(String, Decimal)]) -> String {
    labelled_bars(caption, rows, true)
}

/// Horizontal bars, one per labelled count, the count written at its end.
pub fn count_bars(caption: &Caption, rows: &[(String, u64)]) -> String {
    let rows: Vec<(String, Decimal)> = rows.iter().map(|(l, n)| (l.clone(), Decimal::from(*n))).collect();
    labelled_bars(caption, &rows, false)
}

/// Horizontal bars, each value written at its end, as money or as a count.
fn labelled_bars(caption: &Caption, rows: &[(String, Decimal)], money: bool) -> String {
    // plotters counts rows from the bottom: reversed, the first row is drawn at the top.
    let rows: Vec<(String, Decimal)> = rows.iter().rev().cloned().collect();
    let rows = rows.as_slice();
    let say = |value: Decimal| {
        if money {
            french_money(value)
        } else {
            crate::value::french_decimal(value, 0)
        }
    };
    let axis = |value: i64| {
        if money {
            euros(value)
        } else {
            crate::value::french_decimal(Decimal::from(value), 0)
        }
    };
    let height = 60 + 34 * rows.len().max(1) as u32;
    let max = rows.iter().map(|(_, v)| length(*v)).max().unwrap_or(0);
    let end = axis_end(max);
    let labels: Vec<&str> = rows.iter().map(|(label, _)| label.as_str()).collect();
    draw((720, height), caption, |root| {
        let mut chart = rows_chart(root, end, &labels, &axis)?;
        chart.draw_series(rows.iter().enumerate().map(|(i, (_, value))| {
            let i = i as u32;
            let mut bar = Rectangle::new(
                [
                    (0, SegmentValue::Exact(i)),
                    (length(*value).max(0), SegmentValue::Exact(i + 1)),
                ],
                FIRST.filled(),
            );
            bar.set_margin(5, 5, 0, 0);
            bar
        }))?;
        chart.draw_series(rows.iter().enumerate().map(|(i, (_, value))| {
            Text::new(
                format!(" {}", say(*value)),
                (length(*value).max(0), SegmentValue::CenterOf(i as u32)),
                ("sans-serif", 12).into_font().color(&INK),
            )
        }))?;
        Ok(())
    })
}

/// Bars of two series side by side (two years), with a legend.
pub fn paired_bars(caption: &Caption, series: (&str, &str), rows: &[(String, Decimal, Decimal)]) -> String {
    // plotters counts rows from the bottom: reversed, the first row is drawn at the top.
    let rows: Vec<(String, Decimal, Decimal)> = rows.iter().rev().cloned().collect();
    let rows = rows.as_slice();
    let height = 80 + 52 * rows.len().max(1) as u32;
    let max = rows
        .iter()
        .map(|(_, a, b)| length(*a).max(length(*b)))
        .max()
        .unwrap_or(0);
    let end = axis_end(max);
    let labels: Vec<&str> = rows.iter().map(|(label, _, _)| label.as_str()).collect();
    draw((720, height), caption, |root| {
        let mut chart = rows_chart(root, end, &labels, &euros)?;
        for (which, colour, name) in [(0, FIRST, series.0), (1, SECOND, series.1)] {
            chart
                .draw_series(rows.iter().enumerate().map(|(i, (_, a, b))| {
                    let value = if which == 0 { *a } else { *b };
                    let mut bar = Rectangle::new(
                        [
                            (0, SegmentValue::Exact(i as u32)),
                            (length(value).max(0), SegmentValue::Exact(i as u32 + 1)),
                        ],
                        colour.filled(),
                    );
                    // The first series in the upper half of the row, the second below.
                    if which == 0 {
                        bar.set_margin(6, 26, 0, 0);
                    } else {
                        bar.set_margin(26, 6, 0, 0);
                    }
                    bar
                }))?
                .label(name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(INK)
            .label_font(("sans-serif", 13).into_font().color(&INK))
            .draw()?;
        Ok(())
    })
}

/// One bar of a histogram: the amounts from `low` (included) to `high`
/// (excluded, or included for the last), and how many there are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// The lowest amount of the bucket.
    pub low: Decimal,
    /// The amount where the next bucket starts.
    pub high: Decimal,
    /// How many amounts fall in it.
    pub count: u64,
}

/// A histogram of amounts, with a vertical line at `cap` (the ceiling) when
/// given.
pub fn histogram(caption: &Caption, buckets: &[Bucket], cap: Option<(Decimal, &str)>) -> String {
    let low = buckets.first().map(|b| length(b.low)).unwrap_or(0);
    let mut high = buckets.last().map(|b| length(b.high)).unwrap_or(1);
    if let Some((cap, _)) = cap {
        high = high.max(length(cap) + 1);
    }
    let high = high.max(low + 1);
    let tallest = buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let top = axis_end(i64::try_from(tallest).unwrap_or(i64::MAX / 4));
    draw((720, 320), caption, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(14)
            .margin_right(40)
            .x_label_area_size(34)
            .y_label_area_size(60)
            .build_cartesian_2d(low..high, 0i64..top)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(6)
            .y_labels(5)
            .x_label_formatter(&|v| euros(*v))
            .y_label_formatter(&|v| crate::value::french_decimal(Decimal::from(*v), 0))
            .label_style(("sans-serif", 12).into_font().color(&INK))
            .draw()?;
        chart.draw_series(buckets.iter().map(|b| {
            let mut bar = Rectangle::new(
                [
                    (length(b.low), 0),
                    (length(b.high), i64::try_from(b.count).unwrap_or(i64::MAX / 4)),
                ],
                FIRST.filled(),
            );
            bar.set_margin(0, 0, 1, 1);
            bar
        }))?;
        if let Some((cap, name)) = cap {
            let x = length(cap);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, 0), (x, top)],
                    CAP.stroke_width(3),
                )))?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], CAP.stroke_width(3)));
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(WHITE.mix(0.9))
                .border_style(INK)
                .label_font(("sans-serif", 13).into_font().color(&INK))
                .draw()?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption() -> Caption<'static> {
        Caption {
            id: "budget",
            title: "Budget <par> résultat",
            description: "La Ps fait 2 563 €",
        }
    }

    #[test]
    fn a_chart_has_its_title_and_alternative_escaped() {
        let svg = bars(
            &caption(),
            &[("<script>alert(1)</script>".into(), Decimal::new(256300, 2))],
        );
        assert!(svg.starts_with("<svg role=\"img\" aria-labelledby=\"budget-title budget-desc\" "));
        assert!(svg.contains("<title id=\"budget-title\">Budget &lt;par&gt; résultat</title>"));
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains(&french_money(Decimal::new(256300, 2))), "{svg}");
    }

    #[test]
    fn the_axes_end_on_round_figures() {
        assert_eq!(axis_end(0), 2);
        assert_eq!(axis_end(7), 8);
        assert_eq!(axis_end(2563), 3000);
        assert_eq!(axis_end(10_000), 20_000);
    }

    #[test]
    fn a_histogram_marks_its_cap() {
        let buckets = [
            Bucket {
                low: Decimal::ZERO,
                high: Decimal::from(1000),
                count: 3,
            },
            Bucket {
                low: Decimal::from(1000),
                high: Decimal::from(2000),
                count: 7,
            },
        ];
        let svg = histogram(&caption(), &buckets, Some((Decimal::from(2563), "plafond")));
        assert!(svg.contains("plafond"), "{svg}");
        assert!(svg.contains("stroke=\"#8A1111\""), "{svg}");
    }
}
