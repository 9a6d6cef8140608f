//! `clas-rules years`: the grid of a rules folder's layers and school years
//! (which layer has a file for which year, the year it extends, whether the
//! rulebook it makes checks), the gaps and overlaps of each layer, and the
//! years a layer has that the layer under it, or every layer over it, lacks.

use super::{Format, RulesDirArg};
use crate::i18n::{Arg, Lang, Message};
use crate::msg;
use crate::rulebook::{self, Found, RulesSource};
use serde_json::{Value as Json, json};
use std::process::ExitCode;

/// Arguments of `years`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    rules_dir: RulesDirArg,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// What one layer has for one school year.
#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    /// No file.
    Absent,
    /// One file, and the rulebook it makes (with the layers under it) checks.
    Valid,
    /// One file, and the rulebook it makes has errors: how many.
    Errors(usize),
    /// Several files for the year.
    Overlap,
    /// One file, but the layer it is written over has none for the year.
    WithoutBase,
    /// One file that cannot be loaded, and why.
    Unloadable(String),
}

/// One cell of the grid.
struct Cell {
    year: String,
    files: Vec<String>,
    extends: Option<String>,
    state: State,
}

/// One row of the grid: a layer, its cells in the order of the years.
struct Row {
    layer: Option<String>,
    over: Option<String>,
    cells: Vec<Cell>,
}

/// A year missing between two years of a layer.
struct Gap {
    layer: Option<String>,
    after: String,
    before: String,
    missing: Vec<String>,
}

/// Everything `years` says.
struct Grid {
    years: Vec<String>,
    rows: Vec<Row>,
    without_year: Vec<String>,
    gaps: Vec<Gap>,
    /// A year of a layer written over another that has no file for it:
    /// (layer, the layer under it, year).
    without_base: Vec<(Option<String>, String, String)>,
    /// A year of a layer others are written over that none of them has:
    /// (layer, year).
    without_top: Vec<(Option<String>, String)>,
}

impl Grid {
    /// Whether anything is wrong: an error, a file that cannot be loaded, a
    /// gap, an overlap, a year missing from a layer under or over another.
    fn failed(&self) -> bool {
        self.rows.is_empty()
            || !self.without_year.is_empty()
            || !self.gaps.is_empty()
            || !self.without_base.is_empty()
            || !self.without_top.is_empty()
            || self
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .any(|c| !matches!(c.state, State::Absent | State::Valid))
    }
}

pub fn run(args: &Args) -> ExitCode {
    let source = args.rules_dir.source();
    let all = match rulebook::all_rulebooks(&source) {
        Ok(all) => all,
        Err(error) => {
            super::load_error(&error);
            return ExitCode::from(1);
        }
    };
    let grid = grid(&source, &all);
    match args.format {
        Format::Human => print!("{}", human(&grid, super::lang())),
        Format::Json => {
            let value = to_json(&grid, super::lang());
            println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        }
    }
    if grid.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The first year of `2023-2024`.
fn start(year: &str) -> Option<i32> {
    year.split_once('-').and_then(|(first, _)| first.parse().ok())
}

/// The school year that starts in `first`.
fn school_year(first: i32) -> String {
    format!("{first}-{}", first + 1)
}

fn grid(source: &RulesSource, all: &[Found]) -> Grid {
    let mut years: Vec<String> = all.iter().filter_map(|f| f.year.clone()).collect();
    years.sort();
    years.dedup();
    let without_year = all
        .iter()
        .filter(|f| f.year.is_none())
        .map(|f| f.name.clone())
        .collect();
    let layers = rulebook::layers(all);
    let of = |layer: &Option<String>, year: &str| -> Vec<&Found> {
        all.iter()
            .filter(|f| &f.layer == layer && f.year.as_deref() == Some(year))
            .collect()
    };
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    let mut without_base = Vec::new();
    let mut without_top = Vec::new();
    for layer in &layers {
        let over = all
            .iter()
            .filter(|f| &f.layer == layer)
            .find_map(|f| f.over.clone());
        let base_has_files = over
            .as_ref()
            .is_some_and(|base| all.iter().any(|f| f.layer.as_deref() == Some(base.as_str())));
        let above: Vec<&Option<String>> = layers
            .iter()
            .filter(|other| layer.is_some() && all.iter().any(|f| &f.layer == *other && f.over == *layer))
            .collect();
        let mut cells = Vec::new();
        for year in &years {
            let files = of(layer, year);
            let extends = files
                .first()
                .and_then(|f| rulebook::header_field(&f.text, "extends"));
            let state = match files.as_slice() {
                [] => State::Absent,
                [_, _, ..] => State::Overlap,
                [found] => match &over {
                    Some(base) if base_has_files && of(&Some(base.clone()), year).is_empty() => {
                        without_base.push((layer.clone(), base.clone(), year.clone()));
                        State::WithoutBase
                    }
                    _ => match rulebook::load(source, (*found).clone()) {
                        Ok(compiled) => match compiled.diagnostics.iter().filter(|d| d.is_error()).count() {
                            0 => State::Valid,
                            errors => State::Errors(errors),
                        },
                        Err(error) => State::Unloadable(super::say(&error.message())),
                    },
                },
            };
            if !files.is_empty() && !above.is_empty() && above.iter().all(|top| of(top, year).is_empty()) {
                without_top.push((layer.clone(), year.clone()));
            }
            cells.push(Cell {
                year: year.clone(),
                files: files.iter().map(|f| f.name.clone()).collect(),
                extends,
                state,
            });
        }
        // Years follow one another within the layer.
        let mut starts: Vec<(i32, &str)> = cells
            .iter()
            .filter(|c| !c.files.is_empty())
            .filter_map(|c| start(&c.year).map(|s| (s, c.year.as_str())))
            .collect();
        starts.sort();
        for pair in starts.windows(2) {
            let [(a, after), (b, before)] = pair else { continue };
            if *b > a + 1 {
                gaps.push(Gap {
                    layer: layer.clone(),
                    after: (*after).to_string(),
                    before: (*before).to_string(),
                    missing: (a + 1..*b).map(school_year).collect(),
                });
            }
        }
        rows.push(Row {
            layer: layer.clone(),
            over,
            cells,
        });
    }
    Grid {
        years,
        rows,
        without_year,
        gaps,
        without_base,
        without_top,
    }
}

/// A layer as staff read its name.
fn layer_name(layer: &Option<String>) -> Message {
    match layer {
        Some(layer) => msg!("years-layer-name", layer = layer.as_str()),
        None => msg!("years-unnamed-layer"),
    }
}

/// What a cell says, in a few words (`base`: the layer it is written over).
fn cell_text(cell: &Cell, base: Option<&str>) -> Message {
    let state = match &cell.state {
        State::Absent => return msg!("years-cell-absent"),
        State::Overlap => return msg!("years-cell-overlap", count = cell.files.len()),
        State::Valid => msg!("years-cell-valid"),
        State::Errors(count) => msg!("years-cell-errors", count = *count),
        State::WithoutBase => msg!("years-cell-without-base", base = base.unwrap_or_default()),
        State::Unloadable(_) => msg!("years-cell-unloadable"),
    };
    match &cell.extends {
        Some(year) => msg!("years-cell-extends", state = state, year = year.as_str()),
        None => state,
    }
}

/// Every problem, in the order staff fix them: files, then each layer's
/// cells, gaps and overlaps, then the years missing across layers.
fn problems(grid: &Grid) -> Vec<Message> {
    let mut problems: Vec<Message> = grid
        .without_year
        .iter()
        .map(|file| msg!("years-problem-no-year", file = file.as_str()))
        .collect();
    if grid.rows.is_empty() {
        problems.push(msg!("years-problem-no-rulebook"));
    }
    for row in &grid.rows {
        let layer = || layer_name(&row.layer);
        for cell in &row.cells {
            let year = cell.year.as_str();
            match &cell.state {
                State::Overlap => problems.push(msg!(
                    "years-problem-overlap",
                    layer = layer(),
                    year = year,
                    count = cell.files.len(),
                    files = Arg::AllOf(
                        cell.files
                            .iter()
                            .map(|f| msg!("years-file", file = f.as_str()))
                            .collect()
                    )
                )),
                State::Errors(count) => problems.push(msg!(
                    "years-problem-errors",
                    layer = layer(),
                    year = year,
                    count = *count,
                    file = cell.files.first().map(String::as_str).unwrap_or_default()
                )),
                State::Unloadable(why) => problems.push(msg!(
                    "years-problem-unloadable",
                    layer = layer(),
                    year = year,
                    why = why.as_str()
                )),
                State::Absent | State::Valid | State::WithoutBase => {}
            }
        }
        for gap in grid.gaps.iter().filter(|g| g.layer == row.layer) {
            problems.push(msg!(
                "years-problem-gap",
                layer = layer(),
                missing = Arg::AllOf(
                    gap.missing
                        .iter()
                        .map(|y| msg!("years-year", year = y.as_str()))
                        .collect()
                ),
                after = gap.after.as_str(),
                before = gap.before.as_str()
            ));
        }
    }
    for (layer, base, year) in &grid.without_base {
        let message = match layer.as_deref().and_then(rulebook::caf_of_layer) {
            Some(caf) => msg!(
                "years-problem-caf-without-base",
                layer = layer_name(layer),
                caf = caf,
                base = base.as_str(),
                year = year.as_str()
            ),
            None => msg!(
                "years-problem-without-base",
                layer = layer_name(layer),
                base = base.as_str(),
                year = year.as_str()
            ),
        };
        problems.push(message);
    }
    for (layer, year) in &grid.without_top {
        problems.push(msg!(
            "years-problem-without-top",
            layer = layer_name(layer),
            year = year.as_str()
        ));
    }
    problems
}

fn pad(text: &str, width: usize) -> String {
    let count = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(count)))
}

fn human(grid: &Grid, lang: Lang) -> String {
    let say = |m: Message| m.render(lang);
    let mut out = say(msg!("years-title"));
    out.push_str("\n\n");
    if !grid.rows.is_empty() {
        let mut table: Vec<Vec<String>> = vec![
            std::iter::once(say(msg!("years-layer")))
                .chain(grid.years.iter().cloned())
                .collect(),
        ];
        for row in &grid.rows {
            table.push(
                std::iter::once(say(layer_name(&row.layer)))
                    .chain(row.cells.iter().map(|c| say(cell_text(c, row.over.as_deref()))))
                    .collect(),
            );
        }
        let columns = grid.years.len() + 1;
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                table
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| c.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for line in &table {
            let cells: Vec<String> = line
                .iter()
                .zip(&widths)
                .map(|(cell, width)| pad(cell, *width))
                .collect();
            out.push_str(cells.join("   ").trim_end());
            out.push('\n');
        }
        out.push('\n');
        let layered = grid.rows.iter().any(|r| r.over.is_some());
        out.push_str(&say(if layered {
            msg!("years-legend-layers")
        } else {
            msg!("years-legend")
        }));
        out.push('\n');
    }
    let problems = problems(grid);
    if problems.is_empty() {
        out.push('\n');
        out.push_str(&say(msg!("years-continuous")));
        out.push('\n');
        for row in &grid.rows {
            let years: Vec<Message> = row
                .cells
                .iter()
                .filter(|c| !c.files.is_empty())
                .map(|c| msg!("years-year", year = c.year.as_str()))
                .collect();
            out.push_str(&format!(
                "  {}\n",
                say(msg!(
                    "years-continuous-layer",
                    layer = layer_name(&row.layer),
                    years = Arg::Chain(years)
                ))
            ));
        }
        if grid.rows.iter().any(|r| r.over.is_some()) {
            out.push_str(&say(msg!("years-layers-consistent")));
            out.push('\n');
        }
    } else {
        out.push('\n');
        out.push_str(&say(msg!("years-problems", count = problems.len())));
        out.push('\n');
        for problem in problems {
            out.push_str(&format!("  {}\n", say(problem)));
        }
    }
    out
}

fn state_key(state: &State) -> &'static str {
    match state {
        State::Absent => "absent",
        State::Valid => "valid",
        State::Errors(_) => "errors",
        State::Overlap => "overlap",
        State::WithoutBase => "without_base",
        State::Unloadable(_) => "unloadable",
    }
}

fn to_json(grid: &Grid, lang: Lang) -> Json {
    json!({
        "years": grid.years,
        "layers": grid.rows.iter().map(|row| json!({
            "layer": row.layer,
            "caf": row.layer.as_deref().and_then(rulebook::caf_of_layer),
            "over": row.over,
            "cells": row.cells.iter().map(|cell| json!({
                "year": cell.year,
                "state": state_key(&cell.state),
                "files": cell.files,
                "extends": cell.extends,
                "errors": match cell.state { State::Errors(n) => n, _ => 0 },
                "problem": match &cell.state { State::Unloadable(why) => Some(why.clone()), _ => None },
            })).collect::<Vec<_>>(),
            "gaps": grid.gaps.iter().filter(|g| g.layer == row.layer).map(|g| json!({
                "after": g.after,
                "before": g.before,
                "missing": g.missing,
            })).collect::<Vec<_>>(),
            "overlaps": row.cells.iter().filter(|c| c.state == State::Overlap).map(|c| json!({
                "year": c.year,
                "files": c.files,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "without_year": grid.without_year,
        "without_base": grid.without_base.iter().map(|(layer, base, year)| json!({
            "layer": layer,
            "over": base,
            "year": year,
        })).collect::<Vec<_>>(),
        "without_top": grid.without_top.iter().map(|(layer, year)| json!({
            "layer": layer,
            "year": year,
        })).collect::<Vec<_>>(),
        "problems": problems(grid).into_iter().map(|m| m.render(lang)).collect::<Vec<_>>(),
    })
}
