//! The command line's help (`--help`, `help`, the help printed when a
//! command is missing) in the run's language. Clap builds the commands from
//! the derive in `cli/`; every text shown comes from the catalogs
//! (`locales/<lang>/help.ftl`): what each command does, what each option
//! means, its placeholder (`<FICHIER>`), the headings. The possible values
//! and the defaults are said in each option's text, so clap's English
//! `[default: …]` and `[possible values: …]` are not shown.

use crate::i18n::{Lang, Message};
use crate::msg;
use clap::{Arg, Command};

/// `command`, its subcommands and their arguments, with their help in `lang`.
pub(super) fn localized(mut command: Command, lang: Lang) -> Command {
    // Built first, so that clap's own `--help`, `--version` and `help` exist
    // and get their text too.
    command.build();
    localize(command, lang, true)
}

fn localize(command: Command, lang: Lang, root: bool) -> Command {
    let name = if root { "" } else { command.get_name() }.to_string();
    let say = |message: Message| message.render(lang);
    // The headings come from the catalogs, colon included (French puts a
    // space before it): clap's own would add a bare colon.
    let mut sections = Vec::new();
    if command.has_subcommands() {
        sections.push((msg!("help-heading-commands"), "{subcommands}"));
    }
    if command.get_positionals().next().is_some() {
        sections.push((msg!("help-heading-arguments"), "{positionals}"));
    }
    if command.get_opts().next().is_some() || command.get_arguments().any(|a| !a.is_positional()) {
        sections.push((msg!("help-heading-options"), "{options}"));
    }
    let sections: Vec<String> = sections
        .into_iter()
        .map(|(heading, tag)| format!("{}\n{tag}", say(heading)))
        .collect();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{}{{after-help}}",
        say(msg!("help-usage")),
        sections.join("\n\n")
    );
    let mut command = command
        .help_template(template)
        .subcommand_value_name(say(msg!("help-value-command")));
    if let Some(about) = about(&name) {
        command = command.about(say(about)).long_about(None);
    }
    let command = command.mut_args(|arg| localize_arg(arg, &name, lang));
    // The built-in `--help` and `--version` are not reached by `mut_args`.
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .filter(|id| id == "help" || id == "version")
        .collect();
    let mut command = ids.into_iter().fold(command, |command, id| {
        let name = name.clone();
        command.mut_arg(id, |arg| localize_arg(arg, &name, lang))
    });
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for sub in names {
        command = command.mut_subcommand(sub, |sub| localize(sub, lang, false));
    }
    command
}

fn localize_arg(arg: Arg, command: &str, lang: Lang) -> Arg {
    let mut arg = arg.hide_default_value(true).hide_possible_values(true);
    if let Some(help) = arg_help(command, arg.get_id().as_str()) {
        arg = arg.help(help.render(lang)).long_help(None);
    }
    if arg.get_action().takes_values()
        && let Some(name) = value_name(&placeholder(&arg))
    {
        arg = arg.value_name(name.render(lang));
    }
    arg
}

/// The placeholder clap shows for an argument's value: its value name, else
/// its id in capitals.
fn placeholder(arg: &Arg) -> String {
    arg.get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string)
}

/// What a command does (`""` for `clas-rules` itself).
fn about(command: &str) -> Option<Message> {
    Some(match command {
        "" => msg!("help-about"),
        "check" => msg!("help-check"),
        "eval" => msg!("help-eval"),
        "diff" => msg!("help-diff"),
        "test" => msg!("help-test"),
        "lsp" => msg!("help-lsp"),
        "gen" => msg!("help-gen"),
        "schema" => msg!("help-schema"),
        "years" => msg!("help-years"),
        "fmt" => msg!("help-fmt"),
        "explain" => msg!("help-explain"),
        "doc" => msg!("help-doc"),
        "help" => msg!("help-help"),
        _ => return None,
    })
}

/// What an argument of a command means.
fn arg_help(command: &str, arg: &str) -> Option<Message> {
    Some(match (command, arg) {
        ("help", "subcommand") => msg!("help-help-command"),
        (_, "help") => msg!("help-arg-help"),
        (_, "version") => msg!("help-arg-version"),
        (_, "lang") => msg!("help-arg-lang"),
        (_, "rules_dir") => msg!("help-arg-rules-dir"),
        ("check" | "fmt", "files") => msg!("help-arg-files"),
        ("eval", "application") => msg!("help-eval-application"),
        ("eval", "batch") => msg!("help-eval-batch"),
        ("eval", "input_format") => msg!("help-eval-input-format"),
        ("eval", "summary") => msg!("help-eval-summary"),
        ("eval", "report") => msg!("help-eval-report"),
        ("eval", "rules") => msg!("help-eval-rules"),
        ("eval", "caf") => msg!("help-eval-caf"),
        ("eval", "format") => msg!("help-eval-format"),
        ("eval", "explain") => msg!("help-eval-explain"),
        ("diff", "from") => msg!("help-diff-from"),
        ("diff", "to") => msg!("help-diff-to"),
        ("diff", "caf") => msg!("help-diff-caf"),
        ("diff", "year") => msg!("help-diff-year"),
        ("diff", "caf_from") => msg!("help-diff-caf-from"),
        ("diff", "caf_to") => msg!("help-diff-caf-to"),
        ("diff", "rules") => msg!("help-diff-rules"),
        ("diff", "keep_dates") => msg!("help-diff-keep-dates"),
        ("diff", "applications") => msg!("help-diff-applications"),
        ("diff", "format") => msg!("help-diff-format"),
        ("diff", "out") => msg!("help-diff-out"),
        ("test", "dir") => msg!("help-test-dir"),
        ("test", "update") => msg!("help-test-update"),
        ("lsp", "stdio") => msg!("help-lsp-stdio"),
        ("gen", "count") => msg!("help-gen-count"),
        ("gen", "seed") => msg!("help-gen-seed"),
        ("gen", "year") => msg!("help-gen-year"),
        ("gen", "format") => msg!("help-gen-format"),
        ("gen", "style") => msg!("help-gen-style"),
        ("gen", "caf") => msg!("help-gen-caf"),
        ("schema", "year") => msg!("help-schema-year"),
        ("schema", "caf") => msg!("help-schema-caf"),
        ("years", "format") => msg!("help-years-format"),
        ("fmt", "check") => msg!("help-fmt-check"),
        ("explain", "code") => msg!("help-explain-code"),
        ("doc", "rules") => msg!("help-doc-rules"),
        ("doc", "out") => msg!("help-doc-out"),
        ("doc", "caf") => msg!("help-doc-caf"),
        _ => return None,
    })
}

/// The placeholder of a value, in the run's language.
fn value_name(placeholder: &str) -> Option<Message> {
    Some(match placeholder {
        "FILE" => msg!("help-value-file"),
        "DIR" => msg!("help-value-dir"),
        "RULES_DIR" => msg!("help-value-rules-dir"),
        "APPLICATION" => msg!("help-value-application"),
        "APPLICATIONS" => msg!("help-value-applications"),
        "CAF" => msg!("help-value-caf"),
        "YEAR" => msg!("help-value-year"),
        "LANG" => msg!("help-value-lang"),
        "FORME" => msg!("help-value-form"),
        "CODE" => msg!("help-value-code"),
        "COUNT" => msg!("help-value-count"),
        "SEED" => msg!("help-value-seed"),
        "FORMAT" | "INPUT_FORMAT" => msg!("help-value-format"),
        "STYLE" => msg!("help-value-style"),
        "COMMAND" | "SUBCOMMAND" => msg!("help-value-command"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument of `command` (built), as (command, argument).
    fn walk(command: &Command, root: bool, out: &mut Vec<(String, Option<String>, Option<String>)>) {
        let name = if root { "" } else { command.get_name() }.to_string();
        out.push((name.clone(), None, None));
        for arg in command.get_arguments() {
            let value = arg.get_action().takes_values().then(|| placeholder(arg));
            out.push((name.clone(), Some(arg.get_id().to_string()), value));
        }
        for sub in command.get_subcommands() {
            walk(sub, false, out);
        }
    }

    #[test]
    fn every_command_argument_and_placeholder_has_its_text() {
        let mut command = <super::super::Cli as clap::CommandFactory>::command();
        command.build();
        let mut all = Vec::new();
        walk(&command, true, &mut all);
        assert!(all.len() > 60, "{} commands and arguments", all.len());
        for (name, arg, value) in &all {
            match arg {
                None => assert!(about(name).is_some(), "command `{name}` has no text"),
                Some(arg) => assert!(arg_help(name, arg).is_some(), "`{name} --{arg}` has no text"),
            }
            if let Some(value) = value {
                assert!(
                    value_name(value).is_some(),
                    "`{name}`: the placeholder {value} has no text"
                );
            }
        }
    }

    #[test]
    fn the_help_is_french_by_default_and_english_on_request() {
        let help = |lang| {
            let mut command = localized(<super::super::Cli as clap::CommandFactory>::command(), lang);
            let root = command.render_help().to_string();
            let eval = command
                .find_subcommand_mut("eval")
                .map(|eval| eval.render_help().to_string())
                .unwrap_or_default();
            (root, eval)
        };
        let (root, eval) = help(Lang::Fr);
        for french in [
            "Utilisation : clas-rules [OPTIONS] <COMMANDE>",
            "\nCommandes :\n",
            "\nOptions :\n",
            "Décide une demande",
            "Affiche l'aide",
        ] {
            assert!(root.contains(french), "{french}\n{root}");
        }
        for english in ["Usage:", "Commands:", "Print help", "Decides one application"] {
            assert!(!root.contains(english), "{english}\n{root}");
        }
        for french in [
            "[DEMANDE]",
            "--batch <FICHIER>",
            "--caf <CAF>",
            "séparé par des points-virgules",
            "\nArguments :\n  [DEMANDE]",
        ] {
            assert!(eval.contains(french), "{french}\n{eval}");
        }
        assert!(!eval.contains("[possible values"), "{eval}");
        assert!(!eval.contains("[default"), "{eval}");
        let (root, eval) = help(Lang::En);
        assert!(root.contains("Usage: clas-rules [OPTIONS] <COMMAND>"), "{root}");
        assert!(
            root.contains("\nCommands:\n") && root.contains("\nOptions:\n"),
            "{root}"
        );
        assert!(eval.contains("\nArguments:\n"), "{eval}");
        assert!(root.contains("Decides one application"), "{root}");
        assert!(eval.contains("--batch <FILE>"), "{eval}");
    }
}
