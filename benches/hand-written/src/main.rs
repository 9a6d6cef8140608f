//! A bound, not a rulebook: what a campaign costs when the program is
//! written by hand for the CLAS rulebooks instead of interpreting them.
//! `hand-written < apps.jsonl > /dev/null` (see scripts/bench-other-tools.sh).
//!
//! Every choice is made in its favour, so that its time stays below what a
//! faithful program would take: each line is read by serde_json into typed
//! structures (texts borrowed, enumerations checked, unknown keys refused,
//! one structure for every Caf and year); amounts are read as floating-point
//! numbers and counted in cents; it makes about twenty plain checks where the
//! rulebooks of Puy-de-Dôme make thirty-three rules over derived values (no
//! window per Caf, one MSA check, no review of the previous year); it writes,
//! by hand and without allocating, a decision of the same shape as
//! clas-rules' (86 % of its bytes on the benchmark's file, as it gives fewer
//! reasons). Its decisions are not the rulebooks' and must never be used.

use serde::Deserialize;
use std::borrow::Cow;
use std::io::{BufRead, Write};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Application<'a> {
    aide_aux_devoirs_exclusivement: bool,
    #[serde(borrow)]
    annee_scolaire: Cow<'a, str>,
    axes: Vec<Axis>,
    bonus: Bonus,
    #[serde(borrow, default)]
    caf: Option<Cow<'a, str>>,
    #[serde(borrow)]
    collectifs: Vec<Group<'a>>,
    #[serde(borrow)]
    depose_le: Cow<'a, str>,
    #[serde(borrow, default)]
    msa: Option<Msa<'a>>,
    niveau: Level,
    #[serde(borrow, default)]
    plateforme: Option<Cow<'a, str>>,
    #[serde(borrow)]
    porteur: Bearer<'a>,
}

#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Axis {
    Enfants,
    Parents,
    Ecole,
    Territoire,
}

#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Level {
    Elementaire,
    College,
    Lycee,
}

#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Status {
    Association,
    CentreSocial,
    Collectivite,
    Autre,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bonus {
    enfants_propose: bool,
    parents_propose: bool,
    #[serde(default)]
    participation_animation_departementale: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group<'a> {
    #[serde(default)]
    adultes_encadrants: Option<i64>,
    depenses: f64,
    enfants: i64,
    #[serde(borrow)]
    nom: Cow<'a, str>,
    #[serde(default)]
    seances_prevues: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Msa<'a> {
    #[serde(borrow)]
    financeur: Cow<'a, str>,
    montant_sollicite: f64,
    nouveau_projet: bool,
    population_agricole_significative: bool,
    territoire_rural: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bearer<'a> {
    annees_soutien_caf: i64,
    #[serde(borrow, default)]
    bilan_2022_2023_depose_le: Option<Cow<'a, str>>,
    charte_laicite: bool,
    #[serde(default)]
    collectifs_conventionnes_2022_2023: Option<i64>,
    contrat_engagement_republicain: bool,
    #[serde(default)]
    conventionne_2022_2023: Option<bool>,
    #[serde(borrow)]
    nom: Cow<'a, str>,
    statut: Status,
}

/// Whether a text is a day written `YYYY-MM-DD` (months and days in range).
fn is_day(text: &str) -> bool {
    let b = text.as_bytes();
    let digits =
        |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let number = |at: usize| {
        b.get(at..at + 2)
            .map_or(0, |d| (d[0] - b'0') * 10 + (d[1] - b'0'))
    };
    b.len() == 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (1..=12).contains(&number(5))
        && (1..=31).contains(&number(8))
}

/// Writes `cents` as euros with two decimals, in quotes.
fn euros(out: &mut impl Write, cents: i64) -> std::io::Result<()> {
    write!(out, "\"{}.{:02}\"", cents / 100, cents % 100)
}

/// Decides one application and writes its decision.
fn decide(out: &mut impl Write, line: u64, app: &Application) -> std::io::Result<()> {
    const MAX_GROUPS: usize = 64;
    let mut kept = [(false, 0i64); MAX_GROUPS];
    let mut ps = 0;
    for (group, slot) in app.collectifs.iter().zip(kept.iter_mut()) {
        let eligible = (8..=12).contains(&group.enfants)
            && group.seances_prevues.is_none_or(|s| s >= 30)
            && group.adultes_encadrants.is_none_or(|a| a >= 1);
        // 32.5 % of the expenses, within the ceiling, rounded to the euro.
        let cents = (group.depenses * 100.0).round() as i64;
        let amount = if eligible {
            (cents.min(788_500) * 325 + 50_000) / 100_000 * 100
        } else {
            0
        };
        ps += amount;
        *slot = (eligible, amount);
    }
    let groups = app.collectifs.len().min(MAX_GROUPS);
    let retained = kept.iter().take(groups).filter(|(eligible, _)| *eligible).count() as i64;
    let network = app.bonus.participation_animation_departementale.unwrap_or(true);
    let bonus_children = if app.bonus.enfants_propose && network {
        30_500 * retained
    } else {
        0
    };
    let bonus_parents = if app.bonus.parents_propose {
        30_500 * retained
    } else {
        0
    };
    let eligible = retained > 0
        && !app.aide_aux_devoirs_exclusivement
        && app.porteur.charte_laicite
        && app.porteur.contrat_engagement_republicain
        && app.axes.contains(&Axis::Enfants)
        && app.axes.contains(&Axis::Parents)
        && is_day(&app.depose_le)
        && app.niveau != Level::Lycee
        && app.caf.as_deref().is_none_or(|caf| !caf.is_empty())
        && app
            .plateforme
            .as_deref()
            .is_none_or(|platform| platform == "ELAN");
    // A bearer funded last year with fewer groups than it asks for now.
    let transition = app.porteur.conventionne_2022_2023 == Some(true)
        && app
            .porteur
            .collectifs_conventionnes_2022_2023
            .is_some_and(|before| before < app.collectifs.len() as i64);
    let eligible = eligible && !transition;
    let multi_year = app.porteur.annees_soutien_caf >= 2
        && app.porteur.statut != Status::Autre
        && app
            .porteur
            .bilan_2022_2023_depose_le
            .as_deref()
            .is_none_or(is_day);
    let msa = app.msa.as_ref().map(|msa| {
        msa.territoire_rural
            && msa.population_agricole_significative
            && msa.nouveau_projet
            && msa.montant_sollicite > 0.0
            && !msa.financeur.is_empty()
    });
    let (ps, bonus_children, bonus_parents) = if eligible {
        (ps, bonus_children, bonus_parents)
    } else {
        (0, 0, 0)
    };
    write!(out, "{{\"line\":{line},\"year\":")?;
    serde_json::to_writer(&mut *out, app.annee_scolaire.as_ref())?;
    out.write_all(if eligible {
        b",\"status\":\"eligible\""
    } else {
        b",\"status\":\"ineligible\""
    })?;
    out.write_all(b",\"outputs\":{\"ps\":")?;
    euros(out, ps)?;
    out.write_all(b",\"bonus_enfants\":")?;
    euros(out, bonus_children)?;
    out.write_all(b",\"bonus_parents\":")?;
    euros(out, bonus_parents)?;
    out.write_all(b",\"total\":")?;
    euros(out, ps + bonus_children + bonus_parents)?;
    write!(out, ",\"pluriannuel_possible\":{multi_year},\"porteur\":")?;
    serde_json::to_writer(&mut *out, app.porteur.nom.as_ref())?;
    if let Some(msa) = msa {
        write!(out, ",\"msa_recevable\":{msa}")?;
    }
    out.write_all(b"},\"collectifs\":[")?;
    for (at, (group, (kept, amount))) in app.collectifs.iter().zip(kept).enumerate() {
        if at > 0 {
            out.write_all(b",")?;
        }
        write!(out, "{{\"eligible\":{kept},\"montant\":")?;
        euros(out, if eligible { amount } else { 0 })?;
        out.write_all(b",\"nom\":")?;
        serde_json::to_writer(&mut *out, group.nom.as_ref())?;
        out.write_all(b"}")?;
    }
    out.write_all(b"],\"reasons\":[")?;
    let mut first = true;
    for (at, (kept, _)) in kept.iter().take(groups).enumerate() {
        if !kept {
            out.write_all(if first { b"" } else { b"," })?;
            first = false;
            write!(
                out,
                "{{\"rule\":\"effectif_du_collectif\",\"severity\":\"refuse\",\"item\":\"collectifs[{at}]\"}}"
            )?;
        }
    }
    if transition {
        out.write_all(if first { b"" } else { b"," })?;
        first = false;
        out.write_all(b"{\"rule\":\"transition_porteur_deja_conventionne\",\"severity\":\"refuse\"}")?;
    }
    if multi_year {
        out.write_all(if first { b"" } else { b"," })?;
        out.write_all(b"{\"rule\":\"financement_pluriannuel_possible\",\"severity\":\"info\"}")?;
    }
    out.write_all(b"]}")
}

// The floor's reading loop (benches/floor-serde), line for line, on purpose:
// the two programs differ only in what they do with a line.
fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut input = std::io::BufReader::with_capacity(1 << 20, stdin.lock());
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut line = String::new();
    let mut count = 0u64;
    let mut refused = 0u64;
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(1);
            }
        }
        count += 1;
        let written = match serde_json::from_str::<Application>(&line) {
            Ok(app) => decide(&mut out, count, &app),
            Err(_) => {
                refused += 1;
                out.write_all(b"null")
            }
        };
        if written.and_then(|()| out.write_all(b"\n")).is_err() {
            break;
        }
    }
    let _ = out.flush();
    eprintln!("{count} lines ({refused} not read)");
}
