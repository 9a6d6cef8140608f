//! `clas-rules schema [--year Y]`: the JSON Schema of an application for a
//! year, generated from the rulebook's `input` declaration, to validate
//! exports from other tools before a campaign.

use super::RulesDirArg;
use crate::program::{Program, Type};
use serde_json::{Value as Json, json};
use std::process::ExitCode;

/// Arguments of `schema`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long)]
    year: Option<String>,
    #[arg(long, value_name = "CAF")]
    caf: Option<String>,
    #[command(flatten)]
    rules_dir: RulesDirArg,
}

fn schema_of(program: &Program, ty: &Type) -> Json {
    match ty {
        Type::Bool => json!({"type": "boolean"}),
        Type::Integer => json!({"type": "integer", "minimum": 0}),
        Type::Decimal | Type::Rate => json!({"type": ["number", "string"]}),
        Type::Money => json!({
            "description": "euros: a number, or a text with a decimal point, in whole cents, not negative",
            "oneOf": [
                {"type": "number", "minimum": 0, "multipleOf": 0.01},
                {"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$"}
            ]
        }),
        Type::Date => json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
        Type::Text => json!({"type": "string"}),
        Type::Enum(id) => {
            json!({"type": "string", "enum": program.enums.get(*id).map(|e| e.variants.clone()).unwrap_or_default()})
        }
        Type::Record(id) => {
            let Some(record) = program.records.get(*id) else {
                return json!({});
            };
            let properties: serde_json::Map<String, Json> = record
                .fields
                .iter()
                .map(|f| (f.name.clone(), schema_of(program, &f.ty)))
                .collect();
            let required: Vec<&str> = record.fields.iter().map(|f| f.name.as_str()).collect();
            json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
        }
        Type::List(item) => json!({"type": "array", "items": schema_of(program, item)}),
        Type::Optional(item) => json!({"anyOf": [schema_of(program, item), {"type": "null"}]}),
        Type::Range(_) | Type::EmptyList | Type::Error => json!({}),
    }
}

pub fn run(args: &Args) -> ExitCode {
    let compiled =
        match super::rulebook_of_caf_year(&args.rules_dir, args.caf.as_deref(), args.year.as_deref()) {
            Ok(compiled) => compiled,
            Err(code) => return code,
        };
    let Some(program) = compiled.program.as_ref() else {
        return ExitCode::from(1);
    };
    let mut schema = schema_of(program, &Type::Record(program.input));
    // The application may name its Caf: the one of this rulebook.
    if let (Some(caf), Some(properties)) = (
        compiled.caf(),
        schema.get_mut("properties").and_then(Json::as_object_mut),
    ) {
        properties.insert(
            crate::input::CAF_FIELD.into(),
            json!({"description": "the Caf the application is addressed to (its department number); optional", "const": caf}),
        );
    }
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        object.insert(
            "title".into(),
            json!(format!("Demande CLAS {}", program.header.year)),
        );
        object.insert(
            "description".into(),
            json!(format!("{} — {}", program.header.title, compiled.name)),
        );
    }
    println!("{}", serde_json::to_string_pretty(&schema).unwrap_or_default());
    ExitCode::SUCCESS
}
