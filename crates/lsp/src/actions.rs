//! Code actions: fixes for the diagnostics under the cursor, and the canonical layout. All
//! are edits the editor applies; the server writes nothing.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range, RenameFile,
    ResourceOp, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};
use treatywatch_model::RuleName;

use crate::server::Server;
use crate::text::Lines;

use treatywatch_validator::fixes::suggested_id;

/// The field a "missing field" message names.
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    Some(&rest[..rest.find('`')?])
}

fn edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn action(
    title: String,
    edit: WorkspaceEdit,
    preferred: bool,
    diagnostic: Option<&lsp_types::Diagnostic>,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d.clone()]),
        edit: Some(edit),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// The canonical layout of a record file's text (`fmt`), when it changes it.
pub(crate) fn canonical(kind: treatywatch_model::RecordKind, text: &str) -> Option<String> {
    let result = treatywatch_loader::parse_text(text, kind, treatywatch_loader::Limits::default());
    if result.problems.iter().any(|p| {
        matches!(
            p.kind,
            treatywatch_loader::ProblemKind::Syntax | treatywatch_loader::ProblemKind::DuplicateKey
        )
    }) {
        return None;
    }
    let order = kind.field_order();
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    let nodes: Vec<&treatywatch_loader::Node> = result.records.iter().map(|r| &r.node).collect();
    let formatted = treatywatch_loader::format::format_file(text, &nodes, &order);
    (formatted != text).then_some(formatted)
}

pub(crate) fn code_actions(
    server: &Server,
    p: CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let uri = p.text_document.uri;
    let text = server.text_of(&uri)?;
    let lines = Lines::new(&text);
    let mut out = Vec::new();
    let overlaps = |r: &Range| r.start <= p.range.end && p.range.start <= r.end;
    for d in server.published.get(&uri).into_iter().flatten() {
        if !overlaps(&d.lsp.range) {
            continue;
        }
        let inner = &d.inner;
        let span = (inner.span.start as usize, inner.span.end as usize);
        match inner.rule {
            RuleName::UnknownReference | RuleName::WrongReferenceKind => {
                if let Some(id) = inner.help.as_deref().and_then(suggested_id) {
                    out.push(action(
                        format!("Replace with `{id}`"),
                        edit(
                            &uri,
                            vec![TextEdit::new(lines.range(span.0, span.1), id.to_string())],
                        ),
                        true,
                        Some(&d.lsp),
                    ));
                }
            }
            RuleName::IdFilenameMismatch => {
                let (Ok(path), Some(id)) = (uri.to_file_path(), inner.record.as_deref()) else {
                    continue;
                };
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string();
                let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("yaml");
                let renamed = path.with_file_name(format!("{id}.{ext}"));
                if let Ok(new_uri) = Url::from_file_path(&renamed) {
                    out.push(action(
                        format!("Rename the file to `{id}.{ext}`"),
                        WorkspaceEdit {
                            document_changes: Some(DocumentChanges::Operations(vec![
                                DocumentChangeOperation::Op(ResourceOp::Rename(RenameFile {
                                    old_uri: uri.clone(),
                                    new_uri,
                                    options: None,
                                    annotation_id: None,
                                })),
                            ])),
                            ..WorkspaceEdit::default()
                        },
                        false,
                        Some(&d.lsp),
                    ));
                }
                out.push(action(
                    format!("Change the id to `{stem}`"),
                    WorkspaceEdit {
                        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                            text_document: OptionalVersionedTextDocumentIdentifier {
                                uri: uri.clone(),
                                version: None,
                            },
                            edits: vec![OneOf::Left(TextEdit::new(
                                lines.range(span.0, span.1),
                                stem.clone(),
                            ))],
                        }])),
                        ..WorkspaceEdit::default()
                    },
                    false,
                    Some(&d.lsp),
                ));
            }
            RuleName::Schema => {
                let Some(field) = missing_field(&inner.message) else {
                    continue;
                };
                // After the line of the mapping's first key, at that key's indentation.
                let start = lines.position(span.0);
                let indent = " ".repeat(start.character as usize);
                let at = Position::new(start.line + 1, 0);
                out.push(action(
                    format!("Add `{field}` (a placeholder to fill in)"),
                    edit(
                        &uri,
                        vec![TextEdit::new(
                            Range::new(at, at),
                            format!("{indent}{field}: TODO\n"),
                        )],
                    ),
                    false,
                    Some(&d.lsp),
                ));
            }
            _ => {}
        }
    }
    if let Some(kind) = crate::features::kind_of(&uri)
        && let Some(formatted) = canonical(kind, &text)
    {
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Put the file in the canonical layout (treatywatch fmt)".into(),
            kind: Some(CodeActionKind::SOURCE_FIX_ALL),
            edit: Some(edit(
                &uri,
                vec![TextEdit::new(lines.range(0, text.len()), formatted)],
            )),
            ..CodeAction::default()
        }));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_the_id_and_the_field() {
        assert_eq!(
            missing_field("missing field `sources` in the claim"),
            Some("sources")
        );
        assert_eq!(missing_field("`x` is not allowed"), None);
    }
}
