//! `clas-rules doc`, run as users run it: the site of a small pair of years
//! (snapshot, its rulebooks shown above its pages), every link of every site
//! leading to a page and an anchor that exist, and a hostile rulebook's texts
//! shown as text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A fresh, empty folder for one test's site, nested to show `--out` creates it.
fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clas-rules-doc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("site")
}

/// Writes the site of `rules` (a folder, from the repository's root) and
/// reads its pages back: file name → HTML.
fn site(rules: &str, name: &str) -> BTreeMap<String, String> {
    let out = out_dir(name);
    let output = common::clas_rules(&["doc", rules, "--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    pages(&out)
}

fn pages(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// The values of an attribute (`href="…"`) in a page, in order.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = start + html[start..].find('"').unwrap();
            &html[start..end]
        })
        .collect()
}

/// Every problem with the links of a site: a link out of the site, to a page
/// that is not there, to an anchor its page does not have; an id twice on a page.
fn broken_links(site: &BTreeMap<String, String>) -> Vec<String> {
    let ids: BTreeMap<&str, Vec<&str>> = site
        .iter()
        .map(|(file, html)| (file.as_str(), attribute_values(html, "id")))
        .collect();
    let mut problems = Vec::new();
    for (file, list) in &ids {
        let unique: BTreeSet<&&str> = list.iter().collect();
        if unique.len() != list.len() {
            problems.push(format!("{file}: an id is given twice"));
        }
    }
    for (file, html) in site {
        for href in attribute_values(html, "href") {
            if href.is_empty() || href.contains(':') || href.starts_with('/') || href.contains("..") {
                problems.push(format!("{file}: `{href}` is not a link inside the site"));
                continue;
            }
            let (page, anchor) = match href.split_once('#') {
                Some((page, anchor)) => (if page.is_empty() { file.as_str() } else { page }, Some(anchor)),
                None => (href, None),
            };
            match (ids.get(page), anchor) {
                (None, _) => problems.push(format!("{file}: `{href}` leads to no page")),
                (Some(list), Some(anchor)) if !list.contains(&anchor) => {
                    problems.push(format!("{file}: `{href}` leads to no anchor"))
                }
                _ => {}
            }
        }
    }
    problems
}

/// A page without its style sheet (the same on every page, and long).
fn without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(start), Some(end)) => format!("{}<style>…</style>{}", &html[..start], &html[end + 8..]),
        _ => html.to_string(),
    }
}

#[test]
fn the_site_of_a_small_pair_of_years() {
    let site = site("tests/doc/small", "small");
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        ["2023-2024.html", "2024-2025.html", "index.html"]
    );
    let mut shown = String::new();
    for year in ["2023-2024", "2024-2025"] {
        let path = common::root().join(format!("tests/doc/small/{year}.clas"));
        shown.push_str(&format!(
            "==================== tests/doc/small/{year}.clas\n{}\n",
            std::fs::read_to_string(path).unwrap()
        ));
    }
    for file in ["index.html", "2023-2024.html", "2024-2025.html"] {
        shown.push_str(&format!(
            "==================== {file}\n{}\n",
            without_style(&site[file])
        ));
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn every_link_leads_to_a_page_and_an_anchor_of_the_site() {
    for (rules, name) in [
        ("rules", "real"),
        ("tests/doc/small", "small-links"),
        ("tests/doc/hostile", "hostile-links"),
    ] {
        let site = site(rules, name);
        let problems = broken_links(&site);
        assert!(problems.is_empty(), "{rules}:\n{}", problems.join("\n"));
        // Links there are: to each year, and from declarations to others.
        let links: usize = site.values().map(|h| attribute_values(h, "href").len()).sum();
        assert!(links > site.len(), "{rules}: only {links} links");
    }
}

#[test]
fn the_link_checker_finds_a_broken_link() {
    let mut site = BTreeMap::new();
    site.insert(
        "index.html".to_string(),
        "<a href=\"2023-2024.html#param-x\">x</a> <a href=\"https://example.org\">y</a> <p id=\"a\"></p><p id=\"a\"></p>"
            .to_string(),
    );
    site.insert("2023-2024.html".to_string(), "<p id=\"param-y\"></p>".to_string());
    assert_eq!(
        broken_links(&site),
        [
            "index.html: an id is given twice",
            "index.html: `2023-2024.html#param-x` leads to no anchor",
            "index.html: `https://example.org` is not a link inside the site",
        ]
    );
}

#[test]
fn the_parameters_of_the_real_rulebooks_show_their_value_in_every_year() {
    let site = site("rules", "real-values");
    let page = &site["2023-2024.html"];
    let row = page
        .split("<tr id=\"param-prix_plafond\">")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap()
        .replace(['\u{202f}', '\u{a0}'], " ");
    // Both years, in order, on the 2023-2024 page as on the next.
    let (first, second) = (row.find("7 885 €").unwrap(), row.find("8 000 €").unwrap());
    assert!(first < second, "{row}");
    assert!(site["2024-2025.html"].contains("<a href=\"2023-2024.html\">2023-2024</a>"));
    assert!(site["index.html"].contains("<a href=\"2024-2025.html\">2024-2025</a>"));
}

#[test]
fn a_hostile_rulebook_shows_its_texts_as_text() {
    let site = site("tests/doc/hostile", "hostile");
    for (file, html) in &site {
        assert!(!html.contains("<script"), "{file}");
        assert!(!html.contains("<img"), "{file}");
    }
    let page = &site["2023-2024.html"];
    // The rule's message, the output's label, the sources and the title, escaped.
    assert!(page.contains(
        "« &#60;script&#62;alert(1)&#60;/script&#62; et &#34;&#62;&#60;img src=x onerror=alert(1)&#62; »"
    ));
    assert!(page.contains("<h3>&#60;script&#62;alert(1)&#60;/script&#62; &#34;&#62;&#60;img src=x onerror=alert(1)&#62; <code>accorde</code></h3>"));
    assert!(site["index.html"].contains("Règles &#60;script&#62;alert(1)&#60;/script&#62;"));
}

#[test]
fn without_a_folder_the_rules_folder_is_documented_and_out_is_required() {
    let out = out_dir("default");
    let output = common::clas_rules(&["doc", "--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        pages(&out).keys().collect::<Vec<_>>(),
        ["2023-2024.html", "2024-2025.html", "index.html"]
    );
    let output = common::clas_rules(&["doc"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--out"));
}

#[test]
fn a_rulebook_with_errors_gives_no_site() {
    let rules = std::env::temp_dir().join(format!("clas-rules-doc-{}-broken-rules", std::process::id()));
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("2023-2024.clas"),
        "rulebook \"x\"\n  year \"2023-2024\"\n  source \"s\"\n\ninput demande {\n  n: integer\n}\n\noutput o: integer = inconnu\n",
    )
    .unwrap();
    let out = out_dir("broken");
    let output = common::clas_rules(&["doc", rules.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("inconnu"));
    assert!(!out.exists());
}
