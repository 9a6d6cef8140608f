//! The campaign report as one HTML page: counts per status, the budget per
//! output, niveau and carrier, the distribution of the amounts per item
//! with its ceiling, the rules that fired, the yes/no outputs, the records
//! in error and the rulebooks that decided. A pure function of a
//! [`CampaignReport`]: the same campaign gives the same bytes.

use super::chart::{self, Caption};
use super::html::Tr;
use crate::batch::report::{CARRIERS_TRACKED, CampaignReport, ERRORS_LISTED, Group, Histogram, RuleLine};
use crate::decision::{RulebookRef, Status};
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::syntax::ast::RuleSeverity;
use crate::value::{french_decimal, french_money};
use askama::Template;
use rust_decimal::Decimal;

/// A count as staff read it: `1 000 000`.
fn count(n: u64) -> String {
    french_decimal(Decimal::from(n), 0)
}

/// A count, for a message's plural.
fn plural(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `part` out of `whole`, as a percentage with one decimal: `12,5 %`.
fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        return String::new();
    }
    let ratio = Decimal::from(part) * Decimal::from(100) / Decimal::from(whole);
    format!(
        "{} %",
        french_decimal(
            ratio.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            1
        )
    )
}

/// A line of a table of counts.
struct CountRow {
    label: String,
    count: String,
    share: String,
}

/// A line of a table of amounts by group (niveau, carrier).
struct GroupRow {
    name: String,
    applications: String,
    amounts: Vec<String>,
}

/// A histogram and what it says in words.
struct HistogramView {
    heading: String,
    svg: String,
    sentences: Vec<String>,
    caption: String,
    rows: Vec<(String, String)>,
}

/// A rule that fired, as a line of a table.
struct RuleRow {
    rank: usize,
    kind: String,
    message: String,
    rule: String,
    source: String,
    applications: String,
    times: String,
}

/// A record in error.
struct ErrorRow {
    line: String,
    field: Option<String>,
    code: String,
    message: String,
}

/// A rulebook that decided.
struct BookRow {
    caf: String,
    /// Each layer's file and the SHA-256 of its own text.
    files: Vec<(String, String)>,
    title: String,
    year: String,
    version: String,
    sha256: String,
    decided: String,
}

/// What the report shows of some records: of the whole campaign, or of
/// one Caf's records in a page of several Cafs.
#[derive(Template)]
#[template(path = "campaign-body.html")]
struct Body {
    t: Tr,
    /// The headings of its sections and of their parts (`h2`, `h3`).
    h: &'static str,
    hh: &'static str,
    /// Only the records in error (those of no known Caf).
    only_errors: bool,
    /// The distributions are given for each Caf instead.
    histograms_elsewhere: bool,
    /// The rulebooks table has a Caf column.
    has_cafs: bool,
    statuses: Vec<CountRow>,
    records: String,
    status_chart: String,
    budget_intro: String,
    budget: Vec<(String, String)>,
    budget_chart: String,
    columns: Vec<String>,
    niveaux: Vec<GroupRow>,
    has_carriers: bool,
    carriers: Vec<GroupRow>,
    carriers_note: Vec<String>,
    histograms: Vec<HistogramView>,
    refusals_intro: String,
    refusals: Vec<RuleRow>,
    notices_intro: String,
    notices: Vec<RuleRow>,
    yes_no_intro: String,
    yes_no: Vec<(String, String, String)>,
    errors_intro: String,
    error_codes: Vec<(String, String)>,
    errors: Vec<ErrorRow>,
    errors_more: String,
    rulebooks_intro: String,
    rulebooks: Vec<BookRow>,
}

/// A Caf's line of the comparison.
struct CafRow {
    id: String,
    name: String,
    records: String,
    /// By status, then in error.
    counts: Vec<String>,
    amounts: Vec<String>,
}

/// A line of the comparison by Caf and year.
struct CafYearRow {
    /// « Caf 63, 2023-2024 ».
    label: String,
    decided: String,
    amounts: Vec<String>,
}

/// The Cafs side by side.
#[derive(Default)]
struct Comparison {
    intro: String,
    statuses: Vec<String>,
    columns: Vec<String>,
    cafs: Vec<CafRow>,
    years: Vec<CafYearRow>,
    applications_chart: String,
    amounts_chart: String,
}

/// The section of one Caf.
struct CafSection {
    id: String,
    heading: String,
    intro: String,
    body: String,
}

/// The campaign report page.
#[derive(Template)]
#[template(path = "campaign.html")]
struct Page {
    t: Tr,
    intro: String,
    overflow: bool,
    whole: String,
    comparison: Comparison,
    cafs: Vec<CafSection>,
}

/// The campaign report of `report`, made from the applications of `file`
/// and decided by `rulebooks`, in a language (French by default): the
/// whole campaign, then, when its records are of several Cafs, the Cafs
/// compared and each Caf's own report.
pub fn html(
    report: &CampaignReport,
    file: &str,
    rulebooks: &[RulebookRef],
    lang: Lang,
) -> Result<String, askama::Error> {
    let t = Tr(lang);
    let say = |message: Message| message.render(lang);
    let several = !report.by_caf.is_empty();
    let has_cafs = report.rulebooks.iter().any(|b| b.caf.is_some());
    let whole = body(
        report,
        rulebooks,
        lang,
        &Scope {
            h: if several { ("h3", "h4") } else { ("h2", "h3") },
            prefix: String::new(),
            name: None,
            only_errors: false,
            histograms_elsewhere: several,
            has_cafs,
        },
    )
    .render()?;
    let mut cafs = Vec::new();
    for part in &report.by_caf {
        let (id, name) = caf_names(part.caf.as_deref(), lang);
        let only_errors = part.caf.is_none();
        let content = body(
            &part.report,
            rulebooks,
            lang,
            &Scope {
                h: ("h3", "h4"),
                prefix: format!("{id}-"),
                name: Some(name.clone()),
                only_errors,
                histograms_elsewhere: false,
                has_cafs,
            },
        )
        .render()?;
        cafs.push(CafSection {
            intro: say(if only_errors {
                msg!("campaign-caf-unknown-intro", count = plural(part.report.records))
            } else {
                msg!(
                    "campaign-caf-intro",
                    caf = name.as_str(),
                    records = count(part.report.records),
                    count = plural(part.report.records)
                )
            }),
            id,
            heading: name,
            body: content,
        });
    }
    Page {
        t,
        intro: say(msg!(
            "campaign-intro",
            file = file,
            records = count(report.records),
            count = plural(report.records)
        )),
        overflow: report.overflow,
        whole,
        comparison: if several {
            comparison(report, lang)
        } else {
            Comparison::default()
        },
        cafs,
    }
    .render()
}

/// A Caf's id in the page (`caf-63`) and its name (« Caf 63 »).
fn caf_names(caf: Option<&str>, lang: Lang) -> (String, String) {
    match caf {
        Some(caf) => (
            format!(
                "caf-{}",
                caf.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_lowercase()
            ),
            msg!("campaign-caf-name", caf = caf).render(lang),
        ),
        None => (
            "caf-inconnue".to_string(),
            msg!("campaign-caf-unknown").render(lang),
        ),
    }
}

/// The Cafs side by side: a line per Caf, a line per Caf and year, and
/// their applications and amounts as charts.
fn comparison(report: &CampaignReport, lang: Lang) -> Comparison {
    let say = |message: Message| message.render(lang);
    let money = |amounts: &[Decimal]| amounts.iter().map(|a| french_money(*a)).collect();
    let cafs = report
        .by_caf
        .iter()
        .map(|part| {
            let (id, name) = caf_names(part.caf.as_deref(), lang);
            let mut counts: Vec<String> = part.report.statuses.iter().map(|(_, n)| count(*n)).collect();
            counts.push(count(part.report.errors));
            CafRow {
                id,
                name,
                records: count(part.report.records),
                counts,
                amounts: money(&part.report.totals),
            }
        })
        .collect();
    let caf_name = |caf: Option<&str>| caf_names(caf, lang).1;
    let label = |caf: Option<&str>, year: &str| {
        say(msg!(
            "campaign-caf-year",
            caf = caf_name(caf).as_str(),
            year = year
        ))
    };
    let years: Vec<CafYearRow> = report
        .by_caf_year
        .iter()
        .map(|row| CafYearRow {
            label: label(row.caf.as_deref(), &row.year),
            decided: count(row.decided),
            amounts: money(&row.amounts),
        })
        .collect();
    let decided: Vec<(String, u64)> = report
        .by_caf_year
        .iter()
        .map(|row| (label(row.caf.as_deref(), &row.year), row.decided))
        .collect();
    let parts: Vec<Message> = decided
        .iter()
        .map(|(label, n)| msg!("campaign-status-part", label = label, count = count(*n)))
        .collect();
    let applications_chart = chart::count_bars(
        &Caption {
            id: "comparaison-demandes",
            title: &say(msg!("campaign-comparison-applications-title")),
            description: &say(msg!("campaign-statuses-description", list = all_of(parts))),
        },
        &decided,
    );
    // The last money output: the total the rulebooks give.
    let last = report.columns.len().saturating_sub(1);
    let last_label = report.columns.last().map(|c| c.label.clone()).unwrap_or_default();
    let amounts: Vec<(String, Decimal)> = report
        .by_caf_year
        .iter()
        .map(|row| {
            (
                label(row.caf.as_deref(), &row.year),
                row.amounts.get(last).copied().unwrap_or_default(),
            )
        })
        .collect();
    let parts: Vec<Message> = amounts
        .iter()
        .map(|(label, amount)| {
            msg!(
                "campaign-budget-part",
                label = label,
                amount = french_money(*amount)
            )
        })
        .collect();
    let amounts_chart = chart::bars(
        &Caption {
            id: "comparaison-montants",
            title: &say(msg!(
                "campaign-comparison-amounts-title",
                output = last_label.as_str()
            )),
            description: &say(msg!("campaign-budget-description", list = all_of(parts))),
        },
        &amounts,
    );
    Comparison {
        intro: say(msg!(
            "campaign-comparison-intro",
            count = plural(report.by_caf.len() as u64)
        )),
        statuses: [
            msg!("campaign-status-eligible"),
            msg!("campaign-status-ineligible"),
            msg!("campaign-status-incomplete"),
            msg!("campaign-status-error"),
        ]
        .into_iter()
        .map(say)
        .collect(),
        columns: report.columns.iter().map(|c| c.label.clone()).collect(),
        cafs,
        years,
        applications_chart,
        amounts_chart,
    }
}

/// Where a body goes: its heading levels, the start of its charts' ids,
/// the name of its Caf (for the charts' titles), what it leaves out.
struct Scope {
    h: (&'static str, &'static str),
    prefix: String,
    name: Option<String>,
    only_errors: bool,
    histograms_elsewhere: bool,
    has_cafs: bool,
}

fn body(report: &CampaignReport, rulebooks: &[RulebookRef], lang: Lang, scope: &Scope) -> Body {
    let t = Tr(lang);
    let say = |message: Message| message.render(lang);
    let titled = |title: String| match &scope.name {
        Some(name) => say(msg!("campaign-chart-of", title = title, scope = name.as_str())),
        None => title,
    };
    let status_label = |status: Status| match status {
        Status::Eligible => say(msg!("campaign-status-eligible")),
        Status::Ineligible => say(msg!("campaign-status-ineligible")),
        Status::Incomplete => say(msg!("campaign-status-incomplete")),
    };
    let mut counted: Vec<(String, u64)> = report
        .statuses
        .iter()
        .map(|(status, n)| (status_label(*status), *n))
        .collect();
    counted.push((say(msg!("campaign-status-error")), report.errors));
    let statuses = counted
        .iter()
        .map(|(label, n)| CountRow {
            label: label.clone(),
            count: count(*n),
            share: share(*n, report.records),
        })
        .collect();
    let parts: Vec<Message> = counted
        .iter()
        .map(|(label, n)| msg!("campaign-status-part", label = label, count = count(*n)))
        .collect();
    let status_chart = chart::count_bars(
        &Caption {
            id: &format!("{}decisions", scope.prefix),
            title: &titled(say(msg!("campaign-statuses-title"))),
            description: &say(msg!("campaign-statuses-description", list = all_of(parts))),
        },
        &counted,
    );

    let budget: Vec<(String, Decimal)> = report
        .columns
        .iter()
        .zip(&report.totals)
        .map(|(c, total)| (c.label.clone(), *total))
        .collect();
    let parts: Vec<Message> = budget
        .iter()
        .map(|(label, amount)| {
            msg!(
                "campaign-budget-part",
                label = label,
                amount = french_money(*amount)
            )
        })
        .collect();
    let budget_chart = chart::bars(
        &Caption {
            id: &format!("{}budget", scope.prefix),
            title: &titled(say(msg!("campaign-budget-title"))),
            description: &say(msg!("campaign-budget-description", list = all_of(parts))),
        },
        &budget,
    );
    let group_row = |group: &Group| GroupRow {
        name: group.name.clone(),
        applications: count(group.applications),
        amounts: group.amounts.iter().map(|a| french_money(*a)).collect(),
    };
    let last_label = report.columns.last().map(|c| c.label.clone()).unwrap_or_default();
    let (carriers, carriers_note) = match &report.carriers {
        None => (Vec::new(), Vec::new()),
        Some(carriers) => {
            let mut rows: Vec<GroupRow> = carriers.top.iter().map(group_row).collect();
            let mut note = Vec::new();
            match &carriers.others {
                Some((others, group)) => {
                    let mut row = group_row(group);
                    row.name = say(msg!("campaign-other-carriers", count = count(*others)));
                    rows.push(row);
                    note.push(say(msg!(
                        "campaign-carriers-top",
                        shown = count(carriers.top.len() as u64),
                        last = last_label.as_str(),
                        others = count(*others)
                    )));
                }
                None => note.push(say(msg!(
                    "campaign-carriers-all",
                    count = carriers.top.len(),
                    shown = count(carriers.top.len() as u64),
                    last = last_label.as_str()
                ))),
            }
            if carriers.untracked > 0 {
                note.push(say(msg!(
                    "campaign-carriers-untracked",
                    tracked = count(CARRIERS_TRACKED as u64),
                    applications = count(carriers.untracked)
                )));
            }
            (rows, note)
        }
    };

    let rule_rows = |lines: &[RuleLine]| -> Vec<RuleRow> {
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| RuleRow {
                rank: i + 1,
                kind: match (line.severity, &line.list) {
                    (RuleSeverity::Refuse, Some(_)) => say(msg!("campaign-severity-exclusion")),
                    (RuleSeverity::Refuse, None) => say(msg!("campaign-severity-refuse")),
                    (RuleSeverity::Incomplete, _) => say(msg!("campaign-severity-incomplete")),
                    (RuleSeverity::Warn, _) => say(msg!("campaign-severity-warn")),
                    (RuleSeverity::Info, _) => say(msg!("campaign-severity-info")),
                },
                message: line.message.clone(),
                rule: line.rule.clone(),
                source: line.source.clone().unwrap_or_default(),
                applications: count(line.applications),
                times: match &line.list {
                    Some(_) => count(line.times),
                    None => String::new(),
                },
            })
            .collect()
    };

    let errors: Vec<ErrorRow> = report
        .errors_listed
        .iter()
        .map(|(line, error)| ErrorRow {
            line: line.to_string(),
            field: error.field.clone(),
            code: error.code.id().to_string(),
            message: error.message.render(lang),
        })
        .collect();
    let more = report.errors.saturating_sub(errors.len() as u64);

    Body {
        t,
        h: scope.h.0,
        hh: scope.h.1,
        only_errors: scope.only_errors,
        histograms_elsewhere: scope.histograms_elsewhere,
        has_cafs: scope.has_cafs,
        statuses,
        records: count(report.records),
        status_chart,
        budget_intro: say(msg!("campaign-budget-intro")),
        budget: budget
            .iter()
            .map(|(label, amount)| (label.clone(), french_money(*amount)))
            .collect(),
        budget_chart,
        columns: report.columns.iter().map(|c| c.label.clone()).collect(),
        niveaux: report.by_niveau.iter().map(group_row).collect(),
        has_carriers: report.carriers.is_some(),
        carriers,
        carriers_note,
        histograms: if scope.histograms_elsewhere {
            Vec::new()
        } else {
            report
                .histograms
                .iter()
                .enumerate()
                .map(|(i, h)| histogram(h, i, lang, scope))
                .collect()
        },
        refusals_intro: say(msg!("campaign-refusals-intro")),
        refusals: rule_rows(&report.refusals),
        notices_intro: say(msg!("campaign-notices-intro")),
        notices: rule_rows(&report.notices),
        yes_no_intro: say(msg!("campaign-yes-no-intro", eligible = count(report.eligible))),
        yes_no: report
            .yes_no
            .iter()
            .map(|y| (y.label.clone(), count(y.yes), count(y.no)))
            .collect(),
        errors_intro: say(msg!(
            "campaign-errors-intro",
            count = plural(report.errors),
            shown = count(report.errors)
        )),
        error_codes: report
            .error_codes
            .iter()
            .map(|(code, n)| (code.id().to_string(), count(*n)))
            .collect(),
        errors,
        errors_more: if more > 0 {
            say(msg!(
                "campaign-errors-more",
                more = count(more),
                limit = count(ERRORS_LISTED as u64)
            ))
        } else {
            String::new()
        },
        rulebooks_intro: say(if scope.has_cafs {
            msg!("campaign-rulebooks-intro-cafs", count = report.rulebooks.len())
        } else {
            msg!("campaign-rulebooks-intro", count = report.rulebooks.len())
        }),
        rulebooks: report
            .rulebooks
            .iter()
            .map(|used| {
                let reference = rulebooks
                    .iter()
                    .find(|r| r.year == used.year && r.caf == used.caf);
                let mut files: Vec<(String, String)> = reference
                    .map(|r| {
                        r.layers
                            .iter()
                            .map(|l| (l.file.clone(), l.sha256.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                if files.is_empty()
                    && let Some(r) = reference
                {
                    files.push((r.file.clone(), r.sha256.clone()));
                }
                BookRow {
                    caf: used
                        .caf
                        .as_deref()
                        .map(|caf| caf_names(Some(caf), lang).1)
                        .unwrap_or_default(),
                    files,
                    title: reference.map(|r| r.title.clone()).unwrap_or_default(),
                    year: used.year.clone(),
                    version: reference
                        .and_then(|r| r.version.clone())
                        .unwrap_or_else(|| say(msg!("campaign-no-version"))),
                    sha256: reference.map(|r| r.sha256.clone()).unwrap_or_default(),
                    decided: count(used.decided),
                }
            })
            .collect(),
    }
}

/// Messages said one after the other, « et » before the last.
fn all_of(parts: Vec<Message>) -> crate::i18n::Arg {
    crate::i18n::Arg::AllOf(parts)
}

/// A histogram, its words and its table.
fn histogram(h: &Histogram, index: usize, lang: Lang, scope: &Scope) -> HistogramView {
    let say = |message: Message| message.render(lang);
    let id = format!("{}montants-{}", scope.prefix, index + 1);
    let lowest = french_money(h.lowest.unwrap_or_default());
    let highest = french_money(h.highest.unwrap_or_default());
    let width = h
        .buckets
        .first()
        .map(|b| french_money(b.high - b.low))
        .unwrap_or_default();
    let ceiling_said = h
        .ceiling
        .as_ref()
        .map(|c| {
            say(msg!(
                "campaign-histogram-ceiling-said",
                amount = french_money(c.amount)
            ))
        })
        .unwrap_or_default();
    let title = say(msg!(
        "campaign-histogram-title",
        output = h.output.as_str(),
        list = h.list.as_str(),
        year = h.year.as_str()
    ));
    let title = match &scope.name {
        Some(name) => say(msg!("campaign-chart-of", title = title, scope = name.as_str())),
        None => title,
    };
    let description = say(msg!(
        "campaign-histogram-description",
        counted = count(h.counted),
        lowest = lowest.as_str(),
        highest = highest.as_str(),
        bars = count(h.buckets.len() as u64),
        width = width,
        ceiling = ceiling_said
    ));
    let buckets: Vec<chart::Bucket> = h
        .buckets
        .iter()
        .map(|b| chart::Bucket {
            low: b.low,
            high: b.high,
            count: b.count,
        })
        .collect();
    let legend = h
        .ceiling
        .as_ref()
        .map(|c| say(msg!("campaign-ceiling-legend", amount = french_money(c.amount))));
    let svg = if h.counted == 0 {
        String::new()
    } else {
        chart::histogram(
            &Caption {
                id: &id,
                title: &title,
                description: &description,
            },
            &buckets,
            h.ceiling
                .as_ref()
                .zip(legend.as_deref())
                .map(|(c, legend)| (c.amount, legend)),
        )
    };
    let mut sentences = Vec::new();
    if h.counted == 0 {
        sentences.push(say(msg!("campaign-histogram-empty")));
    } else {
        sentences.push(say(msg!(
            "campaign-histogram-counted",
            counted = count(h.counted),
            lowest = lowest.as_str(),
            highest = highest.as_str()
        )));
    }
    if h.buckets.iter().any(|b| b.count == 0) {
        sentences.push(say(msg!("campaign-histogram-empty-ranges")));
    }
    sentences.push(say(msg!(
        "campaign-histogram-excluded",
        excluded = count(h.excluded)
    )));
    sentences.push(say(msg!(
        "campaign-histogram-outside",
        outside = count(h.outside)
    )));
    sentences.push(match &h.ceiling {
        Some(c) if c.label == c.name => say(msg!(
            "campaign-histogram-ceiling-unlabelled",
            name = c.name.as_str(),
            amount = french_money(c.amount)
        )),
        Some(c) => say(msg!(
            "campaign-histogram-ceiling",
            label = c.label.as_str(),
            name = c.name.as_str(),
            amount = french_money(c.amount)
        )),
        None => say(msg!("campaign-histogram-no-ceiling")),
    });
    let last = h.buckets.len().saturating_sub(1);
    let rows = h
        .buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.count > 0)
        .map(|(i, b)| {
            let (low, high) = (french_money(b.low), french_money(b.high));
            let range = if i == last {
                say(msg!("campaign-bucket-last", low = low, high = high))
            } else {
                say(msg!("campaign-bucket-range", low = low, high = high))
            };
            (range, count(b.count))
        })
        .collect();
    HistogramView {
        heading: say(msg!(
            "campaign-histogram-heading",
            output = h.output.as_str(),
            list = h.list.as_str(),
            year = h.year.as_str()
        )),
        svg,
        sentences,
        caption: title,
        rows,
    }
}
