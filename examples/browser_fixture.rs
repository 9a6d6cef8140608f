//! Writes a page for the browser test harness (`tests/browser/`) to prove
//! itself on: the project's base page (`templates/base.html`) with a table
//! and the three charts of `render::chart`, and the hostile texts of
//! `tests/browser/hostile/` shown through askama's escaping.
//!
//!     cargo run --example browser_fixture > page.html

use askama::Template;
use clas_rules::i18n::Lang;
use clas_rules::render::chart::{self, Bucket, Caption};
use clas_rules::render::html::Tr;
use rust_decimal::Decimal;

/// `templates/base.html` names its style sheet by `crate::render::html`:
/// the same path in this example's crate.
mod render {
    pub mod html {
        pub use clas_rules::render::html::STYLE;
    }
}

#[derive(Template)]
#[template(
    source = r#"{% extends "base.html" %}
{% block title %}Page d'essai du banc de test des navigateurs{% endblock %}
{% block content %}
<h1>Page d'essai : {{ porteur }}</h1>
<p class="meta">Faite par <code>examples/browser_fixture.rs</code> avec la page de base et les graphiques du projet.</p>
<h2>Collectifs</h2>
<table>
<caption>Collectifs de la demande</caption>
<thead><tr><th scope="col">Collectif</th><th scope="col" class="num">Enfants</th><th scope="col" class="num">Montant</th></tr></thead>
<tbody>
{% for (nom, enfants, montant) in collectifs %}<tr><th scope="row">{{ nom }}</th><td class="num">{{ enfants }}</td><td class="num">{{ montant }}</td></tr>
{% endfor %}</tbody>
</table>
<h2>Graphiques</h2>
<figure>{{ bars|safe }}<figcaption>Barres</figcaption></figure>
<figure>{{ paired|safe }}<figcaption>Deux années</figcaption></figure>
<figure>{{ histogram|safe }}<figcaption>Histogramme</figcaption></figure>
<footer>clas-rules</footer>
{% endblock %}"#,
    ext = "html"
)]
struct Page {
    t: Tr,
    porteur: String,
    collectifs: Vec<(String, u32, String)>,
    bars: String,
    paired: String,
    histogram: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let script = "<script>alert(1)</script>".to_string();
    let image = "\"><img src=x onerror=alert(1)>".to_string();
    let amount = |cents: i64| Decimal::new(cents, 2);
    let bars = chart::bars(
        &Caption {
            id: "budget",
            title: "Budget par sortie",
            description: "Prestation de service 4 838 €, bonus enfants 610 €.",
        },
        &[
            ("Prestation de service".to_string(), amount(483_800)),
            (image.clone(), amount(61_000)),
        ],
    );
    let paired = chart::paired_bars(
        &Caption {
            id: "annees",
            title: "Budget des deux années",
            description: "2023-2024 : 4 838 € ; 2024-2025 : 5 143 €.",
        },
        ("2023-2024", "2024-2025"),
        &[("Total".to_string(), amount(483_800), amount(514_300))],
    );
    let histogram = chart::histogram(
        &Caption {
            id: "montants",
            title: "Montants par collectif",
            description: "3 collectifs de 2 000 à 2 500 €, 1 au plafond.",
        },
        &[
            Bucket {
                low: amount(200_000),
                high: amount(250_000),
                count: 3,
            },
            Bucket {
                low: amount(250_000),
                high: amount(260_000),
                count: 1,
            },
        ],
        Some((amount(256_300), "plafond")),
    );
    let page = Page {
        t: Tr(Lang::Fr),
        porteur: script,
        collectifs: vec![
            (image, 10, "2 275,00 €".to_string()),
            ("CM1 Les Puys".to_string(), 12, "2 563,00 €".to_string()),
        ],
        bars,
        paired,
        histogram,
    }
    .render()?;
    println!("{page}");
    Ok(())
}
