//! Hover, completion, go to definition and find references.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location, MarkupContent, MarkupKind,
    ReferenceParams, Url,
};
use serde_json::Value;
use treatywatch_model::references::{Expected, expected_at};
use treatywatch_model::{ActorKind, Record, RecordKind};

use crate::server::Server;
use crate::text::{Lines, word_at};

/// A record the server knows: its kind, id, file and where its id is.
pub(crate) struct Known<'a> {
    pub(crate) kind: RecordKind,
    pub(crate) id: &'a str,
    pub(crate) file: usize,
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) record: Option<&'a Record>,
}

/// Every record with an id: those other than claims (typed), then the claims (their facts).
pub(crate) fn known(server: &Server) -> Vec<Known<'_>> {
    let Some(session) = &server.session else {
        return Vec::new();
    };
    let mut out: Vec<Known<'_>> = session
        .data()
        .records
        .iter()
        .filter_map(|r| {
            let id = r.id()?;
            let span = r.span_of("/id");
            Some(Known {
                kind: r.kind,
                id,
                file: r.file,
                start: span.start,
                end: span.end,
                record: r.record.as_ref(),
            })
        })
        .collect();
    out.extend(session.claims().filter_map(|(file, f)| {
        Some(Known {
            kind: RecordKind::Claim,
            id: f.id.as_deref()?,
            file,
            start: f.id_span.start,
            end: f.id_span.end,
            record: None,
        })
    }));
    out
}

/// The kind of records file `uri` holds, from its folder.
pub(crate) fn kind_of(uri: &Url) -> Option<RecordKind> {
    let path = uri.to_file_path().ok()?;
    let folder = path.parent()?.file_name()?.to_str()?;
    RecordKind::from_folder(folder)
}

/// What a record is, in a few lines.
fn describe(k: &Known<'_>) -> String {
    let mut out = format!("**{}** `{}`", k.kind.name(), k.id);
    match k.record {
        Some(Record::Actor(a)) => {
            out.push_str(&format!("\n\n{} — {}", a.name, a.kind.as_str()));
            if let Some(existed) = &a.existed {
                out.push_str(&format!(", existed {existed}"));
            }
            for r in &a.roles {
                out.push_str(&format!("\n\n{} of `{}`, {}", r.title, r.of, r.period));
            }
        }
        Some(Record::Treaty(t)) => {
            out.push_str(&format!(
                "\n\n{} ({})\n\nopened {}",
                t.name, t.short_name, t.opened
            ));
            match &t.entry_into_force {
                Some(d) => out.push_str(&format!(" · in force {d}")),
                None => out.push_str(" · never in force"),
            }
            if let Some(end) = &t.end {
                out.push_str(&format!(" · end {} ({})", end.date, end.reason.as_str()));
            }
            out.push_str(&format!(" · {} parties", t.parties.len()));
        }
        Some(Record::Source(s)) => {
            out.push_str(&format!(
                "\n\n“{}”, {}, {}\n\n{}",
                s.title, s.publisher, s.published, s.url
            ));
        }
        Some(Record::Claim(c)) => out.push_str(&format!("\n\n{} — {}", c.date, c.summary)),
        None => {}
    }
    out
}

/// On a diagnostic: its rule's documentation (`treatywatch explain`). On an id: the record.
pub(crate) fn hover(server: &Server, p: HoverParams) -> Option<Hover> {
    let uri = p.text_document_position_params.text_document.uri;
    let position = p.text_document_position_params.position;
    let text = server.text_of(&uri)?;
    let lines = Lines::new(&text);
    let offset = lines.offset(position);
    if let Some(published) = server.published.get(&uri)
        && let Some(d) = published.iter().find(|d| {
            let r = d.lsp.range;
            r.start <= position && position <= r.end
        })
    {
        let rule = treatywatch_validator::find_rule(d.inner.rule.as_str())?;
        return Some(markdown(format!(
            "**{}** ({}): {}\n\n{}",
            rule.name,
            match rule.severity {
                treatywatch_loader::Severity::Error => "error",
                treatywatch_loader::Severity::Warning => "warning",
                treatywatch_loader::Severity::Note => "note",
            },
            rule.summary,
            rule.docs
        )));
    }
    let (_, _, word) = word_at(&text, offset)?;
    let all = known(server);
    let k = all.iter().find(|k| k.id == word)?;
    Some(markdown(describe(k)))
}

fn markdown(value: String) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    }
}

/// The schema of the value at `path` (keys, `*` for list items) in a record's schema.
fn schema_at<'a>(root: &'a Value, path: &[String]) -> Option<&'a Value> {
    let defs = root.get("$defs");
    let resolve = |mut s: &'a Value| -> &'a Value {
        for _ in 0..8 {
            let next = s
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
                .and_then(|name| defs?.get(name))
                .or_else(|| {
                    // `anyOf: [{$ref}, {type: null}]` (an optional field): the non-null one.
                    s.get("anyOf")?
                        .as_array()?
                        .iter()
                        .find(|v| v.get("type") != Some(&Value::from("null")))
                });
            match next {
                Some(n) => s = n,
                None => break,
            }
        }
        s
    };
    let mut s = resolve(root);
    for step in path {
        s = if step == "*" {
            resolve(s.get("items")?)
        } else {
            resolve(s.get("properties")?.get(step)?)
        };
    }
    Some(s)
}

/// Ids, enum values or field names, by where the cursor is.
pub(crate) fn completion(server: &Server, p: CompletionParams) -> Option<CompletionResponse> {
    let uri = p.text_document_position.text_document.uri;
    let position = p.text_document_position.position;
    let kind = kind_of(&uri)?;
    let text = server.text_of(&uri)?;
    let lines = Lines::new(&text);
    let line_start = lines.offset(lsp_types::Position::new(position.line, 0));
    let column = lines.offset(position) - line_start;
    let cursor = crate::cursor::at(&lines, position.line as usize, column);
    let path: Vec<&str> = cursor.path.iter().map(String::as_str).collect();
    let schema = kind.json_schema();
    let mut items = Vec::new();
    // An id the field expects.
    let expected = expected_at(kind, &path);
    if let Some(expected) = expected {
        for k in known(server) {
            if k.kind != expected.kind() {
                continue;
            }
            if expected == Expected::StateOrOrganization
                && matches!(k.record, Some(Record::Actor(a)) if a.kind == ActorKind::Person)
            {
                continue;
            }
            let detail = match k.record {
                Some(Record::Actor(a)) => Some(a.name.clone()),
                Some(Record::Treaty(t)) => Some(t.short_name.clone()),
                Some(Record::Source(s)) => Some(s.title.clone()),
                _ => None,
            };
            items.push(CompletionItem {
                label: k.id.to_string(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail,
                ..CompletionItem::default()
            });
        }
    } else if let Some(s) = schema_at(&schema, &cursor.path) {
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            // A value of a closed list (`action:`, `verdict:`, `allow: rule:`).
            for v in values.iter().filter_map(Value::as_str) {
                items.push(CompletionItem {
                    label: v.to_string(),
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    ..CompletionItem::default()
                });
            }
        } else if !cursor.after_colon
            && let Some(properties) = s.get("properties").and_then(Value::as_object)
        {
            // A field name of the mapping the cursor is in.
            for (name, property) in properties {
                items.push(CompletionItem {
                    label: name.clone(),
                    kind: Some(CompletionItemKind::FIELD),
                    detail: property
                        .get("description")
                        .and_then(Value::as_str)
                        .map(|d| d.lines().next().unwrap_or_default().to_string()),
                    insert_text: Some(format!("{name}: ")),
                    ..CompletionItem::default()
                });
            }
        }
    }
    let typed = cursor.typed.to_lowercase();
    items.retain(|i| i.label.to_lowercase().starts_with(&typed) || typed.is_empty());
    Some(CompletionResponse::Array(items))
}

/// Where the id under the cursor is defined.
pub(crate) fn definition(
    server: &Server,
    p: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let uri = p.text_document_position_params.text_document.uri;
    let text = server.text_of(&uri)?;
    let lines = Lines::new(&text);
    let (_, _, word) = word_at(
        &text,
        lines.offset(p.text_document_position_params.position),
    )?;
    let all = known(server);
    let locations: Vec<Location> = all
        .iter()
        .filter(|k| k.id == word)
        .filter_map(|k| location(server, k.file, k.start, k.end))
        .collect();
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}

fn location(server: &Server, file: usize, start: u32, end: u32) -> Option<Location> {
    let uri = server.uri_of(file)?;
    let text = server.text_of(&uri)?;
    let lines = Lines::new(&text);
    Some(Location::new(
        uri,
        lines.range(start as usize, end as usize),
    ))
}

/// Every place the id under the cursor is written, in every record file.
pub(crate) fn references(server: &Server, p: ReferenceParams) -> Option<Vec<Location>> {
    let uri = p.text_document_position.text_document.uri;
    let text = server.text_of(&uri)?;
    let lines = Lines::new(&text);
    let (_, _, word) = word_at(&text, lines.offset(p.text_document_position.position))?;
    let word = word.to_string();
    let session = server.session.as_ref()?;
    let mut out = Vec::new();
    for file in 0..session.listing().len() {
        if session.listing().kind(file).is_none() {
            continue;
        }
        let Some(uri) = server.uri_of(file) else {
            continue;
        };
        let Some(text) = server.text_of(&uri) else {
            continue;
        };
        let lines = Lines::new(&text);
        let mut from = 0;
        while let Some(at) = text[from..].find(&word) {
            let start = from + at;
            let end = start + word.len();
            let bounded = !text[..start]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_id_char)
                && !text[end..]
                    .chars()
                    .next()
                    .is_some_and(crate::text::is_id_char);
            if bounded {
                out.push(Location::new(uri.clone(), lines.range(start, end)));
            }
            from = end;
        }
    }
    Some(out)
}
