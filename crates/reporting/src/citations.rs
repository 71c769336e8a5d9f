//! A markdown page's own citation numbers. The report numbers sources once, across the whole
//! briefing (the PDF is one document); a page of `reports/` renumbers the sources it cites 1,
//! 2, … as a reader meets them, so that a source added for one treaty's claim changes that
//! treaty's page, its actors' pages and the index — not every later number on every page,
//! and not two contributors' pull requests at once.
//!
//! Templates see it as `cite`: `cite.number(n)` is the page's number for the report's source
//! `n` (given on first use, in reading order), and `cite.sources()` the sources the page cited
//! so far, in its order, each with its page number — the list a page ends with.

use std::sync::{Arc, Mutex};

use minijinja::value::{Object, Serde, Value};
use minijinja::{Error, ErrorKind, State};

use crate::report::{Report, SourceView};

/// One page's numbering of the report's sources.
#[derive(Debug)]
pub(crate) struct PageCitations {
    /// The report's sources, by their report-wide number.
    sources: Arc<Vec<SourceView>>,
    /// The report-wide numbers this page cited, in the order it cited them.
    cited: Mutex<Vec<usize>>,
}

impl PageCitations {
    /// A fresh numbering for one page, over `sources` (see [`sources_of`]).
    pub(crate) fn value(sources: &Arc<Vec<SourceView>>) -> Value {
        Value::from_object(PageCitations {
            sources: Arc::clone(sources),
            cited: Mutex::new(Vec::new()),
        })
    }

    fn number(&self, report_number: usize) -> Result<usize, Error> {
        let mut cited = self.cited.lock().map_err(|_| poisoned())?;
        Ok(match cited.iter().position(|&n| n == report_number) {
            Some(at) => at + 1,
            None => {
                cited.push(report_number);
                cited.len()
            }
        })
    }

    fn cited_sources(&self) -> Result<Vec<SourceView>, Error> {
        let cited = self.cited.lock().map_err(|_| poisoned())?;
        Ok(cited
            .iter()
            .enumerate()
            .filter_map(|(at, n)| {
                let source = self.sources.iter().find(|s| s.number == *n)?;
                Some(SourceView {
                    number: at + 1,
                    ..source.clone()
                })
            })
            .collect())
    }
}

/// The report's sources, shared by every page's numbering.
pub(crate) fn sources_of(report: &Report) -> Arc<Vec<SourceView>> {
    Arc::new(report.sources.clone())
}

fn poisoned() -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        "a page's citations were left half-numbered",
    )
}

impl Object for PageCitations {
    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match (method, args) {
            ("number", [n]) => {
                let n = usize::try_from(n.clone()).map_err(|_| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("cite.number takes a source's number, not {n}"),
                    )
                })?;
                Ok(Value::from(self.number(n)?))
            }
            ("sources", []) => Ok(Value::from(Serde(self.cited_sources()?))),
            _ => Err(Error::from(ErrorKind::UnknownMethod)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(number: usize, id: &str) -> SourceView {
        SourceView {
            number,
            id: id.into(),
            title: format!("Title {id}"),
            kind: "news".into(),
            publisher: "P".into(),
            authors: Vec::new(),
            published: "2019".into(),
            url: "https://example.org".into(),
            archived_url: None,
        }
    }

    #[test]
    fn a_page_numbers_sources_in_the_order_it_cites_them() {
        let sources = Arc::new(vec![source(1, "a"), source(2, "b"), source(3, "c")]);
        let env = minijinja::Environment::new();
        let text = env
            .render_str(
                "{{ cite.number(3) }} {{ cite.number(1) }} {{ cite.number(3) }}|{% for s in cite.sources() %}{{ s.number }}={{ s.id }} {% endfor %}",
                minijinja::context! { cite => PageCitations::value(&sources) },
            )
            .unwrap();
        assert_eq!(text, "1 2 1|1=c 2=a ");
        let error = env
            .render_str(
                "{{ cite.number('x') }}",
                minijinja::context! { cite => PageCitations::value(&sources) },
            )
            .unwrap_err();
        assert!(
            error.to_string().contains("takes a source's number"),
            "{error}"
        );
    }
}
